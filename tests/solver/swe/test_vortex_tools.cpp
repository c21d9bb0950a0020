// The pieces of the equivalent-barotropic track model: the balanced idealised vortex, the
// centre finder, the divergence removal and balance solver, the boundary relaxation.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "taifeng/solver/swe/balance.hpp"
#include "taifeng/solver/swe/relax.hpp"
#include "taifeng/solver/swe/vortex.hpp"
#include "taifeng/solver/swe/vortex_centre.hpp"

using namespace taifeng::solver::swe;

namespace {

// A vortex centred at (xc, yc) on a resting layer of depth H, written into a whole patch.
State vortex_state(const Patch& p, const Geometry& geo, const BalancedVortex& vx, double H,
                   double xc, double yc) {
  State s(p);
  const double rot = vx.counter_clockwise() ? 1.0 : -1.0;
  for (long j = 0; j < p.ny; ++j)
    for (long i = 0; i < p.nx; ++i) {
      const double x = geo.x(p, i) - xc, y = geo.y(p, j) - yc, r = std::hypot(x, y);
      const std::size_t k = p.idx(i, j);
      s.h[k] = H + vx.depth(r);
      const double vt = r > 0 ? rot * vx.wind(r) : 0.0;
      s.hu[k] = s.h[k] * (r > 0 ? -vt * y / r : 0.0);
      s.hv[k] = s.h[k] * (r > 0 ? vt * x / r : 0.0);
    }
  return s;
}

}  // namespace

TEST_CASE("the idealised vortex is in gradient-wind balance in both hemispheres",
          "[solver][swe][vortex]") {
  for (const double f : {5e-5, -5e-5}) {
    VortexSpec spec;
    spec.f_centre = f;
    const BalancedVortex vx(spec, 2.0e6);
    CHECK(vx.counter_clockwise() == (f > 0));
    // Chan–Williams: V(r_m) = V_m, and V(r) is largest there.
    CHECK(vx.wind(spec.rmw_m) == Approx(spec.vmax_ms).epsilon(1e-12));
    CHECK(vx.wind(0.9 * spec.rmw_m) < spec.vmax_ms);
    CHECK(vx.wind(1.1 * spec.rmw_m) < spec.vmax_ms);
    // dh/dr = (|f| V + V²/r)/g by centred differences of the table (trapezoid error of the
    // table at 1/200 r_m = 0.5 km and the centred difference over ±0.5 km: 2e-4 relative).
    for (const double r : {30e3, 100e3, 250e3, 600e3}) {
      const double dr = 0.5e3, v = vx.wind(r);
      const double slope = (vx.depth(r + dr) - vx.depth(r - dr)) / (2 * dr);
      INFO("f " << f << " r " << r);
      CHECK(slope == Approx((std::fabs(f) * v + v * v / r) / spec.g).epsilon(2e-4));
    }
    CHECK(vx.depth(2.5e6) == 0.0);
    CHECK(vx.depth(0.0) < -100.0);  // a deep low: about 290 m for 40 m/s at 100 km
  }
}

TEST_CASE("find_centre locates a vortex below the grid spacing by both methods",
          "[solver][swe][vortex]") {
  const long n = 80;
  const double dx = 25e3;
  const Patch p = whole_patch(n, n);
  const Geometry geo{dx, dx, -0.5 * n * dx, -0.5 * n * dx};
  for (const double f : {5e-5, -5e-5}) {
    VortexSpec spec;
    spec.f_centre = f;
    const BalancedVortex vx(spec, 1.5e6);
    // Centre 0.3 cell east and 0.2 cell south of a cell centre.
    const double xc = geo.x(p, 43) + 0.3 * dx, yc = geo.y(p, 37) - 0.2 * dx;
    const State s = vortex_state(p, geo, vx, 1000.0, xc, yc);
    std::vector<double> href(p.size(), 1000.0);
    for (const CentreMethod m : {CentreMethod::vorticity, CentreMethod::height}) {
      CentreSearch q;
      q.method = m;
      q.x_guess = xc + 150e3;  // a first guess 150 km off
      q.y_guess = yc - 100e3;
      q.search_radius = 300e3;
      q.sign = f > 0 ? 1.0 : -1.0;
      q.h_ref = &href;
      const auto c = find_centre(p, geo, s, 1e-6, q);
      REQUIRE(c);
      INFO("method " << int(m) << " f " << f << " error " << c->x - xc << ", " << c->y - yc);
      // Parabolic refinement of a smooth extreme 4 cells wide: within 0.1 cell.
      CHECK(std::fabs(c->x - xc) < 0.1 * dx);
      CHECK(std::fabs(c->y - yc) < 0.1 * dx);
      CHECK(c->i == 43);
      CHECK(c->j == 37);
    }
    // A guess with no cell within the radius finds nothing.
    CentreSearch far;
    far.x_guess = 1e8;
    far.search_radius = 100e3;
    CHECK_FALSE(find_centre(p, geo, s, 1e-6, far));
  }
}

