#include "taifeng/solver/swe_track.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/swe/balance.hpp"
#include "taifeng/solver/swe/boundary.hpp"
#include "taifeng/solver/swe/relax.hpp"
#include "taifeng/solver/swe/step.hpp"
#include "taifeng/solver/swe/vortex.hpp"
#include "wind_sampler.hpp"

namespace taifeng::solver {
namespace {

using swe::Patch;
using swe::State;

void check_options(const SweTrackOptions& o) {
  auto in = [](double v, double lo, double hi) { return v >= lo && v <= hi; };
  auto bad = [](const char* what, double v, const char* expected) {
    throw_input_error("swe track options",
                      fmt::format("{} = {:g}; expected {}", what, v, expected));
  };
  if (!in(o.resolution_km, 2, 200)) bad("resolution_km", o.resolution_km, "2..200 km");
  if (!in(o.domain_half_width_km, 500, 10000))
    bad("domain_half_width_km", o.domain_half_width_km, "500..10000 km");
  if (!in(o.equivalent_depth_m, 10, 20000))
    bad("equivalent_depth_m", o.equivalent_depth_m, "10..20000 m");
  if (!in(o.vortex_vmax_ms, 0, 120)) bad("vortex_vmax_ms", o.vortex_vmax_ms, "0..120 m/s");
  if (!in(o.vortex_rmw_km, 5, 1000)) bad("vortex_rmw_km", o.vortex_rmw_km, "5..1000 km");
  if (!in(o.vortex_shape_b, 0.2, 5)) bad("vortex_shape_b", o.vortex_shape_b, "0.2..5");
  if (!(o.removal_inner_km >= 0 && o.removal_inner_km < o.removal_outer_km &&
        o.removal_outer_km <= 3000))
    bad("removal_inner_km", o.removal_inner_km, "0 <= inner < removal_outer_km <= 3000 km");
  if (!(o.steering_inner_km >= 0 && o.steering_inner_km < o.steering_outer_km &&
        o.steering_outer_km <= 3000))
    bad("steering_inner_km", o.steering_inner_km, "0 <= inner < steering_outer_km <= 3000 km");
  if (!in(o.relax_width_km, 2 * o.resolution_km, 3000))
    bad("relax_width_km", o.relax_width_km, "at least two cells and at most 3000 km");
  if (!in(o.relax_hours, 0.01, 240)) bad("relax_hours", o.relax_hours, "0.01..240 h");
  if (!in(o.edge_margin_km, 0, 3000)) bad("edge_margin_km", o.edge_margin_km, "0..3000 km");
  if (!in(o.cfl, 0.05, 0.5)) bad("cfl", o.cfl, "0.05..0.5");
  if (!in(o.search_radius_km, o.resolution_km, 2000))
    bad("search_radius_km", o.search_radius_km, "one cell .. 2000 km");
  if (!in(o.lead_hours, 1, 480)) bad("lead_hours", o.lead_hours, "1..480 h");
  if (!(o.output_interval_hours >= 1 &&
        o.output_interval_hours == std::floor(o.output_interval_hours)))
    bad("output_interval_hours", o.output_interval_hours, "a whole number of hours >= 1");
}

double smoothstep(double x) {
  x = std::clamp(x, 0.0, 1.0);
  return x * x * (3.0 - 2.0 * x);
}

// Interior nx*ny arrays into a patch-layout state (ghosts 0).
State to_state(const Patch& p, const std::vector<double>& h, const std::vector<double>& u,
               const std::vector<double>& v) {
  State s(p);
  for (long j = 0; j < p.ny; ++j)
    for (long i = 0; i < p.nx; ++i) {
      const std::size_t c = std::size_t(j * p.nx + i), k = p.idx(i, j);
      s.h[k] = h[c];
      s.hu[k] = h[c] * u[c];
      s.hv[k] = h[c] * v[c];
    }
  return s;
}

}  // namespace

SweTrackResult swe_track_forecast(const SteeringFields& fields, const Track& best, TimePoint t0,
                                  const SweTrackOptions& opt, const SweTrackProgress& progress) {
  check_options(opt);
  const std::string source = fields.source.empty() ? std::string("steering fields") : fields.source;
  const BamSteering steering(fields, opt.layer, opt.steering_outer_km, opt.steering_inner_km);
  const std::vector<TimePoint>& times = steering.times();
  const TrackPoint p0 =
      analysis_fix_for_winds(best, t0, times, source, opt.lead_hours, opt.hold_last_field);
  const TimePoint t_end = add_hours(t0, opt.lead_hours);

  // The model plane and its domain, clipped to the wind file's box.
  const Grid& g = steering.grid();
  const WindSampler sampler(steering, source);
  const LonLat c0 = sampler.normalise({p0.lon, p0.lat});
  const double a = earth_radius_m, deg = std::numbers::pi / 180.0;
  const double cos0 = std::cos(c0.lat * deg);
  const double d = opt.resolution_km * 1e3, hw = opt.domain_half_width_km * 1e3;
  const double x_lo = std::max(-hw, a * cos0 * (g.lon0 - c0.lon) * deg);
  const double x_hi = std::min(hw, a * cos0 * (g.lon_max() - c0.lon) * deg);
  const double y_lo = std::max(-hw, a * (g.lat0 - c0.lat) * deg);
  const double y_hi = std::min(hw, a * (g.lat_max() - c0.lat) * deg);
  const double need = (opt.relax_width_km + opt.removal_outer_km) * 1e3;
  if (-x_lo < need || x_hi < need || -y_lo < need || y_hi < need)
    throw_input_error(
        source, fmt::format("the winds cover {:g}..{:g}E {:g}..{:g}N, which leaves {:.0f}/{:.0f}/"
                            "{:.0f}/{:.0f} km west/east/south/north of the storm at {:.2f}E "
                            "{:.2f}N; expected at least relax_width_km + removal_outer_km = "
                            "{:.0f} km on every side",
                            g.lon0, g.lon_max(), g.lat0, g.lat_max(), -x_lo / 1e3, x_hi / 1e3,
                            -y_lo / 1e3, y_hi / 1e3, c0.lon, c0.lat, need / 1e3));
  const long nx = long(std::floor((x_hi - x_lo) / d)), ny = long(std::floor((y_hi - y_lo) / d));
  const Patch p = swe::whole_patch(nx, ny);
  swe::Geometry geo;
  geo.dx = geo.dy = d;
  geo.x0 = x_lo;
  geo.y0 = y_lo;
  swe::Physics phys;
  phys.sphere_lat_ref_deg = c0.lat;
  phys.y_ref = 0.0;
  phys.earth_radius_m = a;
  phys.omega = omega_earth;
  auto lonlat = [&](double x, double y) {
    return LonLat{c0.lon + x / (a * cos0) / deg, c0.lat + y / a / deg};
  };
  std::vector<LonLat> cells(std::size_t(nx * ny));
  for (long j = 0; j < ny; ++j)
    for (long i = 0; i < nx; ++i) cells[std::size_t(j * nx + i)] = lonlat(geo.x(p, i), geo.y(p, j));

  const swe::BalanceSolver balance(nx, ny, geo, phys);
  const double H = opt.equivalent_depth_m;

  // Environment of every file time the run touches: nondivergent, balanced.
  std::size_t k_first = 0;
  while (k_first + 1 < times.size() && times[k_first + 1] <= t0) ++k_first;
  std::size_t k_last = k_first;
  while (k_last + 1 < times.size() && times[k_last] < t_end) ++k_last;
  std::vector<State> env;
  std::vector<double> env_s;  // seconds after t0
  for (std::size_t k = k_first; k <= k_last; ++k) {
    std::vector<double> u, v;
    sampler.sample(k, 1.0, k, cells, u, v);
    balance.remove_divergence(u, v);
    env.push_back(to_state(p, balance.balanced_depth(u, v, H), u, v));
    env_s.push_back((3600.0 * hours_between(t0, times[k])));
  }
  // Relax toward the environment at time s (seconds after t0): linear between the file
  // times, the last one held.
  auto relax_to_environment = [&](double s, double dt_over_tau, State& state,
                                  const std::vector<double>& weights) {
    std::size_t k = 0;
    while (k + 1 < env.size() && env_s[k + 1] <= s) ++k;
    if (k + 1 >= env.size()) {
      swe::relax_toward(p, weights, dt_over_tau, env[k], state);
      return;
    }
    swe::relax_toward(p, weights, dt_over_tau, env[k], env[k + 1],
                      (s - env_s[k]) / (env_s[k + 1] - env_s[k]), state);
  };

  // Initial state: the analysis winds at t0 with the analysed vortex replaced by the
  // steering flow, balanced, plus the model vortex.
  std::vector<double> u, v;
  {
    const std::size_t k1 = std::min(k_first + 1, times.size() - 1);
    const double span = (3600.0 * hours_between(times[k_first], times[k1]));
    const double w = span > 0.0 ? (3600.0 * hours_between(times[k_first], t0)) / span : 0.0;
    sampler.sample(k_first, 1.0 - w, k1, cells, u, v);
  }
  const SteeringWind steer = steering.at(c0, t0);
  const double r_in = opt.removal_inner_km * 1e3, r_out = opt.removal_outer_km * 1e3;
  for (long j = 0; j < ny; ++j)
    for (long i = 0; i < nx; ++i) {
      const std::size_t c = std::size_t(j * nx + i);
      const double r = std::hypot(geo.x(p, i), geo.y(p, j));
      const double w = smoothstep((r - r_in) / (r_out - r_in));
      u[c] = steer.u + w * (u[c] - steer.u);
      v[c] = steer.v + w * (v[c] - steer.v);
    }
  balance.remove_divergence(u, v);
  std::vector<double> h = balance.balanced_depth(u, v, H);
  const State env0 = to_state(p, h, u, v);  // reference of the height tracker

  swe::VortexSpec spec;
  spec.vmax_ms = opt.vortex_vmax_ms;
  spec.rmw_m = opt.vortex_rmw_km * 1e3;
  spec.shape_b = opt.vortex_shape_b;
  spec.f_centre = coriolis_at(phys, 0.0);
  spec.g = phys.g;
  const double r_edge = std::min(std::min(-x_lo, x_hi), std::min(-y_lo, y_hi));
  const swe::BalancedVortex vortex(spec, std::min(r_edge, 20.0 * spec.rmw_m));
  const double rot = vortex.counter_clockwise() ? 1.0 : -1.0;
  double h_min = INFINITY;
  for (long j = 0; j < ny; ++j)
    for (long i = 0; i < nx; ++i) {
      const std::size_t c = std::size_t(j * nx + i);
      const double x = geo.x(p, i), y = geo.y(p, j), r = std::hypot(x, y);
      if (r > 0.0) {
        const double vt = rot * vortex.wind(r);
        u[c] += -vt * y / r;
        v[c] += vt * x / r;
      }
      h[c] += vortex.depth(r);
      h_min = std::min(h_min, h[c]);
    }
  if (!(h_min > 0.1 * H))
    throw_input_error("swe track options",
                      fmt::format("the vortex ({:g} m/s at {:g} km) with the analysed flow leaves "
                                  "a layer depth of {:.0f} m; expected above 10 % of "
                                  "equivalent_depth_m = {:g} m (weaken the vortex or deepen the "
                                  "layer)",
                                  opt.vortex_vmax_ms, opt.vortex_rmw_km, h_min, H));
  State s = to_state(p, h, u, v);

  SweTrackResult res;
  res.nx = nx;
  res.ny = ny;
  res.dx_m = d;
  res.south_west = lonlat(geo.x(p, 0), geo.y(p, 0));
  res.north_east = lonlat(geo.x(p, nx - 1), geo.y(p, ny - 1));
  res.track.id = best.id;
  res.track.name = best.name;
  res.track.source = "SWE";
  res.track.points.push_back(p0);

  std::vector<double> bed(p.size(), 0.0);
  const swe::Boundaries bc = swe::all_sides({swe::BcKind::outflow, 0.0});
  const std::vector<double> weights = swe::relaxation_weights(p, opt.relax_width_km * 1e3 / d);
  swe::Workspace work;
  const swe::GhostFill fill = [&](State& st) { swe::apply_physical_boundaries(p, st, bed, bc); };
  const double volume0 = swe::water_volume(p, geo, s);
  const double tau = opt.relax_hours * 3600.0;

  swe::CentreSearch search;
  search.method = opt.tracker;
  search.search_radius = opt.search_radius_km * 1e3;
  search.sign = rot;
  search.h_ref = &env0.h;
  double cx = 0.0, cy = 0.0, vx = 0.0, vy = 0.0;  // centre (m) and its motion per hour
  const double keep_off = (opt.relax_width_km + opt.edge_margin_km) * 1e3;
  const long hours = long(std::ceil(opt.lead_hours - 1e-9));
  const long every = long(opt.output_interval_hours);
  double t = 0.0;
  for (long hr = 1; hr <= hours; ++hr) {
    const double target = std::min(double(hr), opt.lead_hours) * 3600.0;
    while (t < target) {
      double dt = swe::max_stable_dt(p, geo, phys, s, opt.cfl);
      // Land on the hour without a sliver step: split the rest evenly when it is < 2 dt.
      if (target - t <= dt)
        dt = target - t;
      else if (target - t < 2.0 * dt)
        dt = 0.5 * (target - t);
      swe::ssp_rk2_step(p, geo, phys, bed, {}, s, work, dt, fill);
      t = target - t - dt < 1e-9 ? target : t + dt;
      relax_to_environment(t, dt / tau, s, weights);
      ++res.steps;
    }
    if (progress) progress(t / 3600.0, opt.lead_hours);
    search.x_guess = cx + vx;
    search.y_guess = cy + vy;
    const std::optional<swe::Centre> c = swe::find_centre(p, geo, s, phys.dry_tolerance, search);
    if (!c) {
      res.stop_reason = fmt::format(
          "the vortex was lost at +{} h (no cell within {:g} km of the "
          "expected centre)",
          hr, opt.search_radius_km);
      break;
    }
    vx = c->x - cx;
    vy = c->y - cy;
    cx = c->x;
    cy = c->y;
    const bool last = hr == hours;
    if (hr % every == 0 || last) {
      res.track.points.push_back(held_intensity_point(
          p0, t0 + std::chrono::seconds(std::llround(t)), lonlat(cx, cy), "SWE"));
    }
    const double edge = std::min(std::min(cx - geo.x0, geo.x0 + double(nx) * d - cx),
                                 std::min(cy - geo.y0, geo.y0 + double(ny) * d - cy));
    if (!last && edge < keep_off) {
      res.stop_reason = fmt::format(
          "the vortex came within {:.0f} km of the model domain's edge "
          "at +{} h (the relaxation zone and margin need {:.0f} km)",
          edge / 1e3, hr, keep_off / 1e3);
      break;
    }
  }
  res.mass_rel_change = (swe::water_volume(p, geo, s) - volume0) / volume0;
  return res;
}

}  // namespace taifeng::solver
