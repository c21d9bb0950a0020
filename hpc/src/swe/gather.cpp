#include "taifeng/hpc/swe/gather.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <string>

#include "taifeng/core/error.hpp"

namespace taifeng::hpc::swe {

namespace {
using solver::swe::Patch;

// Every rank's block (i0, j0, nx, ny), on rank 0, checked to tile the grid by area and bounds.
std::vector<std::array<long, 4>> blocks_on_root(const Patch& p, MPI_Comm comm, int rank, int size) {
  const std::array<long, 4> mine{p.i0, p.j0, p.nx, p.ny};
  std::vector<std::array<long, 4>> all(rank == 0 ? std::size_t(size) : 0);
  MPI_Gather(mine.data(), 4, MPI_LONG, all.data(), 4, MPI_LONG, 0, comm);
  long area = 0;
  for (const auto& b : all) {
    TAIFENG_CHECK(b[0] >= 0 && b[1] >= 0 && b[2] >= 0 && b[3] >= 0 && b[0] + b[2] <= p.gnx &&
                      b[1] + b[3] <= p.gny,
                  "patch outside the global grid");
    area += b[2] * b[3];
  }
  TAIFENG_CHECK(rank != 0 || area == p.gnx * p.gny, "patches do not tile the global grid");
  return all;
}

struct Layout {  // MPI_Gatherv/Scatterv counts of the packed interiors, on rank 0
  std::vector<int> counts, displs;
};
Layout layout(const std::vector<std::array<long, 4>>& blocks) {
  Layout l;
  long off = 0;
  for (const auto& b : blocks) {
    TAIFENG_CHECK(off <= INT_MAX - b[2] * b[3], "global array too large for one MPI call");
    l.counts.push_back(int(b[2] * b[3]));
    l.displs.push_back(int(off));
    off += b[2] * b[3];
  }
  return l;
}
}  // namespace

std::vector<double> gather_to_root(const Patch& p, std::span<const double> local, MPI_Comm comm) {
  TAIFENG_CHECK(local.size() == p.size(), "local array size differs from the patch");
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const auto blocks = blocks_on_root(p, comm, rank, size);
  std::vector<double> packed(std::size_t(p.nx * p.ny));
  for (long j = 0; j < p.ny; ++j)
    std::copy_n(local.data() + p.idx(0, j), p.nx, packed.data() + j * p.nx);
  const Layout l = layout(blocks);
  std::vector<double> all(rank == 0 ? std::size_t(p.gnx * p.gny) : 0);
  MPI_Gatherv(packed.data(), int(packed.size()), MPI_DOUBLE, all.data(), l.counts.data(),
              l.displs.data(), MPI_DOUBLE, 0, comm);
  if (rank != 0) return {};
  std::vector<double> global(all.size());
  for (std::size_t r = 0; r < blocks.size(); ++r) {
    const auto [i0, j0, nx, ny] = blocks[r];
    const double* src = all.data() + l.displs[r];
    for (long j = 0; j < ny; ++j) std::copy_n(src + j * nx, nx, &global[(j0 + j) * p.gnx + i0]);
  }
  return global;
}

void scatter_from_root(const Patch& p, std::span<const double> global, std::span<double> local,
                       MPI_Comm comm) {
  TAIFENG_CHECK(local.size() == p.size(), "local array size differs from the patch");
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  TAIFENG_CHECK(rank != 0 || global.size() == std::size_t(p.gnx * p.gny),
                "global array size differs from the grid");
  const auto blocks = blocks_on_root(p, comm, rank, size);
  const Layout l = layout(blocks);
  std::vector<double> all;
  if (rank == 0) {
    all.resize(global.size());
    for (std::size_t r = 0; r < blocks.size(); ++r) {
      const auto [i0, j0, nx, ny] = blocks[r];
      double* dst = all.data() + l.displs[r];
      for (long j = 0; j < ny; ++j) std::copy_n(&global[(j0 + j) * p.gnx + i0], nx, dst + j * nx);
    }
  }
  std::vector<double> packed(std::size_t(p.nx * p.ny));
  MPI_Scatterv(all.data(), l.counts.data(), l.displs.data(), MPI_DOUBLE, packed.data(),
               int(packed.size()), MPI_DOUBLE, 0, comm);
  for (long j = 0; j < p.ny; ++j)
    std::copy_n(packed.data() + j * p.nx, p.nx, local.data() + p.idx(0, j));
}

}  // namespace taifeng::hpc::swe
