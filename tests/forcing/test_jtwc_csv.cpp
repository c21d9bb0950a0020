// Tests of the JTWC best-track CSV reader (forcing/jtwc_csv): the bundled 1945-2012 file
// and small malformed files written to the scratch directory.
#include "taifeng/forcing/jtwc_csv.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;

namespace {

const std::string real_file = TAIFENG_DATA_DIR "/tracks/jtwc_wp_1945_2012.csv";
const std::string header = "CY,Year,Month,Day,Hour,Lat,Lon,VMax,MSLP,SN,Cat\n";
constexpr double kt = 0.514444;

fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "jtwc_csv";
  fs::create_directories(dir);
  return dir;
}

// Writes `content` verbatim (binary mode: no newline translation) and returns the path.
std::string write_file(const std::string& name, const std::string& content) {
  const fs::path p = tmp_dir() / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  REQUIRE(out.good());
  return p.string();
}

// The taifeng::Error thrown by f, if any.
std::optional<Error> error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

// Reads `storm` from `file`, which must fail with an input error at "file:line" (line 0:
// no line) whose message contains every one of `expected`.
void require_input_error(const std::string& file, const std::string& storm, long line,
                         const std::vector<std::string>& expected) {
  const auto e = error_of([&] { read_jtwc_csv(file, storm); });
  REQUIRE(e.has_value());
  INFO(e->what());
  CHECK(e->kind() == ErrorKind::input);
  CHECK(e->exit_code() == 2);
  const std::string prefix = (line > 0 ? file + ":" + std::to_string(line) : file) + ": ";
  CHECK_THAT(e->what(), Catch::Matchers::StartsWith(prefix));
  for (const auto& s : expected) CHECK_THAT(e->what(), Contains(s));
}

