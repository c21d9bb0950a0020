// Monte Carlo wind speed probabilities (solver/monte_carlo.hpp): order-independent member
// streams, AR(1) error statistics, the control member, 0/1 probabilities of identical
// members, bitwise-exact merging of partial ensembles, 1/sqrt(N) convergence, and the
// optimised accumulation against a straightforward whole-grid one.
#include <catch2/catch.hpp>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/solver/monte_carlo.hpp"
#include "taifeng/solver/track_errors.hpp"
#include "taifeng/solver/wind_field.hpp"
#include "taifeng/solver/wind_field_fast.hpp"
#include "taifeng/solver/wind_hazard.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {

const TimePoint t0 = make_utc(2005, 9, 25, 0);
constexpr std::uint64_t seed = 20050925;

// Hourly fixes from `start` along `heading` at speed_kmh for `hours`.
Track test_track(LonLat start = {116.0, 18.0}, double heading = 290.0, double speed_kmh = 20.0,
                 int hours = 24, double rmw_km = 40.0) {
  Track t;
  t.id = "MC";
  t.source = "test";
  for (int k = 0; k <= hours; ++k) {
    TrackPoint p;
    p.time = add_hours(t0, double(k));
    const LonLat c = destination(start, heading, speed_kmh * k);
    p.lon = c.lon;
    p.lat = c.lat;
    p.vmax_ms = 40.0;
    p.pmin_hpa = 960.0;
    p.rmw_km = rmw_km;
    t.points.push_back(p);
  }
  return t;
}

TrackErrorStats test_stats(double sd_scale = 1.0, double bias_scale = 1.0) {
  TrackErrorStats s;
  s.model = "test";
  s.lead_h = {12, 24, 48, 72};
  s.along_bias_km = {5 * bias_scale, 10 * bias_scale, -10 * bias_scale, 20 * bias_scale};
  s.along_sd_km = {40 * sd_scale, 70 * sd_scale, 120 * sd_scale, 170 * sd_scale};
  s.cross_bias_km = {-3 * bias_scale, 4 * bias_scale, 8 * bias_scale, 0};
  s.cross_sd_km = {30 * sd_scale, 55 * sd_scale, 100 * sd_scale, 140 * sd_scale};
  s.intensity_bias_ms = {0.5 * bias_scale, 1 * bias_scale, 0, -1 * bias_scale};
  s.intensity_sd_ms = {4 * sd_scale, 6 * sd_scale, 8 * sd_scale, 9 * sd_scale};
  s.along_lag_corr = 0.8;
  s.cross_lag_corr = 0.7;
  s.intensity_lag_corr = 0.6;
  return s;
}

std::vector<TimePoint> output_times(int hours, int step_h) {
  std::vector<TimePoint> times;
  for (int h = 0; h <= hours; h += step_h) times.push_back(add_hours(t0, double(h)));
  return times;
}

bool same_track(const Track& a, const Track& b) {
  if (a.points.size() != b.points.size()) return false;
  for (std::size_t i = 0; i < a.points.size(); ++i) {
    const TrackPoint &p = a.points[i], &q = b.points[i];
    const double x[] = {p.lon, p.lat, p.vmax_ms, p.pmin_hpa, p.rmw_km};
    const double y[] = {q.lon, q.lat, q.vmax_ms, q.pmin_hpa, q.rmw_km};
    if (p.time != q.time || std::memcmp(x, y, sizeof x) != 0) return false;
  }
  return true;
}

template <class T>
bool bitwise_equal(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

bool same_products(const WindProbabilityProducts& a, const WindProbabilityProducts& b) {
  bool ok = a.members == b.members && a.prob.size() == b.prob.size();
  for (std::size_t t = 0; ok && t < a.prob.size(); ++t)
    for (std::size_t w = 0; ok && w < a.prob[t].size(); ++w)
      ok = bitwise_equal(a.prob[t][w], b.prob[t][w]);
  return ok && bitwise_equal(a.gale_arrival_h, b.gale_arrival_h) &&
         bitwise_equal(a.mean_max_wind, b.mean_max_wind) &&
         bitwise_equal(a.p90_max_wind, b.p90_max_wind) &&
         bitwise_equal(a.strike_prob, b.strike_prob) &&
         bitwise_equal(a.cone_radius_km, b.cone_radius_km);
}

}  // namespace

