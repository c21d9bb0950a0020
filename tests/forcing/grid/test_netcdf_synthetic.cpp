// read_netcdf_variable / describe_netcdf on synthetic files: dimension orders, latitude
// north-to-south, packed shorts, levels in Pa, model calendars, and broken inputs.
#include <netcdf.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "nc_fixture.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/forcing/gridded.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;
using namespace taifeng::test;
using Approx = Catch::Detail::Approx;

namespace {

constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

// The message of the input error `f` throws ("no error" if none).
template <class F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    return e.what();
  }
  return "no error";
}

// T(lon, lat): lon 100..110 step 1, lat 30 down to 10 step -2; value lon*100 + lat.
// (One file per caller: CTest may run test cases in parallel.)
fs::path lon_lat_file(const std::string& name) {
  const fs::path file = grid_tmp_dir() / name;
  const auto lons = range(100, 1, 11), lats = range(30, -2, 11);
  NcVar v{"T",
          NC_FLOAT,
          {"lon", "lat"},
          {text_att("units", "K"), text_att("standard_name", "air_temperature")},
          {}};
  for (double lon : lons)
    for (double lat : lats) v.data.push_back(lon * 100 + lat);
  write_nc(file, {lon_dim(lons), lat_dim(lats)}, {v});
  return file;
}

const std::vector<double> levels_pa{100000, 85000, 70000, 50000};
double f4(double lev_hpa, double tidx, double lat, double lon) {
  return tidx * 1e6 + lev_hpa * 1e3 + lat * 10 + lon;
}

// u(lev, time, lat, lon), levels in Pa, latitude descending, 6-hourly times.
fs::path four_d_file() {
  const fs::path file = grid_tmp_dir() / "lev_time_lat_lon.nc";
  const auto lats = range(25, -2.5, 5), lons = range(105, 2.5, 7), hours = range(0, 6, 4);
  NcDim lev{"plev", levels_pa, {text_att("units", "Pa"), text_att("positive", "down")}};
  NcDim time{
      "time",
      hours,
      {text_att("units", "hours since 2024-07-01 00:00:00"), text_att("calendar", "gregorian")}};
  NcVar v{"u", NC_DOUBLE, {"plev", "time", "lat", "lon"}, {text_att("units", "m s-1")}, {}};
  for (double p : levels_pa)
    for (std::size_t t = 0; t < hours.size(); ++t)
      for (double lat : lats)
        for (double lon : lons) v.data.push_back(f4(p / 100, double(t), lat, lon));
  write_nc(file, {lev, time, lat_dim(lats), lon_dim(lons)}, {v});
  return file;
}

}  // namespace

TEST_CASE("netcdf synthetic: (lon, lat) order with latitude descending", "[netcdf]") {
  const fs::path file = lon_lat_file("lon_lat_desc_1.nc");
  ReadRequest r;
  r.variable = "air_temperature";  // by standard_name
  const GriddedData g = read_netcdf_variable(file, r);
  CHECK(g.source_variable == "T");
  CHECK(g.units == "K");
  CHECK(g.times.empty());
  CHECK(g.levels_hpa.empty());
  REQUIRE(g.grid.nlon == 11);
  REQUIRE(g.grid.nlat == 11);
  CHECK(g.grid.lat0 == 10);
  CHECK(g.grid.dlat == 2);
  CHECK(g.grid.lon0 == 100);
  CHECK(g.grid.dlon == 1);
  CHECK(g.n_missing == 0);
  for (std::size_t j = 0; j < 11; ++j)
    for (std::size_t i = 0; i < 11; ++i)
      REQUIRE(g.at(0, 0, i, j) == Approx(g.grid.lon(i) * 100 + g.grid.lat(j)));

  r.box = GeoBox{102, 105, 14, 20};
  r.units = "degC";
  const GriddedData b = read_netcdf_variable(file, r);
  REQUIRE(b.grid.nlon == 4);
  REQUIRE(b.grid.nlat == 4);
  CHECK(b.grid.lat0 == 14);
  CHECK(b.grid.lon0 == 102);
  CHECK(b.units == "degC");
  for (std::size_t j = 0; j < 4; ++j)
    for (std::size_t i = 0; i < 4; ++i)
      CHECK(b.at(0, 0, i, j) == Approx(b.grid.lon(i) * 100 + b.grid.lat(j) - 273.15));
}

