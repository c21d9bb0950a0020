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

// Primitives of the n cells from array index k0: u = hu/h, v = hv/h (0 where dry), eta.
TAIFENG_SWE_CLONES void primitives_row(const State& s, const double* __restrict bed, double tol,
                                       long k0, long n, Workspace& w) {
  const double* __restrict h = s.h.data();
  const double* __restrict hu = s.hu.data();
  const double* __restrict hv = s.hv.data();
  double* __restrict u = w.u.data();
  double* __restrict v = w.v.data();
  double* __restrict eta = w.eta.data();
#pragma omp simd
  for (long k = k0; k < k0 + n; ++k) {
    // 1/h or 0 when dry, without a branch: GCC does not if-convert a select with
    // arithmetic in an arm (it might trap), so the loop would not vectorise.
    const double hk = h[k];
    const double rh = double(hk > tol) / std::max(hk, tol);
    u[k] = hu[k] * rh;
    v[k] = hv[k] * rh;
    eta[k] = hk + bed[k];
  }
}

// u = hu/h, v = hv/h (0 where dry), eta = h + bed over every cell of the patch.
void primitives(const Patch& p, const State& s, const double* bed, double tol, Workspace& w) {
  w.u.resize(p.size());
  w.v.resize(p.size());
  w.eta.resize(p.size());
  const long rows = p.rows(), stride = p.stride();
#pragma omp parallel for schedule(static) if (p.nx * p.ny >= min_cells_for_threads)
  for (long r = 0; r < rows; ++r) primitives_row(s, bed, tol, r * stride, stride, w);
}

// Per-thread face-flux buffers of one row.
struct Faces {
  std::vector<double> mass, trans, norm_m, norm_p;
  explicit Faces(long n) : mass(n), trans(n), norm_m(n), norm_p(n) {}
};

// Per-thread limited slopes of h, eta, u, v along one direction for one row of cells.
struct Slopes {
  std::vector<double> h, eta, u, v;
  explicit Slopes(long n) : h(n), eta(n), u(n), v(n) {}
};

struct Prims {
  const double *h, *u, *v, *eta;
};

// Slopes along stride s of the n cells starting at array index k0.
template <class Lim>
TAIFENG_SWE_CLONES void slopes(const Prims& q, long k0, long s, long n, Slopes& out) {
  cell_slopes<Lim>(q.h, k0, s, n, out.h.data());
  cell_slopes<Lim>(q.eta, k0, s, n, out.eta.data());
  cell_slopes<Lim>(q.u, k0, s, n, out.u.data());
  cell_slopes<Lim>(q.v, k0, s, n, out.v.data());
}

// The nx + 1 x faces of row j; xs holds the x slopes of cells -1..nx of that row.
TAIFENG_SWE_CLONES void x_faces(const Patch& p, long j, const Prims& q, const Slopes& xs, double g,
                                double tol, Faces& f) {
  const long k0 = long(p.idx(0, j));
  const FaceSide m{q.h + k0 - 1, q.eta + k0 - 1, q.u + k0 - 1, q.v + k0 - 1,
                   xs.h.data(),  xs.eta.data(),  xs.u.data(),  xs.v.data()};
  const FaceSide pp{q.h + k0,        q.eta + k0,        q.u + k0,        q.v + k0,
                    xs.h.data() + 1, xs.eta.data() + 1, xs.u.data() + 1, xs.v.data() + 1};
  face_fluxes(m, pp, p.nx + 1, g, tol, f.mass.data(), f.trans.data(), f.norm_m.data(),
              f.norm_p.data());
}

// Faces between rows j-1 and j; ys_s / ys_n hold the y slopes of cells 0..nx-1 of those
// rows.
TAIFENG_SWE_CLONES void y_faces(const Patch& p, long j, const Prims& q, const Slopes& ys_s,
                                const Slopes& ys_n, double g, double tol, Faces& f) {
  const long ks = long(p.idx(0, j - 1)), kn = long(p.idx(0, j));
  const FaceSide m{q.h + ks,      q.eta + ks,      q.v + ks,      q.u + ks,
                   ys_s.h.data(), ys_s.eta.data(), ys_s.v.data(), ys_s.u.data()};
  const FaceSide pp{q.h + kn,      q.eta + kn,      q.v + kn,      q.u + kn,
                    ys_n.h.data(), ys_n.eta.data(), ys_n.v.data(), ys_n.u.data()};
  face_fluxes(m, pp, p.nx, g, tol, f.mass.data(), f.trans.data(), f.norm_m.data(), f.norm_p.data());
}