TEST_CASE("Member tracks do not depend on the order members are computed", "[monte_carlo]") {
  const Track det = test_track();
  const TrackErrorStats stats = test_stats();
  const int n = 40;
  std::vector<Track> forward(n), backward(n), shuffled(n);
  for (int m = 0; m < n; ++m) forward[m] = perturb_track(det, stats, seed, m);
  for (int m = n; m-- > 0;) backward[m] = perturb_track(det, stats, seed, m);
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  for (int i = 0; i < n; ++i) std::swap(order[i], order[(i * 17 + 5) % n]);
  for (int m : order) shuffled[m] = perturb_track(det, stats, seed, m);
  for (int m = 0; m < n; ++m) {
    CHECK(same_track(forward[m], backward[m]));
    CHECK(same_track(forward[m], shuffled[m]));
  }
  CHECK(same_track(forward[0], det));  // member 0 is the control
  CHECK_FALSE(same_track(forward[1], det));
  CHECK_FALSE(same_track(forward[1], forward[2]));
  CHECK_FALSE(same_track(perturb_track(det, stats, seed + 1, 1), forward[1]));
}

TEST_CASE("Errors follow the AR(1) statistics across leads", "[monte_carlo]") {
  const TrackErrorStats s = test_stats();
  const int n = 20000;
  const std::size_t nl = s.lead_h.size();
  struct Series {
    const std::vector<double>*bias, *sd;
    double rho;
    std::vector<double> MemberErrors::*field;
  };
  const Series series[] = {
      {&s.along_bias_km, &s.along_sd_km, s.along_lag_corr, &MemberErrors::along_km},
      {&s.cross_bias_km, &s.cross_sd_km, s.cross_lag_corr, &MemberErrors::cross_km},
      {&s.intensity_bias_ms, &s.intensity_sd_ms, s.intensity_lag_corr,
       &MemberErrors::intensity_ms}};
  std::vector<MemberErrors> draws;
  for (int m = 1; m <= n; ++m) draws.push_back(draw_member_errors(s, seed, m));
  for (const Series& ser : series) {
    std::vector<double> mean(nl, 0.0), var(nl, 0.0);
    for (const MemberErrors& e : draws)
      for (std::size_t k = 0; k < nl; ++k) mean[k] += (e.*ser.field)[k] / n;
    for (const MemberErrors& e : draws)
      for (std::size_t k = 0; k < nl; ++k) var[k] += std::pow((e.*ser.field)[k] - mean[k], 2) / n;
    for (std::size_t k = 0; k < nl; ++k) {
      const double sd = (*ser.sd)[k];
      CHECK(std::abs(mean[k] - (*ser.bias)[k]) < 3.0 * sd / std::sqrt(double(n)));
      CHECK(std::abs(std::sqrt(var[k]) - sd) < 3.0 * sd / std::sqrt(2.0 * n));
    }
    for (std::size_t k = 1; k < nl; ++k) {
      double cov = 0;
      for (const MemberErrors& e : draws)
        cov += ((e.*ser.field)[k] - mean[k]) * ((e.*ser.field)[k - 1] - mean[k - 1]) / n;
      const double r = cov / std::sqrt(var[k] * var[k - 1]);
      CHECK(std::abs(r - ser.rho) < 3.0 * (1.0 - ser.rho * ser.rho) / std::sqrt(double(n)));
    }
  }
  // Linear interpolation in lead, 0 at lead 0, held beyond the last lead.
  const std::vector<double> lead{12, 24}, err{6, -6};
  CHECK(error_at_lead(lead, err, 0) == 0.0);
  CHECK(error_at_lead(lead, err, 6) == Approx(3.0));
  CHECK(error_at_lead(lead, err, 18) == Approx(0.0).margin(1e-12));
  CHECK(error_at_lead(lead, err, 48) == -6.0);
}

