#pragma once
// Shared validation for the text track readers (ATCF, HURDAT2, CMA, IBTrACS): numbers
// with a range and a column name in the message, and appending a fix to a track with the
// house rules (an exact duplicate is a warning, a different fix for the same time or a
// time going backwards is an input error "file:line: …").
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "taifeng/core/track.hpp"
#include "taifeng/forcing/tracks.hpp"

namespace taifeng::forcing::tracks {

// Valid ranges of every reader (SI, as in forcing/tracks.hpp).
inline constexpr double lat_min = -90.0, lat_max = 90.0;
inline constexpr double lon_min = -180.0, lon_max = 360.0;
inline constexpr double wind_max_ms = 120.0;
inline constexpr double pres_min_hpa = 850.0, pres_max_hpa = 1050.0;

// The text of a field for a message: at most 40 characters, non-printable bytes as '?'.
std::string shown(std::string_view text);

// A number in [lo, hi]: an input error at `at` naming `column` otherwise
// ("column LAT: 'x' is not a number" / "column LAT: 95 deg is outside the valid range …").
double number_in(const std::string& at, std::string_view column, std::string_view text, double lo,
                 double hi, std::string_view unit);
// The same for a whole number (no fraction).
long whole_number_in(const std::string& at, std::string_view column, std::string_view text, long lo,
                     long hi);
// A fixed-width run of decimal digits (e.g. "2014080100"): input error otherwise.
long digits_in(const std::string& at, std::string_view column, std::string_view text,
               std::size_t width);

// Valid UTC time from its parts; input error "column C: YYYY-MM-DD HH:MM is not a valid
// date" otherwise.
TimePoint utc_time_in(const std::string& at, std::string_view column, long year, long month,
                      long day, long hour, long minute = 0);

// Range checks of a finished point (lat, lon, wind, pressure; NaN allowed for wind and
// pressure): an input error naming `at`.
void check_point(const std::string& at, const TrackPoint& p);

bool same_value(double a, double b);
bool same_radii(const std::vector<WindRadii>& a, const std::vector<WindRadii>& b);
// Same position, intensity, pressure, RMW and radii.
bool same_fix(const TrackPoint& a, const TrackPoint& b);

// Appends p (whose source_ref names its line) to the track: an exact duplicate of the
// last fix is a warning and dropped, a different fix at the same time is an error, and so
// is a time before the last fix. Returns true if appended.
bool append_fix(Track& track, TrackPoint p, std::vector<std::string>& warnings);

// Lines whose value is missing, summarised as one warning per storm or member.
struct Missing {
  long count = 0;
  std::string first;  // "file:line" of the first
  void add(const std::string& at) {
    if (count++ == 0) first = at;
  }
};

// Formats made of storm blocks: a header announcing how many data lines follow
// (HURDAT2, CMA best track). The block loop, the count checks and the missing-value
// summaries are shared; the format supplies its line parsers and wording.
struct BlockHeader {
  StormTracks storm;   // id, name and ensemble name; the member is added by the loop
  long count = 0;      // data lines announced
  std::string source;  // Track::source of the member
};
struct BlockFormat {
  std::string format;           // TrackFile::format, e.g. "cma"
  std::string records;          // "CMA best-track records" (for an empty file)
  std::string expected_header;  // "a storm header like …" (for a line that is not one)
  std::function<bool(const std::string&)> is_header;
  // A stray line where a header is expected counts as a surplus data line when this holds.
  std::function<bool(const std::string&)> is_data;
  // Parses and checks a header line (input errors at `at`).
  std::function<BlockHeader(const std::string& at, const std::string& text)> header;
  std::function<TrackPoint(const std::string& at, const std::string& text,
                           std::vector<std::string>& warnings, Missing& no_wind,
                           Missing& no_pressure)>
      data;
  std::string no_wind_code, no_pressure_code;  // how the format writes "unknown", e.g. "0"
};
TrackFile read_counted_blocks(const std::filesystem::path& file, const BlockFormat& fmt);

}  // namespace taifeng::forcing::tracks
