// Bitwise reproducibility: the same h, hu, hv for 1 and 2 OpenMP threads, and for the whole
// grid versus a 2 × 2 split into patches run concurrently (one std::thread per patch, as one
// MPI rank per patch would) with a hand-written halo exchange between the RK stages.
#include <omp.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <barrier>
#include <cmath>
#include <cstring>
#include <iostream>
#include <thread>
#include <vector>

#include "swe_test_util.hpp"

using namespace swe_test;

namespace {

// Odd sizes (uneven thread blocks and patches), large enough that the kernels do use threads
// (min_cells_for_threads).
constexpr long gnx = 151, gny = 109;
constexpr double dx = 1.0 / 151.0, dy = 1.0 / 151.0;
constexpr int n_steps = 25;

// Everything switched on: wet/dry dam break over an island, Coriolis, friction, wind and a
// moving pressure low field (fixed in time here), mixed boundaries.
struct Fields {
  double bed, h, u, v, u10, v10, p;
};
Fields fields(double x, double y) {
  const double r2 = (x - 0.4) * (x - 0.4) + (y - 0.35) * (y - 0.35);
  const double b = 0.8 * std::exp(-30.0 * r2) - 0.1 * y;
  const double eta = x < 0.25 ? 0.7 : 0.45;
  return {b,
          std::max(0.0, eta - b),
          0.1 * std::sin(7.0 * y),
          -0.05 * x,
          25.0 + 5.0 * y,
          -10.0 * x,
          100000.0 - 800.0 * std::exp(-10.0 * ((x - 0.6) * (x - 0.6) + (y - 0.5) * (y - 0.5)))};
}

Physics physics() {
  Physics ph;
  ph.f0 = 0.5;
  ph.beta = 0.3;
  ph.y_ref = 0.4;
  ph.manning_n = 0.03;
  ph.wind_min_depth = 0.05;
  ph.limiter = Limiter::mc;
  return ph;
}

Boundaries boundaries() {
  Boundaries bc;
  bc.west = {BcKind::level, 0.72};
  bc.east = {BcKind::outflow, 0.0};
  bc.south = {BcKind::wall, 0.0};
  bc.north = {BcKind::wall, 0.0};
  return bc;
}

// One patch with its own bed, forcing and state, initialised from fields() everywhere.
struct Block {
  Patch p;
  Geometry geo{dx, dy, 0.0, 0.0};
  std::vector<double> bed, u10, v10, pa;
  State s;
  Workspace w;
  Forcing forcing;
  explicit Block(Patch patch)
      : p(patch), bed(p.size()), u10(p.size()), v10(p.size()), pa(p.size()), s(p) {
    for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
      for (long i = -p.ghost; i < p.nx + p.ghost; ++i) {
        const Fields f = fields(geo.x(p, i), geo.y(p, j));
        const std::size_t k = p.idx(i, j);
        bed[k] = f.bed;
        s.h[k] = f.h;
        s.hu[k] = f.h * f.u;
        s.hv[k] = f.h * f.v;
        u10[k] = f.u10;
        v10[k] = f.v10;
        pa[k] = f.p;
      }
    fill_bed_ghosts(p, bed);
    forcing = {u10.data(), v10.data(), pa.data()};
  }
};

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

State run_whole(int threads, int order = 2) {
  omp_set_num_threads(threads);
  Block b(whole_patch(gnx, gny));
  Physics ph = physics();
  ph.order = order;
  const Boundaries bc = boundaries();
  const GhostFill fill = [&](State& st) { apply_physical_boundaries(b.p, st, b.bed, bc); };
  for (int k = 0; k < n_steps; ++k) {
    const double dt = max_stable_dt(b.p, b.geo, ph, b.s, 0.45);
    ssp_rk2_step(b.p, b.geo, ph, b.bed, b.forcing, b.s, b.w, dt, fill);
  }
  return b.s;
}

}  // namespace

