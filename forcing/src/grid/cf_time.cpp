#include "taifeng/forcing/cf_time.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::forcing {

namespace {

using std::chrono::days;
using std::chrono::seconds;

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

constexpr std::array<int, 12> month_days_noleap{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr std::array<int, 12> month_days_leap{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Fixed-length years of the model calendars.
int year_length(CfCalendar c) {
  switch (c) {
    case CfCalendar::noleap:
      return 365;
    case CfCalendar::all_leap:
      return 366;
    default:
      return 360;
  }
}

int days_in_month(CfCalendar c, int month) {
  switch (c) {
    case CfCalendar::noleap:
      return month_days_noleap[month - 1];
    case CfCalendar::all_leap:
      return month_days_leap[month - 1];
    default:
      return 30;
  }
}

bool valid_date(CfCalendar c, int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return false;
  switch (c) {
    case CfCalendar::proleptic_gregorian:
      return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month(m),
                                         std::chrono::day(d)}
          .ok();
    case CfCalendar::julian:
      return d <= ((y % 4 == 0) ? month_days_leap : month_days_noleap)[m - 1];
    default:
      return d <= days_in_month(c, m);
  }
}

// Julian calendar date → days since 1970-01-01 (via the Julian day number).
std::int64_t julian_to_unix_days(int y, int m, int d) {
  const std::int64_t a = (14 - m) / 12;
  const std::int64_t yy = std::int64_t(y) + 4800 - a;
  const std::int64_t mm = m + 12 * a - 3;
  const std::int64_t jdn = d + (153 * mm + 2) / 5 + 365 * yy + floor_div(yy, 4) - 32083;
  return jdn - 2440588;
}

// Days since year 0 Jan 1 in a fixed-length-year calendar.
std::int64_t model_day_number(CfCalendar c, int y, int m, int d) {
  std::int64_t n = std::int64_t(y) * year_length(c);
  for (int k = 1; k < m; ++k) n += days_in_month(c, k);
  return n + d - 1;
}

// Reads an unsigned integer of up to `max_digits` digits at `pos`.
bool read_int(const std::string& s, std::size_t& pos, int& value, std::size_t max_digits = 9) {
  std::size_t start = pos;
  long v = 0;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) &&
         pos - start < max_digits)
    v = v * 10 + (s[pos++] - '0');
  value = static_cast<int>(v);
  return pos > start;
}

}  // namespace

CfCalendar parse_cf_calendar(std::string_view calendar, const std::string& context) {
  const std::string c = lower(trim(calendar));
  if (c.empty() || c == "standard" || c == "gregorian" || c == "proleptic_gregorian" ||
      c == "mixed")
    return CfCalendar::proleptic_gregorian;
  if (c == "julian") return CfCalendar::julian;
  if (c == "noleap" || c == "365_day" || c == "365day") return CfCalendar::noleap;
  if (c == "all_leap" || c == "366_day" || c == "366day") return CfCalendar::all_leap;
  if (c == "360_day" || c == "360day") return CfCalendar::day360;
  throw_input_error(context,
                    fmt::format("unknown calendar '{}' (expected standard, gregorian, "
                                "proleptic_gregorian, julian, noleap/365_day, all_leap/366_day "
                                "or 360_day)",
                                trim(calendar)));
}

bool looks_like_cf_time_units(std::string_view units) {
  const std::string u = lower(units);
  return u.find(" since ") != std::string::npos;
}

