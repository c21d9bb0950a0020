// read_netcdf_variable / describe_netcdf on real files: the Ferret datasets shipped by
// Debian's ferret-datasets (ETOPO5 relief, COADS climatology, monthly Navy winds).
#include <netcdf.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>

#include "nc_fixture.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/forcing/gridded.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;
using Approx = Catch::Detail::Approx;

namespace {

const fs::path ferret_dir = "/usr/share/ferret-vis/data";

bool have(const char* name) {
  if (fs::exists(ferret_dir / name)) return true;
  WARN("skipped: " << (ferret_dir / name) << " not installed (Debian package ferret-datasets)");
  return false;
}

double max_value(const GriddedData& g) {
  double m = -1e300;
  for (double v : g.values)
    if (!std::isnan(v)) m = std::max(m, v);
  return m;
}

unsigned month_of(TimePoint t) {
  return unsigned(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(t)).month());
}

}  // namespace

TEST_CASE("netcdf real: ETOPO5 relief around Hainan", "[netcdf][real]") {
  if (!have("etopo5.cdf")) return;
  const fs::path file = ferret_dir / "etopo5.cdf";
  ReadRequest r;
  r.variable = "ROSE";
  // South China Sea east of Hainan, 18N 113E: deep water.
  r.box = GeoBox{112.9, 113.1, 17.9, 18.1};
  const GriddedData sea = read_netcdf_variable(file, r);
  CHECK(sea.source_variable == "ROSE");
  CHECK(sea.source_units == "meters");
  CHECK(sea.units == "m");  // surface_altitude through the alias table: SI default
  CHECK(sea.times.empty());
  CHECK(sea.levels_hpa.empty());
  REQUIRE(sea.grid.nlon == 3);
  REQUIRE(sea.grid.nlat == 3);
  CHECK(sea.grid.dlon == Approx(1.0 / 12).epsilon(1e-4));
  CHECK(sea.grid.dlat == Approx(1.0 / 12).epsilon(1e-6));
  CHECK(sea.n_missing == 0);
  const auto c = sea.grid.nearest(113.0, 18.0);
  REQUIRE(c);
  CHECK(sea.at(0, 0, c->first, c->second) < -1000.0);  // measured -2266 m
  CHECK(max_value(sea) < -1000.0);

  // Central Hainan (Wuzhi Shan area): a 0.25° box around 18.9N 109.6E rises above 500 m.
  r.box = GeoBox{109.475, 109.725, 18.775, 19.025};
  const GriddedData land = read_netcdf_variable(file, r);
  CHECK(land.grid.nlon * land.grid.nlat == 9);
  CHECK(max_value(land) > 500.0);  // measured 914 m

  // "surface_altitude" finds ROSE through the alias table, too.
  r.variable = "surface_altitude";
  CHECK(read_netcdf_variable(file, r).source_variable == "ROSE");
}

TEST_CASE("netcdf real: ETOPO5 box across the 0/360 seam", "[netcdf][real]") {
  if (!have("etopo5.cdf")) return;
  const fs::path file = ferret_dir / "etopo5.cdf";
  ReadRequest r;
  r.variable = "ROSE";
  r.box = GeoBox{-1, 1, 50, 51};
  const GriddedData both = read_netcdf_variable(file, r);
  // 360 is 0 again: the west side stops short of it. ETOPO5's longitudes are 0 ..
  // 359.92 in 4320 steps, so the step across the seam (0.08) is a little short.
  r.box = GeoBox{359, 359.99, 50, 51};
  const GriddedData west = read_netcdf_variable(file, r);
  r.box = GeoBox{0, 1, 50, 51};
  const GriddedData east = read_netcdf_variable(file, r);
  REQUIRE(both.grid.nlon == west.grid.nlon + east.grid.nlon);
  CHECK(both.grid.lon0 == Approx(west.grid.lon0 - 360.0));
  CHECK(both.grid.lon0 < 0);
  CHECK(both.grid.lon_max() == Approx(east.grid.lon_max()));
  for (std::size_t j = 0; j < both.grid.nlat; ++j)
    for (std::size_t i = 0; i < both.grid.nlon; ++i) {
      const double expected =
          i < west.grid.nlon ? west.at(0, 0, i, j) : east.at(0, 0, i - west.grid.nlon, j);
      CHECK(both.at(0, 0, i, j) == expected);
    }
}