// Pointers and constants of one stage shared by all rows.
struct StageCtx {
  const State *in, *base;
  State* out;  // base and out may be the same state (second Heun stage)
  const double *tx, *ty;
  double g, tol, rdx, rdy, a, b, rwind, dt;
};

// New values of the n cells of one row starting at array index k0 (f: Coriolis parameter,
// fric: Manning factors, read only if Friction).
template <bool Wind, bool Friction>
TAIFENG_SWE_CLONES void update_row(const StageCtx& c, long k0, long n, double f, const Faces& xf,
                                   const Faces& south, const Faces& north, const Slopes& xs,
                                   const Slopes& ys, const double* fric) {
  const double g = c.g, tol = c.tol, rdx = c.rdx, rdy = c.rdy, a = c.a, b = c.b;
  const double rwind = c.rwind, dt = c.dt;
  const double* __restrict h = c.in->h.data();
  const double* __restrict hu = c.in->hu.data();
  const double* __restrict hv = c.in->hv.data();
  const double* __restrict tx = c.tx;
  const double* __restrict ty = c.ty;
  const double* h0 = c.base->h.data();
  const double* hu0 = c.base->hu.data();
  const double* hv0 = c.base->hv.data();
  double* ho = c.out->h.data();
  double* huo = c.out->hu.data();
  double* hvo = c.out->hv.data();
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
  const double* __restrict fr = fric;
  const double* __restrict sxh_c = xs.h.data() + 1;  // x slopes of cells 0..nx-1
  const double* __restrict sxe_c = xs.eta.data() + 1;
  const double* __restrict syh_c = ys.h.data();
  const double* __restrict sye_c = ys.eta.data();
#pragma omp simd
  for (long i = 0; i < n; ++i) {
    const long k = k0 + i;
    const double hk = h[k];
    // Centred part of the hydrostatic bed source: -g h (b_east - b_west) with
    // b = eta - h on the reconstructed faces, i.e. g h (slope h - slope eta).
    const double sxh = sxh_c[i], sxe = sxe_c[i], syh = syh_c[i], sye = sye_c[i];
    const double lh = -(xm[i + 1] - xm[i]) * rdx - (nm[i] - sm[i]) * rdy;
    double lhu =
        -(xl[i + 1] - xr[i]) * rdx - (nn[i] - st[i]) * rdy + g * hk * (sxh - sxe) * rdx + f * hv[k];
    double lhv =
        -(xt[i + 1] - xt[i]) * rdx - (nl[i] - sp[i]) * rdy + g * hk * (syh - sye) * rdy - f * hu[k];
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
  const double* __restrict u = w.u.data();
  const double* __restrict v = w.v.data();
  const double* __restrict eta = w.eta.data();
  const StageCtx c{&in, &base, &out, fin.tau_x, fin.tau_y, g, tol, rdx, rdy, a, b, rwind, dt};

#pragma omp parallel if (p.nx * p.ny >= min_cells_for_threads)
  {
    // Contiguous blocks of rows per thread; the face below a block (and the slopes it
    // needs) is recomputed by its thread (same inputs, same bits), so no face value is
    // shared between threads.
    const long nt = omp_get_num_threads(), tid = omp_get_thread_num();
    const long ja = p.ny * tid / nt, jb = p.ny * (tid + 1) / nt;
    const Prims q{h, u, v, eta};
    Faces xf(p.nx + 1), south(p.nx), north(p.nx);
    Slopes xs(p.nx + 2), ys(p.nx), ys_next(p.nx);  // x: cells -1..nx; y: cells 0..nx-1
    std::vector<double> fric(Friction ? p.nx : 0);
    if (ja < jb) {
      slopes<Lim>(q, long(p.idx(0, ja - 1)), s, p.nx, ys_next);
      slopes<Lim>(q, long(p.idx(0, ja)), s, p.nx, ys);
      y_faces(p, ja, q, ys_next, ys, g, tol, south);
    }
    for (long j = ja; j < jb; ++j) {
      slopes<Lim>(q, long(p.idx(0, j + 1)), s, p.nx, ys_next);
      y_faces(p, j + 1, q, ys, ys_next, g, tol, north);
      slopes<Lim>(q, long(p.idx(-1, j)), 1, p.nx + 2, xs);
      x_faces(p, j, q, xs, g, tol, xf);
      const double f = coriolis_at(phys, geo.y(p, j));
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
      update_row<Wind, Friction>(c, k0, p.nx, f, xf, south, north, xs, ys, fric.data());
      std::swap(south, north);
      std::swap(ys, ys_next);
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
