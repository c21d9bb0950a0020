// Tests of the relief reader and land mask (forcing/relief): synthetic NetCDF files
// written with the NetCDF-C API, and the ETOPO5 file of Debian's ferret-datasets.
#include "taifeng/forcing/relief.hpp"

#include <netcdf.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/core/field.hpp"
#include "taifeng/core/grid.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;
using Catch::Matchers::Contains;

namespace {

constexpr float fill_value = -9999.0f;
const std::string etopo5 = "/usr/share/ferret-vis/data/etopo5.cdf";

fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "relief";
  fs::create_directories(dir);
  return dir;
}

void nc_ok(int status, const char* what) {
  INFO(what << ": " << nc_strerror(status));
  REQUIRE(status == NC_NOERR);
}

void put_text(int nc, int var, const char* name, const std::string& value) {
  nc_ok(nc_put_att_text(nc, var, name, value.size(), value.c_str()), name);
}

// Longitude in 0..360 of an integer longitude.
int lon360(long lon) {
  return int(((lon % 360) + 360) % 360);
}

// The synthetic relief: 1000 (lat - 12) + lon360 metres at integer degrees (exact in
// float32); negative (sea) south of 12N, positive (land) north of it, 0 at (12N, 0E).
double relief_value(long lat, long lon) {
  return 1000.0 * double(lat - 12) + lon360(lon);
}

// A 1-degree global file: latitudes lat_first..lat_last (either order), longitudes
// lon_first, lon_first+1, ... (360 values). Variables:
//   elev(lat, lon)        units "m", _FillValue at (fill_lat, fill_lon)
//   elev3(time, lat, lon) units "m"
//   elev_ft(lat, lon)     units "feet"
//   bare(y, x)            units "m", dimensions without coordinate variables
// With `missing_value_att` the hole is marked by missing_value instead of _FillValue
// (and the variable is called "z" with units "metres"); with `nan_at_fill` it is a NaN.
struct SyntheticSpec {
  int lat_first = 40, lat_last = 0;
  int lon_first = 0;
  long fill_lat = 12, fill_lon = 359;
  bool missing_value_att = false;
  bool nan_at_fill = false;
};

