// Holland (1980) and Holland et al. (2010) wind profiles (solver/holland.hpp), checked
// against the BRIEF's check values and analytic identities of the profiles.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "taifeng/core/units.hpp"
#include "taifeng/solver/holland.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {

constexpr double rho = rho_air;  // 1.15 kg/m³ (BRIEF, Wind field)

// A typical western-Pacific typhoon: Δp = 50 hPa, gradient V_m = 45 m/s, R_m = 30 km.
constexpr double typ_dp = 5000.0;
constexpr double typ_vm = 45.0;
constexpr double typ_rm = 30e3;

}  // namespace

TEST_CASE("holland_b: BRIEF check values and clipping", "[solver][holland]") {
  // Δp = 15 hPa, V_m = 35 m/s: V_m² e ρ / Δp = 2.56 > 2.5, clipped to the upper bound.
  // The clip is an exact assignment, so exact equality is required.
  CHECK(holland_b(35.0, 1500.0) == 2.5);

  // Δp = 30 hPa, V_m = 40 m/s -> 1.667213 (BRIEF). The BRIEF gives 7 significant digits,
  // i.e. a rounding error up to 5e-7: tolerance 1e-6 absolute.
  CHECK(holland_b(40.0, 3000.0) == Approx(1.667213).margin(1e-6));
  // Same value from the formula written out here; only rounding differs (1e-14 relative).
  CHECK(holland_b(40.0, 3000.0) ==
        Approx(40.0 * 40.0 * std::numbers::e * 1.15 / 3000.0).epsilon(1e-14));

  // Lower clip: V_m = 10 m/s with Δp = 50 hPa gives 0.0625 < 1 -> exactly 1.
  CHECK(holland_b(10.0, 5000.0) == 1.0);
  // Custom bounds are honoured.
  CHECK(holland_b(10.0, 5000.0, rho, 0.5, 2.0) == 0.5);
  CHECK(holland_b(35.0, 1500.0, rho, 0.5, 2.0) == 2.0);
}

TEST_CASE("holland1980_speed: V(R_m) = V_m for f = 0 and the B it was derived from",
          "[solver][holland]") {
  // With f = 0, V(R_m)² = (B/ρ) Δp e^{-1}; with B = V_m² e ρ / Δp this is V_m² exactly.
  // Only floating-point rounding separates the two: tolerance 1e-9 relative.
  struct Case {
    double vm, dp;
  };
  for (const Case c :
       {Case{40.0, 3000.0}, Case{typ_vm, typ_dp}, Case{60.0, 9000.0}, Case{30.0, 2200.0}}) {
    const double b = holland_b(c.vm, c.dp);
    REQUIRE(b > 1.0);  // the identity needs an unclipped B
    REQUIRE(b < 2.5);
    for (const double rm : {15e3, 40e3, 100e3}) {
      INFO("vm " << c.vm << " dp " << c.dp << " rm " << rm);
      CHECK(holland1980_speed(rm, rm, b, c.dp, rho, 0.0) == Approx(c.vm).epsilon(1e-9));
    }
  }
}

TEST_CASE("holland1980_speed: with f = 0 the maximum is at R_m", "[solver][holland]") {
  // dV/dr = 0 at x = (R_m/r)^B = 1 for the cyclostrophic profile; scan r on a fine grid
  // (0.1 % of R_m) and require the arg max within one scan step of R_m.
  const double b = holland_b(typ_vm, typ_dp);
  const double dr = typ_rm * 1e-3;
  double best_r = 0.0, best_v = -1.0;
  for (int k = 1; k <= 10000; ++k) {
    const double r = k * dr;
    const double v = holland1980_speed(r, typ_rm, b, typ_dp, rho, 0.0);
    if (v > best_v) {
      best_v = v;
      best_r = r;
    }
  }
  CHECK(std::fabs(best_r - typ_rm) <= dr);
  CHECK(best_v == Approx(typ_vm).epsilon(1e-9));  // the sample at r = R_m itself
  // Also for a clipped B (the maximum location does not depend on B).
  for (const double bb : {1.0, 2.5}) {
    CHECK(holland1980_speed(typ_rm, typ_rm, bb, typ_dp, rho, 0.0) >
          holland1980_speed(typ_rm * 0.99, typ_rm, bb, typ_dp, rho, 0.0));
    CHECK(holland1980_speed(typ_rm, typ_rm, bb, typ_dp, rho, 0.0) >
          holland1980_speed(typ_rm * 1.01, typ_rm, bb, typ_dp, rho, 0.0));
  }
}