TEST_CASE("netcdf real: COADS SST in August near 18N 112E", "[netcdf][real]") {
  if (!have("coads_climatology.cdf")) return;
  const fs::path file = ferret_dir / "coads_climatology.cdf";
  ReadRequest r;
  r.variable = "sea_surface_temperature";  // SST via the alias table
  r.box = GeoBox{110.5, 113.5, 16.5, 19.5};
  const GriddedData k = read_netcdf_variable(file, r);
  CHECK(k.source_variable == "SST");
  CHECK(k.source_units == "Deg C");
  CHECK(k.units == "K");
  REQUIRE(k.times.size() == 12);
  CHECK(month_of(k.times[7]) == 8);  // "hour since 0000-01-01": index 7 is mid-August
  CHECK(month_of(k.times[0]) == 1);
  REQUIRE(k.grid.nlon == 2);  // 111, 113
  REQUIRE(k.grid.nlat == 2);  // 17, 19
  CHECK(k.grid.lon0 == Approx(111));
  CHECK(k.grid.lat0 == Approx(17));
  for (std::size_t j = 0; j < 2; ++j)
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(k.at(7, 0, i, j) > 300.15);  // measured 302.04 .. 302.25 K
      CHECK(k.at(7, 0, i, j) < 304.15);
    }

  // Only August, in degrees Celsius.
  r.variable = "SST";
  r.units = "degC";
  r.from = k.times[7];
  r.to = k.times[7];
  const GriddedData c = read_netcdf_variable(file, r);
  REQUIRE(c.times.size() == 1);
  CHECK(c.times[0] == k.times[7]);
  CHECK(c.units == "degC");
  for (std::size_t j = 0; j < 2; ++j)
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(c.at(0, 0, i, j) > 27.0);
      CHECK(c.at(0, 0, i, j) < 31.0);
      CHECK(c.at(0, 0, i, j) == Approx(k.at(7, 0, i, j) - 273.15));
    }

  // Sea-level pressure in "MB" becomes Pa.
  r.variable = "air_pressure_at_mean_sea_level";
  r.units.clear();
  const GriddedData slp = read_netcdf_variable(file, r);
  CHECK(slp.source_variable == "SLP");
  CHECK(slp.units == "Pa");
  CHECK(slp.at(0, 0, 0, 0) > 99000.0);
  CHECK(slp.at(0, 0, 0, 0) < 103000.0);
}

TEST_CASE("netcdf real: COADS describe", "[netcdf][real]") {
  if (!have("coads_climatology.cdf")) return;
  const auto info = describe_netcdf(ferret_dir / "coads_climatology.cdf");
  REQUIRE(info.size() == 7);  // SST AIRT SPEH WSPD UWND VWND SLP; no coordinate variables
  const auto& sst = info[0];
  CHECK(sst.name == "SST");
  CHECK(sst.long_name == "SEA SURFACE TEMPERATURE");
  CHECK(sst.units == "Deg C");
  CHECK(sst.dims == std::vector<std::string>{"TIME", "COADSY", "COADSX"});
  CHECK(sst.shape == std::vector<std::size_t>{12, 90, 180});
  REQUIRE(sst.lat);
  CHECK(sst.lat->first == -89);
  CHECK(sst.lat->second == 89);
  REQUIRE(sst.lon);
  CHECK(sst.lon->first == 21);
  CHECK(sst.lon->second == 379);
  REQUIRE(sst.time);
  CHECK(month_of(sst.time->first) == 1);
  CHECK(month_of(sst.time->second) == 12);
  CHECK(sst.levels_hpa.empty());
  CHECK(sst.missing > 0);  // land
  CHECK(sst.missing < 12 * 90 * 180);
}

