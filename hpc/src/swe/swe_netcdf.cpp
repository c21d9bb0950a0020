#include "swe_netcdf.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <netcdf.h>

#include "taifeng/core/error.hpp"

namespace taifeng::hpc::swe {

namespace {
void nc(int status, const std::filesystem::path& p, const char* what) {
  if (status != NC_NOERR)
    throw_input_error(p.string(),
                      fmt::format("cannot write NetCDF ({}): {}", what, nc_strerror(status)));
}
void text_att(int id, int var, const char* name, const std::string& v,
              const std::filesystem::path& p) {
  nc(nc_put_att_text(id, var, name, v.size(), v.c_str()), p, name);
}
}  // namespace

SweNetcdfWriter::SweNetcdfWriter(const std::filesystem::path& path, long nx, long ny,
                                 const solver::swe::Geometry& geo, const std::vector<double>& bed,
                                 const std::string& title, double dry_tolerance, const Grid* lonlat)
    : path_(path), tmp_(path.string() + ".tmp"), nx_(nx), ny_(ny), bed_(bed), dry_(dry_tolerance) {
  nc(nc_create(tmp_.c_str(), NC_CLOBBER | NC_NETCDF4, &ncid_), tmp_, "create");
  int dt, dy, dx;
  nc(nc_def_dim(ncid_, "time", NC_UNLIMITED, &dt), tmp_, "time");
  nc(nc_def_dim(ncid_, "y", std::size_t(ny), &dy), tmp_, "y");
  nc(nc_def_dim(ncid_, "x", std::size_t(nx), &dx), tmp_, "x");
  int vx, vy, vb;
  nc(nc_def_var(ncid_, "time", NC_DOUBLE, 1, &dt, &v_time_), tmp_, "time");
  text_att(ncid_, v_time_, "units", "s", tmp_);
  text_att(ncid_, v_time_, "long_name", "time since the start of the run", tmp_);
  nc(nc_def_var(ncid_, "x", NC_DOUBLE, 1, &dx, &vx), tmp_, "x");
  text_att(ncid_, vx, "units", "m", tmp_);
  text_att(ncid_, vx, "standard_name", "projection_x_coordinate", tmp_);
  nc(nc_def_var(ncid_, "y", NC_DOUBLE, 1, &dy, &vy), tmp_, "y");
  text_att(ncid_, vy, "units", "m", tmp_);
  text_att(ncid_, vy, "standard_name", "projection_y_coordinate", tmp_);
  // A placed grid's cell centres form a regular lon/lat grid (the mapping is affine per
  // axis): auxiliary coordinates lon(x) and lat(y) let xarray and QGIS place the fields.
  int vlon = -1, vlat = -1;
  if (lonlat) {
    nc(nc_def_var(ncid_, "lon", NC_DOUBLE, 1, &dx, &vlon), tmp_, "lon");
    text_att(ncid_, vlon, "units", "degrees_east", tmp_);
    text_att(ncid_, vlon, "standard_name", "longitude", tmp_);
    nc(nc_def_var(ncid_, "lat", NC_DOUBLE, 1, &dy, &vlat), tmp_, "lat");
    text_att(ncid_, vlat, "units", "degrees_north", tmp_);
    text_att(ncid_, vlat, "standard_name", "latitude", tmp_);
  }
  const int d2[] = {dy, dx}, d3[] = {dt, dy, dx};
  nc(nc_def_var(ncid_, "b", NC_DOUBLE, 2, d2, &vb), tmp_, "b");
  text_att(ncid_, vb, "units", "m", tmp_);
  text_att(ncid_, vb, "long_name", "bed elevation (positive up)", tmp_);
  text_att(ncid_, vb, "standard_name", "bedrock_altitude", tmp_);
  auto var3 = [&](const char* name, const char* units, const char* std_name, const char* ln,
                  int* id) {
    nc(nc_def_var(ncid_, name, NC_DOUBLE, 3, d3, id), tmp_, name);
    text_att(ncid_, *id, "units", units, tmp_);
    if (*std_name) text_att(ncid_, *id, "standard_name", std_name, tmp_);
    text_att(ncid_, *id, "long_name", ln, tmp_);
    if (lonlat) text_att(ncid_, *id, "coordinates", "lat lon", tmp_);
  };
  var3("h", "m", "sea_floor_depth_below_sea_surface", "water depth", &v_h_);
  var3("eta", "m", "sea_surface_height_above_geoid", "free surface elevation h + b", &v_eta_);
  var3("u", "m s-1", "sea_water_x_velocity", "depth-averaged velocity, x (0 where dry)", &v_u_);
  var3("v", "m s-1", "sea_water_y_velocity", "depth-averaged velocity, y (0 where dry)", &v_v_);
  nc(nc_def_var(ncid_, "eta_max", NC_DOUBLE, 2, d2, &v_eta_max_), tmp_, "eta_max");
  text_att(ncid_, v_eta_max_, "units", "m", tmp_);
  text_att(ncid_, v_eta_max_, "long_name", "maximum free surface over the run (wet cells)", tmp_);
  text_att(ncid_, v_eta_max_, "cell_methods", "time: maximum", tmp_);
  nc(nc_def_var(ncid_, "h_max", NC_DOUBLE, 2, d2, &v_h_max_), tmp_, "h_max");
  text_att(ncid_, v_h_max_, "units", "m", tmp_);
  text_att(ncid_, v_h_max_, "long_name", "maximum water depth over the run", tmp_);
  text_att(ncid_, v_h_max_, "cell_methods", "time: maximum", tmp_);
  text_att(ncid_, NC_GLOBAL, "Conventions", "CF-1.8", tmp_);
  text_att(ncid_, NC_GLOBAL, "title", title, tmp_);
  text_att(ncid_, NC_GLOBAL, "source",
           "taifeng shallow-water core (HLL, hydrostatic "
           "reconstruction, MUSCL, SSP-RK2)",
           tmp_);
  nc(nc_enddef(ncid_), tmp_, "enddef");
  std::vector<double> xs(static_cast<std::size_t>(nx)), ys(static_cast<std::size_t>(ny));
  for (long i = 0; i < nx; ++i) xs[std::size_t(i)] = geo.x0 + (double(i) + 0.5) * geo.dx;
  for (long j = 0; j < ny; ++j) ys[std::size_t(j)] = geo.y0 + (double(j) + 0.5) * geo.dy;
  nc(nc_put_var_double(ncid_, vx, xs.data()), tmp_, "x");
  nc(nc_put_var_double(ncid_, vy, ys.data()), tmp_, "y");
  nc(nc_put_var_double(ncid_, vb, bed_.data()), tmp_, "b");
  if (lonlat) {
    std::vector<double> lon(static_cast<std::size_t>(nx)), lat(static_cast<std::size_t>(ny));
    for (long i = 0; i < nx; ++i) lon[std::size_t(i)] = lonlat->lon(std::size_t(i));
    for (long j = 0; j < ny; ++j) lat[std::size_t(j)] = lonlat->lat(std::size_t(j));
    nc(nc_put_var_double(ncid_, vlon, lon.data()), tmp_, "lon");
    nc(nc_put_var_double(ncid_, vlat, lat.data()), tmp_, "lat");
  }
}

SweNetcdfWriter::~SweNetcdfWriter() {
  if (ncid_ >= 0) {
    nc_close(ncid_);
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);  // an unfinished file is never published
  }
}

