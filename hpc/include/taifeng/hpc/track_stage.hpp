#pragma once
// The track-and-intensity stage of a forecast cycle: reads the track guidance a
// configuration names and runs its model (persistence, cliper, bam, official, ensemble),
// then the intensity limits (SST, Kaplan–DeMaria land decay). Input problems are taifeng
// input errors naming the file or configuration key.
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/hpc/cycle_config.hpp"
#include "taifeng/hpc/sst_field.hpp"
#include "taifeng/solver/persistence.hpp"
#include "taifeng/solver/track_errors.hpp"

namespace taifeng::hpc {

// Guidance read before the model runs (every rank reads it: small, and ranks must agree).
struct TrackInputs {
  std::optional<Track> best;   // storm history (absent only for model "ensemble" without one)
  std::vector<Track> members;  // model "ensemble": the members, as read
  std::vector<std::string> member_labels;  // "ECMF member 3", "AVNO", … (same order)
  LonLat analysis_centre;                  // where the storm is at the analysis time
};

struct TrackForecast {
  Track forecast;      // deterministic, with the intensity limits applied
  Track forecast_raw;  // before the land decay (Monte Carlo members decay on their own path)
  // Model "ensemble": the members on the output steps, with the SST limit; they are the
  // realizations of the probability products.
  std::vector<Track> members;
  bool decay_members = false;  // Monte Carlo members get the land decay along their path
  int sst_limited_points = 0;  // deterministic points lowered by the SST limit
};

// The SST limit of the cycle on one track (nothing without an SST field); returns how many
// points it lowered.
int limit_by_sst(Track& track, const CycleConfig& cfg, const SstField* sst);

// Monte Carlo member m around tf.forecast_raw (solver::perturb_track with the error
// statistics), then the same intensity limits as the deterministic forecast: the SST limit
// and, when tf.decay_members, the land decay along the member's own path.
Track monte_carlo_member(const CycleConfig& cfg, const TrackForecast& tf,
                         const solver::TrackErrorStats& stats, int m, const SstField* sst,
                         const solver::LandTest& is_land);

TrackInputs read_track_inputs(const CycleConfig& cfg, const ConfigReader& reader);

TrackForecast run_track_model(const CycleConfig& cfg, const ConfigReader& reader,
                              const TrackInputs& in, const solver::LandTest& is_land,
                              const SstField* sst);

}  // namespace taifeng::hpc
