#pragma once
// Logging through spdlog: human-readable lines on stderr. Only MPI rank 0 logs below
// warning level, so a 64-rank job does not print everything 64 times.
#include <spdlog/spdlog.h>

namespace taifeng {
enum class Verbosity { quiet, normal, verbose };
void init_logging(int mpi_rank, Verbosity v);
}  // namespace taifeng
