#pragma once
// Analytic solutions of the shallow-water equations used to verify the core (numerics only).
// Mostly from SWASHES (Delestre et al. 2013, IJNMF 72:269).
namespace taifeng::solver::swe::analytic {

struct Point1d {
  double h, u;
};
struct Point2d {
  double h, u, v;
};

// Ritter (1892) dam break on a dry flat bed: depth hl for x < x0 at t = 0, dry beyond.
Point1d ritter(double x, double t, double x0, double hl, double g);

// Stoker (1957) dam break on a wet flat bed (hl > hr > 0): rarefaction, middle state,
// shock. stoker_cm is the middle-state celerity c_m = sqrt(g h_m), the root of
// -8 g hr c² (sqrt(g hl) - c)² + (c² - g hr)² (c² + g hr) = 0 found by Newton.
double stoker_cm(double hl, double hr, double g);
Point1d stoker(double x, double t, double x0, double hl, double hr, double g);

// Thacker (1981) planar surface in a paraboloid (SWASHES 4.2.2), centre (xc, yc):
// bed b = h0 (r²/a² - 1), surface eta = (sigma h0 / a²)(2 x' cos wt + 2 y' sin wt - sigma),
// u = -sigma w sin wt, v = sigma w cos wt, w = sqrt(2 g h0)/a, x' = x - xc, y' = y - yc.
struct Thacker {
  double a = 1.0, h0 = 0.1, sigma = 0.5, xc = 2.0, yc = 2.0, g = 9.81;
  double omega() const;
  double period() const;
  double bed(double x, double y) const;
  Point2d at(double x, double y, double t) const;  // h = 0 and u = v = 0 where dry
};

// Lake at rest with surface eta0 over bed b: h = max(0, eta0 - b), u = v = 0.
double lake_at_rest_depth(double eta0, double bed);

// Steady wind set-up in a closed flat-bottomed basin 0 <= x <= L (wind blowing toward +x)
// with mean depth h_mean and kinematic stress k = tau / (rho_w g) (m): h dh/dx = k, so
// h(x)² = h(0)² + 2 k x, with h(0) fixed by the volume h_mean L. Linearised, the total
// set-up is k L / h_mean (BRIEF: tau L / (rho g h)).
struct WindSetup {
  double length, h_mean, k;
  double depth(double x) const;  // exact nonlinear steady depth
  double linear_setup() const { return k * length / h_mean; }
};

}  // namespace taifeng::solver::swe::analytic
