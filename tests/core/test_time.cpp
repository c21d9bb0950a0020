// UTC time points: construction, ISO / CAP / ATCF formatting, parsing, arithmetic.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "taifeng/core/time.hpp"

using namespace taifeng;
using namespace std::chrono_literals;

namespace {
// Anchors from `date -u -d 2005-09-25T00:00:00Z +%s` and `date -u -d 2004-02-29 +%s`,
// independent of make_utc.
constexpr long long t_2005_09_25 = 1127606400;
constexpr long long t_2004_02_29 = 1078012800;

TimePoint at(long long epoch_seconds) {
  return TimePoint{std::chrono::seconds{epoch_seconds}};
}
}  // namespace

TEST_CASE("time: make_utc and valid_utc", "[time]") {
  CHECK(make_utc(1970, 1, 1, 0).time_since_epoch().count() == 0);
  CHECK(make_utc(2005, 9, 25, 0) == at(t_2005_09_25));
  CHECK(make_utc(2004, 2, 29, 0) == at(t_2004_02_29));
  CHECK(make_utc(2005, 9, 25, 6, 30, 15) == at(t_2005_09_25 + 6 * 3600 + 30 * 60 + 15));
  CHECK(valid_utc(2004, 2, 29, 0));        // leap year
  CHECK_FALSE(valid_utc(2005, 2, 29, 0));  // not a leap year
  CHECK_FALSE(valid_utc(1900, 2, 29, 0));  // century, not a leap year
  CHECK(valid_utc(2000, 2, 29, 0));        // 400-year rule
  CHECK_FALSE(valid_utc(2005, 13, 1, 0));
  CHECK_FALSE(valid_utc(2005, 0, 1, 0));
  CHECK_FALSE(valid_utc(2005, 4, 31, 0));
  CHECK_FALSE(valid_utc(2005, 9, 25, 24));
  CHECK_FALSE(valid_utc(2005, 9, 25, 0, 60));
  CHECK_FALSE(valid_utc(2005, 9, 25, -1));
  CHECK(valid_utc(2005, 9, 25, 23, 59, 59));
  CHECK_FALSE(valid_utc(2005, 9, 25, 23, 59, 61));  // a leap second 60 at most
}

TEST_CASE("time: format_iso_utc", "[time]") {
  CHECK(format_iso_utc(at(0)) == "1970-01-01T00:00:00Z");
  CHECK(format_iso_utc(at(t_2005_09_25)) == "2005-09-25T00:00:00Z");
  CHECK(format_iso_utc(at(t_2005_09_25 + 20 * 3600 + 5 * 60 + 9)) == "2005-09-25T20:05:09Z");
  CHECK(format_iso_utc(at(t_2004_02_29 - 1)) == "2004-02-28T23:59:59Z");
  CHECK(format_iso_utc(at(-1)) == "1969-12-31T23:59:59Z");  // before the epoch
}

TEST_CASE("time: format_iso_offset gives China Standard Time in CAP form", "[time]") {
  const TimePoint t00 = at(t_2005_09_25);
  CHECK(china_standard_offset == 480min);
  CHECK(format_iso_offset(t00, china_standard_offset) == "2005-09-25T08:00:00+08:00");
  // 20Z is 04 local on the next day.
  CHECK(format_iso_offset(t00 + 20h, china_standard_offset) == "2005-09-26T04:00:00+08:00");
  // Across a month and a year end.
  CHECK(format_iso_offset(make_utc(2005, 9, 30, 16), china_standard_offset) ==
        "2005-10-01T00:00:00+08:00");
  CHECK(format_iso_offset(make_utc(2005, 12, 31, 16, 30), china_standard_offset) ==
        "2006-01-01T00:30:00+08:00");
  // Zero and negative offsets, with minutes.
  CHECK(format_iso_offset(t00, 0min) == "2005-09-25T00:00:00+00:00");
  CHECK(format_iso_offset(t00, -210min) == "2005-09-24T20:30:00-03:30");
  CHECK(format_iso_offset(t00, 345min) == "2005-09-25T05:45:00+05:45");
}

TEST_CASE("time: format_yyyymmddhh and format_cf_reference", "[time]") {
  CHECK(format_yyyymmddhh(at(t_2005_09_25)) == "2005092500");
  CHECK(format_yyyymmddhh(at(t_2005_09_25) + 18h + 59min) == "2005092518");  // truncated
  CHECK(format_yyyymmddhh(make_utc(2004, 2, 29, 6)) == "2004022906");
  CHECK(format_cf_reference(at(t_2005_09_25) + 6h) == "2005-09-25 06:00:00");
}

