// Hourly wind fields and swath of one track (solver/wind_hazard.hpp): sub-stepping rule,
// swath = exact element-wise maximum, and bitwise reproducibility under any partition of
// the output times (the MPI decomposition) and any OpenMP thread count.
#include <catch2/catch.hpp>

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/solver/wind_field.hpp"
#include "taifeng/solver/wind_hazard.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {

const TimePoint t_start = make_utc(2005, 9, 25, 0);

// Hourly fixes moving due west (great circle) at speed_kmh from `start`.
Track westward_track(LonLat start, double speed_kmh, int hours, double rmw_km, double vmax = 40.0) {
  Track t;
  t.id = "TEST";
  for (int k = 0; k <= hours; ++k) {
    TrackPoint p;
    p.time = add_hours(t_start, double(k));
    const LonLat c = destination(start, 270.0, speed_kmh * k);
    p.lon = c.lon;
    p.lat = c.lat;
    p.vmax_ms = vmax;
    p.pmin_hpa = 960.0;
    p.rmw_km = rmw_km;
    t.points.push_back(p);
  }
  return t;
}

std::vector<TimePoint> hourly_times(int hours) {
  std::vector<TimePoint> times;
  for (int k = 0; k <= hours; ++k) times.push_back(add_hours(t_start, double(k)));
  return times;
}

// 0.1° grid over 10° x 10° around the tracks below (101 x 101 points).
Grid test_grid() {
  return Grid::from_box(110.0, 120.0, 13.0, 23.0, 0.1);
}

// A land mask: everything west of 113E is land (exercises the land path too).
std::vector<std::uint8_t> test_mask(const Grid& g) {
  std::vector<std::uint8_t> m(g.size(), 0);
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) m[g.index(i, j)] = g.lon(i) < 113.0 ? 1 : 0;
  return m;
}

