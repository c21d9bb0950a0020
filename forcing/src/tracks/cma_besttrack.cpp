// CMA tropical cyclone best-track reader (China Meteorological Administration / Shanghai
// Typhoon Institute, one text file per year, e.g. CH2005BST.txt). Whitespace-separated.
// Each storm is a header line
//   66666 0518 31 0017 0518 0 6 DAMREY 20160520
// (66666, international number, number of data lines, serial number, China number, end
// flag, time interval h, English name, date of the data set; name and date may be absent)
// followed by exactly that many data lines
//   2005092500 4 189 1128 965 40
// (YYYYMMDDHH UTC, intensity category 0-9, lat 0.1 deg N, lon 0.1 deg E, pressure hPa,
// 2-min mean maximum wind m/s[, 2-min mean wind OWD m/s, ignored]). A wind or pressure of
// 0 is unknown (NaN, one warning per storm). The storm id is the international number
// ("0518"); for storms without one (0000) the China number ("CN0517"), else the serial
// ("S0017").
#include <cctype>

#include <fmt/format.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/forcing/tracks.hpp"
#include "track_common.hpp"

namespace taifeng::forcing {

namespace {

using namespace tracks;

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    const std::size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

bool looks_like_header(const std::string& text) {
  const auto w = words(text);
  return !w.empty() && w[0] == "66666";
}

struct Missing {
  long count = 0;
  std::string first;
  void add(const std::string& at) {
    if (count++ == 0) first = at;
  }
};

TrackPoint parse_data(const std::string& at, const std::vector<std::string_view>& w,
                      Missing& no_wind, Missing& no_pressure) {
  if (w.size() != 6 && w.size() != 7)
    throw_input_error(at, fmt::format("expected 6 or 7 blank-separated columns (YYYYMMDDHH, "
                                      "category, lat, lon, pressure, wind[, OWD]), got {}",
                                      w.size()));
  TrackPoint p;
  p.source_ref = at;
  p.averaging = WindAveraging::two_minute;
  const long t = digits_in(at, "YYYYMMDDHH", w[0], 10);
  p.time = utc_time_in(at, "YYYYMMDDHH", t / 1000000, t / 10000 % 100, t / 100 % 100, t % 100);
  whole_number_in(at, "intensity category", w[1], 0, 9);
  p.lat = double(whole_number_in(at, "lat (0.1 deg N)", w[2], -900, 900)) / 10.0;
  p.lon = double(whole_number_in(at, "lon (0.1 deg E)", w[3], 0, 3600)) / 10.0;
  const double pres = number_in(at, "pressure", w[4], 0, pres_max_hpa, "hPa");
  if (pres == 0) {
    no_pressure.add(at);
  } else {
    p.pmin_hpa = number_in(at, "pressure", w[4], pres_min_hpa, pres_max_hpa, "hPa");
  }
  const double wind = number_in(at, "wind", w[5], 0, wind_max_ms, "m/s");
  if (wind == 0) {
    no_wind.add(at);
  } else {
    p.vmax_ms = wind;
  }
  if (w.size() == 7) number_in(at, "OWD", w[6], 0, wind_max_ms, "m/s");
  check_point(at, p);
  return p;
}

}  // namespace

TrackFile read_cma_besttrack(const std::filesystem::path& file) {
  const std::string name = file.string();
  const std::vector<TextLine> all = read_text_lines(file);
  std::vector<const TextLine*> lines;
  for (const TextLine& l : all)
    if (!trim(l.text).empty()) lines.push_back(&l);
  if (lines.empty()) throw_input_error(name, "empty file; expected CMA best-track records");

  TrackFile out;
  out.format = "cma";
  std::size_t k = 0;
  long last_count = 0;
  std::string last_header;
  while (k < lines.size()) {
    const TextLine& head = *lines[k];
    const std::string hat = where(name, head.number);
    const auto h = words(head.text);
    if (!looks_like_header(head.text)) {
      if (last_count > 0)
        throw_input_error(hat, fmt::format("a data line after the {} announced by the header at "
                                           "{} (the header count does not match the data lines)",
                                           last_count, last_header));
      throw_input_error(hat, fmt::format("expected a storm header line '66666 <international "
                                         "number> <number of lines> …', got '{}'",
                                         shown(head.text)));
    }
    if (h.size() < 7 || h.size() > 9)
      throw_input_error(hat, fmt::format("a storm header has 7 to 9 blank-separated columns "
                                         "(66666, international number, number of lines, serial, "
                                         "China number, end flag, interval[, name[, date]]), "
                                         "got {}",
                                         h.size()));
    const long intl = digits_in(hat, "international number", h[1], 4);
    const long count = whole_number_in(hat, "number of lines", h[2], 1, 100000);
    const long serial = digits_in(hat, "serial number", h[3], 4);
    const long cn = digits_in(hat, "China number", h[4], 4);
    whole_number_in(hat, "end flag", h[5], 0, 9);
    whole_number_in(hat, "time interval", h[6], 0, 24);
    if (h.size() == 9) digits_in(hat, "date of the data set", h[8], 8);
    last_count = count;
    last_header = hat;

    StormTracks st;
    st.id = intl != 0 ? fmt::format("{:04d}", intl)
            : cn != 0 ? fmt::format("CN{:04d}", cn)
                      : fmt::format("S{:04d}", serial);
    if (h.size() >= 8) st.name = shown(h[7]);
    st.ensemble.name = st.name.empty() ? st.id : st.id + " " + st.name;
    Track track;
    track.id = st.id;
    track.name = st.name;
    track.source = "CMA best track";
    Missing no_wind, no_pressure;
    ++k;
    for (long n = 0; n < count; ++n, ++k) {
      if (k >= lines.size() || looks_like_header(lines[k]->text))
        throw_input_error(
            hat, fmt::format("the header announces {} data lines but {} follow{}", count, n,
                             k >= lines.size()
                                 ? " before the end of the file"
                                 : fmt::format(" (next header at line {})", lines[k]->number)));
      const std::string at = where(name, lines[k]->number);
      append_fix(track, parse_data(at, words(lines[k]->text), no_wind, no_pressure), out.warnings);
    }
    if (no_wind.count > 0)
      out.warnings.push_back(
          fmt::format("{}: {} of {} fixes of {} have no maximum wind (0); "
                      "treated as unknown",
                      no_wind.first, no_wind.count, count, st.id));
    if (no_pressure.count > 0)
      out.warnings.push_back(
          fmt::format("{}: {} of {} fixes of {} have no central pressure (0); "
                      "treated as unknown",
                      no_pressure.first, no_pressure.count, count, st.id));
    st.ensemble.members.push_back({0, std::move(track)});
    out.storms.push_back(std::move(st));
  }
  return out;
}

}  // namespace taifeng::forcing