TEST_CASE("Errors are applied along and across the motion", "[monte_carlo]") {
  const Track det = test_track({116.0, 18.0}, 270.0);  // due west: right of motion = north
  TrackErrorStats s = test_stats(1.0, 0.0);
  s.cross_sd_km.assign(4, 0.0);
  s.intensity_sd_ms.assign(4, 0.0);
  const int m = 3;
  const MemberErrors e = draw_member_errors(s, seed, m);
  const Track along = perturb_track(det, s, seed, m);
  const TrackPoint &p = det.points[12], &q = along.points[12];  // lead 12 h = first stats lead
  CHECK(great_circle_km({p.lon, p.lat}, {q.lon, q.lat}) == Approx(std::abs(e.along_km[0])));
  CHECK((q.lon - p.lon) * e.along_km[0] < 0);  // positive along = ahead = farther west
  CHECK(q.vmax_ms == p.vmax_ms);

  TrackErrorStats c = test_stats(1.0, 0.0);
  c.along_sd_km.assign(4, 0.0);
  const Track cross = perturb_track(det, c, seed, m);
  const MemberErrors ec = draw_member_errors(c, seed, m);
  const TrackPoint& r = cross.points[12];
  CHECK(great_circle_km({p.lon, p.lat}, {r.lon, r.lat}) == Approx(std::abs(ec.cross_km[0])));
  CHECK((r.lat - p.lat) * ec.cross_km[0] > 0);  // positive cross = right of westward = north
  // Intensity: vmax += error, pressure by the Atkinson–Holliday deficit scaling.
  const double v = std::clamp(40.0 + ec.intensity_ms[0], 0.0, 120.0);
  CHECK(r.vmax_ms == Approx(v));
  CHECK(r.pmin_hpa == Approx(1010.0 - 50.0 * std::pow(v / 40.0, 1.0 / 0.644)));
  CHECK(cross.points[0].lon == det.points[0].lon);  // no error at lead 0
  // Intensity clipped to [0, 120] m/s.
  TrackErrorStats big = test_stats(0.0, 0.0);
  big.intensity_bias_ms.assign(4, -500.0);
  CHECK(perturb_track(det, big, seed, 1).points[24].vmax_ms == 0.0);
  big.intensity_bias_ms.assign(4, 500.0);
  CHECK(perturb_track(det, big, seed, 1).points[24].vmax_ms == 120.0);
}

TEST_CASE("Zero error statistics give the deterministic track", "[monte_carlo]") {
  const Track det = test_track();
  const TrackErrorStats s = test_stats(0.0, 0.0);
  for (int m = 0; m < 10; ++m) CHECK(same_track(perturb_track(det, s, seed, m), det));
}

TEST_CASE("Identical members give probabilities 0 or 1 at the deterministic swath",
          "[monte_carlo]") {
  const Track det = test_track();
  const Grid grid = Grid::from_box(113.0, 118.0, 16.0, 21.0, 0.25);
  std::vector<std::uint8_t> land(grid.size(), 0);
  for (std::size_t j = 0; j < grid.nlat; ++j)
    for (std::size_t i = 0; i < grid.nlon; ++i) land[grid.index(i, j)] = grid.lon(i) < 114.0;
  const WindOptions wind;
  const auto times = output_times(24, 1);
  // Compared bitwise with wind_hazard_range, which uses the exact kernel.
  ProductOptions exact;
  exact.fast_kernel = false;
  MemberAccumulator acc = make_accumulator(grid, times, det, exact);
  for (int m = 0; m < 5; ++m) accumulate_member(acc, det, grid, land, wind, times);
  const WindProbabilityProducts r = finalize(acc);
  REQUIRE(r.members == 5);

  // Swaths over 0..12 h and 0..24 h from wind_hazard_range (same evaluation times).
  const std::size_t np = grid.size();
  std::vector<double> hourly(times.size() * np), swath12(np, 0.0), swath24(np, 0.0);
  wind_hazard_range(det, times, 0, 13, grid, land, wind, hourly.data(), swath12.data());
  swath24 = swath12;
  wind_hazard_range(det, times, 13, times.size(), grid, land, wind, hourly.data(), swath24.data());
  long zeros = 0, ones = 0;
  for (std::size_t th = 0; th < r.thresholds_ms.size(); ++th)
    for (std::size_t p = 0; p < np; ++p) {
      const double thr = r.thresholds_ms[th];
      CHECK(r.prob[th][0][p] == (swath12[p] >= thr ? 1.0 : 0.0));  // 12 h window
      for (std::size_t w = 1; w < r.windows_h.size(); ++w)
        CHECK(r.prob[th][w][p] == (swath24[p] >= thr ? 1.0 : 0.0));
      (r.prob[th][1][p] == 1.0 ? ones : zeros)++;
    }
  CHECK(ones > 0);
  CHECK(zeros > 0);
  for (std::size_t p = 0; p < np; ++p) {
    CHECK(r.mean_max_wind[p] == Approx(swath24[p]).margin(1e-3));
    CHECK(r.p90_max_wind[p] <= swath24[p]);
    CHECK(r.p90_max_wind[p] > swath24[p] - 0.5);
    // Gale arrival: the first output time at which the running maximum reached 17.2 m/s.
    if (swath24[p] < 17.2) CHECK(std::isnan(r.gale_arrival_h[p]));
    if (swath12[p] >= 17.2) CHECK(r.gale_arrival_h[p] <= 12.0);
    if (swath12[p] < 17.2 && swath24[p] >= 17.2) CHECK(r.gale_arrival_h[p] > 12.0);
    CHECK((r.strike_prob[p] == 0.0 || r.strike_prob[p] == 1.0));
  }
  for (double c : r.cone_radius_km) CHECK(c == 0.0);
}

