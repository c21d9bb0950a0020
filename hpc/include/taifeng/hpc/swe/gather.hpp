#pragma once
// Moving whole fields between the ranks' patches and one global array on rank 0 (output,
// checkpoints). Global arrays hold the gnx * gny interior cells only, row-major, x fastest:
// element gj * gnx + gi. Both calls are collective over comm; patches need not come from a
// particular decomposition, only tile the grid exactly once.
#include <mpi.h>

#include <span>
#include <vector>

#include "taifeng/solver/swe/patch.hpp"

namespace taifeng::hpc::swe {

// The interiors of every rank's `local` (patch.size() doubles) assembled on rank 0; an
// empty vector on the other ranks.
std::vector<double> gather_to_root(const solver::swe::Patch& patch, std::span<const double> local,
                                   MPI_Comm comm = MPI_COMM_WORLD);

// The inverse: `global` (gnx * gny doubles) is read on rank 0 only and may be empty
// elsewhere; writes the interior of each rank's `local`, leaving its ghost cells untouched
// (exchange halos and apply boundary conditions afterwards).
void scatter_from_root(const solver::swe::Patch& patch, std::span<const double> global,
                       std::span<double> local, MPI_Comm comm = MPI_COMM_WORLD);

}  // namespace taifeng::hpc::swe
