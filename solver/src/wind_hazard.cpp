#include "taifeng/solver/wind_hazard.hpp"

#include <algorithm>
#include <cmath>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"

namespace taifeng::solver {

int substeps(const Track& track, const std::vector<TimePoint>& times, std::size_t k) {
  if (k == 0) return 1;
  const StormState a = storm_state_at(track, times[k - 1]);
  const StormState b = storm_state_at(track, times[k]);
  const double moved_km = great_circle_km(a.centre, b.centre);
  const double limit_km = 0.5 * std::min(a.rmw_km, b.rmw_km);
  // The small tolerance keeps an exact multiple (100 km / 20 km) from rounding up.
  return std::max(1, int(std::ceil(moved_km / std::max(limit_km, 1.0) - 1e-9)));
}

void wind_hazard_range(const Track& track, const std::vector<TimePoint>& times, std::size_t k0,
                       std::size_t k1, const Grid& grid, const std::vector<std::uint8_t>& land_mask,
                       const WindOptions& opt, double* hourly, double* swath) {
  TAIFENG_CHECK(k0 <= k1 && k1 <= times.size(), "output range");
  const std::size_t n = grid.size();
  std::vector<double> sub(n);
  for (std::size_t k = k0; k < k1; ++k) {
    double* out = hourly + (k - k0) * n;
    const int m = substeps(track, times, k);
    for (int s = 1; s <= m; ++s) {
      // The last sub-step is the output time itself.
      const bool last = s == m;
      const TimePoint t = k == 0 ? times[0] : times[k - 1] + (times[k] - times[k - 1]) * s / m;
      double* target = last ? out : sub.data();
      wind_speed_field(storm_state_at(track, t), opt, grid, land_mask, target);
#pragma omp parallel for schedule(static)
      for (std::size_t idx = 0; idx < n; ++idx) swath[idx] = std::max(swath[idx], target[idx]);
    }
  }
}

}  // namespace taifeng::solver
