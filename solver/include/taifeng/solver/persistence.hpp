#pragma once
// Persistence track and intensity forecast: the reference every model must beat.
// Motion: the great-circle velocity over the last `motion_window_hours` before the
// analysis, continued along the great circle at constant speed. Intensity: held
// constant over sea; after landfall Kaplan–DeMaria (1995) decay from the landfall wind;
// back over sea the decayed value is held. Central pressure follows the wind through the
// Atkinson–Holliday relation scaled to the analysed deficit; missing radius of maximum
// wind is estimated from pressure.
#include <functional>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/track.hpp"

namespace taifeng::solver {

struct PersistenceOptions {
  double lead_hours = 120.0;
  double step_hours = 1.0;
  double motion_window_hours = 12.0;
  double p_env_hpa = 1010.0;
  bool decay_over_land = true;
};

using LandTest = std::function<bool(LonLat)>;

// `best` must cover [t0 - motion_window_hours, t0] (checked by the caller for a
// friendly message; an internal error here).
Track persistence_forecast(const Track& best, TimePoint t0, const PersistenceOptions& opt,
                           const LandTest& is_land);

// Kaplan–DeMaria inland decay imposed on a model's intensity forecast: over land the wind
// is min(model wind, decay from the wind at landfall); back over sea the model wind is
// capped by the last decayed value (no re-intensification after a crossing). Pressure is
// rescaled with the Atkinson–Holliday deficit ratio; point 0 (the analysis) is unchanged.
void apply_land_decay(Track& forecast, const LandTest& is_land, double p_env_hpa);

}  // namespace taifeng::solver
