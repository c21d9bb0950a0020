#pragma once
// Parametric tropical-cyclone wind profiles (gradient level). Plain kernels, SI units:
// radii in m, pressure deficits in Pa, speeds in m/s, f in 1/s.
namespace taifeng::solver {

inline constexpr double rho_air = 1.15;  // kg/m³, boundary-layer air density (Holland 1980)

// Holland (1980) shape parameter from the maximum gradient wind:
// B = vm² e ρ / Δp, clipped to [b_min, b_max].
double holland_b(double vm, double dp_pa, double rho = rho_air, double b_min = 1.0,
                 double b_max = 2.5);

// Holland (1980) gradient wind:
// V(r) = sqrt( (B/ρ)(Rm/r)^B Δp e^{-(Rm/r)^B} + (r f / 2)² ) - r |f| / 2.
double holland1980_speed(double r, double rm, double b, double dp_pa, double rho, double f);

// Holland, Belanger & Fritz (2010): V = Vm [ (Rm/r)^B e^{1-(Rm/r)^B} ]^x with x = 0.5
// inside Rm, growing linearly with r outside so that V(r_edge) = v_edge.
double holland2010_speed(double r, double rm, double vm, double b, double r_edge = 300e3,
                         double v_edge = 17.0);

}  // namespace taifeng::solver
