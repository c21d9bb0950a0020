#include "taifeng/hpc/surge_stage.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/storm_forcing.hpp"
#include "taifeng/solver/swe/boundary.hpp"
#include "taifeng/solver/swe/step.hpp"

namespace taifeng::hpc {

namespace sw = solver::swe;

SurgeSetup make_surge_setup(const SurgeOptions& opt, const Field& relief) {
  TAIFENG_CHECK(relief.grid == opt.grid, "relief on another grid than the surge grid");
  SurgeSetup s;
  s.opt = opt;
  s.bed.resize(opt.grid.size());
  s.land.resize(opt.grid.size());
  for (std::size_t k = 0; k < s.bed.size(); ++k) {
    const double z = relief.data[k];
    s.bed[k] = std::max(z, -opt.depth_cap_m);
    s.land[k] = z > opt.land_threshold_m;
  }
  return s;
}

namespace {

// Smallest multiple of `every` after t (+inf when every <= 0).
double next_multiple(double t, double every) {
  if (every <= 0) return std::numeric_limits<double>::infinity();
  return every * (std::floor(t / every + 1e-9) + 1.0);
}

}  // namespace

SurgeRun run_surge(const SurgeSetup& setup, const Track& track, TimePoint t0, TimePoint t_end,
                   const solver::WindOptions& wind_in, SurgeCheckpointer* checkpoints) {
  SurgeRun out;
  if (checkpoints && checkpoints->load_result(out)) return out;
  const Grid& g = setup.opt.grid;
  const long nx = long(g.nlon), ny = long(g.nlat);
  const sw::Patch p = sw::whole_patch(nx, ny, 2);
  const double lat_c = g.lat0 + 0.5 * double(ny - 1) * g.dlat;
  const double r = earth_radius_m;
  sw::Geometry geo;
  geo.dx = r * std::cos(deg_to_rad(lat_c)) * deg_to_rad(g.dlon);
  geo.dy = r * deg_to_rad(g.dlat);
  geo.x0 = -0.5 * geo.dx;
  // y = 0 at the central latitude (the beta plane's reference).
  geo.y0 = deg_to_rad(g.lat0 - lat_c) * r - 0.5 * geo.dy;
  sw::Physics phys;
  phys.manning_n = setup.opt.manning_n;
  phys.f0 = 2.0 * 7.2921e-5 * std::sin(deg_to_rad(lat_c));
  phys.beta = 2.0 * 7.2921e-5 * std::cos(deg_to_rad(lat_c)) / r;
  phys.y_ref = 0.0;

  // Bed with ghosts: interior from the setup, ghosts mirrored.
  std::vector<double> bed(p.size(), 0.0);
  sw::State st(p);
  std::vector<LonLat> pts(p.size());
  std::vector<std::uint8_t> land(p.size(), 0);
  for (long j = -p.ghost; j < ny + p.ghost; ++j)
    for (long i = -p.ghost; i < nx + p.ghost; ++i) {
      const std::size_t k = p.idx(i, j);
      const long ic = std::clamp(i, 0L, nx - 1), jc = std::clamp(j, 0L, ny - 1);
      const std::size_t src = g.index(std::size_t(ic), std::size_t(jc));
      bed[k] = setup.bed[src];
      land[k] = setup.land[src];
      pts[k] = {g.lon0 + double(i) * g.dlon, g.lat0 + double(j) * g.dlat};
    }
  sw::fill_bed_ghosts(p, bed);
  for (std::size_t k = 0; k < bed.size(); ++k) st.h[k] = std::max(0.0, -bed[k]);
  sw::Boundaries bc = sw::all_sides({sw::BcKind::level, 0.0});

  // Stress uses the 10-min mean wind (the averaging of drag formulas).
  solver::WindOptions wind = wind_in;
  wind.output_averaging = WindAveraging::ten_minute;
  std::vector<double> u10(p.size()), v10(p.size()), pa(p.size());
  sw::Forcing forcing{u10.data(), v10.data(), pa.data()};
  // A track that ends early (a member that lost its storm) ends its surge run there.
  const double t_total = hours_between(t0, std::min(t_end, track.end())) * 3600.0;
  const double ramp_s = setup.opt.ramp_hours * 3600.0;
  const double every_s = setup.opt.forcing_interval_minutes * 60.0;
  auto update_forcing = [&](double t) {
    const TimePoint at = t0 + std::chrono::seconds(std::llround(t));
    const solver::StormState s = solver::storm_state_at(track, std::min(at, track.end()));
    solver::storm_forcing_at(s, wind, pts, land, u10.data(), v10.data(), pa.data());
    const double w = ramp_s > 0 ? std::min(1.0, t / ramp_s) : 1.0;
    solver::ramp_forcing(w, wind.p_env_hpa * 100.0, pa.size(), u10.data(), v10.data(), pa.data());
  };
  auto fill = [&](sw::State& x) { sw::apply_physical_boundaries(p, x, bed, bc); };

  out.eta_max.assign(g.size(), -std::numeric_limits<double>::infinity());
  out.inundation.assign(g.size(), 0.0);
  auto record = [&] {
    for (long j = 0; j < ny; ++j)
      for (long i = 0; i < nx; ++i) {
        const std::size_t k = p.idx(i, j), o = g.index(std::size_t(i), std::size_t(j));
        // Surge at sea (bed below mean sea level); over land the inundation depth says it.
        if (bed[k] <= 0 && st.h[k] > 0.01)
          out.eta_max[o] = std::max(out.eta_max[o], st.h[k] + bed[k]);
        if (bed[k] > 0) out.inundation[o] = std::max(out.inundation[o], st.h[k]);
      }
  };
  const double v0 = sw::water_volume(p, geo, st);
  double t = 0, next_forcing = 0;
  // The interior cells are the whole state: every step starts by refilling the ghosts.
  auto snapshot = [&] {
    SurgeSnapshot snap{out.steps, t, next_forcing, {}, {}, {}, out.eta_max, out.inundation};
    for (auto* v : {&snap.h, &snap.hu, &snap.hv}) v->resize(g.size());
    for (long j = 0; j < ny; ++j)
      for (long i = 0; i < nx; ++i) {
        const std::size_t k = p.idx(i, j), o = g.index(std::size_t(i), std::size_t(j));
        snap.h[o] = st.h[k], snap.hu[o] = st.hu[k], snap.hv[o] = st.hv[k];
      }
    return snap;
  };
  if (const auto s = checkpoints ? checkpoints->load_snapshot() : std::nullopt) {
    for (const auto* v : {&s->h, &s->hu, &s->hv, &s->eta_max, &s->inundation})
      TAIFENG_CHECK(v->size() == g.size(), "surge snapshot on another grid");
    TAIFENG_CHECK(s->time_s > 0 && s->time_s < t_total && s->next_forcing_s >= s->time_s,
                  "surge snapshot outside the run");
    for (long j = 0; j < ny; ++j)
      for (long i = 0; i < nx; ++i) {
        const std::size_t k = p.idx(i, j), o = g.index(std::size_t(i), std::size_t(j));
        st.h[k] = s->h[o], st.hu[k] = s->hu[o], st.hv[k] = s->hv[o];
      }
    out.eta_max = s->eta_max;
    out.inundation = s->inundation;
    out.steps = s->steps;
    t = s->time_s;
    next_forcing = s->next_forcing_s;
  }
  const double ckpt_every_s = checkpoints ? checkpoints->interval_s() : 0.0;
  double next_ckpt = next_multiple(t, ckpt_every_s);
  sw::Workspace ws;
  while (t < t_total) {
    if (t >= next_forcing) {
      update_forcing(t);
      next_forcing = t + every_s;
    }
    double dt = sw::max_stable_dt(p, geo, phys, st, setup.opt.cfl);
    const double target = std::min(t_total, next_forcing);
    bool land_on = false;
    if (!std::isfinite(dt) || t + dt >= target) {
      dt = target - t;
      land_on = true;
    }
    sw::ssp_rk2_step(p, geo, phys, bed, forcing, st, ws, dt, fill);
    t = land_on ? target : t + dt;
    ++out.steps;
    record();
    // On a forcing-update time (the forcing of the next step is a function of t alone).
    if (checkpoints && t == next_forcing && t < t_total && t + 1e-6 >= next_ckpt) {
      checkpoints->save_snapshot(snapshot());
      next_ckpt = next_multiple(t, ckpt_every_s);
    }
  }
  for (double& e : out.eta_max)
    if (!std::isfinite(e)) e = std::numeric_limits<double>::quiet_NaN();
  const double v1 = sw::water_volume(p, geo, st);
  out.mass_rel_change = v0 > 0 ? (v1 - v0) / v0 : 0;
  if (checkpoints) checkpoints->save_result(out);
  return out;
}

}  // namespace taifeng::hpc
