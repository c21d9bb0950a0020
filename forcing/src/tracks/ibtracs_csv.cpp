// IBTrACS v04 CSV reader (NOAA NCEI, ibtracs.<basin>.list.v04r00.csv / v04r01). Line 1
// holds the column names, line 2 their units; blanks are missing values. Columns are found
// by name: SID, ISO_TIME ("2005-09-25 00:00:00"), LAT, LON are required, and at least one
// of WMO_WIND / USA_WIND; NAME, WMO_PRES, WMO_AGENCY, USA_PRES, USA_RMW and
// USA_R34/R50/R64_NE/SE/SW/NW are used when present. One storm per SID (in order of
// first appearance), one member.
//
// Wind: WMO_WIND (kt) with the averaging period of the agency in WMO_AGENCY
//   tokyo, reunion, bom, nadi, wellington           → 10-min
//   hurdat_atl, hurdat_epa, cphc, atcf              → 1-min
//   newdelhi (IMD 3-min mean)                       → recorded as 1-min, as CLIMADA does
//                                                    (factor 1.0; no 3-min class exists)
// and USA_WIND (1-min) when WMO_WIND is blank or its agency unknown (a warning per storm).
// Pressure: WMO_PRES, else USA_PRES (mb). RMW: USA_RMW (n mi → km; 0 = unknown).
#include <cctype>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/forcing/tracks.hpp"
#include "track_common.hpp"

