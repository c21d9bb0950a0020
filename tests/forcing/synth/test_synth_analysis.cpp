// Synthetic analyses (forcing/synth): the example configuration is written to CF NetCDF
// and read back with the NetCDF C API, independently of the writer, to check layout,
// markers and physics (cyclonic vortex with the configured Vmax, steering flow far away,
// geostrophic balance, Holland MSLP minimum, SST range, determinism, strict config).
#include "taifeng/forcing/synth_analysis.hpp"

#include <netcdf.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>
#include <vector>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/forcing/gridded.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;
using Catch::Matchers::Contains;

namespace {

constexpr double g0 = 9.80665;

fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "synth";
  fs::create_directories(dir);
  return dir;
}

const fs::path example_config =
    fs::path(TAIFENG_SOURCE_DIR) / "configs" / "synth" / "hainan_ridge.toml";

SynthConfig read_example() {
  ConfigReader r = ConfigReader::from_file(example_config);
  return read_synth_config(r);
}

// The example file is written once and shared by the test cases below.
const fs::path& example_file() {
  static const fs::path file = [] {
    const fs::path f = tmp_dir() / "hainan_ridge.nc";
    write_synth_analysis(f, read_example());
    return f;
  }();
  return file;
}

// A minimal reader on the NetCDF C API, independent of the taifeng readers.
class Nc {
 public:
  explicit Nc(const fs::path& p) { REQUIRE(nc_open(p.c_str(), NC_NOWRITE, &id_) == NC_NOERR); }
  ~Nc() { nc_close(id_); }
  Nc(const Nc&) = delete;
  Nc& operator=(const Nc&) = delete;

  std::size_t dim(const char* name) const {
    int d = -1;
    std::size_t len = 0;
    REQUIRE(nc_inq_dimid(id_, name, &d) == NC_NOERR);
    REQUIRE(nc_inq_dimlen(id_, d, &len) == NC_NOERR);
    return len;
  }
  int var(const char* name) const {
    int v = -1;
    INFO("variable " << name);
    REQUIRE(nc_inq_varid(id_, name, &v) == NC_NOERR);
    return v;
  }
  std::vector<std::string> dims_of(const char* name) const {
    const int v = var(name);
    int nd = 0;
    int ids[NC_MAX_VAR_DIMS];
    REQUIRE(nc_inq_var(id_, v, nullptr, nullptr, &nd, ids, nullptr) == NC_NOERR);
    std::vector<std::string> out;
    for (int k = 0; k < nd; ++k) {
      char buf[NC_MAX_NAME + 1] = {};
      REQUIRE(nc_inq_dimname(id_, ids[k], buf) == NC_NOERR);
      out.emplace_back(buf);
    }
    return out;
  }
  nc_type type_of(const char* name) const {
    nc_type t{};
    REQUIRE(nc_inq_vartype(id_, var(name), &t) == NC_NOERR);
    return t;
  }
  std::string text(const char* varname, const char* att) const {
    const int v = varname ? var(varname) : NC_GLOBAL;
    std::size_t len = 0;
    INFO("attribute " << att);
    REQUIRE(nc_inq_attlen(id_, v, att, &len) == NC_NOERR);
    std::string s(len, '\0');
    REQUIRE(nc_get_att_text(id_, v, att, s.data()) == NC_NOERR);
    return s;
  }
  double number(const char* att) const {
    double x = 0;
    INFO("attribute " << att);
    REQUIRE(nc_get_att_double(id_, NC_GLOBAL, att, &x) == NC_NOERR);
    return x;
  }
  std::vector<double> doubles(const char* name) const {
    const int v = var(name);
    std::size_t n = 1;
    for (const auto& d : dims_of(name)) n *= dim(d.c_str());
    std::vector<double> out(n);
    REQUIRE(nc_get_var_double(id_, v, out.data()) == NC_NOERR);
    return out;
  }
  std::vector<float> floats(const char* name) const {
    const int v = var(name);
    std::size_t n = 1;
    for (const auto& d : dims_of(name)) n *= dim(d.c_str());
    std::vector<float> out(n);
    REQUIRE(nc_get_var_float(id_, v, out.data()) == NC_NOERR);
    return out;
  }

