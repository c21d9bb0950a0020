#include "taifeng/forcing/netcdf_io.hpp"

#include <netcdf.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::forcing {

namespace {

constexpr float float_fill = NC_FILL_FLOAT;
constexpr double double_fill = NC_FILL_DOUBLE;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Every NetCDF status goes through here: one line naming the file, the library's
// message and what we were doing.
void check(int status, const std::filesystem::path& file, const std::string& doing) {
  if (status == NC_NOERR) return;
  // nc_strerror prefixes its own codes with "NetCDF: " but not system errors (errno).
  std::string message = nc_strerror(status);
  if (message.rfind("NetCDF: ", 0) != 0) message = "NetCDF: " + message;
  // HDF5 reports a full disk as a bare "HDF error": say what the file system says.
  struct statvfs fs {};
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : ".";
  if (::statvfs(dir.c_str(), &fs) == 0) {
    const double free_kb = double(fs.f_bavail) * double(fs.f_frsize) / 1024.0;
    if (free_kb < 1024.0)
      message += fmt::format(" (no space left on the file system: {:.0f} kB free)", free_kb);
  }
  throw_input_error(file.string(), fmt::format("{} while {}", message, doing));
}

// ---------------------------------------------------------------------------------------
// Writing

// Owns the NetCDF id of the temporary file and the file itself: unless committed, the
// destructor closes the file and removes it, so an exception leaves nothing behind.
class TempFileGuard {
 public:
  explicit TempFileGuard(std::filesystem::path tmp) : tmp_(std::move(tmp)) {}
  ~TempFileGuard() {
    if (ncid_ >= 0) nc_close(ncid_);
    if (!committed_) {
      std::error_code ec;
      std::filesystem::remove(tmp_, ec);
    }
  }
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;

  int& ncid() { return ncid_; }
  const std::filesystem::path& path() const { return tmp_; }
  // Closes the file (which flushes it; the status is checked by the caller).
  int close() {
    const int status = nc_close(ncid_);
    // A failed close (disk full) leaves HDF5's file open, and HDF5 would flush it again at
    // exit and crash: abort the file instead (NC_EBADID if netCDF already let it go).
    if (status != NC_NOERR) nc_abort(ncid_);
    ncid_ = -1;
    return status;
  }
  void commit() { committed_ = true; }

 private:
  std::filesystem::path tmp_;
  int ncid_ = -1;
  bool committed_ = false;
};

// Grids equal up to rounding: a grid reconstructed from coordinate values (by
// read_netcdf_field) may differ from the original in the last bits of its spacing.
bool same_grid(const Grid& a, const Grid& b) {
  auto close = [](double x, double y) {
    return std::abs(x - y) <= 1e-9 * std::max({1.0, std::abs(x), std::abs(y)});
  };
  return a.nlon == b.nlon && a.nlat == b.nlat && close(a.lon0, b.lon0) && close(a.lat0, b.lat0) &&
         close(a.dlon, b.dlon) && close(a.dlat, b.dlat);
}

float to_stored_float(double v) {
  if (std::isnan(v)) return float_fill;
  // Out-of-range doubles become ±inf explicitly (the plain conversion is undefined).
  if (v > double(std::numeric_limits<float>::max())) return std::numeric_limits<float>::infinity();
  if (v < -double(std::numeric_limits<float>::max()))
    return -std::numeric_limits<float>::infinity();
  return float(v);
}

class Writer {
 public:
  Writer(const std::filesystem::path& path, int ncid) : path_(path), ncid_(ncid) {}

  void text_att(int varid, const char* name, const std::string& value, const std::string& owner) {
    check(nc_put_att_text(ncid_, varid, name, value.size(), value.c_str()),
          fmt::format("writing attribute '{}' of '{}'", name, owner));
  }

  // units, long_name and the optional standard_name / cell_methods.
  void cf_atts(int varid, const CfAttributes& meta) {
    text_att(varid, "units", meta.units, meta.name);
    text_att(varid, "long_name", meta.long_name, meta.name);
    if (!meta.standard_name.empty())
      text_att(varid, "standard_name", meta.standard_name, meta.name);
    if (!meta.cell_methods.empty()) text_att(varid, "cell_methods", meta.cell_methods, meta.name);
  }