namespace taifeng::forcing {

namespace {

using namespace tracks;

std::optional<WindAveraging> averaging_of_agency(std::string_view agency) {
  static const std::map<std::string_view, WindAveraging> table = {
      {"tokyo", WindAveraging::ten_minute},      {"reunion", WindAveraging::ten_minute},
      {"bom", WindAveraging::ten_minute},        {"nadi", WindAveraging::ten_minute},
      {"wellington", WindAveraging::ten_minute}, {"hurdat_atl", WindAveraging::one_minute},
      {"hurdat_epa", WindAveraging::one_minute}, {"cphc", WindAveraging::one_minute},
      {"atcf", WindAveraging::one_minute},       {"newdelhi", WindAveraging::one_minute}};
  const auto it = table.find(agency);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

struct Columns {
  std::map<std::string, std::size_t, std::less<>> index;
  std::size_t count = 0;
  std::optional<std::size_t> get(std::string_view name) const {
    const auto it = index.find(name);
    if (it == index.end()) return std::nullopt;
    return it->second;
  }
};

struct Storm {
  StormTracks st;
  Track track;
  Missing no_wind, no_pressure;
  bool agency_warned = false;
};

// "2005-09-25 00:00:00"
TimePoint iso_time_in(const std::string& at, std::string_view text) {
  auto digits = [&](std::size_t pos, std::size_t n) {
    return digits_in(at, "ISO_TIME", text.substr(pos, n), n);
  };
  if (text.size() != 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' ||
      text[16] != ':')
    throw_input_error(at, fmt::format("column ISO_TIME: '{}' is not a time like 2005-09-25 "
                                      "00:00:00",
                                      shown(text)));
  if (digits(17, 2) != 0)
    throw_input_error(
        at, fmt::format("column ISO_TIME: '{}' has seconds; expected whole minutes", shown(text)));
  return utc_time_in(at, "ISO_TIME", digits(0, 4), digits(5, 2), digits(8, 2), digits(11, 2),
                     digits(14, 2));
}

}  // namespace

TrackFile read_ibtracs_csv(const std::filesystem::path& file) {
  const std::string name = file.string();
  const std::vector<TextLine> lines = read_text_lines(file);
  if (lines.empty()) throw_input_error(name, "empty file; expected an IBTrACS v04 CSV");

  // Header: column names (a UTF-8 byte-order mark is allowed).
  std::string_view head = lines[0].text;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  Columns cols;
  {
    const auto names = split_fields(head);
    cols.count = names.size();
    for (std::size_t i = 0; i < names.size(); ++i) cols.index.emplace(std::string(names[i]), i);
  }
  const std::string at1 = where(name, 1);
  for (const char* required : {"SID", "ISO_TIME", "LAT", "LON"})
    if (!cols.get(required))
      throw_input_error(at1, fmt::format("missing column {} in the header (an IBTrACS v04 CSV "
                                         "starts with SID,SEASON,NUMBER,BASIN,…)",
                                         required));
  const auto c_wmo_wind = cols.get("WMO_WIND"), c_usa_wind = cols.get("USA_WIND");
  if (!c_wmo_wind && !c_usa_wind)
    throw_input_error(at1, "missing column WMO_WIND and USA_WIND in the header: no intensity");
  const std::size_t c_sid = *cols.get("SID"), c_time = *cols.get("ISO_TIME"),
                    c_lat = *cols.get("LAT"), c_lon = *cols.get("LON");
  const auto c_name = cols.get("NAME"), c_wmo_pres = cols.get("WMO_PRES"),
             c_agency = cols.get("WMO_AGENCY"), c_usa_pres = cols.get("USA_PRES"),
             c_rmw = cols.get("USA_RMW");
  std::optional<std::size_t> c_radii[3][4];
  static const char* const quadrants[4] = {"NE", "SE", "SW", "NW"};
  static const int thresholds_kt[3] = {34, 50, 64};
  for (int k = 0; k < 3; ++k)
    for (int q = 0; q < 4; ++q)
      c_radii[k][q] = cols.get(fmt::format("USA_R{}_{}", thresholds_kt[k], quadrants[q]));

  TrackFile out;
  out.format = "ibtracs-csv";
  std::vector<Storm> storms;
  std::map<std::string, std::size_t, std::less<>> storm_of;
  const double max_kt = std::floor(ms_to_kt(wind_max_ms));

  for (std::size_t k = 1; k < lines.size(); ++k) {
    const TextLine& line = lines[k];
    if (trim(line.text).empty()) continue;
    const std::string at = where(name, line.number);
    const auto f = split_fields(line.text);
    if (f.size() != cols.count)
      throw_input_error(at, fmt::format("expected {} comma-separated columns as in the header, "
                                        "got {}",
                                        cols.count, f.size()));
    if (k == 1) {
      if (!parse_double(f[c_lat])) continue;  // the units line ("degrees_north", …)
      out.warnings.push_back(fmt::format("{}: no units line after the header; read as data", at));
    }
    const std::string_view sid = f[c_sid];
    if (sid.empty()) throw_input_error(at, "column SID: empty storm id");
    auto [it, fresh] = storm_of.emplace(std::string(sid), storms.size());
    if (fresh) {
      Storm s;
      s.st.id = shown(sid);
      s.track.id = s.st.id;
      s.track.source = "IBTrACS v04";
      storms.push_back(std::move(s));
    }
    Storm& s = storms[it->second];
    if (c_name && !f[*c_name].empty()) s.st.name = shown(f[*c_name]);

    TrackPoint p;
    p.source_ref = at;
    p.time = iso_time_in(at, f[c_time]);
    p.lat = number_in(at, "LAT", f[c_lat], lat_min, lat_max, "degrees_north");
    p.lon = number_in(at, "LON", f[c_lon], lon_min, lon_max, "degrees_east");

    bool have_wind = false;
    if (c_wmo_wind && !f[*c_wmo_wind].empty()) {
      const double kt = number_in(at, "WMO_WIND", f[*c_wmo_wind], 0, max_kt, "kts");
      const std::string_view agency = c_agency ? f[*c_agency] : std::string_view{};
      if (const auto avg = averaging_of_agency(agency)) {
        p.vmax_ms = kt_to_ms(kt);
        p.averaging = *avg;
        have_wind = true;
      } else if (!s.agency_warned) {
        s.agency_warned = true;
        out.warnings.push_back(
            fmt::format("{}: WMO_AGENCY '{}' has no known averaging period; "
                        "WMO_WIND of storm {} not used (USA_WIND instead)",
                        at, shown(agency), s.st.id));
      }
    }
    if (!have_wind && c_usa_wind && !f[*c_usa_wind].empty()) {
      p.vmax_ms = kt_to_ms(number_in(at, "USA_WIND", f[*c_usa_wind], 0, max_kt, "kts"));
      p.averaging = WindAveraging::one_minute;
      have_wind = true;
    }
    if (!have_wind) s.no_wind.add(at);

    if (c_wmo_pres && !f[*c_wmo_pres].empty())
      p.pmin_hpa = number_in(at, "WMO_PRES", f[*c_wmo_pres], pres_min_hpa, pres_max_hpa, "mb");
    else if (c_usa_pres && !f[*c_usa_pres].empty())
      p.pmin_hpa = number_in(at, "USA_PRES", f[*c_usa_pres], pres_min_hpa, pres_max_hpa, "mb");
    else
      s.no_pressure.add(at);

    if (c_rmw && !f[*c_rmw].empty()) {
      const double rmw = number_in(at, "USA_RMW", f[*c_rmw], 0, 500, "nmile");
      if (rmw > 0) p.rmw_km = nmi_to_km(rmw);
    }
    for (int t = 0; t < 3; ++t) {
      WindRadii w;
      w.threshold_ms = kt_to_ms(thresholds_kt[t]);
      bool any = false;
      for (int q = 0; q < 4; ++q) {
        if (!c_radii[t][q] || f[*c_radii[t][q]].empty()) continue;
        const double r = number_in(at, fmt::format("USA_R{}_{}", thresholds_kt[t], quadrants[q]),
                                   f[*c_radii[t][q]], 0, 2000, "nmile");
        w.radius_km[q] = nmi_to_km(r);
        any = any || r > 0;
      }
      if (any) p.radii.push_back(w);
    }
    check_point(at, p);
    append_fix(s.track, std::move(p), out.warnings);
  }
  if (storms.empty()) throw_input_error(name, "no data lines after the header and units lines");

  for (Storm& s : storms) {
    const std::size_t n = s.track.points.size();
    if (s.no_wind.count > 0)
      out.warnings.push_back(
          fmt::format("{}: {} of {} fixes of {} have no WMO_WIND or USA_WIND; "
                      "treated as unknown",
                      s.no_wind.first, s.no_wind.count, n, s.st.id));
    if (s.no_pressure.count > 0)
      out.warnings.push_back(
          fmt::format("{}: {} of {} fixes of {} have no WMO_PRES or USA_PRES; "
                      "treated as unknown",
                      s.no_pressure.first, s.no_pressure.count, n, s.st.id));
    s.track.name = s.st.name;
    s.st.ensemble.name = s.st.name.empty() ? s.st.id : s.st.id + " " + s.st.name;
    s.st.ensemble.members.push_back({0, std::move(s.track)});
    out.storms.push_back(std::move(s.st));
  }
  return out;
}

}  // namespace taifeng::forcing
