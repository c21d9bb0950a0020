#pragma once
// The official (advisory) forecast: one technique's forecast positions and intensities
// from an a-deck or bulletin (points at its forecast hours), interpolated linearly in time
// to every output step. It ends at the advisory's last forecast hour or at lead_hours,
// whichever comes first. The advisory already holds the forecaster's intensity over land,
// so no decay is added. Radius of maximum wind: the advisory's where it gives one (linear
// in time between the forecast hours that have it, the nearest given value held outside
// them; advisories often give it at hour 0 only); if it gives none, the wind kernels
// estimate it from pressure (intensity.hpp, rmw_from_pressure_km).
#include "taifeng/core/track.hpp"

namespace taifeng::solver {

// `advisory` must start at t0 (its forecast hour 0); internal error otherwise (callers
// check and report which cycles exist).
Track official_forecast(const Track& advisory, TimePoint t0, double step_hours, double lead_hours);

}  // namespace taifeng::solver
