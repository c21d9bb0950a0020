// Tests of the CF NetCDF writer and reader (forcing/netcdf_io).
#include "taifeng/forcing/netcdf_io.hpp"

#include <netcdf.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// Values are stored as float32 (24-bit mantissa, relative rounding <= 6e-8).
constexpr double float_rel_tol = 1e-6;

fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "netcdf_io";
  fs::create_directories(dir);
  return dir;
}

// 0.1° spacing is not exact in binary, so the grid read back differs in the last bits.
Grid test_grid() {
  Grid g;
  g.lon0 = 110.0;
  g.lat0 = 15.0;
  g.dlon = 0.1;
  g.dlat = 0.25;
  g.nlon = 6;
  g.nlat = 4;
  return g;
}

const std::vector<double> test_hours{0.0, 6.0, 12.0};

bool is_missing(std::size_t i, std::size_t j, std::size_t t) {
  return (i + 2 * j + t) % 7 == 0;
}

double analytic(const Grid& g, std::size_t i, std::size_t j, std::size_t t) {
  return g.lon(i) * 100.0 + g.lat(j) + test_hours[t];
}

GriddedDataset test_dataset() {
  GriddedDataset ds;
  ds.grid = test_grid();
  ds.reference_time = make_utc(2005, 9, 25, 0);
  ds.time_hours = test_hours;

  TimeSeriesVariable wind;
  wind.meta = {"wind_speed", "m s-1", "wind_speed", "10 m wind speed", "time: point"};
  TimeSeriesVariable surge;  // no standard name, no cell methods
  surge.meta = {"surge_index", "1", "", "storm surge index", ""};
  for (std::size_t t = 0; t < test_hours.size(); ++t) {
    Field f("wind_speed", "m s-1", ds.grid);
    for (std::size_t j = 0; j < ds.grid.nlat; ++j)
      for (std::size_t i = 0; i < ds.grid.nlon; ++i)
        f.at(i, j) = is_missing(i, j, t) ? nan : analytic(ds.grid, i, j, t);
    wind.steps.push_back(f);
    surge.steps.push_back(Field("surge_index", "1", ds.grid, 0.5 * double(t)));
  }
  ds.series = {wind, surge};

  Field elevation("elevation", "m", ds.grid);
  for (std::size_t j = 0; j < ds.grid.nlat; ++j)
    for (std::size_t i = 0; i < ds.grid.nlon; ++i) elevation.at(i, j) = double(10 * j + i);
  elevation.at(0, 0) = nan;
  ds.statics.push_back(
      {{"elevation", "m", "surface_altitude", "surface elevation", ""}, elevation});

  ds.time_variables.push_back(
      {{"centre_lat", "degrees_north", "latitude", "storm centre latitude", ""},
       {15.5, nan, 16.5}});
  ds.global_attributes = {{"title", "taifeng test"}, {"institution", "nowhere"}};
  return ds;
}

std::optional<std::string> att_text(int ncid, int varid, const char* name) {
  std::size_t len = 0;
  if (nc_inq_attlen(ncid, varid, name, &len) != NC_NOERR) return std::nullopt;
  std::string s(len, '\0');
  REQUIRE(nc_get_att_text(ncid, varid, name, s.data()) == NC_NOERR);
  return s;
}

int varid_of(int ncid, const char* name) {
  int varid = -1;
  REQUIRE(nc_inq_varid(ncid, name, &varid) == NC_NOERR);
  return varid;
}

std::string error_of(const std::function<void()>& f, ErrorKind kind = ErrorKind::input) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.kind() == kind);
    return e.what();
  }
  FAIL("expected a taifeng::Error");
  return {};
}

bool has_temp_files(const fs::path& path) {
  const std::string prefix = path.filename().string() + ".tmp.";
  for (const auto& entry : fs::directory_iterator(path.parent_path()))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) return true;
  return false;
}

