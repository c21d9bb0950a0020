#pragma once
// Shared set-up for the shallow-water tests: one whole-grid patch with physical boundaries,
// initial conditions from a function of (x, y), and a run-to-time driver.
#include <algorithm>
#include <cmath>
#include <vector>

#include "taifeng/solver/swe/boundary.hpp"
#include "taifeng/solver/swe/step.hpp"

namespace swe_test {

using namespace taifeng::solver::swe;

// Debug builds (ASan in CI) run the same tests on coarser grids / shorter times.
#ifdef NDEBUG
inline constexpr int debug_coarsening = 1;
#else
inline constexpr int debug_coarsening = 2;
#endif

struct Cell {
  double bed, h, u, v;
};

struct Sim {
  Patch p;
  Geometry geo;
  Physics phys;
  Boundaries bc = all_sides({BcKind::wall, 0.0});
  std::vector<double> bed;
  State s;
  Workspace w;
  Forcing forcing;
  double t = 0.0;
  long steps = 0;

  Sim(long nx, long ny, double dx, double dy, double x0 = 0.0, double y0 = 0.0)
      : p(whole_patch(nx, ny)), geo{dx, dy, x0, y0}, bed(p.size(), 0.0), s(p) {}

  // Set bed and state from f(x, y) -> Cell on every cell, ghosts included; the bed ghosts
  // of walls are then mirrored (not for periodic runs, whose ghosts are the other side).
  template <class F>
  void init(F f, bool mirror_bed = true) {
    for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
      for (long i = -p.ghost; i < p.nx + p.ghost; ++i) {
        const Cell c = f(geo.x(p, i), geo.y(p, j));
        const std::size_t k = p.idx(i, j);
        bed[k] = c.bed;
        s.h[k] = c.h;
        s.hu[k] = c.h * c.u;
        s.hv[k] = c.h * c.v;
      }
    if (mirror_bed) fill_bed_ghosts(p, bed);
  }

  GhostFill fill() {
    return [this](State& st) { apply_physical_boundaries(p, st, bed, bc); };
  }

  void step(double dt) {
    ssp_rk2_step(p, geo, phys, bed, forcing, s, w, dt, fill());
    t += dt;
    ++steps;
  }

  void run_until(double t_end, double cfl) {
    const GhostFill f = fill();
    while (t < t_end * (1 - 1e-14)) {
      const double dt = std::min(max_stable_dt(p, geo, phys, s, cfl), t_end - t);
      ssp_rk2_step(p, geo, phys, bed, forcing, s, w, dt, f);
      t += dt;
      ++steps;
    }
  }

  double h(long i, long j) const { return s.h[p.idx(i, j)]; }
  double eta(long i, long j) const { return s.h[p.idx(i, j)] + bed[p.idx(i, j)]; }
};

}  // namespace swe_test
