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
  return {{SignalLevel::blue, 24, 10.8, 17.2},
          {SignalLevel::yellow, 24, 17.2, 24.5},
          {SignalLevel::orange, 12, 24.5, 32.7},
          {SignalLevel::red, 6, 32.7, 41.5}};
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

}  // namespace taifeng::warnings
