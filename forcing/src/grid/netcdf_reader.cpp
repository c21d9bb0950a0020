// read_netcdf_variable / describe_netcdf: CF-ish NetCDF files (ERA5, GFS via CDO/wgrib2,
// Ferret datasets) into GriddedData. Only the hyperslabs a request needs are read.
#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/cf_time.hpp"
#include "taifeng/forcing/gridded.hpp"
#include "taifeng/forcing/units_convert.hpp"
#include "taifeng/forcing/variables.hpp"

namespace taifeng::forcing {

namespace {

namespace fs = std::filesystem;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double standard_gravity = 9.80665;  // m s-2, geopotential -> geopotential height

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

// Shortest round-trip form for messages ("17.5", "1e+34").
std::string num(double v) {
  return fmt::format("{}", v);
}

// ---------------------------------------------------------------------------------------
// NetCDF access

class NcFile {
 public:
  explicit NcFile(const fs::path& path) : where_(path.string()) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw_input_error(where_, "file not found");
    if (fs::is_directory(path, ec)) throw_input_error(where_, "is a directory, not a NetCDF file");
    const int status = nc_open(path.c_str(), NC_NOWRITE, &id_);
    if (status != NC_NOERR) {
      id_ = -1;
      throw_input_error(where_, fmt::format("cannot open as NetCDF ({}): not a NetCDF file, or "
                                            "a truncated/corrupt one",
                                            nc_strerror(status)));
    }
    check_classic_size(path);
  }
  ~NcFile() {
    if (id_ >= 0) nc_close(id_);
  }
  NcFile(const NcFile&) = delete;
  NcFile& operator=(const NcFile&) = delete;

  // A truncated classic-format file opens fine and reads zeros past its end, so compare
  // the file size with the data its header declares (a lower bound: header and padding
  // come on top). NetCDF-4/HDF5 files fail in nc_open instead.
  void check_classic_size(const fs::path& path) const {
    int format = 0;
    check(nc_inq_format(id_, &format), "reading the file format");
    if (format != NC_FORMAT_CLASSIC && format != NC_FORMAT_64BIT_OFFSET && format != NC_FORMAT_CDF5)
      return;
    int unlimited = -1;
    check(nc_inq_unlimdim(id_, &unlimited), "reading the record dimension");
    std::uintmax_t needed = 0;
    for (int v = 0, n = nvars(); v < n; ++v) {
      std::size_t type_size = 0;
      check(nc_inq_type(id_, var_type(v), nullptr, &type_size), "reading a variable type");
      std::uintmax_t count = type_size;
      for (int d : var_dims(v)) count *= dim_len(d);
      needed += count;
    }
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size < needed)
      throw_input_error(where_, fmt::format("truncated NetCDF file: its header declares at least "
                                            "{} bytes of data but the file has {} bytes",
                                            needed, size));
  }

  int id() const { return id_; }
  const std::string& where() const { return where_; }

  void check(int status, const std::string& doing) const {
    if (status == NC_NOERR) return;
    throw_input_error(where_, fmt::format("{} (NetCDF: {}); the file may be truncated or corrupt",
                                          doing, nc_strerror(status)));
  }

  int nvars() const {
    int n = 0;
    check(nc_inq_nvars(id_, &n), "listing variables");
    return n;
  }
  std::string var_name(int varid) const {
    char name[NC_MAX_NAME + 1] = {};
    check(nc_inq_varname(id_, varid, name), "reading a variable name");
    return name;
  }
  std::vector<int> var_dims(int varid) const {
    int nd = 0;
    check(nc_inq_varndims(id_, varid, &nd), "reading variable dimensions");
    std::vector<int> dims(static_cast<std::size_t>(nd));
    if (nd > 0) check(nc_inq_vardimid(id_, varid, dims.data()), "reading variable dimensions");
    return dims;
  }
  nc_type var_type(int varid) const {
    nc_type t = NC_NAT;
    check(nc_inq_vartype(id_, varid, &t), "reading a variable type");
    return t;
  }
  std::string dim_name(int dimid) const {
    char name[NC_MAX_NAME + 1] = {};
    check(nc_inq_dimname(id_, dimid, name), "reading a dimension name");
    return name;
  }
  std::size_t dim_len(int dimid) const {
    std::size_t n = 0;
    check(nc_inq_dimlen(id_, dimid, &n), "reading a dimension length");
    return n;
  }
  int find_var(const std::string& name) const {
    int varid = -1;
    return nc_inq_varid(id_, name.c_str(), &varid) == NC_NOERR ? varid : -1;
  }
  // Text attribute, "" if absent or not text.
  std::string text_att(int varid, const char* att) const {
    nc_type t = NC_NAT;
    std::size_t len = 0;
    if (nc_inq_att(id_, varid, att, &t, &len) != NC_NOERR || t != NC_CHAR) return {};
    std::string s(len, '\0');
    if (len > 0) check(nc_get_att_text(id_, varid, att, s.data()), "reading an attribute");
    while (!s.empty() && s.back() == '\0') s.pop_back();
    return s;
  }
  // Numeric attribute values (converted to double), empty if absent or text.
  std::vector<double> num_att(int varid, const char* att) const {
    nc_type t = NC_NAT;
    std::size_t len = 0;
    if (nc_inq_att(id_, varid, att, &t, &len) != NC_NOERR || t == NC_CHAR || t == NC_STRING ||
        len == 0)
      return {};
    std::vector<double> v(len);
    check(nc_get_att_double(id_, varid, att, v.data()), "reading an attribute");
    return v;
  }
  std::vector<double> read_all_1d(int varid, std::size_t n) const {
    std::vector<double> v(n);
    if (n > 0) check(nc_get_var_double(id_, varid, v.data()), "reading a coordinate variable");
    return v;
  }

