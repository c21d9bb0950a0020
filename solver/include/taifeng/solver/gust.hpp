#pragma once
// Peak 3-s gust from a sustained (mean) 10 m wind: gust = G × sustained, with the gust factor
// G of WMO/TD-No. 1555, Harper, Kepert & Ginger (2010), "Guidelines for converting between
// various wind averaging periods in tropical cyclone conditions": its recommended gust
// factors G(T0, 3 s), the expected highest 3-s gust within a reference period T0 relative to
// the mean over T0, for four exposures (10 m height):
//
//   exposure                                      T0 = 1 min   2 min   10 min
//   in-land   (roughly open terrain)                     1.49    1.55     1.66
//   off-land  (offshore wind at a coastline)             1.36    1.42     1.52
//   off-sea   (onshore wind at a coastline)              1.23    1.28     1.38
//   at-sea    (> 20 km offshore)                         1.11    1.15     1.23
//
// (the same 1/2/10-min values appear in an independent public transcription of the table;
// the 1-h column is not used here). The grid-point convenience gust_factor(averaging,
// over_land) uses "at-sea" over water and "in-land (roughly open terrain)" over land: a land
// grid point is inland terrain, while "off-land" in the WMO table means an offshore wind
// measured at the coast. Callers that want coastal exposures pass a GustExposure. The CMA
// typhoon signals state gust criteria in Beaufort terms (gust >= Beaufort 8 / 10 / 12 / 14),
// which the gust field serves.
#include <cstdint>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/core/track.hpp"

namespace taifeng::solver {

enum class GustExposure { at_sea, off_sea, off_land, in_land };

// G for the 3-s gust relative to a sustained wind averaged over `sustained`.
double gust_factor(WindAveraging sustained, GustExposure exposure);
// Grid-point form: at-sea over water, in-land (roughly open terrain) over land.
double gust_factor(WindAveraging sustained, bool over_land);

// gust[p] = sustained[p] × gust_factor(averaging, land_mask[p]) for every grid point;
// land_mask empty (all water) or one byte per point (1 = land). gust may equal sustained
// (in place). OpenMP over rows.
void gust_speed_field(const Grid& grid, const std::vector<std::uint8_t>& land_mask,
                      WindAveraging averaging, const double* sustained, double* gust);

}  // namespace taifeng::solver
