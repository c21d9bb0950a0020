// The pieces together: a stand-in explicit kernel that needs two ghost layers and corners,
// stepped with overlapped halo exchange, gives bitwise the same field on any number of ranks
// as on one block, and a checkpoint/restart half-way changes no bit.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <vector>

#include "swe_test_util.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/hpc/swe/checkpoint.hpp"
#include "taifeng/hpc/swe/gather.hpp"
#include "taifeng/hpc/swe/halo_exchange.hpp"

using namespace taifeng::hpc::swe;
using taifeng::solver::swe::Patch;

namespace {
constexpr long gnx = 23, gny = 17, ghost = 2, n_steps = 24;
constexpr double dt = 0.1;

// Radius-2 stencil with diagonal terms (reads every ghost layer and the corners).
double kernel(const Patch& p, const std::vector<double>& u, long i, long j) {
  const auto at = [&](long di, long dj) { return u[p.idx(i + di, j + dj)]; };
  const double c = at(0, 0);
  const double edge = at(-1, 0) + at(1, 0) + at(0, -1) + at(0, 1) - 4 * c;
  const double diag = at(-1, -1) + at(1, 1) + at(-1, 1) + at(1, -1) - 4 * c;
  const double far = at(-2, 0) + at(2, 0) + at(0, -2) + at(0, 2) - 4 * c;
  const double advect = 0.3 * (at(-1, 0) - c) + 0.2 * (at(-1, -1) - c);  // upwind from SW
  return c + 0.08 * edge + 0.03 * diag - 0.01 * far + advect + 0.001 * c * c;
}

// Zero-gradient physical boundaries: x sides over all rows first, then y sides over all
// columns, so corner ghosts agree with a one-block run.
void boundary_conditions(const Patch& p, std::vector<double>& u) {
  for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
    for (long k = 1; k <= p.ghost; ++k) {
      if (p.at_west()) u[p.idx(-k, j)] = u[p.idx(k - 1, j)];
      if (p.at_east()) u[p.idx(p.nx - 1 + k, j)] = u[p.idx(p.nx - k, j)];
    }
  for (long i = -p.ghost; i < p.nx + p.ghost; ++i)
    for (long k = 1; k <= p.ghost; ++k) {
      if (p.at_south()) u[p.idx(i, -k)] = u[p.idx(i, k - 1)];
      if (p.at_north()) u[p.idx(i, p.ny - 1 + k)] = u[p.idx(i, p.ny - k)];
    }
}

struct Run {
  HaloExchange& hx;
  std::vector<double> u, next;
  long step = 0;
  double time = 0;

