// read_synth_config: the strict TOML configuration of a synthetic analysis
// (every key: configs/synth/README.md).
#include <charconv>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "synth_internal.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/forcing/synth_analysis.hpp"

namespace taifeng::forcing {

namespace {

constexpr const char* default_levels = "850, 700, 500, 400, 300, 250, 200";

[[noreturn]] void fail_key(const ConfigReader& r, std::string_view key, const std::string& msg) {
  throw_input_error(r.where(key), fmt::format("key '{}': {}", key, msg));
}

// "850, 700, 500" (commas and/or blanks) → strictly decreasing pressures in [1, 1100] hPa.
std::vector<double> parse_levels(const ConfigReader& r, std::string_view key,
                                 const std::string& text) {
  std::vector<double> levels;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == ',' || text[pos] == ' ' || text[pos] == '\t') {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && text[end] != ',' && text[end] != ' ' && text[end] != '\t') ++end;
    const std::string token = text.substr(pos, end - pos);
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
    if (ec != std::errc() || ptr != token.data() + token.size() || !std::isfinite(v))
      fail_key(r, key,
               fmt::format("'{}' is not a number; expected pressure levels in hPa such as \"{}\"",
                           token, default_levels));
    if (v < 1.0 || v > 1100.0)
      fail_key(r, key, fmt::format("level {} hPa is out of range; expected 1..1100 hPa", v));
    if (!levels.empty() && !(v < levels.back()))
      fail_key(r, key,
               fmt::format("levels must be strictly decreasing (bottom up), got {} after {}", v,
                           levels.back()));
    levels.push_back(v);
    pos = end;
  }
  if (levels.empty()) fail_key(r, key, "expected at least one pressure level");
  if (levels.size() > 100) fail_key(r, key, "at most 100 levels");
  return levels;
}

SynthAnomaly read_anomaly(ConfigReader& r, const std::string& table, const char* amp_key,
                          double amp_def, double lx_def, double ly_def, double top_def) {
  SynthAnomaly a;
  a.lat = r.number(table + ".lat", -60.0, 60.0);
  a.lon = r.number(table + ".lon", -180.0, 360.0);
  a.amplitude_m = r.number(table + "." + amp_key, amp_def, 1.0, 500.0);
  a.lx_km = r.number(table + ".lx_km", lx_def, 100.0, 10000.0);
  a.ly_km = r.number(table + ".ly_km", ly_def, 100.0, 5000.0);
  a.top_factor = r.number(table + ".top_factor", top_def, -1.0, 3.0);
  return a;
}

}  // namespace

