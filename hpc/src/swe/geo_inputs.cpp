#include "geo_inputs.hpp"

#include <netcdf.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/forcing/jtwc_csv.hpp"
#include "taifeng/forcing/relief.hpp"
#include "taifeng/solver/storm_forcing.hpp"

namespace taifeng::hpc::swe {
namespace {

constexpr double deg = std::numbers::pi / 180.0;

double centre_lat(const Scenario& s) {
  return s.lat_ref + (s.geo.y0 + 0.5 * double(s.ny) * s.geo.dy) / earth_radius_m / deg;
}

LonLat lonlat(const Scenario& s, double x, double y) {
  return {s.lon_ref + x / (earth_radius_m * std::cos(centre_lat(s) * deg)) / deg,
          s.lat_ref + y / earth_radius_m / deg};
}

// The last frame of variable `name` ([time][y][x] or [y][x]) of an open NetCDF file.
std::vector<double> last_frame(int ncid, const Scenario& s, const char* name) {
  const std::string file = s.initial_file.string();
  int var = -1, ndims = 0;
  if (nc_inq_varid(ncid, name, &var) != NC_NOERR)
    throw_input_error(file, fmt::format("no variable '{}'; expected the output of 'taifeng swe' "
                                        "(h, u, v, b on y, x)",
                                        name));
  nc_inq_varndims(ncid, var, &ndims);
  int dims[3] = {0, 0, 0};
  if (ndims != 2 && ndims != 3)
    throw_input_error(file, fmt::format("variable '{}' has {} dimensions; expected (y, x) or "
                                        "(time, y, x)",
                                        name, ndims));
  nc_inq_vardimid(ncid, var, dims);
  std::size_t len[3] = {1, 1, 1};
  for (int d = 0; d < ndims; ++d) nc_inq_dimlen(ncid, dims[d], &len[d]);
  const std::size_t ny = len[ndims - 2], nx = len[ndims - 1];
  if (long(nx) != s.nx || long(ny) != s.ny)
    throw_input_error(file, fmt::format("variable '{}' is {} x {} cells; expected grid.nx x "
                                        "grid.ny = {} x {} of {}",
                                        name, nx, ny, s.nx, s.ny, s.config_file));
  if (ndims == 3 && len[0] == 0)
    throw_input_error(file, fmt::format("variable '{}' has no time record", name));
  std::vector<double> v(nx * ny);
  const std::size_t start[3] = {ndims == 3 ? len[0] - 1 : 0, 0, 0};
  const std::size_t count[3] = {1, ny, nx};
  const int rc = ndims == 3 ? nc_get_vara_double(ncid, var, start, count, v.data())
                            : nc_get_var_double(ncid, var, v.data());
  if (rc != NC_NOERR)
    throw_input_error(file, fmt::format("variable '{}': {}", name, nc_strerror(rc)));
  for (std::size_t k = 0; k < v.size(); ++k)
    if (!std::isfinite(v[k]))
      throw_input_error(file, fmt::format("variable '{}': missing or non-finite value at x index "
                                          "{}, y index {}; expected a complete state",
                                          name, k % nx, k / nx));
  return v;
}

// The file's x/y cell spacing must be the scenario's.
void check_spacing(int ncid, const Scenario& s, const char* axis, long n, double d) {
  int var = -1;
  if (nc_inq_varid(ncid, axis, &var) != NC_NOERR || n < 2) return;
  double a = 0, b = 0;
  const std::size_t i0 = 0, i1 = 1;
  nc_get_var1_double(ncid, var, &i0, &a);
  nc_get_var1_double(ncid, var, &i1, &b);
  if (std::fabs((b - a) - d) > 1e-9 * d)
    throw_input_error(s.initial_file.string(),
                      fmt::format("'{}' spacing {:g} m; expected grid.d{}_m = {:g} m of {}", axis,
                                  b - a, axis, d, s.config_file));
}

}  // namespace

Grid cell_grid(const Scenario& s) {
  TAIFENG_CHECK(s.placed(), "cell_grid: the scenario is not placed on the Earth");
  Grid g;
  const LonLat c0 = lonlat(s, s.geo.x0 + 0.5 * s.geo.dx, s.geo.y0 + 0.5 * s.geo.dy);
  g.lon0 = c0.lon;
  g.lat0 = c0.lat;
  g.dlon = s.geo.dx / (earth_radius_m * std::cos(centre_lat(s) * deg)) / deg;
  g.dlat = s.geo.dy / earth_radius_m / deg;
  g.nlon = std::size_t(s.nx);
  g.nlat = std::size_t(s.ny);
  return g;
}

GlobalInitial load_global_initial(const Scenario& s) {
  GlobalInitial r;
  const std::size_t n = std::size_t(s.nx * s.ny);
  if (s.kind == Case::relief) {
    const Field relief = forcing::read_relief(s.relief_file, s.relief_variable, cell_grid(s));
    r.bed.resize(n);
    r.h.resize(n);
    r.hu.assign(n, 0.0);
    r.hv.assign(n, 0.0);
    for (std::size_t k = 0; k < n; ++k) {
      double b = relief.data[k];
      if (!std::isfinite(b))
        throw_input_error(
            s.relief_file.string(),
            fmt::format("variable '{}': missing relief at cell ({}, {}); expected "
                        "values over the whole grid",
                        s.relief_variable, k % std::size_t(s.nx), k / std::size_t(s.nx)));
      if (s.depth_cap_m > 0) b = std::max(b, -s.depth_cap_m);
      r.bed[k] = b;
      r.h[k] = std::max(0.0, s.level_m - b);
    }
    return r;
  }
  TAIFENG_CHECK(s.kind == Case::file, "load_global_initial: not a relief or file case");
  const std::string file = s.initial_file.string();
  int ncid = -1;
  if (const int rc = nc_open(file.c_str(), NC_NOWRITE, &ncid); rc != NC_NOERR)
    throw_input_error(file, fmt::format("cannot open as NetCDF: {}", nc_strerror(rc)));
  try {
    check_spacing(ncid, s, "x", s.nx, s.geo.dx);
    check_spacing(ncid, s, "y", s.ny, s.geo.dy);
    r.bed = last_frame(ncid, s, "b");
    r.h = last_frame(ncid, s, "h");
    const std::vector<double> u = last_frame(ncid, s, "u"), v = last_frame(ncid, s, "v");
    r.hu.resize(n);
    r.hv.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      if (r.h[k] < 0)
        throw_input_error(file, fmt::format("variable 'h': negative depth {:g} m at x index {}, "
                                            "y index {}",
                                            r.h[k], k % std::size_t(s.nx), k / std::size_t(s.nx)));
      r.hu[k] = r.h[k] * u[k];
      r.hv[k] = r.h[k] * v[k];
    }
  } catch (...) {
    nc_close(ncid);
    throw;
  }
  nc_close(ncid);
  return r;
}

