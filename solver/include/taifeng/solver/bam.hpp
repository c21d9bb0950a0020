#pragma once
// Beta-and-advection model (BAM): the storm is a point carried by the layer-mean
// environmental wind of a gridded analysis/forecast plus a constant beta drift
// (Holland 1983, J. Atmos. Sci. 40:328; run operationally at NHC after Marks 1992 until
// recently, see the guidance-suite review of DeMaria et al. 2022, Wea. Forecasting 37(11),
// doi:10.1175/WAF-D-22-0039.1).
//
// Layers (NHC): BAMS 850–700 hPa, BAMM 850–400 hPa, BAMD 850–200 hPa. The layer mean is
// pressure-weighted over the levels present in the layer (trapezoid rule in p): level k
// gets weight (p_{k-1} − p_{k+1}) / 2 / (p_bottom − p_top) with the half interval only at
// the two ends. Levels outside the layer are ignored. The levels must include both ends
// of the layer (850 hPa and its top) — there is no extrapolation — so a layer needs at
// least 2 levels; otherwise an input error names the layer and the levels found.
//
// Vortex removal: the steering at a centre c is the area mean of the layer-mean wind over
// the annulus vortex_inner_radius_km ≤ r ≤ vortex_radius_km around c (defaults 200 and
// 500 km; inner radius 0: a disc; outer radius 0: no removal, the wind at c). 500 km is the
// usual "vortex removed within ~500 km" of BAM descriptions; steering-flow studies average
// over annuli out to 5–7° latitude (Chan & Gray 1982); the operational BAM smoothed the
// winds with a T25 spectral truncation instead. Why the mean removes the vortex: the area
// mean of an axisymmetric vortex centred at c is zero and a uniform flow is kept. Why an
// annulus: when the analysed centre c misses the gridded vortex by d, the mean keeps
//   (R2 V(R2) − R1 V(R1)) d / (R2² − R1²)   (first order in d / R1; R1 = 0 for a disc),
// normal to the miss — V(R) d / R for a disc, exactly 0 for the 1/r (angular-momentum
// conserving) outer part of a vortex on the annulus, and small for real profiles where
// r V(r) varies slowly; a disc also averages the poorly resolved core. The miss d must stay
// below R1. Cost: a smoother environment (the mean of a quadratic field is
// u + (R1² + R2²)/8 ∇²u). Quadrature: rings every ≤ 25 km and ≤ one grid spacing (midpoint
// rule in r, weight r), 36 azimuths every 10°, bilinear interpolation; every sample vector
// is parallel-transported along its great circle to c before averaging, so a symmetric
// vortex cancels exactly on the sphere, while a field of constant lon/lat components is
// kept to within about (R1² + R2²) tan²φ / (8 a²) (1e-4 for 200–500 km at 19°N).
//
// Time: linear interpolation between the field times. Beyond the last field time the last
// field is held (steady flow, the usual way of running BAM on a single analysis) unless
// hold_last_field is false. The forecast starts at a field time or between two.
//
// Motion: dλ/dt = (u_s + u_β) / (a cos φ), dφ/dt = (v_s + v_β) / a (a = earth_radius_m),
// classical 4th-order Runge–Kutta with steps of step_minutes shortened to land on every
// output time. Beta drift: beta_speed_ms toward beta_direction_deg (clockwise from north)
// in the northern hemisphere, mirrored north–south in the southern hemisphere (NW → SW);
// the hemisphere is that of the analysis position (a storm keeps its sense of rotation).
//
// Intensity: the analysis vmax, pmin, rmw and averaging are held (apply land decay
// afterwards, e.g. solver::apply_land_decay).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"

namespace taifeng::solver {

// Winds on pressure levels, ordered [time][level][lat][lon] (the Grid's lat and lon
// ascending), m/s, NaN = missing.
struct SteeringFields {
  std::string source;              // file (and variables) they came from, for messages
  Grid grid;                       // at least 2 x 2 points
  std::vector<double> levels_hpa;  // distinct, any order
  std::vector<TimePoint> times;    // strictly increasing, at least one
  std::vector<double> u, v;        // times x levels x grid.size() values each

