#pragma once
// Willoughby, Darling & Rahn (2006), "Parametric representation of the primary hurricane
// vortex. Part II: A new family of sectionally continuous profiles", Mon. Wea. Rev. 134,
// 1102–1120: the dual-exponential wind profile. Plain kernel, SI units like holland.hpp:
// radii in m, speeds in m/s.
//
//   r ≤ R1:       V_i(r) = Vmax (r/Rmax)^n                                  (eye, power law)
//   r ≥ R2:       V_o(r) = Vmax [(1−A) e^{−(r−Rmax)/X1} + A e^{−(r−Rmax)/X2}] (dual exponential)
//   R1 < r < R2:  V = V_i (1 − w(ξ)) + V_o w(ξ),  ξ = (r − R1)/(R2 − R1),
//                 w(ξ) = 126ξ⁵ − 420ξ⁶ + 540ξ⁷ − 315ξ⁸ + 70ξ⁹  (w' = 630 ξ⁴(1−ξ)⁴)
//
// R1 is chosen so that the blended profile peaks at Rmax (paper's eq. 3): at r = Rmax
// V_i = V_o = Vmax, so V(Rmax) = Vmax for any R1, and dV/dr(Rmax) = 0 requires
//   w(ξ_m) = V_i'/(V_i' − V_o') = (n/Rmax) / (n/Rmax + (1−A)/X1 + A/X2),
// with ξ_m = (Rmax − R1)/(R2 − R1). This is the exact stationarity condition; the paper's
// eq. 3 as implemented by several public codes (e.g. the R package stormwindmodel,
// will3_right) uses n((1−A)X1 + A X2)/(n((1−A)X1 + A X2) + Rmax) instead, which equals the
// exact value for A = 0 (single exponential) and only approximates it otherwise. Since w is
// strictly increasing on [0, 1] the equation has exactly one root, found by bisection.
namespace taifeng::solver {

struct WilloughbyProfile {
  double vmax = 0.0;  // m/s
  double rmax = 0.0;  // m
  double n = 0.0;     // eye power-law exponent (> 0)
  double a = 0.0;     // weight of the fast exponential, in [0, 1]
  double x1 = 0.0;    // slow e-folding length, m
  double x2 = 0.0;    // fast e-folding length, m
  double r1 = 0.0;    // start of the blending zone, m (≥ 0)
  double r2 = 0.0;    // end of the blending zone, m (r1 < rmax < r2)
};

// The blending polynomial w(ξ), clamped to 0 below ξ = 0 and 1 above ξ = 1, and its
// derivative dw/dξ = 630 ξ⁴ (1 − ξ)⁴ (0 outside [0, 1]).
double willoughby_weight(double xi);
double willoughby_weight_derivative(double xi);

// The ξ in [0, 1] with w(ξ) = target (target in [0, 1]), by bisection to ~1e-15.
double willoughby_solve_xi(double target);

// Transition width R2 − R1 recommended by the paper: 25 km for Rmax > 20 km, else 15 km.
double willoughby_default_width(double rmax);

// Complete the profile for given shape parameters: solves for R1 (see above) with
// R2 = R1 + width. If R1 would fall below 0 (a small eye), the width is reduced to
// (Rmax − 0)/ξ_m so that R1 = 0 and V(0) = 0. Invalid input (vmax, rmax, n, x1, x2 ≤ 0,
// a outside [0, 1], width ≤ 0) → taifeng input error.
WilloughbyProfile willoughby_profile(double vmax, double rmax, double n, double a, double x1,
                                     double x2, double width);

// Parameters from the paper's empirical fits that include ln Rmax (Vmax in m/s, Rmax in km,
// φ latitude in degrees, X1 in km):
//   X1 = 287.6 − 1.942 Vmax + 7.799 ln Rmax + 1.819 |φ|
//   n  = 2.1340 + 0.0077 Vmax − 0.4522 ln Rmax − 0.0038 |φ|
//   A  = 0.5913 + 0.0029 Vmax − 0.1361 ln Rmax − 0.0042 |φ|,  clipped to [0, 1]
// with X2 = x2 (25 km by default; the paper also uses 15 km) and the default width.
// Source check: these coefficients are reproduced identically by several independent public
// codes (the StormR R package documentation "X1 = 287.6 − 1.942msw + 7.799 ln(rmw) + 1.819|φ|
// … A ≥ 0", an IDL IBTrACS profile script, a WNP Python risk model); the paper's other set
// of fits without Rmax (X1 = 317.1 − 2.026 Vmax + 1.915 φ, n = 0.4067 + 0.0144 Vmax −
// 0.0038 φ, A = 0.0696 + 0.0049 Vmax − 0.0064 φ; stormwindmodel will10a–c) is not used.
// Fits outside their range (n ≤ 0 or X1 ≤ 0, e.g. a very large Rmax with a weak Vmax)
// → taifeng input error. Arguments in SI: vmax m/s, rmax m, x2 m.
WilloughbyProfile willoughby_fit(double vmax, double rmax, double lat_deg, double x2 = 25e3);

// Gradient-level tangential wind V(r) of the profile, r in m (r ≤ 0 → 0).
double willoughby_speed(double r, const WilloughbyProfile& p);

// Analytic dV/dr (1/s) of the profile, for tests and diagnostics.
double willoughby_speed_derivative(double r, const WilloughbyProfile& p);

}  // namespace taifeng::solver
