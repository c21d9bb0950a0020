#include "taifeng/hpc/track_stage.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/forcing/jtwc_csv.hpp"
#include "taifeng/forcing/tracks.hpp"
#include "taifeng/hpc/bam_inputs.hpp"
#include "taifeng/hpc/verify.hpp"
#include "taifeng/solver/cliper.hpp"
#include "taifeng/solver/ensemble_tracks.hpp"
#include "taifeng/solver/monte_carlo.hpp"
#include "taifeng/solver/official.hpp"
#include "taifeng/solver/sst_limit.hpp"

namespace taifeng::hpc {

namespace {

// Members of the `ensemble` model: every member of the chosen storm (ECMWF BUFR), or the
// listed techniques' forecasts from the analysis time (a-deck).
void read_members(const CycleConfig& cfg, const ConfigReader& reader, TrackInputs& in) {
  const forcing::TrackFile tf = forcing::read_track_file(cfg.members_file, cfg.members_format);
  for (const auto& w : tf.warnings) spdlog::debug("{}", w);
  if (!tf.warnings.empty())
    spdlog::warn("{}: {} reader warning(s) (run with -v to list them)", cfg.members_file.string(),
                 tf.warnings.size());
  const forcing::StormTracks* storm = nullptr;
  std::string ids;
  for (const auto& s : tf.storms) {
    ids += (ids.empty() ? "" : ", ") + s.id;
    if (s.id == cfg.members_storm) storm = &s;
  }
  if (!storm && cfg.members_storm.empty() && tf.storms.size() == 1) storm = &tf.storms[0];
  if (!storm)
    throw_input_error(cfg.members_file.string(),
                      fmt::format("no storm '{}' (storms in the file: {}); set "
                                  "forecast.members.storm",
                                  cfg.members_storm, ids.empty() ? "none" : ids));
  const TimePoint t0 = cfg.analysis_time;
  std::string cycles;
  for (const auto& m : storm->ensemble.members) {
    const Track& t = m.track;
    if (t.empty()) continue;
    const std::string technique = t.source.substr(0, t.source.find(' '));
    if (!cfg.members_techniques.empty() &&
        std::find(cfg.members_techniques.begin(), cfg.members_techniques.end(), technique) ==
            cfg.members_techniques.end())
      continue;
    if (t.start() != t0) {
      cycles += (cycles.empty() ? "" : ", ") + format_iso_utc(t.start());
      continue;
    }
    in.members.push_back(t);
    in.member_labels.push_back(tf.format == "atcf" ? technique
                                                   : fmt::format("{} member {}", technique, m.id));
  }
  if (!cfg.members_techniques.empty())
    for (const auto& want : cfg.members_techniques)
      if (std::none_of(in.member_labels.begin(), in.member_labels.end(),
                       [&](const std::string& l) { return l.rfind(want, 0) == 0; }))
        throw_input_error(reader.where("forecast.members.techniques"),
                          fmt::format("key 'forecast.members.techniques': no {} forecast from "
                                      "{} in {}",
                                      want, format_iso_utc(t0), cfg.members_file.string()));
  if (in.members.size() < 2)
    throw_input_error(cfg.members_file.string(),
                      fmt::format("{} member(s) of storm {} start at the analysis time {}; the "
                                  "ensemble model needs at least 2 (other start times: {})",
                                  in.members.size(), storm->id, format_iso_utc(t0),
                                  cycles.empty() ? "none" : cycles));
  spdlog::info("ensemble guidance: {} members of storm {} from {}", in.members.size(), storm->id,
               cfg.members_file.filename().string());
}

}  // namespace

int limit_by_sst(Track& track, const CycleConfig& cfg, const SstField* sst) {
  if (!sst) return 0;
  return solver::apply_sst_limit(track, [&](LonLat p, TimePoint t) { return sst->at(p, t); },
                                 {cfg.sst_relax_hours, cfg.wind.p_env_hpa});
}

Track monte_carlo_member(const CycleConfig& cfg, const TrackForecast& tf,
                         const solver::TrackErrorStats& stats, int m, const SstField* sst,
                         const solver::LandTest& is_land) {
  solver::PerturbOptions po;
  po.p_env_hpa = cfg.wind.p_env_hpa;
  po.perturb_intensity = cfg.perturb_intensity;
  Track t = solver::perturb_track(tf.forecast_raw, stats, cfg.ensemble_seed, m, po);
  limit_by_sst(t, cfg, sst);
  if (tf.decay_members) solver::apply_land_decay(t, is_land, cfg.wind.p_env_hpa);
  return t;
}

namespace {

// Winds on pressure levels for the bam and swe models, with a log line of what was read.
solver::SteeringFields read_layer_winds(const std::filesystem::path& file, solver::BamLayer layer,
                                        const std::string& u_variable,
                                        const std::string& v_variable, const char* model) {
  SteeringRequest req;
  req.layer = layer;
  req.u_variable = u_variable;
  req.v_variable = v_variable;
  solver::SteeringFields fields = read_steering_fields(file, req);
  spdlog::info("{} model: {} layer winds, {} field times {} .. {}, levels used {}", model,
               solver::bam_layer_name(layer), fields.times.size(),
               format_iso_utc(fields.times.front()), format_iso_utc(fields.times.back()),
               fmt::join(fields.levels_hpa, "/"));
  return fields;
}

// Model "swe": the equivalent-barotropic shallow-water model on the file's layer-mean winds.
// Every rank runs it (the result is bitwise the same; it takes seconds).
Track run_swe_track(const CycleConfig& cfg, const Track& best, TimePoint t0) {
  const solver::SteeringFields fields = read_layer_winds(
      cfg.swe_file, cfg.swe.layer, cfg.swe_u_variable, cfg.swe_v_variable, "swe track");
  double next_report = 24.0;
  const solver::SweTrackResult r =
      solver::swe_track_forecast(fields, best, t0, cfg.swe, [&](double hours, double lead) {
        if (hours + 1e-9 >= next_report || hours + 1e-9 >= lead) {
          spdlog::info("swe track model: +{:g} h of {:g} h", hours, lead);
          next_report += 24.0;
        }
      });
  spdlog::info(
      "swe track model: {} x {} cells of {:g} km ({:.2f}..{:.2f}E {:.2f}..{:.2f}N), {} "
      "steps, layer volume change {:.1e}",
      r.nx, r.ny, r.dx_m / 1e3, r.south_west.lon, r.north_east.lon, r.south_west.lat,
      r.north_east.lat, r.steps, r.mass_rel_change);
  if (!r.stop_reason.empty())
    spdlog::warn("swe track model: {}; the track ends at +{:g} h", r.stop_reason,
                 hours_between(t0, r.track.end()));
  return r.track;
}

}  // namespace

TrackInputs read_track_inputs(const CycleConfig& cfg, const ConfigReader& reader) {
  TrackInputs in;
  const TimePoint t0 = cfg.analysis_time;
  if (!cfg.track_file.empty()) {
    std::vector<std::string> warnings;
    Track best = forcing::read_jtwc_csv(cfg.track_file, cfg.storm_id, &warnings);
    best.name = cfg.storm_name_en;
    for (const auto& w : warnings) spdlog::warn("{}", w);
    // Persistence and CLIPER extrapolate the recent motion; the others need the fix only.
    const double history = (cfg.model == "persistence" || cfg.model == "cliper")
                               ? cfg.persistence.motion_window_hours
                               : 0.0;
    if (add_hours(t0, -history) < best.start() || t0 > best.end())
      throw_input_error(
          reader.where("storm.analysis_time"),
          fmt::format("key 'storm.analysis_time': {} is not covered by track {} ({} .. {}) with "
                      "{:g} h of motion before it",
                      format_iso_utc(t0), cfg.storm_id, format_iso_utc(best.start()),
                      format_iso_utc(best.end()), history));
    const TrackPoint p = best.at(t0);
    in.analysis_centre = {p.lon, p.lat};
    in.best = std::move(best);
  }
  if (cfg.model == "ensemble") {
    read_members(cfg, reader, in);
    if (!in.best) {
      solver::EnsembleMeanOptions o;
      o.lead_hours = 0;
      o.min_member_fraction = 0;
      const Track m0 = solver::ensemble_mean_track(in.members, t0, o);
      in.analysis_centre = {m0.points.front().lon, m0.points.front().lat};
    }
  }
  return in;
}

TrackForecast run_track_model(const CycleConfig& cfg, const ConfigReader& reader,
                              const TrackInputs& in, const solver::LandTest& is_land,
                              const SstField* sst) {
  const TimePoint t0 = cfg.analysis_time;
  const double lead = cfg.persistence.lead_hours;
  TrackForecast r;
  Track& fc = r.forecast;
  bool decay = cfg.persistence.decay_over_land;
  if (cfg.model == "cliper") {
    const Track& best = *in.best;
    const solver::CliperModel cliper = load_cliper_json(cfg.cliper_model);
    if (lead > cliper.max_lead_hours())
      throw_input_error(reader.where("forecast.lead_hours"),
                        fmt::format("key 'forecast.lead_hours': {:g} h exceeds the longest lead "
                                    "of the CLIPER model ({:g} h)",
                                    lead, cliper.max_lead_hours()));
    if (solver::cliper_predictors(best, t0, cliper.min_history_hours).empty())
      throw_input_error(reader.where("storm.analysis_time"),
                        fmt::format("key 'storm.analysis_time': track {} lacks the {:g} h of "
                                    "history before {} that CLIPER needs",
                                    cfg.storm_id, cliper.min_history_hours, format_iso_utc(t0)));
    fc = solver::cliper_forecast(cliper, best, t0, cfg.output_interval_hours);
    // Keep the configured lead time; the model may reach further.
    const TimePoint end = add_hours(t0, lead);
    while (!fc.points.empty() && fc.points.back().time > end) fc.points.pop_back();
  } else if (cfg.model == "official") {
    const forcing::TrackFile adeck = forcing::read_atcf(cfg.advisory_file);
    for (const auto& w : adeck.warnings) spdlog::warn("{}", w);
    if (adeck.storms.size() != 1)
      throw_input_error(
          cfg.advisory_file.string(),
          fmt::format("holds {} storms; expected the a-deck of one storm", adeck.storms.size()));
    const Track* adv = nullptr;
    std::string cycles;
    for (const auto& m : adeck.storms[0].ensemble.members) {
      const std::string& src = m.track.source;
      if (src != cfg.technique && src.rfind(cfg.technique + " ", 0) != 0) continue;
      cycles += (cycles.empty() ? "" : ", ") + format_iso_utc(m.track.start());
      if (m.track.start() == t0) adv = &m.track;
    }
    if (!adv)
      throw_input_error(
          cfg.advisory_file.string(),
          fmt::format("no {} forecast from the analysis time {} (its cycles: {})", cfg.technique,
                      format_iso_utc(t0), cycles.empty() ? "none" : cycles));
    fc = solver::official_forecast(*adv, t0, cfg.output_interval_hours, lead);
    if (hours_between(t0, fc.end()) < lead)
      spdlog::warn("the {} advisory ends at +{:g} h, before the configured lead time of {:g} h",
                   cfg.technique, hours_between(t0, fc.end()), lead);
    decay = false;  // the advisory's intensity already holds its land effects
  } else if (cfg.model == "ensemble") {
    solver::EnsembleMeanOptions o;
    o.step_hours = cfg.output_interval_hours;
    o.lead_hours = lead;
    o.min_member_fraction = cfg.min_member_fraction;
    fc = solver::ensemble_mean_track(in.members, t0, o);
    if (fc.points.size() < 2)
      throw_input_error(cfg.members_file.string(),
                        fmt::format("fewer than {:g} % of the members reach the first output "
                                    "step after {}",
                                    100 * cfg.min_member_fraction, format_iso_utc(t0)));
    if (hours_between(t0, fc.end()) < lead)
      spdlog::warn(
          "the ensemble mean ends at +{:g} h (fewer than {:g} % of the members later), "
          "before the configured lead time of {:g} h",
          hours_between(t0, fc.end()), 100 * cfg.min_member_fraction, lead);
    for (const Track& m : in.members) {
      Track t = solver::resample_member(m, t0, cfg.output_interval_hours, lead);
      limit_by_sst(t, cfg, sst);
      r.members.push_back(std::move(t));
    }
    decay = false;  // NWP members carry their own land effects
  } else if (cfg.model == "bam") {
    const solver::SteeringFields fields = read_layer_winds(
        cfg.bam_file, cfg.bam.layer, cfg.bam_u_variable, cfg.bam_v_variable, "bam");
    fc = solver::bam_forecast(fields, *in.best, t0, cfg.bam);
  } else if (cfg.model == "swe") {
    fc = run_swe_track(cfg, *in.best, t0);
  } else {
    solver::PersistenceOptions raw = cfg.persistence;
    raw.decay_over_land = false;
    fc = solver::persistence_forecast(*in.best, t0, raw, is_land);
  }
  if (in.best) {
    fc.id = in.best->id;
    fc.name = in.best->name;
  } else {
    fc.id = cfg.storm_id;
    fc.name = cfg.storm_name_en;
  }
  r.sst_limited_points = limit_by_sst(fc, cfg, sst);
  r.forecast_raw = fc;
  if (decay) solver::apply_land_decay(fc, is_land, cfg.wind.p_env_hpa);
  r.decay_members = decay;
  return r;
}

}  // namespace taifeng::hpc
