#pragma once
// Hourly wind fields and the swath (maximum over the forecast) of one forecast track.
// Between two output times the storm is evaluated at sub-steps short enough that the
// centre moves less than half the radius of maximum wind, so the swath has no gaps.
// Each output interval is computed independently of the others: any partition of the
// intervals over MPI ranks gives bitwise the same fields, and the swath is an exact
// element-wise maximum.
#include <cstdint>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/solver/wind_field.hpp"

namespace taifeng::solver {

// Number of evaluations in the interval (times[k-1], times[k]] (1 for k = 0).
int substeps(const Track& track, const std::vector<TimePoint>& times, std::size_t k);

// Fields for output indices [k0, k1): hourly[(k-k0)*grid.size() + idx] is the wind
// speed at times[k]; swath[idx] is raised to the maximum over every evaluation of those
// intervals (callers initialise it to 0).
void wind_hazard_range(const Track& track, const std::vector<TimePoint>& times, std::size_t k0,
                       std::size_t k1, const Grid& grid, const std::vector<std::uint8_t>& land_mask,
                       const WindOptions& opt, double* hourly, double* swath);

}  // namespace taifeng::solver