 private:
  std::string where_;
  int id_ = -1;
};

// ---------------------------------------------------------------------------------------
// Dimensions and coordinates

enum class Axis { none, x, y, z, t };

struct DimInfo {
  int dimid = -1;
  std::string name;
  std::size_t len = 0;
  Axis axis = Axis::none;
  int coord = -1;  // coordinate variable id, -1 if none
  std::string units;
};

bool is_lat_units(const std::string& u) {
  const std::string l = lower(u);
  return l == "degrees_north" || l == "degree_north" || l == "degree_n" || l == "degrees_n" ||
         l == "degreen" || l == "degreesn";
}
bool is_lon_units(const std::string& u) {
  const std::string l = lower(u);
  return l == "degrees_east" || l == "degree_east" || l == "degree_e" || l == "degrees_e" ||
         l == "degreee" || l == "degreese";
}
// Units a longitude/latitude may carry when only its name or axis says what it is.
bool degree_like(const std::string& u) {
  const std::string l = lower(u);
  return l.empty() || l == "degrees" || l == "degree" || l == "deg" || is_lat_units(u) ||
         is_lon_units(u);
}

Axis classify(const NcFile& f, const std::string& dim_name, int coord, std::string* units_out) {
  const std::string name = lower(dim_name);
  std::string units, axis, sn, positive;
  if (coord >= 0) {
    units = f.text_att(coord, "units");
    axis = lower(f.text_att(coord, "axis"));
    sn = lower(f.text_att(coord, "standard_name"));
    positive = f.text_att(coord, "positive");
  }
  if (units_out) *units_out = units;
  if (is_lat_units(units) || sn == "latitude") return Axis::y;
  if (is_lon_units(units) || sn == "longitude") return Axis::x;
  if (sn == "time" || looks_like_cf_time_units(units) || axis == "t") return Axis::t;
  if (axis == "y" && degree_like(units)) return Axis::y;
  if (axis == "x" && degree_like(units)) return Axis::x;
  if (axis == "z" || sn == "air_pressure" || !positive.empty()) return Axis::z;
  if ((name == "lat" || name == "latitude" || name == "nav_lat") && degree_like(units))
    return Axis::y;
  if ((name == "lon" || name == "longitude" || name == "nav_lon") && degree_like(units))
    return Axis::x;
  if (name == "time" || name == "t" || name == "valid_time" || name.starts_with("time"))
    return Axis::t;
  if (name == "level" || name == "lev" || name == "plev" || name == "levels" ||
      name == "pressure" || name == "pressure_level" || name == "pressure_levels" ||
      name.starts_with("isobaric") || name == "lv_isbl0" || name == "z")
    return Axis::z;
  return Axis::none;
}

std::vector<DimInfo> dims_of(const NcFile& f, int varid) {
  std::vector<DimInfo> out;
  for (int dimid : f.var_dims(varid)) {
    DimInfo d;
    d.dimid = dimid;
    d.name = f.dim_name(dimid);
    d.len = f.dim_len(dimid);
    const int cv = f.find_var(d.name);
    if (cv >= 0) {
      const auto cdims = f.var_dims(cv);
      if (cdims.size() == 1 && cdims[0] == dimid) d.coord = cv;
    }
    d.axis = classify(f, d.name, d.coord, &d.units);
    out.push_back(std::move(d));
  }
  return out;
}