  int def_var(const std::string& name, nc_type type, const std::vector<int>& dims) {
    int varid = -1;
    check(nc_def_var(ncid_, name.c_str(), type, int(dims.size()), dims.data(), &varid),
          fmt::format("defining variable '{}'", name));
    return varid;
  }

  // A compressed float field: one chunk per time step (or the whole 2-D field).
  int def_float_field(const CfAttributes& meta, const std::vector<int>& dims,
                      const std::vector<std::size_t>& chunks) {
    const int varid = def_var(meta.name, NC_FLOAT, dims);
    check(nc_def_var_chunking(ncid_, varid, NC_CHUNKED, chunks.data()),
          fmt::format("setting the chunking of '{}'", meta.name));
    check(nc_def_var_deflate(ncid_, varid, 1, 1, 1),
          fmt::format("setting the compression of '{}'", meta.name));
    check(nc_put_att_float(ncid_, varid, "_FillValue", NC_FLOAT, 1, &float_fill),
          fmt::format("writing attribute '_FillValue' of '{}'", meta.name));
    cf_atts(varid, meta);
    return varid;
  }

  void put_floats(int varid, const std::string& name, const std::vector<double>& values,
                  const std::vector<std::size_t>& start, const std::vector<std::size_t>& count) {
    std::vector<float> buf(values.size());
    std::transform(values.begin(), values.end(), buf.begin(), to_stored_float);
    check(nc_put_vara_float(ncid_, varid, start.data(), count.data(), buf.data()),
          fmt::format("writing the values of '{}'", name));
  }

  void put_doubles(int varid, const std::string& name, const std::vector<double>& values) {
    if (values.empty()) return;  // zero-length (time) dimension
    check(nc_put_var_double(ncid_, varid, values.data()),
          fmt::format("writing the values of '{}'", name));
  }

  // Errors name the final path: the temporary file is removed by then.
  void check(int status, const std::string& doing) const { forcing::check(status, path_, doing); }

 private:
  const std::filesystem::path& path_;
  int ncid_;
};

void check_sizes(const GriddedDataset& ds) {
  const std::size_t nt = ds.time_hours.size();
  TAIFENG_CHECK(ds.grid.nlon > 0 && ds.grid.nlat > 0, "write_netcdf: empty grid");
  // A time dimension of length 0 would be the unlimited dimension in NetCDF: allowed
  // only when nothing depends on time.
  TAIFENG_CHECK(nt > 0 || (ds.series.empty() && ds.time_variables.empty()),
                "write_netcdf: time variables need at least one time step");
  for (const auto& s : ds.series) {
    TAIFENG_CHECK(s.steps.size() == nt,
                  fmt::format("write_netcdf: '{}' has {} steps, the time axis {}", s.meta.name,
                              s.steps.size(), nt));
    for (const Field& f : s.steps) {
      TAIFENG_CHECK(
          same_grid(f.grid, ds.grid) && f.data.size() == ds.grid.size(),
          fmt::format("write_netcdf: a step of '{}' is not on the dataset grid", s.meta.name));
    }
  }
  for (const auto& [meta, f] : ds.statics) {
    TAIFENG_CHECK(same_grid(f.grid, ds.grid) && f.data.size() == ds.grid.size(),
                  fmt::format("write_netcdf: '{}' is not on the dataset grid", meta.name));
  }
  for (const auto& v : ds.time_variables) {
    TAIFENG_CHECK(v.values.size() == nt,
                  fmt::format("write_netcdf: '{}' has {} values, the time axis {}", v.meta.name,
                              v.values.size(), nt));
  }
}

// ---------------------------------------------------------------------------------------
// Reading

// Closes a file opened for reading.
class ReadFile {
 public:
  ReadFile(const std::filesystem::path& path, const std::string& purpose) : path_(path) {
    check(nc_open(path.c_str(), NC_NOWRITE, &ncid_),
          fmt::format("opening the file to read {} (expected a NetCDF file)", purpose));
  }
  ~ReadFile() { nc_close(ncid_); }
  ReadFile(const ReadFile&) = delete;
  ReadFile& operator=(const ReadFile&) = delete;

  int id() const { return ncid_; }
  const std::filesystem::path& path() const { return path_; }

