#include "taifeng/solver/ensemble_tracks.hpp"

#include <cmath>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::solver {

Track resample_member(const Track& member, TimePoint t0, double step_hours, double lead_hours) {
  TAIFENG_CHECK(step_hours > 0 && lead_hours >= 0, "bad forecast steps");
  Track out;
  out.id = member.id;
  out.name = member.name;
  out.source = member.source;
  const long n = long(std::floor(lead_hours / step_hours + 1e-9));
  for (long k = 0; k <= n; ++k) {
    const TimePoint t = add_hours(t0, double(k) * step_hours);
    if (member.covers(t)) out.points.push_back(member.at(t));
  }
  return out;
}

Track ensemble_mean_track(const std::vector<Track>& members, TimePoint t0,
                          const EnsembleMeanOptions& opt) {
  TAIFENG_CHECK(!members.empty(), "ensemble mean of no members");
  TAIFENG_CHECK(opt.step_hours > 0 && opt.lead_hours >= 0, "bad forecast steps");
  const double need = opt.min_member_fraction * double(members.size());
  Track mean;
  mean.source = "ensemble mean";
  const long n = long(std::floor(opt.lead_hours / opt.step_hours + 1e-9));
  for (long k = 0; k <= n; ++k) {
    const TimePoint t = add_hours(t0, double(k) * opt.step_hours);
    double x = 0, y = 0, z = 0;
    double v = 0, p = 0, r = 0;
    int count = 0, nv = 0, np = 0, nr = 0;
    TrackPoint first;
    for (const Track& m : members) {
      if (!m.covers(t)) continue;
      const TrackPoint q = m.at(t);
      if (count == 0) first = q;
      ++count;
      const double la = deg_to_rad(q.lat), lo = deg_to_rad(q.lon);
      x += std::cos(la) * std::cos(lo);
      y += std::cos(la) * std::sin(lo);
      z += std::sin(la);
      // Intensities of all members are in the first member's averaging period.
      if (!std::isnan(q.vmax_ms)) {
        v += q.vmax_ms * averaging_factor(q.averaging, first.averaging);
        ++nv;
      }
      if (!std::isnan(q.pmin_hpa)) p += q.pmin_hpa, ++np;
      if (!std::isnan(q.rmw_km)) r += q.rmw_km, ++nr;
    }
    if (count == 0 || double(count) < need) break;
    TrackPoint o;
    o.time = t;
    o.lat = rad_to_deg(std::atan2(z, std::hypot(x, y)));
    o.lon = rad_to_deg(std::atan2(y, x));
    // Keep the members' longitude convention (0..360 in the western Pacific files).
    if (first.lon > 180.0 && o.lon < 0) o.lon += 360.0;
    o.vmax_ms = nv ? v / nv : missing;
    o.averaging = first.averaging;
    o.pmin_hpa = np ? p / np : missing;
    o.rmw_km = nr ? r / nr : missing;
    o.source_ref = "mean of " + std::to_string(count) + " members";
    mean.points.push_back(std::move(o));
  }
  return mean;
}

}  // namespace taifeng::solver