 private:
  int id_ = -1;
};

// The file's fields with the coordinates, indexable as [t][k][j][i].
struct Analysis {
  std::vector<double> time, level, lat, lon;
  std::vector<double> u, v, z, msl, sst, vortex_lat, vortex_lon;
  std::size_t nt = 0, nl = 0, ny = 0, nx = 0;
  explicit Analysis(const fs::path& file) {
    Nc nc(file);
    time = nc.doubles("time");
    level = nc.doubles("level");
    lat = nc.doubles("lat");
    lon = nc.doubles("lon");
    nt = time.size(), nl = level.size(), ny = lat.size(), nx = lon.size();
    u = nc.doubles("u");
    v = nc.doubles("v");
    z = nc.doubles("gh");
    msl = nc.doubles("msl");
    sst = nc.doubles("sst");
    vortex_lat = nc.doubles("vortex_lat");
    vortex_lon = nc.doubles("vortex_lon");
  }
  std::size_t at4(std::size_t t, std::size_t k, std::size_t j, std::size_t i) const {
    return ((t * nl + k) * ny + j) * nx + i;
  }
  std::size_t at3(std::size_t t, std::size_t j, std::size_t i) const {
    return (t * ny + j) * nx + i;
  }
  std::size_t level_index(double p) const {
    for (std::size_t k = 0; k < nl; ++k)
      if (level[k] == p) return k;
    FAIL("level " << p << " not in the file");
    return 0;
  }
  double dist_km(std::size_t t, std::size_t j, std::size_t i) const {
    return great_circle_km({lon[i], lat[j]}, {vortex_lon[t], vortex_lat[t]});
  }
};

double f_of(double lat) {
  return 2.0 * omega_earth * std::sin(deg_to_rad(lat));
}

// Runs f, which must throw taifeng::Error of kind input; returns its message.
template <class F>
std::string input_error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    return e.what();
  }
  FAIL("expected a taifeng::Error, nothing was thrown");
  return {};
}

SynthConfig config_from(const std::string& text) {
  ConfigReader r = ConfigReader::from_string(text, "synth.toml");
  return read_synth_config(r);
}

// Uniform steering (u0 = -5 m/s) and a fixed vortex on a 0.1° grid.
const char* const uniform_text =
    "[grid]\n"                                // 1
    "lon_min = 110.0\n"                       // 2
    "lon_max = 130.0\n"                       // 3
    "lat_min = 10.0\n"                        // 4
    "lat_max = 30.0\n"                        // 5
    "resolution_deg = 0.1\n"                  // 6
    "levels_hpa = \"850 500 200\"\n"          // 7
    "[time]\n"                                // 8
    "analysis_time = 2005-09-25T00:00:00Z\n"  // 9
    "[steering]\n"                            // 10
    "pattern = \"uniform\"\n"                 // 11
    "u0 = -5.0\n"                             // 12
    "[vortex]\n"                              // 13
    "lat = 20.0\n"                            // 14
    "lon = 120.0\n"                           // 15
    "vmax = 41.0\n"                           // 16
    "rmw_km = 40.0\n"                         // 17
    "b = 1.4\n"                               // 18
    "motion = \"fixed\"\n";                   // 19

}  // namespace

TEST_CASE("example configuration is read with its values", "[synth]") {
  const SynthConfig c = read_example();
  CHECK(c.grid.nlon == 101);
  CHECK(c.grid.nlat == 101);
  CHECK(c.grid.lon0 == 100.0);
  CHECK(c.grid.lat0 == 5.0);
  CHECK(c.analysis_time == make_utc(2005, 9, 25, 0));
  CHECK(c.forecast_hours == std::vector<double>{0, 6, 12, 18, 24});
  CHECK(c.levels_hpa == std::vector<double>{850, 700, 500, 400, 300, 250, 200});
  CHECK(c.pattern == SteeringPattern::subtropical_ridge);
  CHECK(c.vortex.enabled);
  CHECK(c.vortex.lat == 18.9);
  CHECK(c.vortex.lon == 112.8);
  CHECK(c.vortex.vmax == 41.0);
  REQUIRE(c.vortex.pc_hpa);
  CHECK(*c.vortex.pc_hpa == 963.0);
  // The ridge steers the storm westward at about 5 m/s (deep-layer mean 850-200 hPa).
  const auto [us, vs] = synth_deep_layer_mean(c, 112.8, 18.9);
  CHECK(us < -4.0);
  CHECK(us > -6.0);
  CHECK(std::fabs(vs) < 1.0);
}

