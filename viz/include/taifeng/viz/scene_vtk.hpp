#pragma once
// The whole CycleScene as VTK XML files that overlay in ParaView: every file uses
// x = longitude (degrees east), y = latitude (degrees north), z = 0, except the terrain,
// whose z is the elevation in "degrees" (see VtkSceneOptions). Every file reads back with
// VTK's own XML readers (vtkXMLImageDataReader, vtkXMLPolyDataReader,
// vtkXMLStructuredGridReader); the .pvd time series is ParaView's collection format.
//
// Files (relative to the output folder), each left out when its part of the scene is empty:
//   hazard/wind.pvd         time series of hazard/wind_NNN.vti, timestep = lead hours
//   hazard/wind_NNN.vti     NNN = index of the lead (000, 001, …): point arrays wind_speed,
//                           and gale_probability, population_density (static, repeated in
//                           every step so that each step can be coloured or thresholded by
//                           them) when they are on the same grid; field data lead_h,
//                           valid_time, TimeValue
//   hazard_static.vti       wind_max, gale_probability, population_density (one grid);
//                           field data gale_window_h
//   surge.vti               inundation_depth, surge_max (their common grid)
//   terrain.vts             vtkStructuredGrid surface of the relief: point z as above,
//                           point array elevation_m (m, negative = sea floor)
//   tracks.vtp              one polyline per MemberTrack: cell data member (0 = forecast,
//                           1.. = ensemble, -1 = best track), source; point data time_h
//                           (hours since the analysis), vmax_ms, pmin_hpa
//   cone.vtp                one polygon, the outline of the 67 % cone (viz/cone.hpp);
//                           field data centre_lon, centre_lat, radius_km (the circles)
//   counties.vtp            one polygon per part of each county (holes joined to the outer
//                           ring by a zero-width cut): cell data county (index), signal,
//                           surge_level, population, exposed_b6/b8/b10/b12, expected_exposed,
//                           gale_arrival_h (NaN = none), evacuate, assigned, unassigned,
//                           code, name_en, name_zh
//   shelters.vtp            one vertex per shelter: point data capacity, assigned,
//                           load_fraction (assigned / capacity, NaN at capacity 0), id,
//                           name_en, name_zh
//   flows.vtp               one polyline per flow along its path (from -> to when it has
//                           none): cell data people, km, unit, shelter
//   coastline.vtp           polylines
// Grid arrays keep the units of the scene's fields (UNITS_LABEL and "<name>_units"); head
// counts are 64-bit integers, member/signal/level/county indices 32-bit integers.
// Every file carries field data storm_id and analysis_time (ISO 8601 UTC).
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/viz/scene.hpp"

namespace taifeng::viz {

struct VtkSceneOptions {
  // Terrain: z = elevation_m * vertical_exaggeration / metres_per_degree, with
  // metres_per_degree = 111 195 m (one degree of latitude on the 6371 km sphere), so that
  // heights share the unit of x and y (degrees). Hainan's highest peak (1867 m) stands
  // 0.34 "degrees" at the default 20x exaggeration, the hazard layers lie at z = 0.
  double vertical_exaggeration = 20.0;
};

struct VtkSceneFiles {
  std::vector<std::string> files;  // paths relative to the output folder, in writing order
};

// Writes every non-empty part of the scene into `dir` (created if missing). Each file is
// published atomically (temporary name + rename). Inconsistent scenes (field sizes not
// matching their grid, a time series not matching lead_hours, cone centres and radii of
// different lengths) are internal errors; unwritable folders are input errors.
VtkSceneFiles write_scene_vtk(const std::filesystem::path& dir, const CycleScene& scene,
                              const VtkSceneOptions& options = {});

}  // namespace taifeng::viz
