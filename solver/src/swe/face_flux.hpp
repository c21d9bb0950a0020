#pragma once
// Numerical flux through one cell face (internal to solver/swe). Branch-free so the face
// loops vectorise: every select is a ternary on doubles (a blend), no early exits.
//
// Along the face normal, cells m2, m1 | p0, p1 (the face lies between m1 and p0); the
// limited slope of each cell is computed once (cell_slopes) and reused by both its faces.
#include <algorithm>
#include <cmath>

#include "sqrt_g.hpp"

namespace taifeng::solver::swe::detail {

// Limited slope from the backward difference a and the forward difference b.
struct Minmod {
  static double slope(double a, double b) {
    const double m = std::min(std::fabs(a), std::fabs(b));
    return a * b > 0.0 ? std::copysign(m, a) : 0.0;
  }
};

// Monotonised central (van Leer 1977): minmod(2a, 2b, (a + b)/2).
struct Mc {
  static double slope(double a, double b) {
    const double m =
        std::min(std::min(2.0 * std::fabs(a), 2.0 * std::fabs(b)), 0.5 * std::fabs(a + b));
    return a * b > 0.0 ? std::copysign(m, a) : 0.0;
  }
};

// Limited slopes of n consecutive cells from their values c and those of their backward
// (m) and forward (p) neighbours along one direction, computed once per cell and shared by
// both faces of the cell and by the bed source term: out[i] = Lim::slope(c - m, p - c).
template <class Lim>
void cell_slopes(const double* __restrict m, const double* __restrict c, const double* __restrict p,
                 long n, double* __restrict out) {
#pragma omp simd
  for (long i = 0; i < n; ++i) out[i] = Lim::slope(c[i] - m[i], p[i] - c[i]);
}

// Cell values and their limited slopes (normal direction of the faces) on one side of a row
// of faces, indexed by face: h, eta, normal velocity un, transverse velocity ut. The slopes
// are not read in first order (Muscl = false) and may be null.
struct FaceSide {
  const double *h, *eta, *un, *ut;      // cell values
  const double *sh, *seta, *sun, *sut;  // limited slopes of the same cells
};

// Fluxes through n faces; face f lies between cell m[f] (m side) and cell p[f] (p side).
// MUSCL: the m cell's value on its p-side face is q + slope/2, the p cell's value on its
// m-side face q - slope/2; first order (Muscl = false): the cell values themselves. Outputs per
// face: mass = h u_n; trans = h u_n u_t (transverse momentum, upwinded as at an HLLC contact);
// norm_m / norm_p = normal momentum flux seen by the m-side / p-side cell, each with its
// hydrostatic correction.
//
// Done in chunks of 256 faces and three passes so each pass vectorises: reconstruction,
// sqrt (sqrt_g), HLL flux.
template <bool Muscl>
void face_fluxes(const FaceSide& ms, const FaceSide& ps, long n, double g, double tol,
                 double* __restrict mass, double* __restrict trans, double* __restrict norm_m,
                 double* __restrict norm_p) {
  const double* __restrict hm = ms.h;
  const double* __restrict em = ms.eta;
  const double* __restrict um = ms.un;
  const double* __restrict vm = ms.ut;
  const double* __restrict shm = ms.sh;
  const double* __restrict sem = ms.seta;
  const double* __restrict sum = ms.sun;
  const double* __restrict svm = ms.sut;
  const double* __restrict hp = ps.h;
  const double* __restrict ep = ps.eta;
  const double* __restrict up = ps.un;
  const double* __restrict vp = ps.ut;
  const double* __restrict shp = ps.sh;
  const double* __restrict sep = ps.seta;
  const double* __restrict sup = ps.sun;
  const double* __restrict svp = ps.sut;
  constexpr long chunk = 256;
  alignas(64) double hls[chunk], hrs[chunk], ul[chunk], ur[chunk], vl[chunk], vr[chunk];
  alignas(64) double dl[chunk], dr[chunk], cl[chunk], cr[chunk];
  for (long c0 = 0; c0 < n; c0 += chunk) {
    const long m = std::min(chunk, n - c0);
#pragma omp simd
    for (long i = 0; i < m; ++i) {
      const long f = c0 + i;
      double hl = hm[f], hr = hp[f], el = em[f], er = ep[f];
      double uml = um[f], upr = up[f], vml = vm[f], vpr = vp[f];
      if constexpr (Muscl) {
        hl += 0.5 * shm[f], hr -= 0.5 * shp[f];
        el += 0.5 * sem[f], er -= 0.5 * sep[f];
        uml += 0.5 * sum[f], upr -= 0.5 * sup[f];
        vml += 0.5 * svm[f], vpr -= 0.5 * svp[f];
      }
      // Hydrostatic reconstruction (Audusse et al. 2004): one bed level per
      // face.
      const double bstar = std::max(el - hl, er - hr);
      const double a = std::max(0.0, el - bstar), b = std::max(0.0, er - bstar);
      hls[i] = a;
      hrs[i] = b;
      ul[i] = uml;
      ur[i] = upr;
      vl[i] = vml;
      vr[i] = vpr;
      // Pressure of the reconstructed minus the star depth, returned to each
      // cell.
      dl[i] = 0.5 * g * (hl * hl - a * a);
      dr[i] = 0.5 * g * (hr * hr - b * b);
    }
    sqrt_g(hls, g, m, cl);
    sqrt_g(hrs, g, m, cr);
#pragma omp simd
    for (long i = 0; i < m; ++i) {
      const double a = hls[i], b = hrs[i];
      // HLL wave-speed bounds (Toro); a dry side moves at the wet side's u -/+
      // 2c.
      const double sl_wet = std::min(ul[i] - cl[i], ur[i] - cr[i]);
      const double sr_wet = std::max(ul[i] + cl[i], ur[i] + cr[i]);
      const double sl_dry = ur[i] - 2.0 * cr[i], sr_dry = ul[i] + 2.0 * cl[i];
      const double sl = a > tol ? sl_wet : sl_dry;
      const double sr = b > tol ? sr_wet : sr_dry;
      const double slm = std::min(sl, 0.0), srp = std::max(sr, 0.0);
      const double den = srp - slm;
      const double rden = 1.0 / (den > 0.0 ? den : 1.0);  // both sides dry: all fluxes 0
      const double inv = den > 0.0 ? rden : 0.0;
      const double ql = a * ul[i], qr = b * ur[i];
      const double pl = 0.5 * g * a * a, pr = 0.5 * g * b * b;
      const double fh = (srp * ql - slm * qr + slm * srp * (b - a)) * inv;
      const double fm =
          (srp * (ql * ul[i] + pl) - slm * (qr * ur[i] + pr) + slm * srp * (qr - ql)) * inv;
      mass[c0 + i] = fh;
      const double vup = fh >= 0.0 ? vl[i] : vr[i];
      trans[c0 + i] = fh * vup;
      norm_m[c0 + i] = fm + dl[i];
      norm_p[c0 + i] = fm + dr[i];
    }
  }
}

}  // namespace taifeng::solver::swe::detail