  [[noreturn]] void fail(const std::string& message) const {
    throw_input_error(path_.string(), message);
  }
  void check(int status, const std::string& doing) const { forcing::check(status, path_, doing); }

  std::string variable_names() const {
    int nvars = 0;
    check(nc_inq_nvars(ncid_, &nvars), "listing the variables");
    std::string names;
    for (int v = 0; v < nvars; ++v) {
      char name[NC_MAX_NAME + 1] = {};
      check(nc_inq_varname(ncid_, v, name), "listing the variables");
      names += (names.empty() ? "" : ", ") + std::string(name);
    }
    return names.empty() ? "none" : names;
  }

  // The id of `name`; `expected` says what it should be, for the message if it is absent.
  int varid(const std::string& name, const std::string& expected) const {
    int varid = -1;
    const int status = nc_inq_varid(ncid_, name.c_str(), &varid);
    if (status == NC_ENOTVAR)
      fail(fmt::format("no variable '{}' (expected {}; the file has: {})", name, expected,
                       variable_names()));
    check(status, fmt::format("looking up variable '{}'", name));
    return varid;
  }

  std::vector<std::string> dim_names(int varid, std::vector<std::size_t>* lengths) const {
    int ndims = 0;
    check(nc_inq_varndims(ncid_, varid, &ndims), "reading the dimensions of a variable");
    std::vector<int> dimids(std::size_t(ndims), 0);
    check(nc_inq_vardimid(ncid_, varid, dimids.data()), "reading the dimensions of a variable");
    std::vector<std::string> names;
    for (int d : dimids) {
      char name[NC_MAX_NAME + 1] = {};
      std::size_t len = 0;
      check(nc_inq_dim(ncid_, d, name, &len), "reading a dimension");
      names.emplace_back(name);
      if (lengths) lengths->push_back(len);
    }
    return names;
  }

  // A text attribute, empty if absent.
  std::string text_att(int varid, const std::string& var, const char* att) const {
    nc_type type = NC_NAT;
    std::size_t len = 0;
    const int status = nc_inq_att(ncid_, varid, att, &type, &len);
    if (status == NC_ENOTATT) return {};
    check(status, fmt::format("reading attribute '{}' of '{}'", att, var));
    if (type != NC_CHAR)
      fail(fmt::format("attribute '{}' of '{}' is not text (expected a string)", att, var));
    std::string value(len, '\0');
    check(nc_get_att_text(ncid_, varid, att, value.data()),
          fmt::format("reading attribute '{}' of '{}'", att, var));
    // Some writers include the terminating NUL in the length.
    while (!value.empty() && value.back() == '\0') value.pop_back();
    return value;
  }

  // A numeric scalar attribute, if present.
  std::optional<double> number_att(int varid, const std::string& var, const char* att) const {
    nc_type type = NC_NAT;
    std::size_t len = 0;
    const int status = nc_inq_att(ncid_, varid, att, &type, &len);
    if (status == NC_ENOTATT) return std::nullopt;
    check(status, fmt::format("reading attribute '{}' of '{}'", att, var));
    if (type == NC_CHAR || type == NC_STRING || len != 1)
      fail(fmt::format("attribute '{}' of '{}' is not a single number", att, var));
    double value = 0.0;
    check(nc_get_att_double(ncid_, varid, att, &value),
          fmt::format("reading attribute '{}' of '{}'", att, var));
    return value;
  }

  void require_numeric(int varid, const std::string& var) const {
    nc_type type = NC_NAT;
    check(nc_inq_vartype(ncid_, varid, &type), fmt::format("reading the type of '{}'", var));
    if (type == NC_CHAR || type == NC_STRING || type > NC_STRING)
      fail(fmt::format("variable '{}' is not numeric (expected float or double values)", var));
  }

