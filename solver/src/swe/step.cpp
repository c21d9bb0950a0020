// -fno-trapping-math for the whole file (before any include) so the CFL loop vectorises; see
// stage.cpp. No result bit changes.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

#include "taifeng/solver/swe/step.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "sqrt_g.hpp"
#include "stage.hpp"
#include "taifeng/core/error.hpp"

namespace taifeng::solver::swe {
namespace {

void check_sizes(const Patch& p, const State& s, const std::vector<double>& bed) {
  TAIFENG_CHECK(p.ghost >= 2, "the MUSCL stencil needs 2 ghost layers");
  TAIFENG_CHECK(s.h.size() == p.size() && s.hu.size() == p.size() && s.hv.size() == p.size(),
                "state arrays must have patch.size() elements");
  TAIFENG_CHECK(bed.size() == p.size(), "bed must have patch.size() elements");
}

// Forcing that is constant over the step: effective bed and wind stress / rho_w.
detail::StageInput prepare_forcing(const Patch& p, const Physics& phys,
                                   const std::vector<double>& bed, const Forcing& f, Workspace& w) {
  detail::StageInput in{bed.data(), nullptr, nullptr};
  const long n = long(p.size());
  if (f.p_atm) {
    w.bed_eff.resize(p.size());
    const double r = 1.0 / (phys.rho_water * phys.g);
    const double* pa = f.p_atm;
    double* be = w.bed_eff.data();
#pragma omp parallel for schedule(static) if (p.nx * p.ny >= min_cells_for_threads)
    for (long k = 0; k < n; ++k) be[k] = bed[k] + (pa[k] - p_ref_pa) * r;
    in.bed_eff = be;
  }
  TAIFENG_CHECK((f.u10 == nullptr) == (f.v10 == nullptr), "give both wind components or none");
  if (f.u10) {
    w.tau_x.resize(p.size());
    w.tau_y.resize(p.size());
    const double r = 1.0 / phys.rho_water;
#pragma omp parallel for schedule(static) if (p.nx * p.ny >= min_cells_for_threads)
    for (long k = 0; k < n; ++k) {
      const Stress t = wind_stress(f.u10[k], f.v10[k], phys.rho_air);
      w.tau_x[k] = t.x * r;
      w.tau_y[k] = t.y * r;
    }
    in.tau_x = w.tau_x.data();
    in.tau_y = w.tau_y.data();
  }
  return in;
}

// max over the wet cells k0..k0+n-1 of (|u| + c)/dx + (|v| + c)/dy, or 0 if none is wet.
// Branch-free in chunks so it vectorises (sqrt through sqrt_g.hpp); a dry
// cell contributes 0 and a NaN rate is skipped, exactly as a skipped cell would be.
TAIFENG_SWE_CLONES double row_rate(const State& s, long k0, long n, double g, double tol,
                                   double rdx, double rdy) {
  const double* __restrict h = s.h.data();
  const double* __restrict hu = s.hu.data();
  const double* __restrict hv = s.hv.data();
  constexpr long chunk = 256;
  alignas(64) double c[chunk], r[chunk];
  double rate = 0.0;
  for (long c0 = 0; c0 < n; c0 += chunk) {
    const long m = std::min(chunk, n - c0);
    const long kb = k0 + c0;
    detail::sqrt_g(h + kb, g, m, c);
#pragma omp simd
    for (long i = 0; i < m; ++i) {
      const double hk = h[kb + i];
      const bool wet = hk > tol;
      const double hd = wet ? hk : 1.0;
      const double rk =
          (std::fabs(hu[kb + i] / hd) + c[i]) * rdx + (std::fabs(hv[kb + i] / hd) + c[i]) * rdy;
      r[i] = wet ? rk : 0.0;
    }
    for (long i = 0; i < m; ++i) rate = std::max(rate, r[i]);
  }
  return rate;
}

}  // namespace

double max_stable_dt(const Patch& p, const Geometry& geo, const Physics& phys, const State& s,
                     double cfl) {
  TAIFENG_CHECK(cfl > 0.0 && cfl <= 1.0, "CFL number must be in (0, 1]");
  const double rdx = 1.0 / geo.dx, rdy = 1.0 / geo.dy;
  double rate = 0.0;  // max((|u| + c)/dx + (|v| + c)/dy): a max, so order-independent
#pragma omp parallel for reduction(max     \
                                   : rate) \
    schedule(static) if (p.nx * p.ny >= min_cells_for_threads)
  for (long j = 0; j < p.ny; ++j)
    rate =
        std::max(rate, row_rate(s, long(p.idx(0, j)), p.nx, phys.g, phys.dry_tolerance, rdx, rdy));
  return rate > 0.0 ? cfl / rate : std::numeric_limits<double>::infinity();
}

