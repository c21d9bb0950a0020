// ATCF a-deck / b-deck reader (US Navy / NHC Automated Tropical Cyclone Forecasting
// system). One record per line, comma-separated:
//   0 basin, 1 cyclone number, 2 YYYYMMDDHH, 3 technique number (BEST: minutes),
//   4 technique, 5 tau (h), 6 lat (tenths, N/S), 7 lon (tenths, E/W), 8 vmax (kt, 1-min),
//   9 mslp (hPa), 10 type, 11 radii threshold (kt), 12 quadrant code, 13-16 radii (n mi),
//   17 pouter, 18 router, 19 rmw (n mi), 20 gusts, 21 eye, 22 subregion, 23 maxseas,
//   24 initials, 25 dir, 26 speed, 27 storm name, …
// Rows of one technique at one valid time (base + tau) with thresholds 34/50/64 are
// merged into one fix. Each technique is one member (ids in order of first appearance);
// when a forecast technique appears with several base times (an a-deck holding several
// cycles) each cycle is a member of its own with source "TECH YYYYMMDDHH".
// 0 for vmax, mslp, rmw means unknown (NaN); a radii row with threshold 0 or all four
// radii 0 adds no radii; a single 0 quadrant next to non-zero ones means the threshold is
// not reached there and stays 0 km.
#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/forcing/tracks.hpp"
#include "track_common.hpp"