TEST_CASE("results are bitwise independent of the OpenMP thread count", "[solver][swe][repro]") {
  static_assert(gnx * gny >= min_cells_for_threads);
  const int saved = omp_get_max_threads();
  for (const int order : {2, 1}) {  // MUSCL + SSP-RK2, and first order + forward Euler
    const State one = run_whole(1, order);
    const State two = run_whole(2, order);
    const State three = run_whole(3, order);
    INFO("order " << order);
    CHECK(same_bits(one.h, two.h));
    CHECK(same_bits(one.hu, two.hu));
    CHECK(same_bits(one.hv, two.hv));
    CHECK(same_bits(one.h, three.h));
    CHECK(same_bits(one.hv, three.hv));
  }
  omp_set_num_threads(saved);
}

TEST_CASE("a 2 x 2 patch split with a halo exchange gives bitwise the whole-grid result",
          "[solver][swe][repro]") {
  const int saved = omp_get_max_threads();
  const State whole = run_whole(2);

  // Uneven split: columns 0..66 | 67..150, rows 0..50 | 51..108.
  const long cut_i = 67, cut_j = 51;
  std::vector<Block> blocks;
  for (long pj = 0; pj < 2; ++pj)
    for (long pi = 0; pi < 2; ++pi) {
      const long i0 = pi == 0 ? 0 : cut_i, j0 = pj == 0 ? 0 : cut_j;
      const long nx = pi == 0 ? cut_i : gnx - cut_i, ny = pj == 0 ? cut_j : gny - cut_j;
      blocks.emplace_back(Patch{gnx, gny, i0, j0, nx, ny, 2});
    }
  const Physics ph = physics();
  const Boundaries bc = boundaries();
  // The state each patch is currently filling (s or its Heun stage), published for the
  // neighbours between two barriers: the fake halo exchange.
  std::vector<State*> current(blocks.size(), nullptr);
  std::barrier sync(std::ptrdiff_t(blocks.size()));
  auto owner = [&](long gi, long gj) {
    return std::size_t((gj < cut_j ? 0 : 2) + (gi < cut_i ? 0 : 1));
  };
  auto exchange = [&](std::size_t me, State& st) {
    current[me] = &st;
    sync.arrive_and_wait();  // every patch has finished writing this state
    const Patch& p = blocks[me].p;
    for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
      for (long i = -p.ghost; i < p.nx + p.ghost; ++i) {
        const bool interior = i >= 0 && i < p.nx && j >= 0 && j < p.ny;
        const long gi = p.i0 + i, gj = p.j0 + j;
        if (interior || gi < 0 || gi >= gnx || gj < 0 || gj >= gny) continue;
        const std::size_t o = owner(gi, gj);
        const Patch& q = blocks[o].p;
        const std::size_t from = q.idx(gi - q.i0, gj - q.j0), to = p.idx(i, j);
        st.h[to] = current[o]->h[from];
        st.hu[to] = current[o]->hu[from];
        st.hv[to] = current[o]->hv[from];
      }
    sync.arrive_and_wait();  // nobody overwrites a state a neighbour is still reading
    apply_physical_boundaries(p, st, blocks[me].bed, bc);
  };

  for (int k = 0; k < n_steps; ++k) {
    double dt = 1e300;  // global minimum, as MPI_Allreduce(MPI_MIN) would give
    for (const Block& b : blocks) dt = std::min(dt, max_stable_dt(b.p, b.geo, ph, b.s, 0.45));
    std::vector<std::thread> ranks;
    for (std::size_t m = 0; m < blocks.size(); ++m)
      ranks.emplace_back([&, m] {
        omp_set_num_threads(1);
        Block& b = blocks[m];
        const GhostFill fill = [&](State& st) { exchange(m, st); };
        ssp_rk2_step(b.p, b.geo, ph, b.bed, b.forcing, b.s, b.w, dt, fill);
      });
    for (std::thread& t : ranks) t.join();
  }
  omp_set_num_threads(saved);

  const Patch wp = whole_patch(gnx, gny);
  long differ = 0;
  double max_diff = 0.0;
  for (const Block& b : blocks)
    for (long j = 0; j < b.p.ny; ++j)
      for (long i = 0; i < b.p.nx; ++i) {
        const std::size_t kp = b.p.idx(i, j), kw = wp.idx(b.p.i0 + i, b.p.j0 + j);
        for (auto [x, y] : {std::pair{b.s.h[kp], whole.h[kw]}, std::pair{b.s.hu[kp], whole.hu[kw]},
                            std::pair{b.s.hv[kp], whole.hv[kw]}}) {
          differ += std::memcmp(&x, &y, sizeof x) != 0;
          max_diff = std::max(max_diff, std::fabs(x - y));
        }
      }
  std::cout << "patch split: " << differ << " of " << 3 * gnx * gny
            << " values differ from the whole-grid run (max |diff| " << max_diff << ")\n";
  CHECK(differ == 0);
}

