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
  BlockFormat bf;
  bf.format = "cma";
  bf.records = "CMA best-track records";
  bf.expected_header = "a storm header line '66666 <international number> <number of lines> …'";
  bf.is_header = looks_like_header;
  bf.is_data = [](const std::string&) { return true; };
  bf.header = [](const std::string& hat, const std::string& text) {
    const auto h = words(text);
    if (h.size() < 7 || h.size() > 9)
      throw_input_error(hat, fmt::format("a storm header has 7 to 9 blank-separated columns "
                                         "(66666, international number, number of lines, serial, "
                                         "China number, end flag, interval[, name[, date]]), "
                                         "got {}",
                                         h.size()));
    const long intl = digits_in(hat, "international number", h[1], 4);
    BlockHeader b;
    b.count = whole_number_in(hat, "number of lines", h[2], 1, 100000);
    const long serial = digits_in(hat, "serial number", h[3], 4);
    const long cn = digits_in(hat, "China number", h[4], 4);
    whole_number_in(hat, "end flag", h[5], 0, 9);
    whole_number_in(hat, "time interval", h[6], 0, 24);
    if (h.size() == 9) digits_in(hat, "date of the data set", h[8], 8);
    StormTracks& st = b.storm;
    st.id = intl != 0 ? fmt::format("{:04d}", intl)
            : cn != 0 ? fmt::format("CN{:04d}", cn)
                      : fmt::format("S{:04d}", serial);
    if (h.size() >= 8) st.name = shown(h[7]);
    st.ensemble.name = st.name.empty() ? st.id : st.id + " " + st.name;
    b.source = "CMA best track";
    return b;
  };
  bf.data = [](const std::string& at, const std::string& text, std::vector<std::string>&,
               Missing& no_wind,
               Missing& no_pressure) { return parse_data(at, words(text), no_wind, no_pressure); };
  bf.no_wind_code = bf.no_pressure_code = "0";
  return read_counted_blocks(file, bf);
}

}  // namespace taifeng::forcing