double max_wave_speed(const Patch& p, const Physics& phys, const State& s) {
  double speed = 0.0;
#pragma omp parallel for reduction(max      \
                                   : speed) \
    schedule(static) if (p.nx * p.ny >= min_cells_for_threads)
  for (long j = 0; j < p.ny; ++j) {
    for (long i = 0; i < p.nx; ++i) {
      const std::size_t k = p.idx(i, j);
      const double h = s.h[k];
      if (h <= phys.dry_tolerance) continue;
      const double u = std::hypot(s.hu[k], s.hv[k]) / h;
      speed = std::max(speed, u + std::sqrt(phys.g * h));
    }
  }
  return speed;
}

namespace {

// The two ways of filling ghosts around one stage: all before it, or overlapped.
void stage_after_fill(const Patch& p, const Geometry& geo, const Physics& phys,
                      const detail::StageInput& f, State& in, const State& base, double a,
                      State& out, double dt, const GhostFill& fill) {
  fill(in);
  detail::rk_stage(p, geo, phys, f, in, base, a, out, dt);
}

void stage_overlapped(const Patch& p, const Geometry& geo, const Physics& phys,
                      const detail::StageInput& f, State& in, const State& base, double a,
                      State& out, double dt, const SplitGhostFill& fill) {
  const long g = 2;  // the stencil radius: cells this far from every edge read no ghost
  const detail::CellBox inner = fill.x_ghosts_at_begin ? detail::CellBox{0, p.nx, g, p.ny - g}
                                                       : detail::CellBox{g, p.nx - g, g, p.ny - g};
  fill.begin(in);
  if (inner.empty()) {
    fill.finish(in);
    detail::rk_stage(p, geo, phys, f, in, base, a, out, dt);
    return;
  }
  detail::rk_stage(p, geo, phys, f, in, base, a, out, dt, inner);
  fill.finish(in);
  detail::rk_stage(p, geo, phys, f, in, base, a, out, dt, detail::CellBox{0, p.nx, 0, g});
  detail::rk_stage(p, geo, phys, f, in, base, a, out, dt, detail::CellBox{0, p.nx, p.ny - g, p.ny});
  if (!fill.x_ghosts_at_begin) {
    detail::rk_stage(p, geo, phys, f, in, base, a, out, dt, detail::CellBox{0, g, g, p.ny - g});
    detail::rk_stage(p, geo, phys, f, in, base, a, out, dt,
                     detail::CellBox{p.nx - g, p.nx, g, p.ny - g});
  }
}

template <class Fill>
void step_impl(const Patch& p, const Geometry& geo, const Physics& phys,
               const std::vector<double>& bed, const Forcing& forcing, State& s, Workspace& w,
               double dt, const Fill& fill) {
  check_sizes(p, s, bed);
  TAIFENG_CHECK(dt > 0.0 && std::isfinite(dt), "time step must be positive and finite");
  TAIFENG_CHECK(phys.order == 1 || phys.order == 2, "order must be 1 or 2");
  const detail::StageInput f = prepare_forcing(p, phys, bed, forcing, w);
  if (w.stage.h.size() != p.size()) w.stage = State(p);
  auto stage = [&](State& in, const State& base, double a, State& out) {
    if constexpr (std::is_same_v<Fill, SplitGhostFill>)
      stage_overlapped(p, geo, phys, f, in, base, a, out, dt, fill);
    else
      stage_after_fill(p, geo, phys, f, in, base, a, out, dt, fill);
  };
  stage(s, s, 0.0, w.stage);
  if (phys.order == 1) {
    // Forward Euler: U1 is the new state. Swap the arrays rather than copy them (a full
    // pass over memory); the stage kernel cannot write in place.
    s.h.swap(w.stage.h);
    s.hu.swap(w.stage.hu);
    s.hv.swap(w.stage.hv);
    return;
  }
  stage(w.stage, s, 0.5, s);
}

}  // namespace

void ssp_rk2_step(const Patch& p, const Geometry& geo, const Physics& phys,
                  const std::vector<double>& bed, const Forcing& forcing, State& s, Workspace& w,
                  double dt, const GhostFill& fill) {
  step_impl(p, geo, phys, bed, forcing, s, w, dt, fill);
}

void ssp_rk2_step(const Patch& p, const Geometry& geo, const Physics& phys,
                  const std::vector<double>& bed, const Forcing& forcing, State& s, Workspace& w,
                  double dt, const SplitGhostFill& fill) {
  step_impl(p, geo, phys, bed, forcing, s, w, dt, fill);
}

double water_volume(const Patch& p, const Geometry& geo, const State& s) {
  double sum = 0.0;
  for (long j = 0; j < p.ny; ++j)
    for (long i = 0; i < p.nx; ++i) sum += s.h[p.idx(i, j)];
  return sum * geo.dx * geo.dy;
}

}  // namespace taifeng::solver::swe
