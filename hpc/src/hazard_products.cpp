#include "taifeng/hpc/hazard_products.hpp"

#include <algorithm>

#include "taifeng/core/error.hpp"
#include "taifeng/solver/gust.hpp"

namespace taifeng::hpc {

double effective_threshold_ms(const warnings::SignalRule& rule, WindAveraging avg, bool land) {
  return std::min(rule.min_wind_ms, rule.min_gust_ms / solver::gust_factor(avg, land));
}

solver::ProductOptions signal_product_options(const std::vector<warnings::SignalRule>& rules,
                                              WindAveraging avg) {
  solver::ProductOptions opt;
  auto add = [](std::vector<double>& v, double x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  };
  for (const auto& r : rules) {
    add(opt.thresholds_ms, effective_threshold_ms(r, avg, true));
    add(opt.thresholds_ms, effective_threshold_ms(r, avg, false));
    add(opt.windows_h, r.within_hours);
  }
  // Windows in increasing order (the NetCDF lists them so); the first four thresholds stay
  // the Beaufort 6/8/10/12 ones, the products' names rely on it.
  std::sort(opt.windows_h.begin(), opt.windows_h.end());
  return opt;
}

namespace {

std::size_t index_of(const std::vector<double>& v, double x, const char* what) {
  const auto it = std::find(v.begin(), v.end(), x);
  TAIFENG_CHECK(it != v.end(), std::string("ensemble products lack the ") + what);
  return std::size_t(it - v.begin());
}

}  // namespace

std::vector<std::vector<double>> signal_probability_ensemble(
    const solver::WindProbabilityProducts& ens, const std::vector<warnings::SignalRule>& rules,
    const std::vector<std::uint8_t>& land, WindAveraging avg) {
  std::vector<std::vector<double>> p;
  for (const auto& r : rules) {
    const std::size_t w = index_of(ens.windows_h, r.within_hours, "signal window");
    const std::size_t tl = index_of(ens.thresholds_ms, effective_threshold_ms(r, avg, true),
                                    "signal threshold over land");
    const std::size_t ts = index_of(ens.thresholds_ms, effective_threshold_ms(r, avg, false),
                                    "signal threshold over sea");
    std::vector<double> pr(land.size());
    for (std::size_t c = 0; c < land.size(); ++c) pr[c] = ens.prob[land[c] ? tl : ts][w][c];
    p.push_back(std::move(pr));
  }
  return p;
}

std::vector<std::vector<double>> signal_probability_deterministic(
    const std::vector<const double*>& hourly, const std::vector<double>& hours, std::size_t cells,
    const std::vector<warnings::SignalRule>& rules, const std::vector<std::uint8_t>& land,
    WindAveraging avg) {
  TAIFENG_CHECK(hourly.size() == hours.size() && land.size() == cells, "hourly fields per cell");
  std::vector<std::vector<double>> p;
  for (const auto& r : rules) {
    const double t_land = effective_threshold_ms(r, avg, true);
    const double t_sea = effective_threshold_ms(r, avg, false);
    std::vector<double> pr(cells, 0.0);
    for (std::size_t k = 0; k < hours.size() && hours[k] <= r.within_hours; ++k)
      for (std::size_t c = 0; c < cells; ++c)
        if (hourly[k][c] >= (land[c] ? t_land : t_sea)) pr[c] = 1.0;
    p.push_back(std::move(pr));
  }
  return p;
}

}  // namespace taifeng::hpc
