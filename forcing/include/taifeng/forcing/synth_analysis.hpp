#pragma once
// Synthetic gridded analyses for tests and demonstrations. There is no public gridded
// typhoon analysis on the machines taifeng is developed on, so taifeng writes its own:
// a CF-1.8 NetCDF-4 file (u, v, geopotential height on pressure levels, MSLP, SST) that
// the model code reads through exactly the same path as a real analysis. Every file is
// marked synthetic = "yes" in its global attributes.
//
// Physics (SI units; a = earth_radius_m, Ω = omega_earth, g = 9.80665 m/s²):
// - f_eff(φ) = 2Ω sin(φ) with |φ| clamped to ≥ 5° (sign of φ kept, +1 on the equator);
//   geostrophic balance therefore holds where |φ| ≥ 5° only.
// - Vertical structure: s(p) = ln(850/p) / ln(850/200) (0 at 850 hPa, 1 at 200 hPa).
// - Environment height: z(p, x) = z_ISA(p) + z_bg(p, x) + z_pattern(p, x), where z_ISA is
//   the ICAO standard atmosphere and
//     z_bg = (2Ωa/g) u_b(p) (cos φ − cos φ_ref) + (f_eff(φ)/g) v_b(p) a cos φ (λ − λ_ref),
//   u_b(p) = u0 + (u_200 − u0) s(p) (same for v), (λ_ref, φ_ref) = centre of the grid box;
//     z_pattern = ±A k(p) exp(−X²/Lx² − Y²/Ly²), X = a cos φ_c (λ − λ_c), Y = a (φ − φ_c),
//   k(p) = 1 + (top_factor − 1) s(p); + for the subtropical ridge, − for the monsoon trough.
// - Environment winds: (u_b, v_b) exactly, plus the geostrophic wind of z_pattern computed
//   analytically: u = −(g/f_eff) ∂z/∂y, v = (g/f_eff) ∂z/∂x with ∂y = a ∂φ, ∂x = a cos φ ∂λ.
//   The zonal background flow is exactly geostrophic too; a uniform meridional flow cannot
//   be geostrophic on the sphere (β), its height term is exact along φ only.
// - Environment MSLP: p_env + ρ g z'(850 hPa) with z' = z_bg + z_pattern, ρ = 1.15 kg/m³.
// - Vortex (Holland 1980), centre c, r = great-circle distance, Δp = p_env,msl(c) − pc:
//     V(r) = sqrt((B/ρ)(Rm/r)^B Δp e^{−(Rm/r)^B} + (r f/2)²) − r f/2, f = |f_eff(φ_c)|,
//   with B Δp/(ρ e) = Vmax² + Vmax Rm f, so that V(Rm) = Vmax exactly (B from pc, or Δp
//   from B). Winds are V(r) k_v(p) w(r), cyclonic (counter-clockwise in the northern
//   hemisphere), k_v = 1 at p ≥ 850 hPa and 1 + (top_factor − 1) s(p) (≥ 0) above;
//   w(r) = 1 inside 0.6 R_out, cos² down to 0 at R_out (outer_radius_km). Its height
//   perturbation is in gradient-wind balance with those winds:
//     z_v(r) = −(1/g) ∫_r^{R_out} (V²/r' + f V) dr';
//   MSLP: msl = msl_env − Δp (1 − e^{−(Rm/r)^B}) (Holland pressure profile, minimum pc).
// - The environment is steady; the vortex centre moves with the pressure-weighted mean
//   environmental wind of the file's levels between 850 and 200 hPa plus a constant drift
//   (Heun steps of 15 min), or stays fixed. Intensity (Δp, B) stays that of the analysis.
// - SST: uniform, or linear in latitude between the southern and northern box edges.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"

