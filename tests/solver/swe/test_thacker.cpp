// Thacker (1981) planar surface oscillating in a paraboloid (SWASHES 4.2.2: a = 1 m,
// h0 = 0.1 m, sigma = 0.5 m, 4 m × 4 m domain): a moving wet/dry front, compared with the
// analytic solution after one period.
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>

#include "swe_test_util.hpp"
#include "taifeng/solver/swe/analytic.hpp"

using namespace swe_test;
namespace an = taifeng::solver::swe::analytic;

TEST_CASE("Thacker planar surface in a paraboloid after one period", "[solver][swe][analytic]") {
  const an::Thacker th;  // SWASHES parameters
  const long n = 200 / debug_coarsening;
  Sim sim(n, n, 4.0 / double(n), 4.0 / double(n));
  sim.phys.limiter = Limiter::mc;
  sim.init([&](double x, double y) {
    const an::Point2d e = th.at(x, y, 0.0);
    return Cell{th.bed(x, y), e.h, e.u, e.v};
  });
  const double period = th.period();
  sim.run_until(period, 0.45);

  double err = 0.0, norm = 0.0, err_eta = 0.0;
  long wet_cells = 0;
  for (long j = 0; j < n; ++j)
    for (long i = 0; i < n; ++i) {
      const double x = sim.geo.x(sim.p, i), y = sim.geo.y(sim.p, j);
      const an::Point2d e = th.at(x, y, period);
      err += std::fabs(sim.h(i, j) - e.h);
      norm += e.h;
      if (e.h > 0.01) {  // surface error in clearly wet cells, away from the front
        err_eta = std::max(err_eta, std::fabs(sim.eta(i, j) - (e.h + th.bed(x, y))));
        ++wet_cells;
      }
    }
  const double rel = err / norm;
  std::cout << "Thacker: " << n << "² cells, " << sim.steps << " steps, T = " << period
            << " s, relative L1 error of h = " << rel
            << ", max |eta error| where h > 1 cm = " << err_eta << " m (" << wet_cells
            << " cells)\n";
  // The front moves across the grid and the scheme is first order there; published
  // second-order schemes report a few per cent at this resolution. Bound 5 % (10 % Debug).
  CHECK(rel < 0.05 * debug_coarsening);
  // Surface error well inside the wet region: bound 1 cm on a 10 cm deep basin (2 cm Debug).
  CHECK(err_eta < 0.01 * debug_coarsening);
}
