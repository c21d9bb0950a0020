// Wind-field kernel throughput: point evaluations per second of the exact surface wind
// (Holland 1980 by default, or the profile named on the command line; with translation
// asymmetry, inflow and land mask) on grids of growing size, for 1 thread (the baseline,
// measured in the same run) and for all threads.
//   build/bench/bench_wind_field [repeats] [holland1980|holland2010|willoughby]
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/solver/wind_field.hpp"

using namespace taifeng;

namespace {
double seconds_per_field(const Grid& g, const solver::StormState& s, const solver::WindOptions& o,
                         const std::vector<std::uint8_t>& land, int repeats) {
  std::vector<double> speed(g.size());
  solver::wind_speed_field(s, o, g, land, speed.data());  // warm-up
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < repeats; ++r) solver::wind_speed_field(s, o, g, land, speed.data());
  const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return dt / repeats;
}
}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 5;
  solver::StormState s;
  s.centre = {110.0, 20.0};
  s.vmax_ms = 41.0;
  s.pmin_hpa = 963.0;
  s.rmw_km = 40.0;
  s.trans_u = -5.0;
  s.trans_v = -1.0;
  solver::WindOptions o;
  o.max_radius_km = 1e9;  // evaluate every point: measures the kernel, not the cut-off
  try {
    if (argc > 2) o.profile = solver::parse_wind_profile(argv[2], "profile argument");
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  const int max_threads = omp_get_max_threads();
  std::printf("# %s surface wind field, storm at 20N 110E, every point evaluated\n",
              solver::wind_profile_name(o.profile));
  std::printf("%-22s %10s %8s %14s %10s\n", "grid", "points", "threads", "Mpoints/s", "speed-up");
  for (double res : {0.05, 0.02, 0.01}) {
    const Grid g = Grid::from_box(105, 115, 15, 25, res);
    std::vector<std::uint8_t> land(g.size(), 0);
    for (std::size_t k = 0; k < land.size(); k += 3) land[k] = 1;
    omp_set_num_threads(1);
    const double base = seconds_per_field(g, s, o, land, repeats);
    for (int threads : {1, max_threads}) {
      omp_set_num_threads(threads);
      const double t = threads == 1 ? base : seconds_per_field(g, s, o, land, repeats);
      char name[64];
      std::snprintf(name, sizeof name, "%zux%zu (%.2f deg)", g.nlon, g.nlat, res);
      std::printf("%-22s %10zu %8d %14.2f %9.2fx\n", name, g.size(), threads,
                  double(g.size()) / t / 1e6, base / t);
      if (max_threads == 1) break;
    }
  }
  return 0;
}
