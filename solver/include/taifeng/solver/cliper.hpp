#pragma once
// CLIPER (climatology and persistence): the no-skill track and intensity baseline,
// a linear regression of the future displacement on the storm's current and past state,
// fitted per lead time by least squares (Eigen column-pivoting Householder QR) on best
// tracks. Skill of a model = 100 (1 - E_model / E_CLIPER).
//
// Displacements are in a local equirectangular frame at the analysis position (lat0):
//   dx = R cos(lat0) (lon - lon0) (km, east),  dy = R (lat - lat0) (km, north),
// with R = earth_radius_m / 1000 and lon differences wrapped to -180..180. The same
// mapping converts forecast displacements back to positions, so fit and forecast agree.
//
// Predictors (in this order, names in CliperModel::predictors):
//   1       intercept
//   lat     analysis latitude (deg N)
//   lon     analysis longitude (deg E, 0..360)
//   dx12    zonal displacement over the past 12 h (km; position(t0) - position(t0-12h))
//   dy12    meridional displacement over the past 12 h (km)
//   dx24    zonal displacement over the past 24 h (km); 2 dx12 when the storm has less
//           than 24 h of history (12 h is the minimum)
//   dy24    meridional displacement over the past 24 h (km); 2 dy12 likewise
//   sin_doy sin(2 pi doy / 365.25), doy = day of year of t0 (0 = 1 January 00 UTC)
//   cos_doy cos(2 pi doy / 365.25)
//   vmax    analysed maximum sustained wind (m/s, 1-min)
//   dv12    intensity change over the past 12 h (m/s)
// Past positions come from the track (linear interpolation between fixes). A missing
// wind (NaN) is replaced by the fit-sample mean of that predictor (CliperModel::fill).
//
// Predictands per lead: dx, dy (km, as above) and dv = vmax(t0+lead) - vmax(t0) (m/s).
// Fit sample: every fix of a fit year (year of t0) with at least min_history_hours of
// track before it and a best-track fix exactly at t0 + lead. The intensity regression uses
// the subset where the wind is known at t0, t0-12 h and t0 + lead.
#include <string>
#include <vector>

#include "taifeng/core/track.hpp"

namespace taifeng::solver {

struct CliperLead {
  double lead_h = 0.0;
  long track_samples = 0;                                    // rows behind the dx/dy regression
  long intensity_samples = 0;                                // rows behind the dv regression
  std::vector<double> dx_coef, dy_coef, dv_coef;             // one per predictor
  double dx_rms_km = 0.0, dy_rms_km = 0.0, dv_rms_ms = 0.0;  // fit residuals
};

struct CliperModel {
  std::string basin = "WP";
  std::string source;  // provenance of the fit sample (file, checksum)
  int fit_year_first = 0, fit_year_last = 0;
  double min_history_hours = 12.0;
  std::vector<std::string> predictors;  // cliper_predictor_names()
  std::vector<double> fill;             // replacement for a missing predictor (sample mean)
  std::vector<CliperLead> leads;        // increasing lead_h

  double max_lead_hours() const { return leads.empty() ? 0.0 : leads.back().lead_h; }
};

struct CliperFitOptions {
  std::vector<double> leads_h{12, 24, 36, 48, 72, 96, 120};
  int year_first = 1945, year_last = 2000;
  double min_history_hours = 12.0;  // 12 h minimum; 24 h avoids the dx24 = 2 dx12 fallback
};

std::vector<std::string> cliper_predictor_names();

// Predictor vector at t0 (NaN entries for an unknown wind), or an empty vector when the
// track does not hold t0 or lacks min_history_hours (>= 12) of history before it.
std::vector<double> cliper_predictors(const Track& best, TimePoint t0,
                                      double min_history_hours = 12.0);

// Local displacement (km) of `to` from `from` in the frame at `from` (see above).
void cliper_displacement_km(double lat0, double lon0, double lat, double lon, double& dx_km,
                            double& dy_km);

// Least-squares fit on the given best tracks (member 0 of each storm). Throws an internal
// error if a lead has fewer samples than predictors.
CliperModel fit_cliper_tracks(const std::vector<const Track*>& tracks, const CliperFitOptions& opt);

// Forecast from the best-track state at t0: the analysis point at t0, then every
// step_hours to the model's longest lead, positions and intensity linear in time between
// leads (zero displacement at t0). `best` must hold t0 with the model's history (checked:
// internal error otherwise; callers test cliper_predictors() first). Intensity is NaN
// when the analysed wind is unknown; it is kept >= 0.
Track cliper_forecast(const CliperModel& model, const Track& best, TimePoint t0, double step_hours);

}  // namespace taifeng::solver
