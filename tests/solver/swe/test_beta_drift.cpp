// Beta drift: a cyclonic vortex (V_m = 40 m/s at r_m = 100 km) in a resting environment on
// a beta plane at 20N must move north-west at about 1-3 m/s (Chan & Williams 1987; BRIEF).
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>
#include <numbers>
#include <vector>

#include "swe_test_util.hpp"
#include "taifeng/core/units.hpp"

using namespace swe_test;

namespace {

constexpr double vm = 40.0, rm = 100e3;
constexpr double depth = 1000.0;  // equivalent depth: deformation radius sqrt(gH)/f ≈ 2000 km

// Chan & Williams (1987) profile with b = 1: V = V_m (r/r_m) exp(1 - r/r_m).
double v_tangential(double r) {
  return vm * (r / rm) * std::exp(1.0 - r / rm);
}

// Depth in gradient-wind balance with f0: g dh/dr = f0 V + V²/r, h(infinity) = depth.
struct BalancedDepth {
  double dr = 500.0;
  std::vector<double> h;  // at r = k dr
  BalancedDepth(double f0, double g, double r_max) {
    const long n = long(r_max / dr) + 2;
    h.assign(std::size_t(n), depth);
    auto rhs = [&](double r) {
      const double v = v_tangential(r);
      return r > 0.0 ? (f0 * v + v * v / r) / g : 0.0;
    };
    for (long k = n - 2; k >= 0; --k)  // trapezoid rule inward
      h[std::size_t(k)] =
          h[std::size_t(k + 1)] - 0.5 * dr * (rhs(double(k) * dr) + rhs(double(k + 1) * dr));
  }
  double operator()(double r) const {
    const double s = r / dr;
    const auto k = std::size_t(s);
    if (k + 1 >= h.size()) return depth;
    return h[k] + (s - double(k)) * (h[k + 1] - h[k]);
  }
};

// Vortex centre: minimum of the surface, refined by a parabola through its neighbours.
struct Centre {
  double x, y;
};
Centre track(const Sim& sim) {
  long im = 0, jm = 0;
  for (long j = 1; j < sim.p.ny - 1; ++j)
    for (long i = 1; i < sim.p.nx - 1; ++i)
      if (sim.eta(i, j) < sim.eta(im, jm)) im = i, jm = j;
  auto vertex = [](double a, double b, double c) {  // offset of the parabola's vertex
    const double d = a - 2.0 * b + c;
    return d > 0.0 ? 0.5 * (a - c) / d : 0.0;
  };
  const double ox = vertex(sim.eta(im - 1, jm), sim.eta(im, jm), sim.eta(im + 1, jm));
  const double oy = vertex(sim.eta(im, jm - 1), sim.eta(im, jm), sim.eta(im, jm + 1));
  return {sim.geo.x(sim.p, im) + ox * sim.geo.dx, sim.geo.y(sim.p, jm) + oy * sim.geo.dy};
}

}  // namespace

TEST_CASE("beta drift of a cyclonic vortex is north-west at 1-3 m/s", "[solver][swe][beta]") {
  const double L = 3000e3;
  const long n = 150 / debug_coarsening;  // 20 km cells (40 km in Debug)
  const double hours = debug_coarsening == 1 ? 48.0 : 24.0;
  const double dx = L / double(n);
  Sim sim(n, n, dx, dx);
  sim.phys.f0 = taifeng::coriolis(20.0);
  sim.phys.beta = 2e-11;
  sim.phys.y_ref = 0.5 * L;
  sim.phys.limiter = Limiter::mc;
  const BalancedDepth hb(sim.phys.f0, sim.phys.g, 1.5 * L);
  sim.init([&](double x, double y) {
    const double dxc = x - 0.5 * L, dyc = y - 0.5 * L, r = std::hypot(dxc, dyc);
    const double v = v_tangential(r);
    const double ux = r > 0.0 ? -v * dyc / r : 0.0, vy = r > 0.0 ? v * dxc / r : 0.0;
    return Cell{-depth, hb(r), ux, vy};  // counter-clockwise: cyclonic in the north
  });
  const Centre c0 = track(sim);
  // Drift measured after a 12 h spin-up of the beta gyres.
  const double t_spin = 12 * 3600.0, t_end = hours * 3600.0;
  sim.run_until(t_spin, 0.45);
  const Centre c1 = track(sim);
  sim.run_until(t_end, 0.45);
  const Centre c2 = track(sim);
  const double u = (c2.x - c1.x) / (t_end - t_spin), v = (c2.y - c1.y) / (t_end - t_spin);
  const double speed = std::hypot(u, v);
  const double heading = std::fmod(std::atan2(u, v) * 180.0 / std::numbers::pi + 360.0, 360.0);
  std::cout << "beta drift: " << n << "² cells of " << dx / 1e3 << " km, " << sim.steps
            << " steps to " << hours << " h; centre moved (" << (c2.x - c0.x) / 1e3 << ", "
            << (c2.y - c0.y) / 1e3 << ") km; drift " << speed << " m/s toward " << heading
            << " deg (u = " << u << ", v = " << v << ") between " << t_spin / 3600 << " and "
            << hours << " h\n";
  CHECK(u < 0.0);  // westward
  CHECK(v > 0.0);  // northward
  CHECK(heading > 270.0);
  CHECK(heading < 360.0);
  CHECK(speed > 1.0);
  CHECK(speed < 3.0);
}
