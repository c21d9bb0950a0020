#include "taifeng/solver/holland.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace taifeng::solver {

double holland_b(double vm, double dp_pa, double rho, double b_min, double b_max) {
  const double b = vm * vm * std::numbers::e * rho / dp_pa;
  return std::clamp(b, b_min, b_max);
}

double holland1980_speed(double r, double rm, double b, double dp_pa, double rho, double f) {
  if (r <= 0.0) return 0.0;
  const double x = std::pow(rm / r, b);
  const double half_rf = 0.5 * r * std::fabs(f);
  return std::sqrt(b / rho * x * dp_pa * std::exp(-x) + half_rf * half_rf) - half_rf;
}

double holland2010_speed(double r, double rm, double vm, double b, double r_edge, double v_edge) {
  if (r <= 0.0) return 0.0;
  auto shape = [&](double rr) {
    const double x = std::pow(rm / rr, b);
    return x * std::exp(1.0 - x);
  };
  double x = 0.5;
  if (r > rm) {
    // Exponent at r_edge that gives v_edge there, then linear in r between rm and r_edge.
    const double x_edge = std::log(v_edge / vm) / std::log(shape(r_edge));
    x = 0.5 + (r - rm) * (x_edge - 0.5) / (r_edge - rm);
  }
  return vm * std::pow(shape(r), x);
}

}  // namespace taifeng::solver