CfTimeUnits parse_cf_time_units(std::string_view units_text, std::string_view calendar,
                                const std::string& context) {
  const std::string text = trim(units_text);
  auto malformed = [&](const std::string& why) {
    throw_input_error(context, fmt::format("malformed time units '{}': {} (expected e.g. "
                                           "'hours since 1980-01-14 14:00:00')",
                                           text, why));
  };
  CfTimeUnits u;
  u.calendar = parse_cf_calendar(calendar, context);

  const std::string low = lower(text);
  const auto since = low.find(" since ");
  if (since == std::string::npos) malformed("no 'since'");
  const std::string unit = trim(std::string_view(low).substr(0, since));
  if (unit == "seconds" || unit == "second" || unit == "secs" || unit == "sec" || unit == "s")
    u.seconds_per_unit = 1;
  else if (unit == "minutes" || unit == "minute" || unit == "mins" || unit == "min")
    u.seconds_per_unit = 60;
  else if (unit == "hours" || unit == "hour" || unit == "hrs" || unit == "hr" || unit == "h")
    u.seconds_per_unit = 3600;
  else if (unit == "days" || unit == "day" || unit == "d")
    u.seconds_per_unit = 86400;
  else if (unit.starts_with("month") || unit.starts_with("year") || unit == "yr" || unit == "a")
    malformed(fmt::format("'{}' is not a fixed length; use days or hours", unit));
  else
    malformed(fmt::format("unknown time unit '{}'", unit));

  const std::string ref = trim(std::string_view(text).substr(since + 7));
  std::size_t p = 0;
  int sign = 1;
  if (p < ref.size() && (ref[p] == '-' || ref[p] == '+')) sign = ref[p++] == '-' ? -1 : 1;
  if (!read_int(ref, p, u.year) || p >= ref.size() || ref[p++] != '-' ||
      !read_int(ref, p, u.month, 2) || p >= ref.size() || ref[p++] != '-' ||
      !read_int(ref, p, u.day, 2))
    malformed("reference date is not YYYY-MM-DD");
  u.year *= sign;
  if (!valid_date(u.calendar, u.year, u.month, u.day))
    malformed("reference date does not exist in the calendar");
  // Optional time of day.
  if (p < ref.size() && (ref[p] == 'T' || ref[p] == 't' || ref[p] == ' ')) {
    std::size_t q = p + 1;
    while (q < ref.size() && ref[q] == ' ') ++q;
    int h = 0;
    if (q < ref.size() && std::isdigit(static_cast<unsigned char>(ref[q])) &&
        read_int(ref, q, h, 2)) {
      u.hour = h;
      p = q;
      if (p < ref.size() && ref[p] == ':') {
        ++p;
        if (!read_int(ref, p, u.minute, 2)) malformed("bad minutes");
        if (p < ref.size() && ref[p] == ':') {
          ++p;
          std::size_t end = p;
          while (end < ref.size() &&
                 (std::isdigit(static_cast<unsigned char>(ref[end])) || ref[end] == '.'))
            ++end;
          if (end == p) malformed("bad seconds");
          try {
            u.second = std::stod(ref.substr(p, end - p));
          } catch (const std::exception&) {
            malformed("bad seconds");
          }
          p = end;
        }
      }
      if (u.hour > 24 || u.minute > 59 || u.second >= 61) malformed("time of day out of range");
    }
  }
  // Optional time zone: Z, UTC, GMT, ±h, ±hh:mm, ±hhmm.
  while (p < ref.size() && ref[p] == ' ') ++p;
  std::string tz = lower(ref.substr(p));
  if (tz == "z" || tz == "utc" || tz == "gmt" || tz.empty()) return u;
  if (tz.starts_with("utc") || tz.starts_with("gmt")) tz = trim(tz.substr(3));
  if (!tz.empty() && std::isdigit(static_cast<unsigned char>(tz[0]))) tz = "+" + tz;  // "0:00"
  if (tz.empty() || (tz[0] != '+' && tz[0] != '-')) malformed("unreadable time zone");
  const int tz_sign = tz[0] == '-' ? -1 : 1;
  std::size_t z = 1;
  int hh = 0, mm = 0;
  std::size_t digits_start = z;
  if (!read_int(tz, z, hh, 4)) malformed("unreadable time zone");
  if (z - digits_start > 2) {  // ±hhmm
    mm = hh % 100;
    hh /= 100;
  } else if (z < tz.size() && tz[z] == ':') {
    ++z;
    if (!read_int(tz, z, mm, 2)) malformed("unreadable time zone");
  }
  if (z != tz.size() || hh > 14 || mm > 59) malformed("unreadable time zone");
  u.utc_offset_minutes = tz_sign * (hh * 60 + mm);
  return u;
}

TimePoint decode_cf_time(const CfTimeUnits& u, double value, const std::string& context) {
  const double offset = value * u.seconds_per_unit;
  // ±3e11 s ≈ ±10,000 years: beyond that the value is garbage (or a fill value).
  if (!std::isfinite(offset) || std::abs(offset) > 3e11)
    throw_input_error(context, fmt::format("time value {} is not a usable time", value));
  const std::int64_t sec_in_day = std::int64_t(u.hour) * 3600 + std::int64_t(u.minute) * 60;
  // Whole seconds from the reference day's midnight (rounded once, at the end).
  const std::int64_t total = sec_in_day + std::llround(u.second + offset);
  const std::int64_t tz = std::int64_t(u.utc_offset_minutes) * 60;

  switch (u.calendar) {
    case CfCalendar::proleptic_gregorian: {
      const std::chrono::sys_days ref{std::chrono::year_month_day{
          std::chrono::year{u.year}, std::chrono::month(u.month), std::chrono::day(u.day)}};
      return TimePoint{ref.time_since_epoch() + seconds(total - tz)};
    }
    case CfCalendar::julian: {
      const std::int64_t d0 = julian_to_unix_days(u.year, u.month, u.day);
      return TimePoint{seconds(d0 * 86400 + total - tz)};
    }
    default: {
      const CfCalendar c = u.calendar;
      const std::int64_t n = model_day_number(c, u.year, u.month, u.day) * 86400 + total;
      const std::int64_t day = floor_div(n, 86400);
      const std::int64_t sod = n - day * 86400;
      const std::int64_t len = year_length(c);
      const std::int64_t y = floor_div(day, len);
      int doy = static_cast<int>(day - y * len);
      int m = 1;
      while (m < 12 && doy >= days_in_month(c, m)) doy -= days_in_month(c, m++);
      // Same Y-M-D in the Gregorian calendar, clamped to its last valid day.
      const std::chrono::year_month gy{std::chrono::year{static_cast<int>(y)},
                                       std::chrono::month(m)};
      const auto last = std::chrono::year_month_day_last{
          gy.year(),
          std::chrono::month_day_last{
              gy.month()}}.day();
      const auto d = std::min(std::chrono::day(doy + 1), last);
      const std::chrono::sys_days date{std::chrono::year_month_day{gy.year(), gy.month(), d}};
      return TimePoint{date.time_since_epoch() + seconds(sod - tz)};
    }
  }
}

std::vector<TimePoint> decode_cf_times(const CfTimeUnits& units, std::span<const double> values,
                                       const std::string& context) {
  std::vector<TimePoint> out;
  out.reserve(values.size());
  for (double v : values) out.push_back(decode_cf_time(units, v, context));
  return out;
}

}  // namespace taifeng::forcing
