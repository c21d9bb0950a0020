#pragma once
// A finished (or staged) cycle folder read back into the plain scene the viz module draws:
// wind/surge NetCDF, warnings/summary.json, warnings/evacuation.json, tracks.csv, the
// registry's county polygons, ETOPO5 relief and GSHHG coastlines over the map box.
#include <filesystem>

#include "taifeng/forcing/gridded.hpp"
#include "taifeng/hpc/cycle_config.hpp"
#include "taifeng/viz/scene.hpp"

namespace taifeng::hpc {

// Input errors name the file and what is missing (e.g. a folder that is not a cycle).
viz::CycleScene read_cycle_scene(const std::filesystem::path& run_dir, const CycleConfig& cfg);

// The map box: [render] lon/lat keys if given, else the surge grid (when enabled), else
// the wind grid.
forcing::GeoBox map_box(const CycleConfig& cfg);

}  // namespace taifeng::hpc
