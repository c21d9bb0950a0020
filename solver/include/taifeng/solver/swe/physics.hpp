#pragma once
// Physical parameters and source-term switches of the shallow-water core.
#include <cmath>

namespace taifeng::solver::swe {

enum class Limiter { minmod, mc };  // slope limiter of the MUSCL reconstruction

struct Physics {
  double g = 9.81;              // m/s²
  double rho_water = 1025.0;    // sea water, kg/m³
  double rho_air = 1.225;       // kg/m³, standard sea-level air (the wind-profile code uses
                                // 1.15 for Holland's B; surge models commonly use 1.2-1.225)
  double dry_tolerance = 1e-6;  // m: below this depth a cell is dry, its velocity is zero
  double manning_n = 0.0;       // s/m^(1/3); 0 = no bottom friction
  // Coriolis parameter of a row at y (m):
  //   beta plane (sphere_lat_ref_deg unset): f = f0 + beta (y - y_ref); f0 = beta = 0 is none;
  //   sphere (sphere_lat_ref_deg set): f = 2 Omega sin(lat), lat = lat_ref + (y - y_ref)/R,
  //   the full latitude dependence on a grid whose y is the meridional arc length from
  //   latitude lat_ref (the equivalent-barotropic track model uses this).
  double f0 = 0.0;     // 1/s
  double beta = 0.0;   // 1/(m s)
  double y_ref = 0.0;  // m
  double sphere_lat_ref_deg = NAN;
  double earth_radius_m = 6371000.0;  // as taifeng::earth_radius_m (core/units.hpp)
  double omega = 7.2921e-5;           // rad/s, as taifeng::omega_earth (core/units.hpp)
  // Wind stress acts fully on depths >= wind_min_depth and tapers linearly to 0 at h = 0,
  // so a film of water on a drying cell is not accelerated without bound.
  double wind_min_depth = 0.1;  // m
  Limiter limiter = Limiter::mc;
  // Order of accuracy: 2 = MUSCL reconstruction with `limiter` and SSP-RK2 (Heun); 1 = cell
  // values on the faces (no slopes) and one forward-Euler stage per step. Both keep the
  // hydrostatic reconstruction (well balanced, depth-positive). ssp_rk2_step checks 1 or 2.
  int order = 2;
};

// Coriolis parameter (1/s) at y (m) under phys (see Physics).
inline double coriolis_at(const Physics& phys, double y) {
  if (std::isnan(phys.sphere_lat_ref_deg)) return phys.f0 + phys.beta * (y - phys.y_ref);
  const double lat =
      phys.sphere_lat_ref_deg * (M_PI / 180.0) + (y - phys.y_ref) / phys.earth_radius_m;
  return 2.0 * phys.omega * std::sin(lat);
}

// Garratt (1977) 10 m drag coefficient, capped at 3.5e-3 (BRIEF).
double garratt_cd(double u10_speed);

// Surface wind stress (N/m²) of a 10 m wind (u10, v10): tau = rho_air C_d |U10| U10.
struct Stress {
  double x, y;
};
Stress wind_stress(double u10, double v10, double rho_air);

}  // namespace taifeng::solver::swe
