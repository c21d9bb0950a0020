#pragma once
// Boundary relaxation (Davies 1976) for a limited-area shallow-water model driven by an
// outer state: in a zone along the global boundary the state is nudged toward a reference
// (the environment from the driving analysis), U ← U + c (U_ref − U) with
// c = min(1, w dt / tau). The weight w is 1 on the outermost interior cells and falls to 0
// over `width` cells as ((width − d) / width)², d = distance in cells from the edge.
#include <vector>

#include "taifeng/solver/swe/patch.hpp"
#include "taifeng/solver/swe/state.hpp"

namespace taifeng::solver::swe {

// Weights of the patch's cells (patch.size() values; ghosts get 0), computed from global
// indices so a split grid sees the same weights.
std::vector<double> relaxation_weights(const Patch& p, double width_cells);

// s ← s + min(1, w dt/tau)(ref − s) on the interior cells with w > 0 (h, hu, hv alike).
void relax_toward(const Patch& p, const std::vector<double>& weight, double dt_over_tau,
                  const State& ref, State& s);
// The same toward ref = ref_a + w_b (ref_b − ref_a), a reference between two driving-field
// times, interpolated only in the cells with w > 0 (the relaxation zone).
void relax_toward(const Patch& p, const std::vector<double>& weight, double dt_over_tau,
                  const State& ref_a, const State& ref_b, double w_b, State& s);

}  // namespace taifeng::solver::swe
