#include "taifeng/forcing/relief.hpp"

#include <netcdf.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::forcing {

namespace {

class NcFile {
 public:
  NcFile(const std::string& path, const std::string& wanted) : path_(path) {
    const int st = nc_open(path.c_str(), NC_NOWRITE, &id_);
    if (st != NC_NOERR)
      throw_input_error(path, fmt::format("cannot open as NetCDF ({}); expected a NetCDF file "
                                          "with relief variable '{}'",
                                          nc_strerror(st), wanted));
  }
  ~NcFile() { nc_close(id_); }
  NcFile(const NcFile&) = delete;
  NcFile& operator=(const NcFile&) = delete;
  int id() const { return id_; }
  void check(int st, const std::string& what) const {
    if (st != NC_NOERR)
      throw_input_error(path_, fmt::format("NetCDF: {} ({})", nc_strerror(st), what));
  }
  std::string text_att(int var, const char* name) const {
    std::size_t len = 0;
    if (nc_inq_attlen(id_, var, name, &len) != NC_NOERR) return {};
    std::string s(len, '\0');
    if (nc_get_att_text(id_, var, name, s.data()) != NC_NOERR) return {};
    while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.pop_back();
    return s;
  }

 private:
  std::string path_;
  int id_ = -1;
};

// Nearest index of value x in ascending coordinates c.
std::size_t nearest_index(const std::vector<double>& c, double x) {
  auto it = std::lower_bound(c.begin(), c.end(), x);
  if (it == c.begin()) return 0;
  if (it == c.end()) return c.size() - 1;
  const std::size_t k = std::size_t(it - c.begin());
  return (x - c[k - 1] <= c[k] - x) ? k - 1 : k;
}

}  // namespace

Field read_relief(const std::filesystem::path& file, const std::string& variable,
                  const Grid& grid) {
  const std::string path = file.string();
  const NcFile nc(path, variable);
  int var = -1;
  if (nc_inq_varid(nc.id(), variable.c_str(), &var) != NC_NOERR)
    throw_input_error(path, fmt::format("variable '{}' not found; expected a 2-D relief "
                                        "variable in metres",
                                        variable));
  int ndims = 0;
  nc.check(nc_inq_varndims(nc.id(), var, &ndims), variable);
  if (ndims != 2)
    throw_input_error(path, fmt::format("variable '{}' has {} dimensions; expected 2 (lat, lon)",
                                        variable, ndims));
  const std::string units = nc.text_att(var, "units");
  if (units != "m" && units != "meters" && units != "metres" && units != "meter")
    throw_input_error(
        path, fmt::format("variable '{}' has units '{}'; expected metres", variable, units));
  int dims[2];
  nc.check(nc_inq_vardimid(nc.id(), var, dims), variable);
  std::vector<double> coord[2];
  std::string cunits[2];
  for (int d = 0; d < 2; ++d) {
    char name[NC_MAX_NAME + 1];
    std::size_t len = 0;
    nc.check(nc_inq_dim(nc.id(), dims[d], name, &len), variable);
    int cv = -1;
    if (nc_inq_varid(nc.id(), name, &cv) != NC_NOERR)
      throw_input_error(
          path, fmt::format("dimension '{}' of '{}' has no coordinate variable", name, variable));
    coord[d].resize(len);
    nc.check(nc_get_var_double(nc.id(), cv, coord[d].data()), name);
    cunits[d] = nc.text_att(cv, "units");
    if (len < 2)
      throw_input_error(path, fmt::format("dimension '{}' of '{}' has {} point(s); expected at "
                                          "least 2",
                                          name, variable, len));
  }
  if (cunits[0].rfind("degrees_n", 0) != 0 || cunits[1].rfind("degrees_e", 0) != 0)
    throw_input_error(path, fmt::format("variable '{}': expected dimensions (latitude "
                                        "degrees_north, longitude degrees_east), got units "
                                        "('{}', '{}')",
                                        variable, cunits[0], cunits[1]));
  // Latitude may be stored north to south: sample on an ascending copy.
  std::vector<double> lat = coord[0];
  const bool lat_desc = lat.size() > 1 && lat.front() > lat.back();
  if (lat_desc) std::reverse(lat.begin(), lat.end());
  const std::vector<double>& lon = coord[1];
  const bool global = lon.back() - lon.front() > 359.0 - 2 * (lon[1] - lon[0]);

  // Source rows needed, read whole (they are a few thousand values each).
  std::vector<std::size_t> row_of(grid.nlat), col_of(grid.nlon);
  std::size_t r0 = lat.size(), r1 = 0;
  for (std::size_t j = 0; j < grid.nlat; ++j) {
    const double y = grid.lat(j);
    if (y < lat.front() - 1e-6 || y > lat.back() + 1e-6)
      throw_input_error(path, fmt::format("'{}' covers latitudes {}..{}, grid needs {}", variable,
                                          lat.front(), lat.back(), y));
    std::size_t r = nearest_index(lat, y);
    if (lat_desc) r = lat.size() - 1 - r;
    row_of[j] = r;
    r0 = std::min(r0, r), r1 = std::max(r1, r);
  }
  for (std::size_t i = 0; i < grid.nlon; ++i) {
    double x = grid.lon(i);
    if (global) {
      // Bring x into [lon.front(), lon.front() + 360) and wrap the last half cell.
      x = lon.front() + std::fmod(std::fmod(x - lon.front(), 360.0) + 360.0, 360.0);
      std::size_t c = nearest_index(lon, x);
      if (x - lon.back() > (lon.front() + 360.0 - x)) c = 0;
      col_of[i] = c;
    } else {
      if (x < lon.front() - 1e-6 || x > lon.back() + 1e-6)
        throw_input_error(path, fmt::format("'{}' covers longitudes {}..{}, grid needs {}",
                                            variable, lon.front(), lon.back(), x));
      col_of[i] = nearest_index(lon, x);
    }
  }
  const std::size_t nrows = r1 - r0 + 1, ncols = lon.size();
  std::vector<float> block(nrows * ncols);
  const std::size_t start[2] = {r0, 0}, count[2] = {nrows, ncols};
  nc.check(nc_get_vara_float(nc.id(), var, start, count, block.data()), variable);
  float fill = NC_FILL_FLOAT, missing = NC_FILL_FLOAT;
  const bool has_fill = nc_get_att_float(nc.id(), var, "_FillValue", &fill) == NC_NOERR;
  const bool has_missing = nc_get_att_float(nc.id(), var, "missing_value", &missing) == NC_NOERR;

  Field f("relief", "m", grid);
  f.long_name = "surface relief from " + file.filename().string() + " (negative = ocean depth)";
  for (std::size_t j = 0; j < grid.nlat; ++j)
    for (std::size_t i = 0; i < grid.nlon; ++i) {
      const float v = block[(row_of[j] - r0) * ncols + col_of[i]];
      const bool bad =
          !std::isfinite(v) || (has_fill && v == fill) || (has_missing && v == missing);
      f.at(i, j) = bad ? std::nan("") : double(v);
    }
  return f;
}

std::vector<std::uint8_t> land_mask_from_relief(const Field& relief, double threshold_m) {
  std::vector<std::uint8_t> mask(relief.data.size());
  for (std::size_t k = 0; k < mask.size(); ++k) mask[k] = relief.data[k] > threshold_m ? 1 : 0;
  return mask;
}

}  // namespace taifeng::forcing
