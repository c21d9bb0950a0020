// GRIB2 half of forcing/gridded.hpp: read one variable of a GRIB file through ecCodes.
//
// The file is scanned once for the header keys of every message (no values decoded);
// the messages of the requested variable are then grouped by validity time and
// pressure level, checked to share one regular_ll grid, and only the selected ones are
// decoded (by seeking to their offset). Values come out [time][level][lat][lon] with
// latitude ascending and longitude ascending and continuous, missing points as NaN.
#include <eccodes.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/gridded.hpp"
#include "taifeng/forcing/units_convert.hpp"
#include "taifeng/forcing/variables.hpp"

namespace taifeng::forcing {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// Decoded values of points the bitmap marks missing are set to this.
constexpr double missing_sentinel = -1.0e300;
// Coordinates agree when they differ by less than this (degrees); GRIB2 stores
// micro-degrees.
constexpr double coord_tol = 2e-6;

struct HandleDeleter {
  void operator()(codes_handle* h) const { codes_handle_delete(h); }
};
using Handle = std::unique_ptr<codes_handle, HandleDeleter>;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open_grib(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw_input_error(file.string(), "is a directory, not a GRIB file");
  File f(std::fopen(file.c_str(), "rb"));
  if (!f) throw_input_error(file.string(), fmt::format("cannot open: {}", std::strerror(errno)));
  return f;
}

std::string get_string(codes_handle* h, const char* key) {
  char buf[1024];
  std::size_t len = sizeof buf;
  if (codes_get_string(h, key, buf, &len) != CODES_SUCCESS) return {};
  return std::string(buf);
}

std::optional<long> get_long(codes_handle* h, const char* key) {
  long v = 0;
  int is_missing_err = 0;
  if (codes_get_long(h, key, &v) != CODES_SUCCESS) return std::nullopt;
  if (codes_is_missing(h, key, &is_missing_err) == 1 && is_missing_err == CODES_SUCCESS)
    return std::nullopt;
  return v;
}

std::optional<double> get_double(codes_handle* h, const char* key) {
  double v = 0;
  if (codes_get_double(h, key, &v) != CODES_SUCCESS) return std::nullopt;
  return v;
}

// Geometry of a regular_ll grid as encoded: rows run from lat_first to lat_last,
// columns from lon_first eastward (westward if i_negative) to lon_last.
struct Geometry {
  long ni = 0, nj = 0;
  double lat_first = 0, lat_last = 0, lon_first = 0, lon_last = 0;
  double di = 0;  // iDirectionIncrementInDegrees, 0 if not given
  bool i_negative = false, j_consecutive = false;