std::string write_synthetic(const std::string& name, const SyntheticSpec& s) {
  const std::string path = (tmp_dir() / name).string();
  int nc = -1;
  nc_ok(nc_create(path.c_str(), NC_CLOBBER, &nc), "nc_create");
  const int step = s.lat_last >= s.lat_first ? 1 : -1;
  const std::size_t nlat = std::size_t(std::abs(s.lat_last - s.lat_first) + 1), nlon = 360;
  int d_lat, d_lon, d_time, d_y, d_x;
  nc_ok(nc_def_dim(nc, "lat", nlat, &d_lat), "lat");
  nc_ok(nc_def_dim(nc, "lon", nlon, &d_lon), "lon");
  nc_ok(nc_def_dim(nc, "time", 2, &d_time), "time");
  nc_ok(nc_def_dim(nc, "y", 3, &d_y), "y");
  nc_ok(nc_def_dim(nc, "x", 4, &d_x), "x");
  int v_lat, v_lon, v_time, v_elev, v_elev3, v_ft, v_bare;
  nc_ok(nc_def_var(nc, "lat", NC_DOUBLE, 1, &d_lat, &v_lat), "lat");
  put_text(nc, v_lat, "units", "degrees_north");
  nc_ok(nc_def_var(nc, "lon", NC_DOUBLE, 1, &d_lon, &v_lon), "lon");
  put_text(nc, v_lon, "units", "degrees_east");
  nc_ok(nc_def_var(nc, "time", NC_DOUBLE, 1, &d_time, &v_time), "time");
  put_text(nc, v_time, "units", "hours since 2005-09-25 00:00:00");
  const int dims2[2] = {d_lat, d_lon}, dims3[3] = {d_time, d_lat, d_lon}, dims_yx[2] = {d_y, d_x};
  const char* elev_name = s.missing_value_att ? "z" : "elev";
  nc_ok(nc_def_var(nc, elev_name, NC_FLOAT, 2, dims2, &v_elev), elev_name);
  put_text(nc, v_elev, "units", s.missing_value_att ? "metres" : "m");
  nc_ok(nc_put_att_float(nc, v_elev, s.missing_value_att ? "missing_value" : "_FillValue", NC_FLOAT,
                         1, &fill_value),
        "fill");
  nc_ok(nc_def_var(nc, "elev3", NC_FLOAT, 3, dims3, &v_elev3), "elev3");
  put_text(nc, v_elev3, "units", "m");
  nc_ok(nc_def_var(nc, "elev_ft", NC_FLOAT, 2, dims2, &v_ft), "elev_ft");
  put_text(nc, v_ft, "units", "feet");
  nc_ok(nc_def_var(nc, "bare", NC_FLOAT, 2, dims_yx, &v_bare), "bare");
  put_text(nc, v_bare, "units", "m");
  nc_ok(nc_enddef(nc), "nc_enddef");

  std::vector<double> lat(nlat), lon(nlon);
  for (std::size_t k = 0; k < nlat; ++k) lat[k] = s.lat_first + step * int(k);
  for (std::size_t k = 0; k < nlon; ++k) lon[k] = s.lon_first + int(k);
  std::vector<float> elev(nlat * nlon);
  for (std::size_t j = 0; j < nlat; ++j)
    for (std::size_t i = 0; i < nlon; ++i) {
      const long la = long(lat[j]), lo = long(lon[i]);
      const bool hole = la == s.fill_lat && lon360(lo) == lon360(s.fill_lon);
      elev[j * nlon + i] =
          hole ? (s.nan_at_fill ? std::numeric_limits<float>::quiet_NaN() : fill_value)
               : float(relief_value(la, lo));
    }
  const double hours[2] = {0.0, 6.0};
  std::vector<float> elev3(2 * elev.size());
  std::copy(elev.begin(), elev.end(), elev3.begin());
  std::copy(elev.begin(), elev.end(), elev3.begin() + std::ptrdiff_t(elev.size()));
  const std::vector<float> bare(12, 1.0f);
  nc_ok(nc_put_var_double(nc, v_lat, lat.data()), "put lat");
  nc_ok(nc_put_var_double(nc, v_lon, lon.data()), "put lon");
  nc_ok(nc_put_var_double(nc, v_time, hours), "put time");
  nc_ok(nc_put_var_float(nc, v_elev, elev.data()), "put elev");
  nc_ok(nc_put_var_float(nc, v_elev3, elev3.data()), "put elev3");
  nc_ok(nc_put_var_float(nc, v_ft, elev.data()), "put elev_ft");
  nc_ok(nc_put_var_float(nc, v_bare, bare.data()), "put bare");
  nc_ok(nc_close(nc), "nc_close");
  return path;
}

// 0.4 degree grid over 2W..2E (across the 0/360 seam), 10..14N: no point is halfway
// between two source points, so the nearest source point is unique.
Grid seam_grid() {
  return Grid::from_box(-2.0, 2.0, 10.0, 14.0, 0.4);
}

// Checks every point of `f` against the nearest 1-degree source point, NaN at the hole
// (which is nearest to `expected_holes` grid points).
void check_nearest(const Field& f, const Grid& g, long fill_lat, long fill_lon,
                   int expected_holes) {
  REQUIRE(f.grid == g);
  REQUIRE(f.data.size() == g.size());
  int holes = 0;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      const long la = std::lround(g.lat(j)), lo = std::lround(g.lon(i));
      INFO("grid point lon " << g.lon(i) << " lat " << g.lat(j) << " -> source " << la << "N "
                             << lon360(lo) << "E");
      if (la == fill_lat && lon360(lo) == lon360(fill_lon)) {
        CHECK(std::isnan(f.at(i, j)));
        ++holes;
      } else {
        CHECK(f.at(i, j) == relief_value(la, lo));
      }
    }
  CHECK(holes == expected_holes);
}

