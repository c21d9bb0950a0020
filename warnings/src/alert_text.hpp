#pragma once
// Wording shared by the CAP messages (hazard_alert.cpp) and the SMS bulletins
// (bulletin.cpp), so both say the same thing about a warning. Internal to taifeng_warnings.
#include <optional>
#include <string>

#include "taifeng/core/time.hpp"
#include "taifeng/warnings/unit_warning.hpp"

namespace taifeng::warnings::detail {

// CAP responseType of a warning (alerts.hpp documents the mapping); "AllClear" at none.
const char* response_type(Hazard hazard, SignalLevel level, long evacuate);

// "Typhoon", "Storm surge"
const char* hazard_title_en(Hazard hazard);
// "Orange" for signal_name "orange"
std::string capitalised(const std::string& word);

// Hours after the analysis when the hazard starts: wind the gale arrival, else (and for
// surge) the lead of the signal criterion; nullopt if neither is known.
std::optional<double> onset_hours(const UnitWarning& w);

// "2005-09-25 20:00 (+08:00)"
std::string local_time_text(TimePoint t);
// "25日20时" / "25日20时30分" (China Standard Time)
std::string local_time_zh(TimePoint t);
// "25 Sep 20:00" (China Standard Time)
std::string local_time_en(TimePoint t);

// 12345 -> "12,345"
std::string grouped(long n);
// 8500 -> "8500", 123456 -> "12.3万", 3000000 -> "300万"
std::string people_zh(long n);

}  // namespace taifeng::warnings::detail
