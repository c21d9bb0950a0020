// The "swe" track model (solver/swe_track.hpp) on analytic wind fields: advection by a
// uniform flow, beta drift at rest (north-west in the north, south-west in the south, at
// 1-3 m/s: Chan & Williams 1987, BRIEF), removal of an analysed vortex, thread
// independence, and its input errors.
#include <omp.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <iostream>
#include <numbers>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/swe_track.hpp"

using namespace taifeng;
using namespace taifeng::solver;
using Catch::Matchers::Contains;

namespace {

const TimePoint t0 = make_utc(2005, 9, 25, 0);

using WindFn = std::function<SteeringWind(double lon, double lat)>;

// One field time, levels 850 and 200 hPa (the BAMD layer), the same wind on both.
SteeringFields fields(const Grid& g, const WindFn& wind) {
  SteeringFields f;
  f.source = "analytic winds";
  f.grid = g;
  f.levels_hpa = {850, 200};
  f.times = {t0};
  f.u.resize(2 * g.size());
  f.v.resize(2 * g.size());
  for (std::size_t k = 0; k < 2; ++k)
    for (std::size_t j = 0; j < g.nlat; ++j)
      for (std::size_t i = 0; i < g.nlon; ++i) {
        const SteeringWind w = wind(g.lon(i), g.lat(j));
        f.u[f.index(0, k, i, j)] = w.u;
        f.v[f.index(0, k, i, j)] = w.v;
      }
  return f;
}

Track storm_at(double lon, double lat) {
  Track t;
  t.id = "TEST";
  for (int h : {-6, 0}) {
    TrackPoint p;
    p.time = add_hours(t0, h);
    p.lon = lon;
    p.lat = lat;
    p.vmax_ms = 40;
    p.pmin_hpa = 960;
    p.rmw_km = 40;
    t.points.push_back(p);
  }
  return t;
}

// Small, coarse and short enough for Debug/ASan builds.
SweTrackOptions small_options(double lead_h) {
  SweTrackOptions o;
  o.domain_half_width_km = 1800;
  o.resolution_km = 40;
  o.lead_hours = lead_h;
  o.output_interval_hours = 6;
  return o;
}

struct Motion {
  double speed_ms, heading_deg;
};

// Mean motion between two track points (great circle).
Motion motion(const TrackPoint& a, const TrackPoint& b) {
  const double km = great_circle_km({a.lon, a.lat}, {b.lon, b.lat});
  return {km * 1e3 / (3600.0 * hours_between(a.time, b.time)),
          bearing_deg({a.lon, a.lat}, {b.lon, b.lat})};
}

}  // namespace

TEST_CASE("swe track: beta drift of a vortex at rest is north-west (south-west) at 1-3 m/s",
          "[solver][swe_track]") {
  const Grid g = Grid::from_box(95, 145, -45, 45, 0.5);
  const SteeringFields f = fields(g, [](double, double) { return SteeringWind{0, 0}; });
  for (const double lat : {20.0, -20.0}) {
    const SweTrackResult r = swe_track_forecast(f, storm_at(120, lat), t0, small_options(36));
    INFO("lat " << lat << " stop: " << r.stop_reason);
    REQUIRE(r.stop_reason.empty());
    REQUIRE(r.track.points.size() == 7);  // 0, 6, ..., 36 h
    // Drift after the 12 h spin-up of the beta gyres.
    const Motion m = motion(r.track.points[2], r.track.points.back());
    std::cout << "swe track beta drift at " << lat << ": " << m.speed_ms << " m/s toward "
              << m.heading_deg << " deg (" << r.nx << "x" << r.ny << " cells, " << r.steps
              << " steps, mass change " << r.mass_rel_change << ")\n";
    CHECK(m.speed_ms > 1.0);
    CHECK(m.speed_ms < 3.0);
    if (lat > 0) {
      CHECK(m.heading_deg > 280.0);  // north-west quadrant, allowing 35 deg either way
      CHECK(m.heading_deg < 350.0);
    } else {
      CHECK(m.heading_deg > 190.0);  // mirrored: south-west
      CHECK(m.heading_deg < 260.0);
    }
  }
}