TEST_CASE("time: parse_time accepts the documented forms", "[time]") {
  const TimePoint t00 = at(t_2005_09_25);
  CHECK(parse_time("2005-09-25T00:00:00Z") == t00);
  CHECK(parse_time("2005-09-25T00:00Z") == t00);
  CHECK(parse_time("2005-09-25T08:00:00+08:00") == t00);
  CHECK(parse_time("2005-09-25T08:00+08:00") == t00);
  CHECK(parse_time("2005-09-24T20:30:00-03:30") == t00);
  CHECK(parse_time("2005-09-25T00:00:00+00:00") == t00);
  CHECK(parse_time("2005092500") == t00);
  CHECK(parse_time("2005092518") == t00 + 18h);
  CHECK(parse_time("2005-09-25T06:07:08Z") == t00 + 6h + 7min + 8s);
  CHECK(parse_time("2004-02-29T00:00:00Z") == at(t_2004_02_29));
  // Local date across midnight: 02 CST on the 26th is 18Z on the 25th.
  CHECK(parse_time("2005-09-26T02:00:00+08:00") == t00 + 18h);
}

TEST_CASE("time: parse_time round-trips the formatters", "[time]") {
  for (long long s : {0LL, t_2004_02_29, t_2005_09_25 + 75600 + 1234, 1700000000LL}) {
    const TimePoint t = at(s);
    CHECK(parse_time(format_iso_utc(t)) == t);
    CHECK(parse_time(format_iso_offset(t, china_standard_offset)) == t);
    CHECK(parse_time(format_iso_offset(t, -150min)) == t);
    // YYYYMMDDHH keeps whole hours only.
    const TimePoint h = std::chrono::floor<std::chrono::hours>(t);
    CHECK(parse_time(format_yyyymmddhh(t)) == h);
  }
}

TEST_CASE("time: parse_time rejects malformed text", "[time]") {
  for (const char* bad : {
           "",
           "garbage",
           "2005-13-01T00:00:00Z",       // month 13
           "2005-00-01T00:00:00Z",       // month 0
           "2005-02-30T00:00:00Z",       // Feb 30
           "2005-02-29T00:00:00Z",       // not a leap year
           "2005-09-31T00:00:00Z",       // September has 30 days
           "2005-09-25T24:00:00Z",       // hour 24
           "2005-09-25T00:60:00Z",       // minute 60
           "2005-09-25T00:00:00",        // no zone
           "2005-09-25",                 // date only
           "2005-09-25 00:00:00Z",       // blank instead of T
           "2005-09-25T00:00:00Zjunk",   // trailing text
           "2005-09-25T00:00:00+08",     // offset without minutes
           "2005-09-25T00:00:00+08:60",  // offset minute 60
           "2005-09-25T00:00:00+24:00",  // offset hour 24
           "2005-09-25T00:00:00*08:00",  // bad sign
           "2005-09-25T00:00:00.5Z",     // fractional seconds
           "2005133000",                 // YYYYMMDDHH, month 13
           "2005023000",                 // YYYYMMDDHH, Feb 30
           "2005092524",                 // YYYYMMDDHH, hour 24
           "20050925",                   // YYYYMMDD without hour
           "200509250",                  // 9 digits
           "20050925000",                // 11 digits
       }) {
    INFO("text: '" << bad << "'");
    CHECK_FALSE(parse_time(bad).has_value());
  }
}

TEST_CASE("time: parse_time rejects fields of the wrong width", "[time]") {
  // Regression: one-digit fields and blanks were once accepted (sscanf widths are maxima).
  for (const char* bad : {
           "2005-9-25T00:00Z",          // 1-digit month
           "2005-09-25T0:00Z",          // 1-digit hour
           " 2005-09-25T00:00Z",        // leading blank
           "2005-09-25T00:00: 00Z",     // blank inside the seconds
           "2005-09-25T00:00:00+8:00",  // 1-digit offset hour
       }) {
    INFO("text: '" << bad << "'");
    CHECK_FALSE(parse_time(bad).has_value());
  }
}

TEST_CASE("time: hours_between and add_hours", "[time]") {
  const TimePoint t0 = at(t_2005_09_25);
  // Whole and half hours are exact in binary; compared exactly.
  CHECK(hours_between(t0, t0 + 6h) == 6.0);
  CHECK(hours_between(t0 + 6h, t0) == -6.0);
  CHECK(hours_between(t0, t0 + 90min) == 1.5);
  CHECK(hours_between(t0, t0) == 0.0);
  // 1 s = 1/3600 h; the division is correctly rounded, compare to 1 ulp-ish.
  CHECK(hours_between(t0, t0 + 1s) == Approx(1.0 / 3600.0).epsilon(1e-15));
  CHECK(add_hours(t0, 6.0) == t0 + 6h);
  CHECK(add_hours(t0, -0.5) == t0 - 30min);
  CHECK(add_hours(t0, 72.0) == make_utc(2005, 9, 28, 0));
  // Fractions of an hour are rounded to the nearest second: 0.1 h = 360 s,
  // 1e-4 h = 0.36 s -> 0 s, 2e-4 h = 0.72 s -> 1 s.
  CHECK(add_hours(t0, 0.1) == t0 + 360s);
  CHECK(add_hours(t0, 1e-4) == t0);
  CHECK(add_hours(t0, 2e-4) == t0 + 1s);
  CHECK(format_iso_utc(add_hours(t0, 20.0)) == "2005-09-25T20:00:00Z");
  CHECK(hours_between(t0, add_hours(t0, 123.25)) == 123.25);
}
