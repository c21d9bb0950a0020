#include "taifeng/warnings/signals.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::warnings {

const char* signal_name(SignalLevel l) {
  switch (l) {
    case SignalLevel::blue:
      return "blue";
    case SignalLevel::yellow:
      return "yellow";
    case SignalLevel::orange:
      return "orange";
    case SignalLevel::red:
      return "red";
    default:
      return "none";
  }
}

const char* signal_name_zh(SignalLevel l) {
  switch (l) {
    case SignalLevel::blue:
      return "蓝色";
    case SignalLevel::yellow:
      return "黄色";
    case SignalLevel::orange:
      return "橙色";
    case SignalLevel::red:
      return "红色";
    default:
      return "无";
  }
}

std::vector<SignalRule> cma_signal_rules() {
  // Probability thresholds fall as the level rises: the cost of missing a red warning is far
  // above the cost of a false one (a cost/loss argument; the bureau sets its own).
  return {{SignalLevel::blue, 24, 10.8, 17.2, 0.5},
          {SignalLevel::yellow, 24, 17.2, 24.5, 0.4},
          {SignalLevel::orange, 12, 24.5, 32.7, 0.3},
          {SignalLevel::red, 6, 32.7, 41.5, 0.3}};
}

SignalDecision decide_signal(const std::vector<double>& wind, const std::vector<double>& gust,
                             const std::vector<double>& hours,
                             const std::vector<SignalRule>& rules) {
  TAIFENG_CHECK(wind.size() == hours.size(), "one wind value per output time");
  TAIFENG_CHECK(gust.empty() || gust.size() == hours.size(), "one gust value per output time");
  std::vector<SignalRule> sorted = rules;
  std::sort(sorted.begin(), sorted.end(),
            [](const SignalRule& a, const SignalRule& b) { return a.level > b.level; });
  for (const SignalRule& r : sorted) {
    for (std::size_t k = 0; k < hours.size() && hours[k] <= r.within_hours; ++k) {
      const bool by_mean = wind[k] >= r.min_wind_ms;
      const bool by_gust = !gust.empty() && gust[k] >= r.min_gust_ms;
      if (!by_mean && !by_gust) continue;
      SignalDecision d;
      d.level = r.level;
      d.lead_hours = hours[k];
      d.wind_ms = wind[k];
      d.gust_ms = gust.empty() ? 0.0 : gust[k];
      d.by_gust = by_gust && !by_mean;
      if (by_mean)
        d.reason = fmt::format(
            "{}: mean wind {:.1f} m/s (Beaufort {}) forecast at +{:g} h meets the rule "
            ">= {:.1f} m/s within {:g} h",
            signal_name(r.level), wind[k], beaufort_force(wind[k]), hours[k], r.min_wind_ms,
            r.within_hours);
      else
        d.reason = fmt::format(
            "{}: gust {:.1f} m/s (Beaufort {}) forecast at +{:g} h meets the rule "
            ">= {:.1f} m/s within {:g} h",
            signal_name(r.level), gust[k], beaufort_force(gust[k]), hours[k], r.min_gust_ms,
            r.within_hours);
      return d;
    }
  }
  SignalDecision d;
  const double peak = wind.empty() ? 0.0 : *std::max_element(wind.begin(), wind.end());
  d.reason = fmt::format("no rule met; peak mean wind {:.1f} m/s over the forecast", peak);
  if (!gust.empty())
    d.reason += fmt::format(", peak gust {:.1f} m/s", *std::max_element(gust.begin(), gust.end()));
  return d;
}

SignalDecision decide_signal_probabilistic(const std::vector<double>& p,
                                           const std::vector<SignalRule>& rules,
                                           const std::string& source) {
  TAIFENG_CHECK(p.size() == rules.size(), "one probability per signal rule");
  SignalDecision d;
  std::size_t best = rules.size();
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (p[i] >= rules[i].min_probability &&
        (best == rules.size() || rules[i].level > rules[best].level))
      best = i;
  auto criterion = [](const SignalRule& r) {
    return fmt::format("mean wind >= {:.1f} m/s or gust >= {:.1f} m/s within {:g} h", r.min_wind_ms,
                       r.min_gust_ms, r.within_hours);
  };
  if (best == rules.size()) {
    // Report the rule that came closest (highest probability relative to its threshold).
    std::size_t near = 0;
    for (std::size_t i = 1; i < rules.size(); ++i)
      if (p[i] / rules[i].min_probability > p[near] / rules[near].min_probability) near = i;
    if (!rules.empty()) {
      d.probability = p[near];
      d.probability_threshold = rules[near].min_probability;
      d.reason = fmt::format("none: no rule met; closest {}: P({}) = {:.2f} < {:.2f} ({})",
                             signal_name(rules[near].level), criterion(rules[near]), p[near],
                             rules[near].min_probability, source);
    }
    return d;
  }
  const SignalRule& r = rules[best];
  d.level = r.level;
  d.probability = p[best];
  d.probability_threshold = r.min_probability;
  d.reason = fmt::format("{}: P({}) = {:.2f} >= {:.2f} ({})", signal_name(r.level), criterion(r),
                         p[best], r.min_probability, source);
  return d;
}

std::vector<SurgeRule> default_surge_rules() {
  return {{SignalLevel::blue, 0.5, 0.3},
          {SignalLevel::yellow, 1.0, 0.3},
          {SignalLevel::orange, 2.0, 0.3},
          {SignalLevel::red, 3.0, 0.3}};
}

SignalDecision decide_surge_level(const std::vector<double>& p,
                                  const std::vector<double>& thresholds_m,
                                  const std::vector<SurgeRule>& rules, long runs) {
  TAIFENG_CHECK(p.size() == thresholds_m.size(), "one probability per surge threshold");
  SignalDecision d;
  const SurgeRule* best = nullptr;
  double best_p = 0;
  for (const SurgeRule& r : rules) {
    const auto it = std::find(thresholds_m.begin(), thresholds_m.end(), r.min_surge_m);
    TAIFENG_CHECK(it != thresholds_m.end(), "surge rule height among the forecast thresholds");
    const double pr = p[std::size_t(it - thresholds_m.begin())];
    if (pr >= r.min_probability && (!best || r.level > best->level)) {
      best = &r;
      best_p = pr;
    }
  }
  if (!best) {
    const double p_low = p.empty() ? 0.0 : p.front();
    d.probability = p_low;
    d.reason = fmt::format(
        "none: P(surge >= {:g} m near the county) = {:.2f} ({} runs), below "
        "every level's threshold",
        thresholds_m.empty() ? 0.0 : thresholds_m.front(), p_low, runs);
    return d;
  }
  d.level = best->level;
  d.probability = best_p;
  d.probability_threshold = best->min_probability;
  d.reason = fmt::format(
      "{}: P(surge >= {:g} m at sea cells near the county's people) = {:.2f} "
      ">= {:.2f} ({} surge runs)",
      signal_name(best->level), best->min_surge_m, best_p, best->min_probability, runs);
  return d;
}

}  // namespace taifeng::warnings