// A small file with hand-made coordinates, for the reader's checks of foreign files.
void write_raw_file(const fs::path& path, const std::vector<double>& lat,
                    const std::string& time_units) {
  int ncid = -1, dims[2], lat_var, lon_var, time_dim, time_var, v;
  const std::vector<double> lon{100.0, 101.0};
  REQUIRE(nc_create(path.c_str(), NC_CLOBBER | NC_NETCDF4 | NC_CLASSIC_MODEL, &ncid) == NC_NOERR);
  REQUIRE(nc_def_dim(ncid, "time", 1, &time_dim) == NC_NOERR);
  REQUIRE(nc_def_dim(ncid, "lat", lat.size(), &dims[0]) == NC_NOERR);
  REQUIRE(nc_def_dim(ncid, "lon", lon.size(), &dims[1]) == NC_NOERR);
  REQUIRE(nc_def_var(ncid, "time", NC_DOUBLE, 1, &time_dim, &time_var) == NC_NOERR);
  REQUIRE(nc_put_att_text(ncid, time_var, "units", time_units.size(), time_units.c_str()) ==
          NC_NOERR);
  REQUIRE(nc_def_var(ncid, "lat", NC_DOUBLE, 1, &dims[0], &lat_var) == NC_NOERR);
  REQUIRE(nc_def_var(ncid, "lon", NC_DOUBLE, 1, &dims[1], &lon_var) == NC_NOERR);
  REQUIRE(nc_def_var(ncid, "v", NC_FLOAT, 2, dims, &v) == NC_NOERR);
  REQUIRE(nc_enddef(ncid) == NC_NOERR);
  const double t0 = 3.0;
  REQUIRE(nc_put_var_double(ncid, time_var, &t0) == NC_NOERR);
  REQUIRE(nc_put_var_double(ncid, lat_var, lat.data()) == NC_NOERR);
  REQUIRE(nc_put_var_double(ncid, lon_var, lon.data()) == NC_NOERR);
  std::vector<float> values(lat.size() * lon.size(), 1.0f);
  REQUIRE(nc_put_var_float(ncid, v, values.data()) == NC_NOERR);
  REQUIRE(nc_close(ncid) == NC_NOERR);
}

}  // namespace

TEST_CASE("netcdf_io: round trip of a time series keeps values, NaNs, grid and metadata") {
  const fs::path file = tmp_dir() / "round_trip.nc";
  const GriddedDataset ds = test_dataset();
  write_netcdf(file, ds);
  REQUIRE(fs::exists(file));
  CHECK_FALSE(has_temp_files(file));

  for (std::size_t t = 0; t < test_hours.size(); ++t) {
    const Field f = read_netcdf_field(file, "wind_speed", t);
    CHECK(f.name == "wind_speed");
    CHECK(f.units == "m s-1");
    CHECK(f.standard_name == "wind_speed");
    CHECK(f.long_name == "10 m wind speed");
    REQUIRE(f.grid.nlon == ds.grid.nlon);
    REQUIRE(f.grid.nlat == ds.grid.nlat);
    CHECK(f.grid.lon0 == Approx(ds.grid.lon0).epsilon(1e-12));
    CHECK(f.grid.lat0 == Approx(ds.grid.lat0).epsilon(1e-12));
    CHECK(f.grid.dlon == Approx(ds.grid.dlon).epsilon(1e-12));
    CHECK(f.grid.dlat == Approx(ds.grid.dlat).epsilon(1e-12));
    REQUIRE(f.data.size() == ds.grid.size());
    for (std::size_t j = 0; j < ds.grid.nlat; ++j) {
      for (std::size_t i = 0; i < ds.grid.nlon; ++i) {
        INFO("t=" << t << " i=" << i << " j=" << j);
        if (is_missing(i, j, t)) {
          CHECK(std::isnan(f.at(i, j)));
        } else {
          CHECK(f.at(i, j) == Approx(analytic(ds.grid, i, j, t)).epsilon(float_rel_tol));
        }
      }
    }
  }

  const Field surge = read_netcdf_field(file, "surge_index", 2);
  CHECK(surge.standard_name.empty());
  CHECK(surge.at(3, 2) == 1.0);

  const Field elevation = read_netcdf_field(file, "elevation");
  CHECK(elevation.standard_name == "surface_altitude");
  CHECK(std::isnan(elevation.at(0, 0)));
  CHECK(elevation.at(5, 3) == 35.0);

  // A grid read back may be written again together with the original one.
  GriddedDataset again = ds;
  again.statics[0].second = elevation;
  CHECK_NOTHROW(write_netcdf(file, again));
}

