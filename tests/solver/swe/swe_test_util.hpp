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

// Periodic ghost fill of a whole-grid patch (stands in for a periodic halo exchange).
inline void periodic(const Patch& p, State& s) {
  for (std::vector<double>* a : {&s.h, &s.hu, &s.hv}) {
    std::vector<double>& q = *a;
    for (long j = 0; j < p.ny; ++j)
      for (long g = 1; g <= p.ghost; ++g) {
        q[p.idx(-g, j)] = q[p.idx(p.nx - g, j)];
        q[p.idx(p.nx - 1 + g, j)] = q[p.idx(g - 1, j)];
      }
    for (long i = 0; i < p.nx; ++i)
      for (long g = 1; g <= p.ghost; ++g) {
        q[p.idx(i, -g)] = q[p.idx(i, p.ny - g)];
        q[p.idx(i, p.ny - 1 + g)] = q[p.idx(i, g - 1)];
      }
  }
}

// The smooth problem of the convergence tests: a Gaussian hump over a periodic bed on the
// unit square, fixed dt = 0.125 dx (the same CFL, 0.35, on every grid), t = 0.1 s. Depth on
// n × n cells with the given order (MC limiter in second order).
inline std::vector<double> smooth_hump_depth(long n, int order) {
  const double dx = 1.0 / double(n), two_pi = 2.0 * 3.14159265358979323846;
  Sim sim(n, n, dx, dx);
  sim.phys.limiter = Limiter::mc;
  sim.phys.order = order;
  sim.init(
      [&](double x, double y) {
        const double b = 0.1 * std::sin(two_pi * x) * std::cos(two_pi * y);
        const double r2 = (x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5);
        return Cell{b, 1.0 + 0.1 * std::exp(-r2 / (2 * 0.1 * 0.1)) - b, 0.0, 0.0};
      },
      false);  // the analytic bed is periodic: keep it in the ghosts
  const GhostFill fill = [&](State& s) { periodic(sim.p, s); };
  const long steps = 8 * n / 10;  // dt = 0.125 dx, t = 0.1 s
  const double dt = 0.1 / double(steps);
  for (long k = 0; k < steps; ++k)
    ssp_rk2_step(sim.p, sim.geo, sim.phys, sim.bed, sim.forcing, sim.s, sim.w, dt, fill);
  std::vector<double> h(std::size_t(n * n));
  for (long j = 0; j < n; ++j)
    for (long i = 0; i < n; ++i) h[std::size_t(j * n + i)] = sim.h(i, j);
  return h;
}

// L1 norm (per unit area) of coarse - average of the fine 2 × 2 children.
inline double coarse_fine_difference(const std::vector<double>& coarse,
                                     const std::vector<double>& fine, long n) {
  double e = 0.0;
  for (long j = 0; j < n; ++j)
    for (long i = 0; i < n; ++i) {
      auto f = [&](long a, long b) { return fine[std::size_t((2 * j + b) * 2 * n + 2 * i + a)]; };
      const double avg = 0.25 * (f(0, 0) + f(1, 0) + f(0, 1) + f(1, 1));
      e += std::fabs(coarse[std::size_t(j * n + i)] - avg);
    }
  return e / double(n * n);
}

// 1 m × 1 m basin: an island rising to 0.8 m, a submerged bump to 0.3 m.
inline double island_bed(double x, double y) {
  const double r1 = (x - 0.35) * (x - 0.35) + (y - 0.4) * (y - 0.4);
  const double r2 = (x - 0.7) * (x - 0.7) + (y - 0.65) * (y - 0.65);
  return std::max(0.8 * std::exp(-40.0 * r1), 0.3 * std::exp(-80.0 * r2));
}

}  // namespace swe_test