TEST_CASE("synthetic analysis: dimensions, coordinates and attributes", "[synth]") {
  Nc nc(example_file());
  CHECK(nc.dim("time") == 5);
  CHECK(nc.dim("level") == 7);
  CHECK(nc.dim("lat") == 101);
  CHECK(nc.dim("lon") == 101);
  CHECK(nc.doubles("level") == std::vector<double>{850, 700, 500, 400, 300, 250, 200});
  CHECK(nc.doubles("time") == std::vector<double>{0, 6, 12, 18, 24});
  const auto lat = nc.doubles("lat"), lon = nc.doubles("lon");
  CHECK(lat.front() == 5.0);
  CHECK(lat.back() == 30.0);
  CHECK(lon.front() == 100.0);
  CHECK(lon.back() == 125.0);
  CHECK(lat[4] == Approx(6.0).margin(1e-12));

  CHECK(nc.text("time", "units") == "hours since 2005-09-25 00:00:00");
  CHECK(nc.text("time", "calendar") == "standard");
  CHECK(nc.text("time", "axis") == "T");
  CHECK(nc.text("level", "units") == "hPa");
  CHECK(nc.text("level", "standard_name") == "air_pressure");
  CHECK(nc.text("level", "positive") == "down");
  CHECK(nc.text("level", "axis") == "Z");
  CHECK(nc.text("lat", "units") == "degrees_north");
  CHECK(nc.text("lat", "standard_name") == "latitude");
  CHECK(nc.text("lon", "units") == "degrees_east");
  CHECK(nc.text("lon", "standard_name") == "longitude");

  const std::vector<std::string> d4{"time", "level", "lat", "lon"}, d3{"time", "lat", "lon"};
  struct Expect {
    const char *name, *standard_name, *units;
    std::vector<std::string> dims;
  };
  for (const Expect& e :
       {Expect{"u", "eastward_wind", "m s-1", d4}, Expect{"v", "northward_wind", "m s-1", d4},
        Expect{"gh", "geopotential_height", "m", d4},
        Expect{"msl", "air_pressure_at_mean_sea_level", "Pa", d3},
        Expect{"sst", "sea_surface_temperature", "K", d3}}) {
    INFO(e.name);
    CHECK(nc.dims_of(e.name) == e.dims);
    CHECK(nc.text(e.name, "standard_name") == e.standard_name);
    CHECK(nc.text(e.name, "units") == e.units);
    CHECK(nc.type_of(e.name) == NC_FLOAT);
  }

  CHECK(nc.text(nullptr, "Conventions") == "CF-1.8");
  CHECK(nc.text(nullptr, "synthetic") == "yes");
  CHECK(nc.text(nullptr, "source") == "taifeng synthetic analysis");
  CHECK_THAT(nc.text(nullptr, "comment"),
             Contains("SYNTHETIC analysis generated by taifeng for tests and demonstrations; "
                      "not observed or modelled weather"));
  CHECK_THAT(nc.text(nullptr, "title"), Contains("synthetic"));
  CHECK(nc.text(nullptr, "analysis_time") == "2005-09-25T00:00:00Z");
  CHECK(nc.text(nullptr, "synth_pattern") == "subtropical_ridge");
  CHECK(nc.number("synth_ridge_amplitude_m") == 30.0);
  CHECK(nc.number("synth_vortex_vmax") == 41.0);
  CHECK(nc.number("synth_vortex_pc_hpa") == Approx(963.0).margin(1e-9));
  const double b = nc.number("synth_vortex_b");
  CHECK(b >= 1.0);
  CHECK(b <= 2.5);
  // No temporary file of this process is left beside the result (other test processes
  // may be writing the same file concurrently under their own temporary names).
  const std::string own_tmp = ".tmp-" + std::to_string(long(::getpid()));
  for (const auto& entry : fs::directory_iterator(example_file().parent_path()))
    CHECK(entry.path().filename().string().find(own_tmp) == std::string::npos);
}

