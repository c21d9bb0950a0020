#pragma once
// Forecast error statistics by lead time, as measured by taifeng's own hindcasts
// (`taifeng verify`) and used to draw Monte Carlo track/intensity ensembles around a
// deterministic forecast (the method of the NHC wind speed probability model, DeMaria et
// al. 2009). Every error is truth (best track) minus forecast: along-track errors are
// positive when the truth is ahead of the forecast position, cross-track errors positive
// to the right of the motion, intensity errors positive when the truth is stronger.
#include <string>
#include <vector>

namespace taifeng::solver {

struct TrackErrorStats {
  std::string model;           // track model the statistics describe, e.g. "cliper"
  std::string source;          // provenance: data file, years, basin, box, sample sizes
  std::vector<double> lead_h;  // increasing, e.g. 12, 24, 36, 48, 72, 96, 120
  std::vector<double> along_bias_km, along_sd_km;
  std::vector<double> cross_bias_km, cross_sd_km;
  std::vector<double> intensity_bias_ms, intensity_sd_ms;
  std::vector<long> count;  // forecasts behind each lead
  // Lag correlation of the errors between consecutive leads (serial correlation).
  double along_lag_corr = 0.8, cross_lag_corr = 0.8, intensity_lag_corr = 0.8;
};

}  // namespace taifeng::solver
