#include "taifeng/core/time.hpp"

#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace taifeng {

using namespace std::chrono;

bool valid_utc(int year, int month, int day, int hour, int minute, int second) {
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month(unsigned(month)),
                           std::chrono::day(unsigned(day))};
  return ymd.ok() && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 &&
         second < 61;
}

TimePoint make_utc(int year, int month, int day, int hour, int minute, int second) {
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month(unsigned(month)),
                           std::chrono::day(unsigned(day))};
  return sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second);
}

namespace {
struct Broken {
  int y, mo, d, h, mi, s;
};
Broken split(TimePoint t) {
  const auto day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t - day);
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())),
          int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count())};
}
}  // namespace

std::string format_iso_utc(TimePoint t) {
  const Broken b = split(t);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", b.y, b.mo, b.d, b.h, b.mi, b.s);
}

std::string format_iso_offset(TimePoint t, minutes offset) {
  const Broken b = split(t + offset);
  const long off = offset.count();
  const char sign = off < 0 ? '-' : '+';
  const long a = std::labs(off);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}{:02d}:{:02d}", b.y, b.mo, b.d,
                     b.h, b.mi, b.s, sign, a / 60, a % 60);
}

std::string format_yyyymmddhh(TimePoint t) {
  const Broken b = split(t);
  return fmt::format("{:04d}{:02d}{:02d}{:02d}", b.y, b.mo, b.d, b.h);
}

std::string format_cf_reference(TimePoint t) {
  const Broken b = split(t);
  return fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}", b.y, b.mo, b.d, b.h, b.mi, b.s);
}

std::optional<TimePoint> parse_time(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  if (text.size() == 10 && text.find_first_not_of("0123456789") == std::string::npos) {
    if (std::sscanf(text.c_str(), "%4d%2d%2d%2d", &y, &mo, &d, &h) != 4) return std::nullopt;
    if (!valid_utc(y, mo, d, h)) return std::nullopt;
    return make_utc(y, mo, d, h);
  }
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5)
    return std::nullopt;
  std::string rest = text.substr(std::size_t(n));
  if (!rest.empty() && rest[0] == ':') {
    int k = 0;
    if (std::sscanf(rest.c_str(), ":%2d%n", &s, &k) != 1) return std::nullopt;
    rest = rest.substr(std::size_t(k));
  }
  if (!valid_utc(y, mo, d, h, mi, s)) return std::nullopt;
  TimePoint t = make_utc(y, mo, d, h, mi, s);
  if (rest == "Z") return t;
  int oh = 0, om = 0;
  char sign = 0;
  int k = 0;
  if (std::sscanf(rest.c_str(), "%c%2d:%2d%n", &sign, &oh, &om, &k) == 3 &&
      std::size_t(k) == rest.size() && (sign == '+' || sign == '-') && oh < 24 && om < 60) {
    const minutes off{(oh * 60 + om) * (sign == '-' ? -1 : 1)};
    return t - off;
  }
  return std::nullopt;
}

double hours_between(TimePoint from, TimePoint to) {
  return double((to - from).count()) / 3600.0;
}

TimePoint add_hours(TimePoint t, double h) {
  return t + seconds(static_cast<long long>(std::llround(h * 3600.0)));
}

}  // namespace taifeng
