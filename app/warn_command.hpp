#pragma once
// `taifeng warn CONFIG --wind FILE [--surge FILE] [--previous DIR] [--registry SOURCE] -o DIR`:
// the warnings stage alone, from a cycle's NetCDF files (hpc/warn_stage.hpp). Registered by
// main.cpp.
#include <CLI/CLI.hpp>

namespace taifeng::app {

CLI::App* add_warn_command(CLI::App& app);
int run_warn_command(const std::vector<std::string>& command);

}  // namespace taifeng::app
