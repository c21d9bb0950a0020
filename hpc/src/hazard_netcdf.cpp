#include "taifeng/hpc/hazard_netcdf.hpp"

#include <cmath>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/netcdf_io.hpp"

namespace taifeng::hpc {

namespace fs = std::filesystem;

namespace {

std::string attribute(const std::map<std::string, std::string>& a, const fs::path& file,
                      const std::string& name) {
  const auto it = a.find(name);
  if (it == a.end())
    throw_input_error(file.string(), fmt::format("no global attribute '{}' (expected a taifeng "
                                                 "forecast file)",
                                                 name));
  return it->second;
}

double number_attribute(const std::map<std::string, std::string>& a, const fs::path& file,
                        const std::string& name) {
  const std::string v = attribute(a, file, name);
  try {
    return std::stod(v);
  } catch (const std::exception&) {
    throw_input_error(file.string(),
                      fmt::format("global attribute '{}' = '{}': expected a number", name, v));
  }
}

// A (lat, lon) variable on `grid`; fill values (NaN) become `fill` unless it is NaN.
std::vector<double> field(const fs::path& file, const std::string& name, const Grid& grid,
                          double fill = std::nan("")) {
  Field f = forcing::read_netcdf_field(file, name);
  if (!(f.grid == grid))
    throw_input_error(file.string() + ": " + name, "variable on another grid than wind_speed_max");
  if (!std::isnan(fill))
    for (double& x : f.data)
      if (std::isnan(x)) x = fill;
  return std::move(f.data);
}

}  // namespace

warnings::HazardProducts read_hazard_netcdf(const fs::path& wind_nc, const fs::path& surge_nc,
                                            const std::vector<warnings::SignalRule>& rules) {
  warnings::HazardProducts hz;
  const auto attrs = forcing::read_netcdf_global_attributes(wind_nc);
  hz.storm_id = attribute(attrs, wind_nc, "storm_id");
  hz.storm_name_en = attribute(attrs, wind_nc, "storm_name");
  hz.storm_name_zh = attribute(attrs, wind_nc, "storm_name_zh");
  const std::string t0 = attribute(attrs, wind_nc, "analysis_time");
  const auto parsed = parse_time(t0);
  if (!parsed)
    throw_input_error(wind_nc.string(), fmt::format("global attribute 'analysis_time' = '{}': "
                                                    "expected an ISO 8601 time",
                                                    t0));
  hz.analysis_time = *parsed;
  warnings::WindHazard& w = hz.wind;
  w.members = long(number_attribute(attrs, wind_nc, "ensemble_members"));
  w.p_gale_window_h = number_attribute(attrs, wind_nc, "prob_gale_window_hours");
  const Field swath = forcing::read_netcdf_field(wind_nc, "wind_speed_max");
  w.grid = swath.grid;
  w.max_wind_ms = swath.data;
  for (double v : w.max_wind_ms)
    if (std::isnan(v))
      throw_input_error(wind_nc.string() + ": wind_speed_max",
                        "missing values (expected a "
                        "value at every grid point)");
  w.max_gust_ms = field(wind_nc, "wind_speed_of_gust_max", w.grid, 0.0);
  for (double v : field(wind_nc, "land_binary_mask", w.grid, 0.0))
    w.land.push_back(v > 0.5 ? 1 : 0);
  w.first_bf6_h = field(wind_nc, "first_beaufort6_hour", w.grid);
  w.first_gale_h = field(wind_nc, "first_gale_hour", w.grid);
  for (const auto& r : rules)
    w.p_signal.push_back(
        field(wind_nc, fmt::format("prob_signal_{}", warnings::signal_name(r.level)), w.grid, 0.0));
  w.p_gale = field(wind_nc, "prob_gale", w.grid, 0.0);
  if (w.members > 0 && forcing::netcdf_has_variable(wind_nc, "gale_arrival_h"))
    w.gale_arrival_h = field(wind_nc, "gale_arrival_h", w.grid);
  if (surge_nc.empty()) return hz;

  const auto sattrs = forcing::read_netcdf_global_attributes(surge_nc);
  if (attribute(sattrs, surge_nc, "analysis_time") != t0)
    throw_input_error(surge_nc.string(),
                      fmt::format("analysis time {} differs from the wind "
                                  "file's {}",
                                  attribute(sattrs, surge_nc, "analysis_time"), t0));
  warnings::SurgeHazard s;
  s.runs = long(number_attribute(sattrs, surge_nc, "surge_runs"));
  s.inundated_m = number_attribute(sattrs, surge_nc, "inundated_depth_m");
  const Field inund = forcing::read_netcdf_field(surge_nc, "inundation_depth_max");
  s.grid = inund.grid;
  s.inundation_m = field(surge_nc, "inundation_depth_max", s.grid, 0.0);
  s.p_inundation = field(surge_nc, "prob_inundation", s.grid, 0.0);
  s.surge_max_m = field(surge_nc, "surge_max", s.grid);
  for (double th : {0.5, 1.0, 2.0, 3.0}) {
    std::string tag = fmt::format("{:g}", th);
    for (char& c : tag)
      if (c == '.') c = 'p';
    s.thresholds_m.push_back(th);
    s.p_surge_ge.push_back(field(surge_nc, "prob_surge_ge_" + tag + "m", s.grid, 0.0));
  }
  hz.surge = std::move(s);
  return hz;
}

}  // namespace taifeng::hpc
