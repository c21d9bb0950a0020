// Empirical intensity relations (solver/intensity.hpp): Atkinson & Holliday (1977)
// wind-pressure relation, the R_m-from-pressure table and Kaplan & DeMaria (1995) decay.
#include <catch2/catch.hpp>

#include <cmath>

#include "taifeng/solver/intensity.hpp"

using namespace taifeng::solver;

namespace {

// The knot from its definition (1852 m per hour), independent of core/units.hpp.
constexpr double knot = 1852.0 / 3600.0;
constexpr double nmi = 1.852;  // km

// core/units.hpp stores the knot as 0.514444 (6 decimals) instead of 0.5144444…: the
// library's m/s values differ from ones computed with the exact knot by up to 8.6e-7
// relative. Comparisons against independent formulas therefore allow 2e-6 relative.
constexpr double knot_tol = 2e-6;

}  // namespace

TEST_CASE("Atkinson-Holliday: formula at 950 hPa and inverse round trip", "[solver][intensity]") {
  // V(kt, 1-min) = 6.7 (1010 - p)^0.644, p = 950 hPa -> 6.7 · 60^0.644 kt ≈ 93.6 kt.
  const double expected_ms = 6.7 * std::pow(60.0, 0.644) * knot;
  CHECK(wind_from_pressure_ah77(950.0) == Approx(expected_ms).epsilon(knot_tol));
  CHECK(wind_from_pressure_ah77(950.0) / knot == Approx(93.6).margin(0.1));  // sanity, 3 digits
  // Another point: 900 hPa.
  CHECK(wind_from_pressure_ah77(900.0) ==
        Approx(6.7 * std::pow(110.0, 0.644) * knot).epsilon(knot_tol));
  // No deficit, no wind (and no NaN from a negative base above 1010 hPa).
  CHECK(wind_from_pressure_ah77(1010.0) == 0.0);
  CHECK(wind_from_pressure_ah77(1015.0) == 0.0);

  // The two functions are inverses: both directions round trip to rounding error (the
  // pow with exponents 0.644 and 1/0.644 loses a few ulps; tolerance 1e-9 relative).
  for (const double p : {880.0, 900.0, 925.0, 950.0, 975.0, 990.0, 1000.0, 1005.0}) {
    INFO("p " << p);
    CHECK(pressure_from_wind_ah77(wind_from_pressure_ah77(p)) == Approx(p).epsilon(1e-9));
  }
  for (const double v : {10.0, 17.2, 25.0, 32.7, 45.0, 60.0, 75.0}) {
    INFO("v " << v);
    CHECK(wind_from_pressure_ah77(pressure_from_wind_ah77(v)) == Approx(v).epsilon(1e-9));
  }
  CHECK(pressure_from_wind_ah77(0.0) == 1010.0);
}

TEST_CASE("rmw_from_pressure_km: table nodes, midpoints and clamping", "[solver][intensity]") {
  // Table (BRIEF): 872, 940, 980, 1021 hPa -> 14.9, 15.7, 25.7, 56.9 n mi. Nodes and
  // midpoints are pure arithmetic on short decimals: tolerance 1e-12 relative.
  const double p[] = {872.0, 940.0, 980.0, 1021.0};
  const double r[] = {14.9, 15.7, 25.7, 56.9};
  for (int k = 0; k < 4; ++k) {
    INFO("node " << p[k]);
    CHECK(rmw_from_pressure_km(p[k]) == Approx(r[k] * nmi).epsilon(1e-12));
  }
  for (int k = 0; k < 3; ++k) {
    const double pm = 0.5 * (p[k] + p[k + 1]);
    INFO("midpoint " << pm);
    CHECK(rmw_from_pressure_km(pm) == Approx(0.5 * (r[k] + r[k + 1]) * nmi).epsilon(1e-12));
  }
  // A non-midpoint: 950 hPa is 1/4 of the way from 940 to 980 -> 15.7 + 2.5 = 18.2 n mi.
  CHECK(rmw_from_pressure_km(950.0) == Approx(18.2 * nmi).epsilon(1e-12));
  // Values held constant beyond the ends.
  CHECK(rmw_from_pressure_km(850.0) == Approx(14.9 * nmi).epsilon(1e-12));
  CHECK(rmw_from_pressure_km(800.0) == rmw_from_pressure_km(872.0));
  CHECK(rmw_from_pressure_km(1030.0) == Approx(56.9 * nmi).epsilon(1e-12));
  CHECK(rmw_from_pressure_km(1100.0) == Approx(rmw_from_pressure_km(1021.0)).epsilon(1e-12));
  // Monotone non-decreasing over the whole range. At 1021 hPa the interpolated node
  // (25.7 + 41 · 31.2 / 41) is one ulp above the clamped 56.9, hence 1e-12 relative slack.
  double prev = 0.0;
  for (double pc = 850.0; pc <= 1040.0; pc += 0.5) {
    const double v = rmw_from_pressure_km(pc);
    REQUIRE(v >= prev * (1.0 - 1e-12));
    prev = v;
  }
}

TEST_CASE("kaplan_demaria_decay: closed form, limits and cap at V0", "[solver][intensity]") {
  // V(t) = V_b + (R V0 - V_b) e^{-α t}, V_b = 26.7 kt, R = 0.9, α = 0.095 1/h (BRIEF).
  const double vb = 26.7 * knot;
  const double v0 = 50.0;
  // t = 0: R·V0 exactly up to V_b rounding (knot_tol).
  CHECK(kaplan_demaria_decay(v0, 0.0) == Approx(0.9 * v0).epsilon(knot_tol));
  // t = 10 h: α t = 0.95.
  CHECK(kaplan_demaria_decay(v0, 10.0) ==
        Approx(vb + (0.9 * v0 - vb) * std::exp(-0.95)).epsilon(knot_tol));
  CHECK(kaplan_demaria_decay(v0, 24.0) ==
        Approx(vb + (0.9 * v0 - vb) * std::exp(-0.095 * 24.0)).epsilon(knot_tol));
  // Large t tends to V_b: after 300 h the transient is e^{-28.5} ≈ 4e-13 of (R V0 - V_b).
  CHECK(kaplan_demaria_decay(v0, 300.0) == Approx(vb).epsilon(knot_tol));
  // Monotone decay for a strong storm.
  double prev = v0;
  for (double t = 0.0; t <= 96.0; t += 1.0) {
    const double v = kaplan_demaria_decay(v0, t);
    REQUIRE(v < prev);
    REQUIRE(v > vb);
    prev = v;
  }
  // Never above V0: a weak storm (V0 = 12 m/s < V_b ≈ 13.7 m/s) would otherwise grow
  // toward V_b over land.
  const double weak = 12.0;
  CHECK(kaplan_demaria_decay(weak, 0.0) == Approx(0.9 * weak).epsilon(1e-12));
  for (double t = 0.0; t <= 200.0; t += 0.5) {
    INFO("t " << t);
    REQUIRE(kaplan_demaria_decay(weak, t) <= weak);
  }
  CHECK(kaplan_demaria_decay(weak, 200.0) == weak);
  // Negative times (before landfall) are treated as landfall.
  CHECK(kaplan_demaria_decay(v0, -5.0) == kaplan_demaria_decay(v0, 0.0));
}
