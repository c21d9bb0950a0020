#include "taifeng/warnings/unit_warning.hpp"

namespace taifeng::warnings {

const char* hazard_name(Hazard h) {
  return h == Hazard::surge ? "surge" : "wind";
}

const char* hazard_name_zh(Hazard h) {
  return h == Hazard::surge ? "风暴潮" : "台风";
}

std::optional<Hazard> parse_hazard(std::string_view name) {
  if (name == "wind") return Hazard::wind;
  if (name == "surge") return Hazard::surge;
  return std::nullopt;
}

std::optional<SignalLevel> parse_signal_level(std::string_view name) {
  for (const SignalLevel l : {SignalLevel::none, SignalLevel::blue, SignalLevel::yellow,
                              SignalLevel::orange, SignalLevel::red})
    if (name == signal_name(l)) return l;
  return std::nullopt;
}

}  // namespace taifeng::warnings
