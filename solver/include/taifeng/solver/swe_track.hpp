#pragma once
// The "swe" track model: an equivalent-barotropic shallow-water atmosphere (the taifeng
// shallow-water core, solver/swe) on a limited area around the storm, started from the
// deep-layer-mean winds of a gridded analysis with an idealised vortex inserted at the
// analysed centre; the vortex centre is tracked every hour. It is the nonlinear,
// limited-area cousin of BAM (bam.hpp): the steering, the beta drift and their interaction
// come out of the dynamics instead of being prescribed (the line of the barotropic track
// models VICBAR, DeMaria et al. 1992, and SANBAR).
//
// Grid: cells of resolution_km on the plane x = a cos φ0 (λ − λ0), y = a (φ − φ0) around
// the analysed centre (λ0, φ0), a = earth_radius_m; the domain is the square of
// ±domain_half_width_km clipped to the wind file's box. Coriolis is f = 2Ω sin φ per row
// (the full latitude dependence; the grid keeps the cos φ0 scale of longitude, so zonal
// distances are off by cos φ / cos φ0: 3 % at 10° from φ0).
//
// Initial state, at the analysis time t0 (winds interpolated linearly between file times):
//   1. layer-mean wind (BAMS/BAMM/BAMD weights, bam.hpp) bilinearly interpolated to the cells;
//   2. the analysed vortex removed: inside removal_outer_km the wind is blended toward the
//      BAM steering vector (the annulus mean of steering_inner_km..steering_outer_km),
//      fully replaced inside removal_inner_km (smoothstep between);
//   3. the divergent part removed and the depth balanced (balance.hpp) with mean
//      equivalent_depth_m;
//   4. the vortex (vortex.hpp: Chan–Williams profile, gradient-wind-balanced depth)
//      added at the centre, cyclonic in the storm's hemisphere.
// Boundaries: zero-gradient outflow plus a relaxation zone of relax_width_km toward the
// environment of every file time (steps 1 and 3 without the removal) interpolated in time,
// with time scale relax_hours. Beyond the last file time the last field is held
// (hold_last_field) — the usual way of running on a single analysis.
// Time step: CFL (cfl) with the steps shortened to land on every hour.
// Tracking: every hour the centre is found (vortex_centre.hpp) within search_radius_km of
// the previous centre extrapolated by the last hour's motion. The forecast ends early
// (stop_reason says why) when the centre comes within relax_width_km + edge_margin_km of
// the domain edge or cannot be found.
// Intensity: the analysis vmax, pmin, rmw and averaging are held, as in BAM.
#include <functional>
#include <string>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/solver/bam.hpp"
#include "taifeng/solver/swe/vortex_centre.hpp"

namespace taifeng::solver {

struct SweTrackOptions {
  BamLayer layer = BamLayer::deep;
  double domain_half_width_km = 2500.0;
  double resolution_km = 30.0;
  // Mean depth of the equivalent-barotropic layer: gravity waves at sqrt(g H) = 99 m/s and
  // a Rossby radius of 2000 km at 20°N; the beta-drift verification uses the same value.
  double equivalent_depth_m = 1000.0;
  double vortex_vmax_ms = 40.0;  // deep-layer vortex (the Chan & Williams test vortex)
  double vortex_rmw_km = 100.0;
  double vortex_shape_b = 1.0;
  double removal_inner_km = 300.0, removal_outer_km = 800.0;
  double steering_inner_km = 200.0, steering_outer_km = 500.0;
  double relax_width_km = 300.0;
  double relax_hours = 1.0;
  double edge_margin_km = 300.0;
  double cfl = 0.4;
  swe::CentreMethod tracker = swe::CentreMethod::vorticity;
  double search_radius_km = 300.0;
  double lead_hours = 120.0;
  double output_interval_hours = 1.0;  // whole hours
  bool hold_last_field = true;
};

struct SweTrackResult {
  Track track;              // source "SWE"; points every output_interval_hours
  std::string stop_reason;  // empty when the lead was reached
  long nx = 0, ny = 0;      // model cells
  double dx_m = 0.0;
  LonLat south_west, north_east;  // cell-centre corners of the domain
  long steps = 0;                 // time steps taken
  double mass_rel_change = 0.0;   // relative change of the layer volume over the run
};

// Progress callback: hours integrated so far and the lead (called every hour).
using SweTrackProgress = std::function<void(double hours, double lead_hours)>;

// Input errors (naming the wind file, the best track or the option): t0 outside the best
// track or the wind times; winds missing at a needed point; the domain clipped by the wind
// file to less than relax_width_km + removal_outer_km on some side of the centre; the
// vortex deeper than 90 % of the equivalent depth; options out of range.
SweTrackResult swe_track_forecast(const SteeringFields& fields, const Track& best, TimePoint t0,
                                  const SweTrackOptions& opt,
                                  const SweTrackProgress& progress = {});

}  // namespace taifeng::solver