  bool same_as(const Geometry& o) const {
    auto close = [](double a, double b) { return std::abs(a - b) < coord_tol; };
    auto lon_close = [&](double a, double b) { return close(std::remainder(a - b, 360.0), 0.0); };
    return ni == o.ni && nj == o.nj && close(lat_first, o.lat_first) &&
           close(lat_last, o.lat_last) && lon_close(lon_first, o.lon_first) &&
           lon_close(lon_last, o.lon_last) && i_negative == o.i_negative &&
           j_consecutive == o.j_consecutive;
  }
};

// The grid in ascending order: point (i, j) at west + i*dlon, south + j*dlat.
struct Normalized {
  double west = 0, south = 0, dlon = 1, dlat = 1;
  std::size_t nlon = 0, nlat = 0;
  bool lat_descending = false;  // file rows run north to south
  // Columns before the grid repeats itself: nlon for a global grid, nlon - 1 for a
  // global grid that repeats its first meridian (0 .. 360); 0 for a regional grid.
  std::size_t period = 0;
};

Normalized normalize(const Geometry& g) {
  Normalized n;
  n.nlon = std::size_t(g.ni);
  n.nlat = std::size_t(g.nj);
  // Latitude: rows run from first to last whatever jScansPositively says.
  n.lat_descending = g.lat_first > g.lat_last;
  n.south = std::min(g.lat_first, g.lat_last);
  n.dlat = g.nj > 1 ? std::abs(g.lat_last - g.lat_first) / double(g.nj - 1) : 1.0;
  // Longitude: the span from the western to the eastern point, going east.
  const double west = g.i_negative ? g.lon_last : g.lon_first;
  const double east = g.i_negative ? g.lon_first : g.lon_last;
  double span = std::fmod(east - west, 360.0);
  if (span < 0) span += 360.0;
  if (g.ni > 1 && g.di > 0) {
    // The coordinates give the span modulo 360°; the increment says how many turns
    // (a grid 0 .. 360 repeats its first meridian).
    span += 360.0 * std::round((g.di * double(g.ni - 1) - span) / 360.0);
  } else if (g.ni > 1 && span < coord_tol) {
    span = 360.0;
  }
  n.dlon = g.ni > 1 && span > 0 ? span / double(g.ni - 1) : (g.di > 0 ? g.di : 1.0);
  n.west = std::fmod(west, 360.0);
  if (n.west < 0) n.west += 360.0;
  // A grid crossing the Greenwich meridian from the west (355 .. 5) reads as -5 .. 5.
  if (n.west >= 180.0 && n.west + span > 360.0 + coord_tol) n.west -= 360.0;
  const auto spans_360 = [&](long columns) {
    return std::abs(double(columns) * n.dlon - 360.0) < 1e-3 * n.dlon;
  };
  if (spans_360(g.ni))
    n.period = n.nlon;
  else if (g.ni > 1 && spans_360(g.ni - 1))
    n.period = n.nlon - 1;
  return n;
}

// Index into the decoded values array of normalized point (i, j).
std::size_t storage_index(const Geometry& g, const Normalized& n, std::size_t i, std::size_t j) {
  const std::size_t col = g.i_negative ? n.nlon - 1 - i : i;
  const std::size_t row = n.lat_descending ? n.nlat - 1 - j : j;
  return g.j_consecutive ? col * n.nlat + row : row * n.nlon + col;
}

bool known(const std::string& s) {
  return !s.empty() && s != "unknown" && s != "~";
}

// Header keys of one message.
struct Message {
  std::size_t number = 0;  // 1-based position in the file
  long offset = 0;         // byte offset of the message in the file
  std::string short_name, cf_var_name, cf_name, name, units, grid_type, type_of_level;
  long level = 0;
  std::optional<double> level_hpa;  // isobaric levels only
  TimePoint valid{}, reference{};
  std::optional<Geometry> geometry;  // regular_ll only
  std::size_t n_points = 0, n_missing = 0;
};

std::optional<TimePoint> date_time(std::optional<long> date, std::optional<long> hhmm) {
  if (!date || !hhmm) return std::nullopt;
  const int y = int(*date / 10000), mo = int(*date / 100 % 100), d = int(*date % 100);
  const int h = int(*hhmm / 100), mi = int(*hhmm % 100);
  if (!valid_utc(y, mo, d, h, mi)) return std::nullopt;
  return make_utc(y, mo, d, h, mi);
}

Message read_header(codes_handle* h, std::size_t number, const std::filesystem::path& file) {
  Message m;
  m.number = number;
  m.offset = get_long(h, "offset").value_or(-1);
  m.short_name = get_string(h, "shortName");
  if (!known(m.short_name)) {
    // A parameter ecCodes has no name for: name it by its GRIB2 code (or paramId).
    const auto d = get_long(h, "discipline"), c = get_long(h, "parameterCategory"),
               p = get_long(h, "parameterNumber");
    m.short_name = d && c && p ? fmt::format("param{}.{}.{}", *d, *c, *p)
                               : fmt::format("param{}", get_long(h, "paramId").value_or(0));
  }
  m.cf_var_name = get_string(h, "cfVarName");
  m.cf_name = get_string(h, "cfName");
  m.name = get_string(h, "name");
  m.units = get_string(h, "units");
  m.grid_type = get_string(h, "gridType");
  m.type_of_level = get_string(h, "typeOfLevel");
  m.level = get_long(h, "level").value_or(0);
  if (m.type_of_level == "isobaricInhPa") m.level_hpa = double(m.level);
  if (m.type_of_level == "isobaricInPa") m.level_hpa = double(m.level) / 100.0;

  const auto where_msg = [&] { return fmt::format("GRIB message {} ({})", number, m.short_name); };
  const auto valid = date_time(get_long(h, "validityDate"), get_long(h, "validityTime"));
  const auto reference = date_time(get_long(h, "dataDate"), get_long(h, "dataTime"));
  if (!valid || !reference)
    throw_input_error(file.string(), where_msg() + ": invalid or missing date/time keys");
  m.valid = *valid;
  m.reference = *reference;

  m.n_points = std::size_t(get_long(h, "numberOfDataPoints").value_or(0));
  m.n_missing = std::size_t(get_long(h, "numberOfMissing").value_or(0));

  if (m.grid_type == "regular_ll") {
    Geometry g;
    const auto ni = get_long(h, "Ni"), nj = get_long(h, "Nj");
    const auto la1 = get_double(h, "latitudeOfFirstGridPointInDegrees");
    const auto la2 = get_double(h, "latitudeOfLastGridPointInDegrees");
    const auto lo1 = get_double(h, "longitudeOfFirstGridPointInDegrees");
    const auto lo2 = get_double(h, "longitudeOfLastGridPointInDegrees");
    if (!ni || !nj || *ni < 1 || *nj < 1 || !la1 || !la2 || !lo1 || !lo2)
      throw_input_error(file.string(), where_msg() + ": incomplete regular_ll grid definition");
    g.ni = *ni;
    g.nj = *nj;
    g.lat_first = *la1;
    g.lat_last = *la2;
    g.lon_first = *lo1;
    g.lon_last = *lo2;
    const auto di = get_double(h, "iDirectionIncrementInDegrees");
    g.di = di && *di > 0 && *di < 360 ? *di : 0.0;
    g.i_negative = get_long(h, "iScansNegatively").value_or(0) != 0;
    g.j_consecutive = get_long(h, "jPointsAreConsecutive").value_or(0) != 0;
    if (get_long(h, "alternativeRowScanning").value_or(0) != 0)
      throw_input_error(file.string(), where_msg() + ": alternative row scanning is not supported");
    if (std::size_t(g.ni) * std::size_t(g.nj) != m.n_points)
      throw_input_error(file.string(),
                        fmt::format("{}: Ni x Nj = {} x {} but the message has {} points",
                                    where_msg(), g.ni, g.nj, m.n_points));
    m.geometry = g;
  }
  return m;
}

// Every message of the file, header keys only. Input error naming the file if it holds
// no GRIB message or a message cannot be read (truncated or corrupt).
std::vector<Message> scan(const std::filesystem::path& file) {
  File f = open_grib(file);
  std::vector<Message> messages;
  for (std::size_t number = 1;; ++number) {
    int err = 0;
    Handle h(codes_handle_new_from_file(nullptr, f.get(), PRODUCT_GRIB, &err));
    if (!h) {
      if (err != CODES_SUCCESS)
        throw_input_error(file.string(),
                          fmt::format("{}cannot read GRIB message {}: {} (truncated or corrupt "
                                      "file?)",
                                      number == 1 ? "not a GRIB file or a corrupt one: " : "",
                                      number, codes_get_error_message(err)));
      break;
    }
    messages.push_back(read_header(h.get(), number, file));
  }
  if (messages.empty()) throw_input_error(file.string(), "not a GRIB file: no GRIB message found");
  return messages;
}

// Decoded values of one message (storage order), missing points as NaN.
std::vector<double> decode(std::FILE* f, const std::filesystem::path& file, const Message& m) {
  if (m.offset < 0 || fseeko(f, off_t(m.offset), SEEK_SET) != 0)
    throw_input_error(file.string(), fmt::format("cannot seek to GRIB message {}", m.number));
  int err = 0;
  Handle h(codes_handle_new_from_file(nullptr, f, PRODUCT_GRIB, &err));
  if (!h)
    throw_input_error(file.string(), fmt::format("cannot read GRIB message {}: {}", m.number,
                                                 codes_get_error_message(err)));
  const bool sentinel_set = codes_set_double(h.get(), "missingValue", missing_sentinel) == 0;
  const double missing =
      sentinel_set ? missing_sentinel : get_double(h.get(), "missingValue").value_or(nan);
  std::size_t size = 0;
  err = codes_get_size(h.get(), "values", &size);
  if (err == CODES_SUCCESS && size != m.n_points)
    throw_input_error(file.string(), fmt::format("GRIB message {}: {} values for {} grid points",
                                                 m.number, size, m.n_points));
  std::vector<double> values(size);
  if (err == CODES_SUCCESS) err = codes_get_double_array(h.get(), "values", values.data(), &size);
  if (err != CODES_SUCCESS)
    throw_input_error(file.string(), fmt::format("cannot decode the values of GRIB message {}: {}",
                                                 m.number, codes_get_error_message(err)));
  if (sentinel_set || m.n_missing > 0)
    for (double& v : values)
      if (v == missing) v = nan;
  return values;
}

// The shortName the request refers to, in the order of variables.hpp's
// resolve_variable: an exact shortName or cfVarName; then a cfName equal to the request
// or to its quantity's standard_name (when several shortNames match, the one with most
// messages, i.e. the 3-D field rather than a single level); then the quantity's aliases
// in table order (ignoring case); last the request itself ignoring case.
std::optional<std::string> resolve(const std::vector<Message>& messages, const std::string& want) {
  const QuantityInfo* q = find_quantity(want);
  auto first_match = [&](auto&& pred) -> std::optional<std::string> {
    std::vector<std::string> order;
    std::map<std::string, std::size_t> count;
    for (const Message& m : messages)
      if (pred(m) && count[m.short_name]++ == 0) order.push_back(m.short_name);
    if (order.empty()) return std::nullopt;
    return *std::max_element(order.begin(), order.end(),
                             [&](const auto& a, const auto& b) { return count[a] < count[b]; });
  };
  auto name_is = [](const Message& m, std::string_view n) {
    return iequals(m.short_name, n) || iequals(m.cf_var_name, n);
  };
  if (auto r = first_match([&](const Message& m) { return m.short_name == want; })) return r;
  if (auto r = first_match([&](const Message& m) { return m.cf_var_name == want; })) return r;
  if (auto r = first_match([&](const Message& m) {
        return known(m.cf_name) && (m.cf_name == want || (q && m.cf_name == q->standard_name));
      }))
    return r;
  if (q)
    for (std::string_view alias : q->aliases)
      if (auto r = first_match([&](const Message& m) { return name_is(m, alias); })) return r;
  return first_match([&](const Message& m) { return name_is(m, want); });
}

// Messages of one shortName that make up its field: the isobaric ones if there are
// any, else those of the first message's level type and level.
std::vector<const Message*> field_messages(const std::vector<Message>& messages,
                                           const std::string& short_name) {
  std::vector<const Message*> all;
  for (const Message& m : messages)
    if (m.short_name == short_name) all.push_back(&m);
  std::vector<const Message*> chosen;
  const bool isobaric =
      std::any_of(all.begin(), all.end(), [](const Message* m) { return m->level_hpa; });
  for (const Message* m : all) {
    if (isobaric ? m->level_hpa.has_value()
                 : m->type_of_level == all.front()->type_of_level && m->level == all.front()->level)
      chosen.push_back(m);
  }
  return chosen;
}

std::vector<TimePoint> distinct_times(const std::vector<const Message*>& ms) {
  std::set<TimePoint> s;
  for (const Message* m : ms) s.insert(m->valid);
  return {s.begin(), s.end()};
}

// Pressure levels, surface first (descending hPa); empty for a single-level field.
std::vector<double> distinct_levels(const std::vector<const Message*>& ms) {
  std::vector<double> levels;
  for (const Message* m : ms)
    if (m->level_hpa && std::none_of(levels.begin(), levels.end(),
                                     [&](double l) { return std::abs(l - *m->level_hpa) < 1e-9; }))
      levels.push_back(*m->level_hpa);
  std::sort(levels.begin(), levels.end(), std::greater<>());
  return levels;
}

std::size_t find_level(const std::vector<double>& levels, double hpa) {
  for (std::size_t k = 0; k < levels.size(); ++k)
    if (std::abs(levels[k] - hpa) <= 1e-6 * std::max(1.0, std::abs(hpa))) return k;
  return levels.size();
}

std::string list_levels(const std::vector<double>& levels) {
  std::string s;
  for (double l : levels) s += (s.empty() ? "" : ", ") + fmt::format("{:g}", l);
  return s;
}

std::string list_variables(const std::vector<Message>& messages) {
  std::vector<std::string> seen;
  std::string s;
  for (const Message& m : messages) {
    if (std::find(seen.begin(), seen.end(), m.short_name) != seen.end()) continue;
    seen.push_back(m.short_name);
    s += (s.empty() ? "" : ", ") + m.short_name;
    if (known(m.name)) s += " (" + m.name + ")";
  }
  return s;
}

// Longitude columns (normalized indices) and the longitude of the first one.
struct LonSelection {
  std::vector<std::size_t> cols;
  double lon0 = 0;
};

LonSelection select_lons(const Normalized& n, const std::optional<GeoBox>& box) {
  LonSelection sel;
  constexpr double eps = 1e-6;
  if (!box) {
    for (std::size_t i = 0; i < n.nlon; ++i) sel.cols.push_back(i);
    sel.lon0 = n.west;
    return sel;
  }
  const double a = box->lon_min;
  double b = box->lon_max;
  if (b < a) b += 360.0;  // crosses the antimeridian (170 .. -170)
  b = std::min(b, a + 360.0);
  if (n.period > 0) {
    // The first point at or east of a on the periodic grid, then up to one turn.
    const long m = long(std::ceil((a - n.west) / n.dlon - eps));
    const double x0 = n.west + double(m) * n.dlon;
    const double count = std::floor((b - x0) / n.dlon + eps) + 1.0;
    if (count <= 0) return sel;
    const std::size_t cnt = std::min(std::size_t(count), n.period);
    const long nl = long(n.period);
    for (std::size_t k = 0; k < cnt; ++k)
      sel.cols.push_back(std::size_t(((m + long(k)) % nl + nl) % nl));
    sel.lon0 = x0;
    return sel;
  }
  // A regional grid: the copy of it (shifted by a multiple of 360°) that overlaps the
  // box most.
  long best_i0 = 0, best_count = 0;
  double best_lo = 0;
  for (int k = -2; k <= 2; ++k) {
    const double lo = n.west + 360.0 * k;
    const long i0 = std::max(0L, long(std::ceil((a - lo) / n.dlon - eps)));
    const long i1 = std::min(long(n.nlon) - 1, long(std::floor((b - lo) / n.dlon + eps)));
    if (i1 - i0 + 1 > best_count) {
      best_count = i1 - i0 + 1;
      best_i0 = i0;
      best_lo = lo;
    }
  }
  for (long i = 0; i < best_count; ++i) sel.cols.push_back(std::size_t(best_i0 + i));
  sel.lon0 = best_lo + double(best_i0) * n.dlon;
  return sel;
}

// Rows [j0, j1] of the normalized grid inside the box; j0 > j1 if none.
std::pair<long, long> select_lats(const Normalized& n, const std::optional<GeoBox>& box) {
  if (!box) return {0, long(n.nlat) - 1};
  constexpr double eps = 1e-6;
  const long j0 = std::max(0L, long(std::ceil((box->lat_min - n.south) / n.dlat - eps)));
  const long j1 =
      std::min(long(n.nlat) - 1, long(std::floor((box->lat_max - n.south) / n.dlat + eps)));
  return {j0, j1};
}

}  // namespace