TEST_CASE("netcdf synthetic: (lev, time, lat, lon), levels in Pa, time window", "[netcdf]") {
  const fs::path file = four_d_file();
  ReadRequest r;
  r.variable = "eastward_wind";  // alias "u"
  const GriddedData all = read_netcdf_variable(file, r);
  CHECK(all.source_variable == "u");
  CHECK(all.levels_hpa == std::vector<double>{1000, 850, 700, 500});
  REQUIRE(all.times.size() == 4);
  CHECK(all.times[3] == make_utc(2024, 7, 1, 18));
  CHECK(all.grid.lat0 == 15);
  CHECK(all.grid.nlat == 5);
  CHECK(all.values.size() == 4 * 4 * 5 * 7);
  for (std::size_t t = 0; t < 4; ++t)
    for (std::size_t k = 0; k < 4; ++k)
      for (std::size_t j = 0; j < 5; ++j)
        for (std::size_t i = 0; i < 7; ++i)
          REQUIRE(all.at(t, k, i, j) ==
                  f4(all.levels_hpa[k], double(t), all.grid.lat(j), all.grid.lon(i)));

  // Two levels in the order asked, two times, a box.
  r.levels_hpa = {500, 1000};
  r.from = make_utc(2024, 7, 1, 6);
  r.to = make_utc(2024, 7, 1, 12);
  r.box = GeoBox{110, 115, 17.5, 22.5};
  const GriddedData s = read_netcdf_variable(file, r);
  CHECK(s.levels_hpa == std::vector<double>{500, 1000});
  REQUIRE(s.times == std::vector<TimePoint>{make_utc(2024, 7, 1, 6), make_utc(2024, 7, 1, 12)});
  REQUIRE(s.grid.nlon == 3);
  REQUIRE(s.grid.nlat == 3);
  CHECK(s.grid.lon0 == 110);
  CHECK(s.grid.lat0 == 17.5);
  for (std::size_t t = 0; t < 2; ++t)
    for (std::size_t k = 0; k < 2; ++k)
      for (std::size_t j = 0; j < 3; ++j)
        for (std::size_t i = 0; i < 3; ++i)
          CHECK(s.at(t, k, i, j) ==
                f4(s.levels_hpa[k], double(t + 1), s.grid.lat(j), s.grid.lon(i)));

  // Errors name the file, the variable and what exists.
  r.levels_hpa = {925};
  const std::string no_level = input_error([&] { read_netcdf_variable(file, r); });
  CHECK_THAT(no_level, Catch::Contains(file.string()) && Catch::Contains("variable 'u'") &&
                           Catch::Contains("no level 925 hPa") &&
                           Catch::Contains("levels: 1000, 850, 700, 500 hPa"));
  r.levels_hpa.clear();
  r.from = make_utc(2024, 7, 2, 0);
  r.to = make_utc(2024, 7, 3, 0);
  CHECK_THAT(
      input_error([&] { read_netcdf_variable(file, r); }),
      Catch::Contains("no time in the window 2024-07-02T00:00:00Z .. 2024-07-03T00:00:00Z") &&
          Catch::Contains("2024-07-01T00:00:00Z .. 2024-07-01T18:00:00Z"));
  r.from.reset();
  r.to.reset();
  r.box = GeoBox{200, 210, 17.5, 22.5};
  CHECK_THAT(input_error([&] { read_netcdf_variable(file, r); }),
             Catch::Contains("variable 'u'") && Catch::Contains("contains no grid point") &&
                 Catch::Contains("data: lon 105..120, lat 15..25"));

  // describe: the data variable only, with levels in hPa and the time range.
  const auto info = describe_netcdf(file);
  REQUIRE(info.size() == 1);
  CHECK(info[0].name == "u");
  CHECK(info[0].dims == std::vector<std::string>{"plev", "time", "lat", "lon"});
  CHECK(info[0].shape == std::vector<std::size_t>{4, 4, 5, 7});
  CHECK(info[0].levels_hpa == std::vector<double>{1000, 850, 700, 500});
  REQUIRE(info[0].lat);
  CHECK(*info[0].lat == std::pair<double, double>{15, 25});
  REQUIRE(info[0].time);
  CHECK(info[0].time->first == make_utc(2024, 7, 1, 0));
  CHECK(info[0].time->second == make_utc(2024, 7, 1, 18));
  CHECK(info[0].missing == 0);
}

