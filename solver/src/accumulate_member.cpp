// accumulate_member (monte_carlo.hpp): one member's wind evaluations added to the integer
// products. With the fast kernel the member is replayed row by row: every evaluation (output
// times and sub-steps) is prepared first, in parallel over evaluations (storm state, V(r)
// table, strike geometry); then each thread takes grid rows and applies all evaluations to a
// row in time order — raise the running maximum, count first gale arrivals, mark strikes and,
// at the output times that close a window, count the threshold exceedances. A point is only
// ever updated by one thread, in time order, so the products are bitwise those of a serial
// whole-grid accumulation (tests/solver/test_monte_carlo.cpp checks this), and the member
// needs two parallel regions instead of one per evaluation. With the exact kernel (or a state
// outside the fast kernel's range) whole fields are evaluated one after the other.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "fast_wind_kernel.hpp"
#include "strike_marks.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/solver/monte_carlo.hpp"
#include "taifeng/solver/wind_field.hpp"
#include "taifeng/solver/wind_field_fast.hpp"
#include "taifeng/solver/wind_hazard.hpp"

namespace taifeng::solver {

namespace {

// Point loops below this size are not worth a parallel region.
constexpr long min_parallel_points = 16384;

struct Evaluation {
  std::size_t k = 0;  // output time whose interval holds it
  TimePoint t{};
};

// Evaluation times of a member: the output times it covers and the sub-steps before each
// (none before its first covered time: a member is never extrapolated).
std::vector<Evaluation> evaluations(const Track& track, const std::vector<TimePoint>& times) {
  std::vector<Evaluation> ev;
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (!track.covers(times[k])) continue;
    const int m = k > 0 && track.covers(times[k - 1]) ? substeps(track, times, k) : 1;
    if (m == 1) {
      ev.push_back({k, times[k]});
      continue;
    }
    for (int s = 1; s <= m; ++s)
      ev.push_back({k, k == 0 ? times[0] : times[k - 1] + (times[k] - times[k - 1]) * s / m});
  }
  return ev;
}

// windows_closing[k]: the windows closing at output time k, lead(k) <= w < lead(k+1) (the last
// time closes all longer windows).
std::vector<std::vector<std::size_t>> windows_closing(const ProductOptions& o,
                                                      const std::vector<TimePoint>& times) {
  std::vector<std::vector<std::size_t>> closing(times.size());
  for (std::size_t k = 0; k < times.size(); ++k) {
    const double lead = hours_between(times.front(), times[k]);
    const double next = k + 1 < times.size() ? hours_between(times.front(), times[k + 1])
                                             : std::numeric_limits<double>::infinity();
    for (std::size_t w = 0; w < o.windows_h.size(); ++w)
      if (o.windows_h[w] >= lead && o.windows_h[w] < next) closing[k].push_back(w);
  }
  return closing;
}

// The member's state on the grid while it is accumulated.
struct MemberState {
  std::vector<double> running_max;   // maximum wind so far
  std::vector<std::uint8_t> gale;    // gale_ms reached
  std::vector<std::uint8_t> strike;  // centre came within strike_radius_km
};

// Fast kernel: rows in parallel, each replaying all evaluations (see the file comment).
void replay_rows(MemberAccumulator& acc, const Grid& grid, const std::vector<std::uint8_t>& land,
                 const std::vector<Evaluation>& ev, std::vector<detail::FastWindKernel>& kernels,
                 const std::vector<detail::StrikeMarker>& strikes,
                 const std::vector<std::vector<std::size_t>>& closing, MemberState& ms) {
  const ProductOptions& o = acc.opt;
  const std::size_t np = grid.size(), nlon = grid.nlon, nw = o.windows_h.size();
  const std::size_t nk = closing.size(), ne = ev.size();
  const long nlat = long(grid.nlat);
#pragma omp parallel
  {
    detail::RowScratch scratch;
    std::vector<float> out(kernels.empty() ? 0 : kernels.front().row_buffer_size());
#pragma omp for schedule(dynamic, 2)
    for (long j = 0; j < nlat; ++j) {
      const std::size_t row = std::size_t(j) * nlon;
      double* mx = ms.running_max.data() + row;
      std::uint8_t* g = ms.gale.data() + row;
      long t0 = long(nlon), t1 = -1;  // columns of the row touched so far
      std::size_t e = 0;
      for (std::size_t k = 0; k < nk; ++k) {
        std::int32_t* first = acc.gale_first.data() + k * np + row;
        for (; e < ne && ev[e].k == k; ++e) {
          strikes[e].mark_row(j, ms.strike.data() + row);
          const detail::FastWindKernel& kern = kernels[e];
          if (j < kern.j0() || j > kern.j1()) continue;
          const detail::RowGeometry geo = kern.geometry(j);
          if (geo.cols.empty()) continue;
          kern.row(geo, land, scratch, out.data());
          t0 = std::min(t0, geo.cols.i0);
          t1 = std::max(t1, geo.cols.i1);
          // Raise the maximum; a point reaching gale_ms for the first time counts for output
          // time k (touching that time's counts only then: they are cold in cache).
          const long i0 = geo.cols.i0, n = geo.cols.i1 - geo.cols.i0 + 1;
          for (long i = 0; i < n; ++i) {
            const double m = std::max(mx[i0 + i], double(out[std::size_t(i)]));
            mx[i0 + i] = m;
            if (m >= o.gale_ms && !g[i0 + i]) {
              g[i0 + i] = 1;
              ++first[i0 + i];
            }
          }
        }
        if (o.gale_ms <= 0.0) {  // a maximum of 0 counts too: every point of the row
          for (std::size_t i = 0; i < nlon; ++i)
            if (!g[i] && mx[i] >= o.gale_ms) {
              g[i] = 1;
              ++first[i];
            }
        }
        for (const std::size_t w : closing[k])
          for (std::size_t th = 0; th < o.thresholds_ms.size(); ++th) {
            const double thr = o.thresholds_ms[th];
            std::int32_t* c = acc.reach_count.data() + (th * nw + w) * np + row;
            // Untouched points have a maximum of 0: only a threshold <= 0 counts them.
            const long a = thr <= 0.0 ? 0 : t0, b = thr <= 0.0 ? long(nlon) - 1 : t1;
            for (long i = a; i <= b; ++i) c[i] += mx[i] >= thr ? 1 : 0;
          }
      }
    }
  }
}

// Exact kernel (or the fast kernel's range exceeded): whole fields, one after the other.
void whole_fields(MemberAccumulator& acc, const Track& track, const Grid& grid,
                  const std::vector<std::uint8_t>& land, const WindOptions& wind,
                  const std::vector<Evaluation>& ev,
                  const std::vector<std::vector<std::size_t>>& closing, MemberState& ms) {
  const ProductOptions& o = acc.opt;
  const std::size_t np = grid.size(), nw = o.windows_h.size();
  const long npl = long(np);
  std::vector<double> field(np);
  std::size_t e = 0;
  for (std::size_t k = 0; k < closing.size(); ++k) {
    for (; e < ev.size() && ev[e].k == k; ++e) {
      const StormState st = storm_state_at(track, ev[e].t);
      if (o.fast_kernel)
        wind_speed_field_fast(st, wind, grid, land, field.data());
      else
        wind_speed_field(st, wind, grid, land, field.data());
#pragma omp parallel for schedule(static) if (npl >= min_parallel_points)
      for (long p = 0; p < npl; ++p) ms.running_max[p] = std::max(ms.running_max[p], field[p]);
      detail::StrikeMarker(grid, st.centre, o.strike_radius_km).mark(ms.strike);
    }
    std::int32_t* first = acc.gale_first.data() + k * np;
#pragma omp parallel for schedule(static) if (npl >= min_parallel_points)
    for (long p = 0; p < npl; ++p) {
      if (!ms.gale[p] && ms.running_max[p] >= o.gale_ms) {
        ms.gale[p] = 1;
        ++first[p];
      }
    }
    for (const std::size_t w : closing[k])
      for (std::size_t th = 0; th < o.thresholds_ms.size(); ++th) {
        std::int32_t* c = acc.reach_count.data() + (th * nw + w) * np;
        const double thr = o.thresholds_ms[th];
#pragma omp parallel for schedule(static) if (npl >= min_parallel_points)
        for (long p = 0; p < npl; ++p)
          if (ms.running_max[p] >= thr) ++c[p];
      }
  }
}

}  // namespace

