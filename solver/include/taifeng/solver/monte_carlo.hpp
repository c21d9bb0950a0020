#pragma once
// Monte Carlo wind speed probabilities around a deterministic forecast, the method of the
// NHC wind speed probability model (DeMaria et al. 2009, Wea. Forecasting 24:1573):
// realizations drawn from the historical along-track, cross-track and intensity errors
// (serially correlated across lead times), each member's wind field evaluated on a grid,
// and the members counted. Numerics only: no MPI, no I/O (the caller owns both).
//
// Reproducibility contract: member m's random numbers are a pure function of
// (seed, m, stream, draw) through Philox4x32-10 (random.hpp); streams 0/1/2 are the
// along/cross/intensity errors and the draw index is the index of the statistics lead.
// Products are accumulated in integers (member counts, a fixed-bin histogram, a
// fixed-point sum), so accumulating any partition of the members (threads, ranks) and
// merging gives bitwise the same products as one accumulator.
#include <cstdint>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/solver/track_errors.hpp"
#include "taifeng/solver/wind_field.hpp"

namespace taifeng::solver {

struct PerturbOptions {
  double p_env_hpa = 1010.0;  // environmental pressure of the Atkinson–Holliday scaling
  double vmax_min_ms = 0.0, vmax_max_ms = 120.0;  // perturbed intensity is clipped to this
  bool perturb_intensity = true;
};

// Errors of one member at each lead of the statistics (stats.lead_h), drawn as AR(1)
// series across leads. With standardized deviation e_k (stream draw k: z_k ~ N(0,1)):
//   e_0 = z_0,  e_k = ρ e_{k-1} + sqrt(1 - ρ²) z_k,  error_k = bias_k + sd_k e_k,
// which is the recursion error_k = bias_k + ρ (error_{k-1} - bias_{k-1}) sd_k/sd_{k-1}
// + sqrt(1-ρ²) sd_k z_k and stays defined when an s.d. is zero. Member 0 has no error.
struct MemberErrors {
  std::vector<double> along_km, cross_km, intensity_ms;  // by stats lead
};
MemberErrors draw_member_errors(const TrackErrorStats& stats, std::uint64_t seed, int member);

// Error at `lead_h` hours: linear in lead between the statistics leads, 0 at lead 0, the
// value of the last lead held beyond it (negative leads: 0).
double error_at_lead(const std::vector<double>& lead_h, const std::vector<double>& error,
                     double at_lead_h);

// One realization around `deterministic` (lead = hours since its first point). Every point
// is moved along-track by the along error along the local motion direction (bearing from
// the previous to the next point; one-sided at the ends) and then perpendicular to it by the
// cross error (positive to the right of the motion), with great-circle destination().
// Intensity: vmax += error, clipped to [vmax_min_ms, vmax_max_ms]; the central pressure
// follows through the Atkinson–Holliday deficit scaling p_env - (p_env - p)(v'/v)^(1/0.644)
// (as in persistence.cpp; pressure left as is where v or p is unknown or v = 0; radius of
// maximum wind unchanged). An exactly zero error leaves the point bitwise unchanged.
// Member 0 is the deterministic track itself (bitwise), the control of the ensemble.
Track perturb_track(const Track& deterministic, const TrackErrorStats& stats, std::uint64_t seed,
                    int member, const PerturbOptions& opt = {});

struct ProductOptions {
  std::vector<double> thresholds_ms{10.8, 17.2, 24.5, 32.7};  // Beaufort 6 / 8 / 10 / 12
  std::vector<double> windows_h{12, 24, 48, 72, 120};
  double gale_ms = 17.2;               // threshold of the gale arrival time
  double strike_radius_km = 100.0;     // strike probability radius
  double cone_percentile = 2.0 / 3.0;  // NHC cone: 2/3 of the errors fall inside
  double max_wind_percentile = 0.9;    // p90 of the member maximum wind
  double hist_bin_ms = 0.5;            // histogram resolution of the member maximum wind
  double hist_max_ms = 100.0;          // winds at or above go to the last (overflow) bin
  // Member winds from the fast kernel (wind_field_fast.hpp: look-up table, tangent plane,
  // single precision; within 0.5 m/s of the exact kernel in tests, measured < 0.05 m/s)
  // instead of wind_speed_field (exact, tens of times slower).
  bool fast_kernel = true;
};

// Products over the members accumulated so far. Leads are hours since times.front().
// A window of w hours covers the output times with lead <= w and every sub-step evaluation
// of the intervals ending at them (see accumulate_member).
struct WindProbabilityProducts {
  long members = 0;
  std::vector<double> thresholds_ms, windows_h;
  // prob[threshold][window][point]: fraction of members whose wind at the point reaches the
  // threshold (>=) at some evaluation time within the window.
  std::vector<std::vector<std::vector<double>>> prob;
  // Earliest lead of an output time at which the fraction of members whose wind has reached
  // gale_ms at some evaluation time up to it is >= 0.5; NaN if never.
  std::vector<double> gale_arrival_h;
  std::vector<double> mean_max_wind;  // mean over members of the member's maximum wind
  // Nearest-rank 90th percentile over members of the member maximum wind, reported as the
  // lower edge of its histogram bin: exact to within hist_bin_ms (never above the truth);
  // values >= hist_max_ms are reported as hist_max_ms.
  std::vector<double> p90_max_wind;
  // Fraction of members whose centre, at some evaluation time, is within strike_radius_km.
  std::vector<double> strike_prob;
  // By output time: lead (h) and the nearest-rank cone_percentile of the member distances
  // from the deterministic centre.
  std::vector<double> lead_h, cone_radius_km;
};

// Integer state of a partial ensemble. Memory: (thresholds x windows + times +
// histogram bins + 3) x 4-8 bytes per grid point, plus one double per member and time.
struct MemberAccumulator {
  Grid grid;
  std::vector<TimePoint> times;
  Track deterministic;
  ProductOptions opt;
  std::size_t bins = 0;  // histogram bins including the overflow bin
  long members = 0;
  std::vector<std::int32_t> reach_count;   // [(t * windows + w) * points + p]
  std::vector<std::int32_t> gale_first;    // [k * points + p]: members first reaching gale
  std::vector<std::int32_t> max_hist;      // [b * points + p]
  std::vector<std::int64_t> max_sum_mm_s;  // sum of member maxima in mm/s (fixed point)
  std::vector<std::int32_t> strike_count;  // [p]
  std::vector<std::vector<double>> cone_distances_km;  // [k]: one entry per member
};

MemberAccumulator make_accumulator(const Grid& grid, const std::vector<TimePoint>& times,
                                   const Track& deterministic, const ProductOptions& opt = {});

// Adds one member. Its wind is evaluated at every output time and, as in wind_hazard_range,
// at substeps(member_track, times, k) - 1 intermediate times in each interval (the centre
// moves less than half the radius of maximum wind between evaluations, so swaths have no
// gaps), with the fast kernel (wind_field_fast.hpp) or, if !opt.fast_kernel, the exact one.
// With the fast kernel all evaluations are prepared first and then replayed row by row (each
// thread owns grid rows and applies the evaluations to them in time order, touching only the
// columns within the cut-off): two parallel regions per member, and the same integers as a
// whole-grid accumulation of wind_speed_field_fast fields. `grid` and `times` must equal the
// accumulator's. OpenMP inside: call it from one thread per accumulator.
// A member need not cover all output times (NWP members lose their storm): it is evaluated
// only at the times it covers (sub-steps only between two covered times; never
// extrapolated), still counts in the denominator, and enters the cone only where present.
void accumulate_member(MemberAccumulator& acc, const Track& member_track, const Grid& grid,
                       const std::vector<std::uint8_t>& land, const WindOptions& wind,
                       const std::vector<TimePoint>& times);

// acc += other (same grid, times, deterministic track and options): integer sums, so the
// result is independent of how the members were split.
void merge(MemberAccumulator& acc, const MemberAccumulator& other);

WindProbabilityProducts finalize(const MemberAccumulator& acc);

}  // namespace taifeng::solver
