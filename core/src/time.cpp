#include "taifeng/core/time.hpp"

#include <cmath>

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
  return {int(ymd.year()),          int(unsigned(ymd.month())), int(unsigned(ymd.day())),
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

namespace {
// Exactly n decimal digits at text[pos], or -1.
int digits(const std::string& text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return -1;
  int v = 0;
  for (std::size_t k = pos; k < pos + n; ++k) {
    if (text[k] < '0' || text[k] > '9') return -1;
    v = v * 10 + (text[k] - '0');
  }
  return v;
}
}  // namespace

std::optional<TimePoint> parse_time(const std::string& text) {
  if (text.size() == 10) {  // YYYYMMDDHH
    const int y = digits(text, 0, 4), mo = digits(text, 4, 2), d = digits(text, 6, 2),
              h = digits(text, 8, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || !valid_utc(y, mo, d, h)) return std::nullopt;
    return make_utc(y, mo, d, h);
  }
  // YYYY-MM-DDTHH:MM[:SS](Z|±hh:mm), fixed widths.
  if (text.size() < 17 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':')
    return std::nullopt;
  const int y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2),
            h = digits(text, 11, 2), mi = digits(text, 14, 2);
  std::size_t pos = 16;
  int s = 0;
  if (pos < text.size() && text[pos] == ':') {
    s = digits(text, pos + 1, 2);
    pos += 3;
  }
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || !valid_utc(y, mo, d, h, mi, s))
    return std::nullopt;
  const TimePoint t = make_utc(y, mo, d, h, mi, s);
  const std::string rest = text.substr(std::min(pos, text.size()));
  if (rest == "Z") return t;
  if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    const int oh = digits(rest, 1, 2), om = digits(rest, 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return std::nullopt;
    return t - minutes{(oh * 60 + om) * (rest[0] == '-' ? -1 : 1)};
  }
  return std::nullopt;
}

int year_of(TimePoint t) {
  return int(year_month_day(floor<days>(t)).year());
}

double hours_between(TimePoint from, TimePoint to) {
  return double((to - from).count()) / 3600.0;
}

TimePoint add_hours(TimePoint t, double h) {
  return t + seconds(static_cast<long long>(std::llround(h * 3600.0)));
}

}  // namespace taifeng