TEST_CASE("Merging partial ensembles is bitwise exact", "[monte_carlo]") {
  const Track det = test_track();
  const TrackErrorStats stats = test_stats();
  const Grid grid = Grid::from_box(113.0, 118.0, 16.0, 21.0, 0.25);
  const std::vector<std::uint8_t> land;
  const WindOptions wind;
  const auto times = output_times(24, 3);
  MemberAccumulator all = make_accumulator(grid, times, det), a = all, b = all;
  for (int m = 0; m < 16; ++m) {
    const Track t = perturb_track(det, stats, seed, m);
    accumulate_member(all, t, grid, land, wind, times);
    accumulate_member(m % 3 == 0 ? a : b, t, grid, land, wind, times);  // interleaved split
  }
  MemberAccumulator ab = a, ba = b;
  merge(ab, b);
  merge(ba, a);
  const WindProbabilityProducts r = finalize(all);
  CHECK(same_products(r, finalize(ab)));
  CHECK(same_products(r, finalize(ba)));
  // Something non-trivial was computed.
  CHECK(*std::max_element(r.prob[1][1].begin(), r.prob[1][1].end()) == 1.0);
  CHECK(std::any_of(r.prob[1][1].begin(), r.prob[1][1].end(),
                    [](double p) { return p > 0.0 && p < 1.0; }));
  CHECK(r.cone_radius_km.back() > 0.0);
}

TEST_CASE("Probabilities converge like 1/sqrt(N)", "[monte_carlo]") {
  // 17 x 17 points at 0.25°, 12-hourly output over 24 h; one thread (the products do not
  // depend on the thread count, and tiny parallel regions only cost time here).
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const Track det = test_track({116.0, 18.0}, 290.0, 20.0, 24, 80.0);
  const TrackErrorStats stats = test_stats();
  const Grid grid = Grid::from_box(114.0, 118.0, 17.0, 21.0, 0.25);
  const std::vector<std::uint8_t> land;
  WindOptions wind;
  wind.max_radius_km = 300.0;
  const auto times = output_times(24, 12);
  const std::size_t np = grid.size();
  const int total = 3200;
  // Each member once, in an accumulator of its own: its 24 h >= 17.2 m/s indicator.
  std::vector<std::vector<double>> indicator(total);
  const MemberAccumulator empty = make_accumulator(grid, times, det);
  std::vector<double> reference(np, 0.0);
  for (int m = 0; m < total; ++m) {
    MemberAccumulator one = empty;
    accumulate_member(one, perturb_track(det, stats, seed, m + 1), grid, land, wind, times);
    indicator[m] = finalize(one).prob[1][1];
    for (std::size_t p = 0; p < np; ++p) reference[p] += indicator[m][p] / total;
  }
  omp_set_num_threads(threads);
  std::vector<std::size_t> points;
  for (std::size_t p = 0; p < np; ++p)
    if (reference[p] > 0.05 && reference[p] < 0.95) points.push_back(p);
  REQUIRE(points.size() >= 5);
  // RMS error against the N = 3200 value over disjoint groups of N members.
  auto rms = [&](int n) {
    double sum = 0;
    long count = 0;
    for (int g = 0; g + n <= total; g += n)
      for (std::size_t p : points) {
        double prob = 0;
        for (int m = g; m < g + n; ++m) prob += indicator[m][p];
        sum += std::pow(prob / n - reference[p], 2);
        ++count;
      }
    return std::sqrt(sum / double(count));
  };
  const double e50 = rms(50), e200 = rms(200), e800 = rms(800);
  INFO("RMS error N=50 " << e50 << ", N=200 " << e200 << ", N=800 " << e800);
  CHECK(e800 < e200);
  CHECK(e200 < e50);
  const double ratio = e800 / e50, expected = std::sqrt(50.0 / 800.0);
  CHECK(ratio > 0.5 * expected);
  CHECK(ratio < 2.0 * expected);
}

