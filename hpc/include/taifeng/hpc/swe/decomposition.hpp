#pragma once
// 2-D block decomposition of a global grid of gnx x gny cells over P ranks: a px x py grid
// of blocks, rank = by * px + bx (x fastest, like the cell layout). A pure function of
// (gnx, gny, P, rank, ghost), so it is testable without MPI and every rank can compute any
// other rank's block.
#include <utility>

#include "taifeng/solver/swe/patch.hpp"

namespace taifeng::hpc::swe {

struct Decomposition {
  long gnx = 0, gny = 0;
  int nranks = 1, rank = 0;
  int px = 1, py = 1;  // blocks along x and y, px * py == nranks
  int bx = 0, by = 0;  // this rank's block coordinates
  solver::swe::Patch patch;
  // Edge neighbours, -1 at the physical boundary (no periodic wrap).
  int west = -1, east = -1, south = -1, north = -1;

  // Rank of the block at offset (dx, dy) in {-1, 0, 1}^2 from this one (diagonals
  // included), -1 outside the grid.
  int neighbour(int dx, int dy) const;
};

// Process grid (px, py) with px * py == nranks that minimises the total length of the cuts,
// (px - 1) * gny + (py - 1) * gnx (the halo volume), among the grids whose smallest block is
// at least max(ghost, 1) cells wide in both directions; ties go to the smaller px (longer,
// contiguous rows). Input error when no grid qualifies.
std::pair<int, int> process_grid(long gnx, long gny, int nranks, long ghost);

// The block of `rank`: sizes along each axis differ by at most one cell (the first blocks
// get the extra cells), blocks cover the grid exactly once.
Decomposition decompose(long gnx, long gny, int nranks, int rank, long ghost = 2);

}  // namespace taifeng::hpc::swe
