#pragma once
// One rank's rectangular block of a global regular grid of cells, with ghost cells: the
// storage contract shared by the shallow-water kernels (solver/swe) and the MPI
// decomposition, halo exchange and checkpoints (hpc/swe). Grid, decomposition and data are
// separate types (as in AMReX): a Patch says where a block lies and how its arrays are laid
// out; the data are plain std::vector<double> (structure of arrays: one array per quantity).
//
// Layout: row-major, x (i, east) fastest; local interior cells i = 0..nx-1, j = 0..ny-1;
// ghost cells i = -ghost..-1 and nx..nx+ghost-1 (same for j). Global interior index of local
// (i, j) is (i0 + i, j0 + j). Every array of a patch has size() elements.
#include <cstddef>

namespace taifeng::solver::swe {

struct Patch {
  long gnx = 0, gny = 0;  // global interior cells
  long i0 = 0, j0 = 0;    // global index of the first local interior cell
  long nx = 0, ny = 0;    // local interior cells
  long ghost = 2;         // ghost layers (2 for a limited second-order reconstruction)

  long stride() const { return nx + 2 * ghost; }
  long rows() const { return ny + 2 * ghost; }
  std::size_t size() const { return std::size_t(stride() * rows()); }
  // Array index of local cell (i, j); i in [-ghost, nx + ghost), j in [-ghost, ny + ghost).
  std::size_t idx(long i, long j) const { return std::size_t((j + ghost) * stride() + i + ghost); }

  // Does the block touch the global boundary on that side? (Physical boundary conditions
  // fill those ghosts; the halo exchange fills the others.)
  bool at_west() const { return i0 == 0; }
  bool at_east() const { return i0 + nx == gnx; }
  bool at_south() const { return j0 == 0; }
  bool at_north() const { return j0 + ny == gny; }
};

// The whole grid as one block (one rank).
inline Patch whole_patch(long gnx, long gny, long ghost = 2) {
  return Patch{gnx, gny, 0, 0, gnx, gny, ghost};
}

}  // namespace taifeng::solver::swe
