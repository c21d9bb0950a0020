#include "taifeng/solver/swe/vortex.hpp"

#include <cmath>

#include "taifeng/core/error.hpp"

namespace taifeng::solver::swe {

BalancedVortex::BalancedVortex(const VortexSpec& spec, double r_max) : spec_(spec), r_max_(r_max) {
  TAIFENG_CHECK(spec.vmax_ms >= 0.0 && spec.rmw_m > 0.0 && spec.shape_b > 0.0 && r_max > 0.0,
                "vortex: V_m >= 0, r_m > 0, b > 0 and r_max > 0 expected");
  dr_ = spec.rmw_m / 200.0;
  const long n = long(std::ceil(r_max / dr_)) + 1;
  h_.assign(std::size_t(n), 0.0);
  const double sign = counter_clockwise() ? 1.0 : -1.0;
  auto slope = [&](double r) {  // dh/dr
    const double v = wind(r);
    return r > 0.0 ? (spec.f_centre * sign * v + v * v / r) / spec.g : 0.0;
  };
  // Integrate inward from h(r_max) = 0.
  for (long k = n - 2; k >= 0; --k) {
    const double ra = double(k) * dr_, rb = double(k + 1) * dr_;
    h_[std::size_t(k)] = h_[std::size_t(k + 1)] - 0.5 * (slope(ra) + slope(rb)) * dr_;
  }
}

double BalancedVortex::wind(double r) const {
  if (r >= r_max_) return 0.0;
  const double x = r / spec_.rmw_m, b = spec_.shape_b;
  return spec_.vmax_ms * x * std::exp((1.0 - std::pow(x, b)) / b);
}

double BalancedVortex::depth(double r) const {
  if (r >= r_max_) return 0.0;
  const double q = r / dr_;
  const std::size_t k = std::size_t(q);
  if (k + 1 >= h_.size()) return h_.back();
  const double w = q - double(k);
  return (1.0 - w) * h_[k] + w * h_[k + 1];
}

}  // namespace taifeng::solver::swe
