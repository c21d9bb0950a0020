// The whole registry written by write_registry_gpkg and read back by read_registry
// (warnings/registry_read.hpp): every unit, population point, shelter, enterprise, facility
// and metadata item comes back exactly; absent layers read as empty; a unit_code that names
// no unit is an input error naming source, layer and feature; read_registry_units keeps the
// county rows only.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include <gdal.h>

#include "taifeng/core/error.hpp"
#include "taifeng/warnings/registry_gpkg.hpp"
#include "taifeng/warnings/registry_read.hpp"
#include "warnings_test_util.hpp"

using namespace taifeng;
using namespace taifeng::warnings;
using Catch::Matchers::Contains;
using warnings_test::square_unit;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "registry_read";
  fs::create_directories(dir);
  fs::remove(dir / name);
  return dir / name;
}

// Three units: a square county with a hole and known elderly, a county of two squares (elderly
// unknown), and a township inside the first (a bureau's addition).
RegistryContent sample() {
  RegistryContent c;
  AdminUnit a = square_unit("460100", 110.0, 18.0, 0.5, 12345);
  a.name_zh = "甲市";
  a.name_en = "Alpha";
  a.vulnerable = 1234;
  a.shape[0].holes.push_back({{110.1, 18.1}, {110.1, 18.2}, {110.2, 18.2}, {110.1, 18.1}});
  AdminUnit b = square_unit("460200", 110.6, 18.0, 0.3, 678);
  b.name_zh = "乙县";
  b.name_en = "Beta";
  b.shape.push_back(square_unit("x", 111.0, 18.4, 0.1, 0).shape[0]);
  b.center = {110.75, 18.15};
  AdminUnit t = square_unit("460100001", 110.3, 18.3, 0.1, 500);
  t.level = "township";
  t.vulnerable = 0;
  c.units = {a, b, t};
  // A 0.25-deg grid over 110-111.25E, 18-18.5N; people on a few points, the rest zero.
  c.population.grid = Grid::from_box(110.0, 111.25, 18.0, 18.5, 0.25);
  const std::size_t n = c.population.grid.size();
  c.population.people.assign(n, 0);
  c.population.unit.assign(n, -1);
  const Grid& g = c.population.grid;
  auto put = [&](std::size_t i, std::size_t j, std::int64_t people, int unit) {
    c.population.people[g.index(i, j)] = people;
    c.population.unit[g.index(i, j)] = unit;
  };
  put(0, 0, 10000, 0);
  put(1, 1, 2345, 0);
  put(3, 0, 600, 1);
  put(4, 2, 78, 1);
  put(2, 2, 0, 0);  // an empty point inside a unit: not stored
  c.shelters = {{"S460100-1", "甲避难所", "Alpha shelter", {110.25, 18.25}, 900, "460100"},
                {"S460200-1", "乙避难所", "Beta shelter", {110.7, 18.1}, 70, "460200"}};
  c.enterprises = {{"E460200-1", "Works", {110.8, 18.2}, 120, true, "460200"}};
  c.facilities = {
      {"F460100-1", "甲医院", "Alpha hospital", "hospital", {110.3, 18.4}, "460100"},
      {"F460200-1", "乙港口", "Beta port", "port", {111.05, 18.45}, "460200"},
      {"F460100-2", "甲水厂", "Alpha water works", "water_works", {110.4, 18.1}, "460100"}};
  c.metadata = {{"SOURCE", "test"}, {"METHOD", "hand-made, 中文"}};
  return c;
}

