#pragma once
// Physical boundary conditions: fill the ghost cells of the sides of a patch that lie on
// the global boundary (patch.at_west() …). Ghosts toward neighbouring patches are the halo
// exchange's business and are never touched here.
#include <vector>

#include "taifeng/solver/swe/patch.hpp"
#include "taifeng/solver/swe/state.hpp"

namespace taifeng::solver::swe {

enum class BcKind {
  wall,     // reflective: depth mirrored, normal discharge mirrored with opposite sign
  outflow,  // transmissive: zero gradient of h, hu, hv
  level,    // prescribed free surface eta (m), velocity zero-gradient
};

struct SideBc {
  BcKind kind = BcKind::wall;
  double eta = 0.0;  // free-surface elevation for BcKind::level
};

struct Boundaries {
  SideBc west, east, south, north;
};

// Same condition on all four sides.
inline Boundaries all_sides(SideBc s) {
  return {s, s, s, s};
}

// Fill the ghost cells of physical sides (interior rows/columns only: the kernels never
// read corner ghosts). bed must have its ghosts set (fill_bed_ghosts or the caller).
void apply_physical_boundaries(const Patch& p, State& s, const std::vector<double>& bed,
                               const Boundaries& bc);

// Mirror the bed into the ghost cells of physical sides (ghost -k = interior k-1), so a
// wall sees the bed it mirrors. Halo sides keep whatever the caller put there.
void fill_bed_ghosts(const Patch& p, std::vector<double>& bed);

}  // namespace taifeng::solver::swe
