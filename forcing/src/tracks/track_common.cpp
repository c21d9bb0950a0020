#include "track_common.hpp"

#include <cmath>

#include <fmt/format.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::forcing::tracks {

std::string shown(std::string_view text) {
  constexpr std::size_t max_len = 40;
  std::string s;
  for (std::size_t i = 0; i < text.size() && i < max_len; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    s += (c >= 0x20 && c < 0x7f) ? char(c) : '?';
  }
  if (text.size() > max_len) s += "...";
  return s;
}

double number_in(const std::string& at, std::string_view column, std::string_view text, double lo,
                 double hi, std::string_view unit) {
  const auto v = parse_double(text);
  if (!v)
    throw_input_error(at, fmt::format("column {}: '{}' is not a number{}", column, shown(text),
                                      unit.empty() ? "" : fmt::format(", expected {}", unit)));
  if (*v < lo || *v > hi)
    throw_input_error(at, fmt::format("column {}: '{}' is outside the valid range {}..{}{}{}",
                                      column, shown(text), lo, hi, unit.empty() ? "" : " ", unit));
  return *v;
}

long whole_number_in(const std::string& at, std::string_view column, std::string_view text, long lo,
                     long hi) {
  const double v = number_in(at, column, text, double(lo), double(hi), "");
  if (v != std::floor(v))
    throw_input_error(at,
                      fmt::format("column {}: '{}' is not a whole number", column, shown(text)));
  return long(v);
}

long digits_in(const std::string& at, std::string_view column, std::string_view text,
               std::size_t width) {
  bool ok = text.size() == width && width <= 18;
  long v = 0;
  for (std::size_t i = 0; ok && i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      ok = false;
      break;
    }
    v = v * 10 + (text[i] - '0');
  }
  if (!ok)
    throw_input_error(at,
                      fmt::format("column {}: '{}' is not {} digits", column, shown(text), width));
  return v;
}

TimePoint utc_time_in(const std::string& at, std::string_view column, long year, long month,
                      long day, long hour, long minute) {
  // The range test first: make_utc/valid_utc take int and a year far outside the calendar
  // of std::chrono would overflow.
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 ||
      !valid_utc(int(year), int(month), int(day), int(hour), int(minute)))
    throw_input_error(at, fmt::format("column {}: {:04d}-{:02d}-{:02d} {:02d}:{:02d} is not a "
                                      "valid date and time (years 1800..2200)",
                                      column, year, month, day, hour, minute));
  return make_utc(int(year), int(month), int(day), int(hour), int(minute));
}

void check_point(const std::string& at, const TrackPoint& p) {
  auto check = [&](const char* what, double v, double lo, double hi, const char* unit) {
    if (std::isnan(v)) return;
    if (!(v >= lo && v <= hi))
      throw_input_error(at, fmt::format("{} {} {} is outside the valid range {}..{} {}", what, v,
                                        unit, lo, hi, unit));
  };
  if (std::isnan(p.lat) || std::isnan(p.lon)) throw_input_error(at, "fix without a position");
  check("latitude", p.lat, lat_min, lat_max, "deg");
  check("longitude", p.lon, lon_min, lon_max, "deg");
  check("maximum wind", p.vmax_ms, 0.0, wind_max_ms, "m/s");
  check("central pressure", p.pmin_hpa, pres_min_hpa, pres_max_hpa, "hPa");
}

bool same_value(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

bool same_radii(const std::vector<WindRadii>& a, const std::vector<WindRadii>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_value(a[i].threshold_ms, b[i].threshold_ms)) return false;
    for (std::size_t q = 0; q < 4; ++q)
      if (!same_value(a[i].radius_km[q], b[i].radius_km[q])) return false;
  }
  return true;
}

bool same_fix(const TrackPoint& a, const TrackPoint& b) {
  return a.time == b.time && same_value(a.lat, b.lat) && same_value(a.lon, b.lon) &&
         same_value(a.vmax_ms, b.vmax_ms) && a.averaging == b.averaging &&
         same_value(a.pmin_hpa, b.pmin_hpa) && same_value(a.rmw_km, b.rmw_km) &&
         same_radii(a.radii, b.radii);
}

bool append_fix(Track& track, TrackPoint p, std::vector<std::string>& warnings) {
  if (!track.points.empty()) {
    const TrackPoint& prev = track.points.back();
    if (p.time == prev.time) {
      if (same_fix(p, prev)) {
        warnings.push_back(
            fmt::format("{}: duplicate of the fix at {}; ignored", p.source_ref, prev.source_ref));
        return false;
      }
      throw_input_error(p.source_ref, fmt::format("a second, different fix for {} (first at {})",
                                                  format_iso_utc(p.time), prev.source_ref));
    }
    if (p.time < prev.time)
      throw_input_error(p.source_ref, fmt::format("time {} goes backwards (previous fix {} at {})",
                                                  format_iso_utc(p.time), format_iso_utc(prev.time),
                                                  prev.source_ref));
  }
  track.points.push_back(std::move(p));
  return true;
}

TrackFile read_counted_blocks(const std::filesystem::path& file, const BlockFormat& bf) {
  const std::string name = file.string();
  const std::vector<TextLine> all = read_text_lines(file);
  std::vector<const TextLine*> lines;
  for (const TextLine& l : all)
    if (!trim(l.text).empty()) lines.push_back(&l);
  if (lines.empty()) throw_input_error(name, "empty file; expected " + bf.records);

  TrackFile out;
  out.format = bf.format;
  std::size_t k = 0;
  long last_count = 0;
  std::string last_header;
  while (k < lines.size()) {
    const TextLine& head = *lines[k];
    const std::string hat = where(name, head.number);
    if (!bf.is_header(head.text)) {
      if (bf.is_data(head.text) && last_count > 0)
        throw_input_error(hat, fmt::format("a data line after the {} announced by the header at "
                                           "{} (the header count does not match the data lines)",
                                           last_count, last_header));
      throw_input_error(hat,
                        fmt::format("expected {}, got '{}'", bf.expected_header, shown(head.text)));
    }
    BlockHeader h = bf.header(hat, head.text);
    const long count = h.count;
    last_count = count;
    last_header = hat;
    StormTracks st = std::move(h.storm);
    Track track;
    track.id = st.id;
    track.name = st.name;
    track.source = h.source;
    Missing no_wind, no_pressure;
    ++k;
    for (long n = 0; n < count; ++n, ++k) {
      if (k >= lines.size() || bf.is_header(lines[k]->text))
        throw_input_error(
            hat, fmt::format("the header announces {} data lines but {} follow{}", count, n,
                             k >= lines.size()
                                 ? " before the end of the file"
                                 : fmt::format(" (next header at line {})", lines[k]->number)));
      const std::string at = where(name, lines[k]->number);
      append_fix(track, bf.data(at, lines[k]->text, out.warnings, no_wind, no_pressure),
                 out.warnings);
    }
    if (no_wind.count > 0)
      out.warnings.push_back(
          fmt::format("{}: {} of {} fixes of {} have no maximum wind ({}); treated as unknown",
                      no_wind.first, no_wind.count, count, st.id, bf.no_wind_code));
    if (no_pressure.count > 0)
      out.warnings.push_back(
          fmt::format("{}: {} of {} fixes of {} have no central pressure ({}); treated as "
                      "unknown",
                      no_pressure.first, no_pressure.count, count, st.id, bf.no_pressure_code));
    st.ensemble.members.push_back({0, std::move(track)});
    out.storms.push_back(std::move(st));
  }
  return out;
}

}  // namespace taifeng::forcing::tracks
