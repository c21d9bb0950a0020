// Observed order of convergence on a smooth problem: a Gaussian hump of water spreading over
// a smooth periodic bed in a periodic 1 m × 1 m domain, no wet/dry. Errors are differences
// between successive refinements (the fine solution averaged onto the coarse cells).
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>
#include <numbers>
#include <vector>

#include "swe_test_util.hpp"

using namespace swe_test;

namespace {

// Periodic ghost fill of a whole-grid patch (stands in for a periodic halo exchange).
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

// Depth after t = 0.1 s on n × n cells; fixed dt/dx so every grid has the same CFL (0.35).
std::vector<double> run(long n) {
  const double dx = 1.0 / double(n), two_pi = 2.0 * std::numbers::pi;
  Sim sim(n, n, dx, dx);
  sim.phys.limiter = Limiter::mc;
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

}  // namespace

TEST_CASE("observed order of convergence on a smooth problem", "[solver][swe][convergence]") {
  const std::vector<long> sizes = debug_coarsening == 1 ? std::vector<long>{40, 80, 160, 320}
                                                        : std::vector<long>{20, 40, 80, 160};
  std::vector<std::vector<double>> sols;
  for (long n : sizes) sols.push_back(run(n));
  std::vector<double> err;
  for (std::size_t k = 0; k + 1 < sizes.size(); ++k)
    err.push_back(difference(sols[k], sols[k + 1], sizes[k]));
  for (std::size_t k = 0; k + 1 < err.size(); ++k) {
    const double order = std::log2(err[k] / err[k + 1]);
    std::cout << "convergence: L1(h_" << sizes[k] << " - h_" << sizes[k + 1] << ") = " << err[k]
              << ", L1(h_" << sizes[k + 1] << " - h_" << sizes[k + 2] << ") = " << err[k + 1]
              << ", observed order " << order << "\n";
    // Second-order scheme; limiter clipping at the extrema costs a little: >= 1.8 on the
    // finest pair (the coarse pair is still pre-asymptotic).
    if (k + 2 == err.size()) CHECK(order >= 1.8);
  }
}
