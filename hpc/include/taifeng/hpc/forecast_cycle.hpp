#pragma once
// One forecast cycle, end to end: inputs -> track and intensity forecast -> hourly wind
// fields and swath (ranks share the output times) -> county exposure and signals ->
// CAP alerts + Atom feed, CF NetCDF, VTK, summaries and run.json (rank 0). Everything
// is staged in a temporary directory and published by one rename.
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/hpc/cycle_config.hpp"
#include "taifeng/hpc/mpi_runtime.hpp"

namespace taifeng::hpc {

struct CycleResult {
  std::filesystem::path output_dir;  // published folder (rank 0)
  double wall_s = 0;
  std::size_t n_alerts = 0;
};

CycleResult run_forecast_cycle(const CycleConfig& cfg, const ConfigReader& reader,
                               const MpiSession& mpi, const std::vector<std::string>& command);

}  // namespace taifeng::hpc
