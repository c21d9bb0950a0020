#pragma once
// Times are UTC everywhere inside taifeng (std::chrono::sys_seconds). Local time
// appears only where a message is addressed to people: China Standard Time is a fixed
// +08:00 (Asia/Shanghai has had no daylight saving since 1991).
#include <chrono>
#include <optional>
#include <string>

namespace taifeng {

using TimePoint = std::chrono::sys_seconds;
inline constexpr std::chrono::minutes china_standard_offset{8 * 60};

TimePoint make_utc(int year, int month, int day, int hour, int minute = 0, int second = 0);
// Valid calendar date and time of day?
bool valid_utc(int year, int month, int day, int hour, int minute = 0, int second = 0);

// "2005-09-25T00:00:00Z"
std::string format_iso_utc(TimePoint t);
// "2005-09-25T08:00:00+08:00" — CAP 1.2 form (no "Z").
std::string format_iso_offset(TimePoint t, std::chrono::minutes offset);
// "2005092500"
std::string format_yyyymmddhh(TimePoint t);
// "2005-09-25 00:00:00" — for CF time units ("hours since …").
std::string format_cf_reference(TimePoint t);
// Accepts "YYYY-MM-DDTHH:MM[:SS](Z|±hh:mm)" and "YYYYMMDDHH"; nullopt if malformed.
std::optional<TimePoint> parse_time(const std::string& text);

double hours_between(TimePoint from, TimePoint to);
int year_of(TimePoint t);  // calendar year (UTC)
TimePoint add_hours(TimePoint t, double hours);

}  // namespace taifeng
