#include "taifeng/hpc/forecast_cycle.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/core/sha256.hpp"
#include "taifeng/core/stop_request.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/core/version.hpp"
#include "taifeng/forcing/jtwc_csv.hpp"
#include "taifeng/forcing/netcdf_io.hpp"
#include "taifeng/forcing/relief.hpp"
#include "taifeng/forcing/tracks.hpp"
#include "taifeng/hpc/hazard_products.hpp"
#include "taifeng/hpc/render_stage.hpp"
#include "taifeng/hpc/sst_field.hpp"
#include "taifeng/hpc/surge_checkpoint_files.hpp"
#include "taifeng/hpc/surge_identity.hpp"
#include "taifeng/hpc/surge_stage.hpp"
#include "taifeng/hpc/track_stage.hpp"
#include "taifeng/hpc/verify.hpp"
#include "taifeng/hpc/warn_stage.hpp"
#include "taifeng/solver/cliper.hpp"
#include "taifeng/solver/gust.hpp"
#include "taifeng/solver/monte_carlo.hpp"
#include "taifeng/solver/official.hpp"
#include "taifeng/solver/persistence.hpp"
#include "taifeng/solver/wind_hazard.hpp"
#include "taifeng/viz/vtk_writer.hpp"
#include "taifeng/warnings/alerts.hpp"
#include "taifeng/warnings/cap.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/registry_read.hpp"

namespace taifeng::hpc {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

class StageTimer {
 public:
  void start(const std::string& name) {
    throw_if_stop_requested("the " + name + " stage");
    name_ = name;
    t0_ = std::chrono::steady_clock::now();
  }
  void stop() {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    timings_.emplace_back(name_, s);
    spdlog::info("stage {:<9} {:8.3f} s", name_, s);
  }
  const std::vector<std::pair<std::string, double>>& timings() const { return timings_; }

