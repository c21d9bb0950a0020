#include "taifeng/solver/intensity.hpp"

#include <algorithm>
#include <cmath>

#include "taifeng/core/units.hpp"

namespace taifeng::solver {

double wind_from_pressure_ah77(double pc_hpa) {
  if (std::isnan(pc_hpa)) return pc_hpa;  // unknown stays unknown
  return kt_to_ms(6.7 * std::pow(std::max(0.0, 1010.0 - pc_hpa), 0.644));
}

double pressure_from_wind_ah77(double vmax_ms) {
  if (std::isnan(vmax_ms)) return vmax_ms;
  return 1010.0 - std::pow(ms_to_kt(std::max(0.0, vmax_ms)) / 6.7, 1.0 / 0.644);
}

double rescale_pressure_ah77(double pmin_hpa, double v_old, double v_new, double p_env_hpa) {
  const double dp = std::max(0.0, p_env_hpa - pmin_hpa);
  return p_env_hpa - dp * std::pow(v_new / v_old, 1.0 / 0.644);
}

double rmw_from_pressure_km(double pc) {
  static constexpr double p[] = {872.0, 940.0, 980.0, 1021.0};
  static constexpr double r[] = {14.9, 15.7, 25.7, 56.9};
  if (pc <= p[0]) return nmi_to_km(r[0]);
  for (int k = 1; k < 4; ++k)
    if (pc <= p[k])
      return nmi_to_km(r[k - 1] + (pc - p[k - 1]) * (r[k] - r[k - 1]) / (p[k] - p[k - 1]));
  return nmi_to_km(r[3]);
}

double kaplan_demaria_decay(double v0_ms, double t_h) {
  const double vb = kt_to_ms(26.7), alpha = 0.095;
  const double v = vb + (kaplan_demaria_r * v0_ms - vb) * std::exp(-alpha * std::max(0.0, t_h));
  return std::min(v0_ms, v);
}

}  // namespace taifeng::solver
