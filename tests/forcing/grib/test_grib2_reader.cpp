// Tests of the GRIB2 reader (forcing/src/grib/grib2_reader.cpp). Every GRIB file is
// generated here with the ecCodes API from the Debian samples (no binary fixtures):
// u and v at 850 and 500 hPa and msl, two validity times, a 1° grid 10°S..40°N x
// 0..359°E stored north to south (jScansPositively = 0), values an analytic function
// of (lat, lon, level, time). Packing is simple packing with 24 bits per value, so a
// value is exact to range / 2^24: < 3e-6 m s-1 for the winds (range < 40) and < 5e-4 Pa
// for msl (range < 6000 Pa). The tolerances below are 1e-4 m s-1 and 1e-2 Pa.
#include <eccodes.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/gridded.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;
using Catch::Matchers::Contains;

namespace {

constexpr double wind_tol = 1e-4;  // m s-1
constexpr double msl_tol = 1e-2;   // Pa
constexpr double deg = std::numbers::pi / 180.0;
constexpr double grib_missing = 9999.0;  // ecCodes' default missingValue

fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "grib2_reader";
  fs::create_directories(dir);
  return dir;
}

// Analytic fields; hours since 2024-09-15T00Z.
double u_value(double lat, double lon, double level, double hours) {
  return 10.0 * std::cos(lon * deg) + 0.2 * lat + 0.01 * level + 0.5 * hours;
}
double v_value(double lat, double lon, double level, double hours) {
  return -5.0 * std::sin(lon * deg) + 0.1 * lat - 0.02 * level + 0.25 * hours;
}
// msl is missing (bitmap) north of 35.5°N.
bool msl_missing(double lat) {
  return lat > 35.5;
}
double msl_value(double lat, double lon, double hours) {
  return 100000.0 + 100.0 * lat + 5.0 * std::cos(lon * deg) + 10.0 * hours;
}

struct FieldSpec {
  std::string sample = "regular_ll_pl_grib2";
  std::string short_name = "u";
  std::string type_of_level = "isobaricInhPa";
  long level = 850;
  long date = 20240915, time = 0, step = 0;
  long ni = 360, nj = 51;
  double lat_first = 40, lat_last = -10, lon_first = 0, lon_last = 359, di = 1, dj = 1;
  bool j_positive = false;
  long parameter_number = -1;  // >= 0: override parameterNumber after shortName
  std::function<double(double lat, double lon)> value;  // NaN: missing (bitmap)
};

struct HandleDeleter {
  void operator()(codes_handle* h) const { codes_handle_delete(h); }
};
using Handle = std::unique_ptr<codes_handle, HandleDeleter>;

void set_string(codes_handle* h, const char* key, const std::string& value) {
  std::size_t len = value.size();
  REQUIRE(codes_set_string(h, key, value.c_str(), &len) == 0);
}
void set_long(codes_handle* h, const char* key, long value) {
  REQUIRE(codes_set_long(h, key, value) == 0);
}
void set_double(codes_handle* h, const char* key, double value) {
  REQUIRE(codes_set_double(h, key, value) == 0);
}

void append_message(const fs::path& file, codes_handle* h) {
  const void* msg = nullptr;
  std::size_t size = 0;
  REQUIRE(codes_get_message(h, &msg, &size) == 0);
  std::ofstream out(file, std::ios::binary | std::ios::app);
  out.write(static_cast<const char*>(msg), std::streamsize(size));
  REQUIRE(out.good());
}

