#include "taifeng/core/track.hpp"

#include <algorithm>

#include "taifeng/core/error.hpp"

namespace taifeng {

int minutes_of(WindAveraging a) {
  return static_cast<int>(a);
}

namespace {
double relative_to_one_minute(WindAveraging a) {
  switch (a) {
    case WindAveraging::one_minute:
      return 1.0;
    case WindAveraging::two_minute:
      return 1.0 / 1.04;
    case WindAveraging::ten_minute:
      return 0.93;
  }
  return 1.0;
}
double lerp(double a, double b, double w) {
  if (std::isnan(a) || std::isnan(b)) return w < 0.5 ? a : b;
  return a + (b - a) * w;
}
}  // namespace

double averaging_factor(WindAveraging from, WindAveraging to) {
  return relative_to_one_minute(to) / relative_to_one_minute(from);
}

TrackPoint Track::at(TimePoint t) const {
  TAIFENG_CHECK(!points.empty(), "interpolating an empty track");
  TAIFENG_CHECK(t >= start() && t <= end(), "time outside the track " + id);
  auto hi = std::lower_bound(points.begin(), points.end(), t,
                             [](const TrackPoint& p, TimePoint v) { return p.time < v; });
  if (hi->time == t) return *hi;
  auto lo = hi - 1;
  const double w = hours_between(lo->time, t) / hours_between(lo->time, hi->time);
  TrackPoint p = w < 0.5 ? *lo : *hi;  // radii and references from the nearer fix
  p.time = t;
  p.lat = lerp(lo->lat, hi->lat, w);
  p.lon = lerp(lo->lon, hi->lon, w);
  p.vmax_ms = lerp(lo->vmax_ms, hi->vmax_ms, w);
  p.pmin_hpa = lerp(lo->pmin_hpa, hi->pmin_hpa, w);
  p.rmw_km = lerp(lo->rmw_km, hi->rmw_km, w);
  return p;
}

}  // namespace taifeng
