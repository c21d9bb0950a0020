#pragma once
// Numerical flux through one cell face (internal to solver/swe). Branch-free so the face
// loops vectorise: every select is a ternary on doubles (a blend), no early exits.
//
// Along the face normal, cells m2, m1 | p0, p1 (the face lies between m1 and p0). Arrays
// are addressed as k - 2s, k - s | k, k + s with s = 1 (x faces) or the row stride (y faces).
#include <algorithm>
#include <cmath>

#include <Eigen/Core>

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

// MUSCL: value of cell k - s on its p-side face, and of cell k on its m-side face.
template <class Lim>
inline double left(const double* q, long k, long s) {
  const double c = q[k - s];
  return c + 0.5 * Lim::slope(c - q[k - 2 * s], q[k] - c);
}
template <class Lim>
inline double right(const double* q, long k, long s) {
  const double c = q[k];
  return c - 0.5 * Lim::slope(c - q[k - s], q[k + s] - c);
}

// Fluxes through n consecutive faces of one row (x faces) or between two rows (y faces):
// face f lies between cells k0 + f - s and k0 + f. Outputs per face: mass = h u_n; trans =
// h u_n u_t (transverse momentum, upwinded as at an HLLC contact); norm_m / norm_p = normal
// momentum flux seen by the m-side / p-side cell, each with its hydrostatic correction.
//
// Done in chunks of 256 faces and three passes so each pass vectorises: reconstruction,
// sqrt through Eigen (its packet sqrt needs no errno branch, which blocks GCC's
// vectoriser on std::sqrt unless -fno-math-errno), HLL flux. sqrt is correctly rounded
// either way, so vector and scalar lanes give the same bits.
template <class Lim>
void row_fluxes(const double* __restrict h, const double* __restrict un,
                const double* __restrict ut, const double* __restrict eta, long k0, long s, long n,
                double g, double tol, double* __restrict mass, double* __restrict trans,
                double* __restrict norm_m, double* __restrict norm_p) {
  constexpr long chunk = 256;
  alignas(64) double hls[chunk], hrs[chunk], ul[chunk], ur[chunk], vl[chunk], vr[chunk];
  alignas(64) double dl[chunk], dr[chunk], cl[chunk], cr[chunk];
  for (long c0 = 0; c0 < n; c0 += chunk) {
    const long m = std::min(chunk, n - c0);
    const long kb = k0 + c0;
    // MUSCL: the m1 cell's value on its p-side face and the p0 cell's on its m-side face.
#pragma omp simd
    for (long i = 0; i < m; ++i) {
      const long k = kb + i;
      const double hl = left<Lim>(h, k, s), hr = right<Lim>(h, k, s);
      const double el = left<Lim>(eta, k, s), er = right<Lim>(eta, k, s);
      // Hydrostatic reconstruction (Audusse et al. 2004): one bed level per face.
      const double bstar = std::max(el - hl, er - hr);
      const double a = std::max(0.0, el - bstar), b = std::max(0.0, er - bstar);
      hls[i] = a;
      hrs[i] = b;
      ul[i] = left<Lim>(un, k, s);
      ur[i] = right<Lim>(un, k, s);
      vl[i] = left<Lim>(ut, k, s);
      vr[i] = right<Lim>(ut, k, s);
      // Pressure of the reconstructed minus the star depth, returned to each cell.
      dl[i] = 0.5 * g * (hl * hl - a * a);
      dr[i] = 0.5 * g * (hr * hr - b * b);
    }
    using Arr = Eigen::Array<double, Eigen::Dynamic, 1>;
    Eigen::Map<Arr>(cl, m) = (g * Eigen::Map<const Arr>(hls, m)).sqrt();
    Eigen::Map<Arr>(cr, m) = (g * Eigen::Map<const Arr>(hrs, m)).sqrt();
#pragma omp simd
    for (long i = 0; i < m; ++i) {
      const double a = hls[i], b = hrs[i];
      // HLL wave-speed bounds (Toro); a dry side moves at the wet side's u -/+ 2c.
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