TEST_CASE("netcdf synthetic: packed shorts with scale_factor, add_offset and fills", "[netcdf]") {
  const fs::path file = grid_tmp_dir() / "packed.nc";
  const auto lats = range(10, 1, 3), lons = range(-180, 90, 4);  // -180 -90 0 90
  NcVar v{"prmsl",
          NC_SHORT,
          {"lat", "lon"},
          {num_att("scale_factor", 0.5, NC_FLOAT), num_att("add_offset", 100000, NC_DOUBLE),
           num_att("_FillValue", -32767, NC_SHORT), num_att("missing_value", -32000, NC_SHORT),
           text_att("units", "Pa")},
          {}};
  // Packed p = (value - 100000) / 0.5.
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 4; ++i) v.data.push_back((1000.0 * j + 10.0 * i + 0.5) / 0.5);
  v.data[1] = -32767;                                               // _FillValue
  v.data[6] = -32000;                                               // missing_value
  write_nc(file, {lat_dim(lats), lon_dim(lons)}, {v}, NC_CLOBBER);  // classic format
  ReadRequest r;
  r.variable = "air_pressure_at_mean_sea_level";  // alias PRMSL, case-insensitive
  r.units = "hPa";
  const GriddedData g = read_netcdf_variable(file, r);
  CHECK(g.source_variable == "prmsl");
  CHECK(g.units == "hPa");
  CHECK(g.n_missing == 2);
  CHECK(std::isnan(g.at(0, 0, 1, 0)));
  CHECK(std::isnan(g.at(0, 0, 2, 1)));
  CHECK(g.at(0, 0, 0, 0) == Approx(1000.005));
  CHECK(g.at(0, 0, 3, 2) == Approx((100000 + 2030.5) / 100));
  r.units.clear();
  CHECK(read_netcdf_variable(file, r).at(0, 0, 3, 2) == Approx(102030.5));  // SI: Pa
  const auto info = describe_netcdf(file);
  REQUIRE(info.size() == 1);
  CHECK(info[0].missing == 2);
  CHECK(*info[0].lon == std::pair<double, double>{-180, 90});
}

TEST_CASE("netcdf synthetic: box across the antimeridian on a -180..180 grid", "[netcdf]") {
  const fs::path file = grid_tmp_dir() / "global_m180.nc";
  const auto lats = range(-10, 5, 5), lons = range(-180, 2.5, 144);
  NcVar v{"sst", NC_FLOAT, {"latitude", "longitude"}, {text_att("units", "degC")}, {}};
  for (double lat : lats)
    for (double lon : lons) v.data.push_back(lon + lat / 100);
  v.data[1] = qnan;  // NaN counts as missing too
  write_nc(file, {lat_dim(lats, "latitude"), lon_dim(lons, "longitude")}, {v});
  ReadRequest r;
  r.variable = "sst";
  r.units = "degC";
  r.box = GeoBox{170, -170, -10, 10};
  const GriddedData g = read_netcdf_variable(file, r);
  REQUIRE(g.grid.nlon == 9);
  CHECK(g.grid.lon0 == 170);
  CHECK(g.grid.lon_max() == 190);
  CHECK(g.n_missing == 1);
  for (std::size_t j = 0; j < g.grid.nlat; ++j)
    for (std::size_t i = 0; i < g.grid.nlon; ++i) {
      const double lon = g.grid.lon(i) >= 180 ? g.grid.lon(i) - 360 : g.grid.lon(i);
      if (j == 0 && i == 5) {
        CHECK(std::isnan(g.at(0, 0, i, j)));  // file lon -177.5, lat -10
        continue;
      }
      CHECK(g.at(0, 0, i, j) == Approx(lon + g.grid.lat(j) / 100));
    }
  // The same box written 0..360 style.
  r.box = GeoBox{170, 190, -10, 10};
  CHECK(read_netcdf_variable(file, r).grid == g.grid);
  // Whole-globe box from 0: continuous 0 .. 357.5.
  r.box = GeoBox{0, 360, -10, 10};
  const GriddedData w = read_netcdf_variable(file, r);
  CHECK(w.grid.nlon == 144);
  CHECK(w.grid.lon0 == 0);
  CHECK(w.grid.lon_max() == 357.5);
  CHECK(w.at(0, 0, 143, 0) == Approx(-2.5 - 0.1));
}