void append_field(const fs::path& file, const FieldSpec& s) {
  Handle h(codes_grib_handle_new_from_samples(nullptr, s.sample.c_str()));
  REQUIRE(h);
  codes_handle* g = h.get();
  set_string(g, "typeOfLevel", s.type_of_level);
  set_string(g, "shortName", s.short_name);
  if (s.parameter_number >= 0) set_long(g, "parameterNumber", s.parameter_number);
  set_long(g, "level", s.level);
  set_long(g, "dataDate", s.date);
  set_long(g, "dataTime", s.time);
  set_long(g, "forecastTime", s.step);
  set_long(g, "Ni", s.ni);
  set_long(g, "Nj", s.nj);
  set_long(g, "jScansPositively", s.j_positive ? 1 : 0);
  set_double(g, "latitudeOfFirstGridPointInDegrees", s.lat_first);
  set_double(g, "longitudeOfFirstGridPointInDegrees", s.lon_first);
  set_double(g, "latitudeOfLastGridPointInDegrees", s.lat_last);
  set_double(g, "longitudeOfLastGridPointInDegrees", s.lon_last);
  set_double(g, "iDirectionIncrementInDegrees", s.di);
  set_double(g, "jDirectionIncrementInDegrees", s.dj);
  set_long(g, "bitsPerValue", 24);
  // Values in scanning order: rows from lat_first, points from lon_first eastward.
  const double dlat = s.nj > 1 ? (s.lat_last - s.lat_first) / double(s.nj - 1) : 0.0;
  std::vector<double> values;
  bool any_missing = false;
  for (long r = 0; r < s.nj; ++r)
    for (long c = 0; c < s.ni; ++c) {
      const double x = s.value(s.lat_first + double(r) * dlat, s.lon_first + double(c) * s.di);
      any_missing = any_missing || std::isnan(x);
      values.push_back(std::isnan(x) ? grib_missing : x);
    }
  if (any_missing) {
    set_long(g, "bitmapPresent", 1);
    set_double(g, "missingValue", grib_missing);
  }
  REQUIRE(codes_set_double_array(g, "values", values.data(), values.size()) == 0);
  append_message(file, g);
}

// The main test file: u, v (850, 500 hPa) and msl at 2024-09-15T00Z (analysis) and
// 06Z (6 h forecast from 00Z).
const fs::path& main_file() {
  static const fs::path file = [] {
    const fs::path f = tmp_dir() / "uv_msl.grib2";
    fs::remove(f);
    for (long step : {0L, 6L}) {
      const double hours = double(step);
      for (long level : {850L, 500L}) {
        FieldSpec s;
        s.step = step;
        s.level = level;
        s.short_name = "u";
        s.value = [=](double lat, double lon) { return u_value(lat, lon, double(level), hours); };
        append_field(f, s);
        s.short_name = "v";
        s.value = [=](double lat, double lon) { return v_value(lat, lon, double(level), hours); };
        append_field(f, s);
      }
      FieldSpec m;
      m.sample = "regular_ll_sfc_grib2";
      m.type_of_level = "meanSea";
      m.short_name = "msl";
      m.level = 0;
      m.step = step;
      m.value = [=](double lat, double lon) {
        return msl_missing(lat) ? std::numeric_limits<double>::quiet_NaN()
                                : msl_value(lat, lon, hours);
      };
      append_field(f, m);
    }
    return f;
  }();
  return file;
}

const TimePoint t00 = make_utc(2024, 9, 15, 0);
const TimePoint t06 = make_utc(2024, 9, 15, 6);

// Message of the input error thrown by `fn` (fails the test if none or another kind).
std::string input_error(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    return e.what();
  }
  FAIL("no error thrown");
  return {};
}

ReadRequest request(const std::string& variable) {
  ReadRequest r;
  r.variable = variable;
  return r;
}

}  // namespace

TEST_CASE("grib2: whole u field, latitude flipped to ascending", "[grib2]") {
  const GriddedData d = read_grib2_variable(main_file(), request("u"));
  CHECK(d.file == main_file().string());
  CHECK(d.source_variable == "u");
  CHECK(d.standard_name == "eastward_wind");
  CHECK(d.long_name == "U component of wind");
  CHECK(d.source_units == "m s**-1");
  CHECK(d.units == "m s-1");
  CHECK(d.grid.nlon == 360);
  CHECK(d.grid.nlat == 51);
  CHECK(d.grid.lon0 == Approx(0.0).margin(1e-9));
  CHECK(d.grid.lat0 == Approx(-10.0));
  CHECK(d.grid.dlon == Approx(1.0));
  CHECK(d.grid.dlat == Approx(1.0));
  CHECK(d.grid.lat_max() == Approx(40.0));
  REQUIRE(d.times == std::vector<TimePoint>{t00, t06});
  REQUIRE(d.levels_hpa == std::vector<double>{850.0, 500.0});
  REQUIRE(d.values.size() == 2 * 2 * 51 * 360);
  CHECK(d.n_missing == 0);
  // Row 0 is the southernmost latitude (the file starts at 40°N).
  for (std::size_t t = 0; t < 2; ++t)
    for (std::size_t k = 0; k < 2; ++k)
      for (auto [i, j] :
           {std::pair<std::size_t, std::size_t>{0, 0}, {359, 50}, {125, 30}, {200, 7}})
        CHECK(d.at(t, k, i, j) ==
              Approx(u_value(d.grid.lat(j), d.grid.lon(i), d.levels_hpa[k], 6.0 * double(t)))
                  .margin(wind_tol));
  CHECK(d.at(0, 0, 0, 0) == Approx(u_value(-10, 0, 850, 0)).margin(wind_tol));
  CHECK(d.at(1, 1, 0, 50) == Approx(u_value(40, 0, 500, 6)).margin(wind_tol));
}

