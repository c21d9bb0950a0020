#include "taifeng/solver/persistence.hpp"

#include <cmath>

#include "taifeng/core/error.hpp"
#include "taifeng/solver/intensity.hpp"

namespace taifeng::solver {

Track persistence_forecast(const Track& best, TimePoint t0, const PersistenceOptions& opt,
                           const LandTest& is_land) {
  TAIFENG_CHECK(opt.step_hours > 0 && opt.lead_hours >= opt.step_hours, "bad forecast steps");
  const TimePoint tm = add_hours(t0, -opt.motion_window_hours);
  TAIFENG_CHECK(!best.empty() && best.start() <= tm && t0 <= best.end(),
                "best track does not cover the motion window");
  const TrackPoint p0 = best.at(t0), pm = best.at(tm);
  const LonLat c0{p0.lon, p0.lat}, cm{pm.lon, pm.lat};
  const double dist_km = great_circle_km(cm, c0);
  const double speed_kmh = dist_km / opt.motion_window_hours;
  // Heading at c0 along the great circle from cm: the reverse of the bearing back to cm.
  const double heading = dist_km > 0 ? std::fmod(bearing_deg(c0, cm) + 180.0, 360.0) : 0.0;

  const double v0 = std::isnan(p0.vmax_ms) ? wind_from_pressure_ah77(p0.pmin_hpa) : p0.vmax_ms;
  TAIFENG_CHECK(!std::isnan(v0), "analysis has neither wind nor pressure");
  const double pc0 = std::isnan(p0.pmin_hpa) ? pressure_from_wind_ah77(v0) : p0.pmin_hpa;
  const double dp0 = std::max(1.0, opt.p_env_hpa - pc0);

  Track fc;
  fc.id = best.id;
  fc.name = best.name;
  fc.source = "persistence";
  const long n = std::lround(opt.lead_hours / opt.step_hours);
  double v = v0, v_landfall = v0;
  bool over_land = false;
  double landfall_h = 0.0;
  for (long k = 0; k <= n; ++k) {
    const double h = double(k) * opt.step_hours;
    const LonLat c = destination(c0, heading, speed_kmh * h);
    const bool land = opt.decay_over_land && is_land && is_land(c);
    if (land && !over_land) {
      landfall_h = h;
      // An analysis already over land has had its landfall drop: start the decay so that
      // it reproduces the analysed wind at t0.
      v_landfall = k == 0 ? v / kaplan_demaria_r : v;
    }
    over_land = land;
    if (land && k > 0)
      v = kaplan_demaria_decay(v_landfall, h - landfall_h);  // k = 0 is the analysis

    TrackPoint p;
    p.time = add_hours(t0, h);
    p.lat = c.lat;
    p.lon = c.lon;
    p.vmax_ms = v;
    p.averaging = p0.averaging;
    // Deficit scales as V^(1/0.644) (Atkinson–Holliday), continuous at the analysis.
    p.pmin_hpa = opt.p_env_hpa - dp0 * std::pow(v / v0, 1.0 / 0.644);
    p.rmw_km = std::isnan(p0.rmw_km) ? rmw_from_pressure_km(p.pmin_hpa) : p0.rmw_km;
    p.source_ref = k == 0 ? p0.source_ref : "persistence";
    fc.points.push_back(std::move(p));
  }
  return fc;
}

void apply_land_decay(Track& fc, const LandTest& is_land, double p_env_hpa) {
  bool over_land = false, decayed = false;
  double v_landfall = 0, t_landfall = 0, cap = 0;
  for (std::size_t k = 1; k < fc.points.size(); ++k) {
    TrackPoint& p = fc.points[k];
    if (std::isnan(p.vmax_ms)) continue;
    const double h = hours_between(fc.points.front().time, p.time);
    const bool land = is_land && is_land({p.lon, p.lat});
    const double v_model = p.vmax_ms;
    double v = v_model;
    if (land) {
      if (!over_land) {
        v_landfall = decayed ? std::min(v_model, cap) : v_model;
        t_landfall = h;
      }
      v = std::min(v_model, kaplan_demaria_decay(v_landfall, h - t_landfall));
      decayed = true;
      cap = v;
    } else if (decayed) {
      v = std::min(v_model, cap);
    }
    over_land = land;
    if (v != v_model && v_model > 0 && !std::isnan(p.pmin_hpa))
      p.pmin_hpa = rescale_pressure_ah77(p.pmin_hpa, v_model, v, p_env_hpa);
    p.vmax_ms = v;
  }
}

}  // namespace taifeng::solver
