// People aged 65 and over joined onto the units (warnings/registry_vulnerable.hpp): the values
// land on their units, unlisted units stay unknown, sources are collected once, and every bad
// line is an input error naming file and line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "taifeng/core/error.hpp"
#include "taifeng/warnings/registry_vulnerable.hpp"
#include "warnings_test_util.hpp"

using namespace taifeng;
using namespace taifeng::warnings;
using Catch::Matchers::Contains;
using warnings_test::square_unit;

namespace {

std::vector<AdminUnit> three_units() {
  return {square_unit("460100", 110, 18, 1, 1000), square_unit("460200", 111, 18, 1, 500),
          square_unit("460300", 112, 18, 1, 20)};
}

std::filesystem::path write(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::path(TAIFENG_TEST_TMP) / "vulnerable";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

}  // namespace

TEST_CASE("vulnerable groups: values, unknown units and sources", "[warnings][registry]") {
  auto units = three_units();
  const auto sources =
      join_vulnerable_csv(write("v.csv",
                                "# estimate\nadcode,aged_65_plus,source\n460100,104,census share\n"
                                "460300,20,survey\n460200,0,census share\n"),
                          units);
  CHECK(units[0].vulnerable == 104);
  CHECK(units[1].vulnerable == 0);
  CHECK(units[2].vulnerable == 20);  // everyone: allowed
  CHECK(sources == std::vector<std::string>{"census share", "survey"});

  auto partial = three_units();
  CHECK(join_vulnerable_csv(write("p.csv", "adcode,aged_65_plus\n460200,77\n"), partial).empty());
  CHECK(partial[0].vulnerable == -1);  // no row: unknown
  CHECK(partial[1].vulnerable == 77);
  CHECK(partial[2].vulnerable == -1);
}

TEST_CASE("vulnerable groups: bad lines name file and line", "[warnings][registry]") {
  auto units = three_units();
  const std::string h = "adcode,aged_65_plus\n";
  CHECK_THROWS_WITH(join_vulnerable_csv(write("u.csv", h + "469999,5\n"), units),
                    Contains("u.csv:2") && Contains("469999"));
  CHECK_THROWS_WITH(join_vulnerable_csv(write("d.csv", h + "460100,5\n460100,6\n"), units),
                    Contains("d.csv:3") && Contains("twice"));
  CHECK_THROWS_WITH(join_vulnerable_csv(write("m.csv", h + "460200,501\n"), units),
                    Contains("m.csv:2") && Contains("aged_65_plus '501'"));
  CHECK_THROWS_WITH(join_vulnerable_csv(write("n.csv", h + "460200,-1\n"), units),
                    Contains("n.csv:2") && Contains("aged_65_plus"));
  CHECK_THROWS_WITH(join_vulnerable_csv(write("f.csv", h + "460200,10.5\n"), units),
                    Contains("f.csv:2") && Contains("whole number"));
  CHECK_THROWS_WITH(join_vulnerable_csv(write("c.csv", h + "460200,10,extra\n"), units),
                    Contains("c.csv:2") && Contains("3 fields"));
  CHECK_THROWS_WITH(join_vulnerable_csv(write("h.csv", "code,old\n460200,10\n"), units),
                    Contains("h.csv:1") && Contains("adcode,aged_65_plus"));
}