bool same_bits(const double* a, const double* b, std::size_t n) {
  return std::memcmp(a, b, n * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("substeps: centre moves less than R_m / 2 per evaluation", "[solver][wind_hazard]") {
  const std::vector<TimePoint> times = hourly_times(1);
  // ceil(moved / (R_m / 2)), R_m = 40 km: about 100 km in one hour needs 5 sub-steps. The
  // distances are kept 1 m away from the multiples of 20 km so that the rounding of the
  // destination()/great_circle_km() round trip (~1e-12 km) cannot cross the ceil() step
  // (the exact multiple is checked below).
  CHECK(substeps(westward_track({118.0, 18.0}, 99.999, 1, 40.0), times, 1) == 5);
  CHECK(substeps(westward_track({118.0, 18.0}, 100.001, 1, 40.0), times, 1) == 6);
  CHECK(substeps(westward_track({118.0, 18.0}, 80.001, 1, 40.0), times, 1) == 5);
  CHECK(substeps(westward_track({118.0, 18.0}, 30.0, 1, 40.0), times, 1) == 2);
  CHECK(substeps(westward_track({118.0, 18.0}, 19.999, 1, 40.0), times, 1) == 1);
  // The first output time is a single evaluation.
  CHECK(substeps(westward_track({118.0, 18.0}, 100.0, 1, 40.0), times, 0) == 1);
  // Stationary storm: 1.
  CHECK(substeps(westward_track({118.0, 18.0}, 0.0, 1, 40.0), times, 1) == 1);
  // The smaller R_m of the two ends decides: R_m 40 -> 20 km, limit 10 km, 99.999 -> 10.
  {
    Track t = westward_track({118.0, 18.0}, 99.999, 1, 40.0);
    t.points[1].rmw_km = 20.0;
    CHECK(substeps(t, times, 1) == 10);
  }
  // Output times between the fixes: 3 h of fixes, half-hour outputs, 99.999 km/h ->
  // 50 km per output interval -> ceil(50 / 20) = 3.
  {
    const Track t = westward_track({118.0, 18.0}, 99.999, 3, 40.0);
    const std::vector<TimePoint> half{add_hours(t_start, 1.0), add_hours(t_start, 1.5)};
    CHECK(substeps(t, half, 1) == 3);
  }
}

TEST_CASE("substeps: exactly 100 km in one hour with R_m = 40 km gives 5",
          "[solver][wind_hazard]") {
  // Nominally ceil(100 / 20) = 5. The fix is placed with destination(start, 270°, 100 km);
  // great_circle_km() measures 100.00000000000036 km back; substeps() allows 1e-9 of
  // rounding before ceil() so this stays 5 (it once gave 6).
  const std::vector<TimePoint> times = hourly_times(1);
  const Track t = westward_track({118.0, 18.0}, 100.0, 1, 40.0);
  const double d =
      great_circle_km({t.points[0].lon, t.points[0].lat}, {t.points[1].lon, t.points[1].lat});
  REQUIRE(d == Approx(100.0).epsilon(1e-12));
  CHECK(substeps(t, times, 1) == 5);
}

TEST_CASE("wind_hazard_range: hourly fields and swath of a slow storm", "[solver][wind_hazard]") {
  // 10 km/h with R_m = 40 km: one evaluation per hour, so the swath is exactly the
  // element-wise maximum of the hourly fields (max is exact: bitwise equality).
  const int hours = 6;
  const Track track = westward_track({116.0, 18.0}, 10.0, hours, 40.0);
  const std::vector<TimePoint> times = hourly_times(hours);
  for (std::size_t k = 0; k < times.size(); ++k) REQUIRE(substeps(track, times, k) == 1);
  const Grid g = test_grid();
  const std::vector<std::uint8_t> mask = test_mask(g);
  const WindOptions opt;
  const std::size_t n = g.size(), nt = times.size();
  std::vector<double> hourly(nt * n, -1.0), swath(n, 0.0);
  wind_hazard_range(track, times, 0, nt, g, mask, opt, hourly.data(), swath.data());

  std::vector<double> field(n), expect_swath(n, 0.0);
  for (std::size_t k = 0; k < nt; ++k) {
    // Each hourly field is the wind field of the storm state at that time.
    wind_speed_field(storm_state_at(track, times[k]), opt, g, mask, field.data());
    INFO("k " << k);
    REQUIRE(same_bits(field.data(), hourly.data() + k * n, n));
    for (std::size_t i = 0; i < n; ++i) expect_swath[i] = std::max(expect_swath[i], field[i]);
  }
  REQUIRE(same_bits(expect_swath.data(), swath.data(), n));
  CHECK(*std::max_element(swath.begin(), swath.end()) > 30.0);
}

TEST_CASE("wind_hazard_range: the swath of a fast storm covers the sub-steps",
          "[solver][wind_hazard]") {
  // 100 km/h with R_m = 30 km: ceil(100 / 15) = 7 evaluations per hour. The swath is >=
  // every hourly field, exceeds their maximum between the hourly positions, and equals the
  // maximum over the hourly fields and the sub-step fields recomputed here (bitwise).
  const int hours = 5;
  const Track track = westward_track({118.5, 18.0}, 100.0, hours, 30.0);
  const std::vector<TimePoint> times = hourly_times(hours);
  const Grid g = test_grid();
  const std::vector<std::uint8_t> mask = test_mask(g);
  const WindOptions opt;
  const std::size_t n = g.size(), nt = times.size();
  std::vector<double> hourly(nt * n), swath(n, 0.0);
  wind_hazard_range(track, times, 0, nt, g, mask, opt, hourly.data(), swath.data());

  std::vector<double> hourly_max(n, 0.0);
  for (std::size_t k = 0; k < nt; ++k)
    for (std::size_t i = 0; i < n; ++i) {
      REQUIRE(swath[i] >= hourly[k * n + i]);
      hourly_max[i] = std::max(hourly_max[i], hourly[k * n + i]);
    }
  std::size_t gap_points = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (swath[i] > hourly_max[i] + 1.0) ++gap_points;
  CHECK(gap_points > 0);  // points near the track between hourly positions

  std::vector<double> field(n), expect(n, 0.0);
  for (std::size_t k = 0; k < nt; ++k) {
    const int m = substeps(track, times, k);
    CHECK(m == (k == 0 ? 1 : 7));
    for (int s = 1; s <= m; ++s) {
      const TimePoint t = k == 0 ? times[0] : times[k - 1] + (times[k] - times[k - 1]) * s / m;
      wind_speed_field(storm_state_at(track, t), opt, g, mask, field.data());
      for (std::size_t i = 0; i < n; ++i) expect[i] = std::max(expect[i], field[i]);
    }
  }
  REQUIRE(same_bits(expect.data(), swath.data(), n));
}

TEST_CASE("wind_hazard_range: any partition of the output times is bitwise identical",
          "[solver][wind_hazard]") {
  // As MPI ranks do: [0, k) and [k, n) computed separately, hourly fields concatenated and
  // swaths combined by max, must equal the single-range result bit for bit.
  const int hours = 6;
  const Track track = westward_track({118.5, 18.0}, 60.0, hours, 35.0);
  const std::vector<TimePoint> times = hourly_times(hours);
  const Grid g = test_grid();
  const std::vector<std::uint8_t> mask = test_mask(g);
  const WindOptions opt;
  const std::size_t n = g.size(), nt = times.size();
  std::vector<double> full(nt * n), full_swath(n, 0.0);
  wind_hazard_range(track, times, 0, nt, g, mask, opt, full.data(), full_swath.data());

  for (const std::size_t k : {std::size_t(1), std::size_t(3), std::size_t(6)}) {
    INFO("split at " << k);
    std::vector<double> a(k * n), b((nt - k) * n), sa(n, 0.0), sb(n, 0.0);
    wind_hazard_range(track, times, 0, k, g, mask, opt, a.data(), sa.data());
    wind_hazard_range(track, times, k, nt, g, mask, opt, b.data(), sb.data());
    REQUIRE(same_bits(a.data(), full.data(), k * n));
    REQUIRE(same_bits(b.data(), full.data() + k * n, (nt - k) * n));
    std::vector<double> merged(n);
    for (std::size_t i = 0; i < n; ++i) merged[i] = std::max(sa[i], sb[i]);
    REQUIRE(same_bits(merged.data(), full_swath.data(), n));
  }
  // One output time per "rank".
  std::vector<double> merged(n, 0.0), one(n);
  for (std::size_t k = 0; k < nt; ++k) {
    std::vector<double> sw(n, 0.0);
    wind_hazard_range(track, times, k, k + 1, g, mask, opt, one.data(), sw.data());
    REQUIRE(same_bits(one.data(), full.data() + k * n, n));
    for (std::size_t i = 0; i < n; ++i) merged[i] = std::max(merged[i], sw[i]);
  }
  REQUIRE(same_bits(merged.data(), full_swath.data(), n));
  // An empty range touches nothing.
  std::vector<double> untouched(n, 0.0);
  wind_hazard_range(track, times, 2, 2, g, mask, opt, nullptr, untouched.data());
  CHECK(std::all_of(untouched.begin(), untouched.end(), [](double v) { return v == 0.0; }));
  CHECK_THROWS(wind_hazard_range(track, times, 3, 2, g, mask, opt, full.data(), untouched.data()));
  CHECK_THROWS(
      wind_hazard_range(track, times, 0, nt + 1, g, mask, opt, full.data(), untouched.data()));
}

TEST_CASE("wind_hazard_range: independent of the OpenMP thread count", "[solver][wind_hazard]") {
  const int hours = 3;
  const Track track = westward_track({117.0, 18.0}, 60.0, hours, 35.0);
  const std::vector<TimePoint> times = hourly_times(hours);
  const Grid g = test_grid();
  const WindOptions opt;
  const std::size_t n = g.size(), nt = times.size();
  std::vector<double> h1(nt * n), s1(n, 0.0), h4(nt * n), s4(n, 0.0);
  const int saved = omp_get_max_threads();
  omp_set_num_threads(1);
  wind_hazard_range(track, times, 0, nt, g, {}, opt, h1.data(), s1.data());
  omp_set_num_threads(4);
  wind_hazard_range(track, times, 0, nt, g, {}, opt, h4.data(), s4.data());
  omp_set_num_threads(saved);
  REQUIRE(same_bits(h1.data(), h4.data(), nt * n));
  REQUIRE(same_bits(s1.data(), s4.data(), n));
}
