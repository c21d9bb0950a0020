// Lake at rest over a bed with an emerged island and a submerged bump (wet/dry, well
// balanced), at rest under a steady pressure low (inverse barometer), and conservation of
// water volume with walls, wetting/drying and every source term switched on.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <vector>

#include "swe_test_util.hpp"
#include "taifeng/solver/swe/analytic.hpp"

using namespace swe_test;
namespace an = taifeng::solver::swe::analytic;

namespace {}  // namespace

TEST_CASE("lake at rest with an emerged island stays at rest to round-off",
          "[solver][swe][well-balanced]") {
  const double eta0 = 0.5;
  const long n = 100 / debug_coarsening;
  // Second order with each limiter, and first order (no slopes, forward Euler).
  struct Scheme {
    Limiter lim;
    int order;
    const char* name;
  };
  for (const Scheme sc : {Scheme{Limiter::minmod, 2, "minmod"}, Scheme{Limiter::mc, 2, "MC"},
                          Scheme{Limiter::mc, 1, "first order"}}) {
    Sim sim(n, n, 1.0 / double(n), 1.0 / double(n));
    sim.phys.limiter = sc.lim;
    sim.phys.order = sc.order;
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
    std::cout << "lake at rest (" << sc.name << ", " << n << "², " << sim.steps
              << " steps): max |eta - eta0| = " << deta << " m, max h on dry cells = " << dh_dry
              << " m, max |hu|,|hv| = " << q << " m²/s\n";
    // Round-off only: a few hundred steps of O(1e-16) relative errors on a 0.5 m surface.
    CHECK(deta < 1e-12);
    CHECK(dh_dry < 1e-12);
    CHECK(q < 1e-12);
  }
}

TEST_CASE("inverse barometer: surface raised by dp/(rho g) under a pressure low stays at rest",
          "[solver][swe][well-balanced]") {
  const long n = 60 / debug_coarsening;
  const double L = 600e3, dx = L / double(n);
  Sim sim(n, n, dx, dx);
  std::vector<double> p(sim.p.size());
  auto pressure = [&](double x, double y) {
    const double r2 = (x - 0.5 * L) * (x - 0.5 * L) + (y - 0.5 * L) * (y - 0.5 * L);
    return 101000.0 - 5000.0 * std::exp(-r2 / (2.0 * 50e3 * 50e3));
  };
  const double rg = sim.phys.rho_water * sim.phys.g;
  sim.init([&](double x, double y) {
    const double b = -20.0 + 15.0 * x / L;  // sloping shelf
    const double eta = -(pressure(x, y) - p_ref_pa) / rg;
    return Cell{b, eta - b, 0.0, 0.0};
  });
  for (long j = -2; j < n + 2; ++j)
    for (long i = -2; i < n + 2; ++i)
      p[sim.p.idx(i, j)] = pressure(sim.geo.x(sim.p, i), sim.geo.y(sim.p, j));
  sim.forcing.p_atm = p.data();
  // Inverse barometer: 5000 Pa / (rho g) = 0.497 m (BRIEF: ≈ 0.99 cm per hPa); the initial
  // surface difference between two cells is their pressure difference / (rho g) exactly.
  CHECK(5000.0 / rg == Approx(0.497).margin(0.001));
  const double c = sim.geo.x(sim.p, n / 2), o = sim.geo.x(sim.p, 0);
  CHECK((sim.eta(n / 2, n / 2) - sim.eta(0, 0)) ==
        Approx((pressure(o, o) - pressure(c, c)) / rg).epsilon(1e-12));
  for (int k = 0; k < 100; ++k) sim.step(0.4 * dx / std::sqrt(9.81 * 20.0) / 2.0);
  double q = 0.0;
  for (std::size_t k = 0; k < sim.s.hu.size(); ++k)
    q = std::max({q, std::fabs(sim.s.hu[k]), std::fabs(sim.s.hv[k])});
  std::cout << "inverse barometer at rest: max |hu|,|hv| after 100 steps = " << q << " m²/s\n";
  CHECK(q < 1e-10);  // round-off on 20 m depth and 1e4 m cells
}

TEST_CASE("water volume is conserved with walls, wetting/drying and all sources",
          "[solver][swe][conservation]") {
  // wet: the island stays submerged; drying: a dam break floods and dries the island.
  for (bool drying : {false, true}) {
    const long n = 80 / debug_coarsening;
    Sim sim(n, n, 1.0 / double(n), 1.0 / double(n));
    sim.phys.f0 = 1.0;  // strong rotation on this 1 m basin, just to exercise the term
    sim.phys.beta = 0.5;
    sim.phys.y_ref = 0.5;
    sim.phys.manning_n = 0.02;
    const double lift = drying ? 0.0 : 1.0;
    sim.init([&](double x, double y) {
      const double b = island_bed(x, y);
      const double eta = (x < 0.3 ? 0.7 : 0.4) + lift;
      return Cell{b, std::max(0.0, eta - b), 0.0, 0.0};
    });
    std::vector<double> u10(sim.p.size(), 20.0), v10(sim.p.size(), -10.0);
    sim.forcing.u10 = u10.data();
    sim.forcing.v10 = v10.data();
    const double v0 = water_volume(sim.p, sim.geo, sim.s);
    sim.run_until(1.0, 0.45);
    const double rel = std::fabs(water_volume(sim.p, sim.geo, sim.s) - v0) / v0;
    std::cout << "volume conservation (" << (drying ? "wetting/drying" : "wet")
              << "): " << sim.steps << " steps, relative change " << rel << "\n";
    if (!drying) {
      // Fluxes telescope: only round-off of the sum over cells and steps (1e-13).
      CHECK(rel < 1e-13);
    } else {
      // At drying fronts the wave speeds of the reconstructed face states exceed the
      // cell-centre speeds the CFL step uses, so depths of about -1e-10 m occur and are
      // clipped to 0, adding ~1e-12 of the volume over this run: bound 1e-11.
      CHECK(rel < 1e-11);
    }
  }
}
