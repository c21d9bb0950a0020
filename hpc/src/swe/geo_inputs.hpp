#pragma once
// Inputs of the `taifeng swe` cases placed on the Earth: the bed and still water of a
// relief file, the last frame of an earlier run's NetCDF, and the storm forcing of a best
// track (Holland pressure and 10-min winds, as the surge stage).
#include <cstdint>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/hpc/swe/scenario.hpp"
#include "taifeng/solver/swe/step.hpp"
#include "taifeng/solver/wind_field.hpp"

namespace taifeng::hpc::swe {

// Global [j][i] arrays (nx × ny) of the relief and file cases.
struct GlobalInitial {
  std::vector<double> bed, h, hu, hv;
};
// Relief: the file sampled (nearest neighbour, forcing::read_relief) at the cell centres,
// clipped at −depth_cap_m, still water at level_m. File: b, h, u, v of the last time of a
// `taifeng swe` NetCDF on the same grid. Input errors name the file and what differs.
GlobalInitial load_global_initial(const Scenario& s);

// The cell centres as a regular lon/lat grid (placed scenarios: the mapping is affine in
// each axis).
Grid cell_grid(const Scenario& s);

// Forcing of the patch's cells (ghosts included: the pressure enters the reconstruction)
// from the scenario's storm track at model time t; ramped in over ramp_hours.
class StormForcer {
 public:
  StormForcer(const Scenario& s, const solver::swe::Patch& p, const std::vector<double>& bed);
  void update(double t_s);
  solver::swe::Forcing forcing() const { return {u10_.data(), v10_.data(), pa_.data()}; }
  const Track& track() const { return track_; }

 private:
  const Scenario& s_;
  Track track_;
  solver::WindOptions wind_;
  std::vector<LonLat> pts_;
  std::vector<std::uint8_t> land_;
  std::vector<double> u10_, v10_, pa_;
};

}  // namespace taifeng::hpc::swe