const TrackPoint* fix_at(const Track& t, TimePoint time) {
  for (const auto& p : t.points)
    if (p.time == time) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("read_jtwc_csv: Typhoon Damrey 2005 (200517) from the bundled best track",
          "[forcing][jtwc]") {
  REQUIRE(fs::is_regular_file(real_file));
  std::vector<std::string> warnings;
  const Track t = read_jtwc_csv(real_file, "200517", &warnings);
  CHECK(warnings.empty());
  CHECK(t.id == "200517");
  CHECK(t.source == "JTWC best track");
  REQUIRE(t.points.size() == 31);
  CHECK(format_iso_utc(t.start()) == "2005-09-20T06:00:00Z");
  CHECK(format_iso_utc(t.end()) == "2005-09-27T18:00:00Z");
  for (std::size_t k = 1; k < t.points.size(); ++k) {
    INFO("fix " << k);
    CHECK(t.points[k].time > t.points[k - 1].time);
    CHECK(hours_between(t.points[k - 1].time, t.points[k].time) == 6.0);
  }
  for (const auto& p : t.points) {
    INFO(p.source_ref);
    CHECK(p.averaging == WindAveraging::one_minute);
    CHECK_FALSE(std::isnan(p.pmin_hpa));
    CHECK_THAT(p.source_ref, Catch::Matchers::StartsWith(real_file + ":"));
  }

  const TrackPoint* p = fix_at(t, make_utc(2005, 9, 25, 0));
  REQUIRE(p != nullptr);
  CHECK(p->lat == Approx(18.9).margin(1e-9));
  CHECK(p->lon == Approx(112.8).margin(1e-9));
  CHECK(p->vmax_ms == Approx(41.1555).margin(1e-3));
  CHECK(p->vmax_ms == Approx(80 * kt).margin(1e-9));
  CHECK(p->pmin_hpa == Approx(963.0).margin(1e-9));
  CHECK(p->averaging == WindAveraging::one_minute);
  CHECK(p->source_ref == real_file + ":51374");  // line 51374 of the CSV (grep -n)
  CHECK(std::isnan(p->rmw_km));
  CHECK(p->radii.empty());
}

TEST_CASE("read_jtwc_csv: an unknown storm id is an input error naming the id", "[forcing][jtwc]") {
  const auto e = error_of([] { read_jtwc_csv(real_file, "209999"); });
  REQUIRE(e.has_value());
  INFO(e->what());
  CHECK(e->kind() == ErrorKind::input);
  CHECK_THAT(e->what(), Contains(real_file));
  CHECK_THAT(e->what(), Contains("209999"));
  CHECK_THAT(e->what(), Contains("no record"));
}

TEST_CASE("read_jtwc_csv: missing MSLP (0.0 or empty) is a warning and NaN pressure",
          "[forcing][jtwc]") {
  SECTION("real storm 200023 has MSLP 0.0 on all its 24 lines (46791..46814)") {
    std::vector<std::string> warnings;
    const Track t = read_jtwc_csv(real_file, "200023", &warnings);
    REQUIRE(t.points.size() == 24);
    // One summary warning per storm, naming the first line and the line range.
    REQUIRE(warnings.size() == 1);
    for (const auto& p : t.points) CHECK(std::isnan(p.pmin_hpa));
    CHECK_THAT(warnings.front(), Contains(real_file + ":46791: "));
    CHECK_THAT(warnings.front(), Contains("MSLP missing (0) on 24 fix(es)"));
    CHECK_THAT(warnings.front(), Contains("lines 46791..46814"));
    CHECK(t.points.front().vmax_ms == Approx(20 * kt).margin(1e-9));
    // Without a warnings vector the read succeeds just the same.
    CHECK(read_jtwc_csv(real_file, "200023").points.size() == 24);
  }
  SECTION("real storm 194501 has an empty MSLP") {
    std::vector<std::string> warnings;
    const Track t = read_jtwc_csv(real_file, "194501", &warnings);
    REQUIRE_FALSE(t.points.empty());
    REQUIRE(warnings.size() == 1);
    CHECK(std::isnan(t.points.front().pmin_hpa));
    CHECK_THAT(warnings.front(), Contains(real_file + ":2: "));
    CHECK_THAT(warnings.front(), Contains("empty"));
    CHECK_THAT(warnings.front(), Contains(std::to_string(t.points.size()) + " fix(es)"));
  }
  SECTION("synthetic file: one empty, one 0, one valid") {
    const std::string f =
        write_file("mslp_missing.csv", header +
                                           "1,2005,9,20,0,15.0,125.0,25.0,,200517,TD\n"
                                           "1,2005,9,20,6,15.1,125.0,25.0,0,200517,TD\n"
                                           "1,2005,9,20,12,15.2,125.0,30.0,1000,200517,TD\n");
    std::vector<std::string> warnings;
    const Track t = read_jtwc_csv(f, "200517", &warnings);
    REQUIRE(t.points.size() == 3);
    CHECK(std::isnan(t.points[0].pmin_hpa));
    CHECK(std::isnan(t.points[1].pmin_hpa));
    CHECK(t.points[2].pmin_hpa == 1000.0);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Contains(f + ":2: "));
    CHECK_THAT(warnings[0], Contains("(0 or empty) on 2 fix(es), lines 2..3"));
  }
}

TEST_CASE("read_jtwc_csv: well-formed synthetic file (CRLF, blanks, other storms)",
          "[forcing][jtwc]") {
  const std::string f =
      write_file("good.csv",
                 "CY,Year,Month,Day,Hour,Lat,Lon,VMax,MSLP,SN,Cat\r\n"
                 "1,2005,9,20,0, 15.0 ,125.0,25.0,1002,200517,TD\r\n"
                 "2,2005,9,20,0,10.0,140.0,99.0,abc,200518,XX\r\n"  // other storm: not checked
                 "\r\n"
                 "  \r\n"
                 "1,2005,9,20,6,-15.5,359.5,0,850,200517,TD\r\n"
                 "1,2005,9,21,0,90,0,120,1050,200517,TD\r\n");
  std::vector<std::string> warnings;
  const Track t = read_jtwc_csv(f, "200517", &warnings);
  CHECK(warnings.empty());
  REQUIRE(t.points.size() == 3);
  CHECK(t.points[0].lat == 15.0);
  CHECK(t.points[0].source_ref == f + ":2");
  CHECK(t.points[1].source_ref == f + ":6");
  CHECK(t.points[1].lat == -15.5);
  CHECK(t.points[1].lon == 359.5);
  CHECK(t.points[1].vmax_ms == 0.0);
  CHECK(t.points[1].pmin_hpa == 850.0);
  CHECK(t.points[2].source_ref == f + ":7");
  CHECK(format_iso_utc(t.points[2].time) == "2005-09-21T00:00:00Z");
  CHECK(t.points[2].vmax_ms == Approx(120 * kt).margin(1e-9));
  CHECK(t.points[2].pmin_hpa == 1050.0);
}

