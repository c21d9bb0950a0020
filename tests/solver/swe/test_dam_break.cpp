// Ritter (dry) and Stoker (wet) dam breaks against their analytic solutions (SWASHES 4.1.1,
// 4.1.2 set-up: 10 m channel, dam at 5 m, t = 6 s), run as 1-D problems in a 2-D grid.
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>

#include "swe_test_util.hpp"
#include "taifeng/solver/swe/analytic.hpp"

using namespace swe_test;
namespace an = taifeng::solver::swe::analytic;

namespace {

// Relative L1 error of h along the middle row: sum |h - h_exact| / sum h_exact.
template <class Exact>
double l1_error(const Sim& sim, Exact exact) {
  double err = 0.0, norm = 0.0;
  const long j = sim.p.ny / 2;
  for (long i = 0; i < sim.p.nx; ++i) {
    const double he = exact(sim.geo.x(sim.p, i));
    err += std::fabs(sim.h(i, j) - he);
    norm += he;
  }
  return err / norm;
}

template <class Init>
Sim dam_break(long nx, Init init) {
  const double dx = 10.0 / double(nx);
  Sim sim(nx, 3, dx, dx);
  sim.bc = all_sides({BcKind::wall, 0.0});
  sim.bc.west = sim.bc.east = {BcKind::outflow, 0.0};
  sim.phys.limiter = Limiter::mc;
  sim.init(init);
  sim.run_until(6.0, 0.45);
  return sim;
}

}  // namespace

TEST_CASE("Ritter dry dam break: L1 error of h at t = 6 s", "[solver][swe][analytic]") {
  const double hl = 0.005, g = 9.81;
  const long nx = 400 / debug_coarsening;
  Sim sim = dam_break(nx, [&](double x, double) { return Cell{0.0, x < 5.0 ? hl : 0.0, 0, 0}; });
  const double err = l1_error(sim, [&](double x) { return an::ritter(x, 6.0, 5.0, hl, g).h; });
  std::cout << "Ritter: nx = " << nx << ", steps = " << sim.steps
            << ", relative L1 error of h = " << err << "\n";
  // Second-order scheme, but the solution has kinks at both ends of the rarefaction and a
  // dry front where the error is first order. Measured 0.14 % at 400 cells; bound 0.5 %
  // (doubled for the 200-cell Debug grid) leaves room for limiter/CFL changes only.
  CHECK(err < 0.005 * debug_coarsening);
  // The front must not run ahead of the exact x0 + 2 c t (no spurious fast wetting).
  const double front = 5.0 + 2.0 * std::sqrt(g * hl) * 6.0;
  for (long i = 0; i < sim.p.nx; ++i)
    if (sim.geo.x(sim.p, i) > front + 5 * sim.geo.dx) CHECK(sim.h(i, 1) < 1e-6);
}

TEST_CASE("Stoker wet dam break: L1 error of h at t = 6 s", "[solver][swe][analytic]") {
  const double hl = 0.005, hr = 0.001, g = 9.81;
  const long nx = 400 / debug_coarsening;
  Sim sim = dam_break(nx, [&](double x, double) { return Cell{0.0, x < 5.0 ? hl : hr, 0, 0}; });
  const double err = l1_error(sim, [&](double x) { return an::stoker(x, 6.0, 5.0, hl, hr, g).h; });
  std::cout << "Stoker: nx = " << nx << ", steps = " << sim.steps
            << ", relative L1 error of h = " << err << "\n";
  // Shock and rarefaction kinks limit the accuracy to first order locally. Measured 0.15 %
  // at 400 cells; bound 0.5 % (doubled for the 200-cell Debug grid).
  CHECK(err < 0.005 * debug_coarsening);
}

TEST_CASE("Stoker middle state satisfies the shock and rarefaction relations",
          "[solver][swe][analytic]") {
  const double hl = 0.005, hr = 0.001, g = 9.81;
  const double cm = an::stoker_cm(hl, hr, g);
  const double hm = cm * cm / g, um = 2.0 * (std::sqrt(g * hl) - cm);
  // Rankine-Hugoniot for mass and momentum across a shock of speed s into (hr, 0).
  const double s = hm * um / (hm - hr);
  const double mom = s * (hm * um) - (hm * um * um + 0.5 * g * hm * hm - 0.5 * g * hr * hr);
  // Newton converged to ~1e-15 relative: residual relative to the momentum flux 1e-10.
  CHECK(std::fabs(mom) < 1e-10 * 0.5 * g * hm * hm);
  // The shock position of stoker() moves at the same speed.
  const double x_shock = 5.0 + s * 6.0;
  CHECK(an::stoker(x_shock - 1e-6, 6.0, 5.0, hl, hr, g).h == Approx(hm).epsilon(1e-12));
  CHECK(an::stoker(x_shock + 1e-6, 6.0, 5.0, hl, hr, g).h == hr);
}
