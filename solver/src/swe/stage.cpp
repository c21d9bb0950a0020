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
#include "taifeng/core/error.hpp"

namespace taifeng::solver::swe::detail {
namespace {

// Primitives of n consecutive cells: u = hu/h, v = hv/h (0 where dry), eta = h + bed.
TAIFENG_SWE_CLONES void primitives_row(const double* __restrict h, const double* __restrict hu,
                                       const double* __restrict hv, const double* __restrict bed,
                                       double tol, long n, double* __restrict u,
                                       double* __restrict v, double* __restrict eta) {
#pragma omp simd
  for (long k = 0; k < n; ++k) {
    // 1/h or 0 when dry, without a branch: GCC does not if-convert a select with
    // arithmetic in an arm (it might trap), so the loop would not vectorise.
    const double hk = h[k];
    const double rh = double(hk > tol) / std::max(hk, tol);
    u[k] = hu[k] * rh;
    v[k] = hv[k] * rh;
    eta[k] = hk + bed[k];
  }
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

// One row of cells: pointers to its interior cell 0 (ghost columns at negative offsets).
struct Row {
  const double *h, *u, *v, *eta;
};

// Primitives of the rows of a thread's block, computed row by row just before use into a
// ring of three rows (ghost columns included; the y slopes of row j need rows j-1..j+1).
// No whole-patch u, v, eta arrays: that saved writing and re-reading three patch-sized
// arrays per stage (the pass was memory-bound).
// Only the columns [ia - ghost, ib + ghost) of a box's rows are computed.
class PrimRing {
 public:
  PrimRing(const Patch& p, const State& in, const double* bed, double tol, long ia, long ib)
      : p_(p),
        in_(in),
        bed_(bed),
        tol_(tol),
        ia_(ia),
        n_(ib - ia + 2 * p.ghost),
        buf_(std::size_t(9 * n_)) {}

  // Compute the primitives of row j (overwrites row j - 3).
  void compute(long j) {
    const long k = long(p_.idx(ia_ - p_.ghost, j));
    double* b = buf_.data() + slot(j);
    primitives_row(in_.h.data() + k, in_.hu.data() + k, in_.hv.data() + k, bed_ + k, tol_, n_, b,
                   b + n_, b + 2 * n_);
  }
  // Row j from its box cell ia, which must be one of the last three computed.
  Row row(long j) const {
    const long n = n_, g = p_.ghost;
    const double* b = buf_.data() + slot(j);
    return {in_.h.data() + p_.idx(ia_, j), b + g, b + n + g, b + 2 * n + g};
  }

 private:
  long slot(long j) const { return ((j % 3 + 3) % 3) * 3 * n_; }
  const Patch& p_;
  const State& in_;
  const double* bed_;
  double tol_;
  long ia_, n_;
  std::vector<double> buf_;
};

// x slopes of the n + 2 cells -1..n of a row.
template <class Lim>
TAIFENG_SWE_CLONES void x_slopes(const Row& r, long n, Slopes& out) {
  cell_slopes<Lim>(r.h - 2, r.h - 1, r.h, n + 2, out.h.data());
  cell_slopes<Lim>(r.eta - 2, r.eta - 1, r.eta, n + 2, out.eta.data());
  cell_slopes<Lim>(r.u - 2, r.u - 1, r.u, n + 2, out.u.data());
  cell_slopes<Lim>(r.v - 2, r.v - 1, r.v, n + 2, out.v.data());
}

// y slopes of the n cells 0..n-1 of row c from rows m (south) and p (north).
template <class Lim>
TAIFENG_SWE_CLONES void y_slopes(const Row& m, const Row& c, const Row& p, long n, Slopes& out) {
  cell_slopes<Lim>(m.h, c.h, p.h, n, out.h.data());
  cell_slopes<Lim>(m.eta, c.eta, p.eta, n, out.eta.data());
  cell_slopes<Lim>(m.u, c.u, p.u, n, out.u.data());
  cell_slopes<Lim>(m.v, c.v, p.v, n, out.v.data());
}

// The n + 1 x faces of row r; xs holds the x slopes of cells -1..n (MUSCL only).
template <bool Muscl>
TAIFENG_SWE_CLONES void x_faces(const Row& r, long n, const Slopes& xs, double g, double tol,
                                Faces& f) {
  const FaceSide m{r.h - 1,     r.eta - 1,     r.u - 1,     r.v - 1,
                   xs.h.data(), xs.eta.data(), xs.u.data(), xs.v.data()};
  const FaceSide pp{
      r.h, r.eta, r.u, r.v, xs.h.data() + 1, xs.eta.data() + 1, xs.u.data() + 1, xs.v.data() + 1};
  face_fluxes<Muscl>(m, pp, n + 1, g, tol, f.mass.data(), f.trans.data(), f.norm_m.data(),
                     f.norm_p.data());
}

// The n faces between rows s (south) and r (north); ys_s / ys_n hold the y slopes of cells
// 0..n-1 of those rows (MUSCL only).
template <bool Muscl>
TAIFENG_SWE_CLONES void y_faces(const Row& s, const Row& r, long n, const Slopes& ys_s,
                                const Slopes& ys_n, double g, double tol, Faces& f) {
  const FaceSide m{s.h,           s.eta,           s.v,           s.u,
                   ys_s.h.data(), ys_s.eta.data(), ys_s.v.data(), ys_s.u.data()};
  const FaceSide pp{r.h,           r.eta,           r.v,           r.u,
                    ys_n.h.data(), ys_n.eta.data(), ys_n.v.data(), ys_n.u.data()};
  face_fluxes<Muscl>(m, pp, n, g, tol, f.mass.data(), f.trans.data(), f.norm_m.data(),
                     f.norm_p.data());
}

// Pointers and constants of one stage shared by all rows.
struct StageCtx {
  const State *in, *base;
  State* out;  // base and out may be the same state (second Heun stage)
  const double *tx, *ty;
  double g, tol, rdx, rdy, a, b, rwind, dt;
};

// New values of the n cells of one row starting at array index k0 (f: Coriolis parameter,
// fric: Manning factors, read only if Friction; slopes read only if Muscl).
template <bool Wind, bool Friction, bool Muscl>
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
    const double lh = -(xm[i + 1] - xm[i]) * rdx - (nm[i] - sm[i]) * rdy;
    double lhu = -(xl[i + 1] - xr[i]) * rdx - (nn[i] - st[i]) * rdy;
    double lhv = -(xt[i + 1] - xt[i]) * rdx - (nl[i] - sp[i]) * rdy;
    if constexpr (Muscl) {
      // Centred part of the hydrostatic bed source: -g h (b_east - b_west) with
      // b = eta - h on the reconstructed faces, i.e. g h (slope h - slope eta); zero in
      // first order, where the face values are the cell values.
      lhu += g * hk * (sxh_c[i] - sxe_c[i]) * rdx;
      lhv += g * hk * (syh_c[i] - sye_c[i]) * rdy;
    }
    lhu += f * hv[k];
    lhv -= f * hu[k];
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

// Lim is ignored when Muscl is false (first order: no slopes at all).
template <class Lim, bool Muscl, bool Wind, bool Friction>
void stage_impl(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& fin,
                const State& in, const State& base, double a, State& out, double dt,
                const CellBox& box) {
  const double g = phys.g, tol = phys.dry_tolerance;
  const double rdx = 1.0 / geo.dx, rdy = 1.0 / geo.dy;
  const double b = 1.0 - a;
  const double rwind = 1.0 / phys.wind_min_depth;
  const double gn2 = g * phys.manning_n * phys.manning_n;
  const long nx = box.ib - box.ia;  // cells per row of the box
  const StageCtx c{&in, &base, &out, fin.tau_x, fin.tau_y, g, tol, rdx, rdy, a, b, rwind, dt};

#pragma omp parallel if (nx * (box.jb - box.ja) >= min_cells_for_threads)
  {
    // Contiguous blocks of rows per thread; the face below a block (and the primitives and
    // slopes it needs) is recomputed by its thread (same inputs, same bits), so no face
    // value is shared between threads.
    const long nt = omp_get_num_threads(), tid = omp_get_thread_num();
    const long rows = box.jb - box.ja;
    const long ja = box.ja + rows * tid / nt, jb = box.ja + rows * (tid + 1) / nt;
    PrimRing prims(p, in, fin.bed_eff, tol, box.ia, box.ib);
    Faces xf(nx + 1), south(nx), north(nx);
    // x: cells -1..nx; y: cells 0..nx-1 (empty in first order)
    const long ns = Muscl ? nx : 0;
    Slopes xs(Muscl ? nx + 2 : 0), ys(ns), ys_next(ns);
    std::vector<double> fric(Friction ? nx : 0);
    if (ja < jb) {
      if constexpr (Muscl) {
        prims.compute(ja - 2);
        prims.compute(ja - 1);
        prims.compute(ja);
        y_slopes<Lim>(prims.row(ja - 2), prims.row(ja - 1), prims.row(ja), nx, ys_next);
        prims.compute(ja + 1);
        y_slopes<Lim>(prims.row(ja - 1), prims.row(ja), prims.row(ja + 1), nx, ys);
      } else {
        prims.compute(ja - 1);
        prims.compute(ja);
      }
      y_faces<Muscl>(prims.row(ja - 1), prims.row(ja), nx, ys_next, ys, g, tol, south);
    }
    for (long j = ja; j < jb; ++j) {
      if constexpr (Muscl) {
        prims.compute(j + 2);  // overwrites row j - 1, no longer needed
        y_slopes<Lim>(prims.row(j), prims.row(j + 1), prims.row(j + 2), nx, ys_next);
      } else {
        prims.compute(j + 1);
      }
      const Row r = prims.row(j);
      y_faces<Muscl>(r, prims.row(j + 1), nx, ys, ys_next, g, tol, north);
      if constexpr (Muscl) x_slopes<Lim>(r, nx, xs);
      x_faces<Muscl>(r, nx, xs, g, tol, xf);
      const double f = coriolis_at(phys, geo.y(p, j));
      const long k0 = long(p.idx(box.ia, j));
      if constexpr (Friction) {
        // Manning: d(hu)/dt = -g n² |u| hu / h^(4/3), taken implicitly in hu with |u|, h
        // of the stage input: factor 1 / (1 + dt g n² |u| / h^(4/3)).
        for (long i = 0; i < nx; ++i) {
          const double speed = std::sqrt(r.u[i] * r.u[i] + r.v[i] * r.v[i]);
          const double h43 = std::pow(std::max(r.h[i], tol), 4.0 / 3.0);
          fric[i] = 1.0 / (1.0 + dt * gn2 * speed / h43);
        }
      }
      update_row<Wind, Friction, Muscl>(c, k0, nx, f, xf, south, north, xs, ys, fric.data());
      std::swap(south, north);
      if constexpr (Muscl) std::swap(ys, ys_next);
    }
  }
}

template <class Lim, bool Muscl>
void dispatch_sources(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& f,
                      const State& in, const State& base, double a, State& out, double dt,
                      const CellBox& b) {
  const bool wind = f.tau_x != nullptr, fric = phys.manning_n > 0.0;
  if (wind && fric)
    stage_impl<Lim, Muscl, true, true>(p, geo, phys, f, in, base, a, out, dt, b);
  else if (wind)
    stage_impl<Lim, Muscl, true, false>(p, geo, phys, f, in, base, a, out, dt, b);
  else if (fric)
    stage_impl<Lim, Muscl, false, true>(p, geo, phys, f, in, base, a, out, dt, b);
  else
    stage_impl<Lim, Muscl, false, false>(p, geo, phys, f, in, base, a, out, dt, b);
}

}  // namespace

void rk_stage(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& f,
              const State& in, const State& base, double a, State& out, double dt,
              const CellBox& box) {
  if (box.empty()) return;
  TAIFENG_CHECK(box.ia >= 0 && box.ib <= p.nx && box.ja >= 0 && box.jb <= p.ny,
                "rk_stage: box outside the patch interior");
  if (phys.order == 1)
    dispatch_sources<Minmod, false>(p, geo, phys, f, in, base, a, out, dt, box);
  else if (phys.limiter == Limiter::minmod)
    dispatch_sources<Minmod, true>(p, geo, phys, f, in, base, a, out, dt, box);
  else
    dispatch_sources<Mc, true>(p, geo, phys, f, in, base, a, out, dt, box);
}

void rk_stage(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& f,
              const State& in, const State& base, double a, State& out, double dt) {
  rk_stage(p, geo, phys, f, in, base, a, out, dt, CellBox{0, p.nx, 0, p.ny});
}

}  // namespace taifeng::solver::swe::detail
