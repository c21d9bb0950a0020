#include "taifeng/solver/official.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "taifeng/core/error.hpp"

namespace taifeng::solver {

Track official_forecast(const Track& advisory, TimePoint t0, double step_hours, double lead_hours) {
  TAIFENG_CHECK(!advisory.empty() && advisory.start() == t0, "advisory must start at t0");
  TAIFENG_CHECK(step_hours > 0 && lead_hours > 0, "bad forecast steps");
  Track fc;
  fc.id = advisory.id;
  fc.name = advisory.name;
  fc.source = advisory.source.empty() ? "official" : advisory.source;
  const double last = std::min(lead_hours, hours_between(t0, advisory.end()));
  const long n = long(std::floor(last / step_hours + 1e-9));
  // The advisory's radius of maximum wind where it gives one: linear in time between the
  // forecast hours that have it, the nearest given value held before/after them.
  std::vector<const TrackPoint*> with_rmw;
  for (const TrackPoint& p : advisory.points)
    if (!std::isnan(p.rmw_km)) with_rmw.push_back(&p);
  for (long k = 0; k <= n; ++k) {
    TrackPoint p = advisory.at(add_hours(t0, double(k) * step_hours));
    if (std::isnan(p.rmw_km) && !with_rmw.empty()) {
      auto hi = std::find_if(with_rmw.begin(), with_rmw.end(),
                             [&](const TrackPoint* q) { return q->time >= p.time; });
      if (hi == with_rmw.begin())
        p.rmw_km = with_rmw.front()->rmw_km;
      else if (hi == with_rmw.end())
        p.rmw_km = with_rmw.back()->rmw_km;
      else {
        const TrackPoint &a = **(hi - 1), &b = **hi;
        const double w = hours_between(a.time, p.time) / hours_between(a.time, b.time);
        p.rmw_km = a.rmw_km + w * (b.rmw_km - a.rmw_km);
      }
    }
    fc.points.push_back(std::move(p));
  }
  return fc;
}

}  // namespace taifeng::solver
