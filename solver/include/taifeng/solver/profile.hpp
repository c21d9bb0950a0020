#pragma once
// Radial wind-profile service: one request (model + storm parameters in the units people
// use: km, hPa, m/s, degrees) → gradient-level wind speeds at the requested radii.
// Validation errors are taifeng input errors that name the command-line option to fix
// (the `taifeng profile` command maps its options 1:1 onto this request).
#include <optional>
#include <string>
#include <vector>

namespace taifeng::solver {

struct ProfileRequest {
  // "holland1980" | "holland2010" | "willoughby"
  std::string model;
  std::optional<double> rmax_km;  // radius of maximum wind, km (required, > 0)
  std::optional<double> dp_hpa;   // pressure deficit p_env − p_c, hPa (Holland models)
  std::optional<double> b;        // Holland shape parameter B (Holland models)
  std::optional<double> vmax_ms;  // maximum gradient wind, m/s
  std::optional<double> lat_deg;  // storm latitude, degrees (Willoughby fits; Coriolis)
  bool coriolis = true;           // Holland 1980 only: include the f r/2 terms
  std::vector<double> r_km;       // radii, km (≥ 0)
};

// Parameters actually used for a request (derived ones filled in), for reports.
struct ProfileParameters {
  std::string model;
  double rmax_km = 0.0;
  std::optional<double> dp_hpa, b, vmax_ms, lat_deg;
  double f = 0.0;  // Coriolis parameter used, 1/s (Holland 1980 only)
};

// Which parameters each model needs (any two of the three for the Holland models):
//   holland1980: two of --dp-hpa, --b, --vmax-ms (B = clip(Vm² e ρ/Δp, 1, 2.5) from Vm and Δp;
//                Δp = Vm² e ρ / B from Vm and B); --lat unless coriolis is off.
//   holland2010: two of --dp-hpa, --b, --vmax-ms (same relations; Vm must exceed the 17 m/s
//                anchor at 300 km and Rmax must be below 300 km).
//   willoughby:  --vmax-ms and --lat (the empirical fits use both); --dp-hpa, --b not used.
ProfileParameters resolve_profile_parameters(const ProfileRequest& req);

// Wind speed (m/s) at each radius of req.r_km, in order.
std::vector<double> profile_speeds(const ProfileRequest& req);

}  // namespace taifeng::solver
