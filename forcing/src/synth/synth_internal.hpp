#pragma once
// Kernels shared by the synthetic-analysis model, configuration reader and writer.
namespace taifeng::forcing::synth {

inline constexpr double gravity = 9.80665;  // m/s², standard gravity (geopotential metre)
inline constexpr double rho_air = 1.15;     // kg/m³, Holland (1980) boundary-layer density
inline constexpr double min_f_lat = 5.0;    // |lat| below which f is held at f(5°)
inline constexpr double taper_start = 0.6;  // vortex winds taper from 0.6 R_out to R_out

// 2Ω sin(lat) with |lat| clamped to ≥ 5° (sign kept; +1 on the equator), 1/s.
double f_eff(double lat_deg);
// ln(850/p) / ln(850/200): 0 at 850 hPa, 1 at 200 hPa.
double s_of_p(double p_hpa);
// Vortex strength factor: 1 at p ≥ 850 hPa, 1 + (top − 1) s(p), not below 0.
double vortex_factor(double top_factor, double p_hpa);
// ICAO standard-atmosphere geopotential height of a pressure level, m.
double z_isa(double p_hpa);
// Holland (1980) gradient wind, SI units (r, rm in m, dp in Pa, f = |f| in 1/s).
double holland_speed(double r, double rm, double b, double dp, double f);
// 1 inside taper_start r_out, cos² to 0 at r_out.
double taper(double r, double r_out);

}  // namespace taifeng::forcing::synth
