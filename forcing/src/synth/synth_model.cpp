// The physics of the synthetic analysis (formulas: synth_analysis.hpp).
#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "synth_internal.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/forcing/synth_analysis.hpp"

namespace taifeng::forcing {

namespace synth {

double f_eff(double lat_deg) {
  const double s = lat_deg < 0.0 ? -1.0 : 1.0;
  return s * 2.0 * omega_earth * std::sin(deg_to_rad(std::max(std::fabs(lat_deg), min_f_lat)));
}

double s_of_p(double p_hpa) {
  return std::log(850.0 / p_hpa) / std::log(850.0 / 200.0);
}

double vortex_factor(double top_factor, double p_hpa) {
  if (p_hpa >= 850.0) return 1.0;
  return std::max(0.0, 1.0 + (top_factor - 1.0) * s_of_p(p_hpa));
}

// ICAO standard atmosphere: troposphere (lapse 6.5 K/km) to 11 km, isothermal above.
double z_isa(double p_hpa) {
  constexpr double t0 = 288.15, lapse = 0.0065, p0 = 1013.25, r_dry = 287.05287;
  constexpr double p11 = 226.32, t11 = 216.65;
  if (p_hpa >= p11) return t0 / lapse * (1.0 - std::pow(p_hpa / p0, r_dry * lapse / gravity));
  return 11000.0 + r_dry * t11 / gravity * std::log(p11 / p_hpa);
}

double holland_speed(double r, double rm, double b, double dp, double f) {
  const double half_rf = 0.5 * r * f;
  if (r < 1.0) return 0.0;
  const double x = std::pow(rm / r, b);
  return std::sqrt(b / rho_air * x * dp * std::exp(-x) + half_rf * half_rf) - half_rf;
}

double taper(double r, double r_out) {
  const double r0 = taper_start * r_out;
  if (r <= r0) return 1.0;
  if (r >= r_out) return 0.0;
  const double c = std::cos(0.5 * std::numbers::pi * (r - r0) / (r_out - r0));
  return c * c;
}

}  // namespace synth

using namespace synth;

namespace {

double wrap_dlon_deg(double dlon) {
  // (−180, 180]
  dlon = std::fmod(dlon, 360.0);
  if (dlon > 180.0) dlon -= 360.0;
  if (dlon <= -180.0) dlon += 360.0;
  return dlon;
}

double box_centre_lon(const Grid& g) {
  return 0.5 * (g.lon0 + g.lon_max());
}
double box_centre_lat(const Grid& g) {
  return 0.5 * (g.lat0 + g.lat_max());
}

const SynthAnomaly* active_anomaly(const SynthConfig& c, double* sign) {
  switch (c.pattern) {
    case SteeringPattern::subtropical_ridge:
      *sign = 1.0;
      return &c.ridge;
    case SteeringPattern::monsoon_trough:
      *sign = -1.0;
      return &c.trough;
    case SteeringPattern::uniform:
      break;
  }
  *sign = 0.0;
  return nullptr;
}

// Environment height anomaly (background + pattern, without z_ISA) and its winds.
SynthPoint environment_anomaly(const SynthConfig& c, double lon, double lat, double p_hpa) {
  const double a = earth_radius_m;
  const double phi = deg_to_rad(lat);
  const double f = f_eff(lat);
  const double s = s_of_p(p_hpa);
  const SynthBackground& bg = c.background;
  const double ub = bg.u0 + (bg.u_200 - bg.u0) * s;
  const double vb = bg.v0 + (bg.v_200 - bg.v0) * s;

  SynthPoint out;
  const double phi_ref = deg_to_rad(box_centre_lat(c.grid));
  const double dlam_ref = deg_to_rad(wrap_dlon_deg(lon - box_centre_lon(c.grid)));
  out.z = 2.0 * omega_earth * a / gravity * ub * (std::cos(phi) - std::cos(phi_ref)) +
          f / gravity * vb * a * std::cos(phi) * dlam_ref;
  out.u = ub;
  out.v = vb;

  double sign = 0.0;
  if (const SynthAnomaly* an = active_anomaly(c, &sign)) {
    const double phic = deg_to_rad(an->lat);
    const double x = a * std::cos(phic) * deg_to_rad(wrap_dlon_deg(lon - an->lon));
    const double y = a * (phi - phic);
    const double lx = an->lx_km * 1000.0, ly = an->ly_km * 1000.0;
    const double k = 1.0 + (an->top_factor - 1.0) * s;
    const double zp =
        sign * an->amplitude_m * k * std::exp(-(x * x) / (lx * lx) - (y * y) / (ly * ly));
    // ∂z/∂y = −2y/Ly² z,  ∂z/∂x = (1/(a cos φ)) ∂z/∂λ = −2x/Lx² z cos φ_c / cos φ.
    const double dzdy = -2.0 * y / (ly * ly) * zp;
    const double dzdx = -2.0 * x / (lx * lx) * zp * std::cos(phic) / std::cos(phi);
    out.z += zp;
    out.u += -gravity / f * dzdy;
    out.v += gravity / f * dzdx;
  }
  return out;
}

// Pressure-weighted mean over the levels between 850 and 200 hPa (trapezoid in p).
std::vector<std::pair<double, double>> deep_layer_weights(const std::vector<double>& levels) {
  std::vector<double> ps;
  for (double p : levels)
    if (p <= 850.0 + 1e-9 && p >= 200.0 - 1e-9) ps.push_back(p);
  if (ps.empty()) ps = {850, 700, 500, 400, 300, 250, 200};
  std::sort(ps.begin(), ps.end(), std::greater<>());
  std::vector<std::pair<double, double>> w;
  if (ps.size() == 1) return {{ps[0], 1.0}};
  const double total = ps.front() - ps.back();
  for (std::size_t k = 0; k < ps.size(); ++k) {
    const double up = k + 1 < ps.size() ? ps[k] - ps[k + 1] : 0.0;
    const double down = k > 0 ? ps[k - 1] - ps[k] : 0.0;
    w.emplace_back(ps[k], 0.5 * (up + down) / total);
  }
  return w;
}

// Radial table of the vortex height perturbation at one level.
struct VortexLevel {
  double dr = 1000.0;
  std::vector<double> z;  // z[k] at r = k dr
  double at(double r) const {
    const double q = r / dr;
    const std::size_t k = std::size_t(q);
    if (k + 1 >= z.size()) return 0.0;
    const double t = q - double(k);
    return z[k] + t * (z[k + 1] - z[k]);
  }
};

VortexLevel vortex_level_table(const SynthVortex& vx, const SynthVortexParams& vp, double factor) {
  VortexLevel t;
  const double rm = vx.rmw_km * 1000.0, r_out = vx.outer_radius_km * 1000.0;
  t.dr = std::min(1000.0, rm / 20.0);
  const std::size_t n = std::size_t(std::ceil(r_out / t.dr)) + 2;
  t.z.assign(n, 0.0);
  auto speed = [&](double r) {
    return factor * taper(r, r_out) * holland_speed(r, rm, vp.b, vp.dp_pa, vp.f);
  };
  auto integrand = [&](double r) {
    if (r < 1.0) return 0.0;
    const double v = speed(r);
    return v * v / r + vp.f * v;
  };
  // Simpson on each interval, integrated inward from the outer edge.
  for (std::size_t k = n - 1; k-- > 0;) {
    const double r0 = double(k) * t.dr, r1 = r0 + t.dr;
    const double seg =
        t.dr / 6.0 * (integrand(r0) + 4.0 * integrand(0.5 * (r0 + r1)) + integrand(r1));
    t.z[k] = t.z[k + 1] - seg / gravity;
  }
  return t;
}

void fail_config(const std::string& message) {
  throw_input_error("synthetic analysis configuration", message);
}

void validate(const SynthConfig& c) {
  if (c.grid.nlon < 2 || c.grid.nlat < 2 || !(c.grid.dlon > 0) || !(c.grid.dlat > 0))
    fail_config("the grid needs at least 2 x 2 points and positive spacing");
  if (c.grid.lat0 < -89.0 || c.grid.lat_max() > 89.0)
    fail_config("the grid must lie within 89S..89N");
  if (c.levels_hpa.empty()) fail_config("at least one pressure level is needed");
  for (std::size_t k = 0; k < c.levels_hpa.size(); ++k) {
    if (!(c.levels_hpa[k] >= 1.0 && c.levels_hpa[k] <= 1100.0))
      fail_config(fmt::format("pressure level {} hPa is outside 1..1100 hPa", c.levels_hpa[k]));
    if (k > 0 && !(c.levels_hpa[k] < c.levels_hpa[k - 1]))
      fail_config("pressure levels must be strictly decreasing (from the bottom up)");
  }
  if (c.forecast_hours.empty() || c.forecast_hours.front() != 0.0)
    fail_config("the forecast hours must start with 0 (the analysis)");
  for (std::size_t k = 1; k < c.forecast_hours.size(); ++k)
    if (!(c.forecast_hours[k] > c.forecast_hours[k - 1]))
      fail_config("the forecast hours must be strictly increasing");
  double sign = 0.0;
  if (const SynthAnomaly* an = active_anomaly(c, &sign)) {
    if (!(an->amplitude_m > 0.0 && an->lx_km > 0.0 && an->ly_km > 0.0))
      fail_config("the pattern amplitude and half-widths must be positive");
  }
}

}  // namespace

SynthPoint synth_environment(const SynthConfig& c, double lon, double lat, double p_hpa) {
  SynthPoint pt = environment_anomaly(c, lon, lat, p_hpa);
  pt.z += z_isa(p_hpa);
  return pt;
}

double synth_environment_msl(const SynthConfig& c, double lon, double lat) {
  const SynthPoint a = environment_anomaly(c, lon, lat, 850.0);
  return c.p_env_hpa * 100.0 + rho_air * gravity * a.z;
}

std::pair<double, double> synth_deep_layer_mean(const SynthConfig& c, double lon, double lat) {
  double u = 0.0, v = 0.0;
  for (const auto& [p, w] : deep_layer_weights(c.levels_hpa)) {
    const SynthPoint e = environment_anomaly(c, lon, lat, p);
    u += w * e.u;
    v += w * e.v;
  }
  return {u, v};
}

SynthVortexParams resolve_synth_vortex(const SynthConfig& c) {
  SynthVortexParams vp;
  const SynthVortex& vx = c.vortex;
  if (!vx.enabled) return vp;
  if (!(vx.vmax > 0.0 && vx.rmw_km > 0.0)) fail_config("vortex vmax and rmw must be positive");
  if (vx.outer_radius_km * taper_start < 2.0 * vx.rmw_km)
    fail_config(fmt::format(
        "vortex outer radius {} km is too small for RMW {} km (need at least {:.0f} km)",
        vx.outer_radius_km, vx.rmw_km, 2.0 * vx.rmw_km / taper_start));
  if (vx.pc_hpa && vx.b) fail_config("give either the vortex central pressure or B, not both");
  vp.f = std::fabs(f_eff(vx.lat));
  vp.p_env_pa = synth_environment_msl(c, vx.lon, vx.lat);
  const double rm = vx.rmw_km * 1000.0;
  // B Δp = ρ e (Vmax² + Vmax Rm f): the gradient wind at Rm is Vmax.
  const double b_dp = rho_air * std::numbers::e * (vx.vmax * vx.vmax + vx.vmax * rm * vp.f);
  if (vx.pc_hpa) {
    vp.pc_pa = *vx.pc_hpa * 100.0;
    vp.dp_pa = vp.p_env_pa - vp.pc_pa;
    if (!(vp.dp_pa >= 100.0))
      fail_config(fmt::format(
          "vortex central pressure {} hPa is not at least 1 hPa below the environment ({:.1f} "
          "hPa at the centre)",
          *vx.pc_hpa, vp.p_env_pa / 100.0));
    vp.b = b_dp / vp.dp_pa;
    if (!(vp.b >= 1.0 && vp.b <= 2.5))
      fail_config(fmt::format(
          "vortex vmax {} m/s with central pressure {} hPa (environment {:.1f} hPa) gives "
          "Holland B = {:.3f}, outside [1, 2.5]",
          vx.vmax, *vx.pc_hpa, vp.p_env_pa / 100.0, vp.b));
  } else {
    vp.b = vx.b.value_or(1.5);
    if (!(vp.b >= 1.0 && vp.b <= 2.5))
      fail_config(fmt::format("Holland B = {} is outside [1, 2.5]", vp.b));
    vp.dp_pa = b_dp / vp.b;
    vp.pc_pa = vp.p_env_pa - vp.dp_pa;
  }
  return vp;
}

std::vector<LonLat> synth_vortex_track(const SynthConfig& c) {
  std::vector<LonLat> track;
  const SynthVortex& vx = c.vortex;
  if (!vx.enabled) return track;
  LonLat pos{vx.lon, vx.lat};
  double t = 0.0;
  constexpr double dt_h = 0.25;
  auto velocity = [&](LonLat p) {
    auto [u, v] = synth_deep_layer_mean(c, p.lon, p.lat);
    return std::pair{u + vx.drift_u, v + vx.drift_v};
  };
  auto step = [](LonLat p, std::pair<double, double> uv, double dt_s) {
    const double a = earth_radius_m;
    LonLat q;
    q.lat = p.lat + rad_to_deg(uv.second * dt_s / a);
    q.lon = p.lon + rad_to_deg(uv.first * dt_s / (a * std::cos(deg_to_rad(p.lat))));
    return q;
  };
  for (double hour : c.forecast_hours) {
    if (vx.move_with_steering) {
      while (t < hour - 1e-9) {
        const double h = std::min(dt_h, hour - t);
        const double dt_s = h * 3600.0;
        const auto k1 = velocity(pos);
        const LonLat pred = step(pos, k1, dt_s);
        const auto k2 = velocity(pred);
        pos = step(pos, {0.5 * (k1.first + k2.first), 0.5 * (k1.second + k2.second)}, dt_s);
        t += h;
      }
    }
    track.push_back(pos);
  }
  return track;
}

SynthFields synth_fields(const SynthConfig& c, std::size_t time_index) {
  validate(c);
  TAIFENG_CHECK(time_index < c.forecast_hours.size(), "synth_fields: time index out of range");
  const Grid& g = c.grid;
  const std::size_t nl = c.levels_hpa.size(), npt = g.size();
  SynthFields out;
  out.u.resize(nl * npt);
  out.v.resize(nl * npt);
  out.z.resize(nl * npt);
  out.msl.resize(npt);
  out.sst.resize(npt);

  // Environment.
  for (std::size_t k = 0; k < nl; ++k) {
    const double p = c.levels_hpa[k];
    const double zs = z_isa(p);
    for (std::size_t j = 0; j < g.nlat; ++j)
      for (std::size_t i = 0; i < g.nlon; ++i) {
        const SynthPoint e = environment_anomaly(c, g.lon(i), g.lat(j), p);
        const std::size_t n = k * npt + g.index(i, j);
        out.u[n] = e.u;
        out.v[n] = e.v;
        out.z[n] = zs + e.z;
      }
  }
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i)
      out.msl[g.index(i, j)] = synth_environment_msl(c, g.lon(i), g.lat(j));