TEST_CASE("grib2: box across the 0/360 seam is continuous", "[grib2]") {
  ReadRequest r = request("v");
  r.box = GeoBox{-5.0, 5.0, 0.0, 10.0};
  const GriddedData d = read_grib2_variable(main_file(), r);
  CHECK(d.grid.lon0 == Approx(-5.0));
  CHECK(d.grid.nlon == 11);
  CHECK(d.grid.lat0 == Approx(0.0).margin(1e-9));
  CHECK(d.grid.nlat == 11);
  for (std::size_t i = 0; i < d.grid.nlon; ++i)
    for (std::size_t j = 0; j < d.grid.nlat; j += 5)
      CHECK(d.at(1, 0, i, j) ==
            Approx(v_value(d.grid.lat(j), d.grid.lon(i), 850, 6)).margin(wind_tol));
  // lon -3 is the file's 357°E.
  CHECK(d.at(0, 1, 2, 0) == Approx(v_value(0, 357, 500, 0)).margin(wind_tol));

  SECTION("the same box written 355 .. 5") {
    r.box = GeoBox{355.0, 5.0, 0.0, 10.0};
    const GriddedData e = read_grib2_variable(main_file(), r);
    CHECK(e.grid.lon0 == Approx(355.0));
    CHECK(e.grid.nlon == 11);
    CHECK(e.values == d.values);
  }
  SECTION("a box across the antimeridian, 170 .. -170") {
    r.box = GeoBox{170.0, -170.0, -10.0, 40.0};
    const GriddedData e = read_grib2_variable(main_file(), r);
    CHECK(e.grid.lon0 == Approx(170.0));
    CHECK(e.grid.nlon == 21);
    CHECK(e.grid.lon_max() == Approx(190.0));
    CHECK(e.grid.nlat == 51);
    CHECK(e.at(0, 0, 20, 0) == Approx(v_value(-10, 190, 850, 0)).margin(wind_tol));
  }
  SECTION("a box -180 .. 180 gives each meridian once") {
    r.box = GeoBox{-180.0, 180.0, -90.0, 90.0};
    const GriddedData e = read_grib2_variable(main_file(), r);
    CHECK(e.grid.lon0 == Approx(-180.0));
    CHECK(e.grid.nlon == 360);
    CHECK(e.at(0, 0, 0, 0) == Approx(v_value(-10, 180, 850, 0)).margin(wind_tol));
  }
}

TEST_CASE("grib2: level and time selection", "[grib2]") {
  ReadRequest r = request("u");
  r.levels_hpa = {500.0};
  r.from = t06;
  r.to = t06;
  r.box = GeoBox{120.0, 130.0, 15.0, 25.0};
  const GriddedData d = read_grib2_variable(main_file(), r);
  REQUIRE(d.times == std::vector<TimePoint>{t06});
  REQUIRE(d.levels_hpa == std::vector<double>{500.0});
  CHECK(d.grid.lon0 == Approx(120.0));
  CHECK(d.grid.lat0 == Approx(15.0));
  CHECK(d.grid.nlon == 11);
  CHECK(d.grid.nlat == 11);
  REQUIRE(d.values.size() == 121);
  CHECK(d.at(0, 0, 3, 4) == Approx(u_value(19, 123, 500, 6)).margin(wind_tol));

  SECTION("levels in the requested order") {
    r.levels_hpa = {500.0, 850.0};
    r.from.reset();
    const GriddedData e = read_grib2_variable(main_file(), r);
    REQUIRE(e.levels_hpa == std::vector<double>{500.0, 850.0});
    REQUIRE(e.times == std::vector<TimePoint>{t00, t06});
    CHECK(e.at(1, 1, 0, 0) == Approx(u_value(15, 120, 850, 6)).margin(wind_tol));
    CHECK(e.at(0, 0, 0, 0) == Approx(u_value(15, 120, 500, 0)).margin(wind_tol));
  }
  SECTION("a level not in the file") {
    r.levels_hpa = {300.0};
    const std::string msg = input_error([&] { read_grib2_variable(main_file(), r); });
    CHECK_THAT(msg, Contains("level 300 hPa not found") && Contains("850, 500"));
  }
  SECTION("a window holding no time") {
    r.from = make_utc(2024, 9, 16, 0);
    r.to.reset();
    const std::string msg = input_error([&] { read_grib2_variable(main_file(), r); });
    CHECK_THAT(msg, Contains("no time in the requested window") &&
                        Contains("2024-09-15T00:00:00Z .. 2024-09-15T06:00:00Z"));
  }
}