TEST_CASE("the overlapped step (interior while the ghosts fill) gives bitwise the same result",
          "[solver][swe][repro]") {
  // The split fill poisons every ghost with NaN at begin() and fills them at finish(): a
  // cell updated before finish() that read a ghost would turn NaN and differ.
  const int saved = omp_get_max_threads();
  for (const bool x_at_begin : {false, true})
    for (const int order : {2, 1})
      for (const int threads : {1, 2}) {
        omp_set_num_threads(threads);
        Physics ph = physics();
        ph.order = order;
        const Boundaries bc = boundaries();
        Block a(whole_patch(gnx, gny)), b(whole_patch(gnx, gny));
        const GhostFill fill = [&](State& st) { apply_physical_boundaries(a.p, st, a.bed, bc); };
        // With x_at_begin, begin() fills the x ghosts of the interior rows (as run_swe does
        // for a block spanning the grid in x) and poisons only the ghost rows.
        auto poison = [](const Patch& p, State& st, bool rows_only) {
          for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
            for (long i = -p.ghost; i < p.nx + p.ghost; ++i) {
              const bool ghost_row = j < 0 || j >= p.ny;
              if (ghost_row || (!rows_only && (i < 0 || i >= p.nx))) {
                st.h[p.idx(i, j)] = NAN;
                st.hu[p.idx(i, j)] = NAN;
                st.hv[p.idx(i, j)] = NAN;
              }
            }
        };
        const SplitGhostFill split{
            [&](State& st) {
              poison(b.p, st, false);
              if (x_at_begin) {
                apply_physical_boundaries(b.p, st, b.bed, bc);
                poison(b.p, st, true);
              }
            },
            [&](State& st) { apply_physical_boundaries(b.p, st, b.bed, bc); }, x_at_begin};
        for (int k = 0; k < n_steps; ++k) {
          const double dt = max_stable_dt(a.p, a.geo, ph, a.s, 0.45);
          ssp_rk2_step(a.p, a.geo, ph, a.bed, a.forcing, a.s, a.w, dt, fill);
          ssp_rk2_step(b.p, b.geo, ph, b.bed, b.forcing, b.s, b.w, dt, split);
        }
        INFO("order " << order << ", threads " << threads << ", x ghosts at begin " << x_at_begin);
        for (long j = 0; j < gny; ++j)
          for (long i = 0; i < gnx; ++i) {
            const std::size_t k = a.p.idx(i, j);
            if (std::memcmp(&a.s.h[k], &b.s.h[k], sizeof(double)) != 0 ||
                std::memcmp(&a.s.hu[k], &b.s.hu[k], sizeof(double)) != 0 ||
                std::memcmp(&a.s.hv[k], &b.s.hv[k], sizeof(double)) != 0) {
              FAIL("cell (" << i << ", " << j << ") differs");
            }
          }
        SUCCEED("bitwise equal");
      }
  omp_set_num_threads(saved);
}