// Coordinate variables (1-D, named after their dimension) and variables that other
// variables point to (bounds, grid mappings, auxiliary coordinates) are not data.
std::set<std::string> non_data_variables(const NcFile& f) {
  std::set<std::string> skip;
  const int n = f.nvars();
  for (int v = 0; v < n; ++v) {
    const std::string name = f.var_name(v);
    const auto dims = f.var_dims(v);
    if (dims.size() == 1 && f.dim_name(dims[0]) == name) skip.insert(name);
    for (const char* att : {"bounds", "climatology", "grid_mapping", "coordinates"}) {
      const std::string list = f.text_att(v, att);
      std::size_t p = 0;
      while (p < list.size()) {
        const auto b = list.find_first_not_of(' ', p);
        if (b == std::string::npos) break;
        const auto e = std::min(list.find(' ', b), list.size());
        skip.insert(list.substr(b, e - b));
        p = e;
      }
    }
  }
  return skip;
}

std::vector<TimePoint> decode_time_coord(const NcFile& f, int coord, std::size_t n) {
  const std::string name = f.var_name(coord);
  const std::string context = fmt::format("{}: time coordinate '{}'", f.where(), name);
  const std::string units = f.text_att(coord, "units");
  if (units.empty())
    throw_input_error(context, "has no units attribute (expected '<unit> since <date>')");
  const CfTimeUnits u = parse_cf_time_units(units, f.text_att(coord, "calendar"), context);
  const auto values = f.read_all_1d(coord, n);
  return decode_cf_times(u, values, context);
}

// A scalar time named in the variable's "coordinates" attribute (ERA5 2-D fields).
std::optional<TimePoint> scalar_time(const NcFile& f, int varid) {
  const std::string list = f.text_att(varid, "coordinates");
  std::size_t p = 0;
  while (p < list.size()) {
    const auto b = list.find_first_not_of(' ', p);
    if (b == std::string::npos) break;
    const auto e = std::min(list.find(' ', b), list.size());
    const int cv = f.find_var(list.substr(b, e - b));
    p = e;
    if (cv < 0 || !f.var_dims(cv).empty()) continue;
    if (classify(f, f.var_name(cv), cv, nullptr) != Axis::t) continue;
    auto t = decode_time_coord(f, cv, 1);
    return t.front();
  }
  return std::nullopt;
}

// Pressure levels in hPa, or nullopt if the vertical coordinate is not a pressure.
std::optional<std::vector<double>> pressure_levels(const NcFile& f, const DimInfo& d) {
  if (d.coord < 0) return std::nullopt;
  std::string units = d.units;
  if (units.empty()) {
    // Files written by some converters leave the units off plain "level"/"isobaric" axes;
    // assume hPa only when the values look like hPa.
    auto v = f.read_all_1d(d.coord, d.len);
    const bool plausible =
        !v.empty() && std::all_of(v.begin(), v.end(), [](double x) { return x > 0 && x <= 1100; });
    if (!plausible) return std::nullopt;
    return v;
  }
  if (!units_convertible(units, "hPa")) return std::nullopt;
  auto v = f.read_all_1d(d.coord, d.len);
  double_converter(units, "hPa", fmt::format("{}: level coordinate '{}'", f.where(), d.name))
      .convert(v);
  return v;
}

// Evenly spaced? Returns the spacing of sorted values (0 for one value).
double regular_spacing(const std::vector<double>& sorted, const std::string& context,
                       const char* what) {
  if (sorted.size() < 2) return 0;
  const double step = (sorted.back() - sorted.front()) / double(sorted.size() - 1);
  if (!(step > 0))
    throw_input_error(context, fmt::format("{} coordinate has repeated values", what));
  for (std::size_t i = 1; i < sorted.size(); ++i)
    if (std::abs(sorted[i] - sorted[i - 1] - step) > 1e-2 * step)
      throw_input_error(context,
                        fmt::format("{} coordinate is not evenly spaced ({} to {} at index {}, "
                                    "mean step {}); only regular grids are supported",
                                    what, num(sorted[i - 1]), num(sorted[i]), i, num(step)));
  return step;
}

// ---------------------------------------------------------------------------------------
// Values: fill/missing detection and unpacking

struct Packing {
  nc_type type = NC_DOUBLE;
  std::vector<double> missing;  // _FillValue (or default fill) and missing_value(s)
  double valid_min = -std::numeric_limits<double>::infinity();
  double valid_max = std::numeric_limits<double>::infinity();
  double scale = 1, offset = 0;
  int unsigned_bits = 0;  // _Unsigned = "true" on a signed integer type

  bool is_missing(double raw) const {
    if (std::isnan(raw)) return true;
    for (double m : missing) {
      if (type == NC_FLOAT ? static_cast<float>(raw) == static_cast<float>(m) : raw == m)
        return true;
    }
    return false;
  }
  double unpack(double raw) const {
    if (is_missing(raw)) return nan;
    if (unsigned_bits && raw < 0) raw += std::ldexp(1.0, unsigned_bits);
    if (raw < valid_min || raw > valid_max) return nan;
    return raw * scale + offset;
  }
};

