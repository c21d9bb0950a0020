#pragma once
// Physical parameters and source-term switches of the shallow-water core.
namespace taifeng::solver::swe {

enum class Limiter { minmod, mc };  // slope limiter of the MUSCL reconstruction

struct Physics {
  double g = 9.81;              // m/s²
  double rho_water = 1025.0;    // sea water, kg/m³
  double rho_air = 1.225;       // kg/m³, standard sea-level air (the wind-profile code uses
                                // 1.15 for Holland's B; surge models commonly use 1.2-1.225)
  double dry_tolerance = 1e-6;  // m: below this depth a cell is dry, its velocity is zero
  double manning_n = 0.0;       // s/m^(1/3); 0 = no bottom friction
  // Beta plane f = f0 + beta (y - y_ref); f0 = beta = 0 switches Coriolis off.
  double f0 = 0.0;     // 1/s
  double beta = 0.0;   // 1/(m s)
  double y_ref = 0.0;  // m
  // Wind stress acts fully on depths >= wind_min_depth and tapers linearly to 0 at h = 0,
  // so a film of water on a drying cell is not accelerated without bound.
  double wind_min_depth = 0.1;  // m
  Limiter limiter = Limiter::mc;
};

// Garratt (1977) 10 m drag coefficient, capped at 3.5e-3 (BRIEF).
double garratt_cd(double u10_speed);

// Surface wind stress (N/m²) of a 10 m wind (u10, v10): tau = rho_air C_d |U10| U10.
struct Stress {
  double x, y;
};
Stress wind_stress(double u10, double v10, double rho_air);

}  // namespace taifeng::solver::swe
