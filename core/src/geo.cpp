#include "taifeng/core/geo.hpp"

#include <algorithm>
#include <cmath>

#include "taifeng/core/units.hpp"

namespace taifeng {

int beaufort_force(double v) {
  int f = 0;
  for (int k = 0; k < 18; ++k)
    if (v >= beaufort_lower_ms[k]) f = k;
  return f;
}

double coriolis(double lat_deg) {
  return 2.0 * omega_earth * std::sin(deg_to_rad(lat_deg));
}

double lon360(double lon) {
  const double l = std::fmod(lon, 360.0);
  return l < 0 ? l + 360.0 : l;
}

double great_circle_km(LonLat a, LonLat b) {
  const double p1 = deg_to_rad(a.lat), p2 = deg_to_rad(b.lat);
  const double dp = p2 - p1, dl = deg_to_rad(b.lon - a.lon);
  const double h = std::sin(dp / 2) * std::sin(dp / 2) +
                   std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2.0 * earth_radius_m / 1000.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

double bearing_deg(LonLat a, LonLat b) {
  const double p1 = deg_to_rad(a.lat), p2 = deg_to_rad(b.lat), dl = deg_to_rad(b.lon - a.lon);
  const double y = std::sin(dl) * std::cos(p2);
  const double x = std::cos(p1) * std::sin(p2) - std::sin(p1) * std::cos(p2) * std::cos(dl);
  const double brg = rad_to_deg(std::atan2(y, x));
  return std::fmod(brg + 360.0, 360.0);
}

LonLat destination(LonLat p, double brg, double d_km) {
  const double delta = d_km * 1000.0 / earth_radius_m, th = deg_to_rad(brg);
  const double p1 = deg_to_rad(p.lat), l1 = deg_to_rad(p.lon);
  const double p2 =
      std::asin(std::sin(p1) * std::cos(delta) + std::cos(p1) * std::sin(delta) * std::cos(th));
  const double l2 = l1 + std::atan2(std::sin(th) * std::sin(delta) * std::cos(p1),
                                    std::cos(delta) - std::sin(p1) * std::sin(p2));
  return {rad_to_deg(l2), rad_to_deg(p2)};
}

}  // namespace taifeng