TEST_CASE("netcdf synthetic: 360_day and noleap calendars", "[netcdf]") {
  const auto lats = range(0, 1, 2), lons = range(0, 1, 2);
  auto make = [&](const std::string& name, const std::string& calendar, std::vector<double> days) {
    const fs::path file = grid_tmp_dir() / name;
    NcDim time{"time",
               days,
               {text_att("units", "days since 2001-01-01 06:00"), text_att("calendar", calendar)}};
    NcVar v{"tas",
            NC_FLOAT,
            {"time", "lat", "lon"},
            {text_att("units", "K")},
            std::vector<double>(days.size() * 4, 290.0)};
    write_nc(file, {time, lat_dim(lats), lon_dim(lons)}, {v});
    return file;
  };
  ReadRequest r;
  r.variable = "tas";
  // 360_day: day 30 = Feb 1, day 59 = Feb 30 (clamped to Feb 28), day 60 = Mar 1.
  const GriddedData d360 =
      read_netcdf_variable(make("cal360.nc", "360_day", {0, 30, 59, 60, 360}), r);
  CHECK(d360.times == std::vector<TimePoint>{make_utc(2001, 1, 1, 6), make_utc(2001, 2, 1, 6),
                                             make_utc(2001, 2, 28, 6), make_utc(2001, 3, 1, 6),
                                             make_utc(2002, 1, 1, 6)});
  // noleap: 365 days a year, no Feb 29 even in 2004.
  const GriddedData d365 =
      read_netcdf_variable(make("cal365.nc", "noleap", {58, 59, 365 * 3 + 59}), r);
  CHECK(d365.times == std::vector<TimePoint>{make_utc(2001, 2, 28, 6), make_utc(2001, 3, 1, 6),
                                             make_utc(2004, 3, 1, 6)});
  const fs::path bad = make("cal_bad.nc", "mayan", {0});
  CHECK_THAT(input_error([&] { read_netcdf_variable(bad, r); }),
             Catch::Contains(bad.string()) && Catch::Contains("time coordinate 'time'") &&
                 Catch::Contains("unknown calendar 'mayan'"));
}