namespace taifeng::forcing {

enum class SteeringPattern { uniform, subtropical_ridge, monsoon_trough };

// Background flow, present in every pattern: u0/v0 at 850 hPa, u_200/v_200 at 200 hPa,
// linear in ln p in between (and extrapolated beyond).
struct SynthBackground {
  double u0 = 0.0, v0 = 0.0;        // m/s at 850 hPa
  double u_200 = 0.0, v_200 = 0.0;  // m/s at 200 hPa
};

// Gaussian height anomaly: the subtropical ridge (a high) or the monsoon trough (a low).
struct SynthAnomaly {
  double lat = 0.0, lon = 0.0;  // centre, degrees
  double amplitude_m = 0.0;     // height anomaly at the centre at 850 hPa (> 0), m
  double lx_km = 2000.0;        // zonal e-folding half-width, km
  double ly_km = 800.0;         // meridional e-folding half-width, km
  double top_factor = 1.0;      // amplitude at 200 hPa relative to 850 hPa
};

struct SynthVortex {
  bool enabled = false;
  double lat = 0.0, lon = 0.0;          // centre at the analysis time, degrees
  double vmax = 40.0;                   // maximum gradient wind at 850 hPa, m/s
  double rmw_km = 40.0;                 // radius of maximum wind, km
  std::optional<double> pc_hpa;         // central MSLP; B is derived from it …
  std::optional<double> b;              // … or Δp from B (neither: B = 1.5)
  double top_factor = 0.3;              // vortex strength at 200 hPa relative to 850 hPa
  double outer_radius_km = 800.0;       // winds tapered to zero between 0.6 and 1.0 times this
  bool move_with_steering = true;       // false: the centre stays fixed
  double drift_u = 0.0, drift_v = 0.0;  // added to the steering (beta drift), m/s
};

struct SynthSst {
  bool meridional = false;
  double value_c = 29.0;                  // uniform SST, °C
  double south_c = 29.0, north_c = 29.0;  // at lat_min / lat_max of the box, °C
};

struct SynthConfig {
  std::string title = "taifeng synthetic analysis";
  Grid grid;
  TimePoint analysis_time{};
  std::vector<double> forecast_hours{0.0};  // hours since analysis_time, ascending, first 0
  std::vector<double> levels_hpa{850, 700, 500, 400, 300, 250, 200};  // strictly decreasing
  SteeringPattern pattern = SteeringPattern::uniform;
  SynthBackground background;
  SynthAnomaly ridge;   // used by subtropical_ridge
  SynthAnomaly trough;  // used by monsoon_trough
  SynthVortex vortex;
  double p_env_hpa = 1010.0;  // environmental MSLP without pattern anomaly
  SynthSst sst;
};

// Reads a synthetic-analysis configuration (every key: configs/synth/README.md) and calls
// reader.finish(), so an unknown key is an error. Input errors name the file, line and key.
SynthConfig read_synth_config(ConfigReader& reader);

// Writes the analysis (dims time, level, lat, lon) atomically: temporary name + rename.
// The same configuration always gives the same data values. Input error if the
// configuration is inconsistent (see resolve_synth_vortex) or the file cannot be written.
void write_synth_analysis(const std::filesystem::path& out, const SynthConfig& config);

// ----- The model behind the file, for tests that need the exact expected values. -------

struct SynthVortexParams {
  double dp_pa = 0.0;     // Δp = msl_env(centre) − pc
  double b = 1.0;         // Holland B
  double pc_pa = 0.0;     // central MSLP at the analysis time
  double f = 0.0;         // |f_eff| at the analysis centre, 1/s
  double p_env_pa = 0.0;  // environmental MSLP at the analysis centre
};
// Δp and B of the vortex. Input error (where "synthetic analysis configuration") if pc is
// not below the environment, B falls outside [1, 2.5], or the outer radius is below
// 10/3 RMW.
SynthVortexParams resolve_synth_vortex(const SynthConfig& config);

struct SynthPoint {
  double u = 0.0, v = 0.0, z = 0.0;  // m/s, m/s, geopotential height m
};
// Environment (steering pattern, no vortex) at one point and pressure level.
SynthPoint synth_environment(const SynthConfig& config, double lon, double lat, double p_hpa);
// Environmental MSLP (Pa) at one point.
double synth_environment_msl(const SynthConfig& config, double lon, double lat);
// Pressure-weighted mean environmental wind over the levels of the configuration between
// 850 and 200 hPa (the standard levels if none lies there), m/s.
std::pair<double, double> synth_deep_layer_mean(const SynthConfig& config, double lon, double lat);
// Vortex centre at every forecast hour (empty if there is no vortex).
std::vector<LonLat> synth_vortex_track(const SynthConfig& config);

// All fields of one output time on the configuration grid.
struct SynthFields {
  std::vector<double> u, v, z;  // [level][lat][lon], m/s, m/s, m
  std::vector<double> msl;      // [lat][lon], Pa
  std::vector<double> sst;      // [lat][lon], K
};
SynthFields synth_fields(const SynthConfig& config, std::size_t time_index);

}  // namespace taifeng::forcing