TEST_CASE("netcdf_io: CF attributes, compression and time variables in the file") {
  const fs::path file = tmp_dir() / "attributes.nc";
  write_netcdf(file, test_dataset());

  int ncid = -1;
  REQUIRE(nc_open(file.c_str(), NC_NOWRITE, &ncid) == NC_NOERR);
  int format = 0;
  REQUIRE(nc_inq_format(ncid, &format) == NC_NOERR);
  CHECK(format == NC_FORMAT_NETCDF4_CLASSIC);

  CHECK(att_text(ncid, NC_GLOBAL, "Conventions") == "CF-1.8");
  CHECK(att_text(ncid, NC_GLOBAL, "title") == "taifeng test");
  CHECK(att_text(ncid, NC_GLOBAL, "institution") == "nowhere");

  const int time = varid_of(ncid, "time");
  CHECK(att_text(ncid, time, "units") == "hours since 2005-09-25 00:00:00");
  CHECK(att_text(ncid, time, "standard_name") == "time");
  CHECK(att_text(ncid, time, "calendar") == "standard");
  CHECK(att_text(ncid, time, "axis") == "T");
  const int lat = varid_of(ncid, "lat");
  CHECK(att_text(ncid, lat, "units") == "degrees_north");
  CHECK(att_text(ncid, lat, "standard_name") == "latitude");
  CHECK(att_text(ncid, lat, "axis") == "Y");
  const int lon = varid_of(ncid, "lon");
  CHECK(att_text(ncid, lon, "units") == "degrees_east");
  CHECK(att_text(ncid, lon, "standard_name") == "longitude");
  CHECK(att_text(ncid, lon, "axis") == "X");
  std::vector<double> lon_values(6);
  REQUIRE(nc_get_var_double(ncid, lon, lon_values.data()) == NC_NOERR);
  CHECK(lon_values[5] == Approx(110.5).epsilon(1e-12));

  const int wind = varid_of(ncid, "wind_speed");
  nc_type type = NC_NAT;
  REQUIRE(nc_inq_vartype(ncid, wind, &type) == NC_NOERR);
  CHECK(type == NC_FLOAT);
  CHECK(att_text(ncid, wind, "units") == "m s-1");
  CHECK(att_text(ncid, wind, "standard_name") == "wind_speed");
  CHECK(att_text(ncid, wind, "long_name") == "10 m wind speed");
  CHECK(att_text(ncid, wind, "cell_methods") == "time: point");
  float fill = 0.0f;
  REQUIRE(nc_get_att_float(ncid, wind, "_FillValue", &fill) == NC_NOERR);
  CHECK(fill == NC_FILL_FLOAT);
  int shuffle = 0, deflate = 0, level = 0;
  REQUIRE(nc_inq_var_deflate(ncid, wind, &shuffle, &deflate, &level) == NC_NOERR);
  CHECK(shuffle == 1);
  CHECK(deflate == 1);
  CHECK(level == 1);
  int storage = 0;
  std::size_t chunks[3] = {};
  REQUIRE(nc_inq_var_chunking(ncid, wind, &storage, chunks) == NC_NOERR);
  CHECK(storage == NC_CHUNKED);
  CHECK(chunks[0] == 1);
  CHECK(chunks[1] == 4);
  CHECK(chunks[2] == 6);
  // The raw value of a NaN point is the fill value.
  const std::size_t start[3] = {0, 0, 0}, count[3] = {1, 1, 1};
  float raw = 0.0f;
  REQUIRE(nc_get_vara_float(ncid, wind, start, count, &raw) == NC_NOERR);
  CHECK(raw == NC_FILL_FLOAT);

  const int surge = varid_of(ncid, "surge_index");
  CHECK_FALSE(att_text(ncid, surge, "standard_name").has_value());
  CHECK_FALSE(att_text(ncid, surge, "cell_methods").has_value());
  CHECK(att_text(ncid, surge, "long_name") == "storm surge index");

  const int centre = varid_of(ncid, "centre_lat");
  REQUIRE(nc_inq_vartype(ncid, centre, &type) == NC_NOERR);
  CHECK(type == NC_DOUBLE);
  CHECK(att_text(ncid, centre, "units") == "degrees_north");
  double centre_values[3] = {};
  REQUIRE(nc_get_var_double(ncid, centre, centre_values) == NC_NOERR);
  CHECK(centre_values[0] == 15.5);
  CHECK(centre_values[1] == NC_FILL_DOUBLE);
  CHECK(centre_values[2] == 16.5);
  REQUIRE(nc_close(ncid) == NC_NOERR);
}