TEST_CASE("netcdf synthetic: broken inputs are input errors with clear messages", "[netcdf]") {
  ReadRequest r;
  r.variable = "u";

  SECTION("missing file") {
    const fs::path file = grid_tmp_dir() / "does_not_exist.nc";
    CHECK_THAT(input_error([&] { read_netcdf_variable(file, r); }),
               Catch::Contains(file.string()) && Catch::Contains("file not found"));
    CHECK_THAT(input_error([&] { describe_netcdf(file); }), Catch::Contains("file not found"));
  }
  SECTION("text file") {
    const fs::path file = grid_tmp_dir() / "not_netcdf.nc";
    std::ofstream(file) << "lat,lon,u\n18,110,3.5\n";
    CHECK_THAT(input_error([&] { read_netcdf_variable(file, r); }),
               Catch::Contains(file.string()) && Catch::Contains("not a NetCDF file"));
    CHECK_THAT(input_error([&] { describe_netcdf(file); }), Catch::Contains("not a NetCDF file"));
  }
  SECTION("truncated NetCDF (classic and NetCDF-4)") {
    for (int mode : {NC_CLOBBER, NC_CLOBBER | NC_NETCDF4}) {
      const fs::path file = grid_tmp_dir() / "truncated.nc";
      const auto lats = range(0, 0.5, 101), lons = range(100, 0.5, 101);
      NcVar v{"u",
              NC_FLOAT,
              {"lat", "lon"},
              {text_att("units", "m s-1")},
              std::vector<double>(101 * 101, 5.0)};
      write_nc(file, {lat_dim(lats), lon_dim(lons)}, {v}, mode);
      fs::resize_file(file, fs::file_size(file) / 2);
      const std::string m = input_error([&] { read_netcdf_variable(file, r); });
      INFO("mode " << mode);
      CHECK_THAT(m, Catch::Contains(file.string()) && Catch::Contains("truncated"));
      CHECK_THAT(input_error([&] { describe_netcdf(file); }),
                 Catch::Contains(file.string()) && !Catch::Contains("no error"));
    }
  }
  SECTION("wrong variable name lists what exists") {
    const fs::path file = lon_lat_file("lon_lat_desc_2.nc");
    r.variable = "northward_wind";
    CHECK_THAT(input_error([&] { read_netcdf_variable(file, r); }),
               Catch::Contains(file.string()) &&
                   Catch::Contains("variable 'northward_wind' not found (available: T)") &&
                   Catch::Contains("aliases v, VGRD, VWND"));
    r.variable = "wind_of_change";
    CHECK_THAT(input_error([&] { read_netcdf_variable(file, r); }),
               Catch::Contains("available: T") && Catch::Contains("not a known quantity"));
  }
  SECTION("all-NaN / all-fill field") {
    const fs::path file = grid_tmp_dir() / "all_nan.nc";
    const auto lats = range(0, 1, 3), lons = range(100, 1, 3);
    NcVar v{"u",
            NC_FLOAT,
            {"lat", "lon"},
            {text_att("units", "m s-1"), num_att("_FillValue", -999, NC_FLOAT)},
            {qnan, -999, qnan, qnan, -999, -999, qnan, qnan, 7.0}};
    write_nc(file, {lat_dim(lats), lon_dim(lons)}, {v});
    r.box = GeoBox{100, 101, 0, 1};  // everything but the one valid value
    CHECK_THAT(input_error([&] { read_netcdf_variable(file, r); }),
               Catch::Contains(file.string()) && Catch::Contains("variable 'u'") &&
                   Catch::Contains("no valid value"));
    r.box.reset();
    const GriddedData g = read_netcdf_variable(file, r);
    CHECK(g.n_missing == 8);
    CHECK(g.at(0, 0, 2, 2) == 7.0);
  }
  SECTION("no lat/lon, unknown units") {
    const fs::path file = grid_tmp_dir() / "no_latlon.nc";
    NcDim x{"x", range(0, 1000, 3), {text_att("units", "m")}};
    NcDim y{"y", range(0, 1000, 3), {text_att("units", "m")}};
    NcVar v{"u", NC_FLOAT, {"y", "x"}, {text_att("units", "m s-1")}, std::vector<double>(9, 1.0)};
    write_nc(file, {y, x}, {v});
    CHECK_THAT(input_error([&] { read_netcdf_variable(file, r); }),
               Catch::Contains("variable 'u'") && Catch::Contains("no latitude/longitude") &&
                   Catch::Contains("dimensions: y, x"));

    const fs::path file2 = grid_tmp_dir() / "bad_units.nc";
    NcVar w{
        "u", NC_FLOAT, {"lat", "lon"}, {text_att("units", "bananas")}, std::vector<double>(4, 1.0)};
    write_nc(file2, {lat_dim(range(0, 1, 2)), lon_dim(range(0, 1, 2))}, {w});
    CHECK_THAT(input_error([&] { read_netcdf_variable(file2, r); }),
               Catch::Contains(file2.string()) && Catch::Contains("variable 'u'") &&
                   Catch::Contains("unknown units 'bananas'"));
    r.units = "K";
    CHECK_THAT(
        input_error([&] {
          read_netcdf_variable(lon_lat_file("lon_lat_desc_3.nc"),
                               ReadRequest{"T", {}, {}, {}, {}, "m s-1"});
        }),
        Catch::Contains("variable 'T'") && Catch::Contains("'K' cannot be converted to 'm s-1'"));
  }
}

