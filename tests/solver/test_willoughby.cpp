// Willoughby, Darling & Rahn (2006) dual-exponential profile (solver/willoughby.hpp):
// blending polynomial, continuity of value and slope at R1 and R2, the maximum at Rmax,
// monotonicity, the eye power law and the empirical parameter fits.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/solver/willoughby.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {

struct Storm {
  double vmax, rmax, lat;
};

// A spread of storms: weak/strong, small/large eye, low/high latitude (Rmax in m).
const std::vector<Storm> storms = {{40.0, 30e3, 20.0}, {60.0, 15e3, 15.0}, {25.0, 60e3, 25.0},
                                   {70.0, 10e3, 12.0}, {33.0, 45e3, 30.0}, {50.0, 25e3, -18.0}};

}  // namespace

TEST_CASE("willoughby_weight: end values, symmetry, derivative", "[solver][willoughby]") {
  CHECK(willoughby_weight(0.0) == 0.0);
  CHECK(willoughby_weight(1.0) == 1.0);
  CHECK(willoughby_weight(-0.3) == 0.0);
  CHECK(willoughby_weight(1.7) == 1.0);
  // The polynomial is the regularised incomplete beta I_ξ(5, 5): w(ξ) + w(1 − ξ) = 1.
  // Rounding only: 1e-13 absolute.
  for (double xi = 0.0; xi <= 1.0; xi += 0.05)
    CHECK(willoughby_weight(xi) + willoughby_weight(1.0 - xi) == Approx(1.0).margin(1e-13));
  // Against the polynomial written out term by term (rounding only: 1e-13 absolute).
  for (const double xi : {0.1, 0.37, 0.5, 0.81}) {
    const double direct = 126 * std::pow(xi, 5) - 420 * std::pow(xi, 6) + 540 * std::pow(xi, 7) -
                          315 * std::pow(xi, 8) + 70 * std::pow(xi, 9);
    CHECK(willoughby_weight(xi) == Approx(direct).margin(1e-13));
  }
  // Derivative 630 ξ⁴(1−ξ)⁴ against a central difference (h = 1e-6: error ~1e-10).
  for (const double xi : {0.1, 0.37, 0.5, 0.81}) {
    const double h = 1e-6;
    const double fd = (willoughby_weight(xi + h) - willoughby_weight(xi - h)) / (2 * h);
    CHECK(willoughby_weight_derivative(xi) == Approx(fd).margin(1e-8));
  }
}

TEST_CASE("willoughby_solve_xi inverts the weight", "[solver][willoughby]") {
  // Bisection to ~1e-15 in ξ; w' ≤ 630/256 ≈ 2.5, so w(ξ) matches the target to ~1e-14.
  for (const double t : {0.0, 1e-6, 0.2, 0.5, 0.77, 0.999, 1.0})
    CHECK(willoughby_weight(willoughby_solve_xi(t)) == Approx(t).margin(1e-13));
  CHECK_THROWS_AS(willoughby_solve_xi(1.5), taifeng::Error);
}

