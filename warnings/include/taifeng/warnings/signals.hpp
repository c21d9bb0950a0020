#pragma once
// CMA typhoon warning signals (blue, yellow, orange, red) decided from the forecast
// wind of a unit. The criteria are data (configuration), not code: each rule says
// "mean wind >= min_wind_ms or gust >= min_gust_ms within within_hours of the analysis".
#include <limits>
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
  double min_gust_ms = 1e9;  // gust criterion (a value no gust reaches = not used)
  // Probabilistic decision: the level is raised where the probability that the criterion is
  // met somewhere among the unit's people reaches this (taifeng's defaults, configs/README.md).
  double min_probability = 0.5;
};

// The CMA criteria (BRIEF.md): blue mean Bf 6 or gust Bf 8 within 24 h, yellow mean Bf 8
// or gust Bf 10 within 24 h, orange mean Bf 10 or gust Bf 12 within 12 h, red mean Bf 12
// or gust Bf 14 within 6 h; lower Beaufort bounds 10.8, 17.2, 24.5, 32.7, 41.5 m/s (Bf 6,
// 8, 10, 12, 14 of the Chinese extended scale, GB/T 19201-2006).
std::vector<SignalRule> cma_signal_rules();

struct SignalDecision {
  SignalLevel level = SignalLevel::none;
  double lead_hours = -1;  // first output time meeting the rule (-1: none)
  double wind_ms = 0;      // the unit's mean wind at that time
  double gust_ms = 0;      // the unit's gust at that time (0 without a gust forecast)
  bool by_gust = false;    // met by the gust criterion only
  double probability = std::numeric_limits<double>::quiet_NaN();  // that decided it
  double probability_threshold = std::numeric_limits<double>::quiet_NaN();
  std::string reason;  // human-readable, English
};

// The highest level whose rule is met at some output time k with
// time_hours[k] <= within_hours and (wind[k] >= min_wind_ms or gust[k] >= min_gust_ms);
// an empty unit_gust_by_time means no gust forecast (gust criteria unused).
SignalDecision decide_signal(const std::vector<double>& unit_wind_by_time,
                             const std::vector<double>& unit_gust_by_time,
                             const std::vector<double>& time_hours,
                             const std::vector<SignalRule>& rules);

// Probabilistic decision: unit_probability[i] is the probability that rules[i]'s criterion is
// met in the unit (e.g. the maximum over its populated cells of the ensemble fraction). The
// highest level whose probability reaches its rule's min_probability; `source` describes
// how the probabilities were made (e.g. "1000-member ensemble") for the reason.
SignalDecision decide_signal_probabilistic(const std::vector<double>& unit_probability,
                                           const std::vector<SignalRule>& rules,
                                           const std::string& source);

// Storm-surge warning level of a unit: the highest level whose surge height is reached with
// at least min_probability at the sea cells near the unit's people. Heights are taifeng's
// defaults (no tide, no station warning water levels; configs/README.md): blue 0.5 m,
// yellow 1 m, orange 2 m, red 3 m, each with probability 0.3.
struct SurgeRule {
  SignalLevel level = SignalLevel::none;
  double min_surge_m = 0;
  double min_probability = 0.3;
};
std::vector<SurgeRule> default_surge_rules();

// unit_probability_ge[i]: probability of surge >= thresholds_m[i] near the unit. Each rule's
// height must be one of the thresholds (input checked by the configuration reader).
SignalDecision decide_surge_level(const std::vector<double>& unit_probability_ge,
                                  const std::vector<double>& thresholds_m,
                                  const std::vector<SurgeRule>& rules, long runs);

}  // namespace taifeng::warnings