TEST_CASE("netcdf_io: time axis and reference time round trip") {
  const fs::path file = tmp_dir() / "time_axis.nc";
  GriddedDataset ds = test_dataset();
  ds.reference_time = make_utc(2013, 11, 7, 18, 30, 15);
  ds.time_hours = {-1.5, 6.0, 120.25};
  write_netcdf(file, ds);

  TimePoint reference{};
  const std::vector<double> hours = read_netcdf_time_hours(file, &reference);
  CHECK(hours == ds.time_hours);
  CHECK(reference == ds.reference_time);
  CHECK(read_netcdf_time_hours(file) == ds.time_hours);

  SECTION("a dataset of statics alone has an empty time axis") {
    GriddedDataset statics_only = ds;
    statics_only.series.clear();
    statics_only.time_variables.clear();
    statics_only.time_hours.clear();
    write_netcdf(file, statics_only);
    CHECK(read_netcdf_time_hours(file, &reference).empty());
    CHECK(reference == ds.reference_time);
    CHECK(read_netcdf_field(file, "elevation").at(5, 3) == 35.0);
  }
  SECTION("time units other than hours are an input error") {
    const fs::path raw = tmp_dir() / "days.nc";
    write_raw_file(raw, {10.0, 11.0}, "days since 2005-09-25 00:00:00");
    const std::string msg = error_of([&] { read_netcdf_time_hours(raw); });
    CHECK_THAT(msg, Catch::Contains("days since") && Catch::Contains("hours since") &&
                        Catch::Contains(raw.string()));
  }
}

TEST_CASE("netcdf_io: reading a missing variable names the variable and the file") {
  const fs::path file = tmp_dir() / "missing_variable.nc";
  write_netcdf(file, test_dataset());
  const std::string msg = error_of([&] { read_netcdf_field(file, "gust_speed"); });
  CHECK_THAT(msg, Catch::Contains("gust_speed") && Catch::Contains(file.string()));
  CHECK(msg.find('\n') == std::string::npos);
}

TEST_CASE("netcdf_io: files and variables of the wrong kind are input errors") {
  const fs::path file = tmp_dir() / "shapes.nc";
  write_netcdf(file, test_dataset());

  SECTION("a text file") {
    const fs::path text = tmp_dir() / "not_netcdf.nc";
    std::ofstream(text) << "this is not a NetCDF file\n";
    const std::string msg = error_of([&] { read_netcdf_field(text, "wind_speed"); });
    CHECK_THAT(msg, Catch::Contains(text.string()) && Catch::Contains("wind_speed"));
    CHECK_THAT(error_of([&] { read_netcdf_time_hours(text); }), Catch::Contains(text.string()));
  }
  SECTION("a missing file") {
    const fs::path missing = tmp_dir() / "does_not_exist.nc";
    CHECK_THAT(error_of([&] { read_netcdf_field(missing, "wind_speed"); }),
               Catch::Contains(missing.string()));
  }
  SECTION("a variable along time only") {
    CHECK_THAT(error_of([&] { read_netcdf_field(file, "centre_lat"); }),
               Catch::Contains("centre_lat") && Catch::Contains("(time)"));
  }
  SECTION("a time index out of range") {
    CHECK_THAT(error_of([&] { read_netcdf_field(file, "wind_speed", 3); }),
               Catch::Contains("time index 3") && Catch::Contains("wind_speed"));
    CHECK_THAT(error_of([&] { read_netcdf_field(file, "elevation", 1); }),
               Catch::Contains("elevation"));
  }
  SECTION("irregular or descending coordinates") {
    const fs::path raw = tmp_dir() / "irregular.nc";
    write_raw_file(raw, {10.0, 11.0}, "hours since 2005-09-25 00:00:00");
    CHECK(read_netcdf_field(raw, "v").grid.dlat == 1.0);  // the raw file itself is fine
    write_raw_file(raw, {10.0, 11.0, 13.0}, "hours since 2005-09-25 00:00:00");
    CHECK_THAT(error_of([&] { read_netcdf_field(raw, "v"); }),
               Catch::Contains("'lat'") && Catch::Contains("regular"));
    write_raw_file(raw, {12.0, 11.0, 10.0}, "hours since 2005-09-25 00:00:00");
    CHECK_THAT(error_of([&] { read_netcdf_field(raw, "v"); }), Catch::Contains("ascending"));
  }
}