TEST_CASE("grib2: msl in Pa and hPa, missing values", "[grib2]") {
  ReadRequest r = request("msl");
  r.levels_hpa = {850.0};  // ignored: msl has no vertical dimension
  const GriddedData pa = read_grib2_variable(main_file(), r);
  CHECK(pa.source_variable == "msl");
  CHECK(pa.standard_name == "air_pressure_at_mean_sea_level");
  CHECK(pa.source_units == "Pa");
  CHECK(pa.units == "Pa");
  CHECK(pa.levels_hpa.empty());
  REQUIRE(pa.times.size() == 2);
  // Rows 36..40°N (5 x 360 points) are missing in both messages.
  CHECK(pa.n_missing == 2 * 5 * 360);
  CHECK(std::isnan(pa.at(0, 0, 10, 50)));
  CHECK(std::isnan(pa.at(1, 0, 0, 46)));
  CHECK(pa.at(1, 0, 130, 45) == Approx(msl_value(35, 130, 6)).margin(msl_tol));
  CHECK(pa.at(0, 0, 0, 0) == Approx(msl_value(-10, 0, 0)).margin(msl_tol));

  r.units = "hPa";
  const GriddedData hpa = read_grib2_variable(main_file(), r);
  CHECK(hpa.units == "hPa");
  CHECK(hpa.source_units == "Pa");
  CHECK(hpa.n_missing == pa.n_missing);
  CHECK(hpa.at(1, 0, 130, 45) == Approx(msl_value(35, 130, 6) / 100.0).margin(msl_tol / 100.0));
  CHECK(std::isnan(hpa.at(0, 0, 10, 50)));

  SECTION("an all-missing subset is an input error") {
    r.box = GeoBox{100.0, 110.0, 36.0, 40.0};
    const std::string msg = input_error([&] { read_grib2_variable(main_file(), r); });
    CHECK_THAT(msg,
               Contains(main_file().string()) && Contains("every value") && Contains("missing"));
  }
  SECTION("incompatible target units") {
    r.units = "m s-1";
    const std::string msg = input_error([&] { read_grib2_variable(main_file(), r); });
    CHECK_THAT(msg, Contains("cannot be converted"));
  }
}

TEST_CASE("grib2: variables found by CF name and aliases", "[grib2]") {
  for (const char* name : {"eastward_wind", "UGRD", "U"})
    CHECK(read_grib2_variable(main_file(), request(name)).source_variable == "u");
  for (const char* name : {"northward_wind", "VGRD"})
    CHECK(read_grib2_variable(main_file(), request(name)).source_variable == "v");
  for (const char* name : {"air_pressure_at_mean_sea_level", "prmsl", "PRMSL", "MSLP"})
    CHECK(read_grib2_variable(main_file(), request(name)).source_variable == "msl");
}