TEST_CASE("netcdf synthetic: ERA5-style geopotential, levels in millibars", "[netcdf]") {
  const fs::path file = grid_tmp_dir() / "era5_z.nc";
  const auto lats = range(20, -0.25, 3), lons = range(110, 0.25, 3);
  NcDim lev{"pressure_level", {500}, {text_att("units", "millibars")}};
  NcVar z{"z",
          NC_FLOAT,
          {"pressure_level", "latitude", "longitude"},
          {text_att("units", "m**2 s**-2"), text_att("standard_name", "geopotential")},
          std::vector<double>(9, 5880 * 9.80665)};
  write_nc(file, {lev, lat_dim(lats, "latitude"), lon_dim(lons, "longitude")}, {z});
  ReadRequest r;
  r.variable = "geopotential_height";  // no such variable: z / g0
  const GriddedData h = read_netcdf_variable(file, r);
  CHECK(h.source_variable == "z");
  CHECK(h.units == "m");
  CHECK(h.levels_hpa == std::vector<double>{500});
  CHECK(h.at(0, 0, 1, 1) == Approx(5880).epsilon(1e-6));
  r.variable = "z";
  const GriddedData g = read_netcdf_variable(file, r);
  CHECK(g.units == "m2 s-2");
  CHECK(g.at(0, 0, 0, 0) == Approx(5880 * 9.80665).epsilon(1e-6));
  const auto info = describe_netcdf(file);
  REQUIRE(info.size() == 1);
  CHECK(info[0].levels_hpa == std::vector<double>{500});
}

TEST_CASE("netcdf synthetic: scalar time named in 'coordinates'", "[netcdf]") {
  const fs::path file = grid_tmp_dir() / "scalar_time.nc";
  {
    int ncid = -1, dlat = -1, dlon = -1, vlat = -1, vlon = -1, vt = -1, vv = -1;
    nc_ok(nc_create(file.c_str(), NC_CLOBBER, &ncid));
    nc_ok(nc_def_dim(ncid, "lat", 2, &dlat));
    nc_ok(nc_def_dim(ncid, "lon", 2, &dlon));
    nc_ok(nc_def_var(ncid, "lat", NC_DOUBLE, 1, &dlat, &vlat));
    nc_ok(nc_def_var(ncid, "lon", NC_DOUBLE, 1, &dlon, &vlon));
    nc_ok(nc_def_var(ncid, "time", NC_DOUBLE, 0, nullptr, &vt));
    put_att(ncid, vt, text_att("units", "hours since 2024-07-01"));
    const int dims[2] = {dlat, dlon};
    nc_ok(nc_def_var(ncid, "msl", NC_DOUBLE, 2, dims, &vv));
    put_att(ncid, vv, text_att("units", "hPa"));
    put_att(ncid, vv, text_att("coordinates", "time"));
    nc_ok(nc_enddef(ncid));
    const double lat[2] = {18, 19}, lon[2] = {110, 111}, t = 6, p[4] = {1000, 1001, 1002, 1003};
    nc_ok(nc_put_var_double(ncid, vlat, lat));
    nc_ok(nc_put_var_double(ncid, vlon, lon));
    nc_ok(nc_put_var_double(ncid, vt, &t));
    nc_ok(nc_put_var_double(ncid, vv, p));
    nc_ok(nc_close(ncid));
  }
  ReadRequest r;
  r.variable = "air_pressure_at_mean_sea_level";
  const GriddedData g = read_netcdf_variable(file, r);
  CHECK(g.source_variable == "msl");
  CHECK(g.times == std::vector<TimePoint>{make_utc(2024, 7, 1, 6)});
  CHECK(g.units == "Pa");
  CHECK(g.at(0, 0, 1, 1) == Approx(100300));
  r.from = make_utc(2024, 7, 2, 0);
  CHECK_THAT(input_error([&] { read_netcdf_variable(file, r); }),
             Catch::Contains("only time 2024-07-01T06:00:00Z is outside the window"));
  const auto info = describe_netcdf(file);
  REQUIRE(info.size() == 1);  // "time" is a coordinate, not data
  REQUIRE(info[0].time);
  CHECK(info[0].time->first == make_utc(2024, 7, 1, 6));
}
