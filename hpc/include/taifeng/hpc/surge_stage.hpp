#pragma once
// Storm surge in the forecast cycle: the shallow-water core (solver/swe) over a lon/lat box
// on ETOPO5 bathymetry/topography, forced by the Holland pressure and the surface winds of a
// track (solver/storm_forcing.hpp). One run per track (deterministic or ensemble member),
// serial per run with OpenMP inside; members are spread over ranks by the caller.
//
// Approximations (documented in configs/README.md, [surge]):
//  - local metric grid: cell sizes dx = R cos(lat_c) Δλ, dy = R Δφ at the box's central
//    latitude lat_c (the box is a few degrees: < 1 % size error at its edges for ±2.5°);
//  - the bed is clipped at depth_cap_m (deep water carries the surge as an inverse-barometer
//    bump; clipping it keeps the time step long: c = sqrt(g h));
//  - still water at mean sea level (no tide), started at rest; the forcing is ramped in over
//    ramp_hours and updated every forcing_interval_minutes;
//  - open sides are a prescribed level of 0 m; wind stress from the 10-min mean wind
//    (Garratt drag), Manning friction.
#include <cstdint>
#include <vector>

#include "taifeng/core/field.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/hpc/surge_checkpointer.hpp"
#include "taifeng/solver/wind_field.hpp"

namespace taifeng::hpc {

struct SurgeOptions {
  Grid grid;                   // cell centres (lon/lat box, resolution)
  double depth_cap_m = 200.0;  // deeper water is treated as this deep
  double manning_n = 0.025;    // s m^(-1/3)
  double cfl = 0.45;
  double ramp_hours = 6.0;  // forcing ramped from 0 to full
  double forcing_interval_minutes = 10.0;
  double land_threshold_m = 0.0;  // relief above this is land (for the wind's land factor)
};

struct SurgeSetup {
  SurgeOptions opt;
  std::vector<double> bed;         // m, positive up, [j][i] on opt.grid (clipped)
  std::vector<std::uint8_t> land;  // relief > land_threshold_m
};

// relief: the relief field on opt.grid (metres, negative = ocean).
SurgeSetup make_surge_setup(const SurgeOptions& opt, const Field& relief);

struct SurgeRun {
  std::vector<double> eta_max;     // maximum surge (free surface) over wet cells, m; NaN never wet
  std::vector<double> inundation;  // maximum water depth over land cells (bed > 0), m; 0 at sea
  long steps = 0;
  double mass_rel_change = 0;
};

// Runs from t0 to t_end (the track must cover [t0, t_end]). With `checkpoints`: returns
// its stored results if the run completed before, else continues its snapshot if it has
// one, saves snapshots on the way and stores the results at the end; the results are
// bitwise those of a run without checkpoints (surge_checkpointer.hpp).
SurgeRun run_surge(const SurgeSetup& setup, const Track& track, TimePoint t0, TimePoint t_end,
                   const solver::WindOptions& wind, SurgeCheckpointer* checkpoints = nullptr);

}  // namespace taifeng::hpc
