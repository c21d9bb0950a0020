// The first-order variant (Physics::order = 1: cell values on the faces, one forward-Euler
// stage per step, same hydrostatic reconstruction): observed order of convergence,
// positivity and volume conservation, Stoker dam break. The lake at rest is in
// test_well_balanced.cpp, thread-count and overlap reproducibility in
// test_reproducibility.cpp, each for both orders.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numbers>
#include <vector>

#include "swe_test_util.hpp"
#include "taifeng/solver/swe/analytic.hpp"

using namespace swe_test;
namespace an = taifeng::solver::swe::analytic;

TEST_CASE("first order: observed order of convergence on a smooth problem",
          "[solver][swe][first-order][convergence]") {
  // First order reaches its asymptotic rate late on this problem: measured orders 0.68,
  // 0.83, 0.91 for the pairs 80/160, 160/320, 320/640, so Release goes to 640 cells and
  // Debug (slow) stops at 320, both still cheap in first order.
  const std::vector<long> sizes = debug_coarsening == 1 ? std::vector<long>{40, 80, 160, 320, 640}
                                                        : std::vector<long>{40, 80, 160, 320};
  std::vector<std::vector<double>> sols;
  for (long n : sizes) sols.push_back(smooth_hump_depth(n, 1));
  std::vector<double> err;
  for (std::size_t k = 0; k + 1 < sizes.size(); ++k)
    err.push_back(coarse_fine_difference(sols[k], sols[k + 1], sizes[k]));
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
