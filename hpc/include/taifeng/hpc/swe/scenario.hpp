#pragma once
// A standalone shallow-water scenario for `taifeng swe CONFIG`, read strictly from TOML
// (every key in configs/README.md, section "taifeng swe"). Metric grid; the initial state
// and bed are analytic cases by name (some with an analytic solution to compare against),
// still water over a relief file (ETOPO5) placed on the Earth by grid.lon_ref_deg /
// lat_ref_deg, or the last frame of an earlier run's NetCDF. A storm from a best track can
// force any case placed on the Earth (Holland pressure and winds, as the surge stage).
#include <cmath>
#include <filesystem>
#include <string>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/solver/swe/boundary.hpp"
#include "taifeng/solver/swe/physics.hpp"
#include "taifeng/solver/swe/state.hpp"

namespace taifeng::hpc::swe {

enum class Case {
  dam_break,         // 1-D along x: depth hl for x < x0, hr beyond (Stoker; Ritter if hr = 0)
  radial_dam_break,  // h_in inside radius r0 of the domain centre, h_out outside
  thacker,           // planar surface in a paraboloid (SWASHES), moving shoreline
  lake_at_rest,      // still water eta0 over a Gaussian bump (emerged if its top > eta0)
  wind_setup,        // closed basin of depth h_mean under a uniform wind
  relief,            // still water at `level` over a relief file (bed clipped at depth_cap)
  file,              // h, u, v and b of the last frame of a `taifeng swe` NetCDF
};

struct Scenario {
  std::string config_file;
  std::string name;
  long nx = 0, ny = 0;
  solver::swe::Geometry geo;
  Case kind = Case::dam_break;
  // Case parameters (those of the chosen case are read; see configs/README.md).
  double hl = 0, hr = 0, x0 = 0;                     // dam_break
  double h_in = 0, h_out = 0, r0 = 0;                // radial_dam_break
  double a = 1, h0 = 0.1, sigma = 0.5;               // thacker
  double eta0 = 0, bump_height = 0, bump_width = 0;  // lake_at_rest
  double h_mean = 0;                                 // wind_setup
  double u10 = 0, v10 = 0;                           // uniform 10 m wind (m/s)
  // Placement on the Earth (NaN: not placed): x = R cos(lat_c) (lon − lon_ref),
  // y = R (lat − lat_ref), lat_c the latitude of the grid's centre, R = earth_radius_m.
  double lon_ref = NAN, lat_ref = NAN;
  std::filesystem::path relief_file;  // relief
  std::string relief_variable;
  double depth_cap_m = 0;              // relief: deeper water is treated as this deep (0: no cap)
  double level_m = 0;                  // relief: still-water level
  std::filesystem::path initial_file;  // file
  // Storm forcing (track_file empty: none): JTWC CSV best track, model time 0 at start.
  std::filesystem::path track_file;
  std::string storm_id;
  TimePoint start{};
  double ramp_hours = 6, forcing_interval_minutes = 10, p_env_hpa = 1010, land_threshold_m = 0;
  bool placed() const { return !std::isnan(lon_ref); }
  solver::swe::Physics phys;
  solver::swe::Boundaries bc;
  double cfl = 0.4;
  double end_s = 0;
  double output_every_s = 0;      // 0: initial and final state only
  double checkpoint_every_s = 0;  // 0: no checkpoints
  std::filesystem::path output_dir;
  bool write_netcdf = true;

  bool has_analytic() const {
    return kind == Case::dam_break || kind == Case::thacker || kind == Case::lake_at_rest ||
           kind == Case::wind_setup;
  }
};

Scenario read_scenario(ConfigReader& reader);
const char* case_name(Case c);

}  // namespace taifeng::hpc::swe
