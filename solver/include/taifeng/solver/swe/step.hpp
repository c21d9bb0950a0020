#pragma once
// Time stepping of the 2-D shallow-water equations on one Patch: finite volumes, HLL flux
// (transverse momentum upwinded as in HLLC), MUSCL reconstruction of (h, u, v, eta),
// hydrostatic reconstruction (Audusse et al. 2004) for a well-balanced wet/dry bed, SSP-RK2
// (Heun) in time. Physics::order = 1 selects the first-order variant instead: no
// reconstruction slopes and one forward-Euler stage per step (same hydrostatic
// reconstruction, so still well balanced and depth-positive). Sources: Coriolis on a beta plane,
// wind stress, atmospheric pressure gradient (folded into the hydrostatic reconstruction as an
// effective bed b + p/(rho_w g), so the inverse-barometer state is at rest too), Manning friction
// (semi-implicit, unconditionally stable).
//
// Parallel design: a cell's new value depends only on the values in its stencil (2 cells
// in each direction) and is summed in a fixed order, so results are bitwise independent of
// the OpenMP thread count and of how the global grid is split into patches. The caller
// supplies the ghost values through a callback invoked before each RK stage (physical
// boundaries + halo exchange) and chooses dt, e.g. the global minimum of max_stable_dt.
#include <functional>
#include <vector>

#include "taifeng/solver/swe/patch.hpp"
#include "taifeng/solver/swe/physics.hpp"
#include "taifeng/solver/swe/state.hpp"

namespace taifeng::solver::swe {

// Atmospheric forcing on the patch, constant over one step. Each pointer is null (no
// forcing) or points to patch.size() values; p_atm must be valid in the ghost cells too
// (it enters the reconstruction), the winds only in the interior.
struct Forcing {
  const double* u10 = nullptr;    // 10 m wind, m/s east
  const double* v10 = nullptr;    // 10 m wind, m/s north
  const double* p_atm = nullptr;  // sea-level pressure, Pa (only its gradient matters)
};

// Reference pressure subtracted before p_atm enters the effective bed (round-off only).
inline constexpr double p_ref_pa = 101325.0;

// Patches with fewer interior cells than this run on one thread: below it the OpenMP
// start-up and barriers cost more than the work (much more on a busy machine). Results are
// bitwise the same either way.
inline constexpr long min_cells_for_threads = 8192;

// Fills the ghost cells of the given state (physical boundaries and halos).
using GhostFill = std::function<void(State&)>;

// The same, split so that communication overlaps computation: begin(state) starts filling
// the ghosts (posts a non-blocking halo exchange), finish(state) completes it (waits,
// unpacks, applies the physical boundaries). Between the two, each stage updates the cells
// at distance >= 2 from every patch edge (they read no ghost); after finish, the 2-cell edge
// strips. Every cell gets the same bits as with a GhostFill.
//
// x_ghosts_at_begin: begin() has already filled the x-side ghosts of the interior rows (a
// block with no neighbour in x: its x ghosts are physical boundaries, which depend on the
// same row only). Then the overlapped update covers whole rows 2 .. ny-3 and only the 2-row
// south and north strips wait for finish().
struct SplitGhostFill {
  std::function<void(State&)> begin, finish;
  bool x_ghosts_at_begin = false;
};

// Scratch arrays reused across steps (sized on first use).
struct Workspace {
  State stage;                       // U^(1) of the Heun scheme
  std::vector<double> bed_eff;       // bed + (p - p_ref)/(rho_w g)
  std::vector<double> tau_x, tau_y;  // wind stress / rho_w, m²/s²
};

// Largest dt allowed by the CFL condition on this patch's interior:
// dt = cfl / max((|u| + c)/dx + (|v| + c)/dy), c = sqrt(g h). cfl <= 0.5 keeps the depth
// non-negative except at wet/dry fronts, where the reconstructed face states move faster
// than the cell-centre speeds and depths of ~-1e-10 m are clipped to 0. Returns +infinity
// for a dry patch. Take the minimum over patches (MPI_MIN) for a global step.
double max_stable_dt(const Patch& p, const Geometry& geo, const Physics& phys, const State& s,
                     double cfl);

// Largest characteristic speed |u| + sqrt(g h) over the patch interior (m/s).
double max_wave_speed(const Patch& p, const Physics& phys, const State& s);

// Advance s by dt with SSP-RK2: fill(s); U1 = U + dt L(U); fill(U1); U = (U + U1 + dt L(U1))/2.
// With phys.order == 1 (first order) one forward-Euler stage: fill(s); U = U + dt L(U); the
// arrays of s are then swapped with w.stage's (their data pointers change, and the ghost
// cells of s are stale until the next fill). bed must be valid in the ghost cells.
void ssp_rk2_step(const Patch& p, const Geometry& geo, const Physics& phys,
                  const std::vector<double>& bed, const Forcing& forcing, State& s, Workspace& w,
                  double dt, const GhostFill& fill);

// ssp_rk2_step with the ghost filling overlapped with the interior update.
void ssp_rk2_step(const Patch& p, const Geometry& geo, const Physics& phys,
                  const std::vector<double>& bed, const Forcing& forcing, State& s, Workspace& w,
                  double dt, const SplitGhostFill& fill);

// Total water volume of the patch interior, sum of h dx dy (m³), summed in a fixed order.
double water_volume(const Patch& p, const Geometry& geo, const State& s);

}  // namespace taifeng::solver::swe
