#pragma once
// Numerical flux through one cell face (internal to solver/swe). Branch-free so the face
// loops vectorise: every select is a ternary on doubles (a blend), no early exits.
//
// Along the face normal, cells m2, m1 | p0, p1 (the face lies between m1 and p0). Arrays
// are addressed as k - 2s, k - s | k, k + s with s = 1 (x faces) or the row stride (y faces).
#include <algorithm>
#include <cmath>

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
    const double m = std::min(std::min(2.0 * std::fabs(a), 2.0 * std::fabs(b)),
                              0.5 * std::fabs(a + b));
    return a * b > 0.0 ? std::copysign(m, a) : 0.0;
  }
};

struct FaceFlux {
  double mass;    // h u_n
  double trans;   // h u_n u_t (transverse momentum, upwinded)
  double norm_m;  // normal momentum flux as seen by the m1 cell (with its hydrostatic term)
  double norm_p;  // … as seen by the p0 cell
};

// h: depth, un/ut: normal/transverse velocity, eta: h + effective bed.
template <class Lim>
[[gnu::always_inline]] inline FaceFlux face_flux(const double* __restrict h,
                                                 const double* __restrict un,
                                                 const double* __restrict ut,
                                                 const double* __restrict eta, long k, long s,
                                                 double g, double tol) {
  // MUSCL: the m1 cell's value on its p-side face and the p0 cell's value on its m-side face.
  auto left = [&](const double* q) {
    const double c = q[k - s];
    return c + 0.5 * Lim::slope(c - q[k - 2 * s], q[k] - c);
  };
  auto right = [&](const double* q) {
    const double c = q[k];
    return c - 0.5 * Lim::slope(c - q[k - s], q[k + s] - c);
  };
  const double hl = left(h), hr = right(h);
  const double el = left(eta), er = right(eta);
  const double ul = left(un), ur = right(un);
  const double vl = left(ut), vr = right(ut);

  // Hydrostatic reconstruction (Audusse et al. 2004): one bed level per face.
  const double bstar = std::max(el - hl, er - hr);
  const double hls = std::max(0.0, el - bstar);
  const double hrs = std::max(0.0, er - bstar);

  // HLL wave-speed bounds (Toro); a dry side moves at the wet side's u -/+ 2c.
  const double cl = std::sqrt(g * hls), cr = std::sqrt(g * hrs);
  double sl = std::min(ul - cl, ur - cr);
  double sr = std::max(ul + cl, ur + cr);
  sl = hls > tol ? sl : ur - 2.0 * cr;
  sr = hrs > tol ? sr : ul + 2.0 * cl;
  const double slm = std::min(sl, 0.0), srp = std::max(sr, 0.0);
  const double den = srp - slm;
  const double inv = den > 0.0 ? 1.0 / (den > 0.0 ? den : 1.0) : 0.0;

  const double ql = hls * ul, qr = hrs * ur;
  const double pl = 0.5 * g * hls * hls, pr = 0.5 * g * hrs * hrs;
  FaceFlux f;
  f.mass = (srp * ql - slm * qr + slm * srp * (hrs - hls)) * inv;
  const double fm = (srp * (ql * ul + pl) - slm * (qr * ur + pr) + slm * srp * (qr - ql)) * inv;
  // Transverse momentum carried by the mass flux from the upwind side (HLLC contact).
  f.trans = f.mass * (f.mass >= 0.0 ? vl : vr);
  // Hydrostatic correction: pressure of the reconstructed minus the star depth.
  f.norm_m = fm + 0.5 * g * (hl * hl - hls * hls);
  f.norm_p = fm + 0.5 * g * (hr * hr - hrs * hrs);
  return f;
}

}  // namespace taifeng::solver::swe::detail