std::optional<Error> error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

Error require_input_error(const std::function<void()>& f) {
  const auto e = error_of(f);
  REQUIRE(e.has_value());
  CHECK(e->kind() == ErrorKind::input);
  return *e;
}

}  // namespace

TEST_CASE("read_relief: synthetic global file, latitude north-to-south, across 0/360",
          "[forcing][relief]") {
  const std::string file = write_synthetic("relief_desc.nc", {});
  const Grid g = seam_grid();
  REQUIRE(g.nlon == 11);
  REQUIRE(g.nlat == 11);
  const Field f = read_relief(file, "elev", g);
  CHECK(f.name == "relief");
  CHECK(f.units == "m");
  CHECK_THAT(f.long_name, Contains("relief_desc.nc"));
  // The hole (12N, 359E) is nearest to lat 11.6, 12.0, 12.4 and lon -1.2, -0.8.
  check_nearest(f, g, 12, 359, 6);

  // A few points spelled out: (-2E, 10N) is 358E; (-0.4E, 14N) wraps to 0E (359.6 is
  // closer to 360 than to 359); (2E, 13.2N) is (13N, 2E).
  CHECK(f.at(0, 0) == 1000.0 * (10 - 12) + 358);
  CHECK(f.at(4, 10) == 1000.0 * (14 - 12) + 0);
  CHECK(f.at(10, 8) == 1000.0 * (13 - 12) + 2);
}

TEST_CASE("read_relief: ascending latitude, longitudes -180..179, missing_value and NaN",
          "[forcing][relief]") {
  SyntheticSpec s;
  s.lat_first = -10;
  s.lat_last = 30;
  s.lon_first = -180;
  s.fill_lon = -1;  // 359E
  s.missing_value_att = true;
  const std::string file = write_synthetic("relief_asc_signed.nc", s);
  const Grid g = seam_grid();
  check_nearest(read_relief(file, "z", g), g, 12, 359, 6);

  // Across the date line: 178..182E on a -180..179 file.
  const Grid g2 = Grid::from_box(178.0, 182.0, 10.0, 14.0, 0.4);
  check_nearest(read_relief(file, "z", g2), g2, 12, 359, 0);  // hole not in g2

  SECTION("a NaN value is missing too") {
    SyntheticSpec sn;
    sn.nan_at_fill = true;
    const std::string nan_file = write_synthetic("relief_nan.nc", sn);
    check_nearest(read_relief(nan_file, "elev", g), g, 12, 359, 6);
  }
}

