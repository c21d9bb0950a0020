#include "taifeng/forcing/jtwc_csv.hpp"
#include "taifeng/forcing/tracks.hpp"

#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::forcing {

namespace {
constexpr const char* expected_header = "CY,Year,Month,Day,Hour,Lat,Lon,VMax,MSLP,SN,Cat";
constexpr std::size_t n_columns = 11;
const char* column_names[n_columns] = {"CY",  "Year", "Month", "Day", "Hour", "Lat",
                                       "Lon", "VMax", "MSLP",  "SN",  "Cat"};

double number_in(const std::string& at, std::string_view text, std::size_t col, double lo,
                 double hi, const char* unit) {
  const auto v = parse_double(text);
  if (!v)
    throw_input_error(at, fmt::format("column {}: '{}' is not a number", column_names[col], text));
  if (*v < lo || *v > hi)
    throw_input_error(at, fmt::format("column {}: {} {} is outside the valid range {}..{} {}",
                                      column_names[col], *v, unit, lo, hi, unit));
  return *v;
}

int whole_number_in(const std::string& at, std::string_view text, std::size_t col, int lo, int hi) {
  const double v = number_in(at, text, col, lo, hi, "");
  if (v != std::floor(v))
    throw_input_error(
        at, fmt::format("column {}: '{}' is not a whole number", column_names[col], text));
  return int(v);
}

bool same_value(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}
}  // namespace