namespace {

// The straightforward accumulation the optimised accumulate_member must reproduce bitwise:
// a whole wind_speed_field_fast field per evaluation, element-wise running maximum over every
// point, gale and window counts over every point, strike marks by the great circle at every
// point.
void reference_accumulate(MemberAccumulator& acc, const Track& track, const Grid& grid,
                          const std::vector<std::uint8_t>& land, const WindOptions& wind,
                          const std::vector<TimePoint>& times) {
  const ProductOptions& o = acc.opt;
  const std::size_t np = grid.size(), nw = o.windows_h.size();
  std::vector<double> field(np), running_max(np, 0.0);
  std::vector<std::uint8_t> gale(np, 0), strike(np, 0);
  for (std::size_t k = 0; k < times.size(); ++k) {
    const int m = substeps(track, times, k);
    for (int s = 1; s <= m; ++s) {
      const TimePoint t = k == 0 ? times[0] : times[k - 1] + (times[k] - times[k - 1]) * s / m;
      const StormState st = storm_state_at(track, t);
      wind_speed_field_fast(st, wind, grid, land, field.data());
      for (std::size_t p = 0; p < np; ++p) {
        running_max[p] = std::max(running_max[p], field[p]);
        if (great_circle_km(st.centre, {grid.lon(p % grid.nlon), grid.lat(p / grid.nlon)}) <=
            o.strike_radius_km)
          strike[p] = 1;
      }
    }
    for (std::size_t p = 0; p < np; ++p)
      if (!gale[p] && running_max[p] >= o.gale_ms) {
        gale[p] = 1;
        ++acc.gale_first[k * np + p];
      }
    const double lead = hours_between(times.front(), times[k]);
    const double next = k + 1 < times.size() ? hours_between(times.front(), times[k + 1])
                                             : std::numeric_limits<double>::infinity();
    for (std::size_t w = 0; w < nw; ++w) {
      if (!(o.windows_h[w] >= lead && o.windows_h[w] < next)) continue;
      for (std::size_t th = 0; th < o.thresholds_ms.size(); ++th)
        for (std::size_t p = 0; p < np; ++p)
          if (running_max[p] >= o.thresholds_ms[th]) ++acc.reach_count[(th * nw + w) * np + p];
    }
    const StormState d = storm_state_at(acc.deterministic, times[k]);
    acc.cone_distances_km[k].push_back(
        great_circle_km(d.centre, storm_state_at(track, times[k]).centre));
  }
  for (std::size_t p = 0; p < np; ++p) {
    const auto b = std::min(acc.bins - 1, std::size_t(std::floor(running_max[p] / o.hist_bin_ms)));
    ++acc.max_hist[b * np + p];
    acc.max_sum_mm_s[p] += std::llround(running_max[p] * 1000.0);
    acc.strike_count[p] += strike[p];
  }
  ++acc.members;
}

}  // namespace