TEST_CASE("grib2: describe lists u, v and msl", "[grib2]") {
  const std::vector<VariableInfo> infos = describe_grib2(main_file());
  REQUIRE(infos.size() == 3);
  CHECK(infos[0].name == "u");
  CHECK(infos[1].name == "v");
  CHECK(infos[2].name == "msl");
  for (std::size_t n = 0; n < 2; ++n) {
    const VariableInfo& w = infos[n];
    CHECK(w.units == "m s**-1");
    CHECK(w.dims == std::vector<std::string>{"time", "level", "lat", "lon"});
    CHECK(w.shape == std::vector<std::size_t>{2, 2, 51, 360});
    CHECK(w.levels_hpa == std::vector<double>{850.0, 500.0});
    REQUIRE(w.time);
    CHECK(w.time->first == t00);
    CHECK(w.time->second == t06);
    REQUIRE(w.lat);
    CHECK(w.lat->first == Approx(-10.0));
    CHECK(w.lat->second == Approx(40.0));
    REQUIRE(w.lon);
    CHECK(w.lon->first == Approx(0.0).margin(1e-9));
    CHECK(w.lon->second == Approx(359.0));
    CHECK(w.missing == 0);
  }
  CHECK(infos[0].standard_name == "eastward_wind");
  CHECK(infos[1].standard_name == "northward_wind");
  const VariableInfo& m = infos[2];
  CHECK(m.standard_name == "air_pressure_at_mean_sea_level");
  CHECK(m.long_name == "Mean sea level pressure");
  CHECK(m.units == "Pa");
  CHECK(m.dims == std::vector<std::string>{"time", "lat", "lon"});
  CHECK(m.shape == std::vector<std::size_t>{2, 51, 360});
  CHECK(m.levels_hpa.empty());
  CHECK(m.missing == 2 * 5 * 360);
}

TEST_CASE("grib2: regional grid stored south to north", "[grib2]") {
  const fs::path f = tmp_dir() / "regional_sn.grib2";
  fs::remove(f);
  FieldSpec s;
  s.short_name = "gh";
  s.level = 500;
  s.ni = 31;
  s.nj = 21;
  s.lat_first = 0;
  s.lat_last = 20;
  s.lon_first = 100;
  s.lon_last = 130;
  s.j_positive = true;
  s.value = [](double lat, double lon) { return 5800.0 + lat + 0.01 * lon; };
  append_field(f, s);

  ReadRequest r = request("geopotential_height");
  const GriddedData d = read_grib2_variable(f, r);
  CHECK(d.source_variable == "gh");
  CHECK(d.source_units == "gpm");
  CHECK(d.units == "m");
  CHECK(d.grid.lon0 == Approx(100.0));
  CHECK(d.grid.lat0 == Approx(0.0).margin(1e-9));
  CHECK(d.grid.nlon == 31);
  CHECK(d.grid.nlat == 21);
  CHECK(d.at(0, 0, 5, 7) == Approx(5800.0 + 7 + 1.05).margin(1e-3));
  CHECK(d.at(0, 0, 30, 20) == Approx(5800.0 + 20 + 1.30).margin(1e-3));

  SECTION("a box partly outside the grid is clipped") {
    r.box = GeoBox{125.0, 140.0, 15.0, 30.0};
    const GriddedData e = read_grib2_variable(f, r);
    CHECK(e.grid.lon0 == Approx(125.0));
    CHECK(e.grid.nlon == 6);
    CHECK(e.grid.lat0 == Approx(15.0));
    CHECK(e.grid.nlat == 6);
  }
  SECTION("the grid shifted by -360° is found") {
    r.box = GeoBox{-250.0, -240.0, 0.0, 20.0};
    const GriddedData e = read_grib2_variable(f, r);
    CHECK(e.grid.lon0 == Approx(-250.0));
    CHECK(e.grid.nlon == 11);
    CHECK(e.at(0, 0, 0, 0) == Approx(5800.0 + 1.10).margin(1e-3));
  }
  SECTION("a box outside the grid") {
    r.box = GeoBox{0.0, 50.0, 0.0, 20.0};
    const std::string msg = input_error([&] { read_grib2_variable(f, r); });
    CHECK_THAT(msg, Contains("holds no grid point"));
  }
}