void SweNetcdfWriter::write_frame(double time_s, const std::vector<double>& h,
                                  const std::vector<double>& hu, const std::vector<double>& hv) {
  const std::size_t n = h.size();
  std::vector<double> eta(n), u(n), v(n);
  for (std::size_t p = 0; p < n; ++p) {
    eta[p] = h[p] + bed_[p];
    const bool wet = h[p] > dry_;
    u[p] = wet ? hu[p] / h[p] : 0.0;
    v[p] = wet ? hv[p] / h[p] : 0.0;
  }
  const std::size_t k = frames_++;
  nc(nc_put_var1_double(ncid_, v_time_, &k, &time_s), tmp_, "time");
  const std::size_t start[] = {k, 0, 0}, count[] = {1, std::size_t(ny_), std::size_t(nx_)};
  nc(nc_put_vara_double(ncid_, v_h_, start, count, h.data()), tmp_, "h");
  nc(nc_put_vara_double(ncid_, v_eta_, start, count, eta.data()), tmp_, "eta");
  nc(nc_put_vara_double(ncid_, v_u_, start, count, u.data()), tmp_, "u");
  nc(nc_put_vara_double(ncid_, v_v_, start, count, v.data()), tmp_, "v");
}

void SweNetcdfWriter::close(const std::vector<double>& eta_max, const std::vector<double>& h_max) {
  nc(nc_put_var_double(ncid_, v_eta_max_, eta_max.data()), tmp_, "eta_max");
  nc(nc_put_var_double(ncid_, v_h_max_, h_max.data()), tmp_, "h_max");
  nc(nc_close(ncid_), tmp_, "close");
  ncid_ = -1;
  std::filesystem::rename(tmp_, path_);
}

}  // namespace taifeng::hpc::swe