Packing packing_of(const NcFile& f, int varid) {
  Packing p;
  p.type = f.var_type(varid);
  auto fill = f.num_att(varid, "_FillValue");
  if (!fill.empty()) {
    p.missing.push_back(fill.front());
  } else {
    // NUG: the default fill of the type means "never written" (not for bytes).
    switch (p.type) {
      case NC_SHORT:
        p.missing.push_back(NC_FILL_SHORT);
        break;
      case NC_USHORT:
        p.missing.push_back(NC_FILL_USHORT);
        break;
      case NC_INT:
        p.missing.push_back(NC_FILL_INT);
        break;
      case NC_UINT:
        p.missing.push_back(NC_FILL_UINT);
        break;
      case NC_FLOAT:
        p.missing.push_back(NC_FILL_FLOAT);
        break;
      case NC_DOUBLE:
        p.missing.push_back(NC_FILL_DOUBLE);
        break;
      default:
        break;
    }
  }
  for (double m : f.num_att(varid, "missing_value")) p.missing.push_back(m);
  if (auto s = f.num_att(varid, "scale_factor"); !s.empty()) p.scale = s.front();
  if (auto o = f.num_att(varid, "add_offset"); !o.empty()) p.offset = o.front();
  if (lower(f.text_att(varid, "_Unsigned")) == "true") {
    if (p.type == NC_BYTE) p.unsigned_bits = 8;
    if (p.type == NC_SHORT) p.unsigned_bits = 16;
    if (p.type == NC_INT) p.unsigned_bits = 32;
  }
  if (auto r = f.num_att(varid, "valid_range"); r.size() == 2) {
    p.valid_min = r[0];
    p.valid_max = r[1];
  }
  if (auto r = f.num_att(varid, "valid_min"); !r.empty()) p.valid_min = r[0];
  if (auto r = f.num_att(varid, "valid_max"); !r.empty()) p.valid_max = r[0];
  return p;
}