TEST_CASE("grib2: grids at the Greenwich meridian", "[grib2]") {
  const auto value = [](double lat, double lon) { return 10.0 * std::sin(lon * deg) + lat; };
  FieldSpec s;
  s.nj = 3;
  s.lat_first = 2;
  s.lat_last = 0;
  s.value = value;

  SECTION("a global grid 0 .. 360 repeating its first meridian") {
    const fs::path f = tmp_dir() / "global361.grib2";
    fs::remove(f);
    s.ni = 361;
    s.lon_first = 0;
    s.lon_last = 360;
    append_field(f, s);
    const GriddedData whole = read_grib2_variable(f, request("u"));
    CHECK(whole.grid.nlon == 361);
    CHECK(whole.grid.dlon == Approx(1.0));
    ReadRequest r = request("u");
    r.box = GeoBox{-5.0, 5.0, 0.0, 2.0};
    const GriddedData d = read_grib2_variable(f, r);
    CHECK(d.grid.lon0 == Approx(-5.0));
    CHECK(d.grid.nlon == 11);
    for (std::size_t i = 0; i < d.grid.nlon; ++i)
      CHECK(d.at(0, 0, i, 1) == Approx(value(1, d.grid.lon(i))).margin(wind_tol));
    r.box = GeoBox{-180.0, 180.0, 0.0, 2.0};
    CHECK(read_grib2_variable(f, r).grid.nlon == 360);
  }
  SECTION("a regional grid 350 .. 10") {
    const fs::path f = tmp_dir() / "regional_seam.grib2";
    fs::remove(f);
    s.ni = 21;
    s.lon_first = 350;
    s.lon_last = 10;
    append_field(f, s);
    const GriddedData whole = read_grib2_variable(f, request("u"));
    CHECK(whole.grid.lon0 == Approx(-10.0));
    CHECK(whole.grid.nlon == 21);
    CHECK(whole.at(0, 0, 3, 2) == Approx(value(2, -7)).margin(wind_tol));
    ReadRequest r = request("u");
    r.box = GeoBox{-5.0, 5.0, 0.0, 2.0};
    const GriddedData d = read_grib2_variable(f, r);
    CHECK(d.grid.lon0 == Approx(-5.0));
    CHECK(d.grid.nlon == 11);
    CHECK(d.at(0, 0, 0, 0) == Approx(value(0, -5)).margin(wind_tol));
    r.box = GeoBox{355.0, 365.0, 0.0, 2.0};
    const GriddedData e = read_grib2_variable(f, r);
    CHECK(e.grid.lon0 == Approx(355.0));
    CHECK(e.grid.nlon == 11);
    CHECK(e.values == d.values);
  }
}

TEST_CASE("grib2: a parameter unknown to ecCodes is named by its code", "[grib2]") {
  const fs::path f = tmp_dir() / "unknown_param.grib2";
  fs::remove(f);
  FieldSpec s;
  s.ni = 4;
  s.nj = 3;
  s.lat_first = 2;
  s.lat_last = 0;
  s.lon_first = 10;
  s.lon_last = 13;
  s.parameter_number = 230;  // discipline 0, category 2 (momentum), number 230
  s.value = [](double lat, double lon) { return lat * lon; };
  append_field(f, s);
  const std::vector<VariableInfo> infos = describe_grib2(f);
  REQUIRE(infos.size() == 1);
  CHECK(infos[0].name == "param0.2.230");
  CHECK(infos[0].standard_name.empty());
  const GriddedData d = read_grib2_variable(f, request("param0.2.230"));
  CHECK(d.source_units == "unknown");
  CHECK(d.units == "unknown");
  CHECK(d.at(0, 0, 3, 2) == Approx(2.0 * 13.0).margin(1e-4));
}

TEST_CASE("grib2: the latest analysis wins for a repeated validity time", "[grib2]") {
  const fs::path f = tmp_dir() / "duplicate.grib2";
  fs::remove(f);
  FieldSpec s;
  s.ni = 4;
  s.nj = 3;
  s.lat_first = 2;
  s.lat_last = 0;
  s.lon_first = 10;
  s.lon_last = 13;
  s.step = 0;
  s.time = 600;  // analysis at 06Z
  s.value = [](double, double) { return 2.0; };
  append_field(f, s);
  s.time = 0;  // 6-hour forecast from 00Z, also valid at 06Z
  s.step = 6;
  s.value = [](double, double) { return 1.0; };
  append_field(f, s);
  const GriddedData d = read_grib2_variable(f, request("u"));
  REQUIRE(d.times == std::vector<TimePoint>{t06});
  CHECK(d.at(0, 0, 1, 1) == Approx(2.0).margin(wind_tol));
}

