#pragma once
// Surface wind field of one storm state on a grid (gradient-level radial profile chosen by
// WindOptions::profile, reduced to 10 m, inflow angle, translation asymmetry). Kernels, no I/O.
#include <cstdint>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/solver/radial_profile.hpp"

namespace taifeng::solver {

struct WindOptions {
  double p_env_hpa = 1010.0;     // environmental (outer) pressure
  double rho = 1.15;             // air density, kg/m³
  double surface_factor = 0.9;   // gradient -> 10 m wind over sea
  double land_factor = 0.8;      // further reduction over land (Knaff et al. 2011: 0.72/0.9)
  double inflow_deg = 20.0;      // inflow angle toward the centre
  double max_radius_km = 500.0;  // points farther from the centre are not evaluated (0 wind)
  bool translation_asymmetry = true;
  WindAveraging output_averaging = WindAveraging::two_minute;  // CMA convention
  // Gradient-level profile (radial_profile.hpp). Every model gets the same gradient-level
  // maximum (translation removed, / surface_factor) and, for the Holland models, the same B.
  WindProfile profile = WindProfile::holland1980;
};

// State of the storm at one instant, as the wind kernel needs it.
struct StormState {
  LonLat centre;
  double vmax_ms = 0;  // maximum sustained surface wind (averaging below)
  WindAveraging averaging = WindAveraging::one_minute;
  double pmin_hpa = 0;
  double rmw_km = 0;
  double trans_u = 0, trans_v = 0;  // translation velocity, m/s east / north
};

// Derived once per state: gradient-level maximum wind and Holland B (HollandParameters is
// declared in radial_profile.hpp).
HollandParameters holland_parameters(const StormState& s, const WindOptions& o);

// The radial profile of o.profile for a state, prepared once (never throws for a valid state;
// fallbacks in radial_profile.hpp).
RadialProfile make_radial_profile(const StormState& s, const WindOptions& o);

struct WindVector {
  double u = 0, v = 0;  // m/s east / north, in the output averaging period
};

// Surface wind at one point: gradient_speed(profile, r) x surface_factor (x land_factor over
// land), turned inward by inflow_deg, plus the translation weighted by min(1, Rm/r), converted
// from the state's averaging period to o.output_averaging.
WindVector surface_wind(const StormState& s, const RadialProfile& profile, const WindOptions& o,
                        LonLat point, bool over_land);
// The same with the profile prepared from hp (o.profile; kept for callers that hold Holland
// parameters; prepare the profile once with make_radial_profile when evaluating many points).
WindVector surface_wind(const StormState& s, const HollandParameters& hp, const WindOptions& o,
                        LonLat point, bool over_land);

// Wind speed at every grid point (speed[j*nlon + i]); land_mask is empty or one byte
// per grid point (1 = land). OpenMP over rows.
void wind_speed_field(const StormState& s, const WindOptions& o, const Grid& grid,
                      const std::vector<std::uint8_t>& land_mask, double* speed);

// Storm state at time t from a forecast track: position and intensity interpolated,
// translation velocity from the track over [t - 1 h, t + 1 h] (clipped to the track).
StormState storm_state_at(const Track& track, TimePoint t);

}  // namespace taifeng::solver