TEST_CASE("read_jtwc_csv: malformed files are input errors at file:line", "[forcing][jtwc]") {
  const std::string ok1 = "1,2005,9,20,0,15.0,125.0,25.0,1002,200517,TD\n";
  const std::string ok2 = "1,2005,9,20,6,15.1,125.0,25.0,1002,200517,TD\n";

  SECTION("wrong header") {
    const std::string f = write_file("bad_header.csv", "Year,Month,Day,Hour,Lat,Lon,VMax\n" + ok1);
    require_input_error(f, "200517", 1, {"expected the header", "CY,Year,Month", "got"});
  }
  SECTION("a row with 10 columns, even of another storm") {
    const std::string f =
        write_file("ten_columns.csv", header + ok1 + "2,2005,9,20,0,10.0,140.0,99.0,200518,TD\n");
    require_input_error(f, "200517", 3, {"expected 11 comma-separated columns", "got 10"});
  }
  SECTION("VMax not a number") {
    const std::string f =
        write_file("vmax_abc.csv", header + ok1 + "1,2005,9,20,6,15.1,125.0,abc,1002,200517,TD\n");
    require_input_error(f, "200517", 3, {"VMax", "'abc' is not a number"});
  }
  SECTION("latitude 95") {
    const std::string f = write_file(
        "lat_95.csv", header + ok1 + ok2 + "1,2005,9,20,12,95,125.0,25,1002,200517,TD\n");
    require_input_error(f, "200517", 4, {"Lat", "95", "outside the valid range -90..90"});
  }
  SECTION("VMax -999 is the file's code for unknown: a warning and NaN") {
    const std::string f =
        write_file("vmax_999.csv", header + ok1 + "1,2005,9,20,6,15.1,125.0,-999,1002,200517,TD\n");
    std::vector<std::string> warnings;
    const Track t = read_jtwc_csv(f, "200517", &warnings);
    REQUIRE(t.points.size() == 2);
    CHECK(std::isnan(t.points[1].vmax_ms));
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Contains(f + ":3: ") && Contains("VMax missing (-999)"));
  }
  SECTION("longitude -181") {
    // The real file writes longitudes west of 180 as negative (e.g. -177.5), so -180..360 is
    // valid; beyond that is an error.
    const std::string f =
        write_file("lon_neg.csv", header + "1,2005,9,20,0,15.0,-181,25.0,1002,200517,TD\n");
    require_input_error(f, "200517", 2, {"Lon", "outside the valid range -180..360"});
  }
  SECTION("VMax above 120 m/s (250 kt)") {
    const std::string f =
        write_file("vmax_250.csv", header + "1,2005,9,20,0,15.0,125,250,1002,200517,TD\n");
    require_input_error(f, "200517", 2, {"VMax", "250", "outside the valid range"});
  }
  SECTION("MSLP 700") {
    const std::string f =
        write_file("mslp_700.csv", header + ok1 + "1,2005,9,20,6,15.1,125.0,25.0,700,200517,TD\n");
    require_input_error(f, "200517", 3, {"MSLP", "700", "850..1050", "hPa"});
  }
  SECTION("MSLP not a number") {
    const std::string f =
        write_file("mslp_x.csv", header + "1,2005,9,20,0,15.0,125.0,25.0,x,200517,TD\n");
    require_input_error(f, "200517", 2, {"MSLP", "'x' is not a number"});
  }
  SECTION("time going backwards") {
    const std::string f = write_file("backwards.csv",
                                     header + ok2 + ok1);  // 06Z then 00Z
    require_input_error(f, "200517", 3,
                        {"goes backwards", "2005-09-20T00:00:00Z", "2005-09-20T06:00:00Z", ":2"});
  }
  SECTION("a different second fix at the same time") {
    const std::string f = write_file(
        "second_fix.csv", header + ok1 + "1,2005,9,20,0,15.3,125.0,25.0,1002,200517,TD\n");
    require_input_error(f, "200517", 3,
                        {"a second, different fix", "2005-09-20T00:00:00Z", f + ":2"});
  }
  SECTION("invalid date: 30 February") {
    const std::string f =
        write_file("feb30.csv", header + ok1 + "1,2005,2,30,6,15.1,125.0,25.0,1002,200517,TD\n");
    require_input_error(f, "200517", 3, {"2005-02-30 06h is not a valid date"});
  }
  SECTION("hour 24") {
    const std::string f =
        write_file("hour24.csv", header + "1,2005,9,20,24,15.1,125.0,25.0,1002,200517,TD\n");
    require_input_error(f, "200517", 2, {"Hour", "outside the valid range 0..23"});
  }
  SECTION("empty file") {
    const std::string f = write_file("empty.csv", "");
    require_input_error(f, "200517", 0, {"empty file", "expected a JTWC best-track CSV"});
  }
  SECTION("header only: no record of the storm") {
    const std::string f = write_file("header_only.csv", header);
    require_input_error(f, "200517", 0, {"no record", "200517"});
  }
  SECTION("missing file") {
    const std::string f = (tmp_dir() / "does_not_exist.csv").string();
    fs::remove(f);
    require_input_error(f, "200517", 0, {"does not exist"});
  }
  SECTION("binary file (NUL bytes on line 2)") {
    std::string bytes = header + "1,2005,9,20,0,15.0";
    bytes += std::string("\0\x01\xff\0", 4);
    bytes += ",125.0\n";
    const std::string f = write_file("binary.csv", bytes);
    require_input_error(f, "200517", 2, {"binary data", "NUL"});
  }
}

