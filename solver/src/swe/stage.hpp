#pragma once
// One forward-Euler stage of the shallow-water core (internal to solver/swe):
// out = a * base + (1 - a) * (in + dt L(in)), then semi-implicit Manning friction on the
// stage value, non-negative depth and zero velocity in dry cells.
#include "taifeng/solver/swe/step.hpp"

// The hot kernels are also compiled for AVX2 and picked at run time (function
// multiversioning), so the binary still runs on any x86-64. Bitwise the same results: the
// same operations in wider vectors, no FMA (avx2 does not enable fma, and ISO C++ mode
// keeps -ffp-contract=off), the only reduction is a max (exact in any order). flatten
// inlines the helpers so they are compiled for the clone's target too.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define TAIFENG_SWE_CLONES __attribute__((target_clones("avx2", "default"), flatten))
#else
#define TAIFENG_SWE_CLONES
#endif

namespace taifeng::solver::swe::detail {

struct StageInput {
  const double* bed_eff;  // bed + pressure head, patch.size(), ghosts valid
  const double* tau_x;    // wind stress / rho_w or null
  const double* tau_y;
};

// Local interior cells [ia, ib) x [ja, jb) of a patch.
struct CellBox {
  long ia = 0, ib = 0, ja = 0, jb = 0;
  bool empty() const { return ia >= ib || ja >= jb; }
};

// phys.order 1: first-order reconstruction (no slopes); 2: MUSCL with phys.limiter. out
// must not be in (rows are read by their neighbours' faces); it may be base. Only the cells
// of `box` are updated, reading `in` within 2 cells of it (default: the whole interior). A
// cell's new value is the same, bit for bit, whichever box it is updated in.
void rk_stage(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& f,
              const State& in, const State& base, double a, State& out, double dt);
void rk_stage(const Patch& p, const Geometry& geo, const Physics& phys, const StageInput& f,
              const State& in, const State& base, double a, State& out, double dt,
              const CellBox& box);

}  // namespace taifeng::solver::swe::detail