TEST_CASE("land_mask_from_relief: threshold, NaN is sea", "[forcing][relief]") {
  SECTION("hand-made field") {
    Field f("relief", "m", Grid::from_box(0.0, 5.0, 0.0, 1.0, 1.0));
    REQUIRE(f.data.size() == 12);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    f.data = {-5.0, 0.0, 0.5, nan, 100.0, -1e-9, 1e-9, 49.9, 50.0, 50.1, nan, -4000.0};
    CHECK(land_mask_from_relief(f) ==
          std::vector<std::uint8_t>{0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0});
    CHECK(land_mask_from_relief(f, 50.0) ==
          std::vector<std::uint8_t>{0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0});
    CHECK(land_mask_from_relief(f, -10.0) ==
          std::vector<std::uint8_t>{1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0});
  }
  SECTION("mask of the synthetic relief") {
    const std::string file = write_synthetic("relief_mask.nc", {});
    const Grid g = seam_grid();
    const Field f = read_relief(file, "elev", g);
    for (const double threshold : {0.0, 1000.5}) {
      const auto mask = land_mask_from_relief(f, threshold);
      REQUIRE(mask.size() == g.size());
      std::size_t land = 0;
      for (std::size_t j = 0; j < g.nlat; ++j)
        for (std::size_t i = 0; i < g.nlon; ++i) {
          const long la = std::lround(g.lat(j)), lo = std::lround(g.lon(i));
          const bool hole = la == 12 && lon360(lo) == 359;
          const bool expect = !hole && relief_value(la, lo) > threshold;
          INFO("threshold " << threshold << " lon " << g.lon(i) << " lat " << g.lat(j));
          CHECK(mask[g.index(i, j)] == (expect ? 1 : 0));
          land += mask[g.index(i, j)];
        }
      // Grid rows map to source rows 10,10,11,11,12,12,12,13,13,14,14 and columns to
      // 358,358,359,359,0,0,0,1,1,2,2. Threshold 0: rows 13N and 14N (4 x 11) plus, in the
      // three 12N rows, all but 0E (value 0, 3 points) and the hole (2 points): 44 + 3 x 6.
      // Threshold 1000.5: rows 14N (2 x 11) plus the 13N rows except 0E: 22 + 2 x 8.
      CHECK(land == (threshold == 0.0 ? 44u + 18u : 22u + 16u));
    }
  }
}

TEST_CASE("read_relief: errors name the file and the variable", "[forcing][relief]") {
  const std::string file = write_synthetic("relief_errors.nc", {});
  const Grid g = seam_grid();

  SECTION("missing variable") {
    const Error e = require_input_error([&] { read_relief(file, "no_such_var", g); });
    INFO(e.what());
    CHECK_THAT(e.what(), Contains(file));
    CHECK_THAT(e.what(), Contains("'no_such_var' not found"));
  }
  SECTION("3-D variable") {
    const Error e = require_input_error([&] { read_relief(file, "elev3", g); });
    INFO(e.what());
    CHECK_THAT(e.what(), Contains(file));
    CHECK_THAT(e.what(), Contains("'elev3' has 3 dimensions; expected 2"));
  }
  SECTION("units feet") {
    const Error e = require_input_error([&] { read_relief(file, "elev_ft", g); });
    INFO(e.what());
    CHECK_THAT(e.what(), Contains(file));
    CHECK_THAT(e.what(), Contains("'elev_ft' has units 'feet'; expected metres"));
  }
  SECTION("dimensions without coordinate variables") {
    const Error e = require_input_error([&] { read_relief(file, "bare", g); });
    INFO(e.what());
    CHECK_THAT(e.what(), Contains(file));
    CHECK_THAT(e.what(), Contains("'bare'"));
    CHECK_THAT(e.what(), Contains("no coordinate variable"));
  }
  SECTION("grid north of the latitude coverage (0..40N)") {
    const Grid north = Grid::from_box(-2.0, 2.0, 38.0, 42.0, 0.4);
    const Error e = require_input_error([&] { read_relief(file, "elev", north); });
    INFO(e.what());
    CHECK_THAT(e.what(), Contains(file));
    CHECK_THAT(e.what(), Contains("'elev' covers latitudes 0..40"));
  }
  SECTION("grid south of the latitude coverage") {
    const Grid south = Grid::from_box(-2.0, 2.0, -1.0, 3.0, 1.0);
    const Error e = require_input_error([&] { read_relief(file, "elev", south); });
    INFO(e.what());
    CHECK_THAT(e.what(), Contains(file));
    CHECK_THAT(e.what(), Contains("'elev' covers latitudes"));
  }
  SECTION("missing file") {
    const std::string missing = (tmp_dir() / "no_such_file.nc").string();
    fs::remove(missing);
    const Error e = require_input_error([&] { read_relief(missing, "elev", g); });
    INFO(e.what());
    CHECK_THAT(e.what(), Contains(missing));
  }
}

