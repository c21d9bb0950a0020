#pragma once
// What the forecast says about one county and one hazard in one cycle: the signal decided
// elsewhere (wind: signals.hpp; surge: the surge stage) and the numbers that back it. This
// is the input of the CAP messages (alerts.hpp) and the SMS bulletins (bulletin.hpp).
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "taifeng/warnings/signals.hpp"

namespace taifeng::warnings {

enum class Hazard { wind, surge };
const char* hazard_name(Hazard h);     // "wind", "surge" (also the identifier suffix)
const char* hazard_name_zh(Hazard h);  // "台风", "风暴潮"
std::optional<Hazard> parse_hazard(std::string_view name);
std::optional<SignalLevel> parse_signal_level(std::string_view name);  // "none", "blue", …

// Lower bounds of the four cumulative exposure classes of UnitWarning::exposed.
// Wind: maximum mean wind >= Beaufort 6, 8, 10, 12 (m/s, GB/T 19201-2006, as signals.hpp).
inline constexpr std::array<double, 4> wind_exposed_class_ms = {10.8, 17.2, 24.5, 32.7};
inline constexpr std::array<int, 4> wind_exposed_class_beaufort = {6, 8, 10, 12};
// Surge: maximum inundation depth on land >= 0.1, 0.5, 1, 2 m. 0.1 m is the cycle's default
// "inundated" depth (surge.inundated_depth_m); 0.5 m knocks adults over in moving water,
// 1 m floods ground floors, 2 m reaches first floors.
inline constexpr std::array<double, 4> surge_exposed_class_m = {0.1, 0.5, 1.0, 2.0};

struct UnitWarning {  // one county, one hazard, this cycle
  Hazard hazard = Hazard::wind;
  SignalLevel level = SignalLevel::none;
  double probability = std::nan("");  // the probability that decided the level (NaN: deterministic)
  double probability_threshold = std::nan("");
  double lead_hours = -1;  // first lead meeting the criterion (-1 none)
  std::string reason;      // English, e.g. "P(mean >= 17.2 m/s within 24 h) = 0.62 >= 0.40"
  double max_value = 0;    // wind: max mean wind m/s; surge: max inundation depth m
  double max_gust_ms = 0;  // wind only (0: no gust forecast)
  double max_surge_m = 0;  // surge only: maximum surge height at the coast near the unit
  std::optional<double> gale_arrival_h;  // wind: earliest likely gale arrival, hours after analysis
  long population = 0;
  // People in each cumulative class (wind_exposed_class_ms / surge_exposed_class_m), so
  // exposed[0] >= exposed[1] >= exposed[2] >= exposed[3].
  std::array<long, 4> exposed{};
  long expected_exposed = 0;  // probability-weighted people (P(gale) or P(inundation))
  long evacuate = 0;          // people to move
  std::string shelter_hint_zh, shelter_hint_en;  // e.g. main shelter names, may be empty
};

}  // namespace taifeng::warnings
