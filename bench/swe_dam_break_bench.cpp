// Shallow-water core throughput: radial dam break (1000 m × 1000 m, h = 15 m for r < 100 m,
// 10 m outside, outflow boundaries, CFL 0.4, to t = 15 s) on 1000² and 2000² cells with
// 1 thread and all threads, second order (MUSCL, MC limiter, SSP-RK2) and first order
// (no slopes, forward Euler). One cell update = one cell advanced by one full time step:
// two flux evaluations in second order, one in first order (as in first-order codes such
// as TUM-I5 SWE); the per-stage rate is printed too. "vs base" is each Mupd/s/core over
// that of the first line of the same grid (by default second order on 1 thread).
//   build/bench/bench_swe_dam_break [--order 1|2|both] [t_end_s] [sizes...]
#include <omp.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include "taifeng/solver/swe/boundary.hpp"
#include "taifeng/solver/swe/step.hpp"

using namespace taifeng::solver::swe;

namespace {

struct Result {
  long steps;
  double seconds, cpu_seconds, volume_change;
};

Result run(long n, double t_end, int order) {
  const Patch p = whole_patch(n, n);
  const Geometry geo{1000.0 / double(n), 1000.0 / double(n), 0.0, 0.0};
  Physics phys;
  phys.limiter = Limiter::mc;
  phys.order = order;
  std::vector<double> bed(p.size(), 0.0);
  State s(p);
  for (long j = -p.ghost; j < n + p.ghost; ++j)
    for (long i = -p.ghost; i < n + p.ghost; ++i) {
      const double x = geo.x(p, i) - 500.0, y = geo.y(p, j) - 500.0;
      s.h[p.idx(i, j)] = x * x + y * y < 100.0 * 100.0 ? 15.0 : 10.0;
    }
  const Boundaries bc = all_sides({BcKind::outflow, 0.0});
  const GhostFill fill = [&](State& st) { apply_physical_boundaries(p, st, bed, bc); };
  Workspace w;
  const double v0 = water_volume(p, geo, s);
  double t = 0.0;
  long steps = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  while (t < t_end) {
    const double dt = std::min(max_stable_dt(p, geo, phys, s, 0.4), t_end - t);
    ssp_rk2_step(p, geo, phys, bed, {}, s, w, dt, fill);
    t += dt;
    ++steps;
  }
  const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  return {steps, sec, cpu, (water_volume(p, geo, s) - v0) / v0};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> orders{2, 1};
  int a = 1;
  if (a < argc && std::strcmp(argv[a], "--order") == 0) {
    const char* o = a + 1 < argc ? argv[a + 1] : "";
    if (std::strcmp(o, "1") == 0)
      orders = {1};
    else if (std::strcmp(o, "2") == 0)
      orders = {2};
    else if (std::strcmp(o, "both") != 0) {
      std::fprintf(stderr, "usage: %s [--order 1|2|both] [t_end_s] [sizes...]\n", argv[0]);
      return 2;
    }
    a += 2;
  }
  const double t_end = a < argc ? std::atof(argv[a++]) : 15.0;
  std::vector<long> sizes;
  for (; a < argc; ++a) sizes.push_back(std::atol(argv[a]));
  if (sizes.empty()) sizes = {1000, 2000};
  const int max_threads = omp_get_max_threads();
  std::printf(
      "# radial dam break to t = %g s, double precision; order 2: MUSCL (MC limiter) + SSP-RK2, "
      "2 stages/step; order 1: first order + forward Euler, 1 stage/step\n",
      t_end);
  // Per core = per thread of wall time; per CPU-second = process CPU time (all threads),
  // the fairer figure on a shared machine where threads wait for a core.
  std::printf("%-5s %-10s %10s %6s %7s %9s %8s %12s %14s %12s %8s %9s\n", "order", "grid", "cells",
              "steps", "threads", "wall (s)", "cpu (s)", "Mupd/s/core", "Mstage/s/core",
              "Mupd/cpu-s", "vs base", "dV/V");
  for (long n : sizes) {
    double base = 0.0;  // Mupd/s/core of the grid's first line
    for (int order : orders) {
      for (int threads : {1, max_threads}) {
        omp_set_num_threads(threads);
        const Result r = run(n, t_end, order);
        const double updates = double(n) * double(n) * double(r.steps);
        const double per_core = updates / r.seconds / threads / 1e6;
        if (base == 0.0) base = per_core;
        char name[32];
        std::snprintf(name, sizeof name, "%ldx%ld", n, n);
        std::printf("%-5d %-10s %10ld %6ld %7d %9.2f %8.2f %12.1f %14.1f %12.1f %8.2f %9.1e\n",
                    order, name, n * n, r.steps, threads, r.seconds, r.cpu_seconds, per_core,
                    (order == 2 ? 2.0 : 1.0) * per_core, updates / r.cpu_seconds / 1e6,
                    per_core / base, r.volume_change);
        std::fflush(stdout);
        if (max_threads == 1) break;
      }
    }
  }
  return 0;
}
