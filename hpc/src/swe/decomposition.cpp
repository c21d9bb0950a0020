#include "taifeng/hpc/swe/decomposition.hpp"

#include <algorithm>
#include <string>

#include "taifeng/core/error.hpp"
#include "taifeng/hpc/mpi_runtime.hpp"

namespace taifeng::hpc::swe {

namespace {
const char* const where_decomp = "swe decomposition";

std::string grid_text(long gnx, long gny) {
  return std::to_string(gnx) + " x " + std::to_string(gny) + " cells";
}
}  // namespace

int Decomposition::neighbour(int dx, int dy) const {
  const int x = bx + dx, y = by + dy;
  if (x < 0 || x >= px || y < 0 || y >= py) return -1;
  return y * px + x;
}

std::pair<int, int> process_grid(long gnx, long gny, int nranks, long ghost) {
  if (gnx < 1 || gny < 1)
    throw_input_error(where_decomp, "the grid needs at least one cell, got " + grid_text(gnx, gny));
  if (nranks < 1)
    throw_input_error(where_decomp, "need at least one rank, got " + std::to_string(nranks));
  if (ghost < 0)
    throw_input_error(where_decomp, "ghost width must be >= 0, got " + std::to_string(ghost));
  // A ghost strip must come from the next block alone, so blocks are >= ghost wide.
  const long min_width = std::max(ghost, 1L);
  std::pair<int, int> best{0, 0};
  long best_cost = 0;
  for (int px = 1; px <= nranks; ++px) {
    if (nranks % px != 0) continue;
    const int py = nranks / px;
    if (gnx / px < min_width || gny / py < min_width) continue;
    const long cost = (px - 1) * gny + (py - 1) * gnx;
    if (best.first == 0 || cost < best_cost) best = {px, py}, best_cost = cost;
  }
  if (best.first == 0)
    throw_input_error(where_decomp, "cannot split " + grid_text(gnx, gny) + " over " +
                                        std::to_string(nranks) + " ranks into blocks at least " +
                                        std::to_string(min_width) +
                                        " cells wide (the ghost width)");
  return best;
}

Decomposition decompose(long gnx, long gny, int nranks, int rank, long ghost) {
  const auto [px, py] = process_grid(gnx, gny, nranks, ghost);
  if (rank < 0 || rank >= nranks)
    throw_input_error(where_decomp, "rank " + std::to_string(rank) + " outside [0, " +
                                        std::to_string(nranks) + ")");
  Decomposition d;
  d.gnx = gnx, d.gny = gny, d.nranks = nranks, d.rank = rank;
  d.px = px, d.py = py, d.bx = rank % px, d.by = rank / px;
  const auto [ib, ie] = block_range(std::size_t(gnx), d.bx, px);
  const auto [jb, je] = block_range(std::size_t(gny), d.by, py);
  d.patch = solver::swe::Patch{gnx, gny, long(ib), long(jb), long(ie - ib), long(je - jb), ghost};
  d.west = d.neighbour(-1, 0), d.east = d.neighbour(1, 0);
  d.south = d.neighbour(0, -1), d.north = d.neighbour(0, 1);
  return d;
}

}  // namespace taifeng::hpc::swe
