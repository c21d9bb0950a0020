#include "taifeng/solver/swe/vortex_centre.hpp"

#include <cmath>
#include <limits>

#include "taifeng/core/error.hpp"

namespace taifeng::solver::swe {
namespace {

// Offset of the vertex of the parabola through (−1, a), (0, b), (1, c), in [−0.5, 0.5].
double vertex_offset(double a, double b, double c) {
  const double den = a - 2.0 * b + c;
  if (!(std::fabs(den) > 0.0)) return 0.0;
  const double d = 0.5 * (a - c) / den;
  return std::isfinite(d) ? std::max(-0.5, std::min(0.5, d)) : 0.0;
}

}  // namespace

std::optional<Centre> find_centre(const Patch& p, const Geometry& geo, const State& s, double tol,
                                  const CentreSearch& q) {
  TAIFENG_CHECK(p.nx >= 3 && p.ny >= 3, "find_centre needs at least 3 x 3 cells");
  TAIFENG_CHECK(
      q.method != CentreMethod::height || q.h_ref == nullptr || q.h_ref->size() == p.size(),
      "h_ref must have patch.size() elements");
  // Score to maximise at cell (i, j); NaN where undefined.
  auto vel = [&](long i, long j, bool x_component) {
    const std::size_t k = p.idx(i, j);
    const double h = s.h[k];
    if (!(h > tol)) return std::numeric_limits<double>::quiet_NaN();
    return (x_component ? s.hu[k] : s.hv[k]) / h;
  };
  auto score = [&](long i, long j) {
    if (q.method == CentreMethod::vorticity) {
      const double dvdx = (vel(i + 1, j, false) - vel(i - 1, j, false)) / (2.0 * geo.dx);
      const double dudy = (vel(i, j + 1, true) - vel(i, j - 1, true)) / (2.0 * geo.dy);
      return q.sign * (dvdx - dudy);
    }
    const std::size_t k = p.idx(i, j);
    const double ref = q.h_ref ? (*q.h_ref)[k] : 0.0;
    return -(s.h[k] - ref);
  };
  // Cells 1..n-2 so that every score and every parabola neighbour is an interior cell.
  const double r2 = q.search_radius * q.search_radius;
  std::optional<Centre> best;
  double best_score = -std::numeric_limits<double>::infinity();
  for (long j = 1; j + 1 < p.ny; ++j) {
    const double dy = geo.y(p, j) - q.y_guess;
    if (dy * dy > r2) continue;
    for (long i = 1; i + 1 < p.nx; ++i) {
      const double dx = geo.x(p, i) - q.x_guess;
      if (dx * dx + dy * dy > r2) continue;
      const double v = score(i, j);
      if (v > best_score) {  // NaN never wins; ties keep the first (row-major) cell
        best_score = v;
        best = Centre{0.0, 0.0, v, i, j};
      }
    }
  }
  if (!best) return std::nullopt;
  const long i = best->i, j = best->j;
  double ox = 0.0, oy = 0.0;
  if (i >= 2 && i + 2 < p.nx) ox = vertex_offset(score(i - 1, j), best_score, score(i + 1, j));
  if (j >= 2 && j + 2 < p.ny) oy = vertex_offset(score(i, j - 1), best_score, score(i, j + 1));
  best->x = geo.x(p, i) + ox * geo.dx;
  best->y = geo.y(p, j) + oy * geo.dy;
  if (q.method == CentreMethod::height) best->value = -best->value;
  return best;
}

}  // namespace taifeng::solver::swe
