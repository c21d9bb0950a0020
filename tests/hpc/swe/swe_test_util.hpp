#pragma once
// Helpers shared by the hpc/swe tests.
#include <mpi.h>

#include <filesystem>
#include <string>

#include "taifeng/solver/swe/patch.hpp"

namespace swe_test {

inline int world_rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}
inline int world_size() {
  int s = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &s);
  return s;
}

// Value of global cell (gi, gj) in the exchange tests.
inline double cell_value(long gi, long gj) {
  return 1000.0 * double(gj) + double(gi);
}

// Scratch folder of this executable (made on rank 0; every rank waits for it).
inline std::filesystem::path scratch(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(TAIFENG_TEST_TMP) / name;
  if (world_rank() == 0) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  MPI_Barrier(MPI_COMM_WORLD);
  return dir;
}

// All ranks agree that `ok` holds on every rank (so one rank's failure fails them all
// instead of leaving the others in the next collective).
inline bool all_ranks(bool ok) {
  int mine = ok ? 1 : 0, all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return all == 1;
}

}  // namespace swe_test