namespace {

// Parses every storm (or only `only_id` when given) in file order.
std::vector<Track> parse_jtwc(const std::filesystem::path& file, const std::string* only_id,
                              std::vector<std::string>* warnings, std::set<std::string>* ids) {
  const std::string name = file.string();
  const std::vector<TextLine> lines = read_text_lines(file);
  if (lines.empty()) throw_input_error(name, "empty file; expected a JTWC best-track CSV");
  if (trim(lines[0].text) != expected_header)
    throw_input_error(where(name, 1), fmt::format("expected the header '{}', got '{}'",
                                                  expected_header, lines[0].text.substr(0, 80)));
  auto warn = [&](const std::string& w) {
    if (warnings) warnings->push_back(w);
  };

  std::vector<Track> tracks;
  std::map<std::string, std::size_t> index_of;
  // Missing values are summarised per storm: early years lack pressure on every fix.
  struct Missing {
    std::size_t n = 0;
    long first = 0, last = 0;
    std::set<std::string> kinds;
  };
  std::vector<Missing> no_pressure, no_wind;
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const TextLine& line = lines[k];
    if (trim(line.text).empty()) continue;
    const std::string at = where(name, line.number);
    const auto f = split_fields(line.text);
    if (f.size() != n_columns)
      throw_input_error(at, fmt::format("expected {} comma-separated columns ({}), got {}",
                                        n_columns, expected_header, f.size()));
    const std::string sn(f[9]);
    if (sn.empty()) throw_input_error(at, "column SN: empty storm id");
    if (ids) ids->insert(sn);
    if (only_id && sn != *only_id) continue;
    auto [it, inserted] = index_of.emplace(sn, tracks.size());
    if (inserted) {
      Track t;
      t.id = sn;
      t.source = "JTWC best track";
      tracks.push_back(std::move(t));
      no_pressure.emplace_back();
      no_wind.emplace_back();
    }
    auto note = [&](Missing& m, const std::string& kind) {
      if (m.n++ == 0) m.first = line.number;
      m.last = line.number;
      m.kinds.insert(kind);
    };
    Track& track = tracks[it->second];

    TrackPoint p;
    p.source_ref = at;
    const int year = whole_number_in(at, f[1], 1, 1800, 2200);
    const int month = whole_number_in(at, f[2], 2, 1, 12);
    const int day = whole_number_in(at, f[3], 3, 1, 31);
    const int hour = whole_number_in(at, f[4], 4, 0, 23);
    if (!valid_utc(year, month, day, hour))
      throw_input_error(at, fmt::format("{:04d}-{:02d}-{:02d} {:02d}h is not a valid date", year,
                                        month, day, hour));
    p.time = make_utc(year, month, day, hour);
    p.lat = number_in(at, f[5], 5, -90, 90, "deg");
    p.lon = number_in(at, f[6], 6, -180, 360, "deg");  // west of 180 is negative in places
    if (parse_double(f[7]) == -999.0) {                // the file's code for an unknown wind
      note(no_wind[it->second], "-999");
    } else {
      p.vmax_ms = kt_to_ms(number_in(at, f[7], 7, 0, ms_to_kt(120.0), "kt"));
    }
    p.averaging = WindAveraging::one_minute;
    if (f[8].empty() || parse_double(f[8]) == 0.0) {
      note(no_pressure[it->second], f[8].empty() ? "empty" : "0");
    } else {
      p.pmin_hpa = number_in(at, f[8], 8, 850, 1050, "hPa");
    }
    if (!track.points.empty()) {
      const TrackPoint& prev = track.points.back();
      if (p.time == prev.time) {
        if (p.lat == prev.lat && p.lon == prev.lon && same_value(p.vmax_ms, prev.vmax_ms) &&
            same_value(p.pmin_hpa, prev.pmin_hpa)) {
          warn(fmt::format("{}: duplicate of the fix at {}; ignored", at, prev.source_ref));
          continue;
        }
        throw_input_error(at, fmt::format("a second, different fix for {} (first at {})",
                                          format_iso_utc(p.time), prev.source_ref));
      }
      if (p.time < prev.time)
        throw_input_error(
            at, fmt::format("time {} goes backwards (previous fix {} at {})",
                            format_iso_utc(p.time), format_iso_utc(prev.time), prev.source_ref));
    }
    track.points.push_back(std::move(p));
  }
  for (std::size_t k = 0; k < tracks.size(); ++k) {
    auto summary = [&](const Missing& m, const char* what, const char* treated) {
      if (m.n == 0) return;
      std::string kinds;
      for (const auto& kd : m.kinds) kinds += (kinds.empty() ? "" : " or ") + kd;
      warn(fmt::format(
          "{}: storm {}: {} missing ({}) on {} fix(es), lines {}..{}; {} treated as "
          "unknown",
          where(name, m.first), tracks[k].id, what, kinds, m.n, m.first, m.last, treated));
    };
    summary(no_pressure[k], "MSLP", "central pressure");
    summary(no_wind[k], "VMax", "maximum wind");
  }
  return tracks;
}

}  // namespace

Track read_jtwc_csv(const std::filesystem::path& file, const std::string& storm_id,
                    std::vector<std::string>* warnings) {
  std::set<std::string> ids;
  std::vector<Track> tracks = parse_jtwc(file, &storm_id, warnings, &ids);
  if (tracks.empty()) {
    std::string examples;
    int n = 0;
    for (auto it = ids.rbegin(); it != ids.rend() && n < 3; ++it, ++n)
      examples += (n ? ", " : "") + *it;
    throw_input_error(file.string(), fmt::format("no record with SN = '{}' (the file holds {} "
                                                 "storms, ids like {})",
                                                 storm_id, ids.size(), examples));
  }
  return std::move(tracks.front());
}

TrackFile read_jtwc_csv_all(const std::filesystem::path& file) {
  TrackFile out;
  out.format = "jtwc-csv";
  for (Track& t : parse_jtwc(file, nullptr, &out.warnings, nullptr)) {
    StormTracks s;
    s.id = t.id;
    s.ensemble.name = "JTWC best track " + t.id;
    s.ensemble.members.push_back({0, std::move(t)});
    out.storms.push_back(std::move(s));
  }
  if (out.storms.empty()) throw_input_error(file.string(), "no track record after the header");
  return out;
}

}  // namespace taifeng::forcing