TEST_CASE("synthetic vortex: cyclonic, Vmax at the RMW, weaker aloft", "[synth]") {
  const SynthConfig c = read_example();
  const Analysis a(example_file());
  const std::size_t k850 = a.level_index(850), k200 = a.level_index(200);
  REQUIRE(a.vortex_lat[0] == 18.9);
  REQUIRE(a.vortex_lon[0] == 112.8);
  // Grid points about 1° east, west, north and south of the centre (18.9N 112.8E).
  auto j_of = [&](double lat) { return std::size_t(std::lround((lat - 5.0) / 0.25)); };
  auto i_of = [&](double lon) { return std::size_t(std::lround((lon - 100.0) / 0.25)); };
  const std::size_t jc = j_of(19.0), ic = i_of(112.75);
  CHECK(a.v[a.at4(0, k850, jc, i_of(113.75))] > 5.0);   // east: southerly
  CHECK(a.v[a.at4(0, k850, jc, i_of(111.75))] < -5.0);  // west: northerly
  CHECK(a.u[a.at4(0, k850, j_of(20.0), ic)] < -5.0);    // north: easterly
  CHECK(a.u[a.at4(0, k850, j_of(18.0), ic)] > 5.0);     // south: westerly

  // Tangential wind of the vortex (file minus the environment) near the RMW (40 km).
  double vt_max = 0.0, vt_sum = 0.0;
  int n = 0;
  for (std::size_t j = 0; j < a.ny; ++j)
    for (std::size_t i = 0; i < a.nx; ++i) {
      const double r = a.dist_km(0, j, i);
      if (r < 0.7 * 40.0 || r > 1.3 * 40.0) continue;
      const SynthPoint env = synth_environment(c, a.lon[i], a.lat[j], 850.0);
      const double brg = deg_to_rad(bearing_deg({112.8, 18.9}, {a.lon[i], a.lat[j]}));
      // Counter-clockwise unit tangent at bearing brg from the centre: (-cos, sin) rotated.
      const double te = -std::cos(brg), tn = std::sin(brg);
      const double vt =
          (a.u[a.at4(0, k850, j, i)] - env.u) * te + (a.v[a.at4(0, k850, j, i)] - env.v) * tn;
      vt_max = std::max(vt_max, vt);
      vt_sum += vt;
      ++n;
      // 200 hPa: the same rotation at 0.3 of the strength.
      const SynthPoint env200 = synth_environment(c, a.lon[i], a.lat[j], 200.0);
      const double vt200 =
          (a.u[a.at4(0, k200, j, i)] - env200.u) * te + (a.v[a.at4(0, k200, j, i)] - env200.v) * tn;
      CHECK(vt200 == Approx(0.3 * vt).epsilon(1e-4));
    }
  REQUIRE(n >= 4);
  CHECK(vt_max == Approx(41.0).epsilon(0.10));
  CHECK(vt_sum / n == Approx(41.0).epsilon(0.10));

  // Fine grid, uniform steering: the largest vortex wind on the grid is Vmax (within 3%).
  const SynthConfig uc = config_from(uniform_text);
  const SynthFields f = synth_fields(uc, 0);
  double best = 0.0;
  for (std::size_t n2 = 0; n2 < uc.grid.size(); ++n2)
    best = std::max(best, std::hypot(f.u[n2] + 5.0, f.v[n2]));
  CHECK(best == Approx(41.0).epsilon(0.03));
}