TEST_CASE("the balance solver: exact geostrophic tilt, divergence removed, rotation kept",
          "[solver][swe][balance]") {
  const long nx = 60, ny = 50;
  const double d = 40e3;
  const Geometry geo{d, d, -0.5 * nx * d, -0.5 * ny * d};
  Physics phys;
  phys.sphere_lat_ref_deg = 20.0;
  const Patch p = whole_patch(nx, ny);
  const BalanceSolver b(nx, ny, geo, phys);
  const double pi = 3.14159265358979323846;

  SECTION("a uniform easterly on the sphere: unchanged, with g dh/dy = -f U per face") {
    std::vector<double> u(nx * ny, -5.0), v(nx * ny, 0.0);
    const std::vector<double> u0 = u;
    b.remove_divergence(u, v);
    for (long c = 0; c < nx * ny; ++c) CHECK(std::fabs(u[c] - u0[c]) < 1e-12);
    const std::vector<double> h = b.balanced_depth(u, v, 1000.0);
    double mean = 0.0;
    for (double x : h) mean += x;
    CHECK(mean / double(nx * ny) == Approx(1000.0).epsilon(1e-12));
    for (long j = 0; j + 1 < ny; ++j) {
      const double f = 0.5 * (coriolis_at(phys, geo.y(p, j)) + coriolis_at(phys, geo.y(p, j + 1)));
      for (long i : {0L, nx / 2, nx - 1}) {
        const double dhdy = (h[(j + 1) * nx + i] - h[j * nx + i]) / d;
        CHECK(dhdy == Approx(-f * -5.0 / phys.g).epsilon(1e-9));
      }
      CHECK(h[j * nx] == Approx(h[j * nx + nx - 1]).margin(1e-9));  // no zonal gradient
    }
  }

  SECTION("a potential flow loses its divergence; a rotational flow keeps its vorticity") {
    const double lx = nx * d, ly = ny * d;
    std::vector<double> up(nx * ny), vp(nx * ny), ur(nx * ny), vr(nx * ny);
    for (long j = 0; j < ny; ++j)
      for (long i = 0; i < nx; ++i) {
        const double x = geo.x(p, i) - geo.x0, y = geo.y(p, j) - geo.y0;
        const double sx = std::sin(pi * x / lx), sy = std::sin(pi * y / ly);
        const double cx = std::cos(pi * x / lx), cy = std::cos(pi * y / ly);
        // Potential phi = 1e6 sx sy (m²/s): u = grad phi.
        up[j * nx + i] = 1e6 * pi / lx * cx * sy;
        vp[j * nx + i] = 1e6 * pi / ly * sx * cy;
        // Streamfunction psi = 1e6 sx sy: u = -dpsi/dy, v = dpsi/dx.
        ur[j * nx + i] = -1e6 * pi / ly * sx * cy;
        vr[j * nx + i] = 1e6 * pi / lx * cx * sy;
      }
    auto max_abs = [](const std::vector<double>& a) {
      double m = 0.0;
      for (double x : a) m = std::max(m, std::fabs(x));
      return m;
    };
    const double div0 = max_abs(b.divergence(up, vp));
    b.remove_divergence(up, vp);
    const double div1 = max_abs(b.divergence(up, vp));
    INFO("divergence " << div0 << " -> " << div1);
    // Only the second-order mismatch of the cell-centred gradient and the face divergence
    // remains (measured 9e-4 of the original on this 50 x 60 grid); 1 % allowed.
    CHECK(div1 < 0.01 * div0);
    const std::vector<double> ur0 = ur;
    b.remove_divergence(ur, vr);
    double change = 0.0;
    for (long c = 0; c < nx * ny; ++c) change = std::max(change, std::fabs(ur[c] - ur0[c]));
    INFO("rotational flow change " << change << " of " << max_abs(ur0));
    // The rotational flow's divergence is only its discretisation error: it changes by
    // about 1 % (the boundary cells, where chi's Dirichlet ghost acts); 2 % allowed.
    CHECK(change < 0.02 * max_abs(ur0));
  }
}

TEST_CASE("boundary relaxation: weights and the nudge", "[solver][swe][relax]") {
  const Patch p = whole_patch(20, 10);
  const std::vector<double> w = relaxation_weights(p, 4.0);
  CHECK(w[p.idx(0, 5)] == 1.0);
  CHECK(w[p.idx(19, 5)] == 1.0);
  CHECK(w[p.idx(10, 0)] == 1.0);
  CHECK(w[p.idx(2, 5)] == Approx(0.25));  // ((4 - 2)/4)²
  CHECK(w[p.idx(10, 5)] == 0.0);
  CHECK(w[p.idx(-1, 5)] == 0.0);  // ghosts untouched
  // The same weights on a block of a split grid.
  const Patch q{20, 10, 10, 0, 10, 10, 2};
  const std::vector<double> wq = relaxation_weights(q, 4.0);
  for (long j = 0; j < 10; ++j)
    for (long i = 0; i < 10; ++i) CHECK(wq[q.idx(i, j)] == w[p.idx(i + 10, j)]);
  State s(p), ref(p);
  for (std::size_t k = 0; k < p.size(); ++k) {
    s.h[k] = 1.0;
    ref.h[k] = 3.0;
    ref.hu[k] = 2.0;
  }
  relax_toward(p, w, 0.5, ref, s);
  CHECK(s.h[p.idx(0, 5)] == 2.0);  // c = 0.5
  CHECK(s.hu[p.idx(0, 5)] == 1.0);
  CHECK(s.h[p.idx(2, 5)] == Approx(1.25));  // c = 0.125
  CHECK(s.h[p.idx(10, 5)] == 1.0);
  relax_toward(p, w, 10.0, ref, s);  // c capped at 1: never overshoots
  CHECK(s.h[p.idx(0, 5)] == 3.0);
  // Between two references: toward a + 0.25 (b - a) = 3 + 0.25 (7 - 3) = 4, c = 1 at the edge.
  State later = ref;
  for (double& x : later.h) x = 7.0;
  relax_toward(p, w, 10.0, ref, later, 0.25, s);
  CHECK(s.h[p.idx(0, 5)] == 4.0);
  CHECK(s.h[p.idx(10, 5)] == 1.0);  // outside the zone: untouched
}
