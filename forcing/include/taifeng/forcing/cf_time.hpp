#pragma once
// CF time coordinates: "<unit> since <reference>" with a calendar attribute, decoded to
// taifeng::TimePoint (UTC seconds).
//
// Calendars:
//  - standard / gregorian / proleptic_gregorian / "" (default): proleptic Gregorian.
//    Simplification: CF's "standard" calendar is Julian before 1582-10-15; taifeng
//    treats it as proleptic Gregorian throughout (only climatologies such as COADS'
//    year-0 reference reach so far back, and they mean the Gregorian month).
//  - julian: dates are real Julian-calendar days and are converted to the same instant.
//  - noleap / 365_day, all_leap / 366_day, 360_day (model calendars): the date and time
//    are computed in that calendar and mapped to the same Y-M-D h:m:s in the proleptic
//    Gregorian calendar; a day that does not exist there (360_day Feb 29/30, all_leap
//    Feb 29 of a common year) is clamped to the last valid day of the month.
#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "taifeng/core/time.hpp"

namespace taifeng::forcing {

enum class CfCalendar { proleptic_gregorian, julian, noleap, all_leap, day360 };

// Calendar attribute (case-insensitive, "" = standard). Unknown → input error naming
// `context` (e.g. "file.nc: variable 'time'").
CfCalendar parse_cf_calendar(std::string_view calendar, const std::string& context);

struct CfTimeUnits {
  double seconds_per_unit = 1;  // 1, 60, 3600, 86400
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0;
  double second = 0;
  int utc_offset_minutes = 0;  // of the reference time ("+08:00" → 480)
  CfCalendar calendar = CfCalendar::proleptic_gregorian;
};

// Parses "<unit> since <date>[( |T)<time>][ <tz>]", unit in seconds/minutes/hours/days
// (also second, sec, s, minute, min, hour, hr, h, day, d; any case). Months and years are
// refused (not a fixed length). Malformed → input error naming `context`.
CfTimeUnits parse_cf_time_units(std::string_view units, std::string_view calendar,
                                const std::string& context);

// One coordinate value (rounded to the nearest second).
TimePoint decode_cf_time(const CfTimeUnits& units, double value, const std::string& context);
std::vector<TimePoint> decode_cf_times(const CfTimeUnits& units, std::span<const double> values,
                                       const std::string& context);

// Is this a CF time units string ("… since …")?
bool looks_like_cf_time_units(std::string_view units);

}  // namespace taifeng::forcing
