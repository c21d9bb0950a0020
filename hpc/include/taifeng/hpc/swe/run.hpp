#pragma once
// `taifeng swe`: one standalone shallow-water scenario on any number of MPI ranks (2-D
// block decomposition, explicit halo exchange each RK stage) and OpenMP threads. The
// result is bitwise the same for any rank and thread count, and a run restarted from a
// checkpoint ends bitwise equal to the uninterrupted run.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/hpc/mpi_runtime.hpp"
#include "taifeng/hpc/swe/scenario.hpp"

namespace taifeng::hpc::swe {

struct ErrorNorms {
  double l1 = 0, l2 = 0, linf = 0;  // of h against the analytic solution, over all cells
};

struct SweResult {
  long steps = 0;                 // full time steps (each is two RK stages)
  long cells = 0;                 // global interior cells
  double wall_s = 0;              // time stepping only (no output)
  double cell_updates_per_s = 0;  // cells x steps / wall_s
  double end_time_s = 0;
  double mass_rel_change = 0;  // (V_end - V_0) / V_0, V = sum h dx dy
  std::optional<ErrorNorms> errors;
  std::vector<std::string> outputs;  // files written, relative to the output folder
  std::filesystem::path output_dir;
  // Gathered final depth (rank 0), for tests.
  std::vector<double> h;
};

// restart: a checkpoint written by an earlier run of the same scenario (empty: start at 0).
SweResult run_swe(const Scenario& s, const MpiSession& mpi,
                  const std::filesystem::path& restart = {});

}  // namespace taifeng::hpc::swe
