#include "taifeng/solver/profile.hpp"

#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/holland.hpp"
#include "taifeng/solver/willoughby.hpp"

namespace taifeng::solver {

namespace {

void require_positive(const std::optional<double>& v, const char* option, const char* unit) {
  if (v && !(std::isfinite(*v) && *v > 0.0))
    throw_input_error(option, fmt::format("must be a number > 0{}, got {}", unit, *v));
}

// Holland models: exactly two of Δp, B, Vm; the third follows from Vm² = B Δp / (ρ e).
void complete_holland(ProfileParameters& p, const std::string& model) {
  const int given = int(p.dp_hpa.has_value()) + int(p.b.has_value()) + int(p.vmax_ms.has_value());
  if (given == 3)
    throw_input_error("profile",
                      "give only two of them for " + model +
                          " (the third follows from Vm² = B Δp / (ρ e), ρ = 1.15 kg/m³)");
  if (!p.dp_hpa && !p.vmax_ms)
    throw_input_error("profile",
                      "--dp-hpa is required for " + model + " unless --vmax-ms is given");
  if (!p.b && !p.vmax_ms)
    throw_input_error("profile", "--b or --vmax-ms is required for " + model + " with --dp-hpa");
  if (!p.dp_hpa && !p.b)
    throw_input_error("profile",
                      "--dp-hpa or --b is required for " + model + " together with --vmax-ms");
  const double e_rho = std::numbers::e * rho_air;
  if (!p.b) {
    p.b = holland_b(*p.vmax_ms, *p.dp_hpa * 100.0);  // clipped to [1, 2.5]
  } else if (!p.dp_hpa) {
    p.dp_hpa = *p.vmax_ms * *p.vmax_ms * e_rho / *p.b / 100.0;
  } else {
    p.vmax_ms = std::sqrt(*p.b * *p.dp_hpa * 100.0 / e_rho);
  }
}

}  // namespace

ProfileParameters resolve_profile_parameters(const ProfileRequest& req) {
  const std::string& model = req.model;
  if (model != "holland1980" && model != "holland2010" && model != "willoughby")
    throw_input_error("--model", "unknown model '" + model +
                                     "' (expected holland1980, holland2010 or willoughby)");
  if (!req.rmax_km) throw_input_error("profile", "--rmax-km is required for " + model);
  require_positive(req.rmax_km, "--rmax-km", " km");
  require_positive(req.dp_hpa, "--dp-hpa", " hPa");
  require_positive(req.b, "--b", "");
  require_positive(req.vmax_ms, "--vmax-ms", " m/s");
  if (req.lat_deg && !(std::isfinite(*req.lat_deg) && std::fabs(*req.lat_deg) <= 90.0))
    throw_input_error("--lat", fmt::format("must be in [-90, 90] degrees, got {}", *req.lat_deg));
  if (req.r_km.empty()) throw_input_error("--r-km", "give at least one radius (km)");
  for (const double r : req.r_km)
    if (!(std::isfinite(r) && r >= 0.0))
      throw_input_error("--r-km", fmt::format("radii must be numbers ≥ 0 km, got {}", r));

  ProfileParameters p;
  p.model = model;
  p.rmax_km = *req.rmax_km;
  p.dp_hpa = req.dp_hpa;
  p.b = req.b;
  p.vmax_ms = req.vmax_ms;
  p.lat_deg = req.lat_deg;

  if (model == "willoughby") {
    if (!req.vmax_ms) throw_input_error("profile", "--vmax-ms is required for willoughby");
    if (!req.lat_deg)
      throw_input_error("profile", "--lat is required for willoughby (its parameter fits use it)");
    if (req.dp_hpa || req.b)
      throw_input_error(req.dp_hpa ? "--dp-hpa" : "--b",
                        "not used by willoughby (its shape follows from --vmax-ms, --rmax-km "
                        "and --lat)");
    return p;
  }

  complete_holland(p, model);
  if (model == "holland1980") {
    if (req.coriolis) {
      if (!req.lat_deg)
        throw_input_error(
            "profile", "--lat is required for holland1980 with Coriolis (or give --no-coriolis)");
      p.f = coriolis(*req.lat_deg);
    }
    return p;
  }
  // holland2010: the exponent outside Rmax is anchored at V(300 km) = 17 m/s.
  if (!(*p.vmax_ms > 17.0))
    throw_input_error("--vmax-ms",
                      fmt::format("holland2010 needs Vm > 17 m/s (the profile is anchored at "
                                  "V(300 km) = 17 m/s), got {:.3f} m/s",
                                  *p.vmax_ms));
  if (!(p.rmax_km < 300.0))
    throw_input_error(
        "--rmax-km",
        fmt::format("holland2010 needs Rmax < 300 km (the anchor radius), got {} km", p.rmax_km));
  return p;
}

std::vector<double> profile_speeds(const ProfileRequest& req) {
  const ProfileParameters p = resolve_profile_parameters(req);
  const double rm = p.rmax_km * 1000.0;
  std::vector<double> v;
  v.reserve(req.r_km.size());
  if (p.model == "willoughby") {
    const WilloughbyProfile w = willoughby_fit(*p.vmax_ms, rm, *p.lat_deg);
    for (const double r : req.r_km) v.push_back(willoughby_speed(r * 1000.0, w));
  } else if (p.model == "holland1980") {
    for (const double r : req.r_km)
      v.push_back(holland1980_speed(r * 1000.0, rm, *p.b, *p.dp_hpa * 100.0, rho_air, p.f));
  } else {
    for (const double r : req.r_km)
      v.push_back(holland2010_speed(r * 1000.0, rm, *p.vmax_ms, *p.b));
  }
  return v;
}

}  // namespace taifeng::solver
