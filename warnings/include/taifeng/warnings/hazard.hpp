#pragma once
// The forecast hazard the warnings stage consumes, as plain gridded data. The forecast
// cycle fills it from memory; `taifeng warn` reads it back from the cycle's CF NetCDF files
// (hpc/hazard_netcdf.hpp), so both paths decide from the same numbers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"

namespace taifeng::warnings {

struct WindHazard {
  Grid grid;
  std::vector<std::uint8_t> land;             // 1 = land
  std::vector<double> max_wind_ms;            // deterministic swath (mean wind)
  std::vector<double> max_gust_ms;            // deterministic gust swath
  std::vector<double> first_bf6_h;            // deterministic first lead >= 10.8 m/s; NaN never
  std::vector<double> first_gale_h;           // deterministic first lead >= 17.2 m/s; NaN never
  std::vector<std::vector<double>> p_signal;  // [rule][cell]: P(the signal rule's criterion)
  std::vector<std::string> p_signal_source;   // [rule]: how it was computed (for reasons)
  std::vector<double> p_gale;                 // P(>= 17.2 m/s within p_gale_window_h)
  double p_gale_window_h = 0;
  std::vector<double> gale_arrival_h;  // ensemble: lead when half the members had gales; NaN
                                       // never; empty without an ensemble
  long members = 0;                    // 0: deterministic probabilities (0 or 1)
};

struct SurgeHazard {
  Grid grid;
  long runs = 0;
  std::vector<double> inundation_m;             // deterministic max depth over land (0 dry)
  std::vector<double> surge_max_m;              // deterministic max surge height (NaN dry)
  std::vector<double> p_inundation;             // fraction of runs inundating the cell
  double inundated_m = 0.1;                     // depth counted as inundated
  std::vector<double> thresholds_m;             // e.g. 0.5, 1, 2, 3
  std::vector<std::vector<double>> p_surge_ge;  // [threshold][cell]: fraction of runs
};

struct HazardProducts {
  TimePoint analysis_time{};
  std::string storm_id, storm_name_en, storm_name_zh;
  WindHazard wind;
  std::optional<SurgeHazard> surge;
};

// First lead (hours[k]) at which hourly[k][cell] >= threshold, per cell; NaN if never.
std::vector<double> first_exceedance_hours(const std::vector<const double*>& hourly,
                                           const std::vector<double>& hours, std::size_t cells,
                                           double threshold);

// Rounds every field to single precision, as the NetCDF files store them, so that decisions
// made in memory by the cycle and from its files by `taifeng warn` are identical.
void round_to_stored_precision(HazardProducts& h);

}  // namespace taifeng::warnings
