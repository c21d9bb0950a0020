#pragma once
// Relief (elevation above sea level, negative = ocean depth) sampled from a global
// lat/lon NetCDF grid such as ETOPO5 (Debian ferret-datasets: etopo5.cdf, variable ROSE),
// and the land mask derived from it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/core/field.hpp"

namespace taifeng::forcing {

// Nearest-neighbour sample of 2-D variable `variable` (dimensions latitude, longitude;
// coordinate variables named like the dimensions, units degrees_north/east; longitudes
// 0..360 or -180..180, wrapping across the seam; latitude in either order) onto `grid`.
// Units must be metres. Fill values become NaN. Input errors name the file and variable.
Field read_relief(const std::filesystem::path& file, const std::string& variable, const Grid& grid);

// 1 where relief > threshold_m (NaN counts as sea).
std::vector<std::uint8_t> land_mask_from_relief(const Field& relief, double threshold_m = 0.0);

}  // namespace taifeng::forcing