 private:
  std::string name_;
  std::chrono::steady_clock::time_point t0_;
  std::vector<std::pair<std::string, double>> timings_;
};

std::string rel(const fs::path& p, const fs::path& base) {
  return p.lexically_relative(base).generic_string();
}

json toml_to_json(const toml::table& t) {
  std::ostringstream ss;
  ss << toml::json_formatter{t};
  return json::parse(ss.str());
}

std::string utc_now() {
  return format_iso_utc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace

CycleResult run_forecast_cycle(const CycleConfig& cfg, const ConfigReader& reader,
                               const MpiSession& mpi, const std::vector<std::string>& command) {
  const auto wall0 = std::chrono::steady_clock::now();
  const std::string started = utc_now();
  StageTimer timer;
  const TimePoint t0 = cfg.analysis_time;

  // --- inputs (every rank reads them: they are small, and all ranks must agree) -------
  timer.start("inputs");
  const TrackInputs track_in = read_track_inputs(cfg, reader);
  const WarnRegistry registry = load_warn_registry(cfg);
  const std::vector<warnings::AdminUnit>& units = registry.units;
  const Field relief = forcing::read_relief(cfg.relief_file, cfg.relief_variable, cfg.grid);
  const std::vector<std::uint8_t> land =
      forcing::land_mask_from_relief(relief, cfg.land_threshold_m);
  // The track may leave the wind grid: its land test uses a wider, coarser window.
  const LonLat c0 = track_in.analysis_centre;
  const Grid track_grid = Grid::from_box(std::floor(c0.lon) - 40, std::floor(c0.lon) + 40,
                                         std::max(-89.0, std::floor(c0.lat) - 30),
                                         std::min(89.0, std::floor(c0.lat) + 30), 0.1);
  const std::vector<std::uint8_t> track_land = forcing::land_mask_from_relief(
      forcing::read_relief(cfg.relief_file, cfg.relief_variable, track_grid), cfg.land_threshold_m);
  std::optional<SstField> sst;
  if (!cfg.sst_file.empty())
    sst = read_sst(cfg.sst_file, cfg.sst_variable,
                   {track_grid.lon0, track_grid.lon(track_grid.nlon - 1), track_grid.lat0,
                    track_grid.lat(track_grid.nlat - 1)});
  if (track_in.best)
    spdlog::info("track {} ({}): {} fixes {} .. {}", cfg.storm_id, cfg.storm_name_en,
                 track_in.best->points.size(), format_iso_utc(track_in.best->start()),
                 format_iso_utc(track_in.best->end()));
  spdlog::info("{} administrative units; SST limit: {}", units.size(),
               sst ? fmt::format("{} ({})", cfg.sst_file.filename().string(),
                                 sst->climatology() ? "monthly climatology" : "analyses")
                   : std::string("off"));
  timer.stop();

  // --- track and intensity forecast ----------------------------------------------------
  timer.start("track");
  const Grid& grid = cfg.grid;
  auto is_land = [&](LonLat p) {
    const auto ij = track_grid.nearest(p.lon, p.lat);
    return ij && track_land[track_grid.index(ij->first, ij->second)] != 0;
  };
  const TrackForecast tf = run_track_model(cfg, reader, track_in, is_land, sst ? &*sst : nullptr);
  const Track& fc = tf.forecast;
  if (tf.sst_limited_points > 0)
    spdlog::info("SST limit lowered {} forecast points", tf.sst_limited_points);
  spdlog::info("{} forecast: {} points to +{:g} h, end at {:.2f}N {:.2f}E, {:.1f} m/s", cfg.model,
               fc.points.size(), hours_between(t0, fc.end()), fc.points.back().lat,
               fc.points.back().lon, fc.points.back().vmax_ms);
  timer.stop();

  // --- wind fields: output times split over ranks, OpenMP inside each field ------------
  timer.start("wind");
  std::vector<TimePoint> times;
  std::vector<double> hours;
  for (const TrackPoint& p : fc.points) {
    times.push_back(p.time);
    hours.push_back(hours_between(t0, p.time));
  }
  const std::size_t nt = times.size(), n = grid.size();
  const auto [k0, k1] = block_range(nt, mpi.rank(), mpi.size());
  std::vector<double> mine((k1 - k0) * n), swath(n, 0.0);
  for (std::size_t k = k0; k < k1; ++k) {
    solver::wind_hazard_range(fc, times, k, k + 1, grid, land, cfg.wind, mine.data() + (k - k0) * n,
                              swath.data());
    if ((k - k0 + 1) % 24 == 0 || k + 1 == k1)
      spdlog::info("wind fields: {}/{} output times on rank 0 ({} ranks, {} threads each)",
                   k - k0 + 1, k1 - k0, mpi.size(), omp_threads());
  }
  reduce_max_to_root(swath);
  std::vector<double> hourly(mpi.root() ? nt * n : 0);
  gather_blocks_to_root(mine.data(), nt, n, hourly.data());
  timer.stop();

  // --- Monte Carlo ensemble: members split over ranks, merged exactly (integer counts) --
  std::optional<solver::WindProbabilityProducts> ens;
  solver::TrackErrorStats stats;
  const bool nwp_members = cfg.model == "ensemble";
  const long n_members = nwp_members ? long(tf.members.size()) : cfg.ensemble_members;
  if (n_members > 0) {
    timer.start("ensemble");
    if (!nwp_members) stats = load_track_errors_json(cfg.error_stats);
    solver::MemberAccumulator acc = solver::make_accumulator(
        grid, times, fc, signal_product_options(cfg.signal_rules, cfg.wind.output_averaging));
    const auto [m0, m1] = block_range(std::size_t(n_members), mpi.rank(), mpi.size());
    for (std::size_t m = m0; m < m1; ++m) {
      const Track mt =
          nwp_members ? tf.members[m]
                      : monte_carlo_member(cfg, tf, stats, int(m), sst ? &*sst : nullptr, is_land);
      solver::accumulate_member(acc, mt, grid, land, cfg.wind, times);
      throw_if_stop_requested("the ensemble stage");
      if ((m - m0 + 1) % 100 == 0 || m + 1 == m1)
        spdlog::info("ensemble: {}/{} members on rank 0 ({} members on {} ranks)", m - m0 + 1,
                     m1 - m0, n_members, mpi.size());
    }
    reduce_sum_to_root(acc.reach_count);
    reduce_sum_to_root(acc.gale_first);
    reduce_sum_to_root(acc.max_hist);
    reduce_sum_to_root(acc.max_sum_mm_s);
    reduce_sum_to_root(acc.strike_count);
    for (auto& d : acc.cone_distances_km) d = gather_to_root(d);
    if (mpi.root()) {
      acc.members = n_members;
      ens = solver::finalize(acc);
    }
    timer.stop();
  }
  // --- storm surge: runs (deterministic + members) split over ranks ----------------------
  struct SurgeProducts {
    std::vector<double> det_eta, det_inund, ens_eta_max;
    std::vector<double> run_eta, run_inund;        // [run][point]: maxima of every run
    std::vector<std::vector<std::int32_t>> count;  // [threshold][point]
    std::vector<std::int32_t> inund_count;         // runs inundating the point
    long runs = 0, steps = 0;
    double mass_rel_change = 0;
    json checkpoints = nullptr;  // --checkpoint-dir: runs taken over / resumed (run.json)
  };
  std::optional<SurgeProducts> surge;
  const std::vector<double> surge_thresholds_m = {0.5, 1.0, 2.0, 3.0};
  std::optional<SurgeSetup> surge_setup;
  if (cfg.surge) {
    timer.start("surge");
    const Grid& sg = cfg.surge_opt.grid;
    surge_setup = make_surge_setup(cfg.surge_opt,
                                   forcing::read_relief(cfg.relief_file, cfg.relief_variable, sg));
    const long runs = cfg.surge_members;
    if (nwp_members && runs - 1 > long(tf.members.size()))
      throw_input_error(reader.where("surge.members"),
                        fmt::format("key 'surge.members': {} runs, but the ensemble guidance has "
                                    "only {} members (+1 for the mean track)",
                                    runs, tf.members.size()));
    const TimePoint t_end = add_hours(t0, cfg.surge_hours);
    SurgeProducts sp;
    sp.runs = runs;
    const std::size_t ns = sg.size();
    const double sentinel = -1e30;  // "never wet" while reducing maxima
    sp.det_eta.assign(ns, sentinel);
    sp.det_inund.assign(ns, 0.0);
    sp.ens_eta_max.assign(ns, sentinel);
    sp.count.assign(surge_thresholds_m.size(), std::vector<std::int32_t>(ns, 0));
    sp.inund_count.assign(ns, 0);
    sp.run_eta.assign(std::size_t(runs) * ns, sentinel);
    sp.run_inund.assign(std::size_t(runs) * ns, 0.0);
    const auto [r0, r1] = block_range(std::size_t(runs), mpi.rank(), mpi.size());
    std::vector<std::int64_t> steps(3, 0);  // steps, runs reused, runs resumed
    const fs::path& ckpt_dir = cfg.surge_checkpoint_dir;
    if (!ckpt_dir.empty()) create_checkpoint_folder(ckpt_dir);
    for (std::size_t m = r0; m < r1; ++m) {
      // Run 0 is the deterministic forecast; then guidance members or Monte Carlo members.
      const Track mt = m == 0        ? fc
                       : nwp_members ? tf.members[m - 1]
                                     : monte_carlo_member(cfg, tf, stats, int(m),
                                                          sst ? &*sst : nullptr, is_land);
      throw_if_stop_requested("the surge stage");
      // Checkpoints: files of this run only, written by this rank.
      std::optional<SurgeCheckpointFiles> ckpt;
      if (!ckpt_dir.empty())
        ckpt.emplace(ckpt_dir, long(m), surge_run_identity(*surge_setup, mt, t0, t_end, cfg.wind),
                     sg, cfg.surge_checkpoint_hours * 3600.0,
                     fmt::format("run {}/{}", m + 1, runs));
      const SurgeRun run =
          run_surge(*surge_setup, mt, t0, t_end, cfg.wind, ckpt ? &*ckpt : nullptr);
      steps[0] += run.steps;
      if (ckpt && ckpt->origin() == SurgeCheckpointFiles::Origin::reused) ++steps[1];
      if (ckpt && ckpt->origin() == SurgeCheckpointFiles::Origin::resumed) ++steps[2];
      for (std::size_t k = 0; k < ns; ++k) {
        const double e = std::isnan(run.eta_max[k]) ? sentinel : run.eta_max[k];
        sp.ens_eta_max[k] = std::max(sp.ens_eta_max[k], e);
        for (std::size_t th = 0; th < surge_thresholds_m.size(); ++th)
          sp.count[th][k] += e >= surge_thresholds_m[th] ? 1 : 0;
        sp.inund_count[k] += run.inundation[k] >= cfg.surge_inundated_m ? 1 : 0;
        sp.run_eta[m * ns + k] = e;
        sp.run_inund[m * ns + k] = run.inundation[k];
      }
      if (m == 0) {
        sp.det_eta = run.eta_max;
        for (double& e : sp.det_eta)
          if (std::isnan(e)) e = sentinel;
        sp.det_inund = run.inundation;
        sp.mass_rel_change = run.mass_rel_change;
      }
      double peak = 0;
      for (double e : run.eta_max)
        if (!std::isnan(e)) peak = std::max(peak, e);
      spdlog::info("surge: run {}/{} on rank {}: {} steps, max surge {:.2f} m", m + 1, runs,
                   mpi.rank(), run.steps, peak);
    }
    reduce_max_to_root(sp.det_eta);
    reduce_max_to_root(sp.det_inund);
    reduce_max_to_root(sp.ens_eta_max);
    reduce_max_to_root(sp.run_eta);  // each run's row is filled by one rank only
    reduce_max_to_root(sp.run_inund);
    for (auto& c : sp.count) reduce_sum_to_root(c);
    reduce_sum_to_root(sp.inund_count);
    reduce_sum_to_root(steps);
    sp.steps = long(steps[0]);
    if (mpi.root() && !ckpt_dir.empty()) {
      spdlog::info(
          "surge: checkpoints in {}: {} run(s) completed before, {} resumed, {} from "
          "the start",
          ckpt_dir.string(), steps[1], steps[2], runs - steps[1] - steps[2]);
      sp.checkpoints = {{"dir", ckpt_dir.string()},
                        {"every_hours", cfg.surge_checkpoint_hours},
                        {"runs_completed_before", steps[1]},
                        {"runs_resumed", steps[2]}};
    }
    if (mpi.root()) {
      for (auto* v : {&sp.det_eta, &sp.ens_eta_max, &sp.run_eta})
        for (double& e : *v)
          if (e <= sentinel) e = std::numeric_limits<double>::quiet_NaN();
      surge = std::move(sp);
    }
    timer.stop();
  }
  if (!mpi.root()) return {};

  // --- the hazard the warnings stage decides from ------------------------------------------
  timer.start("hazard");
  Field swath_field("wind_speed_max", "m s-1", grid);
  swath_field.data = std::move(swath);
  swath_field.standard_name = "wind_speed";
  swath_field.long_name = "maximum 10 m wind speed over the forecast (swath)";
  std::vector<const double*> hourly_ptrs;
  for (std::size_t k = 0; k < nt; ++k) hourly_ptrs.push_back(hourly.data() + k * n);
  // Gusts: the sustained wind times the WMO gust factor of each point's exposure (at sea /
  // open terrain); the factor does not change in time, so the gust swath is the factor
  // times the sustained swath.
  Field gust_swath("wind_speed_of_gust_max", "m s-1", grid);
  solver::gust_speed_field(grid, land, cfg.wind.output_averaging, swath_field.data.data(),
                           gust_swath.data.data());
  gust_swath.standard_name = "wind_speed_of_gust";
  warnings::HazardProducts hazard;
  hazard.analysis_time = t0;
  hazard.storm_id = cfg.storm_id;
  hazard.storm_name_en = cfg.storm_name_en;
  hazard.storm_name_zh = cfg.storm_name_zh;
  {
    warnings::WindHazard& w = hazard.wind;
    w.grid = grid;
    w.land = land;
    w.max_wind_ms = swath_field.data;
    w.max_gust_ms = gust_swath.data;
    w.first_bf6_h = warnings::first_exceedance_hours(hourly_ptrs, hours, n, 10.8);
    w.first_gale_h = warnings::first_exceedance_hours(hourly_ptrs, hours, n, 17.2);
    if (ens) {
      w.members = ens->members;
      w.p_signal =
          signal_probability_ensemble(*ens, cfg.signal_rules, land, cfg.wind.output_averaging);
      const std::size_t gale = 1;  // thresholds 10.8, 17.2, …: Beaufort 8
      w.p_gale = ens->prob[gale].back();
      w.p_gale_window_h = ens->windows_h.back();
      w.gale_arrival_h = ens->gale_arrival_h;
    } else {
      w.p_signal = signal_probability_deterministic(hourly_ptrs, hours, n, cfg.signal_rules, land,
                                                    cfg.wind.output_averaging);
      w.p_gale.resize(n);
      for (std::size_t c = 0; c < n; ++c) w.p_gale[c] = w.max_wind_ms[c] >= 17.2 ? 1.0 : 0.0;
      w.p_gale_window_h = hours.back();
    }
  }
  if (surge) {
    warnings::SurgeHazard s;
    s.grid = cfg.surge_opt.grid;
    s.runs = surge->runs;
    s.inundation_m = surge->det_inund;
    s.surge_max_m = surge->det_eta;
    s.inundated_m = cfg.surge_inundated_m;
    s.p_inundation.resize(s.grid.size());
    for (std::size_t k = 0; k < s.grid.size(); ++k)
      s.p_inundation[k] = double(surge->inund_count[k]) / double(surge->runs);
    s.thresholds_m = surge_thresholds_m;
    for (const auto& c : surge->count) {
      std::vector<double> pr(c.size());
      for (std::size_t k = 0; k < c.size(); ++k) pr[k] = double(c[k]) / double(surge->runs);
      s.p_surge_ge.push_back(std::move(pr));
    }
    hazard.surge = std::move(s);
  }
  warnings::round_to_stored_precision(hazard);  // as `taifeng warn` will read it back
  timer.stop();

  StagedDir stage(cfg.output_dir);
  const fs::path out = stage.path();
  std::map<std::string, std::vector<std::string>> outputs = {
      {"netcdf", {}}, {"cap", {}}, {"feed", {}}, {"vtk", {}}, {"png", {}}, {"summary", {}}};
  const std::string stamp = format_yyyymmddhh(t0);

  // --- CF NetCDF ------------------------------------------------------------------------
  if (cfg.write_netcdf) {
    timer.start("netcdf");
    forcing::GriddedDataset ds;
    ds.grid = grid;
    ds.reference_time = t0;
    ds.time_hours = hours;
    const std::string avg = fmt::format("{}-minute mean", minutes_of(cfg.wind.output_averaging));
    if (cfg.write_hourly) {
      forcing::TimeSeriesVariable ws;
      ws.meta = {"wind_speed", "m s-1", "wind_speed",
                 "10 m wind speed, " + avg + " (" + cfg.profile + " parametric profile)", ""};
      for (std::size_t k = 0; k < nt; ++k) {
        Field f("wind_speed", "m s-1", grid);
        std::copy(hourly_ptrs[k], hourly_ptrs[k] + n, f.data.begin());
        ws.steps.push_back(std::move(f));
      }
      ds.series.push_back(std::move(ws));
    }
    ds.statics.push_back(
        {{"wind_speed_max", "m s-1", "wind_speed",
          "maximum 10 m wind speed over the forecast (swath), " + avg, "time: maximum"},
         swath_field});
    ds.statics.push_back(
        {{"wind_speed_of_gust_max", "m s-1", "wind_speed_of_gust",
          fmt::format("maximum 3-s gust over the forecast: the {} swath times the gust factor "
                      "of WMO/TD-1555 (Harper, Kepert & Ginger 2010): {:.2f} at sea, {:.2f} "
                      "over land",
                      avg, solver::gust_factor(cfg.wind.output_averaging, false),
                      solver::gust_factor(cfg.wind.output_averaging, true)),
          "time: maximum"},
         gust_swath});
    Field land_field("land_binary_mask", "1", grid);
    for (std::size_t i = 0; i < n; ++i) land_field.data[i] = land[i];
    ds.statics.push_back({{"land_binary_mask", "1", "land_binary_mask",
                           fmt::format("land: relief > {:g} m", cfg.land_threshold_m), ""},
                          land_field});
    ds.statics.push_back({{"relief", "m", "", relief.long_name, ""}, relief});
    // What the warnings stage decides from (read back by `taifeng warn`).
    auto add_static = [&](const std::string& name, const char* units, const std::string& long_name,
                          const std::vector<double>& v) {
      Field f(name, units, grid);
      f.data = v;
      ds.statics.push_back({{name, units, "", long_name, ""}, f});
    };
    add_static("first_beaufort6_hour", "hours",
               "deterministic forecast: first lead with mean wind >= 10.8 m/s",
               hazard.wind.first_bf6_h);
    add_static("first_gale_hour", "hours",
               "deterministic forecast: first lead with mean wind >= 17.2 m/s (gale)",
               hazard.wind.first_gale_h);
    for (std::size_t r = 0; r < cfg.signal_rules.size(); ++r) {
      const auto& rule = cfg.signal_rules[r];
      add_static(fmt::format("prob_signal_{}", warnings::signal_name(rule.level)), "1",
                 fmt::format("probability that the {} signal criterion is met: mean wind >= "
                             "{:g} m/s or gust >= {:g} m/s within {:g} h ({})",
                             warnings::signal_name(rule.level), rule.min_wind_ms, rule.min_gust_ms,
                             rule.within_hours,
                             hazard.wind.members > 0
                                 ? fmt::format("{}-member ensemble", hazard.wind.members)
                                 : std::string("deterministic forecast: 0 or 1")),
                 hazard.wind.p_signal[r]);
    }
    add_static(
        "prob_gale", "1",
        fmt::format("probability of mean wind >= 17.2 m/s within {:g} h ({})",
                    hazard.wind.p_gale_window_h,
                    hazard.wind.members > 0 ? fmt::format("{}-member ensemble", hazard.wind.members)
                                            : std::string("deterministic forecast: 0 or 1")),
        hazard.wind.p_gale);
    if (ens) {
      const char* bf[] = {"6", "8", "10", "12"};
      for (std::size_t t = 0; t < 4; ++t)
        for (std::size_t w = 0; w < ens->windows_h.size(); ++w) {
          Field f(fmt::format("prob_bf{}_{:g}h", bf[t], ens->windows_h[w]), "1", grid);
          f.data = ens->prob[t][w];
          ds.statics.push_back(
              {{f.name, "1", "",
                fmt::format("probability of 10 m wind >= {:g} m/s (Beaufort {}) within 0-{:g} h, "
                            "{}, {}-member Monte Carlo ensemble",
                            ens->thresholds_ms[t], t < 4 ? bf[t] : "?", ens->windows_h[w], avg,
                            ens->members),
                ""},
               f});
        }
      auto add = [&](const char* name, const char* units, const char* std_name,
                     const std::string& long_name, const char* methods,
                     const std::vector<double>& v) {
        Field f(name, units, grid);
        f.data = v;
        ds.statics.push_back({{name, units, std_name, long_name, methods}, f});
      };
      add("gale_arrival_h", "hours", "",
          "earliest lead (hours after the analysis) at which at least half of the members have "
          "reached 17.2 m/s",
          "", ens->gale_arrival_h);
      add("wind_speed_max_ens_mean", "m s-1", "wind_speed",
          "ensemble mean of the members' maximum 10 m wind over the forecast, " + avg,
          "time: maximum realization: mean", ens->mean_max_wind);
      add("wind_speed_max_ens_p90", "m s-1", "wind_speed",
          "90th percentile over members of the maximum 10 m wind over the forecast, " + avg,
          "time: maximum", ens->p90_max_wind);
      add("strike_probability_100km", "1", "",
          "probability that the storm centre passes within 100 km", "", ens->strike_prob);
      forcing::TimeVariable cone{
          {"cone_radius_km", "km", "", "radius of the cone holding 2/3 of the member centres", ""},
          ens->cone_radius_km};
      ds.time_variables.push_back(std::move(cone));
    }
    auto track_var = [&](const char* name, const char* units, const char* std_name,
                         const char* long_name, auto get) {
      forcing::TimeVariable v{{name, units, std_name, long_name, ""}, {}};
      for (const TrackPoint& p : fc.points) v.values.push_back(get(p));
      ds.time_variables.push_back(std::move(v));
    };
    track_var("storm_lat", "degrees_north", "", "storm centre latitude",
              [](auto& p) { return p.lat; });
    track_var("storm_lon", "degrees_east", "", "storm centre longitude",
              [](auto& p) { return p.lon; });
    track_var("storm_vmax", "m s-1", "", "storm maximum sustained wind (1-minute mean)",
              [](auto& p) { return p.vmax_ms; });
    track_var("storm_pmin", "hPa", "", "storm central pressure",
              [](auto& p) { return p.pmin_hpa; });
    ds.global_attributes = {
        {"title", fmt::format("taifeng wind forecast for {} ({}) from {}", cfg.storm_name_en,
                              cfg.storm_id, format_iso_utc(t0))},
        {"institution", cfg.alert.sender_name_en},
        {"source", fmt::format("taifeng {}: {} track model, {} wind profile", version_string,
                               cfg.model, cfg.profile)},
        {"history", fmt::format("taifeng {} forecast cycle {}", version_string, cfg.run_name)},
        {"references",
         "Holland (1980) MWR 108:1212; Holland, Belanger & Fritz (2010) MWR 138:4393; "
         "Willoughby, Darling & Rahn (2006) MWR 134:1102; Kaplan & DeMaria (1995) JAM 34:2499; "
         "DeMaria & Kaplan (1994) J. Climate 7:1324; Harper, Kepert & Ginger (2010) "
         "WMO/TD-1555; DeMaria et al. (2009) Wea. Forecasting 24:1573"},
        {"storm_id", cfg.storm_id},
        {"storm_name", cfg.storm_name_en},
        {"storm_name_zh", cfg.storm_name_zh},
        {"analysis_time", format_iso_utc(t0)},
        {"ensemble_members", std::to_string(hazard.wind.members)},
        {"prob_gale_window_hours", fmt::format("{:g}", hazard.wind.p_gale_window_h)},
    };
    const fs::path nc = out / fmt::format("wind_{}_{}.nc", cfg.storm_id, stamp);
    forcing::write_netcdf(nc, ds);
    outputs["netcdf"].push_back(rel(nc, out));
    timer.stop();
  }

  // --- storm surge NetCDF (its own grid) ---------------------------------------------------
  if (surge && cfg.write_netcdf) {
    timer.start("surge_nc");
    const Grid& sg = cfg.surge_opt.grid;
    forcing::GriddedDataset ds;
    ds.grid = sg;
    ds.reference_time = t0;
    auto add = [&](const std::string& name, const char* units, const char* std_name,
                   const std::string& long_name, const char* methods, std::vector<double> v) {
      Field f(name, units, sg);
      f.data = std::move(v);
      ds.statics.push_back({{name, units, std_name, long_name, methods}, f});
    };
    add("bed_elevation", "m", "",
        "bed of the surge model: ETOPO5 relief, depths clipped at " +
            fmt::format("{:g} m", cfg.surge_opt.depth_cap_m),
        "", surge_setup->bed);
    add("surge_max", "m", "sea_surface_height_above_mean_sea_level",
        "maximum storm surge (free surface) of the deterministic forecast over wet cells",
        "time: maximum", surge->det_eta);
    add("inundation_depth_max", "m", "",
        "maximum water depth over land of the deterministic forecast", "time: maximum",
        surge->det_inund);
    add("surge_max_ensemble", "m", "", fmt::format("maximum surge over the {} runs", surge->runs),
        "time: maximum realization: maximum", surge->ens_eta_max);
    {
      forcing::RealizationVariable eta{{"surge_max_member", "m", "",
                                        "maximum storm surge of each run over wet cells "
                                        "(realization 0: deterministic forecast)",
                                        "time: maximum"},
                                       {}};
      forcing::RealizationVariable inund{{"inundation_depth_max_member", "m", "",
                                          "maximum water depth over land of each run "
                                          "(realization 0: deterministic forecast)",
                                          "time: maximum"},
                                         {}};
      const std::size_t ns = sg.size();
      for (long m = 0; m < surge->runs; ++m) {
        Field fe("surge_max_member", "m", sg), fi("inundation_depth_max_member", "m", sg);
        fe.data.assign(surge->run_eta.begin() + long(m * ns),
                       surge->run_eta.begin() + long((m + 1) * ns));
        fi.data.assign(surge->run_inund.begin() + long(m * ns),
                       surge->run_inund.begin() + long((m + 1) * ns));
        eta.members.push_back(std::move(fe));
        inund.members.push_back(std::move(fi));
      }
      ds.per_realization.push_back(std::move(eta));
      ds.per_realization.push_back(std::move(inund));
    }
    add("prob_inundation", "1", "",
        fmt::format("fraction of the {} surge runs with water deeper than {:g} m over land",
                    surge->runs, cfg.surge_inundated_m),
        "", hazard.surge->p_inundation);
    for (std::size_t th = 0; th < surge_thresholds_m.size(); ++th) {
      std::vector<double> pr(sg.size());
      for (std::size_t k = 0; k < pr.size(); ++k)
        pr[k] = double(surge->count[th][k]) / double(surge->runs);
      std::string tag = fmt::format("{:g}", surge_thresholds_m[th]);
      std::replace(tag.begin(), tag.end(), '.', 'p');  // prob_surge_ge_0p5m
      add("prob_surge_ge_" + tag + "m", "1", "",
          fmt::format("fraction of the {} surge runs reaching {:g} m", surge->runs,
                      surge_thresholds_m[th]),
          "", pr);
    }
    ds.global_attributes = {
        {"title", fmt::format("taifeng storm surge for {} ({}) from {}", cfg.storm_name_en,
                              cfg.storm_id, format_iso_utc(t0))},
        {"source",
         fmt::format("taifeng {}: shallow-water core (HLL, hydrostatic "
                     "reconstruction, SSP-RK2), Holland pressure and {} winds, "
                     "{:g} h, Manning n {:g}",
                     version_string, cfg.profile, cfg.surge_hours, cfg.surge_opt.manning_n)},
        {"comment", "no tide: surge above mean sea level; local metric grid"},
        {"analysis_time", format_iso_utc(t0)},
        {"surge_runs", std::to_string(surge->runs)},
        {"inundated_depth_m", fmt::format("{:g}", cfg.surge_inundated_m)}};
    const fs::path nc = out / fmt::format("surge_{}_{}.nc", cfg.storm_id, stamp);
    forcing::write_netcdf(nc, ds);
    outputs["netcdf"].push_back(rel(nc, out));
    timer.stop();
  }

  // --- warnings: exposure, signals, CAP messages, SMS, evacuation plan ----------------------
  timer.start("warnings");
  const WarnOutcome warned = run_warn_stage(cfg, registry, hazard, cfg.previous_cycle, out);
  for (const auto& [kind, files] : warned.files)
    outputs[kind].insert(outputs[kind].end(), files.begin(), files.end());
  timer.stop();

  // --- VTK ----------------------------------------------------------------------------------
  if (cfg.write_vtk) {
    timer.start("vtk");
    fs::create_directories(out / "vtk");
    const fs::path vti = out / "vtk" / "wind_swath.vti";
    viz::write_image_vti(vti, {&swath_field});
    const fs::path vtp_fc = out / "vtk" / "track_forecast.vtp";
    viz::write_track_vtp(vtp_fc, fc, t0);
    outputs["vtk"].push_back(rel(vti, out));
    outputs["vtk"].push_back(rel(vtp_fc, out));
    if (track_in.best) {
      const fs::path vtp_best = out / "vtk" / "track_best.vtp";
      viz::write_track_vtp(vtp_best, *track_in.best, t0);
      outputs["vtk"].push_back(rel(vtp_best, out));
    }
    timer.stop();
  }

  // --- config.toml: the resolved configuration (defaults filled in, absolute paths), so the
  // folder can be re-rendered or re-warned alone (taifeng render RUN_DIR).
  {
    std::ostringstream ss;
    ss << "# taifeng " << version_string << ": resolved configuration of this cycle\n"
       << reader.resolved() << "\n";
    write_file_atomic(out / "config.toml", ss.str());
    outputs["summary"].push_back("config.toml");
  }

  // --- tracks.csv: the forecast, the best track and the first ensemble members ------------
  {
    // Members are regenerated on rank 0 from their seeds (cheap next to their winds).
    std::string csv = "member,time,lead_h,lat,lon,vmax_ms,pmin_hpa\n";
    auto add = [&](int member, const Track& t) {
      for (const TrackPoint& p : t.points)
        csv +=
            fmt::format("{},{},{:g},{:.4f},{:.4f},{:.2f},{:.1f}\n", member, format_iso_utc(p.time),
                        hours_between(t0, p.time), p.lat, p.lon, p.vmax_ms, p.pmin_hpa);
    };
    if (track_in.best) add(-1, *track_in.best);
    add(0, fc);
    // Monte Carlo member 0 is the forecast itself; guidance members are numbered from 1.
    const long shown = std::min(cfg.member_tracks, nwp_members ? n_members : n_members - 1);
    for (long m = 1; m <= shown; ++m)
      add(int(m), nwp_members
                      ? tf.members[std::size_t(m - 1)]
                      : monte_carlo_member(cfg, tf, stats, int(m), sst ? &*sst : nullptr, is_land));
    write_file_atomic(out / "tracks.csv", csv);
    outputs["summary"].push_back("tracks.csv");
  }

  // --- summaries --------------------------------------------------------------------------
  timer.start("summary");
  json track_json = json::array();
  for (const TrackPoint& p : fc.points)
    track_json.push_back({{"time", format_iso_utc(p.time)},
                          {"lead_h", hours_between(t0, p.time)},
                          {"lat", p.lat},
                          {"lon", p.lon},
                          {"vmax_ms", p.vmax_ms},
                          {"pmin_hpa", p.pmin_hpa},
                          {"rmw_km", p.rmw_km}});
  json summary = {
      {"storm",
       {{"id", cfg.storm_id}, {"name_en", cfg.storm_name_en}, {"name_zh", cfg.storm_name_zh}}},
      {"analysis_time", format_iso_utc(t0)},
      {"analysis_time_local", format_iso_offset(t0, china_standard_offset)},
      {"wind_averaging_minutes", minutes_of(cfg.wind.output_averaging)},
      {"warnings", "warnings/summary.json"},
      {"forecast_track", track_json}};
  write_file_atomic(out / "summary.json", summary.dump(2) + "\n");
  outputs["summary"].push_back("summary.json");
  timer.stop();

  // --- render: VTK scene, maps, animation, bulletin page (the folder as written so far) ----
  if (cfg.render) {
    timer.start("render");
    const RenderOutcome drawn = run_render_stage(cfg, out);
    for (const auto& [kind, files] : drawn.files)
      outputs[kind].insert(outputs[kind].end(), files.begin(), files.end());
    timer.stop();
  }

  // --- run.json: provenance, configuration, timings, outputs ----------------------------
  json inputs = json::array();
  for (const auto& [role, p] : {std::pair{"config", fs::path(cfg.config_file)},
                                {"track", cfg.track_file},
                                {"admin_units", cfg.units_file},
                                {"census", cfg.census_file},
                                {"registry", cfg.registry_file},
                                {"relief", cfg.relief_file},
                                {"cliper_model", cfg.cliper_model},
                                {"error_stats", cfg.error_stats},
                                {"advisory", cfg.advisory_file},
                                {"members", cfg.members_file},
                                {"sst", cfg.sst_file},
                                {"cap_schema", cfg.cap_schema}}) {
    if (p.empty()) continue;  // an optional input that this configuration does not use
    if (warnings::registry_is_connection(
            p.string())) {  // a database: no file to hash (no password kept)
      inputs.push_back({{"role", role}, {"path", "PG:(connection string)"}, {"sha256", nullptr}});
      continue;
    }
    inputs.push_back({{"role", role},
                      {"path", fs::absolute(p).lexically_normal().string()},
                      {"sha256", sha256_file(p)}});
  }
  for (const fs::path& p : reader.overlays())
    inputs.push_back(
        {{"role", "config_overlay"}, {"path", p.string()}, {"sha256", sha256_file(p)}});
  json ens_json = nullptr;
  if (ens) {
    json cone = json::object();
    for (std::size_t k = 0; k < ens->lead_h.size(); ++k)
      if (std::fmod(ens->lead_h[k], 24.0) == 0 && ens->lead_h[k] > 0)
        cone[fmt::format("{:g}", ens->lead_h[k])] = std::round(ens->cone_radius_km[k] * 10) / 10;
    if (nwp_members)
      ens_json = {{"members", ens->members},
                  {"realizations", "track-guidance members"},
                  {"source", cfg.members_file.filename().string()},
                  {"member_labels", track_in.member_labels},
                  {"cone_radius_km_by_lead_h", cone}};
    else
      ens_json = {{"members", ens->members},         {"realizations", "Monte Carlo"},
                  {"seed", cfg.ensemble_seed},       {"perturb_intensity", cfg.perturb_intensity},
                  {"error_stats", stats.source},     {"error_stats_model", stats.model},
                  {"cone_radius_km_by_lead_h", cone}};
  }
  json timings = json::object();
  for (const auto& [name, s] : timer.timings()) timings[name] = s;
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  json run = {{"software", {{"name", "taifeng"}, {"version", version_string}}},
              {"command", command},
              {"started_utc", started},
              {"finished_utc", utc_now()},
              {"mpi_ranks", mpi.size()},
              {"omp_threads_per_rank", omp_threads()},
              {"analysis_time", format_iso_utc(t0)},
              {"output_dir", stage.final_path().string()},
              {"inputs", inputs},
              {"configuration", toml_to_json(reader.resolved())},
              {"stage_wall_s", timings},
              {"ensemble", ens_json},
              {"surge", surge ? json{{"runs", surge->runs},
                                     {"hours", cfg.surge_hours},
                                     {"steps", surge->steps},
                                     {"cells", cfg.surge_opt.grid.size()},
                                     {"mass_rel_change_deterministic", surge->mass_rel_change},
                                     {"checkpoints", surge->checkpoints}}
                              : json(nullptr)},
              {"wall_s", wall_s},
              {"outputs", outputs}};
  write_file_atomic(out / "run.json", run.dump(2) + "\n");
  throw_if_stop_requested("publication");
  stage.commit();

  CycleResult result;
  result.output_dir = stage.final_path();
  result.wall_s = wall_s;
  result.n_alerts = warned.messages;
  return result;
}

}  // namespace taifeng::hpc
