#pragma once
// Fast surface wind speed field for ensembles (Monte Carlo wind probabilities): the physics
// of wind_speed_field (wind_field.hpp, any WindOptions::profile) with four shortcuts, all
// per call:
//  - the surface speed magnitude V(r) (gradient_speed of the state's radial profile x
//    surface_factor) from a radial look-up table, linearly interpolated: spacing
//    fast_table_step_km up to fast_table_split_km(Rm) = 3 Rm + 30 km, where the profile has
//    its curvature (eye, eyewall, the Willoughby blending zone), and fast_table_outer_step_km
//    beyond, where it is smooth (interpolation error h²/8 |V''| below 0.01 m/s on either
//    part for Rm >= 10 km; the coarse outer part makes the table about 2.5x cheaper to fill);
//  - local tangent-plane geometry: dx = R cos(phi_m) dlambda, dy = R dphi (km), phi_m the
//    mean of the centre and row latitudes (one cos per row); the radial and tangential unit
//    vectors come from dx/dy directly (no trigonometry per point). Distance error against
//    the great circle: < 0.02 % at 500 km and < 0.06 % at 1000 km for |lat| <= 25 (0.45 %
//    at 1000 km and 60N). With the centre latitude instead of phi_m it would be 0.74 % at
//    500 km and 25N, which is why phi_m is used;
//  - single precision (float, 4 SIMD lanes) for the per-point arithmetic and the table:
//    relative rounding ~1e-7, i.e. ~1e-5 m/s, far below the other approximations;
//  - only the rows/columns that can lie within max_radius_km of the centre are visited;
//    everything else is 0. Points whose plane distance is within 1 % of max_radius_km are
//    decided with the exact great-circle distance (double precision), so the cut-off is that
//    of the exact kernel (the same set of non-zero points).
// The result differs from wind_speed_field by the distance/direction approximation, the
// table interpolation and the rounding: in tests <= 0.5 m/s and <= 1.5 % where the exact
// speed > 5 m/s (measured: a few hundredths of a m/s).
// Outside its range of validity (max_radius_km > 1000 or |centre latitude| > 60) it calls
// wind_speed_field. OpenMP over rows; the value of every point does not depend on the
// thread count.
#include <cstdint>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/solver/wind_field.hpp"

namespace taifeng::solver {

inline constexpr double fast_table_step_km = 0.25;       // V(r) table spacing near the centre
inline constexpr double fast_table_outer_step_km = 2.0;  // and beyond fast_table_split_km
// Radius (km) where the table changes from the fine to the coarse spacing.
inline constexpr double fast_table_split_km(double rmw_km) {
  return 3.0 * rmw_km + 30.0;
}
inline constexpr double fast_max_radius_km = 1000.0;
inline constexpr double fast_max_abs_lat = 60.0;

// Wind speed at every grid point (speed[j*nlon + i]), land_mask empty or one byte per point.
void wind_speed_field_fast(const StormState& s, const WindOptions& o, const Grid& grid,
                           const std::vector<std::uint8_t>& land_mask, double* speed);

}  // namespace taifeng::solver