  void advance() {
    const Patch& p = hx.patch();
    std::vector<double*> arrays{u.data()};
    hx.begin(arrays);
    // Overlap: cells at distance >= ghost from the block edges need no ghost cell.
    for (long j = p.ghost; j < p.ny - p.ghost; ++j)
      for (long i = p.ghost; i < p.nx - p.ghost; ++i) next[p.idx(i, j)] = kernel(p, u, i, j);
    hx.finish();
    boundary_conditions(p, u);
    for (long j = 0; j < p.ny; ++j)
      for (long i = 0; i < p.nx; ++i) {
        const bool deep = i >= p.ghost && i < p.nx - p.ghost && j >= p.ghost && j < p.ny - p.ghost;
        if (!deep) next[p.idx(i, j)] = kernel(p, u, i, j);
      }
    u.swap(next);
    ++step, time += dt;
  }
};

std::vector<double> initial_state() {
  std::vector<double> g(std::size_t(gnx * gny));
  for (long j = 0; j < gny; ++j)
    for (long i = 0; i < gnx; ++i)
      g[std::size_t(j * gnx + i)] = std::sin(0.37 * double(i)) * std::cos(0.23 * double(j)) +
                                    1e-3 * double((i * 7919 + j * 104729) % 1000);
  return g;
}

// Runs n_steps on one block over MPI_COMM_SELF (rank 0 only): the reference.
std::vector<double> one_block_run() {
  const auto d = decompose(gnx, gny, 1, 0, ghost);
  HaloExchange hx(d, MPI_COMM_SELF);
  Run run{hx, std::vector<double>(d.patch.size(), 0.0), std::vector<double>(d.patch.size(), 0.0)};
  scatter_from_root(d.patch, initial_state(), run.u, MPI_COMM_SELF);
  while (run.step < n_steps) run.advance();
  return gather_to_root(d.patch, run.u, MPI_COMM_SELF);
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
}  // namespace

TEST_CASE("stepping with halo exchange is bitwise independent of the rank count",
          "[swe][e2e][mpi]") {
  const int size = swe_test::world_size(), rank = swe_test::world_rank();
  const auto d = decompose(gnx, gny, size, rank, ghost);
  HaloExchange hx(d, MPI_COMM_WORLD);
  Run run{hx, std::vector<double>(d.patch.size(), 0.0), std::vector<double>(d.patch.size(), 0.0)};
  const auto init = rank == 0 ? initial_state() : std::vector<double>{};
  scatter_from_root(d.patch, init, run.u);
  while (run.step < n_steps) run.advance();
  const auto result = gather_to_root(d.patch, run.u);
  if (rank == 0) {
    const auto reference = one_block_run();
    CHECK(same_bits(result, reference));
    CHECK_FALSE(same_bits(result, init));  // the kernel did change the field
    for (double v : result) REQUIRE(std::isfinite(v));
  }
}

TEST_CASE("checkpoint and restart half-way is bitwise identical to the uninterrupted run",
          "[swe][e2e][checkpoint][mpi]") {
  const int size = swe_test::world_size(), rank = swe_test::world_rank();
  const auto dir = swe_test::scratch("restart_np" + std::to_string(size));
  const std::string path = (dir / "half.h5").string();
  const auto d = decompose(gnx, gny, size, rank, ghost);
  const Patch& p = d.patch;
  HaloExchange hx(d, MPI_COMM_WORLD);
  const auto init = rank == 0 ? initial_state() : std::vector<double>{};

  Run whole{hx, std::vector<double>(p.size(), 0.0), std::vector<double>(p.size(), 0.0)};
  scatter_from_root(p, init, whole.u);
  while (whole.step < n_steps) whole.advance();

  Run first{hx, std::vector<double>(p.size(), 0.0), std::vector<double>(p.size(), 0.0)};
  scatter_from_root(p, init, first.u);
  while (first.step < n_steps / 2) first.advance();
  const CheckpointMeta meta{first.step, first.time, dt, gnx, gny, "stand-in kernel v1"};
  save_checkpoint(path, meta, p, {{"u", &first.u}});

  // Fresh arrays full of garbage: only what the checkpoint holds may matter.
  Run second{hx, std::vector<double>(p.size(), std::nan("")), std::vector<double>(p.size(), 0.0)};
  const auto back = load_checkpoint(path, p, {{"u", &second.u}});
  CHECK(back.step == n_steps / 2);
  CHECK(std::memcmp(&back.time_s, &first.time, sizeof(double)) == 0);
  CHECK(back.dt_next_s == dt);
  CHECK(back.config_hash == "stand-in kernel v1");
  second.step = back.step, second.time = back.time_s;
  while (second.step < n_steps) second.advance();

  const auto a = gather_to_root(p, whole.u), b = gather_to_root(p, second.u);
  if (rank == 0) CHECK(same_bits(a, b));
  CHECK(std::memcmp(&second.time, &whole.time, sizeof(double)) == 0);
}

TEST_CASE("a checkpoint error on rank 0 is thrown on every rank", "[swe][checkpoint][mpi]") {
  const int size = swe_test::world_size(), rank = swe_test::world_rank();
  const auto dir = swe_test::scratch("collective_errors_np" + std::to_string(size));
  const auto d = decompose(gnx, gny, size, rank, ghost);
  std::vector<double> u(d.patch.size(), 1.0);
  const std::string missing = (dir / "absent.h5").string();
  try {
    load_checkpoint(missing, d.patch, {{"u", &u}});
    FAIL("no error");
  } catch (const taifeng::Error& e) {
    CHECK(e.kind() == taifeng::ErrorKind::input);
    CHECK(std::string(e.what()) == missing + ": checkpoint file not found");
    CHECK(e.where() == missing);
  }
  const std::string unwritable = (dir / "no_such_dir" / "x.h5").string();
  CHECK_THROWS_WITH(
      save_checkpoint(unwritable, CheckpointMeta{0, 0, dt, gnx, gny, ""}, d.patch, {{"u", &u}}),
      Catch::StartsWith(unwritable + ": cannot write checkpoint"));
  // Wrong grid: the run's patch says 23 x 17, the file another size.
  const std::string path = (dir / "small.h5").string();
  const auto small = decompose(gnx - 1, gny, size, rank, ghost);
  std::vector<double> s(small.patch.size(), 2.0);
  save_checkpoint(path, CheckpointMeta{0, 0, dt, gnx - 1, gny, ""}, small.patch, {{"u", &s}});
  CHECK_THROWS_WITH(load_checkpoint(path, d.patch, {{"u", &u}}),
                    path + ": grid 22 x 17 cells differs from the run's 23 x 17");
}