TEST_CASE("holland1980_speed: gradient-wind balance with Coriolis", "[solver][holland]") {
  // Holland pressure profile p(r) = p_c + Δp e^{-(R_m/r)^B}: dp/dr = Δp B x e^{-x} / r with
  // x = (R_m/r)^B. Gradient-wind balance V²/r + f V = (1/ρ) dp/dr must hold exactly; the
  // two sides agree to rounding (tolerance 1e-9 relative).
  const double b = holland_b(typ_vm, typ_dp);
  const double f = coriolis(20.0);
  for (const double r : {3e3, 10e3, 30e3, 60e3, 150e3, 400e3, 1000e3}) {
    INFO("r " << r);
    const double v = holland1980_speed(r, typ_rm, b, typ_dp, rho, f);
    const double x = std::pow(typ_rm / r, b);
    const double rhs = typ_dp * b * x * std::exp(-x) / r / rho;
    CHECK(v * v / r + f * v == Approx(rhs).epsilon(1e-9));
    // f > 0 lowers the wind everywhere...
    const double v0 = holland1980_speed(r, typ_rm, b, typ_dp, rho, 0.0);
    CHECK(v < v0);
    // ...by at most r f / 2: V_0 - V_f = V_c + a - sqrt(V_c² + a²) in (0, a], a = r f / 2.
    const double a = 0.5 * r * f;
    CHECK(v0 - v <= a * (1.0 + 1e-12));
  }
  // Near the centre the Coriolis term vanishes and the profile tends to the cyclostrophic
  // one: the gap V_c - V_f (bounded by r f / 2 above) shrinks monotonically toward r = 0.
  // At R_m / 4 it is below r f / 2 ≈ 0.19 m/s on a wind of about 10 m/s.
  double prev_gap = 1e300;
  for (const double r :
       {5.0 * typ_rm, 2.0 * typ_rm, typ_rm, typ_rm / 2.0, typ_rm / 4.0, typ_rm / 8.0}) {
    const double gap = holland1980_speed(r, typ_rm, b, typ_dp, rho, 0.0) -
                       holland1980_speed(r, typ_rm, b, typ_dp, rho, f);
    INFO("r " << r << " gap " << gap);
    CHECK(gap > 0.0);
    CHECK(gap < prev_gap);
    prev_gap = gap;
  }
  CHECK(holland1980_speed(typ_rm / 4.0, typ_rm, b, typ_dp, rho, 0.0) -
            holland1980_speed(typ_rm / 4.0, typ_rm, b, typ_dp, rho, f) <
        0.2);
  // The sign of f (southern hemisphere) does not change the speed.
  CHECK(holland1980_speed(60e3, typ_rm, b, typ_dp, rho, -f) ==
        holland1980_speed(60e3, typ_rm, b, typ_dp, rho, f));
}

TEST_CASE("holland1980_speed: monotone decay outside 2 R_m, zero at the centre",
          "[solver][holland]") {
  const double b = holland_b(typ_vm, typ_dp);
  const double f = coriolis(18.0);
  for (const double ff : {0.0, f}) {
    double prev = holland1980_speed(2.0 * typ_rm, typ_rm, b, typ_dp, rho, ff);
    for (double r = 2.0 * typ_rm + 1e3; r <= 2000e3; r += 1e3) {
      const double v = holland1980_speed(r, typ_rm, b, typ_dp, rho, ff);
      REQUIRE(v < prev);
      REQUIRE(v > 0.0);
      prev = v;
    }
  }
  // Far field, f = 0: x e^{-x} -> x = (R_m/r)^B, so V ~ r^{-B/2}: V(2r) / V(r) -> 2^{-B/2}.
  // At r = 1000 km, x ≈ 0.013, so the ratio is within e^{-x/2} ≈ 0.7 % of the limit: 1 %.
  CHECK(holland1980_speed(2000e3, typ_rm, b, typ_dp, rho, 0.0) /
            holland1980_speed(1000e3, typ_rm, b, typ_dp, rho, 0.0) ==
        Approx(std::pow(2.0, -b / 2.0)).epsilon(0.01));
  CHECK(holland1980_speed(0.0, typ_rm, b, typ_dp, rho, f) == 0.0);
}

TEST_CASE("holland2010_speed: BRIEF check value and construction", "[solver][holland]") {
  const double rm = 75e3, vm = 35.0, b = 1.75;
  // R_m = 75 km, V_m = 35 m/s, B = 1.75 -> V(220 km) = 21.181497 m/s (BRIEF); 8 significant
  // digits given, so the rounding error is <= 5e-7 m/s: tolerance 1e-5 m/s.
  CHECK(holland2010_speed(220e3, rm, vm, b) == Approx(21.181497).margin(1e-5));
  // V(300 km) = 17 m/s by construction of the outer exponent (rounding only: 1e-9 rel).
  CHECK(holland2010_speed(300e3, rm, vm, b) == Approx(17.0).epsilon(1e-9));
  // A different edge is honoured too.
  CHECK(holland2010_speed(400e3, rm, vm, b, 400e3, 12.0) == Approx(12.0).epsilon(1e-9));
  // V(R_m) = V_m: shape(R_m) = 1·e^0 = 1 (exactly representable, so tolerance 1e-12).
  CHECK(holland2010_speed(rm, rm, vm, b) == Approx(vm).epsilon(1e-12));
  // Inside R_m, x = 0.5: V = V_m sqrt(x e^{1-x}) with x = (R_m/r)^B, computed here.
  const double r_in = 40e3;
  const double x_in = std::pow(rm / r_in, b);
  CHECK(holland2010_speed(r_in, rm, vm, b) ==
        Approx(vm * std::sqrt(x_in * std::exp(1.0 - x_in))).epsilon(1e-12));
  // The profile peaks at R_m and decreases outward up to the edge.
  double prev = vm;
  for (double r = rm + 1e3; r <= 300e3; r += 1e3) {
    const double v = holland2010_speed(r, rm, vm, b);
    REQUIRE(v < prev);
    prev = v;
  }
  CHECK(holland2010_speed(0.0, rm, vm, b) == 0.0);
}