GriddedData read_grib2_variable(const std::filesystem::path& file, const ReadRequest& request) {
  const std::vector<Message> messages = scan(file);
  const std::string fname = file.string();
  const auto short_name = resolve(messages, request.variable);
  if (!short_name)
    throw_input_error(fname, fmt::format("variable '{}' not found; the file has: {}",
                                         request.variable, list_variables(messages)));
  const std::string wh = fname + ":" + *short_name;
  std::vector<const Message*> field = field_messages(messages, *short_name);

  // One regular_ll grid for all messages of the variable.
  for (const Message* m : field) {
    if (!m->geometry)
      throw_input_error(fname, fmt::format("GRIB message {} ({}): gridType {} is not supported "
                                           "(only regular_ll)",
                                           m->number, m->short_name, m->grid_type));
    if (!m->geometry->same_as(*field.front()->geometry))
      throw_input_error(fname, fmt::format("GRIB message {} ({}): its grid differs from that of "
                                           "message {}",
                                           m->number, m->short_name, field.front()->number));
  }
  const Geometry geometry = *field.front()->geometry;
  const Normalized norm = normalize(geometry);

  // Times in the window.
  std::vector<TimePoint> all_times = distinct_times(field);
  std::vector<TimePoint> times;
  for (TimePoint t : all_times)
    if ((!request.from || t >= *request.from) && (!request.to || t <= *request.to))
      times.push_back(t);
  if (times.empty())
    throw_input_error(
        wh, fmt::format("no time in the requested window; the file has {} .. {}",
                        format_iso_utc(all_times.front()), format_iso_utc(all_times.back())));

  // Levels (ignored for a single-level field).
  const std::vector<double> all_levels = distinct_levels(field);
  std::vector<double> levels = all_levels;
  if (!all_levels.empty() && !request.levels_hpa.empty()) {
    levels.clear();
    for (double want : request.levels_hpa) {
      if (find_level(all_levels, want) == all_levels.size())
        throw_input_error(wh, fmt::format("level {:g} hPa not found; the file has {} hPa", want,
                                          list_levels(all_levels)));
      if (find_level(levels, want) == levels.size()) levels.push_back(want);
    }
    for (double& l : levels) l = all_levels[find_level(all_levels, l)];
  }

  // Horizontal subset.
  const LonSelection lons = select_lons(norm, request.box);
  const auto [j0, j1] = select_lats(norm, request.box);
  if (lons.cols.empty() || j0 > j1)
    throw_input_error(wh, fmt::format("the box lon {:g} .. {:g}, lat {:g} .. {:g} holds no grid "
                                      "point (grid lon {:g} .. {:g}, lat {:g} .. {:g})",
                                      request.box->lon_min, request.box->lon_max,
                                      request.box->lat_min, request.box->lat_max, norm.west,
                                      norm.west + double(norm.nlon - 1) * norm.dlon, norm.south,
                                      norm.south + double(norm.nlat - 1) * norm.dlat));

  GriddedData out;
  out.file = fname;
  out.source_variable = *short_name;
  const Message& first = *field.front();
  const QuantityInfo* quantity = find_quantity(request.variable);
  if (!quantity) quantity = find_quantity(*short_name);
  if (!quantity && known(first.cf_name)) quantity = find_quantity(first.cf_name);
  out.standard_name = known(first.cf_name) ? first.cf_name
                      : quantity           ? std::string(quantity->standard_name)
                                           : std::string();
  out.long_name = known(first.name) ? first.name : "";
  out.source_units = first.units;
  out.grid.lon0 = lons.lon0;
  out.grid.lat0 = norm.south + double(j0) * norm.dlat;
  out.grid.dlon = norm.dlon;
  out.grid.dlat = norm.dlat;
  out.grid.nlon = lons.cols.size();
  out.grid.nlat = std::size_t(j1 - j0 + 1);
  out.times = times;
  out.levels_hpa = levels;

  // For each (time, level) the message to use: the latest reference time (shortest
  // lead) wins when several forecasts are valid at the same time.
  const std::size_t nt = times.size(), nk = std::max<std::size_t>(1, levels.size());
  std::vector<const Message*> slot(nt * nk, nullptr);
  for (const Message* m : field) {
    const auto t = std::lower_bound(times.begin(), times.end(), m->valid);
    if (t == times.end() || *t != m->valid) continue;
    std::size_t k = 0;
    if (!levels.empty()) {
      k = find_level(levels, *m->level_hpa);
      if (k == levels.size()) continue;
    }
    const Message*& s = slot[std::size_t(t - times.begin()) * nk + k];
    if (!s || m->reference > s->reference) s = m;
  }

  const std::size_t plane = out.grid.size();
  out.values.assign(nt * nk * plane, nan);
  File f = open_grib(file);
  for (std::size_t s = 0; s < slot.size(); ++s) {
    if (!slot[s]) continue;  // no message for this time and level: all missing
    const std::vector<double> v = decode(f.get(), file, *slot[s]);
    double* dst = out.values.data() + s * plane;
    for (std::size_t jo = 0; jo < out.grid.nlat; ++jo)
      for (std::size_t io = 0; io < out.grid.nlon; ++io)
        dst[jo * out.grid.nlon + io] =
            v[storage_index(geometry, norm, lons.cols[io], std::size_t(j0) + jo)];
  }

  out.n_missing = std::size_t(
      std::count_if(out.values.begin(), out.values.end(), [](double x) { return std::isnan(x); }));
  if (out.n_missing == out.values.size())
    throw_input_error(wh, "every value of the requested subset is missing");

  // Units: to those requested, or to SI.
  // Units: to those requested, else to the quantity's SI units; a variable outside the
  // quantity table keeps its own units (in udunits spelling when udunits knows them).
  if (!request.units.empty())
    out.units = request.units;
  else if (quantity)
    out.units = std::string(quantity->si_units);
  else
    out.units = units_known(first.units) ? normalize_units(first.units) : first.units;
  if (out.units != first.units || units_known(first.units))
    double_converter(first.units, out.units, wh + ": units").convert(out.values);
  return out;
}