  // SST.
  const SynthSst& s = c.sst;
  for (std::size_t j = 0; j < g.nlat; ++j) {
    double sst_c = s.value_c;
    if (s.meridional) {
      const double t = (g.lat(j) - g.lat0) / (g.lat_max() - g.lat0);
      sst_c = s.south_c + (s.north_c - s.south_c) * t;
    }
    for (std::size_t i = 0; i < g.nlon; ++i) out.sst[g.index(i, j)] = sst_c + 273.15;
  }

  // Vortex.
  if (!c.vortex.enabled) return out;
  const SynthVortex& vx = c.vortex;
  const SynthVortexParams vp = resolve_synth_vortex(c);
  const LonLat centre = synth_vortex_track(c)[time_index];
  const double hemi = centre.lat < 0.0 ? -1.0 : 1.0;
  const double rm = vx.rmw_km * 1000.0, r_out = vx.outer_radius_km * 1000.0;
  std::vector<VortexLevel> tables;
  std::vector<double> factors;
  for (double p : c.levels_hpa) {
    factors.push_back(vortex_factor(vx.top_factor, p));
    tables.push_back(vortex_level_table(vx, vp, factors.back()));
  }
  const double phic = deg_to_rad(centre.lat);
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      const double phi = deg_to_rad(g.lat(j));
      const double dl = deg_to_rad(wrap_dlon_deg(centre.lon - g.lon(i)));
      // Great-circle distance and the bearing from the point to the centre.
      const double h = std::pow(std::sin(0.5 * (phic - phi)), 2) +
                       std::cos(phi) * std::cos(phic) * std::pow(std::sin(0.5 * dl), 2);
      const double r = 2.0 * earth_radius_m * std::asin(std::min(1.0, std::sqrt(h)));
      const std::size_t n = g.index(i, j);
      // Holland (1980) pressure profile.
      const double x = r > 1.0 ? std::pow(rm / r, vp.b) : 1e300;
      out.msl[n] -= vp.dp_pa * (1.0 - std::exp(-x));
      if (r >= r_out) continue;
      const double bx = std::sin(dl) * std::cos(phic);
      const double by =
          std::cos(phi) * std::sin(phic) - std::sin(phi) * std::cos(phic) * std::cos(dl);
      const double norm = std::hypot(bx, by);
      // Unit vector towards the centre (east, north) = (bx, by)/norm; counter-clockwise
      // tangent = (−north, east) of the outward vector = (by, −bx)/norm.
      const double te = norm > 0.0 ? by / norm : 0.0, tn = norm > 0.0 ? -bx / norm : 0.0;
      const double base = taper(r, r_out) * holland_speed(r, rm, vp.b, vp.dp_pa, vp.f);
      for (std::size_t k = 0; k < nl; ++k) {
        const double speed = factors[k] * base;
        const std::size_t m = k * npt + n;
        out.u[m] += hemi * speed * te;
        out.v[m] += hemi * speed * tn;
        out.z[m] += tables[k].at(r);
      }
    }
  return out;
}

}  // namespace taifeng::forcing
