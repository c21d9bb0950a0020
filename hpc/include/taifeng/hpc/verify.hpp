#pragma once
// Hindcast verification of the track models against the best track (`taifeng verify`),
// the CLIPER fit (`taifeng fit cliper`) and the JSON files of a CLIPER model and of the
// track error statistics.
//
// Cases: every best-track fix (member 0 of each storm) whose year lies in the verification
// years, whose position lies inside the box, with at least 12 h of track before it and a
// known analysed wind. Each case is forecast with the model and verified at every lead
// against the best-track fix at the same time (no fix then: that lead is skipped).
// Errors are best track minus forecast: the great-circle distance, the along-track
// component (along the forecast motion over the last 6 h before the lead; positive when
// the best track is ahead of the forecast) and the cross-track component (positive when
// the best track lies to the right of the forecast motion), and the intensity error
// best - forecast (m/s): every error is truth minus forecast, so a Monte Carlo member is
// the forecast plus a drawn error.
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/forcing/tracks.hpp"
#include "taifeng/solver/cliper.hpp"
#include "taifeng/solver/track_errors.hpp"

namespace taifeng::hpc {

struct YearRange {
  int first = 0, last = 0;
};

struct LonLatBox {
  double lon_min = 0.0, lon_max = 360.0, lat_min = -90.0, lat_max = 90.0;  // lon 0..360
  bool contains(double lon, double lat) const;
};

struct VerifyOptions {
  std::string model = "persistence";            // "persistence" | "cliper"
  const solver::CliperModel* cliper = nullptr;  // required for "cliper"; enables the skill
  YearRange years{2001, 2012};
  LonLatBox box{};
  bool cone = false;  // 67th-percentile cone radius and the fraction inside it, per lead
  // Cone radii (km, one per lead) fixed beforehand, e.g. from other years: the inside
  // fraction is then an out-of-sample reliability. Empty: radii from this sample itself.
  std::vector<double> cone_radii_km;
  std::vector<double> leads_h{12, 24, 48, 72, 96, 120};
  std::string source;  // provenance copied into the statistics
};

struct LeadVerification {
  double lead_h = 0.0;
  long count = 0;
  double mean_km = 0.0, median_km = 0.0;
  long intensity_count = 0;
  double intensity_mae_ms = 0.0, intensity_bias_ms = 0.0, intensity_sd_ms = 0.0;
  double along_bias_km = 0.0, along_sd_km = 0.0, cross_bias_km = 0.0, cross_sd_km = 0.0;
  double cliper_mean_km = 0.0;       // CLIPER on the same cases (when a model is given)
  double skill_vs_cliper_pct = 0.0;  // NaN without a CLIPER model
  double cone_radius_km = 0.0, inside_cone_fraction = 0.0;  // with VerifyOptions::cone
};

struct VerifyResult {
  std::string model;
  long forecasts = 0;  // cases (analyses) forecast
  std::vector<LeadVerification> leads;
  solver::TrackErrorStats stats;  // along/cross/intensity statistics and lag correlations
  bool cone = false;
  bool has_skill = false;
};

VerifyResult verify_model(const forcing::TrackFile& tracks, const VerifyOptions& opt);

// {"model":…,"forecasts":…,"years":[…],"box":[…],"along_lag_corr":…,…,"leads":[{…},…]}
std::string verify_json(const VerifyResult& r, const VerifyOptions& opt);
// Human-readable table.
std::string verify_text(const VerifyResult& r);

// CLIPER fit on member 0 of every storm, fit years as given, leads 12..120 h.
solver::CliperModel fit_cliper(const forcing::TrackFile& tracks, YearRange years);

// Versioned JSON ({"format":"taifeng-cliper","version":1,…}); load checks format, version
// and sizes (input error naming the file otherwise).
void save_cliper_json(const solver::CliperModel& m, const std::filesystem::path& file);
solver::CliperModel load_cliper_json(const std::filesystem::path& file);

// {"format":"taifeng-track-errors","version":1,…}
void save_track_errors_json(const solver::TrackErrorStats& s, const std::filesystem::path& file);
solver::TrackErrorStats load_track_errors_json(const std::filesystem::path& file);

}  // namespace taifeng::hpc
