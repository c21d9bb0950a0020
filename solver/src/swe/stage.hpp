#pragma once
// One forward-Euler stage of the shallow-water core (internal to solver/swe):
// out = a * base + (1 - a) * (in + dt L(in)), then semi-implicit Manning friction on the
// stage value, non-negative depth and zero velocity in dry cells.
#include "taifeng/solver/swe/step.hpp"

namespace taifeng::solver::swe::detail {

struct StageInput {
  const double* bed_eff;  // bed + pressure head, patch.size(), ghosts valid
  const double* tau_x;    // wind stress / rho_w or null
  const double* tau_y;
};

// w.u, w.v, w.eta are overwritten with the primitives of `in` (all cells, ghosts included).
void rk_stage(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& f,
              const State& in, const State& base, double a, State& out, Workspace& w, double dt);

}  // namespace taifeng::solver::swe::detail