TEST_CASE("netcdf real: Navy winds, Ferret time units and a seam-crossing box", "[netcdf][real]") {
  if (!have("monthly_navy_winds.cdf")) return;
  const fs::path file = ferret_dir / "monthly_navy_winds.cdf";
  ReadRequest r;
  r.variable = "eastward_wind";
  const GriddedData all = read_netcdf_variable(file, r);
  CHECK(all.source_variable == "UWND");
  CHECK(all.source_units == "M/S");
  CHECK(all.units == "m s-1");
  REQUIRE(all.times.size() == 132);
  // TIME:units = "hour since 1980-01-14 14:00:00"; the first value is 17598 h, the
  // second 18328.5 h.
  CHECK(format_iso_utc(all.times[0]) == "1982-01-16T20:00:00Z");
  CHECK(format_iso_utc(all.times[1]) == "1982-02-16T06:30:00Z");
  CHECK(all.grid.nlon == 144);
  CHECK(all.grid.lon0 == 20);  // native longitudes (20 .. 377.5) without a box
  CHECK(all.grid.nlat == 73);
  CHECK(all.grid.lat0 == -90);
  CHECK(all.n_missing == 0);  // the file has no -99.9 (see the injected-fill test)
  CHECK(std::all_of(all.values.begin(), all.values.end(),
                    [](double v) { return std::abs(v) < 60.0; }));

  // lon -10 .. 10 crosses the 0/360 seam: equal to the two sides read separately.
  r.box = GeoBox{-10, 10, -5, 5};
  r.from = all.times[1];
  r.to = all.times[2];
  const GriddedData both = read_netcdf_variable(file, r);
  REQUIRE(both.times.size() == 2);
  CHECK(both.times[0] == all.times[1]);
  REQUIRE(both.grid.nlon == 9);
  CHECK(both.grid.lon0 == -10);
  CHECK(both.grid.dlon == 2.5);
  CHECK(both.grid.lon_max() == 10);
  CHECK(both.grid.nlat == 5);
  r.box = GeoBox{350, 360, -5, 5};
  const GriddedData west = read_netcdf_variable(file, r);
  r.box = GeoBox{0, 10, -5, 5};
  const GriddedData east = read_netcdf_variable(file, r);
  REQUIRE(west.grid.nlon == 5);  // 350 .. 360
  REQUIRE(east.grid.nlon == 5);  // 0 .. 10 (stored as 360 .. 370)
  CHECK(east.grid.lon0 == 0);
  for (std::size_t t = 0; t < 2; ++t)
    for (std::size_t j = 0; j < 5; ++j)
      for (std::size_t i = 0; i < 9; ++i) {
        const double expected = i < 4 ? west.at(t, 0, i, j) : east.at(t, 0, i - 4, j);
        CHECK(both.at(t, 0, i, j) == expected);
      }
  // The seam box equals the same points of the full read (lon 350 is index 132).
  CHECK(both.at(0, 0, 0, 0) == all.at(1, 0, 132, 34));

  r.variable = "northward_wind";
  CHECK(read_netcdf_variable(file, r).source_variable == "VWND");
  r.units = "knots";
  const GriddedData kt = read_netcdf_variable(file, r);
  CHECK(kt.units == "knots");
}

TEST_CASE("netcdf real: Navy winds with injected -99.9 fill values", "[netcdf][real]") {
  if (!have("monthly_navy_winds.cdf")) return;
  const fs::path file = test::grid_tmp_dir() / "navy_with_fill.cdf";
  fs::copy_file(ferret_dir / "monthly_navy_winds.cdf", file, fs::copy_options::overwrite_existing);
  fs::permissions(file, fs::perms::owner_write, fs::perm_options::add);
  int ncid = -1, varid = -1;
  test::nc_ok(nc_open(file.c_str(), NC_WRITE, &ncid));
  test::nc_ok(nc_inq_varid(ncid, "UWND", &varid));
  const float fill[3] = {-99.9f, -99.9f, -99.9f};
  const std::size_t start[3] = {0, 36, 40}, count[3] = {1, 1, 3};  // equator, lon 120..125
  test::nc_ok(nc_put_vara_float(ncid, varid, start, count, fill));
  test::nc_ok(nc_close(ncid));

  ReadRequest r;
  r.variable = "UWND";
  r.box = GeoBox{110, 130, -2.5, 2.5};
  r.to = make_utc(1982, 1, 31, 0);
  const GriddedData g = read_netcdf_variable(file, r);
  REQUIRE(g.times.size() == 1);
  CHECK(g.n_missing == 3);
  CHECK(std::isnan(g.at(0, 0, 4, 1)));  // lon 120, lat 0
  CHECK(std::isnan(g.at(0, 0, 6, 1)));  // lon 125
  CHECK_FALSE(std::isnan(g.at(0, 0, 7, 1)));
  CHECK_FALSE(std::isnan(g.at(0, 0, 4, 0)));
  const auto info = describe_netcdf(file);
  REQUIRE(info.size() == 2);
  CHECK(info[0].name == "UWND");
  CHECK(info[0].missing == 3);
  CHECK(info[1].missing == 0);
}