TEST_CASE("synthetic analysis: far from the vortex the flow is the steering pattern", "[synth]") {
  const SynthConfig c = config_from(uniform_text);
  const fs::path file = tmp_dir() / "uniform.nc";
  write_synth_analysis(file, c);
  const Analysis a(file);
  REQUIRE(a.nt == 1);
  REQUIRE(a.nl == 3);
  std::size_t far = 0;
  for (std::size_t k = 0; k < a.nl; ++k)
    for (std::size_t j = 0; j < a.ny; ++j)
      for (std::size_t i = 0; i < a.nx; ++i) {
        if (a.dist_km(0, j, i) <= 800.0) continue;
        ++far;
        CHECK(std::fabs(a.u[a.at4(0, k, j, i)] + 5.0) <= 1e-6);
        CHECK(std::fabs(a.v[a.at4(0, k, j, i)]) <= 1e-6);
      }
  CHECK(far > 1000);

  // The uniform zonal flow is geostrophic: u = -(g/f) dz/dy, v = (g/f) dz/dx = 0.
  const double dy = deg_to_rad(0.1) * earth_radius_m;
  double worst = 0.0;
  for (std::size_t k = 0; k < a.nl; ++k)
    for (std::size_t j = 1; j + 1 < a.ny; ++j)
      for (std::size_t i = 1; i + 1 < a.nx; i += 7) {
        if (a.dist_km(0, j, i) <= 900.0) continue;
        const double f = f_of(a.lat[j]);
        const double ug =
            -g0 / f * (a.z[a.at4(0, k, j + 1, i)] - a.z[a.at4(0, k, j - 1, i)]) / (2 * dy);
        const double vg = g0 / f * (a.z[a.at4(0, k, j, i + 1)] - a.z[a.at4(0, k, j, i - 1)]) /
                          (2 * dy * std::cos(deg_to_rad(a.lat[j])));
        worst = std::max(worst, std::fabs(ug - a.u[a.at4(0, k, j, i)]));
        CHECK(std::fabs(ug + 5.0) <= 0.03 * 5.0);
        CHECK(std::fabs(vg) <= 0.05);
      }
  INFO("largest |u_g - u| " << worst);
  CHECK(worst < 0.15);
}

TEST_CASE("subtropical ridge: easterlies south of the axis, westerlies north, geostrophic",
          "[synth]") {
  const Analysis a(example_file());
  const double axis = 26.5;
  std::size_t south = 0, north = 0;
  for (std::size_t k = 0; k < a.nl; ++k)
    for (std::size_t j = 0; j < a.ny; ++j)
      for (std::size_t i = 0; i < a.nx; ++i) {
        if (a.dist_km(0, j, i) <= 850.0 || std::fabs(a.lat[j] - axis) < 0.5) continue;
        const double u = a.u[a.at4(0, k, j, i)];
        if (a.lat[j] < axis) {
          ++south;
          if (!(u < 0.0)) FAIL_CHECK("westerly " << u << " at " << a.lat[j] << "N " << a.lon[i]);
        } else {
          ++north;
          if (!(u > 0.0)) FAIL_CHECK("easterly " << u << " at " << a.lat[j] << "N " << a.lon[i]);
        }
      }
  CHECK(south > 1000);
  CHECK(north > 500);

  // Geostrophic balance away from the vortex: finite differences of the height field.
  const double dy = deg_to_rad(0.25) * earth_radius_m;
  std::size_t checked = 0;
  for (std::size_t k = 0; k < a.nl; ++k)
    for (std::size_t j = 1; j + 1 < a.ny; ++j)
      for (std::size_t i = 1; i + 1 < a.nx; ++i) {
        if (a.dist_km(0, j, i) <= 900.0) continue;
        const double f = f_of(a.lat[j]);
        const double ug =
            -g0 / f * (a.z[a.at4(0, k, j + 1, i)] - a.z[a.at4(0, k, j - 1, i)]) / (2 * dy);
        const double vg = g0 / f * (a.z[a.at4(0, k, j, i + 1)] - a.z[a.at4(0, k, j, i - 1)]) /
                          (2 * dy * std::cos(deg_to_rad(a.lat[j])));
        const double u = a.u[a.at4(0, k, j, i)], v = a.v[a.at4(0, k, j, i)];
        if (std::fabs(ug - u) > 0.03 * std::fabs(u) + 0.05 ||
            std::fabs(vg - v) > 0.03 * std::fabs(v) + 0.05)
          FAIL_CHECK("not geostrophic at " << a.lat[j] << "N " << a.lon[i] << "E " << a.level[k]
                                           << " hPa: u " << u << " ug " << ug << " v " << v
                                           << " vg " << vg);
        ++checked;
      }
  CHECK(checked > 20000);

  // The vortex moves with the steering: westward at about 5 m/s.
  const double km = great_circle_km({a.vortex_lon[0], a.vortex_lat[0]},
                                    {a.vortex_lon[a.nt - 1], a.vortex_lat[a.nt - 1]});
  const double speed = km * 1000.0 / (a.time.back() * 3600.0);
  CHECK(speed > 4.0);
  CHECK(speed < 6.0);
  CHECK(a.vortex_lon[a.nt - 1] < a.vortex_lon[0] - 3.0);
  CHECK(std::fabs(a.vortex_lat[a.nt - 1] - a.vortex_lat[0]) < 1.0);
}

