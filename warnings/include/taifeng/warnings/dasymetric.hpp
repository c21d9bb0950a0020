#pragma once
// Dasymetric population grid: each unit's census total spread over the grid points inside
// its polygons with an ancillary weight, then rounded to whole people by the largest
// remainder, so the grid sums exactly to the census, unit by unit.
//
// Ancillary weight (taifeng's choice, documented in configs/README.md): relief above sea level
// marks land, and people live low: w = exp(−elevation / elevation_scale_m) on land points,
// 0 at sea. A unit with no land point inside (islands smaller than a grid cell) spreads over
// all its points; a unit with no point inside at all puts everyone on the grid point nearest
// its seat of government. A point inside two units (shared edges) belongs to the first.
// Plain kernel, no I/O.
#include <cstdint>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/warnings/registry.hpp"

namespace taifeng::warnings {

struct DasymetricOptions {
  double elevation_scale_m = 400.0;
};

struct PopulationGrid {
  Grid grid;
  std::vector<std::int64_t> people;  // grid.size(), whole people
  std::vector<int> unit;             // grid.size(): index into the units, −1 outside all
};

// relief_m: grid.size() values (m above sea level, NaN = unknown, treated as sea). Units'
// populations must be whole numbers ≥ 0 (census counts).
PopulationGrid dasymetric_population(const std::vector<AdminUnit>& units, const Grid& grid,
                                     const std::vector<double>& relief_m,
                                     const DasymetricOptions& opt = {});

// Grid over the units' bounding box, edges on multiples of the resolution (degrees).
Grid units_bounding_grid(const std::vector<AdminUnit>& units, double resolution_deg);

}  // namespace taifeng::warnings