TEST_CASE("read_relief: a non-NetCDF file is an input error naming the file", "[forcing][relief]") {
  const std::string text = (tmp_dir() / "not_netcdf.nc").string();
  {
    std::ofstream out(text, std::ios::trunc);
    out << "CY,Year,Month,Day,Hour,Lat,Lon,VMax,MSLP,SN,Cat\nthis is not a NetCDF file\n";
  }
  const Error e = require_input_error([&] { read_relief(text, "elev", seam_grid()); });
  INFO(e.what());
  CHECK_THAT(e.what(), Contains(text));
  CHECK_THAT(e.what(), Contains("NetCDF"));
}

// Regression: the open error once named only the file (relief.hpp promises file and variable).
TEST_CASE("read_relief: the non-NetCDF file error also names the variable", "[forcing][relief]") {
  const std::string text = (tmp_dir() / "not_netcdf2.nc").string();
  {
    std::ofstream out(text, std::ios::trunc);
    out << "this is not a NetCDF file\n";
  }
  const Error e = require_input_error([&] { read_relief(text, "elev", seam_grid()); });
  INFO(e.what());
  CHECK_THAT(e.what(), Contains(text));
  CHECK_THAT(e.what(), Contains("elev"));
}

TEST_CASE("read_relief: ETOPO5 around Hainan island", "[forcing][relief][etopo5]") {
  if (!fs::is_regular_file(etopo5)) {
    WARN(etopo5 << " not found (Debian package ferret-datasets); test skipped");
    SUCCEED();
    return;
  }
  // 108-112E, 17.5-20.5N at 0.05 deg: 81 x 61 points.
  const Grid g = Grid::from_box(108.0, 112.0, 17.5, 20.5, 0.05);
  REQUIRE(g.nlon == 81);
  REQUIRE(g.nlat == 61);
  const Field f = read_relief(etopo5, "ROSE", g);
  REQUIRE(f.data.size() == g.size());
  for (const double v : f.data) REQUIRE_FALSE(std::isnan(v));

  const auto wuzhishan = g.nearest(109.6, 18.9);  // Wuzhishan (Five Finger Mountain), 1867 m
  REQUIRE(wuzhishan);
  const double h = f.at(wuzhishan->first, wuzhishan->second);
  INFO("relief near Wuzhishan: " << h << " m");
  CHECK(h > 300.0);

  const auto sea = g.nearest(111.9, 17.6);  // South China Sea, south-east of Hainan
  REQUIRE(sea);
  const double d = f.at(sea->first, sea->second);
  INFO("relief at 17.6N 111.9E: " << d << " m");
  CHECK(d < -500.0);

  // Area-weighted land fraction. Hainan island is about 34,000 km^2; the box is
  // 4 deg x 3 deg at ~19N, i.e. about 421 km x 334 km = 140,000 km^2 (not 110,000; the
  // 81 x 61 cells of 0.05 deg add half a cell on each edge: 144,000 km^2), and also holds
  // the southern tip of the Leizhou peninsula (north of 20.2N), so the land fraction
  // should be about 0.25 (ETOPO5 gives 0.23); 0.2..0.6 leaves room for the 5' coastline.
  const auto mask = land_mask_from_relief(f);
  double land_km2 = 0.0, total_km2 = 0.0;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      total_km2 += g.cell_area_km2(j);
      if (mask[g.index(i, j)]) land_km2 += g.cell_area_km2(j);
    }
  const double fraction = land_km2 / total_km2;
  INFO("land " << land_km2 << " km2 of " << total_km2 << " km2: fraction " << fraction);
  CHECK(total_km2 == Approx(140000.0).epsilon(0.05));
  CHECK(fraction > 0.2);
  CHECK(fraction < 0.6);
  CHECK(mask[g.index(wuzhishan->first, wuzhishan->second)] == 1);
  CHECK(mask[g.index(sea->first, sea->second)] == 0);
}