TEST_CASE("monsoon trough: westerlies south of the axis, easterlies north", "[synth]") {
  SynthConfig c = config_from(
      "[grid]\nlon_min = 100.0\nlon_max = 140.0\nlat_min = 0.0\nlat_max = 30.0\n"
      "resolution_deg = 0.5\n"
      "[time]\nanalysis_time = 2005-09-25T00:00:00Z\n"
      "[steering]\npattern = \"monsoon_trough\"\n"
      "[trough]\nlat = 15.0\nlon = 120.0\ndepth_m = 25.0\n");
  CHECK(c.trough.top_factor == 0.3);
  const SynthFields f = synth_fields(c, 0);
  const Grid& g = c.grid;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      if (std::fabs(g.lat(j) - 15.0) < 0.5) continue;
      const double u = f.u[g.index(i, j)];  // 850 hPa
      if (g.lat(j) < 15.0 && !(u > 0.0)) FAIL_CHECK("easterly at " << g.lat(j) << "N");
      if (g.lat(j) > 15.0 && !(u < 0.0)) FAIL_CHECK("westerly at " << g.lat(j) << "N");
    }
  // The trough is a low: lowest MSLP on its axis.
  const auto it = std::min_element(f.msl.begin(), f.msl.end());
  const std::size_t n = std::size_t(it - f.msl.begin());
  CHECK(g.lat(n / g.nlon) == 15.0);
  CHECK(g.lon(n % g.nlon) == 120.0);
}

TEST_CASE("synthetic MSLP: minimum pc at the vortex centre, consistent with the heights",
          "[synth]") {
  const Analysis a(example_file());
  Nc nc(example_file());
  const double dp = nc.number("synth_vortex_dp_hpa") * 100.0, b = nc.number("synth_vortex_b");
  const double pc = 96300.0, rm = 40.0;
  for (std::size_t t = 0; t < a.nt; ++t) {
    std::size_t best = 0;
    for (std::size_t n = 0; n < a.ny * a.nx; ++n)
      if (a.msl[a.at3(t, 0, 0) + n] < a.msl[a.at3(t, 0, 0) + best]) best = n;
    const std::size_t j = best / a.nx, i = best % a.nx;
    // The minimum is at a grid point next to the centre …
    CHECK(std::fabs(a.lat[j] - a.vortex_lat[t]) <= 0.25);
    CHECK(std::fabs(a.lon[i] - a.vortex_lon[t]) <= 0.25);
    // … and, at the analysis, equals pc up to the Holland profile at the nearest grid
    // point's distance d (grid resolution error) and the environmental gradient.
    if (t == 0) {
      double d = 1e9;
      for (std::size_t jj = 0; jj < a.ny; ++jj)
        for (std::size_t ii = 0; ii < a.nx; ++ii) d = std::min(d, a.dist_km(0, jj, ii));
      const double resolution_error = dp * std::exp(-std::pow(rm / d, b));
      const double pmin = a.msl[a.at3(0, j, i)];
      INFO("min msl " << pmin << " Pa, nearest point " << d << " km, allowance "
                      << resolution_error);
      CHECK(pmin >= pc - 10.0);
      CHECK(pmin <= pc + resolution_error + 10.0);
    }
  }
  // Height perturbation at 850 hPa ~ pressure perturbation / (rho g): the taper of the
  // winds beyond 480 km removes part of the outer pressure drop (within 10%).
  const SynthConfig c = read_example();
  const std::size_t j = std::size_t(std::lround((19.0 - 5.0) / 0.25));
  const std::size_t i = std::size_t(std::lround((112.75 - 100.0) / 0.25));
  const double dz = a.z[a.at4(0, 0, j, i)] - synth_environment(c, a.lon[i], a.lat[j], 850).z;
  const double dmsl = a.msl[a.at3(0, j, i)] - synth_environment_msl(c, a.lon[i], a.lat[j]);
  CHECK(dz < -200.0);
  CHECK(dz == Approx(dmsl / (1.15 * g0)).epsilon(0.10));
}