TEST_CASE("swe track: a uniform flow carries the vortex, an analysed vortex is removed",
          "[solver][swe_track]") {
  const Grid g = Grid::from_box(95, 145, -5, 45, 0.5);
  const double U = -5.0;  // easterly, m/s
  const SteeringFields plain = fields(g, [&](double, double) { return SteeringWind{U, 0}; });
  // The same flow with an analysed vortex at the storm centre (Chan–Williams, 40 m/s at
  // 100 km, b = 1: 2.7 m/s at 500 km, 0.2 m/s at 800 km).
  const LonLat c{125, 20};
  const SteeringFields with_vortex = fields(g, [&](double lon, double lat) {
    const double km = great_circle_km(c, {lon, lat});
    const double vt = 40.0 * km / 100 * std::exp(1 - km / 100);
    const double b = bearing_deg(c, {lon, lat}) * std::numbers::pi / 180;
    // Counter-clockwise: the wind at bearing b from the centre points toward b + 90 deg.
    return SteeringWind{U + vt * -std::cos(b) * (km > 0), vt * std::sin(b) * (km > 0)};
  });
  SweTrackOptions o = small_options(36);
  const SweTrackResult a = swe_track_forecast(plain, storm_at(c.lon, c.lat), t0, o);
  REQUIRE(a.stop_reason.empty());
  const Motion m = motion(a.track.points[2], a.track.points.back());
  std::cout << "swe track in a 5 m/s easterly: " << m.speed_ms << " m/s toward " << m.heading_deg
            << " deg\n";
  // Advection (5 m/s toward 270) plus the beta drift (1-3 m/s toward the north-west): the
  // motion is toward the west-north-west at 5-8 m/s.
  CHECK(m.speed_ms > 5.0);
  CHECK(m.speed_ms < 8.0);
  CHECK(m.heading_deg > 275.0);
  CHECK(m.heading_deg < 320.0);

  const SweTrackResult b = swe_track_forecast(with_vortex, storm_at(c.lon, c.lat), t0, o);
  REQUIRE(b.stop_reason.empty());
  const double miss = great_circle_km({a.track.points.back().lon, a.track.points.back().lat},
                                      {b.track.points.back().lon, b.track.points.back().lat});
  std::cout << "swe track with an analysed vortex: " << miss << " km from the clean run at 36 h\n";
  // The removal replaces the analysed winds inside 300 km and blends to 800 km, where the
  // analysed vortex still has a few m/s: what stays of it in the environment must not move
  // the storm by more than one 40 km cell in 36 h.
  CHECK(miss < 40.0);
}

TEST_CASE("swe track: same track for 1 and 2 threads", "[solver][swe_track]") {
  const Grid g = Grid::from_box(95, 145, -5, 45, 0.5);
  const SteeringFields f = fields(g, [](double lon, double lat) {
    return SteeringWind{-3.0 - 0.1 * (lat - 20), 0.05 * (lon - 120)};
  });
  SweTrackOptions o = small_options(12);
  o.tracker = swe::CentreMethod::height;
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const SweTrackResult a = swe_track_forecast(f, storm_at(122, 18), t0, o);
  omp_set_num_threads(2);
  const SweTrackResult b = swe_track_forecast(f, storm_at(122, 18), t0, o);
  omp_set_num_threads(threads);
  REQUIRE(a.track.points.size() == b.track.points.size());
  for (std::size_t k = 0; k < a.track.points.size(); ++k) {
    CHECK(a.track.points[k].lon == b.track.points[k].lon);
    CHECK(a.track.points[k].lat == b.track.points[k].lat);
  }
  CHECK(a.steps == b.steps);
}

TEST_CASE("swe track: input errors name what is wrong", "[solver][swe_track]") {
  const Grid small = Grid::from_box(110, 130, 10, 30, 0.5);
  const SteeringFields f = fields(small, [](double, double) { return SteeringWind{0, 0}; });
  // 10 deg of longitude is about 1050 km: less than relax 300 + removal 800 km.
  CHECK_THROWS_WITH(swe_track_forecast(f, storm_at(120, 20), t0, small_options(12)),
                    Contains("analytic winds") && Contains("relax_width_km + removal_outer_km"));
  const Grid g = Grid::from_box(95, 145, -5, 45, 0.5);
  SteeringFields holes = fields(g, [](double, double) { return SteeringWind{0, 0}; });
  holes.u[holes.index(0, 0, 40, 40)] = NAN;  // 115E 15N, inside the domain
  CHECK_THROWS_WITH(swe_track_forecast(holes, storm_at(120, 20), t0, small_options(12)),
                    Contains("missing layer-mean wind"));
  SweTrackOptions strong = small_options(12);
  strong.vortex_vmax_ms = 100;
  strong.vortex_rmw_km = 300;
  CHECK_THROWS_WITH(swe_track_forecast(fields(g,
                                              [](double, double) {
                                                return SteeringWind{0, 0};
                                              }),
                                       storm_at(120, 20), t0, strong),
                    Contains("equivalent_depth_m"));
  SweTrackOptions bad = small_options(12);
  bad.resolution_km = 0.5;
  CHECK_THROWS_WITH(swe_track_forecast(holes, storm_at(120, 20), t0, bad),
                    Contains("resolution_km"));
  CHECK_THROWS_AS(swe_track_forecast(holes, storm_at(120, 20), add_hours(t0, 6), small_options(12)),
                  taifeng::Error);
}