SynthConfig read_synth_config(ConfigReader& r) {
  SynthConfig c;
  c.title = r.string("title", c.title);

  // [grid]
  const double lon_min = r.number("grid.lon_min", -180.0, 360.0);
  const double lon_max = r.number("grid.lon_max", -180.0, 360.0);
  const double lat_min = r.number("grid.lat_min", -89.0, 89.0);
  const double lat_max = r.number("grid.lat_max", -89.0, 89.0);
  const double res = r.number("grid.resolution_deg", 0.25, 0.01, 5.0);
  if (!(lon_max > lon_min)) fail_key(r, "grid.lon_max", "must be greater than grid.lon_min");
  if (lon_max - lon_min > 360.0) fail_key(r, "grid.lon_max", "the box spans more than 360 deg");
  if (!(lat_max > lat_min)) fail_key(r, "grid.lat_max", "must be greater than grid.lat_min");
  const double nx = (lon_max - lon_min) / res, ny = (lat_max - lat_min) / res;
  if (std::fabs(nx - std::round(nx)) > 1e-6 || std::fabs(ny - std::round(ny)) > 1e-6)
    fail_key(r, "grid.resolution_deg",
             fmt::format("the box {}..{}E x {}..{}N is not a whole number of steps of {} deg",
                         lon_min, lon_max, lat_min, lat_max, res));
  if ((std::round(nx) + 1) * (std::round(ny) + 1) > 4.0e6)
    fail_key(r, "grid.resolution_deg", "more than 4 million grid points");
  c.grid = Grid::from_box(lon_min, lon_max, lat_min, lat_max, res);
  c.levels_hpa = parse_levels(r, "grid.levels_hpa", r.string("grid.levels_hpa", default_levels));

  // [time]
  c.analysis_time = r.time("time.analysis_time");
  const long lead = r.integer("time.lead_hours", 0, 0, 240);
  const long step = r.integer("time.interval_hours", 6, 1, 24);
  if (lead % step != 0)
    fail_key(r, "time.interval_hours",
             fmt::format("{} h does not divide time.lead_hours = {}", step, lead));
  c.forecast_hours.clear();
  for (long h = 0; h <= lead; h += step) c.forecast_hours.push_back(double(h));

  // [steering]
  const std::string pattern =
      r.string("steering.pattern", "uniform", {"uniform", "subtropical_ridge", "monsoon_trough"});
  c.background.u0 = r.number("steering.u0", 0.0, -50.0, 50.0);
  c.background.v0 = r.number("steering.v0", 0.0, -50.0, 50.0);
  c.background.u_200 = r.number("steering.u_200", c.background.u0, -80.0, 80.0);
  c.background.v_200 = r.number("steering.v_200", c.background.v0, -80.0, 80.0);
  if (pattern == "subtropical_ridge") {
    c.pattern = SteeringPattern::subtropical_ridge;
    c.ridge = read_anomaly(r, "ridge", "amplitude_m", 40.0, 2500.0, 900.0, 1.0);
  } else if (pattern == "monsoon_trough") {
    c.pattern = SteeringPattern::monsoon_trough;
    c.trough = read_anomaly(r, "trough", "depth_m", 30.0, 3000.0, 500.0, 0.3);
  }

  // [msl]
  c.p_env_hpa = r.number("msl.p_env_hpa", 1010.0, 950.0, 1050.0);

  // [sst]
  const std::string sst = r.string("sst.pattern", "uniform", {"uniform", "meridional"});
  if (sst == "uniform") {
    c.sst.value_c = r.number("sst.value_c", 29.0, -2.0, 40.0);
    c.sst.south_c = c.sst.north_c = c.sst.value_c;
  } else {
    c.sst.meridional = true;
    c.sst.south_c = r.number("sst.south_c", 29.0, -2.0, 40.0);
    c.sst.north_c = r.number("sst.north_c", 26.0, -2.0, 40.0);
  }

  // [vortex] (optional)
  if (r.has("vortex")) {
    SynthVortex& v = c.vortex;
    v.enabled = true;
    v.lat = r.number("vortex.lat", -60.0, 60.0);
    v.lon = r.number("vortex.lon", -180.0, 360.0);
    if (!c.grid.contains(v.lon, v.lat))
      fail_key(r, "vortex.lat",
               fmt::format("the vortex centre {}N {}E lies outside the grid box", v.lat, v.lon));
    r.string("vortex.profile", "holland1980", {"holland1980"});
    v.vmax = r.number("vortex.vmax", 10.0, 95.0);
    v.rmw_km = r.number("vortex.rmw_km", 40.0, 5.0, 300.0);
    if (r.has("vortex.pc_hpa")) v.pc_hpa = r.number("vortex.pc_hpa", 850.0, 1050.0);
    if (r.has("vortex.b")) v.b = r.number("vortex.b", 1.0, 2.5);
    if (v.pc_hpa && v.b) fail_key(r, "vortex.b", "give either vortex.pc_hpa or vortex.b, not both");
    v.top_factor = r.number("vortex.top_factor", 0.3, 0.0, 1.0);
    v.outer_radius_km = r.number("vortex.outer_radius_km", 800.0, 100.0, 3000.0);
    if (v.outer_radius_km * synth::taper_start < 2.0 * v.rmw_km)
      fail_key(r, "vortex.outer_radius_km",
               fmt::format("must be at least {:.0f} km (10/3 of vortex.rmw_km)",
                           2.0 * v.rmw_km / synth::taper_start));
    v.move_with_steering =
        r.string("vortex.motion", "steering", {"steering", "fixed"}) == "steering";
    v.drift_u = r.number("vortex.drift_u", 0.0, -10.0, 10.0);
    v.drift_v = r.number("vortex.drift_v", 0.0, -10.0, 10.0);
    try {
      resolve_synth_vortex(c);
    } catch (const Error& e) {
      const char* key = v.pc_hpa ? "vortex.pc_hpa" : v.b ? "vortex.b" : "vortex.vmax";
      fail_key(r, key, std::string(e.what()).substr(e.where().size() + 2));
    }
  }

  r.finish();
  return c;
}

}  // namespace taifeng::forcing
