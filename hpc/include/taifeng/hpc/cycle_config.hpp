#pragma once
// The configuration of one forecast cycle, read strictly from TOML. Every key is
// documented in configs/README.md.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/forcing/gridded.hpp"
#include "taifeng/hpc/surge_stage.hpp"
#include "taifeng/solver/bam.hpp"
#include "taifeng/solver/persistence.hpp"
#include "taifeng/solver/swe_track.hpp"
#include "taifeng/solver/wind_field.hpp"
#include "taifeng/warnings/alerts.hpp"
#include "taifeng/warnings/evacuation_plan.hpp"
#include "taifeng/warnings/point_exposure.hpp"
#include "taifeng/warnings/signals.hpp"

namespace taifeng::hpc {

struct CycleConfig {
  std::string config_file;
  std::string run_name;
  std::filesystem::path output_dir;

  std::filesystem::path track_file;  // best track; optional for model "ensemble"
  std::string track_format;          // "jtwc_csv"
  std::string storm_id, storm_name_en, storm_name_zh;
  TimePoint analysis_time{};

  // "persistence" | "cliper" | "official" | "ensemble" | "bam" | "swe"
  std::string model;
  std::filesystem::path cliper_model;   // fitted CLIPER (data/models), for model "cliper"
  std::filesystem::path advisory_file;  // ATCF a-deck, for model "official"
  std::string technique;                // its forecast technique, e.g. "OFCL", "JTWC"
  // Model "ensemble": members from ECMWF track BUFR or several a-deck techniques.
  std::filesystem::path members_file;
  std::string members_format = "auto";
  std::string members_storm;                    // storm id in that file ("" = the only one)
  std::vector<std::string> members_techniques;  // empty = every member
  double min_member_fraction = 0.5;
  // Model "bam": steering winds on pressure levels (NetCDF or GRIB2) and the BAM options.
  std::filesystem::path bam_file;
  std::string bam_u_variable = "eastward_wind", bam_v_variable = "northward_wind";
  solver::BamOptions bam;
  // Model "swe": the equivalent-barotropic shallow-water track model on gridded winds.
  std::filesystem::path swe_file;
  std::string swe_u_variable = "eastward_wind", swe_v_variable = "northward_wind";
  solver::SweTrackOptions swe;
  solver::PersistenceOptions persistence;
  // SST limit on intensity (empty file = no limit).
  std::filesystem::path sst_file;
  std::string sst_variable = "sea_surface_temperature";
  double sst_relax_hours = 12.0;
  double output_interval_hours = 1;

  Grid grid;
  std::string profile;  // "holland1980"
  solver::WindOptions wind;

  std::filesystem::path relief_file;  // e.g. ETOPO5
  std::string relief_variable;
  double land_threshold_m = 0;

  std::filesystem::path units_file, census_file;
  std::filesystem::path
      registry_file;  // GeoPackage from `taifeng registry build` (else the two above)
  std::filesystem::path shelters_file, enterprises_file, facilities_file;  // with units+census
  double population_resolution_deg = 0.01;  // dasymetric grid built from units+census
  double elevation_scale_m = 400;

  warnings::AlertContext alert;  // storm and time fields filled by the cycle
  std::filesystem::path cap_schema;
  std::filesystem::path previous_cycle;  // the previous cycle's folder (command line), or empty
  // Public URL of a cycle's folder, "{cycle}" = YYYYMMDDHH of the analysis: CAP messages link
  // <base>maps/overview.png as their <resource> (empty: no resource).
  std::string map_base_uri;
  std::vector<warnings::SignalRule> signal_rules;
  std::vector<warnings::SurgeRule> surge_rules;  // storm-surge warning levels
  warnings::ExposureOptions exposure;
  warnings::EvacuationRules evacuation;           // [evacuation]
  double evacuation_graph_resolution_deg = 0.02;  // travel graph on land cells of this size

  // Monte Carlo ensemble around the deterministic forecast (0 members = off).
  long ensemble_members = 0;
  std::uint64_t ensemble_seed = 1;
  std::filesystem::path error_stats;  // TrackErrorStats JSON (taifeng verify --errors-out)
  bool perturb_intensity = true;

  // Storm surge ([surge]): off unless enabled.
  bool surge = false;
  SurgeOptions surge_opt;
  double surge_hours = 72;         // forecast hours simulated
  long surge_members = 1;          // runs: the deterministic track + (members - 1) ensemble members
  double surge_inundated_m = 0.1;  // land counts as inundated above this depth
  double surge_checkpoint_hours = 6;  // model hours between checkpoints of a run (0 = none)
  // Private work folder of the surge runs' checkpoints (command line), or empty: none.
  std::filesystem::path surge_checkpoint_dir;

  bool write_netcdf = true, write_hourly = true, write_vtk = true;
  long member_tracks = 100;  // ensemble member tracks written to tracks.csv (for maps)

  // [render]: VTK scene, maps, animation and bulletin page of the cycle.
  bool render = true;
  std::optional<forcing::GeoBox> render_box;      // map area (default: surge grid, else wind grid)
  double render_relief_deg = 0.02;                // terrain resolution of the maps
  std::filesystem::path coastline_file;           // GSHHG binned file (empty: no coastline)
  int render_width = 1600, render_height = 1200;  // overview map and 3-D scene, pixels
  double render_vertical_exaggeration = 20;
  int render_frame_width = 960, render_frame_height = 720, render_fps = 4;
  std::string render_gale_colormap = "Purples", render_wind_colormap = "Turbo",
              render_depth_colormap = "Blues";
  double render_azimuth_deg = 200, render_elevation_deg = 40, render_zoom = 1.35;
};

// Reads every key (applying defaults), then rejects unknown keys; input errors name the
// file, line and key.
CycleConfig read_cycle_config(ConfigReader& reader);

}  // namespace taifeng::hpc
