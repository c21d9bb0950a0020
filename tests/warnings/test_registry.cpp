// Base registry: real Hainan county polygons (GDAL) joined with the 2020 census.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <numeric>

#include "taifeng/core/error.hpp"
#include "taifeng/warnings/registry.hpp"

using namespace taifeng;
using namespace taifeng::warnings;
namespace fs = std::filesystem;

namespace {
const fs::path data_dir = TAIFENG_DATA_DIR;
const fs::path geojson = data_dir / "hainan/counties_datav.geojson";
const fs::path census = data_dir / "hainan/census2020.csv";

fs::path scratch(const std::string& name, const std::string& content) {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "registry";
  fs::create_directories(dir);
  std::ofstream(dir / name) << content;
  return dir / name;
}

std::string census_text() {
  std::ifstream in(census);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("Hainan registry: 19 units whose census sums to the provincial total", "[registry]") {
  const auto units = read_admin_units(geojson, census);
  REQUIRE(units.size() == 19);
  // 7th national census (2020-11-01): Hainan province 10,081,232 residents (BRIEF.md).
  const double total =
      std::accumulate(units.begin(), units.end(), 0.0,
                      [](double s, const AdminUnit& u) { return s + u.population; });
  REQUIRE(total == 10081232.0);
  const auto haikou = std::find_if(units.begin(), units.end(),
                                   [](const AdminUnit& u) { return u.code == "460100"; });
  REQUIRE(haikou != units.end());
  CHECK(haikou->name_zh == "海口市");
  CHECK(haikou->name_en == "Haikou");
  CHECK(haikou->population == 2873358.0);
  // The seat of Haikou lies inside its polygon; Sanya's seat does not lie in Haikou.
  CHECK(point_in_multipolygon(haikou->shape, haikou->center));
  CHECK_FALSE(point_in_multipolygon(haikou->shape, {109.51, 18.25}));
  const auto sansha = std::find_if(units.begin(), units.end(),
                                   [](const AdminUnit& u) { return u.code == "460300"; });
  REQUIRE(sansha != units.end());
  CHECK(sansha->shape.size() == 112);  // islands and reefs
  CHECK(sansha->center.lat == Approx(16.831039).margin(1e-6));
}

TEST_CASE("registry join errors name the file, line and code", "[registry]") {
  SECTION("a unit without census row") {
    std::string text = census_text();
    const auto pos = text.find("460200,");
    text.erase(pos, text.find('\n', pos) - pos + 1);
    const fs::path csv = scratch("missing_row.csv", text);
    try {
      read_admin_units(geojson, csv);
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Catch::Contains("460200") && Catch::Contains("missing_row.csv"));
    }
  }
  SECTION("a census row without unit") {
    const fs::path csv = scratch("extra_row.csv", census_text() + "469099,测试,Test,100\n");
    try {
      read_admin_units(geojson, csv);
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK_THAT(e.what(), Catch::Contains("extra_row.csv:21") && Catch::Contains("469099"));
    }
  }
  SECTION("a negative population") {
    std::string text = census_text();
    text.replace(text.find("2873358"), 7, "-5");
    const fs::path csv = scratch("negative.csv", text);
    CHECK_THROWS_WITH(read_admin_units(geojson, csv),
                      Catch::Contains("negative.csv:2") && Catch::Contains("population"));
  }
  SECTION("a polygon file that is not vector data") {
    const fs::path bad = scratch("not_geo.geojson", "this is not json");
    CHECK_THROWS_WITH(read_admin_units(bad, census),
                      Catch::Contains("not_geo.geojson") && Catch::Contains("vector"));
  }
  SECTION("a missing file") {
    CHECK_THROWS_AS(read_admin_units(data_dir / "nope.geojson", census), Error);
  }
}
