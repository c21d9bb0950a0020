#pragma once
// Tropical-cyclone tracks in SI units. Missing values are NaN (never 0, never a
// sentinel like 9999): every consumer tests std::isnan before using a value.
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "taifeng/core/time.hpp"

namespace taifeng {

inline constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// Averaging period of a "maximum sustained wind": JTWC/NHC 1 min, CMA 2 min, WMO 10 min.
enum class WindAveraging { one_minute = 1, two_minute = 2, ten_minute = 10 };
int minutes_of(WindAveraging a);
// Factor converting a wind averaged over `from` into one averaged over `to` (over sea).
// Factors, relative to the 1-min wind: 2-min = 1/1.04 (NOAA HRD: 1-min ≈ 1.04 x 2-min),
// 10-min = 0.93 (Harper, Kepert & Ginger 2010, WMO/TD-1555, at-sea exposure).
double averaging_factor(WindAveraging from, WindAveraging to);

// Radius of a wind threshold in the four quadrants (km; NaN = not given).
struct WindRadii {
  double threshold_ms = missing;                                        // e.g. 34 kt = 17.5 m/s
  std::array<double, 4> radius_km{missing, missing, missing, missing};  // NE, SE, SW, NW
};

struct TrackPoint {
  TimePoint time{};          // UTC
  double lat = missing;      // degrees north
  double lon = missing;      // degrees east, -180..360
  double vmax_ms = missing;  // maximum sustained 10 m wind
  WindAveraging averaging = WindAveraging::one_minute;
  double pmin_hpa = missing;     // central pressure
  double rmw_km = missing;       // radius of maximum wind
  std::vector<WindRadii> radii;  // by threshold
  std::string source_ref;        // where it came from, e.g. "file.csv:1234"
};

struct Track {
  std::string id;                  // agency id, e.g. "200517" or "WP182005"
  std::string name;                // storm name, e.g. "Damrey"
  std::string source;              // producer/technique, e.g. "JTWC best track", "persistence"
  std::vector<TrackPoint> points;  // strictly increasing time

  bool empty() const { return points.empty(); }
  TimePoint start() const { return points.front().time; }
  TimePoint end() const { return points.back().time; }
  // Is t within [start, end]? (false for an empty track)
  bool covers(TimePoint t) const { return !empty() && start() <= t && t <= end(); }
  // Linear interpolation in time of position and intensity (lon/lat linear: the
  // fixes are at most a few hours apart). t must lie within [start, end].
  TrackPoint at(TimePoint t) const;
};

struct EnsembleMember {
  int id = 0;  // member number (0 = control / deterministic)
  Track track;
};

struct Ensemble {
  std::string name;
  std::vector<EnsembleMember> members;
};

}  // namespace taifeng
