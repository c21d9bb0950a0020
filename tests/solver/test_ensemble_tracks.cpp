// The `ensemble` track model: mean of NWP members / a-deck techniques.
#include <catch2/catch.hpp>

#include <cmath>

#include "taifeng/core/geo.hpp"
#include "taifeng/solver/ensemble_tracks.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {
const TimePoint t0 = make_utc(2005, 9, 25, 0);
// 6-hourly member along a parallel, moving west 0.5 deg per 6 h, lasting `hours`.
Track member(double lat, double vmax, int hours, double lon0 = 112.0) {
  Track t;
  for (int h = 0; h <= hours; h += 6) {
    TrackPoint p;
    p.time = t0 + std::chrono::hours(h);
    p.lat = lat;
    p.lon = lon0 - 0.5 * h / 6.0;
    p.vmax_ms = vmax;
    p.pmin_hpa = 960.0 + lat - 18.0;
    t.points.push_back(p);
  }
  return t;
}
}  // namespace

TEST_CASE("ensemble mean: symmetric members average to the centre line", "[solver][ensemble]") {
  const std::vector<Track> m{member(17.0, 30.0, 48), member(19.0, 40.0, 48),
                             member(18.0, 35.0, 48)};
  EnsembleMeanOptions o;
  o.step_hours = 3;
  o.lead_hours = 48;
  const Track mean = ensemble_mean_track(m, t0, o);
  REQUIRE(mean.points.size() == 17);
  for (const TrackPoint& p : mean.points) {
    // 17N, 18N and 19N on one meridian: the unit-vector mean lies on that meridian
    // halfway between 17N and 19N, i.e. at 18N exactly (rounding only).
    CHECK(p.lat == Approx(18.0).margin(1e-9));
    CHECK(p.vmax_ms == Approx(35.0).epsilon(1e-12));
    CHECK(p.pmin_hpa == Approx(960.0).epsilon(1e-12));
    CHECK(std::isnan(p.rmw_km));
  }
  CHECK(mean.points[4].lon == Approx(111.0).margin(1e-9));  // +12 h
}

TEST_CASE("ensemble mean: antimeridian, dropouts and averaging periods", "[solver][ensemble]") {
  EnsembleMeanOptions o;
  o.step_hours = 6;
  o.lead_hours = 48;
  // Members either side of 180: mean at 180, not at 0.
  const Track a = member(20.0, 30.0, 0, 179.0), b = member(20.0, 30.0, 0, -179.0);
  o.lead_hours = 0;
  const Track am = ensemble_mean_track({a, b}, t0, o);
  REQUIRE(am.points.size() == 1);
  CHECK(std::abs(lon360(am.points[0].lon) - 180.0) < 1e-9);
  CHECK(am.points[0].lat > 20.0);  // the great-circle midpoint bulges poleward

  // Four members, two of which end at +12 h: with the default 50 % the mean continues on
  // the two survivors; with 75 % it stops at +12 h.
  o.lead_hours = 48;
  const std::vector<Track> m{member(17.0, 30.0, 48), member(19.0, 30.0, 48), member(18.0, 30.0, 12),
                             member(18.5, 30.0, 12)};
  CHECK(ensemble_mean_track(m, t0, o).points.size() == 9);
  o.min_member_fraction = 0.75;
  CHECK(ensemble_mean_track(m, t0, o).points.size() == 3);

  // A 10-min member is converted to the first member's period before averaging.
  Track ten = member(18.0, 0.93 * 40.0, 0);
  for (auto& p : ten.points) p.averaging = WindAveraging::ten_minute;
  o.lead_hours = 0;
  o.min_member_fraction = 0.5;
  CHECK(ensemble_mean_track({member(18.0, 40.0, 0), ten}, t0, o).points[0].vmax_ms ==
        Approx(40.0).epsilon(1e-12));
}

TEST_CASE("resampled member: only its own span", "[solver][ensemble]") {
  const Track m = member(18.0, 30.0, 12);
  const Track r = resample_member(m, t0, 1.0, 48.0);
  REQUIRE(r.points.size() == 13);
  CHECK(r.points[6].lon == Approx(111.5).epsilon(1e-12));
  CHECK(resample_member(m, t0 + std::chrono::hours(24), 1.0, 48.0).points.empty());
}
