#include "taifeng/solver/swe/relax.hpp"

#include <algorithm>

#include "taifeng/core/error.hpp"

namespace taifeng::solver::swe {

std::vector<double> relaxation_weights(const Patch& p, double width) {
  TAIFENG_CHECK(width > 0.0, "relaxation zone width must be positive");
  std::vector<double> w(p.size(), 0.0);
  for (long j = 0; j < p.ny; ++j)
    for (long i = 0; i < p.nx; ++i) {
      const long gi = p.i0 + i, gj = p.j0 + j;
      const long d = std::min(std::min(gi, p.gnx - 1 - gi), std::min(gj, p.gny - 1 - gj));
      const double x = (width - double(d)) / width;
      w[p.idx(i, j)] = x > 0.0 ? x * x : 0.0;
    }
  return w;
}

void relax_toward(const Patch& p, const std::vector<double>& w, double dt_over_tau, const State& a,
                  const State& b, double wb, State& s) {
  TAIFENG_CHECK(w.size() == p.size() && a.h.size() == p.size() && b.h.size() == p.size() &&
                    s.h.size() == p.size(),
                "relax_toward: arrays must have patch.size() elements");
#pragma omp parallel for schedule(static) if (p.nx * p.ny >= 8192)
  for (long j = 0; j < p.ny; ++j)
    for (long i = 0; i < p.nx; ++i) {
      const std::size_t k = p.idx(i, j);
      if (w[k] <= 0.0) continue;
      const double c = std::min(1.0, w[k] * dt_over_tau);
      const double h = a.h[k] + wb * (b.h[k] - a.h[k]);
      const double hu = a.hu[k] + wb * (b.hu[k] - a.hu[k]);
      const double hv = a.hv[k] + wb * (b.hv[k] - a.hv[k]);
      s.h[k] += c * (h - s.h[k]);
      s.hu[k] += c * (hu - s.hu[k]);
      s.hv[k] += c * (hv - s.hv[k]);
    }
}

void relax_toward(const Patch& p, const std::vector<double>& w, double dt_over_tau,
                  const State& ref, State& s) {
  relax_toward(p, w, dt_over_tau, ref, ref, 0.0, s);
}

}  // namespace taifeng::solver::swe
