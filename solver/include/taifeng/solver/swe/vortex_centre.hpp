#pragma once
// Locating a vortex centre on a whole-grid shallow-water state (one Patch covering the
// grid): the extreme of relative vorticity (maximum of ζ·s, s = +1 for a cyclone in the
// northern hemisphere, −1 in the southern) or the minimum of the depth anomaly h − h_ref,
// searched among the cells within search_radius of a first guess, then refined below the
// grid spacing by a parabola through the extreme and its two neighbours in x and in y.
// Vorticity uses centred differences, ζ = ∂v/∂x − ∂u/∂y, on the interior cells that have
// wet neighbours.
#include <optional>
#include <vector>

#include "taifeng/solver/swe/patch.hpp"
#include "taifeng/solver/swe/state.hpp"

namespace taifeng::solver::swe {

enum class CentreMethod { vorticity, height };

struct CentreSearch {
  CentreMethod method = CentreMethod::vorticity;
  double x_guess = 0.0, y_guess = 0.0;  // m, the grid's coordinates (Geometry::x/y)
  double search_radius = 300e3;         // m
  double sign = 1.0;                    // vorticity: +1 northern-hemisphere cyclone, −1 southern
  // method height: the reference depth subtracted before the minimum (e.g. the
  // environment without the vortex); null = the depth itself.
  const std::vector<double>* h_ref = nullptr;
};

struct Centre {
  double x = 0.0, y = 0.0;  // m
  double value = 0.0;       // ζ·sign (1/s) or h − h_ref (m) at the extreme cell
  long i = 0, j = 0;        // extreme cell (local indices)
};

// nullopt when no interior cell lies within the search radius (the guess left the grid).
// The extreme cell is never on the outermost interior ring (its neighbours must exist for
// the parabola), so a centre on the edge is reported one cell inside.
std::optional<Centre> find_centre(const Patch& p, const Geometry& geo, const State& s,
                                  double dry_tolerance, const CentreSearch& search);

}  // namespace taifeng::solver::swe