TEST_CASE("read_jtwc_csv: an exact duplicate fix is a warning and is dropped", "[forcing][jtwc]") {
  const std::string ok1 = "1,2005,9,20,0,15.0,125.0,25.0,1002,200517,TD\n";
  const std::string f = write_file(
      "duplicate.csv", header + ok1 + ok1 + "1,2005,9,20,6,15.1,125.0,25.0,1002,200517,TD\n");
  std::vector<std::string> warnings;
  const Track t = read_jtwc_csv(f, "200517", &warnings);
  REQUIRE(t.points.size() == 2);
  CHECK(t.points[0].source_ref == f + ":2");
  CHECK(t.points[1].source_ref == f + ":4");
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Matchers::StartsWith(f + ":3: "));
  CHECK_THAT(warnings[0], Contains("duplicate"));
  CHECK_THAT(warnings[0], EndsWith("ignored"));
  CHECK_THAT(warnings[0], Contains(f + ":2"));
}

// Regression: the duplicate test once ignored MSLP and dropped such a fix silently.
TEST_CASE("read_jtwc_csv: a second fix differing only in MSLP is an error", "[forcing][jtwc]") {
  const std::string f =
      write_file("second_fix_mslp.csv", header +
                                            "1,2005,9,20,0,15.0,125.0,25.0,1002,200517,TD\n"
                                            "1,2005,9,20,0,15.0,125.0,25.0,990,200517,TD\n");
  require_input_error(f, "200517", 3, {"a second, different fix"});
}

// Regression: "6.5" was once truncated to 06Z instead of being rejected.
TEST_CASE("read_jtwc_csv: a non-integer hour is an error", "[forcing][jtwc]") {
  const std::string f =
      write_file("hour_frac.csv", header + "1,2005,9,20,6.5,15.0,125.0,25.0,1002,200517,TD\n");
  require_input_error(f, "200517", 2, {"Hour"});
}