 private:
  std::filesystem::path path_;
  int ncid_ = -1;
};

// One regular, ascending axis from a 1-D coordinate variable.
struct Axis {
  double first = 0.0, step = 1.0;
  std::size_t n = 0;
};

Axis read_axis(const ReadFile& f, const std::string& name, std::size_t expected_len,
               const std::string& for_var) {
  const std::string what = fmt::format("a 1-D coordinate variable '{}' for '{}'", name, for_var);
  const int varid = f.varid(name, what);
  f.require_numeric(varid, name);
  std::vector<std::size_t> lens;
  const auto dims = f.dim_names(varid, &lens);
  if (dims.size() != 1 || dims[0] != name || lens[0] != expected_len)
    f.fail(fmt::format("coordinate variable '{}' has another shape (expected {}({}) of length {})",
                       name, name, name, expected_len));
  if (expected_len == 0)
    f.fail(fmt::format("coordinate '{}' is empty (expected at least one point)", name));
  std::vector<double> v(expected_len);
  f.check(nc_get_var_double(f.id(), varid, v.data()), fmt::format("reading '{}'", name));

  Axis axis{v[0], 1.0, v.size()};  // a single point has no spacing: 1 degree, as Grid
  if (v.size() >= 2) {
    axis.step = (v.back() - v.front()) / double(v.size() - 1);
    double scale = std::abs(axis.step);
    for (double x : v) scale = std::max(scale, std::abs(x));
    // 1e-6 of the coordinate magnitude: well above float32 rounding of coordinates
    // written by other tools, far below any real irregularity.
    const double tol = 1e-6 * scale;
    bool regular = axis.step > 0.0 && std::isfinite(axis.step);
    for (std::size_t k = 0; regular && k < v.size(); ++k)
      regular = std::abs(v[k] - (axis.first + double(k) * axis.step)) <= tol;
    if (!regular)
      f.fail(
          fmt::format("coordinate '{}' is not regular and ascending (expected a regular "
                      "latitude/longitude grid, from {} to {} in {} points)",
                      name, v.front(), v.back(), v.size()));
  }
  return axis;
}

// Parses "hours since YYYY-MM-DD[( |T)HH:MM[:SS]][Z| UTC]".
std::optional<TimePoint> parse_hours_since(const std::string& units) {
  const std::string prefix = "hours since ";
  if (units.rfind(prefix, 0) != 0) return std::nullopt;
  std::string rest = units.substr(prefix.size());
  while (!rest.empty() && rest.back() == ' ') rest.pop_back();
  for (const std::string suffix : {"Z", " UTC", " +00:00", "+00:00"}) {
    if (rest.size() > suffix.size() && rest.ends_with(suffix)) {
      rest.resize(rest.size() - suffix.size());
      break;
    }
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  if (std::sscanf(rest.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3) return std::nullopt;
  std::string tail = rest.substr(std::size_t(n));
  if (!tail.empty()) {
    if (tail[0] != ' ' && tail[0] != 'T') return std::nullopt;
    int k = 0;
    if (std::sscanf(tail.c_str() + 1, "%2d:%2d%n", &h, &mi, &k) != 2) return std::nullopt;
    tail = tail.substr(std::size_t(k) + 1);
    if (!tail.empty()) {
      if (std::sscanf(tail.c_str(), ":%2d%n", &s, &k) != 1) return std::nullopt;
      tail = tail.substr(std::size_t(k));
    }
    if (!tail.empty()) return std::nullopt;
  }
  if (!valid_utc(y, mo, d, h, mi, s)) return std::nullopt;
  return make_utc(y, mo, d, h, mi, s);
}

}  // namespace

// -----------------------------------------------------------------------------------------

void write_netcdf(const std::filesystem::path& path, const GriddedDataset& ds) {
  check_sizes(ds);
  const Grid& g = ds.grid;
  const std::size_t nt = ds.time_hours.size();

  // Same directory as the target, so the final rename does not cross file systems.
  TempFileGuard tmp(std::filesystem::path(path.string() + ".tmp." + std::to_string(::getpid())));
  check(nc_create(tmp.path().c_str(), NC_CLOBBER | NC_NETCDF4 | NC_CLASSIC_MODEL, &tmp.ncid()),
        path, fmt::format("creating the temporary file {}", tmp.path().string()));
  const int ncid = tmp.ncid();
  Writer w(path, ncid);

  int time_dim = -1, lat_dim = -1, lon_dim = -1;
  w.check(nc_def_dim(ncid, "time", nt, &time_dim), "defining dimension 'time'");
  w.check(nc_def_dim(ncid, "lat", g.nlat, &lat_dim), "defining dimension 'lat'");
  w.check(nc_def_dim(ncid, "lon", g.nlon, &lon_dim), "defining dimension 'lon'");

  const int time_var = w.def_var("time", NC_DOUBLE, {time_dim});
  w.text_att(time_var, "units", "hours since " + format_cf_reference(ds.reference_time), "time");
  w.text_att(time_var, "standard_name", "time", "time");
  w.text_att(time_var, "calendar", "standard", "time");
  w.text_att(time_var, "axis", "T", "time");
  const int lat_var = w.def_var("lat", NC_DOUBLE, {lat_dim});
  w.text_att(lat_var, "units", "degrees_north", "lat");
  w.text_att(lat_var, "standard_name", "latitude", "lat");
  w.text_att(lat_var, "axis", "Y", "lat");
  const int lon_var = w.def_var("lon", NC_DOUBLE, {lon_dim});
  w.text_att(lon_var, "units", "degrees_east", "lon");
  w.text_att(lon_var, "standard_name", "longitude", "lon");
  w.text_att(lon_var, "axis", "X", "lon");

  // Per-member variables share a realization dimension (CF "realization" coordinate).
  int real_dim = -1, real_var = -1;
  const std::size_t nr = ds.per_realization.empty() ? 0 : ds.per_realization[0].members.size();
  for (const auto& r : ds.per_realization) {
    TAIFENG_CHECK(r.members.size() == nr && nr > 0,
                  fmt::format("write_netcdf: '{}' has {} members, expected {} (> 0)", r.meta.name,
                              r.members.size(), nr));
    for (const Field& f : r.members)
      TAIFENG_CHECK(f.grid == g, fmt::format("write_netcdf: '{}' is on another grid", r.meta.name));
  }
  if (nr > 0) {
    w.check(nc_def_dim(ncid, "realization", nr, &real_dim), "defining dimension 'realization'");
    real_var = w.def_var("realization", NC_INT, {real_dim});
    w.text_att(real_var, "standard_name", "realization", "realization");
    w.text_att(real_var, "long_name", "ensemble member (0: deterministic forecast)", "realization");
    w.text_att(real_var, "units", "1", "realization");
  }
  std::vector<int> series_ids, static_ids, time_var_ids, real_ids;
  for (const auto& r : ds.per_realization)
    real_ids.push_back(
        w.def_float_field(r.meta, {real_dim, lat_dim, lon_dim}, {1, g.nlat, g.nlon}));
  for (const auto& s : ds.series)
    series_ids.push_back(
        w.def_float_field(s.meta, {time_dim, lat_dim, lon_dim}, {1, g.nlat, g.nlon}));
  for (const auto& [meta, f] : ds.statics)
    static_ids.push_back(w.def_float_field(meta, {lat_dim, lon_dim}, {g.nlat, g.nlon}));
  for (const auto& v : ds.time_variables) {
    const int varid = w.def_var(v.meta.name, NC_DOUBLE, {time_dim});
    w.check(nc_put_att_double(ncid, varid, "_FillValue", NC_DOUBLE, 1, &double_fill),
            fmt::format("writing attribute '_FillValue' of '{}'", v.meta.name));
    w.cf_atts(varid, v.meta);
    time_var_ids.push_back(varid);
  }

  w.text_att(NC_GLOBAL, "Conventions", "CF-1.8", "the file");
  // Written after Conventions, so an explicit entry of the caller wins.
  for (const auto& [name, value] : ds.global_attributes)
    w.text_att(NC_GLOBAL, name.c_str(), value, "the file");
  w.check(nc_enddef(ncid), "leaving define mode");

  std::vector<double> lat(g.nlat), lon(g.nlon);
  for (std::size_t j = 0; j < g.nlat; ++j) lat[j] = g.lat(j);
  for (std::size_t i = 0; i < g.nlon; ++i) lon[i] = g.lon(i);
  w.put_doubles(time_var, "time", ds.time_hours);
  w.put_doubles(lat_var, "lat", lat);
  w.put_doubles(lon_var, "lon", lon);

  for (std::size_t k = 0; k < ds.series.size(); ++k) {
    const auto& s = ds.series[k];
    for (std::size_t t = 0; t < nt; ++t)
      w.put_floats(series_ids[k], s.meta.name, s.steps[t].data, {t, 0, 0}, {1, g.nlat, g.nlon});
  }
  if (nr > 0) {
    std::vector<int> ids(nr);
    for (std::size_t m = 0; m < nr; ++m) ids[m] = int(m);
    w.check(nc_put_var_int(ncid, real_var, ids.data()), "writing the values of 'realization'");
  }
  for (std::size_t k = 0; k < ds.per_realization.size(); ++k)
    for (std::size_t m = 0; m < nr; ++m)
      w.put_floats(real_ids[k], ds.per_realization[k].meta.name,
                   ds.per_realization[k].members[m].data, {m, 0, 0}, {1, g.nlat, g.nlon});
  for (std::size_t k = 0; k < ds.statics.size(); ++k)
    w.put_floats(static_ids[k], ds.statics[k].first.name, ds.statics[k].second.data, {0, 0},
                 {g.nlat, g.nlon});
  for (std::size_t k = 0; k < ds.time_variables.size(); ++k) {
    std::vector<double> values = ds.time_variables[k].values;
    for (double& v : values)
      if (std::isnan(v)) v = double_fill;
    w.put_doubles(time_var_ids[k], ds.time_variables[k].meta.name, values);
  }

  w.check(tmp.close(), "closing the file");
  std::error_code ec;
  std::filesystem::rename(tmp.path(), path, ec);
  if (ec)
    throw_input_error(path.string(), fmt::format("cannot rename the temporary file {} to it: {}",
                                                 tmp.path().string(), ec.message()));
  tmp.commit();
}

Field read_netcdf_field(const std::filesystem::path& path, const std::string& variable,
                        std::size_t time_index) {
  const std::string expected = "a (lat, lon) or (time, lat, lon) variable";
  ReadFile f(path, fmt::format("variable '{}'", variable));
  const int varid = f.varid(variable, expected);
  f.require_numeric(varid, variable);

  std::vector<std::size_t> lens;
  const auto dims = f.dim_names(varid, &lens);
  const bool is_static = dims.size() == 2 && dims[0] == "lat" && dims[1] == "lon";
  const bool is_series =
      dims.size() == 3 && dims[0] == "time" && dims[1] == "lat" && dims[2] == "lon";
  if (!is_static && !is_series) {
    std::string shape;
    for (const auto& d : dims) shape += (shape.empty() ? "" : ", ") + d;
    f.fail(
        fmt::format("variable '{}' has dimensions ({}) (expected {})", variable, shape, expected));
  }
  if (is_series && time_index >= lens[0])
    f.fail(
        fmt::format("time index {} of variable '{}' is out of range (expected < {}, the "
                    "number of time steps)",
                    time_index, variable, lens[0]));
  if (is_static && time_index != 0)
    f.fail(
        fmt::format("time index {} requested for variable '{}', which has no time dimension "
                    "(expected index 0)",
                    time_index, variable));

  const std::size_t nlat = lens[lens.size() - 2], nlon = lens[lens.size() - 1];
  const Axis lat = read_axis(f, "lat", nlat, variable);
  const Axis lon = read_axis(f, "lon", nlon, variable);
  Grid grid;
  grid.lon0 = lon.first;
  grid.dlon = lon.step;
  grid.nlon = lon.n;
  grid.lat0 = lat.first;
  grid.dlat = lat.step;
  grid.nlat = lat.n;

  Field field(variable, f.text_att(varid, variable, "units"), grid);
  field.standard_name = f.text_att(varid, variable, "standard_name");
  field.long_name = f.text_att(varid, variable, "long_name");

  std::vector<std::size_t> start(dims.size(), 0), count = lens;
  if (is_series) {
    start[0] = time_index;
    count[0] = 1;
  }
  if (grid.size() > 0)
    f.check(nc_get_vara_double(f.id(), varid, start.data(), count.data(), field.data.data()),
            fmt::format("reading the values of '{}'", variable));

  // Absent _FillValue: NetCDF's default fill for the type marks unwritten values.
  nc_type type = NC_NAT;
  f.check(nc_inq_vartype(f.id(), varid, &type), fmt::format("reading the type of '{}'", variable));
  std::optional<double> fill = f.number_att(varid, variable, "_FillValue");
  if (!fill && type == NC_FLOAT) fill = double(NC_FILL_FLOAT);
  if (!fill && type == NC_DOUBLE) fill = NC_FILL_DOUBLE;
  const std::optional<double> missing_value = f.number_att(varid, variable, "missing_value");
  const double scale = f.number_att(varid, variable, "scale_factor").value_or(1.0);
  const double offset = f.number_att(varid, variable, "add_offset").value_or(0.0);
  for (double& v : field.data) {
    if ((fill && v == *fill) || (missing_value && v == *missing_value))
      v = nan;
    else
      v = v * scale + offset;
  }
  return field;
}

std::vector<double> read_netcdf_time_hours(const std::filesystem::path& path,
                                           TimePoint* reference) {
  ReadFile f(path, "the time axis");
  const int varid = f.varid("time", "a 1-D time coordinate variable");
  f.require_numeric(varid, "time");
  std::vector<std::size_t> lens;
  const auto dims = f.dim_names(varid, &lens);
  if (dims.size() != 1)
    f.fail(fmt::format("variable 'time' has {} dimensions (expected 1, time(time))", dims.size()));

  const std::string units = f.text_att(varid, "time", "units");
  const auto ref = parse_hours_since(units);
  if (!ref)
    f.fail(
        fmt::format("variable 'time' has units '{}' (expected \"hours since YYYY-MM-DD "
                    "HH:MM:SS\")",
                    units));
  const std::string calendar = f.text_att(varid, "time", "calendar");
  if (!calendar.empty() && calendar != "standard" && calendar != "gregorian" &&
      calendar != "proleptic_gregorian")
    f.fail(fmt::format("variable 'time' has calendar '{}' (expected \"standard\")", calendar));

  std::vector<double> hours(lens[0]);
  if (!hours.empty())
    f.check(nc_get_var_double(f.id(), varid, hours.data()), "reading the values of 'time'");
  if (reference) *reference = *ref;
  return hours;
}

std::vector<double> read_netcdf_time_variable(const std::filesystem::path& path,
                                              const std::string& variable) {
  ReadFile f(path, fmt::format("variable '{}'", variable));
  const int varid = f.varid(variable, "a time(time) variable");
  f.require_numeric(varid, variable);
  std::vector<std::size_t> lens;
  const auto dims = f.dim_names(varid, &lens);
  if (dims.size() != 1 || dims[0] != "time")
    f.fail(fmt::format("variable '{}' is not a time(time) variable", variable));
  std::vector<double> v(lens[0]);
  f.check(nc_get_var_double(f.id(), varid, v.data()), "reading variable '" + variable + "'");
  double fill = 0;
  if (nc_get_att_double(f.id(), varid, "_FillValue", &fill) == NC_NOERR)
    for (double& x : v)
      if (x == fill) x = nan;
  return v;
}

bool netcdf_has_variable(const std::filesystem::path& path, const std::string& variable) {
  ReadFile f(path, fmt::format("variable '{}'", variable));
  int varid = -1;
  return nc_inq_varid(f.id(), variable.c_str(), &varid) == NC_NOERR;
}

std::map<std::string, std::string> read_netcdf_global_attributes(
    const std::filesystem::path& path) {
  ReadFile f(path, "global attributes");
  int natts = 0;
  f.check(nc_inq_natts(f.id(), &natts), "counting the global attributes");
  std::map<std::string, std::string> out;
  for (int a = 0; a < natts; ++a) {
    char name[NC_MAX_NAME + 1] = {};
    f.check(nc_inq_attname(f.id(), NC_GLOBAL, a, name), "reading a global attribute name");
    nc_type type = NC_NAT;
    std::size_t len = 0;
    f.check(nc_inq_att(f.id(), NC_GLOBAL, name, &type, &len), "reading a global attribute");
    if (type != NC_CHAR) continue;
    std::string value(len, '\0');
    f.check(nc_get_att_text(f.id(), NC_GLOBAL, name, value.data()), "reading a global attribute");
    while (!value.empty() && value.back() == '\0') value.pop_back();
    out[name] = value;
  }
  return out;
}

}  // namespace taifeng::forcing
