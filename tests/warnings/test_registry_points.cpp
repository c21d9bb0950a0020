// Shelter and enterprise CSVs of the registry (warnings/registry_points.hpp): comments and the
// header, assignment to the containing unit, and one input error per malformed line naming
// the file and line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "taifeng/core/error.hpp"
#include "taifeng/warnings/registry_points.hpp"

using namespace taifeng;
using namespace taifeng::warnings;
using Catch::Matchers::Contains;

namespace {

std::vector<AdminUnit> two_units() {
  auto sq = [](const char* code, double lon0) {
    AdminUnit u;
    u.code = code;
    u.shape = {Polygon{{{lon0, 18}, {lon0 + 1, 18}, {lon0 + 1, 19}, {lon0, 19}, {lon0, 18}}, {}}};
    return u;
  };
  return {sq("460100", 110), sq("460200", 111)};
}

std::filesystem::path write(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / ("taifeng_points_" + name);
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST_CASE("registry points: shelters and enterprises are read and assigned to their unit",
          "[warnings][registry]") {
  const auto units = two_units();
  const auto s = read_shelters_csv(write("s.csv",
                                         "# synthetic\nid,name_zh,name_en,lon,lat,capacity\n"
                                         "A,甲,Alpha,110.5,18.5,300\nB,乙,Beta,111.5,18.2,40\n"),
                                   units);
  REQUIRE(s.size() == 2);
  CHECK(s[0].unit_code == "460100");
  CHECK(s[1].unit_code == "460200");
  CHECK(s[1].capacity == 40);
  CHECK(s[0].name_zh == "甲");
  const auto e = read_enterprises_csv(
      write("e.csv", "id,name,lon,lat,employees,hazmat\nE1,Works,111.2,18.9,120,1\n"), units);
  REQUIRE(e.size() == 1);
  CHECK(e[0].hazmat);
  CHECK(e[0].employees == 120);
  CHECK(e[0].unit_code == "460200");
}

TEST_CASE("registry points: malformed lines name the file and line", "[warnings][registry]") {
  const auto units = two_units();
  const std::string h = "id,name_zh,name_en,lon,lat,capacity\n";
  CHECK_THROWS_WITH(read_shelters_csv(write("h.csv", "id,name,lon\n"), units),
                    Contains("h.csv:1") && Contains("expected 'id,name_zh"));
  CHECK_THROWS_WITH(read_shelters_csv(write("f.csv", h + "A,甲,Alpha,110.5,18.5\n"), units),
                    Contains("f.csv:2") && Contains("5 fields"));
  CHECK_THROWS_WITH(read_shelters_csv(write("c.csv", h + "A,甲,Alpha,110.5,18.5,-3\n"), units),
                    Contains("c.csv:2") && Contains("capacity"));
  CHECK_THROWS_WITH(read_shelters_csv(write("o.csv", h + "A,甲,Alpha,109.5,18.5,30\n"), units),
                    Contains("o.csv:2") && Contains("no administrative unit"));
  CHECK_THROWS_WITH(
      read_enterprises_csv(
          write("z.csv", "id,name,lon,lat,employees,hazmat\nE1,Works,111.2,18.9,120,yes\n"), units),
      Contains("z.csv:2") && Contains("hazmat"));
  CHECK_THROWS_AS(read_shelters_csv(write("empty.csv", "# nothing\n"), units), taifeng::Error);
}

TEST_CASE("registry points: critical facilities are read, assigned and checked",
          "[warnings][registry]") {
  const auto units = two_units();
  const std::string h = "# SYNTHETIC\nid,name_zh,name_en,kind,lon,lat\n";
  const auto f =
      read_facilities_csv(write("fac.csv", h + "F1,甲医院,Alpha hospital,hospital,110.2,"
                                               "18.3\nF2,乙港,Beta port,port,111.9,18.9\n"),
                          units);
  REQUIRE(f.size() == 2);
  CHECK((f[0].id == "F1" && f[0].name_zh == "甲医院" && f[0].name_en == "Alpha hospital"));
  CHECK((f[0].kind == "hospital" && f[0].unit_code == "460100"));
  CHECK((f[1].kind == "port" && f[1].unit_code == "460200"));
  CHECK((f[1].pos.lon == 111.9 && f[1].pos.lat == 18.9));
  CHECK_THROWS_WITH(
      read_facilities_csv(write("fk.csv", h + "F1,甲,A,Hospital Big,110.2,18.3\n"), units),
      Contains("fk.csv:3") && Contains("kind 'Hospital Big'"));
  CHECK_THROWS_WITH(read_facilities_csv(write("fe.csv", h + "F1,甲,A,,110.2,18.3\n"), units),
                    Contains("fe.csv:3") && Contains("kind ''"));
  CHECK_THROWS_WITH(read_facilities_csv(write("fs.csv", h + "F1,甲,A,school,109.2,18.3\n"), units),
                    Contains("fs.csv:3") && Contains("no administrative unit"));
  CHECK_THROWS_WITH(read_facilities_csv(write("fl.csv", h + "F1,甲,A,school,110.2,95\n"), units),
                    Contains("fl.csv:3") && Contains("lat '95'"));
  CHECK_THROWS_WITH(read_facilities_csv(write("fh.csv", "id,name,kind,lon,lat\n"), units),
                    Contains("fh.csv:1") && Contains("expected 'id,name_zh,name_en,kind,lon,lat'"));
}
