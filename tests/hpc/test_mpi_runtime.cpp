// Work decomposition used to share output times over MPI ranks.
#include <catch2/catch.hpp>

#include "taifeng/hpc/mpi_runtime.hpp"

using taifeng::hpc::block_range;

TEST_CASE("block_range partitions n items into contiguous, balanced blocks", "[hpc]") {
  for (std::size_t n : {0u, 1u, 7u, 121u, 1000u}) {
    for (int size : {1, 2, 3, 4, 7, 64}) {
      std::size_t expected_begin = 0, largest = 0, smallest = n + 1;
      for (int r = 0; r < size; ++r) {
        const auto [b, e] = block_range(n, r, size);
        REQUIRE(b == expected_begin);  // contiguous, in rank order
        REQUIRE(e >= b);
        largest = std::max(largest, e - b);
        smallest = std::min(smallest, e - b);
        expected_begin = e;
      }
      REQUIRE(expected_begin == n);      // covers everything
      REQUIRE(largest - smallest <= 1);  // balanced
    }
  }
  CHECK(block_range(121, 0, 2) == std::pair<std::size_t, std::size_t>{0, 61});
  CHECK(block_range(121, 1, 2) == std::pair<std::size_t, std::size_t>{61, 121});
}
