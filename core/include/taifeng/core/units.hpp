#pragma once
// Physical constants and unit conversions used across taifeng (SI inside).
#include <numbers>

namespace taifeng {

inline constexpr double earth_radius_m = 6371000.0;  // mean radius (IUGG)
inline constexpr double omega_earth = 7.2921e-5;     // rad/s
inline constexpr double knot_ms = 1852.0 / 3600.0;   // 1 kt in m/s (exact)
inline constexpr double nmi_km = 1.852;              // nautical mile in km

constexpr double deg_to_rad(double d) {
  return d * std::numbers::pi / 180.0;
}
constexpr double rad_to_deg(double r) {
  return r * 180.0 / std::numbers::pi;
}
constexpr double kt_to_ms(double kt) {
  return kt * knot_ms;
}
constexpr double ms_to_kt(double ms) {
  return ms / knot_ms;
}
constexpr double nmi_to_km(double nmi) {
  return nmi * nmi_km;
}

// Beaufort force lower bounds in m/s (CMA / GB/T 19201-2006 table, 10 m height).
inline constexpr double beaufort_lower_ms[] = {0.0,  0.3,  1.6,  3.4,  5.5,  8.0,  10.8,
                                               13.9, 17.2, 20.8, 24.5, 28.5, 32.7, 37.0,
                                               41.5, 46.2, 51.0, 56.1, 61.3};
// Beaufort force (0..17) of a wind speed in m/s.
int beaufort_force(double speed_ms);

// Coriolis parameter f = 2 Ω sin(lat).
double coriolis(double lat_deg);

}  // namespace taifeng
