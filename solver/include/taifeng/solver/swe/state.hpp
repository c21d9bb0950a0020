#pragma once
// Prognostic state and geometry of the shallow-water core on one Patch (patch.hpp).
// Conserved variables as structure of arrays: depth h (m) and discharges hu, hv (m²/s);
// the bed elevation b (m, positive up; free surface eta = h + b) is a separate static
// array of the same layout. Every array has patch.size() elements, ghosts included.
#include <vector>

#include "taifeng/solver/swe/patch.hpp"

namespace taifeng::solver::swe {

struct State {
  std::vector<double> h, hu, hv;

  State() = default;
  explicit State(const Patch& p) : h(p.size(), 0.0), hu(p.size(), 0.0), hv(p.size(), 0.0) {}
};

// Metric (Cartesian) grid: uniform cells dx × dy in metres. The global cell (0, 0) has its
// south-west corner at (x0, y0); x points east, y north.
struct Geometry {
  double dx = 1.0, dy = 1.0;
  double x0 = 0.0, y0 = 0.0;

  // Cell-centre coordinates of local cell (i, j) of patch p. Computed from the global index
  // so every patch of a split grid sees the same value (bitwise).
  double x(const Patch& p, long i) const { return x0 + (double(p.i0 + i) + 0.5) * dx; }
  double y(const Patch& p, long j) const { return y0 + (double(p.j0 + j) + 0.5) * dy; }
};

}  // namespace taifeng::solver::swe