void accumulate_member(MemberAccumulator& acc, const Track& track, const Grid& grid,
                       const std::vector<std::uint8_t>& land, const WindOptions& wind,
                       const std::vector<TimePoint>& times) {
  TAIFENG_CHECK(grid == acc.grid && times == acc.times, "accumulator grid/times differ");
  TAIFENG_CHECK(!track.empty(), "empty member track");
  TAIFENG_CHECK(land.empty() || land.size() == grid.size(), "land mask size");
  const ProductOptions& o = acc.opt;
  const std::size_t np = grid.size();
  const long npl = long(np);
  const std::vector<Evaluation> ev = evaluations(track, times);
  const auto closing = windows_closing(o, times);
  MemberState ms;
  ms.running_max.assign(np, 0.0);
  ms.gale.assign(np, 0);
  ms.strike.assign(np, 0);

  bool replay = o.fast_kernel;
  if (replay) {
    // Every evaluation prepared up front, in parallel: state, kernel with its table, strikes.
    std::vector<detail::FastWindKernel> kernels(ev.size());
    std::vector<detail::StrikeMarker> strikes(ev.size());
    const long ne = long(ev.size());
    int out_of_range = 0;
#pragma omp parallel for schedule(dynamic) reduction(+ : out_of_range)
    for (long e = 0; e < ne; ++e) {
      const StormState st = storm_state_at(track, ev[std::size_t(e)].t);
      detail::FastWindKernel& kern = kernels[std::size_t(e)];
      kern = detail::FastWindKernel(st, wind, grid);
      if (!kern.in_range()) {
        ++out_of_range;
        continue;
      }
      kern.fill_table();
      strikes[std::size_t(e)] = detail::StrikeMarker(grid, st.centre, o.strike_radius_km);
    }
    replay = out_of_range == 0;
    if (replay) replay_rows(acc, grid, land, ev, kernels, strikes, closing, ms);
  }
  if (!replay) whole_fields(acc, track, grid, land, wind, ev, closing, ms);

  for (std::size_t k = 0; k < times.size(); ++k) {
    if (!track.covers(times[k])) continue;  // the cone counts the members present
    const StormState d = storm_state_at(acc.deterministic, times[k]);
    const StormState c = storm_state_at(track, times[k]);
    acc.cone_distances_km[k].push_back(great_circle_km(d.centre, c.centre));
  }
  // Histogram (bin-major: the bin-0 row of calm points is contiguous), fixed-point sum.
  const std::size_t bins = acc.bins;
#pragma omp parallel for schedule(static) if (npl >= min_parallel_points)
  for (long p = 0; p < npl; ++p) {
    const double v = ms.running_max[p];
    std::size_t b = 0;
    if (v > 0.0) {
      b = std::min(bins - 1, std::size_t(std::floor(v / o.hist_bin_ms)));
      acc.max_sum_mm_s[p] += std::llround(v * 1000.0);
    }
    ++acc.max_hist[b * np + std::size_t(p)];
    acc.strike_count[p] += ms.strike[p];
  }
  ++acc.members;
}

}  // namespace taifeng::solver
