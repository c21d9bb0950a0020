// Halo exchange: every inter-rank ghost (corners included) gets its neighbour's value,
// physical-boundary ghosts stay untouched. Run under mpirun with 1-4 ranks ("[mpi]").
#include <catch2/catch.hpp>
#include <vector>

#include "swe_test_util.hpp"
#include "taifeng/hpc/swe/halo_exchange.hpp"

using taifeng::hpc::swe::decompose;
using taifeng::hpc::swe::HaloExchange;
using taifeng::solver::swe::Patch;

namespace {
constexpr double untouched = -7.25;  // initial ghost value

// Interior = sign * cell_value(global index), ghosts = untouched.
std::vector<double> make_array(const Patch& p, double sign) {
  std::vector<double> a(p.size(), untouched);
  for (long j = 0; j < p.ny; ++j)
    for (long i = 0; i < p.nx; ++i)
      a[p.idx(i, j)] = sign * swe_test::cell_value(p.i0 + i, p.j0 + j);
  return a;
}

// Cells of `a` that differ from the expectation after an exchange; `interior_sign` is the
// sign of the interior now (the ghosts must hold `sign` values sent at begin()).
long wrong_cells(const Patch& p, const std::vector<double>& a, double sign, double interior_sign) {
  long bad = 0;
  for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
    for (long i = -p.ghost; i < p.nx + p.ghost; ++i) {
      const long gi = p.i0 + i, gj = p.j0 + j;
      const bool interior = i >= 0 && i < p.nx && j >= 0 && j < p.ny;
      const bool inside = gi >= 0 && gi < p.gnx && gj >= 0 && gj < p.gny;
      const double expected = interior ? interior_sign * swe_test::cell_value(gi, gj)
                              : inside ? sign * swe_test::cell_value(gi, gj)
                                       : untouched;
      bad += a[p.idx(i, j)] != expected;
    }
  return bad;
}

struct Grid {
  long gnx, gny;
};
}  // namespace

TEST_CASE("halo exchange fills inter-rank ghosts and corners, not physical ghosts",
          "[swe][halo][mpi]") {
  const int size = swe_test::world_size(), rank = swe_test::world_rank();
  for (const Grid g : {Grid{13, 9}, Grid{7, 20}, Grid{16, 16}, Grid{40, 6}})
    for (long ghost : {1L, 2L, 3L}) {
      INFO("grid " << g.gnx << " x " << g.gny << ", ghost " << ghost << ", rank " << rank << "/"
                   << size);
      const auto d = decompose(g.gnx, g.gny, size, rank, ghost);
      HaloExchange hx(d, MPI_COMM_WORLD);
      auto a = make_array(d.patch, 1.0), b = make_array(d.patch, -1.0);
      std::vector<double*> arrays{a.data(), b.data()};
      hx.exchange(arrays);
      const long bad = wrong_cells(d.patch, a, 1.0, 1.0) + wrong_cells(d.patch, b, -1.0, -1.0);
      CHECK(bad == 0);
      REQUIRE(swe_test::all_ranks(bad == 0));
      // The same object again, with one array: still right, nothing stale.
      auto c = make_array(d.patch, 2.0);
      std::vector<double*> one{c.data()};
      hx.exchange(one);
      CHECK(wrong_cells(d.patch, c, 2.0, 2.0) == 0);
    }
}

TEST_CASE("halo exchange sends the values of begin(): the interior may change before finish()",
          "[swe][halo][mpi]") {
  const int size = swe_test::world_size(), rank = swe_test::world_rank();
  const auto d = decompose(16, 12, size, rank, 2);
  HaloExchange hx(d, MPI_COMM_WORLD);
  auto a = make_array(d.patch, 1.0);
  std::vector<double*> arrays{a.data()};
  hx.begin(arrays);
  REQUIRE(hx.pending());
  // Overlapped "work": overwrite the whole interior with the next state.
  const auto& p = d.patch;
  for (long j = 0; j < p.ny; ++j)
    for (long i = 0; i < p.nx; ++i) a[p.idx(i, j)] = 3.0 * swe_test::cell_value(p.i0 + i, p.j0 + j);
  hx.finish();
  CHECK_FALSE(hx.pending());
  const long bad = wrong_cells(p, a, 1.0, 3.0);
  CHECK(bad == 0);
  REQUIRE(swe_test::all_ranks(bad == 0));
}

TEST_CASE("halo exchange misuse is an internal error", "[swe][halo]") {
  const auto d = decompose(8, 8, 1, 0, 2);
  HaloExchange hx(d, MPI_COMM_SELF);
  CHECK_THROWS_WITH(hx.finish(), Catch::Contains("without begin()"));
  std::vector<double> a(d.patch.size());
  std::vector<double*> arrays{a.data()};
  hx.begin(arrays);
  CHECK_THROWS_WITH(hx.begin(arrays), Catch::Contains("begun twice"));
  hx.finish();
  // A decomposition for another communicator size.
  const auto d2 = decompose(8, 8, 2, 1, 2);
  CHECK_THROWS_WITH(HaloExchange(d2, MPI_COMM_SELF), Catch::Contains("differs from the decomp"));
}
