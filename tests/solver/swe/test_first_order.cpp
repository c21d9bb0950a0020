// The first-order variant (Physics::order = 1: cell values on the faces, one forward-Euler
// stage per step, same hydrostatic reconstruction): observed order of convergence, lake at
// rest, positivity and volume conservation, thread-count reproducibility, Stoker dam break.
#include <omp.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iostream>
#include <numbers>
#include <vector>

#include "swe_test_util.hpp"
#include "taifeng/solver/swe/analytic.hpp"

using namespace swe_test;
namespace an = taifeng::solver::swe::analytic;

namespace {

// Periodic ghost fill of a whole-grid patch (as in test_convergence.cpp).
void periodic(const Patch& p, State& s) {
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

// The smooth problem of test_convergence.cpp (Gaussian hump over a periodic bed, fixed
// dt = 0.125 dx, t = 0.1 s) in first order: depth on n × n cells.
std::vector<double> smooth_run(long n) {
  const double dx = 1.0 / double(n), two_pi = 2.0 * std::numbers::pi;
  Sim sim(n, n, dx, dx);
  sim.phys.order = 1;
  sim.init(
      [&](double x, double y) {
        const double b = 0.1 * std::sin(two_pi * x) * std::cos(two_pi * y);
        const double r2 = (x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5);
        return Cell{b, 1.0 + 0.1 * std::exp(-r2 / (2 * 0.1 * 0.1)) - b, 0.0, 0.0};
      },
      false);
  const GhostFill fill = [&](State& s) { periodic(sim.p, s); };
  const long steps = 8 * n / 10;
  const double dt = 0.1 / double(steps);
  for (long k = 0; k < steps; ++k)
    ssp_rk2_step(sim.p, sim.geo, sim.phys, sim.bed, sim.forcing, sim.s, sim.w, dt, fill);
  std::vector<double> h(std::size_t(n * n));
  for (long j = 0; j < n; ++j)
    for (long i = 0; i < n; ++i) h[std::size_t(j * n + i)] = sim.h(i, j);
  return h;
}

// L1 norm (per unit area) of coarse - average of the fine 2 × 2 children.
double difference(const std::vector<double>& coarse, const std::vector<double>& fine, long n) {
  double e = 0.0;
  for (long j = 0; j < n; ++j)
    for (long i = 0; i < n; ++i) {
      auto f = [&](long a, long b) { return fine[std::size_t((2 * j + b) * 2 * n + 2 * i + a)]; };
      const double avg = 0.25 * (f(0, 0) + f(1, 0) + f(0, 1) + f(1, 1));
      e += std::fabs(coarse[std::size_t(j * n + i)] - avg);
    }
  return e / double(n * n);
}

// 1 m × 1 m basin: an island rising to 0.8 m, a submerged bump to 0.3 m (as in
// test_well_balanced.cpp).
double island_bed(double x, double y) {
  const double r1 = (x - 0.35) * (x - 0.35) + (y - 0.4) * (y - 0.4);
  const double r2 = (x - 0.7) * (x - 0.7) + (y - 0.65) * (y - 0.65);
  return std::max(0.8 * std::exp(-40.0 * r1), 0.3 * std::exp(-80.0 * r2));
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("first order: observed order of convergence on a smooth problem",
          "[solver][swe][first-order][convergence]") {
  // First order reaches its asymptotic rate late on this problem: measured orders 0.68,
  // 0.83, 0.91 for the pairs 80/160, 160/320, 320/640, so Release goes to 640 cells and
  // Debug (slow) stops at 320, both still cheap in first order.
  const std::vector<long> sizes = debug_coarsening == 1 ? std::vector<long>{40, 80, 160, 320, 640}
                                                        : std::vector<long>{40, 80, 160, 320};
  std::vector<std::vector<double>> sols;
  for (long n : sizes) sols.push_back(smooth_run(n));
  std::vector<double> err;
  for (std::size_t k = 0; k + 1 < sizes.size(); ++k)
    err.push_back(difference(sols[k], sols[k + 1], sizes[k]));
  const std::size_t k = err.size() - 2;
  const double order = std::log2(err[k] / err[k + 1]);
  std::cout << "first-order convergence: L1 differences";
  for (double e : err) std::cout << " " << e;
  std::cout << ", observed order on the finest pair " << order << "\n";
  // Formally first order in space and time; a smooth solution shows 1 up to pre-asymptotic
  // effects (0.91 measured on 320/640, 0.83 on 160/320). 0.8-1.3 rejects both a
  // second-order result (the order switch not taking effect: 2.0 in test_convergence.cpp)
  // and a loss of consistency (order well below 1).
  CHECK(order >= 0.8);
  CHECK(order <= 1.3);
}

TEST_CASE("first order: lake at rest with an emerged island stays at rest to round-off",
          "[solver][swe][first-order][well-balanced]") {
  const double eta0 = 0.5;
  const long n = 100 / debug_coarsening;
  Sim sim(n, n, 1.0 / double(n), 1.0 / double(n));
  sim.phys.order = 1;
  sim.init([&](double x, double y) {
    const double b = island_bed(x, y);
    return Cell{b, an::lake_at_rest_depth(eta0, b), 0.0, 0.0};
  });
  long dry = 0;
  for (long j = 0; j < n; ++j)
    for (long i = 0; i < n; ++i) dry += sim.h(i, j) == 0.0;
  REQUIRE(dry > 0);                              // the island really emerges
  for (int k = 0; k < 200; ++k) sim.step(1e-3);  // CFL ≈ 0.45 at 100 cells
  double deta = 0.0, dh_dry = 0.0, q = 0.0;
  for (long j = 0; j < n; ++j)
    for (long i = 0; i < n; ++i) {
      const std::size_t k = sim.p.idx(i, j);
      if (sim.bed[k] < eta0)
        deta = std::max(deta, std::fabs(sim.eta(i, j) - eta0));
      else
        dh_dry = std::max(dh_dry, sim.s.h[k]);
      q = std::max({q, std::fabs(sim.s.hu[k]), std::fabs(sim.s.hv[k])});
    }
  std::cout << "first-order lake at rest (" << n << "², " << sim.steps
            << " steps): max |eta - eta0| = " << deta << " m, max h on dry cells = " << dh_dry
            << " m, max |hu|,|hv| = " << q << " m²/s\n";
  // Hydrostatic reconstruction balances flux and bed source exactly up to round-off:
  // a few hundred steps of O(1e-16) relative errors on a 0.5 m surface, bound 1e-12.
  CHECK(deta < 1e-12);
  CHECK(dh_dry < 1e-12);
  CHECK(q < 1e-12);
}

TEST_CASE("first order: depth stays non-negative and volume is conserved with walls",
          "[solver][swe][first-order][conservation]") {
  // A dam break floods and dries the island, with every source term on (as in
  // test_well_balanced.cpp), walls all round.
  const long n = 80 / debug_coarsening;
  Sim sim(n, n, 1.0 / double(n), 1.0 / double(n));
  sim.phys.order = 1;
  sim.phys.f0 = 1.0;
  sim.phys.beta = 0.5;
  sim.phys.y_ref = 0.5;
  sim.phys.manning_n = 0.02;
  sim.init([&](double x, double y) {
    const double b = island_bed(x, y);
    return Cell{b, std::max(0.0, (x < 0.3 ? 0.7 : 0.4) - b), 0.0, 0.0};
  });
  std::vector<double> u10(sim.p.size(), 20.0), v10(sim.p.size(), -10.0);
  sim.forcing.u10 = u10.data();
  sim.forcing.v10 = v10.data();
  const double v0 = water_volume(sim.p, sim.geo, sim.s);
  double h_min = 0.0;
  long wet_dry_changes = 0;
  std::vector<char> was_wet(std::size_t(n * n));
  for (long j = 0; j < n; ++j)
    for (long i = 0; i < n; ++i) was_wet[std::size_t(j * n + i)] = sim.h(i, j) > 1e-6;
  const GhostFill fill = sim.fill();
  while (sim.t < 1.0) {
    const double dt = std::min(max_stable_dt(sim.p, sim.geo, sim.phys, sim.s, 0.45), 1.0 - sim.t);
    ssp_rk2_step(sim.p, sim.geo, sim.phys, sim.bed, sim.forcing, sim.s, sim.w, dt, fill);
    sim.t += dt;
    ++sim.steps;
    for (long j = 0; j < n; ++j)
      for (long i = 0; i < n; ++i) {
        h_min = std::min(h_min, sim.h(i, j));
        const bool wet = sim.h(i, j) > 1e-6;
        wet_dry_changes += wet != bool(was_wet[std::size_t(j * n + i)]);
        was_wet[std::size_t(j * n + i)] = wet;
      }
  }
  const double rel = std::fabs(water_volume(sim.p, sim.geo, sim.s) - v0) / v0;
  std::cout << "first-order positivity/volume: " << sim.steps << " steps, min h " << h_min << ", "
            << wet_dry_changes << " wet/dry changes, relative volume change " << rel << "\n";
  REQUIRE(wet_dry_changes > 0);  // the front really moves over dry cells
  // The stage clips at 0 (max(0, ...)), so a negative depth is a bug, not round-off.
  CHECK(h_min >= 0.0);
  // Fluxes telescope; the clipping of ~-1e-10 m depths at drying fronts (see
  // test_well_balanced.cpp) is the only source of error: bound 1e-11, as for order 2.
  CHECK(rel < 1e-11);
}

TEST_CASE("first order: results are bitwise independent of the OpenMP thread count",
          "[solver][swe][first-order][repro]") {
  // Odd sizes (uneven thread blocks) above min_cells_for_threads; wet/dry, every source.
  const long nx = 151, ny = 109;
  static_assert(151 * 109 >= min_cells_for_threads);
  auto run = [&](int threads) {
    omp_set_num_threads(threads);
    Sim sim(nx, ny, 1.0 / 151.0, 1.0 / 151.0);
    sim.phys.order = 1;
    sim.phys.f0 = 0.5;
    sim.phys.beta = 0.3;
    sim.phys.y_ref = 0.4;
    sim.phys.manning_n = 0.03;
    sim.bc.west = {BcKind::level, 0.72};
    sim.bc.east = {BcKind::outflow, 0.0};
    sim.init([](double x, double y) {
      const double r2 = (x - 0.4) * (x - 0.4) + (y - 0.35) * (y - 0.35);
      const double b = 0.8 * std::exp(-30.0 * r2) - 0.1 * y;
      return Cell{b, std::max(0.0, (x < 0.25 ? 0.7 : 0.45) - b), 0.1 * std::sin(7.0 * y),
                  -0.05 * x};
    });
    std::vector<double> u10(sim.p.size()), v10(sim.p.size()), pa(sim.p.size());
    for (long j = -2; j < ny + 2; ++j)
      for (long i = -2; i < nx + 2; ++i) {
        const double x = sim.geo.x(sim.p, i), y = sim.geo.y(sim.p, j);
        const std::size_t k = sim.p.idx(i, j);
        u10[k] = 25.0 + 5.0 * y;
        v10[k] = -10.0 * x;
        pa[k] =
            100000.0 - 800.0 * std::exp(-10.0 * ((x - 0.6) * (x - 0.6) + (y - 0.5) * (y - 0.5)));
      }
    sim.forcing = {u10.data(), v10.data(), pa.data()};
    for (int k = 0; k < 40; ++k) sim.step(max_stable_dt(sim.p, sim.geo, sim.phys, sim.s, 0.45));
    return sim.s;
  };
  const int saved = omp_get_max_threads();
  const State one = run(1), two = run(2), three = run(3);
  omp_set_num_threads(saved);
  // Exact equality: every cell's update reads the same inputs in the same order whatever
  // the thread blocks are.
  CHECK(same_bits(one.h, two.h));
  CHECK(same_bits(one.hu, two.hu));
  CHECK(same_bits(one.hv, two.hv));
  CHECK(same_bits(one.h, three.h));
  CHECK(same_bits(one.hu, three.hu));
}

TEST_CASE("first order: Stoker wet dam break, L1 error of h at t = 6 s",
          "[solver][swe][first-order][analytic]") {
  const double hl = 0.005, hr = 0.001, g = 9.81;
  const long nx = 400 / debug_coarsening;
  const double dx = 10.0 / double(nx);
  double err[2];
  for (int order : {1, 2}) {
    Sim sim(nx, 3, dx, dx);
    sim.bc.west = sim.bc.east = {BcKind::outflow, 0.0};
    sim.phys.order = order;
    sim.init([&](double x, double) { return Cell{0.0, x < 5.0 ? hl : hr, 0.0, 0.0}; });
    sim.run_until(6.0, 0.45);
    double e = 0.0, norm = 0.0;
    for (long i = 0; i < nx; ++i) {
      const double he = an::stoker(sim.geo.x(sim.p, i), 6.0, 5.0, hl, hr, g).h;
      e += std::fabs(sim.h(i, 1) - he);
      norm += he;
    }
    err[order - 1] = e / norm;
    std::cout << "Stoker, order " << order << ": nx = " << nx << ", steps = " << sim.steps
              << ", relative L1 error of h = " << err[order - 1] << "\n";
  }
  // First order smears the shock and the rarefaction corners over more cells (numerical
  // diffusion ~ dx): measured 0.68 % at 400 cells against 0.15 % in second order, so the
  // bound is looser than the 0.5 % of test_dam_break.cpp: 1.5 % (doubled for the 200-cell
  // Debug grid). First order must also be the less accurate of the two (else the order
  // switch did nothing).
  CHECK(err[0] < 0.015 * debug_coarsening);
  CHECK(err[0] > err[1]);
}
