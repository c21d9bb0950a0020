#pragma once
// The warnings stage's hazard read back from a cycle's CF NetCDF files (the wind file
// wind_<storm>_<YYYYMMDDHH>.nc and, optionally, the surge file surge_<…>.nc), so that
// `taifeng warn` decides from exactly the numbers the cycle wrote.
#include <filesystem>
#include <vector>

#include "taifeng/warnings/hazard.hpp"
#include "taifeng/warnings/signals.hpp"

namespace taifeng::hpc {

// Input error naming the file and variable if one is missing (e.g. a file written by an
// older taifeng, or by another program); the signal rules name the prob_signal_<level>
// variables needed.
warnings::HazardProducts read_hazard_netcdf(const std::filesystem::path& wind_nc,
                                            const std::filesystem::path& surge_nc,
                                            const std::vector<warnings::SignalRule>& rules);

}  // namespace taifeng::hpc
