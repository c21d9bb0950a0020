#pragma once
// `taifeng swe CONFIG [--json] [--restart FILE] [--out DIR]`: one standalone shallow-water
// scenario (configs/README.md, "taifeng swe"), on any number of MPI ranks. Registered by
// main.cpp; the work is hpc::swe::run_swe.
#include <CLI/CLI.hpp>

#include "taifeng/hpc/mpi_runtime.hpp"

namespace taifeng::app {

CLI::App* add_swe_command(CLI::App& app);
// After a successful parse; collective over all ranks (rank 0 prints).
int run_swe_command(const hpc::MpiSession& mpi);

}  // namespace taifeng::app
