// Signal-rule probabilities per cell (hpc/hazard_products.hpp): the deterministic 0/1 field
// agrees with the rule applied to the cell's own mean and gust series, and the ensemble
// field picks the land or sea effective threshold of each cell.
#include <catch2/catch.hpp>

#include <random>

#include "taifeng/hpc/hazard_products.hpp"
#include "taifeng/solver/gust.hpp"

using namespace taifeng;
using namespace taifeng::hpc;

TEST_CASE("effective thresholds join the mean and gust criteria", "[hazard]") {
  const auto rules = warnings::cma_signal_rules();
  const WindAveraging avg = WindAveraging::two_minute;
  const double f_land = solver::gust_factor(avg, true), f_sea = solver::gust_factor(avg, false);
  for (const auto& r : rules) {
    CHECK(effective_threshold_ms(r, avg, true) == std::min(r.min_wind_ms, r.min_gust_ms / f_land));
    CHECK(effective_threshold_ms(r, avg, false) == std::min(r.min_wind_ms, r.min_gust_ms / f_sea));
  }
  const solver::ProductOptions opt = signal_product_options(rules, avg);
  // The four Beaufort thresholds stay first (product names rely on it); 6 h (red) is added.
  CHECK(std::vector<double>(opt.thresholds_ms.begin(), opt.thresholds_ms.begin() + 4) ==
        std::vector<double>{10.8, 17.2, 24.5, 32.7});
  CHECK(opt.windows_h == std::vector<double>{6, 12, 24, 48, 72, 120});
}

TEST_CASE("deterministic signal probability equals the rule on the cell's series", "[hazard]") {
  const auto rules = warnings::cma_signal_rules();
  const WindAveraging avg = WindAveraging::two_minute;
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> v(0, 45);
  const std::size_t cells = 200, nt = 30;
  std::vector<double> hours(nt), data(nt * cells);
  for (std::size_t k = 0; k < nt; ++k) hours[k] = double(k);
  for (double& x : data) x = v(rng) * v(rng) / 45;  // mostly light, some strong
  std::vector<std::uint8_t> land(cells);
  for (std::size_t c = 0; c < cells; ++c) land[c] = c % 3 == 0;
  std::vector<const double*> hourly;
  for (std::size_t k = 0; k < nt; ++k) hourly.push_back(data.data() + k * cells);
  const auto p = signal_probability_deterministic(hourly, hours, cells, rules, land, avg);
  int raised = 0;
  for (std::size_t c = 0; c < cells; ++c) {
    std::vector<double> mean(nt), gust(nt);
    for (std::size_t k = 0; k < nt; ++k) {
      mean[k] = data[k * cells + c];
      gust[k] = mean[k] * solver::gust_factor(avg, land[c] != 0);
    }
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const bool met =
          warnings::decide_signal(mean, gust, hours, {rules[r]}).level == rules[r].level;
      CHECK(p[r][c] == (met ? 1.0 : 0.0));
      raised += met;
    }
  }
  CHECK(raised > 50);  // the draw exercises both outcomes
}

TEST_CASE("ensemble signal probability takes the land or sea threshold of each cell", "[hazard]") {
  const auto rules = warnings::cma_signal_rules();
  const WindAveraging avg = WindAveraging::two_minute;
  const solver::ProductOptions opt = signal_product_options(rules, avg);
  solver::WindProbabilityProducts ens;
  ens.thresholds_ms = opt.thresholds_ms;
  ens.windows_h = opt.windows_h;
  // prob = threshold index + window index / 100 (a code that identifies the pick).
  for (std::size_t t = 0; t < ens.thresholds_ms.size(); ++t) {
    ens.prob.emplace_back();
    for (std::size_t w = 0; w < ens.windows_h.size(); ++w)
      ens.prob.back().push_back(std::vector<double>(2, double(t) + double(w) / 100));
  }
  const auto p = signal_probability_ensemble(ens, rules, {1, 0}, avg);
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const auto idx = [&](const std::vector<double>& v, double x) {
      return double(std::find(v.begin(), v.end(), x) - v.begin());
    };
    const double w = idx(ens.windows_h, rules[r].within_hours) / 100;
    CHECK(p[r][0] == idx(ens.thresholds_ms, effective_threshold_ms(rules[r], avg, true)) + w);
    CHECK(p[r][1] == idx(ens.thresholds_ms, effective_threshold_ms(rules[r], avg, false)) + w);
  }
}