  std::size_t index(std::size_t t, std::size_t k, std::size_t i, std::size_t j) const {
    return (t * levels_hpa.size() + k) * grid.size() + grid.index(i, j);
  }
};

enum class BamLayer { shallow, medium, deep };

struct PressureLayer {
  double bottom_hpa = 850.0, top_hpa = 200.0;
};
PressureLayer bam_layer_range(BamLayer layer);  // 850–700, 850–400, 850–200 hPa
std::string bam_layer_name(BamLayer layer);     // "BAMS", "BAMM", "BAMD"
// "shallow"/"medium"/"deep" or "BAMS"/"BAMM"/"BAMD" (any case); nullopt otherwise.
std::optional<BamLayer> parse_bam_layer(std::string_view text);

// Weight of each entry of levels_hpa in the layer mean (0 outside the layer; the weights
// sum to 1). Input error (prefixed with `where`) if the layer is not spanned.
std::vector<double> bam_layer_weights(const std::vector<double>& levels_hpa, BamLayer layer,
                                      const std::string& where);

struct BamOptions {
  BamLayer layer = BamLayer::deep;        // BAMD: strong storms are steered by the deep layer
  double vortex_radius_km = 500.0;        // outer radius of the mean; 0 = no removal
  double vortex_inner_radius_km = 200.0;  // inner radius (0: a disc), < vortex_radius_km
  // Beta drift: "poleward and westward … generally around 1–2 m/s" (AMS Glossary of
  // Meteorology, "beta drift"; Holland 1983): the upper end, toward the north-west. An
  // open beta-advection track model (github.com/linjonathan/tropical_cyclone_risk,
  // namelist.py, in the line of Emanuel et al. 2006) uses u = −1.0, v = +2.5 m/s (times
  // cos φ), i.e. 2.69 m/s toward 338°; speed 0 turns the drift off.
  double beta_speed_ms = 2.0;
  double beta_direction_deg = 315.0;  // toward, clockwise from north, northern hemisphere
  double step_minutes = 15.0;         // Runge–Kutta step
  double lead_hours = 120.0;
  double output_interval_hours = 1.0;
  bool hold_last_field = true;  // false: input error if the lead runs past the fields
};

struct SteeringWind {
  double u = 0.0, v = 0.0;  // m/s toward east, north
};

// Beta drift of a storm in the hemisphere of latitude `analysis_lat` (≥ 0: north).
SteeringWind bam_beta_drift(const BamOptions& opt, double analysis_lat);

// The environmental steering flow of one layer: layer means are computed once per field
// time; at() is then cheap and thread-safe.
class BamSteering {
 public:
  // Mean over vortex_inner_radius_km ≤ r ≤ vortex_radius_km (see above). Input error if
  // the layer is not spanned by the levels, the fields are inconsistent (sizes, times not
  // increasing) or the radii are out of range.
  BamSteering(const SteeringFields& fields, BamLayer layer, double vortex_radius_km,
              double vortex_inner_radius_km);

  // Steering (vortex removed, no beta drift) at centre c, time t (or `seconds` after
  // `base`, fractions allowed). Input error if the area around c leaves the grid, the time
  // is before the first field time, or a sampled value is missing. After the last field
  // time the last field is used.
  SteeringWind at(LonLat c, TimePoint t) const { return at(c, t, 0.0); }
  SteeringWind at(LonLat c, TimePoint base, double seconds) const;

  BamLayer layer() const { return layer_; }
  const std::vector<double>& layer_levels_hpa() const { return layer_levels_; }
  const std::vector<TimePoint>& times() const { return times_; }
  const Grid& grid() const { return grid_; }
  // Layer-mean winds at field time t (no vortex removal): grid().size() values each,
  // [lat][lon], NaN where the file had a missing value.
  const double* layer_mean_u(std::size_t t) const { return u_.data() + t * grid_.size(); }
  const double* layer_mean_v(std::size_t t) const { return v_.data() + t * grid_.size(); }

 private:
  struct Sample;  // one quadrature point of the area: position and transport rotation
  std::vector<Sample> samples(LonLat c) const;
  SteeringWind area_mean(std::size_t t, const std::vector<Sample>& samples, LonLat c,
                         TimePoint when) const;

  std::string source_;
  Grid grid_;
  std::vector<TimePoint> times_;
  BamLayer layer_;
  std::vector<double> layer_levels_;  // levels used, bottom up
  double radius_km_ = 0.0, inner_km_ = 0.0;
  int rings_ = 0;
  std::vector<double> u_, v_;  // layer means [time][lat][lon]
};

// The analysed fix of `best` at t0 (input error naming the track if t0 is outside it or it
// has no position there), after checking that the wind times cover t0 and, unless
// hold_last_field, t0 + lead_hours (input errors naming `source`). Shared by the wind-driven
// track models (bam, swe).
TrackPoint analysis_fix_for_winds(const Track& best, TimePoint t0,
                                  const std::vector<TimePoint>& wind_times,
                                  const std::string& source, double lead_hours,
                                  bool hold_last_field);

// A forecast point at time t and position pos holding the analysis intensity of p0 (vmax,
// averaging, pmin, rmw; no wind radii), as the wind-driven track models (bam, swe) give.
TrackPoint held_intensity_point(const TrackPoint& p0, TimePoint t, LonLat pos,
                                const std::string& source);

// BAM track from the best-track position at t0 (interpolated between fixes): points every
// output_interval_hours from t0 to t0 + lead_hours (the last one at the lead even if the
// interval does not divide it). Point 0 is the analysis (best.at(t0)); later points hold
// its vmax, pmin, rmw and averaging (no wind radii); id and name of `best`, source
// "BAMS"/"BAMM"/"BAMD".
// Input errors: t0 outside the best track or outside the field times, lead beyond the
// fields with hold_last_field = false, the trajectory's steering area leaving the grid
// (naming the grid box, time and position), missing winds, bad options.
Track bam_forecast(const SteeringFields& fields, const Track& best, TimePoint t0,
                   const BamOptions& opt);

}  // namespace taifeng::solver