TEST_CASE("willoughby_fit: the paper's ln Rmax fits, X2 and transition width",
          "[solver][willoughby]") {
  // Vmax 40 m/s, Rmax 30 km, 20°N, by hand (Python, double precision):
  // X1 = 287.6 − 1.942·40 + 7.799 ln 30 + 1.819·20 = 272.825938 km
  // n  = 2.1340 + 0.0077·40 − 0.4522 ln 30 − 0.0038·20 = 0.827979
  // A  = 0.5913 + 0.0029·40 − 0.1361 ln 30 − 0.0042·20 = 0.160397
  // The fits are evaluated with the same formula: 1e-9 relative.
  const WilloughbyProfile p = willoughby_fit(40.0, 30e3, 20.0);
  CHECK(p.x1 == Approx(272.82593837958314e3).epsilon(1e-9));
  CHECK(p.n == Approx(0.8279785440123731).epsilon(1e-9));
  CHECK(p.a == Approx(0.1603970363557807).epsilon(1e-9));
  CHECK(p.x2 == 25e3);
  CHECK(p.r2 - p.r1 == Approx(25e3).epsilon(1e-12));  // Rmax > 20 km → 25 km
  CHECK(p.r1 < p.rmax);
  CHECK(p.r2 > p.rmax);
  // Hemisphere does not matter (|φ|).
  const WilloughbyProfile s = willoughby_fit(40.0, 30e3, -20.0);
  CHECK(s.n == p.n);
  CHECK(s.r1 == p.r1);

  // Rmax ≤ 20 km → 15 km transition.
  const WilloughbyProfile q = willoughby_fit(60.0, 18e3, 15.0);
  CHECK(q.r2 - q.r1 == Approx(15e3).epsilon(1e-12));

  // Negative A is clipped to 0 (Vmax 20, Rmax 100 km, 30°: raw A = −0.103464).
  CHECK(willoughby_fit(20.0, 100e3, 30.0).a == 0.0);

  // Outside the fits' range (n = −0.48 for Vmax 15 m/s, Rmax 300 km, 40°): input error.
  try {
    willoughby_fit(15.0, 300e3, 40.0);
    FAIL("expected an input error");
  } catch (const taifeng::Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK_THAT(e.what(), Catch::Contains("outside the range"));
  }
  CHECK_THROWS_AS(willoughby_fit(-1.0, 30e3, 20.0), taifeng::Error);
  CHECK_THROWS_AS(willoughby_fit(40.0, 0.0, 20.0), taifeng::Error);
  CHECK_THROWS_AS(willoughby_fit(40.0, 30e3, 95.0), taifeng::Error);
}

TEST_CASE("willoughby_profile: R1 from the stationarity condition", "[solver][willoughby]") {
  // For A = 0 the exact condition reduces to the paper's eq. 3 (single exponential):
  // w(ξ_m) = n X1 / (n X1 + Rmax), ξ_m = (Rmax − R1)/(R2 − R1). Tolerance: bisection, 1e-12.
  const double n = 1.2, x1 = 200e3, rmax = 40e3, width = 25e3;
  const WilloughbyProfile p = willoughby_profile(45.0, rmax, n, 0.0, x1, 25e3, width);
  const double xi_m = (rmax - p.r1) / width;
  CHECK(willoughby_weight(xi_m) == Approx(n * x1 / (n * x1 + rmax)).margin(1e-12));

  // A small eye: R1 would be negative, the width shrinks so that R1 = 0, and V(0) = 0.
  const WilloughbyProfile small = willoughby_fit(70.0, 6e3, 15.0);
  CHECK(small.r1 == 0.0);
  CHECK(small.r2 > small.rmax);
  CHECK(willoughby_speed(0.0, small) == 0.0);
  CHECK(willoughby_speed(1.0, small) < 1e-3);

  CHECK_THROWS_AS(willoughby_profile(45.0, rmax, 0.0, 0.0, x1, 25e3, width), taifeng::Error);
  CHECK_THROWS_AS(willoughby_profile(45.0, rmax, n, 1.5, x1, 25e3, width), taifeng::Error);
  CHECK_THROWS_AS(willoughby_profile(45.0, rmax, n, 0.2, x1, -1.0, width), taifeng::Error);
  CHECK_THROWS_AS(willoughby_profile(45.0, rmax, n, 0.2, x1, 25e3, 0.0), taifeng::Error);
}