void check_units_equal(const std::vector<AdminUnit>& got, const std::vector<AdminUnit>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < want.size(); ++k) {
    const AdminUnit &g = got[k], &w = want[k];
    CHECK(g.code == w.code);
    CHECK(g.name_zh == w.name_zh);
    CHECK(g.name_en == w.name_en);
    CHECK(g.level == w.level);
    CHECK(g.population == w.population);
    CHECK(g.vulnerable == w.vulnerable);
    CHECK(g.center.lon == w.center.lon);
    CHECK(g.center.lat == w.center.lat);
    REQUIRE(g.shape.size() == w.shape.size());
    for (std::size_t p = 0; p < w.shape.size(); ++p) {
      REQUIRE(g.shape[p].outer.size() == w.shape[p].outer.size());
      for (std::size_t v = 0; v < w.shape[p].outer.size(); ++v) {
        CHECK(g.shape[p].outer[v].lon == w.shape[p].outer[v].lon);
        CHECK(g.shape[p].outer[v].lat == w.shape[p].outer[v].lat);
      }
      REQUIRE(g.shape[p].holes.size() == w.shape[p].holes.size());
      for (std::size_t h = 0; h < w.shape[p].holes.size(); ++h) {
        REQUIRE(g.shape[p].holes[h].size() == w.shape[p].holes[h].size());
        for (std::size_t v = 0; v < w.shape[p].holes[h].size(); ++v) {
          CHECK(g.shape[p].holes[h][v].lon == w.shape[p].holes[h][v].lon);
          CHECK(g.shape[p].holes[h][v].lat == w.shape[p].holes[h][v].lat);
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("registry read: a written GeoPackage reads back exactly", "[warnings][registry]") {
  const RegistryContent c = sample();
  const fs::path file = scratch("full.gpkg");
  write_registry_gpkg(file, c);
  const Registry r = read_registry(file.string());

  check_units_equal(r.units, c.units);

  // The population points: exactly the non-zero grid points, row by row.
  const Grid& g = c.population.grid;
  std::vector<PopulationPoint> want;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      const std::size_t k = g.index(i, j);
      if (c.population.people[k] != 0)
        want.push_back({{g.lon(i), g.lat(j)},
                        c.population.people[k],
                        c.population.unit[k],
                        g.cell_area_km2(j)});
    }
  REQUIRE(want.size() == 4);
  REQUIRE(r.population.size() == want.size());
  std::int64_t total = 0;
  for (std::size_t k = 0; k < want.size(); ++k) {
    CHECK(r.population[k].pos.lon == want[k].pos.lon);
    CHECK(r.population[k].pos.lat == want[k].pos.lat);
    CHECK(r.population[k].people == want[k].people);
    CHECK(r.population[k].unit == want[k].unit);
    CHECK(r.population[k].cell_km2 == want[k].cell_km2);
    total += r.population[k].people;
  }
  CHECK(total == 10000 + 2345 + 600 + 78);

  REQUIRE(r.shelters.size() == 2);
  for (std::size_t k = 0; k < 2; ++k) {
    const Shelter &s = r.shelters[k], &w = c.shelters[k];
    CHECK((s.id == w.id && s.name_zh == w.name_zh && s.name_en == w.name_en));
    CHECK((s.pos.lon == w.pos.lon && s.pos.lat == w.pos.lat));
    CHECK((s.capacity == w.capacity && s.unit_code == w.unit_code));
  }
  REQUIRE(r.enterprises.size() == 1);
  const Enterprise& e = r.enterprises[0];
  CHECK((e.id == "E460200-1" && e.name == "Works" && e.employees == 120 && e.hazmat));
  CHECK((e.pos.lon == 110.8 && e.pos.lat == 18.2 && e.unit_code == "460200"));
  REQUIRE(r.facilities.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) {
    const Facility &f = r.facilities[k], &w = c.facilities[k];
    CHECK((f.id == w.id && f.name_zh == w.name_zh && f.name_en == w.name_en));
    CHECK((f.kind == w.kind && f.unit_code == w.unit_code));
    CHECK((f.pos.lon == w.pos.lon && f.pos.lat == w.pos.lat));
  }
  CHECK(r.metadata == c.metadata);
  CHECK(read_registry_metadata(file.string()) == c.metadata);

  // The forecast cycle's reader: the two counties, in order, without the township.
  const auto counties = read_registry_units(file.string());
  check_units_equal(counties, {c.units[0], c.units[1]});

  // inspect lists the five spatial layers, not the metadata table.
  const auto layers = inspect_registry(file.string());
  std::map<std::string, long long> features;
  for (const auto& l : layers) features[l.name] = l.features;
  CHECK(features == std::map<std::string, long long>{{"admin_units", 3},
                                                     {"population_grid", 4},
                                                     {"shelters", 2},
                                                     {"enterprises", 1},
                                                     {"critical_facilities", 3}});
}

TEST_CASE("registry read: absent optional layers read as empty", "[warnings][registry]") {
  RegistryContent c = sample();
  c.shelters.clear();
  c.enterprises.clear();
  c.facilities.clear();
  c.units[0].vulnerable = -1;
  const fs::path file = scratch("bare.gpkg");
  write_registry_gpkg(file, c);
  const Registry r = read_registry(file.string());
  CHECK(r.units.size() == 3);
  CHECK(r.units[0].vulnerable == -1);  // NULL aged_65_plus: unknown
  CHECK(r.population.size() == 4);
  CHECK(r.shelters.empty());
  CHECK(r.enterprises.empty());
  CHECK(r.facilities.empty());
}

TEST_CASE("registry read: bad references and sources are input errors naming them",
          "[warnings][registry]") {
  SECTION("a shelter whose unit_code names no unit") {
    RegistryContent c = sample();
    c.shelters[1].unit_code = "469999";
    const fs::path file = scratch("bad_shelter.gpkg");
    write_registry_gpkg(file, c);
    try {
      read_registry(file.string());
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Contains("bad_shelter.gpkg") && Contains("layer 'shelters'") &&
                               Contains("feature 2") && Contains("469999"));
    }
  }
  SECTION("a population point whose unit_code names no unit") {
    const fs::path file = scratch("bad_grid.gpkg");
    write_registry_gpkg(file, sample());
    GDALAllRegister();
    GDALDatasetH ds =
        GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    GDALDatasetExecuteSQL(ds, "UPDATE population_grid SET unit_code = '460999' WHERE fid = 3",
                          nullptr, nullptr);
    GDALClose(ds);
    CHECK_THROWS_WITH(
        read_registry(file.string()),
        Contains("bad_grid.gpkg: layer 'population_grid' feature 3") && Contains("460999"));
    // The cycle's reader does not look at the grid.
    CHECK(read_registry_units(file.string()).size() == 2);
  }
  SECTION("a file that is no registry, a missing file, an unreachable database") {
    const fs::path file = scratch("plain.gpkg");
    RegistryContent c = sample();
    write_registry_gpkg(file, c);
    GDALAllRegister();
    GDALDatasetH ds =
        GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    GDALDatasetExecuteSQL(ds, "DROP TABLE admin_units", nullptr, nullptr);
    GDALClose(ds);
    CHECK_THROWS_WITH(read_registry(file.string()),
                      Contains("plain.gpkg") && Contains("no layer 'admin_units'"));
    CHECK_THROWS_WITH(read_registry(scratch("none.gpkg").string()),
                      Contains("none.gpkg") && Contains("no such file"));
    // libpq's multi-line message comes on one line, the password hidden.
    const std::string pg = "PG:host=/nonexistent/socket dbname=x user=u password=s3cret";
    try {
      read_registry(pg);
      FAIL("expected an error");
    } catch (const Error& e) {
      const std::string what = e.what();
      CHECK(what.find('\n') == std::string::npos);
      CHECK(what.find("s3cret") == std::string::npos);
      CHECK_THAT(what, Contains("password=***") && Contains("cannot connect"));
    }
  }
}