TEST_CASE("synthetic SST: in kelvin within the configured range", "[synth]") {
  const Analysis a(example_file());
  const auto [lo, hi] = std::minmax_element(a.sst.begin(), a.sst.end());
  CHECK(*lo == Approx(26.0 + 273.15).margin(1e-3));
  CHECK(*hi == Approx(29.5 + 273.15).margin(1e-3));
  CHECK(a.sst[a.at3(0, 0, 0)] == Approx(302.65).margin(1e-3));         // 5N
  CHECK(a.sst[a.at3(0, a.ny - 1, 0)] == Approx(299.15).margin(1e-3));  // 30N
  const double mid = a.sst[a.at3(2, (a.ny - 1) / 2, 7)];               // 17.5N
  CHECK(mid == Approx(273.15 + 27.75).margin(1e-3));
}

TEST_CASE("synthetic analysis is deterministic", "[synth]") {
  const fs::path again = tmp_dir() / "hainan_ridge_again.nc";
  write_synth_analysis(again, read_example());
  Nc a(example_file()), b(again);
  for (const char* name : {"time", "level", "lat", "lon", "vortex_lat", "vortex_lon"})
    CHECK(a.doubles(name) == b.doubles(name));
  for (const char* name : {"u", "v", "gh", "msl", "sst"}) {
    INFO(name);
    const auto x = a.floats(name), y = b.floats(name);
    REQUIRE(x.size() == y.size());
    CHECK(std::memcmp(x.data(), y.data(), x.size() * sizeof(float)) == 0);
  }
}

TEST_CASE("synthetic configuration errors name the key and the line", "[synth]") {
  // Unknown key, with the suggestion of the known one.
  std::string text = uniform_text;
  text += "rmw = 30.0\n";  // line 20
  std::string msg = input_error_of([&] { config_from(text); });
  CHECK_THAT(msg, Contains("synth.toml:20"));
  CHECK_THAT(msg, Contains("vortex.rmw"));
  CHECK_THAT(msg, Contains("unknown key"));

  // Out-of-range Vmax (line 16).
  text = uniform_text;
  text.replace(text.find("vmax = 41.0"), 11, "vmax = 120.0");
  msg = input_error_of([&] { config_from(text); });
  CHECK_THAT(msg, Contains("synth.toml:16"));
  CHECK_THAT(msg, Contains("vortex.vmax"));
  CHECK_THAT(msg, Contains("out of range"));

  // A key of a pattern that is not selected is unknown.
  msg = input_error_of([&] { config_from(std::string(uniform_text) + "[ridge]\nlat = 25.0\n"); });
  CHECK_THAT(msg, Contains("synth.toml:21"));
  CHECK_THAT(msg, Contains("ridge.lat"));

  // Bad level list (line 7).
  text = uniform_text;
  text.replace(text.find("\"850 500 200\""), 13, "\"850 500 600\"");
  msg = input_error_of([&] { config_from(text); });
  CHECK_THAT(msg, Contains("synth.toml:7"));
  CHECK_THAT(msg, Contains("grid.levels_hpa"));

  // Central pressure inconsistent with Vmax (B far above 2.5) names pc_hpa (line 18).
  text = uniform_text;
  text.replace(text.find("b = 1.4"), 7, "pc_hpa = 1000.0");
  msg = input_error_of([&] { config_from(text); });
  CHECK_THAT(msg, Contains("synth.toml:18"));
  CHECK_THAT(msg, Contains("vortex.pc_hpa"));
  CHECK_THAT(msg, Contains("Holland B"));

  // The grid box must be a whole number of steps (line 6).
  text = uniform_text;
  text.replace(text.find("resolution_deg = 0.1"), 20, "resolution_deg = 0.3");
  msg = input_error_of([&] { config_from(text); });
  CHECK_THAT(msg, Contains("synth.toml:6"));
  CHECK_THAT(msg, Contains("grid.resolution_deg"));

  // Lead time not a multiple of the interval.
  text = uniform_text;
  text.replace(text.find("[steering]"), 10, "lead_hours = 10\ninterval_hours = 4\n[steering]");
  msg = input_error_of([&] { config_from(text); });
  CHECK_THAT(msg, Contains("time.interval_hours"));
}

