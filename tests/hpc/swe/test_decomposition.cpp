// 2-D block decomposition: a pure function, tested over many grids and rank counts.
#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/hpc/swe/decomposition.hpp"

using taifeng::hpc::swe::decompose;
using taifeng::hpc::swe::Decomposition;
using taifeng::hpc::swe::process_grid;

namespace {
// Smallest cut length over all qualifying process grids, or -1 if none qualifies.
long brute_force_min_cut(long gnx, long gny, int p, long ghost) {
  long best = -1;
  for (int px = 1; px <= p; ++px) {
    if (p % px) continue;
    const int py = p / px;
    if (gnx / px < std::max(ghost, 1L) || gny / py < std::max(ghost, 1L)) continue;
    const long cost = (px - 1) * gny + (py - 1) * gnx;
    if (best < 0 || cost < best) best = cost;
  }
  return best;
}

void check_decomposition(long gnx, long gny, int p, long ghost) {
  INFO("grid " << gnx << " x " << gny << ", " << p << " ranks, ghost " << ghost);
  std::vector<Decomposition> d;
  for (int r = 0; r < p; ++r) d.push_back(decompose(gnx, gny, p, r, ghost));
  const auto [px, py] = process_grid(gnx, gny, p, ghost);
  REQUIRE(px * py == p);
  REQUIRE((px - 1) * gny + (py - 1) * gnx == brute_force_min_cut(gnx, gny, p, ghost));
  std::vector<int> covered(std::size_t(gnx * gny), 0);
  long min_nx = gnx, max_nx = 0, min_ny = gny, max_ny = 0;
  for (int r = 0; r < p; ++r) {
    const auto& q = d[std::size_t(r)].patch;
    REQUIRE(d[std::size_t(r)].px == px);
    REQUIRE(d[std::size_t(r)].py == py);
    REQUIRE(q.gnx == gnx);
    REQUIRE(q.gny == gny);
    REQUIRE(q.ghost == ghost);
    REQUIRE(q.nx >= std::max(ghost, 1L));
    REQUIRE(q.ny >= std::max(ghost, 1L));
    min_nx = std::min(min_nx, q.nx), max_nx = std::max(max_nx, q.nx);
    min_ny = std::min(min_ny, q.ny), max_ny = std::max(max_ny, q.ny);
    for (long j = 0; j < q.ny; ++j)
      for (long i = 0; i < q.nx; ++i) ++covered[std::size_t((q.j0 + j) * gnx + q.i0 + i)];
    // Neighbours: symmetric, present exactly where the block does not touch the boundary.
    const auto& me = d[std::size_t(r)];
    REQUIRE((me.west < 0) == q.at_west());
    REQUIRE((me.east < 0) == q.at_east());
    REQUIRE((me.south < 0) == q.at_south());
    REQUIRE((me.north < 0) == q.at_north());
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int nb = me.neighbour(dx, dy);
        if (nb < 0) continue;
        const auto& other = d[std::size_t(nb)];
        REQUIRE(other.neighbour(-dx, -dy) == r);
        // Touching blocks: the neighbour starts where this block ends (or vice versa).
        if (dx == 1) REQUIRE(other.patch.i0 == q.i0 + q.nx);
        if (dx == -1) REQUIRE(other.patch.i0 + other.patch.nx == q.i0);
        if (dx == 0) REQUIRE((other.patch.i0 == q.i0 && other.patch.nx == q.nx));
        if (dy == 1) REQUIRE(other.patch.j0 == q.j0 + q.ny);
        if (dy == -1) REQUIRE(other.patch.j0 + other.patch.ny == q.j0);
        if (dy == 0) REQUIRE((other.patch.j0 == q.j0 && other.patch.ny == q.ny));
      }
    REQUIRE(me.west == me.neighbour(-1, 0));
    REQUIRE(me.east == me.neighbour(1, 0));
    REQUIRE(me.south == me.neighbour(0, -1));
    REQUIRE(me.north == me.neighbour(0, 1));
  }
  REQUIRE(std::all_of(covered.begin(), covered.end(), [](int c) { return c == 1; }));
  REQUIRE(max_nx - min_nx <= 1);
  REQUIRE(max_ny - min_ny <= 1);
}
}  // namespace

TEST_CASE("decomposition tiles the grid once with balanced blocks and symmetric neighbours",
          "[swe][decomposition]") {
  int checked = 0, rejected = 0;
  for (long gnx : {1L, 2L, 3L, 5L, 8L, 13L, 31L, 64L, 100L})
    for (long gny : {1L, 2L, 4L, 7L, 16L, 33L, 90L})
      for (int p = 1; p <= 12; ++p)
        for (long ghost : {0L, 1L, 2L, 3L}) {
          if (brute_force_min_cut(gnx, gny, p, ghost) < 0) {
            REQUIRE_THROWS_AS(decompose(gnx, gny, p, 0, ghost), taifeng::Error);
            ++rejected;
            continue;
          }
          check_decomposition(gnx, gny, p, ghost);
          ++checked;
        }
  CHECK(checked > 1000);
  CHECK(rejected > 100);
}

TEST_CASE("process grid follows the aspect ratio of the domain", "[swe][decomposition]") {
  CHECK(process_grid(1000, 10, 4, 2) == std::pair{4, 1});
  CHECK(process_grid(10, 1000, 4, 2) == std::pair{1, 4});
  CHECK(process_grid(100, 100, 4, 2) == std::pair{2, 2});
  CHECK(process_grid(200, 100, 8, 2) == std::pair{4, 2});
  CHECK(process_grid(100, 200, 8, 2) == std::pair{2, 4});
  CHECK(process_grid(100, 100, 7, 2) == std::pair{1, 7});  // prime: ties go to smaller px
  CHECK(process_grid(120, 90, 12, 2) == std::pair{4, 3});
}

TEST_CASE("decomposition: rank order is x fastest", "[swe][decomposition]") {
  const auto d = decompose(10, 15, 6, 4, 2);  // 2 x 3 blocks
  REQUIRE(d.px == 2);
  REQUIRE(d.py == 3);
  CHECK(d.bx == 0);
  CHECK(d.by == 2);
  CHECK(d.patch.i0 == 0);
  CHECK(d.patch.nx == 5);
  CHECK(d.patch.j0 == 10);
  CHECK(d.patch.ny == 5);
  CHECK(d.west == -1);
  CHECK(d.east == 5);
  CHECK(d.south == 2);
  CHECK(d.north == -1);
  CHECK(d.neighbour(1, -1) == 3);
}

TEST_CASE("decomposition rejects blocks narrower than the ghost width", "[swe][decomposition]") {
  try {
    decompose(3, 3, 4, 0, 2);
    FAIL("no error");
  } catch (const taifeng::Error& e) {
    CHECK(e.kind() == taifeng::ErrorKind::input);
    CHECK(e.exit_code() == 2);
    CHECK_THAT(e.what(), Catch::Contains("cannot split 3 x 3 cells over 4 ranks") &&
                             Catch::Contains("at least 2 cells wide"));
  }
  CHECK_THROWS_WITH(decompose(10, 10, 2, 2, 2), Catch::Contains("rank 2 outside [0, 2)"));
  CHECK_THROWS_WITH(decompose(0, 10, 1, 0, 2), Catch::Contains("at least one cell"));
  CHECK_THROWS_WITH(decompose(10, 10, 0, 0, 2), Catch::Contains("at least one rank"));
  CHECK_THROWS_WITH(decompose(10, 10, 1, 0, -1), Catch::Contains("ghost width must be >= 0"));
}
