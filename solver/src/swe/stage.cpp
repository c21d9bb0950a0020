// GCC's default -ftrapping-math forbids if-converting a select whose arms do arithmetic (it
// might trap), and without that none of the flux loops vectorise (checked with
// -fopt-info-vec on GCC 12). No result bit changes. Set for the whole file, before any
// include, so every inlined function agrees. (The pragma does not lift math-errno for sqrt
// in GCC 12, hence Eigen's sqrt in face_flux.hpp.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

#include "stage.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "face_flux.hpp"

namespace taifeng::solver::swe::detail {
namespace {

// u = hu/h, v = hv/h (0 where dry), eta = h + bed over every cell of the patch.
void primitives(const Patch& p, const State& s, const double* bed, double tol, Workspace& w) {
  w.u.resize(p.size());
  w.v.resize(p.size());
  w.eta.resize(p.size());
  const double* __restrict h = s.h.data();
  const double* __restrict hu = s.hu.data();
  const double* __restrict hv = s.hv.data();
  double* __restrict u = w.u.data();
  double* __restrict v = w.v.data();
  double* __restrict eta = w.eta.data();
  const long rows = p.rows(), stride = p.stride();
#pragma omp parallel for schedule(static) if (p.nx * p.ny >= min_cells_for_threads)
  for (long r = 0; r < rows; ++r) {
#pragma omp simd
    for (long k = r * stride; k < (r + 1) * stride; ++k) {
      // 1/h or 0 when dry, without a branch: GCC does not if-convert a select with
      // arithmetic in an arm (it might trap), so the loop would not vectorise.
      const double hk = h[k];
      const double rh = double(hk > tol) / std::max(hk, tol);
      u[k] = hu[k] * rh;
      v[k] = hv[k] * rh;
      eta[k] = hk + bed[k];
    }
  }
}

// Per-thread face-flux buffers of one row.
struct Faces {
  std::vector<double> mass, trans, norm_m, norm_p;
  explicit Faces(long n) : mass(n), trans(n), norm_m(n), norm_p(n) {}
};

template <class Lim>
void x_faces(const Patch& p, long j, const double* h, const double* u, const double* v,
             const double* eta, double g, double tol, Faces& f) {
  row_fluxes<Lim>(h, u, v, eta, long(p.idx(0, j)), 1, p.nx + 1, g, tol, f.mass.data(),
                  f.trans.data(), f.norm_m.data(), f.norm_p.data());
}

// Faces between rows j-1 and j.
template <class Lim>
void y_faces(const Patch& p, long j, const double* h, const double* u, const double* v,
             const double* eta, double g, double tol, Faces& f) {
  row_fluxes<Lim>(h, v, u, eta, long(p.idx(0, j)), p.stride(), p.nx, g, tol, f.mass.data(),
                  f.trans.data(), f.norm_m.data(), f.norm_p.data());
}

template <class Lim, bool Wind, bool Friction>
void stage_impl(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& fin,
                const State& in, const State& base, double a, State& out, const Workspace& w,
                double dt) {
  const double g = phys.g, tol = phys.dry_tolerance;
  const double rdx = 1.0 / geo.dx, rdy = 1.0 / geo.dy;
  const double b = 1.0 - a;
  const double rwind = 1.0 / phys.wind_min_depth;
  const double gn2 = g * phys.manning_n * phys.manning_n;
  const long s = p.stride();
  const double* __restrict h = in.h.data();
  const double* __restrict hu = in.hu.data();
  const double* __restrict hv = in.hv.data();
  const double* __restrict u = w.u.data();
  const double* __restrict v = w.v.data();
  const double* __restrict eta = w.eta.data();
  const double* __restrict tx = fin.tau_x;
  const double* __restrict ty = fin.tau_y;
  const double* h0 = base.h.data();
  const double* hu0 = base.hu.data();
  const double* hv0 = base.hv.data();
  double* ho = out.h.data();
  double* huo = out.hu.data();
  double* hvo = out.hv.data();  // base and out may be the same state (second Heun stage)

#pragma omp parallel if (p.nx * p.ny >= min_cells_for_threads)
  {
    // Contiguous blocks of rows per thread; the face below a block is recomputed by its
    // thread (same inputs, same bits), so no face value is shared between threads.
    const long nt = omp_get_num_threads(), tid = omp_get_thread_num();
    const long ja = p.ny * tid / nt, jb = p.ny * (tid + 1) / nt;
    Faces xf(p.nx + 1), south(p.nx), north(p.nx);
    std::vector<double> fric(Friction ? p.nx : 0);
    if (ja < jb) y_faces<Lim>(p, ja, h, u, v, eta, g, tol, south);
    for (long j = ja; j < jb; ++j) {
      y_faces<Lim>(p, j + 1, h, u, v, eta, g, tol, north);
      x_faces<Lim>(p, j, h, u, v, eta, g, tol, xf);
      const double f = phys.f0 + phys.beta * (geo.y(p, j) - phys.y_ref);
      const long k0 = long(p.idx(0, j));
      if constexpr (Friction) {
        // Manning: d(hu)/dt = -g n² |u| hu / h^(4/3), taken implicitly in hu with |u|, h
        // of the stage input: factor 1 / (1 + dt g n² |u| / h^(4/3)).
        for (long i = 0; i < p.nx; ++i) {
          const long k = k0 + i;
          const double speed = std::sqrt(u[k] * u[k] + v[k] * v[k]);
          const double h43 = std::pow(std::max(h[k], tol), 4.0 / 3.0);
          fric[i] = 1.0 / (1.0 + dt * gn2 * speed / h43);
        }
      }
      const double* __restrict xm = xf.mass.data();
      const double* __restrict xt = xf.trans.data();
      const double* __restrict xl = xf.norm_m.data();
      const double* __restrict xr = xf.norm_p.data();
      const double* __restrict sm = south.mass.data();
      const double* __restrict st = south.trans.data();
      const double* __restrict sp = south.norm_p.data();
      const double* __restrict nm = north.mass.data();
      const double* __restrict nn = north.trans.data();
      const double* __restrict nl = north.norm_m.data();
      const double* __restrict fr = fric.data();
#pragma omp simd
      for (long i = 0; i < p.nx; ++i) {
        const long k = k0 + i;
        const double hk = h[k];
        // Centred part of the hydrostatic bed source: -g h (b_east - b_west) with
        // b = eta - h on the reconstructed faces, i.e. g h (slope h - slope eta).
        const double sxh = Lim::slope(hk - h[k - 1], h[k + 1] - hk);
        const double sxe = Lim::slope(eta[k] - eta[k - 1], eta[k + 1] - eta[k]);
        const double syh = Lim::slope(hk - h[k - s], h[k + s] - hk);
        const double sye = Lim::slope(eta[k] - eta[k - s], eta[k + s] - eta[k]);
        const double lh = -(xm[i + 1] - xm[i]) * rdx - (nm[i] - sm[i]) * rdy;
        double lhu = -(xl[i + 1] - xr[i]) * rdx - (nn[i] - st[i]) * rdy +
                     g * hk * (sxh - sxe) * rdx + f * hv[k];
        double lhv = -(xt[i + 1] - xt[i]) * rdx - (nl[i] - sp[i]) * rdy +
                     g * hk * (syh - sye) * rdy - f * hu[k];
        if constexpr (Wind) {
          const double taper = std::min(1.0, hk * rwind);
          lhu += tx[k] * taper;
          lhv += ty[k] * taper;
        }
        double hs = std::max(0.0, hk + dt * lh);
        double hus = hu[k] + dt * lhu;
        double hvs = hv[k] + dt * lhv;
        if constexpr (Friction) {
          hus *= fr[i];
          hvs *= fr[i];
        }
        const double hn = a * h0[k] + b * hs;
        const double hun = a * hu0[k] + b * hus, hvn = a * hv0[k] + b * hvs;
        const double wet = double(hn > tol);  // dry: zero velocity (mask, branch-free)
        ho[k] = hn;
        huo[k] = hun * wet;
        hvo[k] = hvn * wet;
      }
      std::swap(south, north);
    }
  }
}

template <class Lim>
void dispatch_sources(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& f,
                      const State& in, const State& base, double a, State& out, const Workspace& w,
                      double dt) {
  const bool wind = f.tau_x != nullptr, fric = phys.manning_n > 0.0;
  if (wind && fric)
    stage_impl<Lim, true, true>(p, geo, phys, f, in, base, a, out, w, dt);
  else if (wind)
    stage_impl<Lim, true, false>(p, geo, phys, f, in, base, a, out, w, dt);
  else if (fric)
    stage_impl<Lim, false, true>(p, geo, phys, f, in, base, a, out, w, dt);
  else
    stage_impl<Lim, false, false>(p, geo, phys, f, in, base, a, out, w, dt);
}

}  // namespace

void rk_stage(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& f,
              const State& in, const State& base, double a, State& out, Workspace& w, double dt) {
  primitives(p, in, f.bed_eff, phys.dry_tolerance, w);
  if (phys.limiter == Limiter::minmod)
    dispatch_sources<Minmod>(p, geo, phys, f, in, base, a, out, w, dt);
  else
    dispatch_sources<Mc>(p, geo, phys, f, in, base, a, out, w, dt);
}

}  // namespace taifeng::solver::swe::detail
