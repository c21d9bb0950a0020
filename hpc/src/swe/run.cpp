#include "taifeng/hpc/swe/run.hpp"

#include <mpi.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "cases.hpp"
#include "geo_inputs.hpp"
#include "swe_netcdf.hpp"
#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/core/sha256.hpp"
#include "taifeng/hpc/swe/checkpoint.hpp"
#include "taifeng/hpc/swe/decomposition.hpp"
#include "taifeng/hpc/swe/gather.hpp"
#include "taifeng/hpc/swe/halo_exchange.hpp"
#include "taifeng/solver/swe/step.hpp"

namespace taifeng::hpc::swe {

namespace fs = std::filesystem;
using solver::swe::Patch;
using solver::swe::State;

namespace {

// What must match between a checkpoint and the run restarting from it.
std::string scenario_fingerprint(const Scenario& s) {
  return sha256_hex(fmt::format("{} {} {} {:a} {:a} {:a} {:a} {:a} {:a} {:a} {:a} {:a} {:a} {:a} "
                                "{:a} {:a} {:a} {:a} {:a} "
                                "{:a} {:a} {:a}",
                                case_name(s.kind), s.nx, s.ny, s.geo.dx, s.geo.dy, s.geo.x0,
                                s.geo.y0, s.hl, s.hr, s.x0, s.h_in, s.h_out, s.r0, s.a, s.h0,
                                s.sigma, s.eta0, s.bump_height, s.bump_width, s.h_mean, s.u10,
                                s.v10, s.cfl)) +
         sha256_hex(fmt::format("{:a} {:a} {} {} {:a} {:a} {} {} {} {} {:a} {:a} {:a} {:a} {}",
                                s.lon_ref, s.lat_ref, s.relief_file.string(), s.relief_variable,
                                s.depth_cap_m, s.level_m, s.initial_file.string(),
                                s.track_file.string(), s.storm_id, format_iso_utc(s.start),
                                s.ramp_hours, s.forcing_interval_minutes, s.p_env_hpa,
                                s.land_threshold_m, s.phys.order)) +
         // Physics and boundaries: a restart under other physics is another run.
         sha256_hex(fmt::format(
             "{:a} {:a} {:a} {:a} {:a} {:a} {:a} {} {} {:a} {} {:a} {} {:a} {} {:a}", s.phys.g,
             s.phys.manning_n, s.phys.f0, s.phys.beta, s.phys.y_ref, s.phys.sphere_lat_ref_deg,
             s.phys.dry_tolerance, int(s.phys.limiter), int(s.bc.west.kind), s.bc.west.eta,
             int(s.bc.east.kind), s.bc.east.eta, int(s.bc.south.kind), s.bc.south.eta,
             int(s.bc.north.kind), s.bc.north.eta));
}

// Smallest multiple of `every` after t (+inf when every = 0): the same formula in an
// uninterrupted and a restarted run, so both land on the same times.
double next_multiple(double t, double every) {
  if (every <= 0) return std::numeric_limits<double>::infinity();
  return every * (std::floor(t / every + 1e-9) + 1.0);
}

double global_min(double v, MPI_Comm comm) {
  double r = v;
  MPI_Allreduce(&v, &r, 1, MPI_DOUBLE, MPI_MIN, comm);
  return r;
}

}  // namespace

SweResult run_swe(const Scenario& s, const MpiSession& mpi, const fs::path& restart) {
  MPI_Comm comm = MPI_COMM_WORLD;
  const Decomposition d = decompose(s.nx, s.ny, mpi.size(), mpi.rank(), 2);
  const Patch& p = d.patch;
  HaloExchange halo(d, comm);
  if (mpi.root())
    spdlog::info("swe {}: {} x {} cells of {:g} x {:g} m, case {}, {} rank(s) as {} x {}", s.name,
                 s.nx, s.ny, s.geo.dx, s.geo.dy, case_name(s.kind), mpi.size(), d.px, d.py);

  // Bed everywhere from global coordinates (halo ghosts thus hold the neighbour's values),
  // then mirrored into the ghosts of physical sides.
  std::vector<double> bed(p.size());
  State st(p);
  if (s.kind == Case::relief || s.kind == Case::file) {
    // Every rank reads the global arrays (small) and keeps its block; ghosts beyond the
    // grid take the nearest cell (the physical boundaries overwrite them).
    const GlobalInitial g = load_global_initial(s);
    for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
      for (long i = -p.ghost; i < p.nx + p.ghost; ++i) {
        const long gi = std::clamp(p.i0 + i, 0L, s.nx - 1), gj = std::clamp(p.j0 + j, 0L, s.ny - 1);
        const std::size_t k = p.idx(i, j), c = std::size_t(gj * s.nx + gi);
        bed[k] = g.bed[c];
        st.h[k] = g.h[c];
        st.hu[k] = g.hu[c];
        st.hv[k] = g.hv[c];
      }
  } else {
    for (long j = -p.ghost; j < p.ny + p.ghost; ++j)
      for (long i = -p.ghost; i < p.nx + p.ghost; ++i) {
        const double x = s.geo.x(p, i), y = s.geo.y(p, j);
        const std::size_t k = p.idx(i, j);
        bed[k] = case_bed(s, x, y);
        const InitialValue v = case_initial(s, x, y);
        st.h[k] = v.h;
        st.hu[k] = v.hu;
        st.hv[k] = v.hv;
      }
  }
  solver::swe::fill_bed_ghosts(p, bed);
  std::vector<double> eta_max(p.size(), -std::numeric_limits<double>::infinity());
  std::vector<double> h_max(p.size(), 0.0);

  std::vector<double> u10, v10;
  solver::swe::Forcing forcing;
  if (s.u10 != 0 || s.v10 != 0) {
    u10.assign(p.size(), s.u10);
    v10.assign(p.size(), s.v10);
    forcing.u10 = u10.data();
    forcing.v10 = v10.data();
  }
  std::unique_ptr<StormForcer> storm;
  if (!s.track_file.empty()) {
    storm = std::make_unique<StormForcer>(s, p, bed);
    forcing = storm->forcing();
    const TimePoint end = add_hours(s.start, s.end_s / 3600.0);
    if (mpi.root() && end > storm->track().end())
      spdlog::warn(
          "storm {} ends at {}, before the run's end {}: the storm is held at its last "
          "fix",
          s.storm_id, format_iso_utc(storm->track().end()), format_iso_utc(end));
  }
  const double forcing_every = storm ? s.forcing_interval_minutes * 60.0 : 0.0;
  const std::string fingerprint = scenario_fingerprint(s);
  double t = 0;
  long step = 0;
  const std::vector<LocalField> ckpt_fields = {
      {"h", &st.h}, {"hu", &st.hu}, {"hv", &st.hv}, {"eta_max", &eta_max}, {"h_max", &h_max}};
  if (!restart.empty()) {
    const CheckpointMeta meta = load_checkpoint(restart.string(), p, ckpt_fields, comm);
    if (meta.config_hash != fingerprint)
      throw_input_error(restart.string(),
                        "checkpoint of another scenario (grid, case, parameters or CFL differ "
                        "from " +
                            s.config_file + ")");
    t = meta.time_s;
    step = meta.step;
    if (mpi.root())
      spdlog::info("restart from {} at t = {:g} s, step {}", restart.string(), t, step);
  }
  // Ghosts: the halo exchange is posted, the interior cells (2 or more from every block
  // edge) are updated while the messages fly, then the halos and physical boundaries are
  // completed and the edge strips updated (solver::swe::SplitGhostFill).
  // A block spanning the grid in x (the usual split for two ranks) fills its x ghosts at
  // begin: physical boundaries of the same rows only (ghost rows are redone at finish).
  const bool x_whole = p.at_west() && p.at_east();
  auto arrays = [](State& x) {
    return std::array<double*, 3>{x.h.data(), x.hu.data(), x.hv.data()};
  };
  const solver::swe::SplitGhostFill fill{[&](State& x) {
                                           if (x_whole)
                                             solver::swe::apply_physical_boundaries(p, x, bed,
                                                                                    s.bc);
                                           halo.begin(arrays(x));
                                         },
                                         [&](State& x) {
                                           halo.finish();
                                           solver::swe::apply_physical_boundaries(p, x, bed, s.bc);
                                         },
                                         x_whole};
  auto update_max = [&] {
    for (long j = 0; j < p.ny; ++j)
      for (long i = 0; i < p.nx; ++i) {
        const std::size_t k = p.idx(i, j);
        eta_max[k] = std::max(eta_max[k], st.h[k] + bed[k]);
        h_max[k] = std::max(h_max[k], st.h[k]);
      }
  };
  update_max();

  // Outputs: NetCDF frames on rank 0 into a staging folder published at the end; the
  // checkpoints next to it (they must survive a killed run).
  std::unique_ptr<StagedDir> stage;
  std::unique_ptr<SweNetcdfWriter> nc;
  const fs::path ckpt_dir = s.output_dir.string() + ".checkpoints";
  auto gather = [&](const std::vector<double>& a) { return gather_to_root(p, a, comm); };
  const std::vector<double> bed_global = gather(bed);
  SweResult r;
  r.cells = s.nx * s.ny;
  const Grid lonlat_grid = s.placed() ? cell_grid(s) : Grid{};
  if (mpi.root()) {
    stage = std::make_unique<StagedDir>(s.output_dir);
    if (s.write_netcdf) {
      nc = std::make_unique<SweNetcdfWriter>(
          stage->path() / (s.name + ".nc"), s.nx, s.ny, s.geo, bed_global,
          fmt::format("taifeng swe: {} ({})", s.name, case_name(s.kind)), s.phys.dry_tolerance,
          s.placed() ? &lonlat_grid : nullptr);
      r.outputs.push_back(s.name + ".nc");
    }
  }
  // Writes a frame (rank 0) and returns the gathered depth (empty on the other ranks).
  auto frame = [&] {
    auto h = gather(st.h);
    const auto hu = gather(st.hu), hv = gather(st.hv);
    if (nc) nc->write_frame(t, h, hu, hv);
    return h;
  };
  // Of a gathered depth: summed on rank 0 in one fixed order, so rank-count independent.
  auto volume = [&](const std::vector<double>& h) {
    double v = 0;
    for (double x : h) v += x;
    return v * s.geo.dx * s.geo.dy;
  };
  const double v0 = volume(frame());

  // The storm forcing is evaluated at multiples of its interval (also after a restart).
  if (storm) storm->update(forcing_every * std::floor(t / forcing_every + 1e-9));
  double next_forcing = next_multiple(t, forcing_every);
  double next_out = next_multiple(t, s.output_every_s);
  double next_ckpt = next_multiple(t, s.checkpoint_every_s);
  solver::swe::Workspace ws;
  const auto w0 = std::chrono::steady_clock::now();
  auto last_log = w0;
  const long step0 = step;
  double dt_prev = 0;
  while (t < s.end_s) {
    double dt = global_min(solver::swe::max_stable_dt(p, s.geo, s.phys, st, s.cfl), comm);
    const double target = std::min({s.end_s, next_out, next_ckpt, next_forcing});
    bool land = false;
    if (!std::isfinite(dt) || t + dt >= target) {
      dt = target - t;
      land = true;
    }
    // One rank has nothing to overlap: the plain fill spares the edge-strip passes (and
    // applies the physical boundaries once, not at begin and again at finish).
    if (mpi.size() > 1)
      solver::swe::ssp_rk2_step(p, s.geo, s.phys, bed, forcing, st, ws, dt, fill);
    else
      solver::swe::ssp_rk2_step(p, s.geo, s.phys, bed, forcing, st, ws, dt, [&](State& x) {
        halo.exchange(arrays(x));
        solver::swe::apply_physical_boundaries(p, x, bed, s.bc);
      });
    t = land ? target : t + dt;
    dt_prev = dt;
    ++step;
    update_max();
    if (t == next_forcing) {
      storm->update(t);
      next_forcing = next_multiple(t, forcing_every);
    }
    if (t == next_out && t < s.end_s) {
      frame();
      next_out = next_multiple(t, s.output_every_s);
    }
    if (t == next_ckpt) {
      if (mpi.root()) fs::create_directories(ckpt_dir);
      const fs::path f = ckpt_dir / fmt::format("{}_step{:08d}.h5", s.name, step);
      save_checkpoint(f.string(), {step, t, dt_prev, s.nx, s.ny, fingerprint}, p, ckpt_fields,
                      comm);
      if (mpi.root()) spdlog::info("checkpoint {} (t = {:g} s)", f.string(), t);
      next_ckpt = next_multiple(t, s.checkpoint_every_s);
    }
    const auto now = std::chrono::steady_clock::now();
    if (mpi.root() && now - last_log > std::chrono::seconds(5)) {
      spdlog::info("t = {:.6g} / {:g} s, step {}, dt {:.3g} s", t, s.end_s, step, dt);
      last_log = now;
    }
  }
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  r.steps = step - step0;
  r.cell_updates_per_s = r.wall_s > 0 ? double(r.cells) * double(r.steps) / r.wall_s : 0;
  r.end_time_s = t;
  r.h = frame();
  const double v1 = volume(r.h);
  r.mass_rel_change = v0 > 0 ? (v1 - v0) / v0 : 0;
  const auto emax = gather(eta_max), hmax = gather(h_max);
  if (mpi.root()) {
    if (s.has_analytic()) {
      ErrorNorms e;
      double l1 = 0, l2 = 0;
      for (long j = 0; j < s.ny; ++j)
        for (long i = 0; i < s.nx; ++i) {
          const double x = s.geo.x0 + (double(i) + 0.5) * s.geo.dx;
          const double y = s.geo.y0 + (double(j) + 0.5) * s.geo.dy;
          const double err = std::abs(r.h[std::size_t(j * s.nx + i)] - *case_exact_h(s, x, y, t));
          l1 += err;
          l2 += err * err;
          e.linf = std::max(e.linf, err);
        }
      e.l1 = l1 / double(r.cells);
      e.l2 = std::sqrt(l2 / double(r.cells));
      r.errors = e;
    }
    if (nc) nc->close(emax, hmax);
    stage->commit();
    r.output_dir = stage->final_path();
  }
  return r;
}

}  // namespace taifeng::hpc::swe