bool numeric_type(nc_type t) {
  switch (t) {
    case NC_BYTE:
    case NC_UBYTE:
    case NC_SHORT:
    case NC_USHORT:
    case NC_INT:
    case NC_UINT:
    case NC_INT64:
    case NC_UINT64:
    case NC_FLOAT:
    case NC_DOUBLE:
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------
// Hyperslab reading

// A contiguous range of one file dimension and where each of its indices goes in the
// output along that axis.
struct Run {
  std::size_t start = 0, count = 0;
  std::vector<std::size_t> out;  // output position of start + k
};

// Groups (file index, output position) pairs into runs of consecutive file indices.
std::vector<Run> make_runs(std::vector<std::pair<std::size_t, std::size_t>> src_out) {
  std::sort(src_out.begin(), src_out.end());
  std::vector<Run> runs;
  for (auto [src, out] : src_out) {
    if (runs.empty() || src != runs.back().start + runs.back().count) {
      runs.push_back({src, 0, {}});
    }
    runs.back().count++;
    runs.back().out.push_back(out);
  }
  return runs;
}

// Reads the cartesian product of the runs of every dimension (one nc_get_vara_double
// each) and scatters the unpacked values to out[Σ out_position[d] * stride[d]].
void read_scatter(const NcFile& f, int varid, const std::string& var_name,
                  const std::vector<std::vector<Run>>& runs, const std::vector<std::size_t>& stride,
                  const Packing& packing, std::vector<double>& out) {
  const std::size_t nd = runs.size();
  std::vector<std::size_t> pick(nd, 0);  // which run of each dimension
  std::vector<double> buffer;
  for (;;) {
    std::vector<std::size_t> start(nd), count(nd);
    std::size_t total = 1;
    for (std::size_t d = 0; d < nd; ++d) {
      start[d] = runs[d][pick[d]].start;
      count[d] = runs[d][pick[d]].count;
      total *= count[d];
    }
    buffer.resize(total);
    f.check(nc_get_vara_double(f.id(), varid, start.data(), count.data(), buffer.data()),
            fmt::format("reading variable '{}'", var_name));
    // Odometer over the hyperslab, last dimension fastest (row-major like the buffer).
    std::vector<std::size_t> k(nd, 0);
    for (std::size_t n = 0; n < total; ++n) {
      std::size_t o = 0;
      for (std::size_t d = 0; d < nd; ++d) o += runs[d][pick[d]].out[k[d]] * stride[d];
      out[o] = packing.unpack(buffer[n]);
      for (std::size_t d = nd; d-- > 0;) {
        if (++k[d] < count[d]) break;
        k[d] = 0;
      }
    }
    // Next combination of runs.
    std::size_t d = nd;
    while (d-- > 0) {
      if (++pick[d] < runs[d].size()) break;
      pick[d] = 0;
    }
    if (d == std::size_t(-1)) break;
  }
}

// ---------------------------------------------------------------------------------------
// Variable lookup

struct Resolved {
  int varid = -1;
  std::string name;
  const QuantityInfo* quantity = nullptr;
  bool from_geopotential = false;  // geopotential_height requested, geopotential found
};

Resolved resolve(const NcFile& f, const std::string& request) {
  // Standard names and aliases are matched among data variables only ("T" may be a
  // time axis in one file and a temperature in another).
  const auto skip = non_data_variables(f);
  std::vector<std::string> names, standard_names;
  std::vector<int> ids;
  for (int v = 0, n = f.nvars(); v < n; ++v) {
    std::string name = f.var_name(v);
    if (skip.count(name)) continue;
    names.push_back(name);
    standard_names.push_back(f.text_att(v, "standard_name"));
    ids.push_back(v);
  }
  Resolved r;
  r.quantity = find_quantity(request);
  if (const int exact = f.find_var(request); exact >= 0) {
    r.varid = exact;
  } else {
    std::vector<std::string> tried;
    int i = resolve_variable(request, names, standard_names, &tried);
    if (i < 0 && r.quantity && r.quantity->name == "geopotential_height") {
      i = resolve_variable("geopotential", names, standard_names, &tried);
      r.from_geopotential = i >= 0;
    }
    if (i < 0) {
      const std::string aliases =
          r.quantity ? fmt::format("; tried standard_name '{}' and aliases {}",
                                   r.quantity->standard_name, fmt::join(tried, ", "))
                     : fmt::format("; '{}' is not a known quantity or alias", request);
      throw_input_error(f.where(),
                        fmt::format("variable '{}' not found (available: {}){}", request,
                                    names.empty() ? std::string("none")
                                                  : fmt::format("{}", fmt::join(names, ", ")),
                                    aliases));
    }
    r.varid = ids[static_cast<std::size_t>(i)];
  }
  r.name = f.var_name(r.varid);
  if (!r.quantity) {
    // Recognise the variable itself (by standard_name, then name) for its SI default.
    r.quantity = find_quantity(f.text_att(r.varid, "standard_name"));
    if (!r.quantity) r.quantity = find_quantity(r.name);
  }
  return r;
}

// Lower case "lat" / "lon" / "time" / "level" for messages.
const char* axis_word(Axis a) {
  switch (a) {
    case Axis::x:
      return "longitude";
    case Axis::y:
      return "latitude";
    case Axis::z:
      return "level";
    case Axis::t:
      return "time";
    default:
      return "other";
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------

GriddedData read_netcdf_variable(const fs::path& file, const ReadRequest& request) {
  NcFile f(file);
  const Resolved r = resolve(f, request.variable);
  const std::string ctx = fmt::format("{}: variable '{}'", f.where(), r.name);
  auto fail = [&](const std::string& message) { throw_input_error(ctx, message); };

  const nc_type type = f.var_type(r.varid);
  if (!numeric_type(type)) fail("is not numeric");
  const auto dims = dims_of(f, r.varid);

  int ix = -1, iy = -1, iz = -1, it = -1;
  for (std::size_t d = 0; d < dims.size(); ++d) {
    int* slot = nullptr;
    switch (dims[d].axis) {
      case Axis::x:
        slot = &ix;
        break;
      case Axis::y:
        slot = &iy;
        break;
      case Axis::z:
        slot = &iz;
        break;
      case Axis::t:
        slot = &it;
        break;
      default:
        break;
    }
    if (!slot) continue;
    if (*slot >= 0)
      fail(fmt::format("has two {} dimensions ('{}' and '{}')", axis_word(dims[d].axis),
                       dims[static_cast<std::size_t>(*slot)].name, dims[d].name));
    *slot = static_cast<int>(d);
  }
  std::vector<std::string> dim_names;
  for (const auto& d : dims) dim_names.push_back(d.name);
  if (ix < 0 || iy < 0)
    fail(fmt::format(
        "has no latitude/longitude dimensions (dimensions: {}; expected "
        "coordinate variables with units degrees_north/degrees_east, axis Y/X, or "
        "names lat/lon)",
        dim_names.empty() ? std::string("none") : fmt::format("{}", fmt::join(dim_names, ", "))));
  const DimInfo& dx = dims[static_cast<std::size_t>(ix)];
  const DimInfo& dy = dims[static_cast<std::size_t>(iy)];
  if (dx.coord < 0 || dy.coord < 0)
    fail(
        fmt::format("dimension '{}' has no coordinate variable", dx.coord < 0 ? dx.name : dy.name));
  if (dx.len == 0 || dy.len == 0) fail("has an empty latitude or longitude dimension");

  // Selection along each file dimension: (file index, output position) pairs.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> sel(dims.size());
  for (std::size_t d = 0; d < dims.size(); ++d) {
    const int di = static_cast<int>(d);
    if (di == ix || di == iy || di == it) continue;
    if (di == iz) continue;
    if (dims[d].len != 1)
      fail(
          fmt::format("dimension '{}' (size {}) is neither latitude, longitude, time nor a "
                      "pressure level; cannot reduce it to one field",
                      dims[d].name, dims[d].len));
    sel[d] = {{0, 0}};
  }

  GriddedData out;
  out.file = f.where();
  out.source_variable = r.name;
  out.standard_name = f.text_att(r.varid, "standard_name");
  out.long_name = f.text_att(r.varid, "long_name");
  out.source_units = f.text_att(r.varid, "units");

  // --- latitude
  const std::vector<double> lat_raw = f.read_all_1d(dy.coord, dy.len);
  std::vector<double> lat_sorted = lat_raw;
  std::sort(lat_sorted.begin(), lat_sorted.end());
  if (std::any_of(lat_raw.begin(), lat_raw.end(), [](double v) { return !std::isfinite(v); }))
    fail(fmt::format("latitude coordinate '{}' has non-finite values", dy.name));
  const double dlat_file = regular_spacing(lat_sorted, ctx, "latitude");
  // --- longitude
  const std::vector<double> lon_raw = f.read_all_1d(dx.coord, dx.len);
  std::vector<double> lon_sorted = lon_raw;
  std::sort(lon_sorted.begin(), lon_sorted.end());
  if (std::any_of(lon_raw.begin(), lon_raw.end(), [](double v) { return !std::isfinite(v); }))
    fail(fmt::format("longitude coordinate '{}' has non-finite values", dx.name));
  const double dlon_file = regular_spacing(lon_sorted, ctx, "longitude");

  auto data_extent = [&] {
    return fmt::format("data: lon {}..{}, lat {}..{}", num(lon_sorted.front()),
                       num(lon_sorted.back()), num(lat_sorted.front()), num(lat_sorted.back()));
  };

  // (output coordinate, file index), sorted by coordinate.
  std::vector<std::pair<double, std::size_t>> lats, lons;
  if (request.box) {
    const GeoBox& b = *request.box;
    if (!std::isfinite(b.lat_min) || !std::isfinite(b.lat_max) || !std::isfinite(b.lon_min) ||
        !std::isfinite(b.lon_max) || b.lat_min > b.lat_max)
      fail(fmt::format("invalid box lon {}..{}, lat {}..{}", num(b.lon_min), num(b.lon_max),
                       num(b.lat_min), num(b.lat_max)));
    const double tol_lat = 1e-6 * std::max(dlat_file, 1e-3);
    for (std::size_t j = 0; j < dy.len; ++j)
      if (lat_raw[j] >= b.lat_min - tol_lat && lat_raw[j] <= b.lat_max + tol_lat)
        lats.emplace_back(lat_raw[j], j);
    // Longitudes are shifted by whole turns into [a, a + 360): a seam-crossing box gives
    // one continuous run of output longitudes.
    const double tol = 1e-6 * std::max(dlon_file, 1e-3);
    const double a = b.lon_min;
    double width = b.lon_max - b.lon_min;
    if (width < 0) width += 360;  // crosses the antimeridian (170 .. -170)
    width = std::min(width, 360.0);
    for (std::size_t i = 0; i < dx.len; ++i) {
      const double k = std::ceil((a - tol - lon_raw[i]) / 360.0);
      const double x = lon_raw[i] + 360.0 * k;
      if (x <= a + width + tol) lons.emplace_back(x, i);
    }
  } else {
    for (std::size_t j = 0; j < dy.len; ++j) lats.emplace_back(lat_raw[j], j);
    for (std::size_t i = 0; i < dx.len; ++i) lons.emplace_back(lon_raw[i], i);
  }
  std::sort(lats.begin(), lats.end());
  std::sort(lons.begin(), lons.end());
  // A global grid that repeats its first longitude (0 and 360) gives a duplicate.
  {
    const double eps = 0.5 * (dlon_file > 0 ? dlon_file : 1e-6);
    std::vector<std::pair<double, std::size_t>> unique;
    for (const auto& p : lons)
      if (unique.empty() || p.first - unique.back().first > eps) unique.push_back(p);
    lons = std::move(unique);
  }
  if (lats.empty() || lons.empty()) {
    const GeoBox& b = *request.box;
    fail(fmt::format("box lon {}..{}, lat {}..{} contains no grid point ({}, spacing {} x {})",
                     num(b.lon_min), num(b.lon_max), num(b.lat_min), num(b.lat_max), data_extent(),
                     num(dlon_file), num(dlat_file)));
  }
  for (std::size_t i = 1; i < lons.size(); ++i)
    if (lons[i].first - lons[i - 1].first > 1.5 * dlon_file)
      fail(fmt::format("the box spans a gap in the longitudes of the data ({} to {}; {})",
                       num(lons[i - 1].first), num(lons[i].first), data_extent()));

  Grid& g = out.grid;
  g.nlat = lats.size();
  g.nlon = lons.size();
  g.lat0 = lats.front().first;
  g.lon0 = lons.front().first;
  g.dlat = g.nlat > 1 ? (lats.back().first - lats.front().first) / double(g.nlat - 1)
                      : (dlat_file > 0 ? dlat_file : 1.0);
  g.dlon = g.nlon > 1 ? (lons.back().first - lons.front().first) / double(g.nlon - 1)
                      : (dlon_file > 0 ? dlon_file : 1.0);
  // Output points must sit on lon0 + i*dlon; a seam with a short step (ETOPO5's 0 ..
  // 359.92 in 4320 points) is tolerated up to 10% of a step.
  for (std::size_t i = 0; i < lons.size(); ++i)
    if (std::abs(lons[i].first - g.lon(i)) > 0.1 * g.dlon)
      fail(fmt::format("longitudes in the box are not evenly spaced (point {} at {}, expected {})",
                       i, num(lons[i].first), num(g.lon(i))));
  for (std::size_t j = 0; j < lats.size(); ++j)
    sel[static_cast<std::size_t>(iy)].emplace_back(lats[j].second, j);
  for (std::size_t i = 0; i < lons.size(); ++i)
    sel[static_cast<std::size_t>(ix)].emplace_back(lons[i].second, i);

  // --- time
  if (it >= 0) {
    const DimInfo& dt = dims[static_cast<std::size_t>(it)];
    if (dt.coord < 0) {
      if (dt.len != 1) fail(fmt::format("time dimension '{}' has no coordinate variable", dt.name));
      sel[static_cast<std::size_t>(it)] = {{0, 0}};
    } else {
      const auto times = decode_time_coord(f, dt.coord, dt.len);
      std::vector<std::pair<TimePoint, std::size_t>> chosen;
      for (std::size_t k = 0; k < times.size(); ++k) {
        if (request.from && times[k] < *request.from) continue;
        if (request.to && times[k] > *request.to) continue;
        chosen.emplace_back(times[k], k);
      }
      if (chosen.empty()) {
        const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
        fail(fmt::format("no time in the window {} .. {} (file times: {} .. {}, {} steps)",
                         request.from ? format_iso_utc(*request.from) : std::string("-"),
                         request.to ? format_iso_utc(*request.to) : std::string("-"),
                         times.empty() ? std::string("none") : format_iso_utc(*lo),
                         times.empty() ? std::string("none") : format_iso_utc(*hi), times.size()));
      }
      std::stable_sort(chosen.begin(), chosen.end(),
                       [](const auto& p, const auto& q) { return p.first < q.first; });
      for (std::size_t k = 0; k < chosen.size(); ++k) {
        out.times.push_back(chosen[k].first);
        sel[static_cast<std::size_t>(it)].emplace_back(chosen[k].second, k);
      }
    }
  } else if (auto t = scalar_time(f, r.varid)) {
    out.times.push_back(*t);
    if ((request.from && *t < *request.from) || (request.to && *t > *request.to))
      fail(fmt::format("its only time {} is outside the window {} .. {}", format_iso_utc(*t),
                       request.from ? format_iso_utc(*request.from) : std::string("-"),
                       request.to ? format_iso_utc(*request.to) : std::string("-")));
  }

  // --- vertical
  if (iz >= 0) {
    const DimInfo& dz = dims[static_cast<std::size_t>(iz)];
    const auto levels = pressure_levels(f, dz);
    auto& s = sel[static_cast<std::size_t>(iz)];
    if (!levels) {
      if (dz.len != 1)
        fail(
            fmt::format("vertical dimension '{}' (size {}, units '{}') is not a pressure "
                        "coordinate; only pressure levels (Pa, hPa) are supported",
                        dz.name, dz.len, dz.units));
      if (!request.levels_hpa.empty()) fail("has no pressure levels to select from");
      s = {{0, 0}};
    } else if (request.levels_hpa.empty()) {
      for (std::size_t k = 0; k < levels->size(); ++k) {
        out.levels_hpa.push_back((*levels)[k]);
        s.emplace_back(k, k);
      }
    } else {
      for (double want : request.levels_hpa) {
        std::size_t found = levels->size();
        for (std::size_t k = 0; k < levels->size(); ++k)
          if (std::abs((*levels)[k] - want) <= 1e-3 + 1e-6 * std::abs(want)) found = k;
        if (found == levels->size())
          fail(fmt::format("has no level {} hPa (levels: {} hPa)", num(want),
                           fmt::join(*levels, ", ")));
        s.emplace_back(found, out.levels_hpa.size());
        out.levels_hpa.push_back(want);
      }
    }
  } else if (!request.levels_hpa.empty()) {
    fail(fmt::format("has no vertical dimension to select levels {} hPa from",
                     fmt::join(request.levels_hpa, ", ")));
  }

  // --- read
  const std::size_t nt = out.n_times(), nk = out.n_levels();
  std::vector<std::size_t> stride(dims.size(), 0);
  stride[static_cast<std::size_t>(ix)] = 1;
  stride[static_cast<std::size_t>(iy)] = g.nlon;
  if (iz >= 0) stride[static_cast<std::size_t>(iz)] = g.nlat * g.nlon;
  if (it >= 0) stride[static_cast<std::size_t>(it)] = nk * g.nlat * g.nlon;
  std::vector<std::vector<Run>> runs;
  for (auto& s : sel) runs.push_back(make_runs(std::move(s)));
  out.values.assign(nt * nk * g.nlat * g.nlon, nan);
  read_scatter(f, r.varid, r.name, runs, stride, packing_of(f, r.varid), out.values);

  out.n_missing = static_cast<std::size_t>(
      std::count_if(out.values.begin(), out.values.end(), [](double v) { return std::isnan(v); }));
  if (out.n_missing == out.values.size())
    fail(fmt::format(
        "no valid value in the requested subset (all {} values are _FillValue, "
        "missing_value or NaN; lon {}..{}, lat {}..{})",
        out.values.size(), num(g.lon0), num(g.lon_max()), num(g.lat0), num(g.lat_max())));

  // --- units
  std::string target = request.units;
  if (target.empty() && r.quantity) target = std::string(r.quantity->si_units);
  if (r.from_geopotential && target.empty()) target = "m";
  if (target.empty()) {
    out.units = out.source_units;
  } else {
    if (out.source_units.empty())
      fail(fmt::format("has no units attribute; cannot convert it to '{}'", target));
    std::span<double> values(out.values);
    if (r.from_geopotential) {
      // geopotential (m2 s-2) / g0 = geopotential height (m).
      double_converter(out.source_units, "m2 s-2", ctx).convert(values);
      for (double& v : values) v /= standard_gravity;
      double_converter("m", target, ctx).convert(values);
    } else {
      double_converter(out.source_units, target, ctx).convert(values);
    }
    out.units = target;
  }
  return out;
}

std::vector<VariableInfo> describe_netcdf(const fs::path& file) {
  NcFile f(file);
  const auto skip = non_data_variables(f);
  std::vector<VariableInfo> result;
  const int n = f.nvars();
  for (int v = 0; v < n; ++v) {
    VariableInfo info;
    info.name = f.var_name(v);
    if (skip.count(info.name)) continue;
    info.standard_name = f.text_att(v, "standard_name");
    info.long_name = f.text_att(v, "long_name");
    info.units = f.text_att(v, "units");
    const auto dims = dims_of(f, v);
    for (const auto& d : dims) {
      info.dims.push_back(d.name);
      info.shape.push_back(d.len);
      if (d.coord < 0 || d.len == 0) continue;
      switch (d.axis) {
        case Axis::y:
        case Axis::x: {
          const auto c = f.read_all_1d(d.coord, d.len);
          const auto [lo, hi] = std::minmax_element(c.begin(), c.end());
          (d.axis == Axis::y ? info.lat : info.lon) = std::make_pair(*lo, *hi);
          break;
        }
        case Axis::t: {
          const auto t = decode_time_coord(f, d.coord, d.len);
          const auto [lo, hi] = std::minmax_element(t.begin(), t.end());
          info.time = std::make_pair(*lo, *hi);
          break;
        }
        case Axis::z:
          if (auto levels = pressure_levels(f, d)) info.levels_hpa = *levels;
          break;
        default:
          break;
      }
    }
    if (!info.time)
      if (auto t = scalar_time(f, v)) info.time = std::make_pair(*t, *t);
    // Missing count over the whole variable, a slab of the first dimension at a time.
    const nc_type type = f.var_type(v);
    if (numeric_type(type)) {
      const Packing packing = packing_of(f, v);
      std::vector<std::size_t> start(dims.size(), 0), count(info.shape);
      const std::size_t slabs = dims.empty() ? 1 : info.shape[0];
      if (!dims.empty()) count[0] = 1;
      const std::size_t per_slab =
          std::accumulate(count.begin(), count.end(), std::size_t{1}, std::multiplies<>());
      std::vector<double> buffer(per_slab);
      for (std::size_t s = 0; s < slabs && per_slab > 0; ++s) {
        if (!dims.empty()) start[0] = s;
        f.check(nc_get_vara_double(f.id(), v, start.data(), count.data(), buffer.data()),
                fmt::format("reading variable '{}'", info.name));
        for (double x : buffer)
          if (std::isnan(packing.unpack(x))) ++info.missing;
      }
    }
    result.push_back(std::move(info));
  }
  return result;
}

}  // namespace taifeng::forcing
