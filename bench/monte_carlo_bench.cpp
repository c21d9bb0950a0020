// Monte Carlo wind probability throughput: N members (default 1000) of a synthetic 120 h
// forecast crossing the demo domain (105-115E, 15-25N at 0.05 deg, 201 x 201 points),
// hourly output, perturbed with realistic along/cross/intensity error statistics and
// accumulated with accumulate_member (fast kernel). The baseline is measured in the same
// run on a few members: accumulate_member with the exact kernel evaluated at every point
// (max_radius_km = 1e9, no cut-off, no look-up table), cost extrapolated per member; the
// exact kernel with the 500 km cut-off (the previous accumulate_member) is shown as well.
//   build/bench/bench_monte_carlo [members] [baseline members]
#include <omp.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/solver/monte_carlo.hpp"
#include "taifeng/solver/track_errors.hpp"
#include "taifeng/solver/wind_field.hpp"
#include "taifeng/solver/wind_hazard.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {

const TimePoint t0 = make_utc(2024, 9, 5, 0);

// Hourly fixes from 117.5E 14.0N heading 300 deg at 18 km/h for 120 h (it crosses the
// domain and leaves it near 100E); intensity 40 -> 50 m/s over 36 h, then decaying.
Track synthetic_forecast() {
  Track t;
  t.id = "BENCH";
  t.source = "synthetic";
  for (int h = 0; h <= 120; ++h) {
    TrackPoint p;
    p.time = add_hours(t0, double(h));
    const LonLat c = destination({117.5, 14.0}, 300.0, 18.0 * h);
    p.lon = c.lon;
    p.lat = c.lat;
    p.vmax_ms = h <= 36 ? 40.0 + 10.0 * h / 36.0 : std::max(20.0, 50.0 - 0.3 * (h - 36));
    p.pmin_hpa = 1010.0 - 0.026 * std::pow(p.vmax_ms / 3.4, 1.0 / 0.644) * 10.0;
    p.pmin_hpa = std::min(1005.0, p.pmin_hpa);
    p.rmw_km = 40.0;
    t.points.push_back(p);
  }
  return t;
}

TrackErrorStats realistic_stats() {
  TrackErrorStats s;
  s.model = "bench";
  s.lead_h = {12, 24, 48, 72, 96, 120};
  s.along_sd_km = {40, 80, 150, 220, 300, 380};
  s.cross_sd_km = s.along_sd_km;
  s.along_bias_km.assign(6, 0.0);
  s.cross_bias_km.assign(6, 0.0);
  s.intensity_bias_ms.assign(6, 0.0);
  s.intensity_sd_ms = {3, 4, 5, 6, 7, 8};
  s.along_lag_corr = s.cross_lag_corr = s.intensity_lag_corr = 0.85;
  return s;
}

// "model name" of the first processor in /proc/cpuinfo (empty elsewhere).
std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown CPU";
}

struct Run {
  double seconds = 0;
  long evaluations = 0;  // wind field evaluations (output times + sub-steps), all members
};

Run run(const Track& det, const TrackErrorStats& stats, const Grid& grid,
        const std::vector<std::uint8_t>& land, const WindOptions& wind,
        const std::vector<TimePoint>& times, const ProductOptions& opt, int members) {
  MemberAccumulator acc = make_accumulator(grid, times, det, opt);
  Run r;
  const auto start = std::chrono::steady_clock::now();
  for (int m = 0; m < members; ++m) {
    const Track t = perturb_track(det, stats, 20240905, m);
    for (std::size_t k = 0; k < times.size(); ++k) r.evaluations += substeps(t, times, k);
    accumulate_member(acc, t, grid, land, wind, times);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const WindProbabilityProducts p = finalize(acc);
  double pmax = 0;
  for (double v : p.prob[1].back()) pmax = std::max(pmax, v);
  std::printf("  (check: max 120 h gale probability %.3f)\n", pmax);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int members = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int base_members = argc > 2 ? std::atoi(argv[2]) : 10;
  const Grid grid = Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.05);
  // Land: west of 108E and north of 22N (a stand-in coastline; only the factor matters).
  std::vector<std::uint8_t> land(grid.size(), 0);
  for (std::size_t j = 0; j < grid.nlat; ++j)
    for (std::size_t i = 0; i < grid.nlon; ++i)
      land[grid.index(i, j)] = grid.lon(i) < 108.0 || grid.lat(j) > 22.0;
  std::vector<TimePoint> times;
  for (int h = 0; h <= 120; ++h) times.push_back(add_hours(t0, double(h)));
  const Track det = synthetic_forecast();
  const TrackErrorStats stats = realistic_stats();
  const double np = double(grid.size());

  std::printf("# Monte Carlo wind probabilities, %d threads\n", omp_get_max_threads());
  std::printf("machine         %u hardware threads, %s, compiler %s\n",
              std::thread::hardware_concurrency(), cpu_model().c_str(), __VERSION__);
  std::printf("grid            %zu x %zu = %zu points (0.05 deg, 105-115E 15-25N)\n", grid.nlon,
              grid.nlat, grid.size());
  std::printf("output times    %zu (hourly, 0-120 h)\n", times.size());

  WindOptions wind;  // 500 km cut-off
  const Run fast = run(det, stats, grid, land, wind, times, ProductOptions{}, members);
  const double fast_steps = double(fast.evaluations);
  std::printf("members         %d\n", members);
  std::printf("evaluations     %.0f field evaluations x %.0f points = %.3e member-point-steps\n",
              fast_steps, np, fast_steps * np);
  std::printf("wall time       %.2f s (fast kernel)\n", fast.seconds);
  std::printf("throughput      %.1f M member-point-steps/s\n",
              fast_steps * np / fast.seconds / 1e6);

  ProductOptions exact;
  exact.fast_kernel = false;
  const Run cut = run(det, stats, grid, land, wind, times, exact, base_members);
  WindOptions every = wind;
  every.max_radius_km = 1e9;
  const Run base = run(det, stats, grid, land, every, times, exact, base_members);
  const double per_fast = fast.seconds / members, per_base = base.seconds / base_members,
               per_cut = cut.seconds / base_members;
  std::printf(
      "per member      fast %.4f s | exact, 500 km cut-off %.4f s | straightforward "
      "(exact, every point) %.4f s  (%d members each)\n",
      per_fast, per_cut, per_base, base_members);
  std::printf("straightforward %.1f M member-point-steps/s, extrapolated to %d members: %.1f s\n",
              double(base.evaluations) * np / base.seconds / 1e6, members, per_base * members);
  std::printf("speed-up        %.1fx vs straightforward, %.1fx vs exact with cut-off\n",
              per_base / per_fast, per_cut / per_fast);
  return 0;
}
