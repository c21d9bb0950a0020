#include "taifeng/solver/willoughby.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::solver {

namespace {

bool positive(double x) {
  return std::isfinite(x) && x > 0.0;
}

double inner_speed(double r, const WilloughbyProfile& p) {
  return p.vmax * std::pow(r / p.rmax, p.n);
}

double outer_speed(double r, const WilloughbyProfile& p) {
  const double d = r - p.rmax;
  return p.vmax * ((1.0 - p.a) * std::exp(-d / p.x1) + p.a * std::exp(-d / p.x2));
}

double inner_derivative(double r, const WilloughbyProfile& p) {
  return p.n * p.vmax * std::pow(r / p.rmax, p.n - 1.0) / p.rmax;
}

double outer_derivative(double r, const WilloughbyProfile& p) {
  const double d = r - p.rmax;
  return -p.vmax * ((1.0 - p.a) / p.x1 * std::exp(-d / p.x1) + p.a / p.x2 * std::exp(-d / p.x2));
}

}  // namespace

double willoughby_weight(double xi) {
  if (xi <= 0.0) return 0.0;
  if (xi >= 1.0) return 1.0;
  // Horner form of 126ξ⁵ − 420ξ⁶ + 540ξ⁷ − 315ξ⁸ + 70ξ⁹.
  const double x4 = xi * xi * xi * xi;
  return x4 * xi * (126.0 + xi * (-420.0 + xi * (540.0 + xi * (-315.0 + xi * 70.0))));
}

double willoughby_weight_derivative(double xi) {
  if (xi <= 0.0 || xi >= 1.0) return 0.0;
  const double u = xi * (1.0 - xi);
  return 630.0 * u * u * u * u;
}

double willoughby_solve_xi(double target) {
  if (!(target >= 0.0 && target <= 1.0))
    throw_internal_error("willoughby_solve_xi", fmt::format("target {} outside [0, 1]", target));
  double lo = 0.0, hi = 1.0;
  for (int it = 0; it < 200 && hi - lo > 1e-15; ++it) {
    const double mid = 0.5 * (lo + hi);
    (willoughby_weight(mid) < target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double willoughby_default_width(double rmax) {
  return rmax > 20e3 ? 25e3 : 15e3;
}

WilloughbyProfile willoughby_profile(double vmax, double rmax, double n, double a, double x1,
                                     double x2, double width) {
  const std::string where = "willoughby";
  if (!positive(vmax)) throw_input_error(where, fmt::format("Vmax must be > 0 m/s, got {}", vmax));
  if (!positive(rmax)) throw_input_error(where, fmt::format("Rmax must be > 0 m, got {}", rmax));
  if (!positive(n))
    throw_input_error(where, fmt::format("eye exponent n must be > 0, got {:.4f}", n));
  if (!(a >= 0.0 && a <= 1.0))
    throw_input_error(where, fmt::format("weight A must be in [0, 1], got {:.4f}", a));
  if (!positive(x1) || !positive(x2))
    throw_input_error(where,
                      fmt::format("decay lengths must be > 0 m, got X1 = {}, X2 = {}", x1, x2));
  if (!positive(width))
    throw_input_error(where, fmt::format("transition width must be > 0 m, got {}", width));

  WilloughbyProfile p{vmax, rmax, n, a, x1, x2, 0.0, 0.0};
  // dV/dr(Rmax) = 0  ⇔  w(ξ_m) = V_i'/(V_i' − V_o') with V_i' = n Vmax/Rmax and
  // V_o' = −Vmax((1−A)/X1 + A/X2) at Rmax (Vmax cancels).
  const double di = n / rmax;
  const double dout = (1.0 - a) / x1 + a / x2;
  const double xi_m = willoughby_solve_xi(di / (di + dout));
  if (rmax - xi_m * width < 0.0) width = rmax / xi_m;  // small eye: start the blend at r = 0
  p.r1 = std::max(0.0, rmax - xi_m * width);
  p.r2 = p.r1 + width;
  return p;
}

WilloughbyProfile willoughby_fit(double vmax, double rmax, double lat_deg, double x2) {
  const std::string where = "willoughby";
  if (!positive(vmax)) throw_input_error(where, fmt::format("Vmax must be > 0 m/s, got {}", vmax));
  if (!positive(rmax)) throw_input_error(where, fmt::format("Rmax must be > 0 m, got {}", rmax));
  if (!std::isfinite(lat_deg) || std::fabs(lat_deg) > 90.0)
    throw_input_error(where, fmt::format("latitude must be in [-90, 90] degrees, got {}", lat_deg));
  const double ln_rm = std::log(rmax / 1000.0);  // the fits take Rmax in km
  const double phi = std::fabs(lat_deg);
  const double x1_km = 287.6 - 1.942 * vmax + 7.799 * ln_rm + 1.819 * phi;
  const double n = 2.1340 + 0.0077 * vmax - 0.4522 * ln_rm - 0.0038 * phi;
  const double a = std::clamp(0.5913 + 0.0029 * vmax - 0.1361 * ln_rm - 0.0042 * phi, 0.0, 1.0);
  if (n <= 0.0 || x1_km <= 0.0)
    throw_input_error(where,
                      fmt::format("Vmax = {} m/s, Rmax = {} km, latitude {} is outside the range "
                                  "of the Willoughby et al. (2006) fits (n = {:.4f}, X1 = {:.1f} "
                                  "km; both must be > 0)",
                                  vmax, rmax / 1000.0, lat_deg, n, x1_km));
  return willoughby_profile(vmax, rmax, n, a, x1_km * 1000.0, x2, willoughby_default_width(rmax));
}

double willoughby_speed(double r, const WilloughbyProfile& p) {
  if (r <= 0.0) return 0.0;
  if (r <= p.r1) return inner_speed(r, p);
  if (r >= p.r2) return outer_speed(r, p);
  const double w = willoughby_weight((r - p.r1) / (p.r2 - p.r1));
  return inner_speed(r, p) * (1.0 - w) + outer_speed(r, p) * w;
}

double willoughby_speed_derivative(double r, const WilloughbyProfile& p) {
  if (r <= 0.0) {  // one-sided limit of n Vmax r^{n−1} / Rmax^n at r = 0
    if (p.n < 1.0) return std::numeric_limits<double>::infinity();
    return p.n == 1.0 ? p.vmax / p.rmax : 0.0;
  }
  if (r <= p.r1) return inner_derivative(r, p);
  if (r >= p.r2) return outer_derivative(r, p);
  const double width = p.r2 - p.r1;
  const double xi = (r - p.r1) / width;
  const double w = willoughby_weight(xi);
  const double vi = inner_speed(r, p), vo = outer_speed(r, p);
  return inner_derivative(r, p) * (1.0 - w) + outer_derivative(r, p) * w +
         (vo - vi) * willoughby_weight_derivative(xi) / width;
}

}  // namespace taifeng::solver