std::vector<VariableInfo> describe_grib2(const std::filesystem::path& file) {
  const std::vector<Message> messages = scan(file);
  std::vector<std::string> names;
  for (const Message& m : messages)
    if (std::find(names.begin(), names.end(), m.short_name) == names.end())
      names.push_back(m.short_name);

  std::vector<VariableInfo> infos;
  for (const std::string& name : names) {
    const std::vector<const Message*> field = field_messages(messages, name);
    const Message& first = *field.front();
    VariableInfo info;
    info.name = name;
    info.standard_name = known(first.cf_name) ? first.cf_name : "";
    info.long_name = known(first.name) ? first.name : "";
    info.units = first.units;
    const std::vector<TimePoint> times = distinct_times(field);
    info.levels_hpa = distinct_levels(field);
    info.time = std::make_pair(times.front(), times.back());
    info.dims.push_back("time");
    info.shape.push_back(times.size());
    if (!info.levels_hpa.empty()) {
      info.dims.push_back("level");
      info.shape.push_back(info.levels_hpa.size());
    }
    if (first.geometry) {
      const Normalized n = normalize(*first.geometry);
      info.dims.insert(info.dims.end(), {"lat", "lon"});
      info.shape.insert(info.shape.end(), {n.nlat, n.nlon});
      info.lat = std::make_pair(n.south, n.south + double(n.nlat - 1) * n.dlat);
      info.lon = std::make_pair(n.west, n.west + double(n.nlon - 1) * n.dlon);
    } else {
      info.dims.push_back("point");  // not a regular lat/lon grid (gridType)
      info.shape.push_back(first.n_points);
    }
    // Missing points of the messages present, plus whole fields for (time, level)
    // combinations without a message.
    std::set<std::pair<TimePoint, double>> present;
    for (const Message* m : field) {
      if (present.insert({m->valid, m->level_hpa.value_or(0.0)}).second)
        info.missing += m->n_missing;
    }
    const std::size_t slots = times.size() * std::max<std::size_t>(1, info.levels_hpa.size());
    info.missing += (slots - std::min(slots, present.size())) * first.n_points;
    infos.push_back(std::move(info));
  }
  return infos;
}

}  // namespace taifeng::forcing