namespace taifeng::forcing {

namespace {

using namespace tracks;

constexpr std::size_t min_columns = 9;  // basin … vmax
constexpr const char* min_columns_text =
    "basin, number, YYYYMMDDHH, technum, tech, tau, lat, lon, vmax";

struct Row {
  std::string at;
  std::string basin;
  long number = 0;
  long year = 0;
  TimePoint base{};
  std::string tech;
  long tau = 0;
  TrackPoint p;  // without radii
  std::optional<WindRadii> radii;
  std::string name;
};

// "120N" / "1514E": tenths of a degree with the hemisphere letter.
double coordinate_in(const std::string& at, const char* column, std::string_view text,
                     char positive, char negative, double max_deg) {
  if (text.size() < 2 || text.size() > 5)
    throw_input_error(at, fmt::format("column {}: '{}' is not a coordinate, expected tenths of a "
                                      "degree and {} or {} (e.g. 120{})",
                                      column, shown(text), positive, negative, positive));
  const char h = char(std::toupper(static_cast<unsigned char>(text.back())));
  if (h != positive && h != negative)
    throw_input_error(at, fmt::format("column {}: '{}' does not end with {} or {}", column,
                                      shown(text), positive, negative));
  const long tenths = digits_in(at, column, text.substr(0, text.size() - 1), text.size() - 1);
  const double deg = double(tenths) / 10.0;
  if (deg > max_deg)
    throw_input_error(at, fmt::format("column {}: '{}' is outside the valid range 0..{} deg",
                                      column, shown(text), max_deg));
  return h == positive ? deg : -deg;
}

// Optional field: blank or 0 → NaN.
double optional_in(const std::string& at, const std::vector<std::string_view>& f, std::size_t i,
                   const char* column, double lo, double hi, const char* unit) {
  if (i >= f.size() || f[i].empty()) return missing;
  const double v = number_in(at, column, f[i], lo, hi, unit);
  return v == 0.0 ? missing : v;
}

Row parse_row(const std::string& at, const std::vector<std::string_view>& f,
              std::vector<std::string>& warnings) {
  Row r;
  r.at = at;
  if (f[0].size() != 2 || !std::isalpha(static_cast<unsigned char>(f[0][0])) ||
      !std::isalpha(static_cast<unsigned char>(f[0][1])))
    throw_input_error(
        at, fmt::format("column basin: '{}' is not a two-letter basin (WP, AL, …)", shown(f[0])));
  for (char c : f[0]) r.basin += char(std::toupper(static_cast<unsigned char>(c)));
  r.number = whole_number_in(at, "cyclone number", f[1], 0, 99);
  const long ymdh = digits_in(at, "YYYYMMDDHH", f[2], 10);
  r.year = ymdh / 1000000;
  r.tech = std::string(f[4]);
  if (r.tech.empty() || r.tech.size() > 10 ||
      !std::all_of(r.tech.begin(), r.tech.end(),
                   [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }))
    throw_input_error(at, fmt::format("column technique: '{}' is not a technique name (BEST, "
                                      "OFCL, CARQ, …)",
                                      shown(f[4])));
  long minute = 0;
  if (r.tech == "BEST" && !f[3].empty()) minute = whole_number_in(at, "minutes", f[3], 0, 59);
  r.base = utc_time_in(at, "YYYYMMDDHH", r.year, ymdh / 10000 % 100, ymdh / 100 % 100, ymdh % 100,
                       minute);
  r.tau = whole_number_in(at, "tau", f[5], -240, 1000);

  TrackPoint& p = r.p;
  p.source_ref = at;
  p.averaging = WindAveraging::one_minute;
  p.time = r.base + std::chrono::hours(r.tau);
  p.lat = coordinate_in(at, "lat", f[6], 'N', 'S', 90.0);
  p.lon = coordinate_in(at, "lon", f[7], 'E', 'W', 180.0);
  const double vmax_kt = optional_in(at, f, 8, "vmax", 0, std::floor(ms_to_kt(wind_max_ms)), "kt");
  p.vmax_ms = kt_to_ms(vmax_kt);
  p.pmin_hpa = (f.size() > 9 && parse_double(f[9]) == 0.0)
                   ? missing
                   : optional_in(at, f, 9, "mslp", pres_min_hpa, pres_max_hpa, "hPa");
  p.rmw_km = nmi_to_km(optional_in(at, f, 19, "rmw", 0, 500, "n mi"));

  const long threshold =
      f.size() > 11 && !f[11].empty() ? whole_number_in(at, "radii threshold", f[11], 0, 200) : 0;
  if (threshold != 0 && threshold != 34 && threshold != 50 && threshold != 64 && threshold != 100)
    throw_input_error(at, fmt::format("column radii threshold: '{}' is not 0, 34, 50, 64 or 100 kt",
                                      shown(f[11])));
  std::array<double, 4> radius{0, 0, 0, 0};
  bool any = false;
  for (std::size_t q = 0; q < 4; ++q) {
    if (13 + q >= f.size() || f[13 + q].empty()) continue;
    static const char* const radius_names[4] = {"radius 1 (NE)", "radius 2 (SE)", "radius 3 (SW)",
                                                "radius 4 (NW)"};
    radius[q] = double(whole_number_in(at, radius_names[q], f[13 + q], 0, 2000));
    any = any || radius[q] > 0;
  }
  if (any) {
    const std::string_view code = f[12];
    if (threshold == 0) {
      warnings.push_back(
          fmt::format("{}: radii given without a threshold (column 12 is 0); "
                      "ignored",
                      at));
    } else if (code == "NEQ" || code == "AAA") {
      WindRadii w;
      w.threshold_ms = kt_to_ms(double(threshold));
      for (std::size_t q = 0; q < 4; ++q)
        w.radius_km[q] = nmi_to_km(code == "AAA" ? radius[0] : radius[q]);
      r.radii = w;
    } else {
      warnings.push_back(
          fmt::format("{}: quadrant code '{}' is not supported (NEQ or AAA "
                      "expected); the {} kt radii are ignored",
                      at, shown(code), threshold));
    }
  }
  if (f.size() > 27 && !f[27].empty()) r.name = shown(f[27]);
  return r;
}

struct Member {
  int id = 0;
  Track track;
  long without_pressure = 0;
  std::string first_without_pressure;
};

struct Storm {
  std::string basin;
  long number = 0;
  long year = 0;
  std::string name;
  std::vector<Member> members;
  std::map<std::string, std::size_t> member_of;  // member key → index
};

// Adds the row's fix to the member: merged with the last fix when it is the same time.
void add_row(Member& m, const Row& r, std::vector<std::string>& warnings) {
  if (!m.track.points.empty() && m.track.points.back().time == r.p.time) {
    TrackPoint& last = m.track.points.back();
    const bool same_core = same_value(last.lat, r.p.lat) && same_value(last.lon, r.p.lon) &&
                           same_value(last.vmax_ms, r.p.vmax_ms) &&
                           same_value(last.pmin_hpa, r.p.pmin_hpa) &&
                           same_value(last.rmw_km, r.p.rmw_km);
    if (!same_core)
      throw_input_error(r.at,
                        fmt::format("a second, different fix of {} for {} (first at {}): "
                                    "position, vmax, mslp or rmw differ",
                                    m.track.source, format_iso_utc(r.p.time), last.source_ref));
    if (!r.radii) {
      warnings.push_back(
          fmt::format("{}: duplicate of the fix at {}; ignored", r.at, last.source_ref));
      return;
    }
    for (const WindRadii& w : last.radii) {
      if (w.threshold_ms != r.radii->threshold_ms) continue;
      if (same_radii({w}, {*r.radii})) {
        warnings.push_back(
            fmt::format("{}: duplicate of the {:.0f} kt radii of the fix at {}; "
                        "ignored",
                        r.at, ms_to_kt(w.threshold_ms), last.source_ref));
        return;
      }
      throw_input_error(
          r.at, fmt::format("second, different {:.0f} kt radii for {} (first fix "
                            "at {})",
                            ms_to_kt(w.threshold_ms), format_iso_utc(r.p.time), last.source_ref));
    }
    last.radii.push_back(*r.radii);
    std::sort(last.radii.begin(), last.radii.end(), [](const WindRadii& a, const WindRadii& b) {
      return a.threshold_ms < b.threshold_ms;
    });
    return;
  }
  TrackPoint p = r.p;
  if (r.radii) p.radii.push_back(*r.radii);
  const bool added = append_fix(m.track, std::move(p), warnings);
  if (added && std::isnan(r.p.pmin_hpa)) {
    if (m.without_pressure++ == 0) m.first_without_pressure = r.at;
  }
}

}  // namespace

TrackFile read_atcf(const std::filesystem::path& file) {
  const std::string name = file.string();
  const std::vector<TextLine> lines = read_text_lines(file);
  TrackFile out;
  out.format = "atcf";

  // Pass 1: parse every record.
  std::vector<Row> rows;
  for (const TextLine& line : lines) {
    if (trim(line.text).empty()) continue;
    const std::string at = where(name, line.number);
    const auto f = split_fields(line.text);
    if (f.size() < min_columns)
      throw_input_error(at, fmt::format("truncated record: expected at least {} comma-separated "
                                        "columns ({}), got {}",
                                        min_columns, min_columns_text, f.size()));
    rows.push_back(parse_row(at, f, out.warnings));
  }
  if (rows.empty()) throw_input_error(name, "empty file; expected ATCF a-deck or b-deck records");

  // Which techniques are forecasts with several cycles (→ one member per cycle)?
  std::map<std::pair<std::string, std::string>, std::set<TimePoint>> bases;  // (storm, tech)
  std::set<std::pair<std::string, std::string>> forecast;
  auto storm_key = [](const Row& r) { return fmt::format("{}{:02d}", r.basin, r.number); };
  for (const Row& r : rows) {
    bases[{storm_key(r), r.tech}].insert(r.base);
    if (r.tau != 0) forecast.insert({storm_key(r), r.tech});
  }

  // Pass 2: group into storms and members, merge the radii rows.
  std::vector<Storm> storms;
  std::map<std::string, std::size_t> storm_of;
  for (const Row& r : rows) {
    const std::string sk = storm_key(r);
    auto [it, fresh] = storm_of.emplace(sk, storms.size());
    if (fresh) {
      Storm s;
      s.basin = r.basin;
      s.number = r.number;
      s.year = r.year;
      storms.push_back(std::move(s));
    }
    Storm& s = storms[it->second];
    if (!r.name.empty()) s.name = r.name;
    const bool per_cycle = forecast.count({sk, r.tech}) && bases[{sk, r.tech}].size() > 1;
    const std::string key = per_cycle ? r.tech + " " + format_yyyymmddhh(r.base) : r.tech;
    auto [mit, new_member] = s.member_of.emplace(key, s.members.size());
    if (new_member) {
      Member m;
      m.id = int(s.members.size());
      m.track.source = key;
      s.members.push_back(std::move(m));
    }
    add_row(s.members[mit->second], r, out.warnings);
  }

  for (Storm& s : storms) {
    StormTracks st;
    st.id = fmt::format("{}{:02d}{:04d}", s.basin, s.number, s.year);
    st.name = s.name;
    st.ensemble.name = s.name.empty() ? st.id : st.id + " " + s.name;
    for (Member& m : s.members) {
      if (m.without_pressure > 0)
        out.warnings.push_back(
            fmt::format("{}: {} of {} fixes of {} {} have no central pressure "
                        "(mslp 0 or blank); treated as unknown",
                        m.first_without_pressure, m.without_pressure, m.track.points.size(), st.id,
                        m.track.source));
      m.track.id = st.id;
      m.track.name = s.name;
      st.ensemble.members.push_back({m.id, std::move(m.track)});
    }
    out.storms.push_back(std::move(st));
  }
  return out;
}

}  // namespace taifeng::forcing
