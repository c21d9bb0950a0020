#include "taifeng/solver/wind_field.hpp"

#include <algorithm>
#include <cmath>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/holland.hpp"
#include "taifeng/solver/intensity.hpp"

namespace taifeng::solver {

HollandParameters holland_parameters(const StormState& s, const WindOptions& o) {
  HollandParameters hp;
  const double vt = std::hypot(s.trans_u, s.trans_v);
  // The reported maximum includes the translation added at r = Rm; remove it before
  // converting to gradient level, but keep at least half of the reported wind.
  const double v_sym =
      o.translation_asymmetry ? std::max(0.5 * s.vmax_ms, s.vmax_ms - vt) : s.vmax_ms;
  hp.vg_max = v_sym / o.surface_factor;
  hp.dp_pa = std::max(100.0, (o.p_env_hpa - s.pmin_hpa) * 100.0);
  hp.b = holland_b(hp.vg_max, hp.dp_pa, o.rho);
  hp.f = coriolis(s.centre.lat);
  return hp;
}

RadialProfile make_radial_profile(const StormState& s, const WindOptions& o) {
  return make_radial_profile(o.profile, holland_parameters(s, o), s.rmw_km * 1000.0, s.centre.lat,
                             o.rho);
}

WindVector surface_wind(const StormState& s, const RadialProfile& prof, const WindOptions& o,
                        LonLat p, bool over_land) {
  const double r_km = great_circle_km(s.centre, p);
  if (r_km > o.max_radius_km) return {};
  const double r = std::max(r_km, 1e-3) * 1000.0, rm = s.rmw_km * 1000.0;
  double speed = gradient_speed(prof, r) * o.surface_factor;
  if (over_land) speed *= o.land_factor;
  // Unit vectors: radial (centre -> point) and cyclonic tangential.
  const double brg = deg_to_rad(bearing_deg(s.centre, p));
  const double rx = std::sin(brg), ry = std::cos(brg);
  const double sense = s.centre.lat >= 0 ? 1.0 : -1.0;  // counter-clockwise in the NH
  const double tx = -ry * sense, ty = rx * sense;
  const double beta = deg_to_rad(o.inflow_deg);
  double u = speed * (std::cos(beta) * tx - std::sin(beta) * rx);
  double v = speed * (std::cos(beta) * ty - std::sin(beta) * ry);
  if (o.translation_asymmetry) {
    const double w = std::min(1.0, rm / r);
    u += w * s.trans_u;
    v += w * s.trans_v;
  }
  const double a = averaging_factor(s.averaging, o.output_averaging);
  return {u * a, v * a};
}

WindVector surface_wind(const StormState& s, const HollandParameters& hp, const WindOptions& o,
                        LonLat p, bool over_land) {
  const RadialProfile prof =
      make_radial_profile(o.profile, hp, s.rmw_km * 1000.0, s.centre.lat, o.rho);
  return surface_wind(s, prof, o, p, over_land);
}

void wind_speed_field(const StormState& s, const WindOptions& o, const Grid& grid,
                      const std::vector<std::uint8_t>& land_mask, double* speed) {
  TAIFENG_CHECK(land_mask.empty() || land_mask.size() == grid.size(), "land mask size");
  const RadialProfile prof = make_radial_profile(s, o);
  const long nlat = long(grid.nlat);
#pragma omp parallel for schedule(static)
  for (long j = 0; j < nlat; ++j) {
    for (std::size_t i = 0; i < grid.nlon; ++i) {
      const std::size_t idx = grid.index(i, std::size_t(j));
      const bool land = !land_mask.empty() && land_mask[idx];
      const WindVector w = surface_wind(s, prof, o, {grid.lon(i), grid.lat(std::size_t(j))}, land);
      speed[idx] = std::hypot(w.u, w.v);
    }
  }
}

StormState storm_state_at(const Track& track, TimePoint t) {
  const TrackPoint p = track.at(t);
  StormState s;
  s.centre = {p.lon, p.lat};
  s.vmax_ms = p.vmax_ms;
  s.averaging = p.averaging;
  s.pmin_hpa = std::isnan(p.pmin_hpa) ? pressure_from_wind_ah77(p.vmax_ms) : p.pmin_hpa;
  s.rmw_km = std::isnan(p.rmw_km) ? rmw_from_pressure_km(s.pmin_hpa) : p.rmw_km;
  const TimePoint a = std::max(track.start(), add_hours(t, -1.0));
  const TimePoint b = std::min(track.end(), add_hours(t, 1.0));
  const double dt_s = double((b - a).count());
  if (dt_s > 0) {
    const TrackPoint pa = track.at(a), pb = track.at(b);
    const double d = great_circle_km({pa.lon, pa.lat}, {pb.lon, pb.lat}) * 1000.0;
    const double brg = deg_to_rad(bearing_deg({pa.lon, pa.lat}, {pb.lon, pb.lat}));
    s.trans_u = d / dt_s * std::sin(brg);
    s.trans_v = d / dt_s * std::cos(brg);
  }
  return s;
}

}  // namespace taifeng::solver
