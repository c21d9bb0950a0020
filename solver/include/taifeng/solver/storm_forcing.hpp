#pragma once
// Atmospheric forcing of the storm-surge model from a parametric storm: 10 m wind vectors
// (the wind kernel of wind_field.hpp: profile, surface and land reduction, inflow,
// translation asymmetry) and sea-level pressure from Holland (1980),
//   p(r) = p_c + Δp exp(-(R_m / r)^B),
// with the same Δp and B as the wind (holland_parameters). Plain kernel, no I/O.
#include <cstdint>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/solver/wind_field.hpp"

namespace taifeng::solver {

// Holland (1980) surface pressure (Pa) at distance r_m from the centre.
double holland_pressure_pa(double r_m, double rm_m, double b, double pc_pa, double dp_pa);

// For each point: u10, v10 (m/s, averaged over o.output_averaging) and p (Pa). land is empty
// or one byte per point (1 = land: the land reduction applies). The wind is zero beyond
// o.max_radius_km; the pressure is evaluated everywhere (it tends to p_env).
void storm_forcing_at(const StormState& s, const WindOptions& o, const std::vector<LonLat>& points,
                      const std::vector<std::uint8_t>& land, double* u10, double* v10,
                      double* p_pa);

// Ramp a storm's forcing in: winds × w, pressure p_env + w (p − p_env), over n points
// (w in [0, 1]; a model started at rest is spun up this way).
void ramp_forcing(double w, double p_env_pa, std::size_t n, double* u10, double* v10, double* p_pa);

}  // namespace taifeng::solver