TEST_CASE("grib2: broken inputs are input errors naming the file", "[grib2]") {
  const fs::path dir = tmp_dir();

  SECTION("missing file") {
    const fs::path f = dir / "does_not_exist.grib2";
    const std::string msg = input_error([&] { read_grib2_variable(f, request("u")); });
    CHECK_THAT(msg, Contains(f.string()) && Contains("cannot open"));
  }
  SECTION("text file") {
    const fs::path f = dir / "text.grib2";
    std::ofstream(f) << "this is plain text\nat all\n";
    const std::string msg = input_error([&] { read_grib2_variable(f, request("u")); });
    CHECK_THAT(msg, Contains(f.string()) && Contains("no GRIB message"));
    CHECK_THAT(input_error([&] { describe_grib2(f); }), Contains("no GRIB message"));
  }
  SECTION("text file mentioning GRIB") {
    const fs::path f = dir / "text_grib.grib2";
    std::ofstream(f) << "this is not a GRIB file\n";
    const std::string msg = input_error([&] { read_grib2_variable(f, request("u")); });
    CHECK_THAT(msg, Contains(f.string()) && Contains("cannot read GRIB message 1"));
  }
  SECTION("empty file") {
    const fs::path f = dir / "empty.grib2";
    std::ofstream{f};
    CHECK_THAT(input_error([&] { describe_grib2(f); }),
               Contains(f.string()) && Contains("no GRIB message"));
  }
  SECTION("garbage after a GRIB marker") {
    const fs::path f = dir / "garbage.grib2";
    {
      std::ofstream out(f, std::ios::binary);
      out << "GRIB";
      for (int i = 0; i < 200; ++i) out.put(char((i * 37 + 11) & 0xff));
    }
    const std::string msg = input_error([&] { read_grib2_variable(f, request("u")); });
    CHECK_THAT(msg, Contains(f.string()) && Contains("cannot read GRIB message 1"));
  }
  SECTION("truncated file") {
    // A one-message file cut in half.
    const fs::path one = dir / "one.grib2";
    fs::remove(one);
    FieldSpec s;
    s.value = [](double lat, double lon) { return lat + lon; };
    append_field(one, s);
    const fs::path f = dir / "truncated.grib2";
    fs::copy_file(one, f, fs::copy_options::overwrite_existing);
    fs::resize_file(f, fs::file_size(f) / 2);
    const std::string msg = input_error([&] { read_grib2_variable(f, request("u")); });
    CHECK_THAT(msg, Contains(f.string()) && Contains("cannot read GRIB message 1") &&
                        Contains("truncated"));
    CHECK_THAT(input_error([&] { describe_grib2(f); }), Contains("cannot read GRIB message 1"));

    // The 10-message file cut at 3/5 of its size, inside message 6 (messages 1 to 5 are
    // 55259, 55259, 55259, 55259 and 52154 bytes long).
    const fs::path g = dir / "truncated10.grib2";
    fs::copy_file(main_file(), g, fs::copy_options::overwrite_existing);
    fs::resize_file(g, fs::file_size(g) * 3 / 5);
    CHECK_THAT(input_error([&] { read_grib2_variable(g, request("u")); }),
               Contains(g.string()) && Contains("cannot read GRIB message 6"));
  }
  SECTION("variable not found lists what exists") {
    const std::string msg = input_error([&] { read_grib2_variable(main_file(), request("sst")); });
    CHECK_THAT(msg, Contains(main_file().string()) && Contains("variable 'sst' not found") &&
                        Contains("u (U component of wind), v (V component of wind), msl (Mean "
                                 "sea level pressure)"));
  }
  SECTION("reduced Gaussian grid") {
    const fs::path f = dir / "reduced_gg.grib2";
    fs::remove(f);
    // Message 1: u on the regular grid; message 2: t from the reduced_gg sample.
    FieldSpec s;
    s.ni = 4;
    s.nj = 3;
    s.lat_first = 2;
    s.lat_last = 0;
    s.lon_first = 10;
    s.lon_last = 13;
    s.value = [](double, double) { return 1.0; };
    append_field(f, s);
    Handle h(codes_grib_handle_new_from_samples(nullptr, "reduced_gg_pl_128_grib2"));
    REQUIRE(h);
    append_message(f, h.get());

    const std::string msg = input_error([&] { read_grib2_variable(f, request("t")); });
    CHECK_THAT(msg, Contains(f.string()) && Contains("GRIB message 2") &&
                        Contains("gridType reduced_gg") && Contains("regular_ll"));
    // The other variable of the file still reads, and describe reports both.
    CHECK(read_grib2_variable(f, request("u")).values.size() == 12);
    const std::vector<VariableInfo> infos = describe_grib2(f);
    REQUIRE(infos.size() == 2);
    CHECK(infos[1].name == "t");
    CHECK(infos[1].dims == std::vector<std::string>{"time", "level", "point"});
    CHECK_FALSE(infos[1].lat);
  }
}