TEST_CASE("Accumulation over the touched rows and columns equals the whole-grid one",
          "[monte_carlo]") {
  // accumulate_member only visits the points the storm's wind reaches (rows/column ranges of
  // the fast kernel, the touched columns, the strike band) and replays the evaluations row by
  // row; the products must be bitwise those of the straightforward whole-grid accumulation,
  // for any thread count, also for thresholds and a gale speed of 0 (which every point
  // reaches) and a storm that leaves the grid.
  const Track det = test_track({116.0, 18.0}, 290.0, 25.0, 24);
  const TrackErrorStats stats = test_stats();
  // The storm ends near 110.5E, west of the grid.
  const Grid grid = Grid::from_box(112.0, 118.0, 15.0, 22.0, 0.1);
  std::vector<std::uint8_t> land(grid.size(), 0);
  for (std::size_t j = 0; j < grid.nlat; ++j)
    for (std::size_t i = 0; i < grid.nlon; ++i)
      land[grid.index(i, j)] = grid.lon(i) < 113.5 && grid.lat(j) > 19.0;
  WindOptions wind;
  wind.max_radius_km = 400.0;
  const auto times = output_times(24, 2);
  ProductOptions normal, zero;
  zero.thresholds_ms = {0.0, 17.2};
  zero.gale_ms = 0.0;
  for (const ProductOptions& opt : {normal, zero}) {
    MemberAccumulator fast = make_accumulator(grid, times, det, opt), ref = fast;
    for (int m = 0; m < 6; ++m) {
      const Track t = perturb_track(det, stats, seed, m);
      accumulate_member(fast, t, grid, land, wind, times);
      reference_accumulate(ref, t, grid, land, wind, times);
    }
    // And the same for any thread count.
    const int threads = omp_get_max_threads();
    for (int n : {1, 3}) {
      omp_set_num_threads(n);
      MemberAccumulator other = make_accumulator(grid, times, det, opt);
      for (int m = 0; m < 6; ++m)
        accumulate_member(other, perturb_track(det, stats, seed, m), grid, land, wind, times);
      CHECK(same_products(finalize(other), finalize(ref)));
    }
    omp_set_num_threads(threads);
    CHECK(bitwise_equal(fast.reach_count, ref.reach_count));
    CHECK(bitwise_equal(fast.gale_first, ref.gale_first));
    CHECK(bitwise_equal(fast.max_hist, ref.max_hist));
    CHECK(bitwise_equal(fast.max_sum_mm_s, ref.max_sum_mm_s));
    CHECK(bitwise_equal(fast.strike_count, ref.strike_count));
    const WindProbabilityProducts r = finalize(fast);
    CHECK(same_products(r, finalize(ref)));
    CHECK(std::any_of(r.prob[1][1].begin(), r.prob[1][1].end(),
                      [](double p) { return p > 0.0 && p < 1.0; }));
  }
}

TEST_CASE("A member that ends early contributes only while it exists", "[monte_carlo]") {
  // NWP members lose their storm: such a member adds no wind after its last fix but still
  // counts in the denominator, and the cone at later times holds the members present.
  const Track det = test_track();
  const Grid grid = Grid::from_box(113.0, 118.0, 16.0, 21.0, 0.25);
  const std::vector<std::uint8_t> land;
  const WindOptions wind;
  const auto times = output_times(24, 1);
  Track early = det;
  early.points.resize(13);  // fixes 0..12 h
  MemberAccumulator full = make_accumulator(grid, times, det);
  accumulate_member(full, det, grid, land, wind, times);
  MemberAccumulator part = make_accumulator(grid, times, det);
  accumulate_member(part, early, grid, land, wind, times);
  const WindProbabilityProducts a = finalize(full), b = finalize(part);
  long grew = 0;
  for (std::size_t th = 0; th < a.thresholds_ms.size(); ++th) {
    // Window 12 h (index 0): identical evaluations; longer windows: frozen at 12 h.
    CHECK(bitwise_equal(a.prob[th][0], b.prob[th][0]));
    for (std::size_t w = 1; w < a.windows_h.size(); ++w) {
      CHECK(bitwise_equal(b.prob[th][w], b.prob[th][0]));
      for (std::size_t p = 0; p < grid.size(); ++p) grew += a.prob[th][w][p] > b.prob[th][w][p];
    }
  }
  CHECK(grew > 0);  // the full member reached more points after 12 h
  REQUIRE(b.cone_radius_km.size() == times.size());
  CHECK(b.cone_radius_km[12] == 0.0);
  CHECK(std::isnan(b.cone_radius_km[13]));  // no member present at +13 h
  // Two members, one ending early: the cone at +20 h is that of the one present.
  MemberAccumulator both = make_accumulator(grid, times, det);
  accumulate_member(both, det, grid, land, wind, times);
  accumulate_member(both, early, grid, land, wind, times);
  const WindProbabilityProducts c = finalize(both);
  CHECK(c.members == 2);
  CHECK(c.cone_radius_km[20] == 0.0);
  // A member starting late (fixes from +6 h) is not extrapolated backwards.
  Track late = det;
  late.points.erase(late.points.begin(), late.points.begin() + 6);
  MemberAccumulator l = make_accumulator(grid, times, det);
  accumulate_member(l, late, grid, land, wind, times);
  CHECK(std::isnan(finalize(l).cone_radius_km[5]));
}