TEST_CASE("a failed synthetic write leaves no file behind", "[synth]") {
  const fs::path blocker = tmp_dir() / "not_a_dir";
  std::ofstream(blocker) << "x";
  const fs::path out = blocker / "a.nc";
  const std::string msg =
      input_error_of([&] { write_synth_analysis(out, config_from(uniform_text)); });
  CHECK_THAT(msg, Contains("a.nc"));
  CHECK(!fs::exists(out));
}

TEST_CASE("synthetic analysis files are byte-identical for the same configuration", "[synth]") {
  const fs::path again = tmp_dir() / "hainan_ridge_bytes.nc";
  write_synth_analysis(again, read_example());
  auto bytes = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  CHECK(bytes(again) == bytes(example_file()));
}

TEST_CASE("synthetic analysis read through the generic gridded reader", "[synth]") {
  const Analysis a(example_file());
  ReadRequest req;
  req.variable = "eastward_wind";
  req.levels_hpa = {850.0, 500.0};
  req.box = GeoBox{110.0, 115.0, 15.0, 22.0};
  const GriddedData d = read_netcdf_variable(example_file(), req);
  CHECK(d.source_variable == "u");
  CHECK(d.standard_name == "eastward_wind");
  REQUIRE(d.times.size() == 5);
  CHECK(d.times[0] == make_utc(2005, 9, 25, 0));
  CHECK(d.times[4] == make_utc(2005, 9, 26, 0));
  CHECK(d.levels_hpa == std::vector<double>{850.0, 500.0});
  CHECK(d.grid.nlon == 21);
  CHECK(d.grid.nlat == 29);
  CHECK(d.grid.lon0 == Approx(110.0));
  CHECK(d.grid.lat0 == Approx(15.0));
  CHECK(d.n_missing == 0);
  const std::size_t k500 = a.level_index(500);
  const std::size_t i0 = 40, j0 = 40;  // 110E, 15N in the file
  for (std::size_t t = 0; t < 5; t += 4)
    for (std::size_t j = 0; j < d.grid.nlat; j += 7)
      for (std::size_t i = 0; i < d.grid.nlon; i += 5) {
        CHECK(d.at(t, 0, i, j) == a.u[a.at4(t, 0, j0 + j, i0 + i)]);
        CHECK(d.at(t, 1, i, j) == a.u[a.at4(t, k500, j0 + j, i0 + i)]);
      }

  ReadRequest zreq;
  zreq.variable = "geopotential_height";
  zreq.levels_hpa = {500.0};
  const GriddedData z = read_netcdf_variable(example_file(), zreq);
  CHECK(z.source_variable == "gh");
  CHECK(z.grid.nlon == 101);
  CHECK(z.at(0, 0, 0, 0) == a.z[a.at4(0, k500, 0, 0)]);
  CHECK(z.at(0, 0, 0, 0) == Approx(5574.0).margin(60.0));  // ISA 500 hPa: 5574 m

  ReadRequest mreq;
  mreq.variable = "air_pressure_at_mean_sea_level";
  mreq.units = "hPa";
  const GriddedData m = read_netcdf_variable(example_file(), mreq);
  CHECK(m.units == "hPa");
  CHECK(m.levels_hpa.empty());
  const auto mn = std::min_element(m.values.begin(), m.values.begin() + long(m.grid.size()));
  CHECK(*mn == Approx(963.0).margin(1.0));
}
