// HURDAT2 reader (NHC Atlantic / north-east and central Pacific best track, Landsea &
// Franklin 2013, format description "hurdat2-format" of NHC). Each storm is a header line
//   AL092011,              IRENE,     39,
// (basin + ATCF number + year, name, number of data lines) followed by exactly that many
// data lines
//   20110821, 0000,  , TS, 15.0N,  59.0W,  45, 1006,  105,    0,    0,   45,    0, …
// 0 date YYYYMMDD, 1 time HHMM, 2 record identifier (blank, C, G, I, L, P, R, S, T, W),
// 3 status (TD, TS, HU, EX, SD, SS, LO, WV, DB), 4 lat, 5 lon, 6 max wind kt (1-min;
// -99/-999 missing), 7 min pressure mb (-999 missing), 8-19 34/50/64 kt radii NE, SE, SW,
// NW n mi (-999 missing), 20 radius of maximum wind n mi (newer files only; -999 missing).
// A radii threshold whose four quadrants are all 0 (not reached) or all missing adds no
// radii.
#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/forcing/tracks.hpp"
#include "track_common.hpp"

namespace taifeng::forcing {

namespace {

using namespace tracks;

std::vector<std::string_view> fields_of(const std::string& text) {
  auto f = split_fields(text);
  if (f.size() > 1 && f.back().empty()) f.pop_back();  // the trailing comma
  return f;
}

bool is_storm_id(std::string_view s) {
  if (s.size() != 8) return false;
  for (std::size_t i = 0; i < 8; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (i < 2 ? !std::isalpha(c) : !std::isdigit(c)) return false;
  }
  return true;
}

bool looks_like_header(const std::string& text) {
  const auto f = fields_of(text);
  return !f.empty() && is_storm_id(f[0]);
}

bool looks_like_data(const std::string& text) {
  const auto f = fields_of(text);
  return !f.empty() && f[0].size() == 8 && std::all_of(f[0].begin(), f[0].end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// "15.0N" / "59.0W".
double coordinate_in(const std::string& at, const char* column, std::string_view text,
                     char positive, char negative, double max_deg) {
  if (text.size() < 2)
    throw_input_error(at, fmt::format("column {}: '{}' is not a coordinate like 15.0{}", column,
                                      shown(text), positive));
  const char h = char(std::toupper(static_cast<unsigned char>(text.back())));
  if (h != positive && h != negative)
    throw_input_error(at, fmt::format("column {}: '{}' does not end with {} or {}", column,
                                      shown(text), positive, negative));
  const double deg = number_in(at, column, text.substr(0, text.size() - 1), 0.0, max_deg, "deg");
  return h == positive ? deg : -deg;
}

// Whole number with -99/-999 (any negative) meaning missing.
double value_or_missing(const std::string& at, const char* column, std::string_view text, long hi) {
  const long v = whole_number_in(at, column, text, -999, hi);
  return v < 0 ? missing : double(v);
}

TrackPoint parse_data(const std::string& at, const std::vector<std::string_view>& f,
                      std::vector<std::string>& warnings, Missing& no_wind, Missing& no_pressure) {
  if (f.size() != 20 && f.size() != 21)
    throw_input_error(at, fmt::format("expected 20 or 21 comma-separated columns (date, time, "
                                      "record identifier, status, lat, lon, wind, pressure, 12 "
                                      "radii[, rmw]), got {}",
                                      f.size()));
  TrackPoint p;
  p.source_ref = at;
  p.averaging = WindAveraging::one_minute;
  const long date = digits_in(at, "date", f[0], 8);
  const long hhmm = digits_in(at, "time", f[1], 4);
  p.time = utc_time_in(at, "date/time", date / 10000, date / 100 % 100, date % 100, hhmm / 100,
                       hhmm % 100);
  static const std::string_view identifiers = "CGILPRSTW";
  if (f[2].size() > 1 || (f[2].size() == 1 && identifiers.find(f[2][0]) == std::string_view::npos))
    throw_input_error(at, fmt::format("column record identifier: '{}' is not one of blank, C, G, "
                                      "I, L, P, R, S, T, W",
                                      shown(f[2])));
  static const std::array<std::string_view, 9> statuses = {"TD", "TS", "HU", "EX", "SD",
                                                           "SS", "LO", "WV", "DB"};
  if (std::find(statuses.begin(), statuses.end(), f[3]) == statuses.end())
    warnings.push_back(
        fmt::format("{}: column status: '{}' is not a known status (TD, TS, HU, EX, "
                    "SD, SS, LO, WV, DB)",
                    at, shown(f[3])));
  p.lat = coordinate_in(at, "lat", f[4], 'N', 'S', 90.0);
  p.lon = coordinate_in(at, "lon", f[5], 'E', 'W', 180.0);
  p.vmax_ms = kt_to_ms(value_or_missing(at, "max wind", f[6], long(ms_to_kt(wind_max_ms))));
  if (std::isnan(p.vmax_ms)) no_wind.add(at);
  const long pres = whole_number_in(at, "min pressure", f[7], -999, long(pres_max_hpa));
  if (pres < 0) {
    no_pressure.add(at);
  } else {
    p.pmin_hpa = number_in(at, "min pressure", f[7], pres_min_hpa, pres_max_hpa, "mb");
  }
  static const char* const radius_columns[12] = {"34 kt NE", "34 kt SE", "34 kt SW", "34 kt NW",
                                                 "50 kt NE", "50 kt SE", "50 kt SW", "50 kt NW",
                                                 "64 kt NE", "64 kt SE", "64 kt SW", "64 kt NW"};
  static const double thresholds_kt[3] = {34, 50, 64};
  for (std::size_t k = 0; k < 3; ++k) {
    WindRadii w;
    w.threshold_ms = kt_to_ms(thresholds_kt[k]);
    bool any_positive = false, all_missing = true;
    for (std::size_t q = 0; q < 4; ++q) {
      const double r = value_or_missing(at, radius_columns[4 * k + q], f[8 + 4 * k + q], 2000);
      w.radius_km[q] = nmi_to_km(r);
      any_positive = any_positive || r > 0;
      all_missing = all_missing && std::isnan(r);
    }
    if (any_positive && !all_missing) p.radii.push_back(w);
  }
  if (f.size() == 21) {
    const double rmw = value_or_missing(at, "radius of max wind", f[20], 500);
    p.rmw_km = rmw > 0 ? nmi_to_km(rmw) : missing;
  }
  check_point(at, p);
  return p;
}

}  // namespace

TrackFile read_hurdat2(const std::filesystem::path& file) {
  BlockFormat bf;
  bf.format = "hurdat2";
  bf.records = "HURDAT2 records";
  bf.expected_header =
      "a storm header like 'AL092011, IRENE, 39,' (id, name, number of data lines)";
  bf.is_header = looks_like_header;
  bf.is_data = looks_like_data;
  bf.header = [](const std::string& hat, const std::string& text) {
    const auto h = fields_of(text);
    if (h.size() != 3)
      throw_input_error(hat, fmt::format("a storm header has 3 comma-separated columns (id, name, "
                                         "number of data lines), got {}",
                                         h.size()));
    BlockHeader b;
    b.count = whole_number_in(hat, "number of data lines", h[2], 1, 100000);
    StormTracks& st = b.storm;
    st.id.assign(h[0]);
    for (char& c : st.id) c = char(std::toupper(static_cast<unsigned char>(c)));
    st.name = shown(h[1]);
    st.ensemble.name = st.id + " " + st.name;
    b.source = "NHC HURDAT2 best track";
    return b;
  };
  bf.data = [](const std::string& at, const std::string& text, std::vector<std::string>& warnings,
               Missing& no_wind, Missing& no_pressure) {
    return parse_data(at, fields_of(text), warnings, no_wind, no_pressure);
  };
  bf.no_wind_code = "-99/-999";
  bf.no_pressure_code = "-999";
  return read_counted_blocks(file, bf);
}

}  // namespace taifeng::forcing
