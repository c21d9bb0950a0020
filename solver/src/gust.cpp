#include "taifeng/solver/gust.hpp"

#include "taifeng/core/error.hpp"

namespace taifeng::solver {

namespace {

// WMO/TD-No. 1555 Table 1.1, 3-s gust factors by exposure (rows in GustExposure order) and
// reference period (columns: 1, 2, 10 min).
constexpr double table_3s[4][3] = {
    {1.11, 1.15, 1.23},  // at-sea
    {1.23, 1.28, 1.38},  // off-sea
    {1.36, 1.42, 1.52},  // off-land
    {1.49, 1.55, 1.66},  // in-land (roughly open terrain)
};

int column(WindAveraging a) {
  switch (a) {
    case WindAveraging::one_minute:
      return 0;
    case WindAveraging::two_minute:
      return 1;
    case WindAveraging::ten_minute:
      return 2;
  }
  throw_internal_error("gust_factor", "unknown averaging period");
}

}  // namespace

double gust_factor(WindAveraging sustained, GustExposure exposure) {
  return table_3s[int(exposure)][column(sustained)];
}

double gust_factor(WindAveraging sustained, bool over_land) {
  return gust_factor(sustained, over_land ? GustExposure::in_land : GustExposure::at_sea);
}

void gust_speed_field(const Grid& grid, const std::vector<std::uint8_t>& land_mask,
                      WindAveraging averaging, const double* sustained, double* gust) {
  TAIFENG_CHECK(land_mask.empty() || land_mask.size() == grid.size(), "land mask size");
  const double g_sea = gust_factor(averaging, false), g_land = gust_factor(averaging, true);
  const long nlat = long(grid.nlat);
  const std::size_t nlon = grid.nlon;
#pragma omp parallel for schedule(static) if (grid.size() >= 16384)
  for (long j = 0; j < nlat; ++j) {
    const std::size_t row = std::size_t(j) * nlon;
    for (std::size_t i = 0; i < nlon; ++i) {
      const std::size_t p = row + i;
      const bool land = !land_mask.empty() && land_mask[p];
      gust[p] = sustained[p] * (land ? g_land : g_sea);
    }
  }
}

}  // namespace taifeng::solver