TEST_CASE("willoughby_speed: continuous value and slope at R1 and R2", "[solver][willoughby]") {
  for (const Storm& s : storms) {
    const WilloughbyProfile p = willoughby_fit(s.vmax, s.rmax, s.lat);
    INFO("vmax " << s.vmax << " rmax " << s.rmax << " lat " << s.lat << " r1 " << p.r1 << " r2 "
                 << p.r2);
    for (const double rb : {p.r1, p.r2}) {
      if (rb <= 0.0) continue;  // small-eye case: the blend starts at the centre
      // Value: the two sides 2 mm apart differ by at most |V'|·2 mm ≈ 1e-5 m/s
      // (|V'| < 5e-3 1/s here): tolerance 1e-4 m/s.
      const double h = 1e-3;
      CHECK(willoughby_speed(rb + h, p) == Approx(willoughby_speed(rb - h, p)).margin(1e-4));
      // Slope: one-sided differences (h = 0.5 m) on both sides differ by O(h |V''|) ≈ 1e-7 1/s;
      // typical |V'| is 1e-3 1/s, so a jump would show: tolerance 1e-6 1/s.
      const double hs = 0.5;
      const double left = (willoughby_speed(rb, p) - willoughby_speed(rb - hs, p)) / hs;
      const double right = (willoughby_speed(rb + hs, p) - willoughby_speed(rb, p)) / hs;
      CHECK(right == Approx(left).margin(1e-6));
      // The analytic derivative agrees on both sides of the boundary (1e-9 1/s).
      CHECK(willoughby_speed_derivative(rb + h, p) ==
            Approx(willoughby_speed_derivative(rb - h, p)).margin(1e-9));
    }
    // Analytic derivative against central differences inside the blend (h = 1 m, 1e-8 1/s).
    for (double f = 0.1; f < 1.0; f += 0.2) {
      const double r = p.r1 + f * (p.r2 - p.r1);
      const double fd = (willoughby_speed(r + 1.0, p) - willoughby_speed(r - 1.0, p)) / 2.0;
      CHECK(willoughby_speed_derivative(r, p) == Approx(fd).margin(1e-8));
    }
  }
}

TEST_CASE("willoughby_speed: maximum Vmax at Rmax, monotone on both sides",
          "[solver][willoughby]") {
  for (const Storm& s : storms) {
    const WilloughbyProfile p = willoughby_fit(s.vmax, s.rmax, s.lat);
    INFO("vmax " << s.vmax << " rmax " << s.rmax << " lat " << s.lat);
    // V(Rmax) = Vmax: both branches equal Vmax there; rounding only, 1e-12 relative.
    CHECK(willoughby_speed(p.rmax, p) == Approx(s.vmax).epsilon(1e-12));
    // dV/dr(Rmax) = 0 by the choice of R1: 1e-12 of the eye slope scale Vmax/Rmax.
    CHECK(willoughby_speed_derivative(p.rmax, p) == Approx(0.0).margin(1e-12 * s.vmax / s.rmax));
    // Dense scan (10 m steps to 1000 km): the maximum is Vmax (1e-9 relative, i.e. no
    // overshoot of the blend) and lies within one step of Rmax.
    double vbest = 0.0, rbest = 0.0;
    double prev = willoughby_speed(0.0, p);
    bool inc_inside = true, dec_outside = true;
    for (double r = 10.0; r <= 1000e3; r += 10.0) {
      const double v = willoughby_speed(r, p);
      if (v > vbest) vbest = v, rbest = r;
      if (r <= p.rmax && !(v > prev)) inc_inside = false;
      if (r > p.rmax + 10.0 && !(v < prev)) dec_outside = false;
      prev = v;
    }
    CHECK(vbest <= s.vmax * (1.0 + 1e-9));
    CHECK(std::fabs(rbest - p.rmax) <= 10.0);
    CHECK(inc_inside);
    CHECK(dec_outside);
  }
}

TEST_CASE("willoughby_speed: eye power law and outer dual exponential", "[solver][willoughby]") {
  const WilloughbyProfile p = willoughby_fit(40.0, 30e3, 20.0);
  REQUIRE(p.r1 > 10e3);
  // Inside R1: V = Vmax (r/Rmax)^n exactly (same formula: 1e-12 relative) and
  // V(r/2)/V(r) = 2^{−n}.
  for (const double r : {1e3, 5e3, 0.5 * p.r1, p.r1}) {
    CHECK(willoughby_speed(r, p) == Approx(40.0 * std::pow(r / 30e3, p.n)).epsilon(1e-12));
    CHECK(willoughby_speed(r / 2, p) / willoughby_speed(r, p) ==
          Approx(std::pow(2.0, -p.n)).epsilon(1e-12));
  }
  CHECK(willoughby_speed(0.0, p) == 0.0);
  CHECK(willoughby_speed(-5.0, p) == 0.0);
  // Outside R2: the dual exponential (1e-12 relative).
  for (const double r : {p.r2, 100e3, 300e3}) {
    const double d = r - 30e3;
    const double vo = 40.0 * ((1 - p.a) * std::exp(-d / p.x1) + p.a * std::exp(-d / p.x2));
    CHECK(willoughby_speed(r, p) == Approx(vo).epsilon(1e-12));
  }
}
