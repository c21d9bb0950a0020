#include "taifeng/solver/swe/analytic.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "taifeng/core/error.hpp"

namespace taifeng::solver::swe::analytic {

Point1d ritter(double x, double t, double x0, double hl, double g) {
  const double c0 = std::sqrt(g * hl);
  if (t <= 0.0) return {x < x0 ? hl : 0.0, 0.0};
  const double xi = (x - x0) / t;
  if (xi <= -c0) return {hl, 0.0};
  if (xi >= 2.0 * c0) return {0.0, 0.0};
  const double r = c0 - 0.5 * xi;
  return {4.0 / (9.0 * g) * r * r, 2.0 / 3.0 * (xi + c0)};
}

double stoker_cm(double hl, double hr, double g) {
  TAIFENG_CHECK(hl > hr && hr > 0.0, "Stoker needs hl > hr > 0");
  const double cl = std::sqrt(g * hl), ghr = g * hr;
  auto f = [&](double c) {
    const double d = cl - c, e = c * c - ghr;
    return -8.0 * ghr * c * c * d * d + e * e * (c * c + ghr);
  };
  auto df = [&](double c) {
    const double d = cl - c, e = c * c - ghr;
    return -8.0 * ghr * (2.0 * c * d * d - 2.0 * c * c * d) + 4.0 * c * e * (c * c + ghr) +
           2.0 * c * e * e;
  };
  // f < 0 at c = sqrt(g hr), f > 0 at c = cl: Newton kept inside the bracket (bisection
  // when a Newton step leaves it).
  double lo = std::sqrt(ghr), hi = cl, c = 0.5 * (lo + hi);
  for (int it = 0; it < 200; ++it) {
    const double fc = f(c);
    (fc < 0.0 ? lo : hi) = c;
    double next = c - fc / df(c);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::fabs(next - c) <= 1e-15 * cl) return next;
    c = next;
  }
  return c;
}

Point1d stoker(double x, double t, double x0, double hl, double hr, double g) {
  if (t <= 0.0) return {x < x0 ? hl : hr, 0.0};
  const double cl = std::sqrt(g * hl);
  const double cm = stoker_cm(hl, hr, g);
  const double xa = x0 - t * cl;
  const double xb = x0 + t * (2.0 * cl - 3.0 * cm);
  const double xc = x0 + t * 2.0 * cm * cm * (cl - cm) / (cm * cm - g * hr);
  if (x <= xa) return {hl, 0.0};
  if (x <= xb) {
    const double r = cl - 0.5 * (x - x0) / t;
    return {4.0 / (9.0 * g) * r * r, 2.0 / 3.0 * ((x - x0) / t + cl)};
  }
  if (x <= xc) return {cm * cm / g, 2.0 * (cl - cm)};
  return {hr, 0.0};
}

double Thacker::omega() const {
  return std::sqrt(2.0 * g * h0) / a;
}

double Thacker::period() const {
  return 2.0 * std::numbers::pi / omega();
}

double Thacker::bed(double x, double y) const {
  const double dx = x - xc, dy = y - yc;
  return h0 * ((dx * dx + dy * dy) / (a * a) - 1.0);
}

Point2d Thacker::at(double x, double y, double t) const {
  const double w = omega(), cw = std::cos(w * t), sw = std::sin(w * t);
  const double eta = sigma * h0 / (a * a) * (2.0 * (x - xc) * cw + 2.0 * (y - yc) * sw - sigma);
  const double h = eta - bed(x, y);
  if (h <= 0.0) return {0.0, 0.0, 0.0};
  return {h, -sigma * w * sw, sigma * w * cw};
}

double lake_at_rest_depth(double eta0, double bed) {
  return std::max(0.0, eta0 - bed);
}

double WindSetup::depth(double x) const {
  TAIFENG_CHECK(length > 0.0 && h_mean > 0.0 && k > 0.0, "wind set-up needs L, h, k > 0");
  // Volume of h = sqrt(A + 2 k x) over [0, L] is ((A + 2kL)^1.5 - A^1.5) / (3k), increasing
  // in A = h(0)²; bisect for the A that holds h_mean L.
  auto volume = [&](double a2) {
    return (std::pow(a2 + 2.0 * k * length, 1.5) - std::pow(a2, 1.5)) / (3.0 * k);
  };
  const double target = h_mean * length;
  TAIFENG_CHECK(volume(0.0) <= target, "wind set-up dries the upwind end (not modelled)");
  double lo = 0.0, hi = h_mean * h_mean;
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    (volume(mid) < target ? lo : hi) = mid;
  }
  return std::sqrt(0.5 * (lo + hi) + 2.0 * k * x);
}

}  // namespace taifeng::solver::swe::analytic
