#pragma once
// An idealised vortex for the shallow-water core (the "bogus" vortex of the equivalent-
// barotropic track model, and the vortex of the beta-drift test): tangential wind
//   V(r) = V_m (r/r_m) exp[(1 − (r/r_m)^b) / b]     (Chan & Williams 1987, b = 1 there)
// and the depth anomaly in gradient-wind balance with the Coriolis parameter f at the
// centre,  g dh/dr = f V_c + V²/r,  h(∞) = 0,  where V_c is the counter-clockwise tangential
// wind (V in the northern hemisphere, −V in the southern, so the vortex is cyclonic in both).
#include <vector>

namespace taifeng::solver::swe {

struct VortexSpec {
  double vmax_ms = 40.0;   // V_m
  double rmw_m = 100e3;    // r_m
  double shape_b = 1.0;    // b: larger = sharper outer decay
  double f_centre = 5e-5;  // Coriolis parameter at the centre, 1/s (sign: hemisphere)
  double g = 9.81;
};

class BalancedVortex {
 public:
  // Tabulates h(r) out to r_max (m) by the trapezoid rule on a fine radial grid
  // (1/200 of r_m); beyond r_max the anomaly is 0 and the wind is taken as 0.
  BalancedVortex(const VortexSpec& spec, double r_max);

  double wind(double r) const;   // V(r) ≥ 0, m/s
  double depth(double r) const;  // h(r) ≤ 0 for a cyclone, m (linear between table points)
  // Counter-clockwise in the northern hemisphere (f > 0), clockwise in the southern.
  bool counter_clockwise() const { return spec_.f_centre >= 0.0; }
  const VortexSpec& spec() const { return spec_; }

 private:
  VortexSpec spec_;
  double dr_ = 0.0, r_max_ = 0.0;
  std::vector<double> h_;  // h at r = k dr
};

}  // namespace taifeng::solver::swe
