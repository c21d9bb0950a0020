#pragma once
// Everything the viz module draws from one forecast cycle, as plain data: the run folder is
// read into a CycleScene by hpc (render stage), and viz writes VTK files, renders images and
// the bulletin page from it. No I/O here.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/polygon.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"

namespace taifeng::viz {

// A scalar field on a regular lon/lat grid (index j * nlon + i), NaN = no value.
struct GridField {
  std::string name, units, long_name;
  Grid grid;
  std::vector<double> values;
};

struct CountyView {
  std::string code, name_zh, name_en;
  MultiPolygon shape;   // lon/lat degrees
  LonLat center;        // seat of government
  int signal = 0;       // 0 none, 1 blue, 2 yellow, 3 orange, 4 red (CMA typhoon signal)
  int surge_level = 0;  // same scale; 0 also when no surge forecast
  long population = 0;
  std::array<long, 4> exposed{};         // people with max wind >= Beaufort 6, 8, 10, 12
  long expected_exposed = 0;             // probability-weighted people exposed to gales
  std::optional<double> gale_arrival_h;  // hours after the analysis
  long evacuate = 0, assigned = 0, unassigned = 0;
  std::string reason;                  // why the signal (English)
  std::vector<std::string> cap_files;  // relative to the run folder
};

struct ShelterView {
  std::string id, name_zh, name_en;
  LonLat pos;
  long capacity = 0, assigned = 0;
};

struct FlowView {  // evacuees of one county to one shelter
  std::string unit, shelter;
  long people = 0;
  double km = 0;
  LonLat from, to;
  std::vector<LonLat> path;  // route on land, from -> to
};

struct MemberTrack {
  int member = 0;  // 0 = deterministic forecast, 1.. = ensemble members, -1 = best track
  Track track;
};

struct CycleScene {
  std::string storm_id, storm_name_en, storm_name_zh;
  TimePoint analysis_time{};
  std::vector<double> lead_hours;  // output times, hours after the analysis

  // Hazard on the wind grid.
  std::vector<GridField> wind_hourly;         // "wind_speed" at each lead (may be empty)
  GridField wind_max;                         // swath
  std::optional<GridField> gale_probability;  // P(>= 17.2 m/s within gale_window_h)
  double gale_window_h = 0;
  std::optional<GridField> population_density;  // people per km² on the wind grid
  // Storm surge on its grid (empty optionals without a surge forecast).
  std::optional<GridField> inundation_depth, surge_max;
  // Terrain: relief (m, negative = sea floor) over the map area.
  GridField relief;
  // Coastlines (GSHHG) over the map area, lon/lat polylines.
  std::vector<std::vector<LonLat>> coastline;

  std::vector<MemberTrack> tracks;  // member 0 = forecast; -1 = best track if known
  // The 67 % cone: centre and radius (km) at each lead of the forecast track.
  std::vector<LonLat> cone_centre;
  std::vector<double> cone_radius_km;

  std::vector<CountyView> counties;
  std::vector<ShelterView> shelters;
  std::vector<FlowView> flows;
};

// CMA signal colours (RGB 0–255) for levels 0..4: none (light grey), blue, yellow, orange,
// red; and names.
inline constexpr std::array<std::array<unsigned char, 3>, 5> signal_rgb = {
    {{{220, 220, 220}}, {{30, 90, 230}}, {{250, 220, 0}}, {{255, 140, 0}}, {{220, 20, 20}}}};
inline constexpr std::array<const char*, 5> signal_names = {"none", "blue", "yellow", "orange",
                                                            "red"};

}  // namespace taifeng::viz