StormForcer::StormForcer(const Scenario& s, const solver::swe::Patch& p,
                         const std::vector<double>& bed)
    : s_(s) {
  std::vector<std::string> warnings;
  track_ = forcing::read_jtwc_csv(s.track_file, s.storm_id, &warnings);
  for (const auto& w : warnings) spdlog::warn("{}", w);
  if (!track_.covers(s.start))
    throw_input_error(s.track_file.string(),
                      fmt::format("storm {} covers {} .. {}; expected forcing.start {} within it",
                                  s.storm_id, format_iso_utc(track_.start()),
                                  format_iso_utc(track_.end()), format_iso_utc(s.start)));
  wind_.output_averaging = WindAveraging::ten_minute;  // the averaging of drag formulas
  wind_.p_env_hpa = s.p_env_hpa;
  pts_.resize(p.size());
  land_.resize(p.size());
  for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
    for (long i = -p.ghost; i < p.nx + p.ghost; ++i) {
      const std::size_t k = p.idx(i, j);
      pts_[k] = lonlat(s, s.geo.x(p, i), s.geo.y(p, j));
      land_[k] = bed[k] > s.land_threshold_m ? 1 : 0;
    }
  u10_.assign(p.size(), 0.0);
  v10_.assign(p.size(), 0.0);
  pa_.assign(p.size(), s.p_env_hpa * 100.0);
}

void StormForcer::update(double t) {
  const TimePoint at = add_hours(s_.start, t / 3600.0);  // whole seconds
  // After the track's last fix the storm is held there (a warning at start-up says so).
  const solver::StormState st = solver::storm_state_at(track_, std::min(at, track_.end()));
  solver::storm_forcing_at(st, wind_, pts_, land_, u10_.data(), v10_.data(), pa_.data());
  const double ramp = s_.ramp_hours * 3600.0;
  const double w = ramp > 0 ? std::min(1.0, t / ramp) : 1.0;
  solver::ramp_forcing(w, s_.p_env_hpa * 100.0, pa_.size(), u10_.data(), v10_.data(), pa_.data());
}

}  // namespace taifeng::hpc::swe
