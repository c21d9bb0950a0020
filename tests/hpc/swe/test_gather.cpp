// gather_to_root / scatter_from_root between the ranks' patches and one global array.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <vector>

#include "swe_test_util.hpp"
#include "taifeng/hpc/swe/decomposition.hpp"
#include "taifeng/hpc/swe/gather.hpp"

using taifeng::hpc::swe::decompose;
using taifeng::hpc::swe::gather_to_root;
using taifeng::hpc::swe::scatter_from_root;

TEST_CASE("gather and scatter round trip the global array bitwise", "[swe][gather][mpi]") {
  const int size = swe_test::world_size(), rank = swe_test::world_rank();
  for (const auto& [gnx, gny] : {std::pair{13L, 9L}, std::pair{7L, 20L}, std::pair{40L, 6L}}) {
    INFO("grid " << gnx << " x " << gny << ", rank " << rank << "/" << size);
    const auto d = decompose(gnx, gny, size, rank, 2);
    const auto& p = d.patch;
    // Global field with values that need every bit (and a NaN payload, -0.0).
    std::vector<double> global;
    if (rank == 0) {
      global.resize(std::size_t(gnx * gny));
      for (std::size_t k = 0; k < global.size(); ++k) global[k] = std::sin(double(k)) / 3.0;
      global[1] = -0.0;
      global[2] = std::nan("0x5a5a");
    }
    std::vector<double> local(p.size(), 42.0);
    scatter_from_root(p, global, local);
    long bad = 0;
    for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
      for (long i = -p.ghost; i < p.nx + p.ghost; ++i) {
        const bool interior = i >= 0 && i < p.nx && j >= 0 && j < p.ny;
        const std::size_t k = std::size_t((p.j0 + j) * gnx + p.i0 + i);
        const double expected = interior ? std::sin(double(k)) / 3.0 : 42.0;
        if (!interior || k > 2) bad += local[p.idx(i, j)] != expected;  // ghosts untouched
      }
    CHECK(bad == 0);
    const auto back = gather_to_root(p, local);
    if (rank == 0) {
      REQUIRE(back.size() == global.size());
      CHECK(std::memcmp(back.data(), global.data(), global.size() * sizeof(double)) == 0);
    } else {
      CHECK(back.empty());
    }
  }
}