TEST_CASE("netcdf_io: a failed write leaves no partial or temporary file") {
  const fs::path file = tmp_dir() / "failed_write.nc";
  fs::remove(file);

  SECTION("a NetCDF error (two variables of the same name) is an input error") {
    GriddedDataset ds = test_dataset();
    ds.statics[0].first.name = "wind_speed";
    const std::string msg = error_of([&] { write_netcdf(file, ds); });
    CHECK_THAT(msg, Catch::Contains("NetCDF: ") && Catch::Contains("wind_speed") &&
                        Catch::Contains(file.string()));
    CHECK_FALSE(fs::exists(file));
    CHECK_FALSE(has_temp_files(file));

    // An existing file is left as it was.
    write_netcdf(file, test_dataset());
    CHECK_THROWS_AS(write_netcdf(file, ds), Error);
    CHECK(read_netcdf_field(file, "elevation").at(5, 3) == 35.0);
    CHECK_FALSE(has_temp_files(file));
  }
  SECTION("a wrong number of steps is an internal error") {
    GriddedDataset ds = test_dataset();
    ds.series[0].steps.pop_back();
    CHECK_THAT(error_of([&] { write_netcdf(file, ds); }, ErrorKind::internal),
               Catch::Contains("wind_speed"));
    CHECK_FALSE(fs::exists(file));
  }
  SECTION("a field on another grid is an internal error") {
    GriddedDataset ds = test_dataset();
    ds.statics[0].second.grid.dlat = 0.5;
    CHECK_THAT(error_of([&] { write_netcdf(file, ds); }, ErrorKind::internal),
               Catch::Contains("elevation"));
    ds = test_dataset();
    ds.time_variables[0].values.push_back(1.0);
    CHECK_THROWS_AS(write_netcdf(file, ds), Error);
    CHECK_FALSE(fs::exists(file));
  }
  SECTION("a directory that does not exist is an input error") {
    const fs::path bad = tmp_dir() / "no_such_dir" / "out.nc";
    CHECK_THAT(error_of([&] { write_netcdf(bad, test_dataset()); }),
               Catch::Contains(bad.string()) && Catch::Contains("NetCDF: "));
  }
}

TEST_CASE("netcdf_io: independent readers (ncdump, xarray) accept the file") {
  const fs::path file = tmp_dir() / "independent.nc";
  write_netcdf(file, test_dataset());

  const std::string quoted = "'" + file.string() + "'";
  CHECK(std::system(("ncdump -h " + quoted + " > /dev/null").c_str()) == 0);

  if (std::system("/usr/bin/python3 -c 'import xarray' > /dev/null 2>&1") != 0) {
    WARN("/usr/bin/python3 has no xarray: the xarray check is skipped");
    return;
  }
  // The script repeats the analytic field and the NaN pattern of test_dataset().
  const fs::path script = tmp_dir() / "check_xarray.py";
  std::ofstream(script) << R"(import sys
import numpy as np
import xarray
ds = xarray.open_dataset(sys.argv[1])
assert ds.attrs["Conventions"] == "CF-1.8", ds.attrs
assert np.issubdtype(ds["time"].dtype, np.datetime64), ds["time"].dtype
expected_times = np.array(["2005-09-25T00", "2005-09-25T06", "2005-09-25T12"],
                          dtype="datetime64[ns]")
assert (ds["time"].values == expected_times).all(), ds["time"].values
w = ds["wind_speed"]
assert w.dims == ("time", "lat", "lon"), w.dims
hours = np.array([0.0, 6.0, 12.0])
lon, lat = ds["lon"].values, ds["lat"].values
expected = lon[None, None, :] * 100.0 + lat[None, :, None] + hours[:, None, None]
t, j, i = np.meshgrid(range(3), range(lat.size), range(lon.size), indexing="ij")
expected[(i + 2 * j + t) % 7 == 0] = np.nan
assert np.array_equal(np.isnan(w.values), np.isnan(expected)), w.values
assert np.allclose(w.values, expected, rtol=1e-6, atol=0.0, equal_nan=True), w.values
c = ds["centre_lat"].values
assert c[0] == 15.5 and np.isnan(c[1]) and c[2] == 16.5, c
)";
  CHECK(std::system(("/usr/bin/python3 '" + script.string() + "' " + quoted).c_str()) == 0);
}
