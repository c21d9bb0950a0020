#include "alert_text.hpp"

#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace taifeng::warnings::detail {

const char* response_type(Hazard hazard, SignalLevel level, long evacuate) {
  switch (level) {
    case SignalLevel::red:
      return "Evacuate";
    case SignalLevel::orange:
      if (hazard == Hazard::wind) return "Shelter";
      return evacuate > 0 ? "Evacuate" : "Prepare";
    case SignalLevel::yellow:
    case SignalLevel::blue:
      return "Prepare";
    default:
      return "AllClear";
  }
}

const char* hazard_title_en(Hazard hazard) {
  return hazard == Hazard::surge ? "Storm surge" : "Typhoon";
}

std::string capitalised(const std::string& word) {
  std::string s = word;
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::optional<double> onset_hours(const UnitWarning& w) {
  if (w.hazard == Hazard::wind && w.gale_arrival_h && std::isfinite(*w.gale_arrival_h) &&
      *w.gale_arrival_h >= 0)
    return *w.gale_arrival_h;
  if (std::isfinite(w.lead_hours) && w.lead_hours >= 0) return w.lead_hours;
  return std::nullopt;
}

std::string local_time_text(TimePoint t) {
  // "2005-09-25T20:00:00+08:00" -> "2005-09-25 20:00 (+08:00)"
  return format_iso_offset(t, china_standard_offset).substr(0, 16).replace(10, 1, " ") +
         " (+08:00)";
}

namespace {
struct LocalTime {
  int month, day, hour, minute;
};
LocalTime local(TimePoint t) {
  const std::string iso = format_iso_offset(t, china_standard_offset);  // fixed layout
  return {std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2)), std::stoi(iso.substr(11, 2)),
          std::stoi(iso.substr(14, 2))};
}
}  // namespace

std::string local_time_zh(TimePoint t) {
  const LocalTime l = local(t);
  return l.minute == 0 ? fmt::format("{}日{}时", l.day, l.hour)
                       : fmt::format("{}日{}时{}分", l.day, l.hour, l.minute);
}

std::string local_time_en(TimePoint t) {
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const LocalTime l = local(t);
  return fmt::format("{} {} {:02d}:{:02d}", l.day, months[l.month - 1], l.hour, l.minute);
}

std::string grouped(long n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string people_zh(long n) {
  if (n < 10000) return std::to_string(n);
  const double wan = static_cast<double>(n) / 1e4;
  std::string s = wan >= 100 ? fmt::format("{:.0f}", wan) : fmt::format("{:.1f}", wan);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s + "万";
}

}  // namespace taifeng::warnings::detail
