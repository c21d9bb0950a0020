#pragma once
// CMA typhoon warning signals (blue, yellow, orange, red) decided from the forecast
// wind of a unit. The criteria are data (configuration), not code: each rule says
// "mean wind >= min_wind_ms within within_hours of the analysis".
#include <string>
#include <vector>

namespace taifeng::warnings {

enum class SignalLevel { none = 0, blue, yellow, orange, red };
const char* signal_name(SignalLevel l);     // "none", "blue", …
const char* signal_name_zh(SignalLevel l);  // "无", "蓝色", …

struct SignalRule {
  SignalLevel level = SignalLevel::none;
  double within_hours = 0;
  double min_wind_ms = 0;
};

// The CMA criteria for mean wind (BRIEF.md): blue Bf 6 in 24 h, yellow Bf 8 in 24 h,
// orange Bf 10 in 12 h, red Bf 12 in 6 h. (Gust criteria need a gust factor; later.)
std::vector<SignalRule> cma_mean_wind_rules();

struct SignalDecision {
  SignalLevel level = SignalLevel::none;
  double lead_hours = -1;  // first output time meeting the rule (-1: none)
  double wind_ms = 0;      // the unit's wind at that time
  std::string reason;      // human-readable, English
};

// The highest level whose rule is met at some output time k with
// time_hours[k] <= within_hours and wind[k] >= min_wind_ms.
SignalDecision decide_signal(const std::vector<double>& unit_wind_by_time,
                             const std::vector<double>& time_hours,
                             const std::vector<SignalRule>& rules);

}  // namespace taifeng::warnings
