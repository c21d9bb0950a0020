// CF time units and calendars (forcing/grid/cf_time).
#include "taifeng/forcing/cf_time.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"

using namespace taifeng;
using namespace taifeng::forcing;

namespace {

TimePoint decode(const std::string& units, double v, const std::string& calendar = "") {
  return decode_cf_time(parse_cf_time_units(units, calendar, "test"), v, "test");
}

}  // namespace

TEST_CASE("cf_time: units spellings and reference forms", "[cf_time]") {
  // Ferret's singular unit and the navy winds reference.
  CHECK(decode("hour since 1980-01-14 14:00:00", 0) == make_utc(1980, 1, 14, 14));
  CHECK(decode("hour since 1980-01-14 14:00:00", 730.5) == make_utc(1980, 2, 14, 0, 30));
  CHECK(decode("hours since 1900-01-01 00:00:0.0", 24) == make_utc(1900, 1, 2, 0));
  CHECK(decode("days since 1970-01-01", 1.5) == make_utc(1970, 1, 2, 12));
  CHECK(decode("d since 1970-1-1", 2) == make_utc(1970, 1, 3, 0));
  CHECK(decode("seconds since 1970-01-01T00:00:00Z", 3600) == make_utc(1970, 1, 1, 1));
  CHECK(decode("s since 1970-01-01 00:00", 61) == make_utc(1970, 1, 1, 0, 1, 1));
  CHECK(decode("minutes since 2005-09-25 06:00", 90) == make_utc(2005, 9, 25, 7, 30));
  CHECK(decode("HOURS SINCE 2005-09-25", 6) == make_utc(2005, 9, 25, 6));
  CHECK(decode("hr since 2005-09-25", 6) == make_utc(2005, 9, 25, 6));
  CHECK(decode("h since 2005-09-25", 6) == make_utc(2005, 9, 25, 6));
  // Time zone of the reference: 08:00 at +08:00 is 00:00 UTC.
  CHECK(decode("hours since 2005-09-25 08:00:00 +08:00", 0) == make_utc(2005, 9, 25, 0));
  CHECK(decode("hours since 2005-09-25 08:00:00 +0800", 0) == make_utc(2005, 9, 25, 0));
  CHECK(decode("hours since 2005-09-25 00:00:00 UTC", 1) == make_utc(2005, 9, 25, 1));
  CHECK(decode("days since 2000-01-01 00:00:00.0 0:00", 1) == make_utc(2000, 1, 2, 0));
  CHECK(decode("hours since 2005-09-25T06:00:00Z", 1) == make_utc(2005, 9, 25, 7));
  CHECK(decode("hours since 2005-09-25 06:00:00 -03", 0) == make_utc(2005, 9, 25, 9));
  // COADS climatology: year 0 reference, month 8 at index 7 (5479.395 h).
  const TimePoint aug = decode("hour since 0000-01-01 00:00:00", 5479.395);
  const auto ymd = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(aug));
  CHECK(int(ymd.year()) == 0);
  CHECK(unsigned(ymd.month()) == 8);
  CHECK(unsigned(ymd.day()) == 16);
}

TEST_CASE("cf_time: model calendars map to the same date, clamped", "[cf_time]") {
  const std::string u = "days since 2001-01-01";
  // 360_day: day 59 is Feb 30 -> clamped to Feb 28 (2001 is a common year); day 60 = Mar 1.
  CHECK(decode(u, 57, "360_day") == make_utc(2001, 2, 28, 0));     // Feb 28
  CHECK(decode(u, 58, "360_day") == make_utc(2001, 2, 28, 0));     // Feb 29 -> 28
  CHECK(decode(u, 59.5, "360_day") == make_utc(2001, 2, 28, 12));  // Feb 30 12:00 -> 28
  CHECK(decode(u, 60, "360_day") == make_utc(2001, 3, 1, 0));
  CHECK(decode(u, 360, "360_day") == make_utc(2002, 1, 1, 0));
  CHECK(decode("days since 2000-01-01", 59, "360_day") == make_utc(2000, 2, 29, 0));  // leap year
  // noleap: 2000 has no Feb 29, day 59 is Mar 1; 365 days make a year.
  CHECK(decode("days since 2000-01-01", 59, "noleap") == make_utc(2000, 3, 1, 0));
  CHECK(decode("days since 2000-01-01", 59, "365_day") == make_utc(2000, 3, 1, 0));
  CHECK(decode("days since 2000-01-01", 365, "noleap") == make_utc(2001, 1, 1, 0));
  CHECK(decode("days since 2000-01-01", 59, "standard") == make_utc(2000, 2, 29, 0));
  // all_leap: 2001 Feb 29 exists there and is clamped to Feb 28.
  CHECK(decode(u, 59, "all_leap") == make_utc(2001, 2, 28, 0));
  CHECK(decode(u, 60, "366_day") == make_utc(2001, 3, 1, 0));
  // Negative offsets go back across the year.
  CHECK(decode(u, -1, "360_day") == make_utc(2000, 12, 30, 0));
  CHECK(decode(u, -1, "noleap") == make_utc(2000, 12, 31, 0));
  // julian: real days; 2001-01-01 (Julian) is 2001-01-14 (Gregorian).
  CHECK(decode(u, 0, "julian") == make_utc(2001, 1, 14, 0));
  CHECK(decode("days since 1582-10-04", 1, "julian") == make_utc(1582, 10, 15, 0));
  CHECK(decode(u, 0, "proleptic_gregorian") == make_utc(2001, 1, 1, 0));
  CHECK(decode(u, 0, "GREGORIAN") == make_utc(2001, 1, 1, 0));
}

TEST_CASE("cf_time: malformed units and unknown calendars are input errors", "[cf_time]") {
  auto message = [](const std::string& units, const std::string& calendar) {
    try {
      parse_cf_time_units(units, calendar, "f.nc: time coordinate 'time'");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("hours since 2005-09-25", "martian"),
             Catch::Contains("f.nc: time coordinate 'time'") && Catch::Contains("martian"));
  CHECK_THAT(message("months since 2000-01-01", ""), Catch::Contains("not a fixed length"));
  CHECK_THAT(message("fortnights since 2000-01-01", ""), Catch::Contains("fortnights"));
  CHECK_THAT(message("hours after 2000-01-01", ""), Catch::Contains("no 'since'"));
  CHECK_THAT(message("hours since yesterday", ""), Catch::Contains("YYYY-MM-DD"));
  CHECK_THAT(message("hours since 2001-02-29", ""), Catch::Contains("does not exist"));
  CHECK_THAT(message("hours since 2001-02-30", "360_day"), Catch::Contains("no error"));
  CHECK_THAT(message("hours since 2000-01-01 00:00 +8 apples", ""), Catch::Contains("time zone"));
  CHECK_THROWS_AS(decode("hours since 2000-01-01", 1e300), Error);
}
