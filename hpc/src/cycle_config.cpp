#include "taifeng/hpc/cycle_config.hpp"

#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/warnings/registry_read.hpp"

namespace taifeng::hpc {

namespace {

// The grid of a lon/lat box read from `table` (keys lon_min … resolution_deg): the box must
// not be empty and the resolution must divide it into whole steps.
Grid box_grid(const ConfigReader& r, const std::string& table, double lon_min, double lon_max,
              double lat_min, double lat_max, double res) {
  for (const auto& [hi, lo, ok] : {std::tuple{"lon_max", "lon_min", lon_max > lon_min},
                                   std::tuple{"lat_max", "lat_min", lat_max > lat_min}})
    if (!ok)
      throw_input_error(r.where(table + "." + hi),
                        fmt::format("key '{}.{}': must exceed {}.{}", table, hi, table, lo));
  const double nx = (lon_max - lon_min) / res, ny = (lat_max - lat_min) / res;
  if (std::fabs(nx - std::round(nx)) > 1e-6 || std::fabs(ny - std::round(ny)) > 1e-6)
    throw_input_error(r.where(table + ".resolution_deg"),
                      fmt::format("key '{}.resolution_deg': {} deg does not divide the box "
                                  "{}..{} E x {}..{} N into whole steps",
                                  table, res, lon_min, lon_max, lat_min, lat_max));
  return Grid::from_box(lon_min, lon_max, lat_min, lat_max, res);
}

}  // namespace

// [forecast.swe]: the shallow-water track model (solver/swe_track.hpp).
static void read_swe_track(ConfigReader& r, CycleConfig& c) {
  const std::string k = "forecast.swe.";
  if (r.has(k + "file"))
    c.swe_file = r.path(k + "file", true);
  else if (c.model == "swe")
    throw_input_error(r.where("forecast.model"),
                      "key 'forecast.swe.file': required for model 'swe' (gridded winds on "
                      "pressure levels, NetCDF or GRIB2, covering the analysis time and the "
                      "model domain)");
  solver::SweTrackOptions& o = c.swe;
  o.layer = *solver::parse_bam_layer(
      r.string(k + "layer", "deep", {"shallow", "medium", "deep", "BAMS", "BAMM", "BAMD"}));
  c.swe_u_variable = r.string(k + "u_variable", "eastward_wind");
  c.swe_v_variable = r.string(k + "v_variable", "northward_wind");
  o.domain_half_width_km = r.number(k + "domain_half_width_km", 2500, 500, 10000);
  o.resolution_km = r.number(k + "resolution_km", 30, 2, 200);
  o.equivalent_depth_m = r.number(k + "equivalent_depth_m", 1000, 10, 20000);
  o.vortex_vmax_ms = r.number(k + "vortex_vmax_ms", 40, 0, 120);
  o.vortex_rmw_km = r.number(k + "vortex_rmw_km", 100, 5, 1000);
  o.vortex_shape_b = r.number(k + "vortex_shape_b", 1, 0.2, 5);
  o.removal_inner_km = r.number(k + "removal_inner_km", 300, 0, 3000);
  o.removal_outer_km = r.number(k + "removal_outer_km", 800, 1, 3000);
  o.steering_inner_km = r.number(k + "steering_inner_km", 200, 0, 3000);
  o.steering_outer_km = r.number(k + "steering_outer_km", 500, 1, 3000);
  o.relax_width_km = r.number(k + "relax_width_km", 300, 1, 3000);
  o.relax_hours = r.number(k + "relax_hours", 1, 0.01, 240);
  o.edge_margin_km = r.number(k + "edge_margin_km", 300, 0, 3000);
  o.cfl = r.number(k + "cfl", 0.4, 0.05, 0.5);
  o.tracker = r.string(k + "tracker", "vorticity", {"vorticity", "height"}) == "height"
                  ? solver::swe::CentreMethod::height
                  : solver::swe::CentreMethod::vorticity;
  o.search_radius_km = r.number(k + "search_radius_km", 300, 2, 2000);
  o.hold_last_field = r.boolean(k + "hold_last_field", true);
  auto below = [&](const char* inner, double vi, const char* outer, double vo) {
    if (!(vi < vo))
      throw_input_error(r.where(k + inner),
                        fmt::format("key '{}{}': {:g} km must be below {}{} ({:g} km)", k, inner,
                                    vi, k, outer, vo));
  };
  below("removal_inner_km", o.removal_inner_km, "removal_outer_km", o.removal_outer_km);
  below("steering_inner_km", o.steering_inner_km, "steering_outer_km", o.steering_outer_km);
  if (o.relax_width_km < 2 * o.resolution_km)
    throw_input_error(r.where(k + "relax_width_km"),
                      fmt::format("key '{}relax_width_km': {:g} km; expected at least two cells "
                                  "of {}resolution_km ({:g} km)",
                                  k, o.relax_width_km, k, o.resolution_km));
  if (o.search_radius_km < o.resolution_km)
    throw_input_error(r.where(k + "search_radius_km"),
                      fmt::format("key '{}search_radius_km': {:g} km; expected at least one cell "
                                  "({:g} km)",
                                  k, o.search_radius_km, o.resolution_km));
}

CycleConfig read_cycle_config(ConfigReader& r) {
  CycleConfig c;
  c.config_file = r.source();
  c.run_name = r.string("run.name", "taifeng");
  c.output_dir = r.path("run.output_dir", "out/" + c.run_name, false);

  c.model = r.string("forecast.model", "persistence",
                     {"persistence", "cliper", "official", "ensemble", "bam", "swe"});
  if (r.has("storm.track_file") || c.model != "ensemble")
    c.track_file = r.path("storm.track_file", true);
  c.track_format = r.string("storm.track_format", "jtwc_csv", {"jtwc_csv"});
  c.storm_id = r.string("storm.id");
  if (c.storm_id.empty()) throw_input_error(r.where("storm.id"), "key 'storm.id': empty");
  c.storm_name_en = r.string("storm.name_en", c.storm_id);
  c.storm_name_zh = r.string("storm.name_zh", c.storm_name_en);
  c.analysis_time = r.time("storm.analysis_time");

  c.technique = r.string("forecast.technique", "OFCL");
  if (r.has("forecast.advisory_file"))
    c.advisory_file = r.path("forecast.advisory_file", true);
  else if (c.model == "official")
    throw_input_error(r.where("forecast.model"),
                      "key 'forecast.advisory_file': required for model 'official' (an ATCF "
                      "a-deck holding the technique's forecast from the analysis time)");
  if (r.has("forecast.cliper_model"))
    c.cliper_model = r.path("forecast.cliper_model", true);
  else if (c.model == "cliper")
    throw_input_error(r.where("forecast.model"),
                      "key 'forecast.cliper_model': required for model 'cliper' (a file written "
                      "by 'taifeng fit cliper', e.g. data/models/cliper_wp_1945_2000.json)");
  if (r.has("forecast.members.file"))
    c.members_file = r.path("forecast.members.file", true);
  else if (c.model == "ensemble")
    throw_input_error(r.where("forecast.model"),
                      "key 'forecast.members.file': required for model 'ensemble' (ECMWF "
                      "tropical-cyclone track BUFR or an ATCF a-deck with several techniques)");
  c.members_format = r.string("forecast.members.format", "auto", {"auto", "atcf", "ecmwf-bufr"});
  c.members_storm = r.string("forecast.members.storm", "");
  c.members_techniques = r.string_list("forecast.members.techniques", {});
  c.min_member_fraction = r.number("forecast.members.min_fraction", 0.5, 0.01, 1.0);
  if (r.has("forecast.bam.file"))
    c.bam_file = r.path("forecast.bam.file", true);
  else if (c.model == "bam")
    throw_input_error(r.where("forecast.model"),
                      "key 'forecast.bam.file': required for model 'bam' (gridded winds on "
                      "pressure levels, NetCDF or GRIB2, covering the analysis time)");
  {
    const std::string layer = r.string("forecast.bam.layer", "deep",
                                       {"shallow", "medium", "deep", "BAMS", "BAMM", "BAMD"});
    c.bam.layer = *solver::parse_bam_layer(layer);
  }
  c.bam.vortex_radius_km = r.number("forecast.bam.vortex_radius_km", 500, 0, 1500);
  c.bam.vortex_inner_radius_km = r.number("forecast.bam.vortex_inner_radius_km", 200, 0, 1500);
  if (c.bam.vortex_radius_km > 0 && c.bam.vortex_inner_radius_km >= c.bam.vortex_radius_km)
    throw_input_error(r.where("forecast.bam.vortex_inner_radius_km"),
                      fmt::format("key 'forecast.bam.vortex_inner_radius_km': {:g} km must be "
                                  "below forecast.bam.vortex_radius_km ({:g} km)",
                                  c.bam.vortex_inner_radius_km, c.bam.vortex_radius_km));
  c.bam.beta_speed_ms = r.number("forecast.bam.beta_speed_ms", 2.0, 0, 5);
  c.bam.beta_direction_deg = r.number("forecast.bam.beta_direction_deg", 315, 0, 360);
  c.bam.step_minutes = r.number("forecast.bam.step_minutes", 15, 1, 120);
  c.bam.hold_last_field = r.boolean("forecast.bam.hold_last_field", true);
  c.bam_u_variable = r.string("forecast.bam.u_variable", "eastward_wind");
  c.bam_v_variable = r.string("forecast.bam.v_variable", "northward_wind");
  read_swe_track(r, c);
  if (r.has("intensity.sst_file")) c.sst_file = r.path("intensity.sst_file", true);
  c.sst_variable = r.string("intensity.sst_variable", "sea_surface_temperature");
  c.sst_relax_hours = r.number("intensity.sst_relax_hours", 12.0, 0.0, 240.0);
  c.persistence.lead_hours = double(r.integer("forecast.lead_hours", 120, 6, 240));
  c.output_interval_hours = double(r.integer("forecast.output_interval_hours", 1, 1, 24));
  c.persistence.step_hours = c.output_interval_hours;
  c.bam.lead_hours = c.persistence.lead_hours;
  c.bam.output_interval_hours = c.output_interval_hours;
  c.swe.lead_hours = c.persistence.lead_hours;
  c.swe.output_interval_hours = c.output_interval_hours;
  c.persistence.motion_window_hours = r.number("forecast.motion_window_hours", 12, 3, 48);
  c.persistence.decay_over_land = r.boolean("forecast.decay_over_land", true);
  if (std::fmod(c.persistence.lead_hours, c.output_interval_hours) != 0)
    throw_input_error(r.where("forecast.output_interval_hours"),
                      fmt::format("key 'forecast.output_interval_hours': {} h does not divide the "
                                  "lead time {} h",
                                  c.output_interval_hours, c.persistence.lead_hours));

  const double lon_min = r.number("grid.lon_min", -180, 360);
  const double lon_max = r.number("grid.lon_max", -180, 360);
  const double lat_min = r.number("grid.lat_min", -90, 90);
  const double lat_max = r.number("grid.lat_max", -90, 90);
  const double res = r.number("grid.resolution_deg", 0.005, 2.0);
  c.grid = box_grid(r, "grid", lon_min, lon_max, lat_min, lat_max, res);
  if (double(c.grid.size()) > 2.5e7)
    throw_input_error(r.where("grid.resolution_deg"),
                      "key 'grid.resolution_deg': grid larger than 25 million points");

  c.profile = r.string("wind.profile", "holland1980", {"holland1980", "holland2010", "willoughby"});
  c.wind.profile = solver::parse_wind_profile(c.profile, r.where("wind.profile"));
  c.wind.p_env_hpa = r.number("wind.p_env_hpa", 1010, 980, 1030);
  c.wind.rho = r.number("wind.air_density", 1.15, 1.0, 1.3);
  c.wind.surface_factor = r.number("wind.surface_factor", 0.9, 0.5, 1.0);
  c.wind.land_factor = r.number("wind.land_factor", 0.8, 0.4, 1.0);
  c.wind.inflow_deg = r.number("wind.inflow_angle_deg", 20, 0, 45);
  c.wind.max_radius_km = r.number("wind.max_radius_km", 500, 50, 2000);
  c.wind.translation_asymmetry = r.boolean("wind.translation_asymmetry", true);
  const long avg = r.integer("wind.output_averaging_minutes", 2, 1, 10);
  if (avg != 1 && avg != 2 && avg != 10)
    throw_input_error(
        r.where("wind.output_averaging_minutes"),
        fmt::format("key 'wind.output_averaging_minutes': {} is not one of 1, 2, 10", avg));
  c.wind.output_averaging = WindAveraging(int(avg));

  c.relief_file = r.path("geography.relief_file", true);
  c.relief_variable = r.string("geography.relief_variable", "ROSE");
  c.land_threshold_m = r.number("geography.land_threshold_m", 0.0, -100.0, 100.0);

  if (r.has("registry.file")) {
    // A GDAL connection string ("PG:dbname=…" for PostGIS) is passed through unchecked;
    // anything else is a file that must exist.
    const std::string reg = r.string("registry.file");
    c.registry_file = warnings::registry_is_connection(reg) ? std::filesystem::path(reg)
                                                            : r.path("registry.file", true);
    if (r.has("registry.units") || r.has("registry.census"))
      throw_input_error(r.where("registry.file"),
                        "key 'registry.file': give either a registry GeoPackage or "
                        "registry.units with registry.census, not both");
  } else {
    c.units_file = r.path("registry.units", true);
    c.census_file = r.path("registry.census", true);
    // Point layers from CSV when there is no registry GeoPackage (registry_points.hpp).
    if (r.has("registry.shelters")) c.shelters_file = r.path("registry.shelters", true);
    if (r.has("registry.enterprises")) c.enterprises_file = r.path("registry.enterprises", true);
    if (r.has("registry.facilities")) c.facilities_file = r.path("registry.facilities", true);
  }
  c.population_resolution_deg = r.number("registry.population_resolution_deg", 0.01, 0.001, 0.5);
  c.elevation_scale_m = r.number("registry.elevation_scale_m", 400, 1, 10000);

  auto& a = c.alert;
  a.sender = r.string("warnings.sender", "taifeng@localhost");
  a.sender_name_zh = r.string("warnings.sender_name_zh", "taifeng 台风预警系统");
  a.sender_name_en = r.string("warnings.sender_name_en", "taifeng typhoon warning system");
  a.identifier_prefix = r.string("warnings.identifier_prefix", "taifeng");
  a.status =
      r.string("warnings.status", "Actual", {"Actual", "Exercise", "System", "Test", "Draft"});
  a.note = r.string("warnings.note", "");
  a.expires_hours = r.number("warnings.expires_hours", 6, 1, 72);
  for (const std::string* s : {&a.sender, &a.identifier_prefix})
    if (s->empty() || s->find_first_of(" ,<&") != std::string::npos)
      throw_input_error(r.where(s == &a.sender ? "warnings.sender" : "warnings.identifier_prefix"),
                        "CAP identifiers and senders must not be empty or contain spaces, "
                        "commas, '<' or '&'");
  c.cap_schema = r.path("warnings.cap_schema", true);
  for (const warnings::SignalRule& def : warnings::cma_signal_rules()) {
    const std::string base = std::string("warnings.signals.") + warnings::signal_name(def.level);
    warnings::SignalRule rule = def;
    rule.within_hours = r.number(base + ".within_hours", def.within_hours, 1, 240);
    rule.min_wind_ms = r.number(base + ".min_wind_ms", def.min_wind_ms, 0, 120);
    rule.min_gust_ms = r.number(base + ".min_gust_ms", def.min_gust_ms, 0, 150);
    rule.min_probability = r.number(base + ".probability", def.min_probability, 0.001, 1);
    c.signal_rules.push_back(rule);
  }
  for (const warnings::SurgeRule& def : warnings::default_surge_rules()) {
    const std::string base = std::string("warnings.surge.") + warnings::signal_name(def.level);
    warnings::SurgeRule rule = def;
    rule.min_surge_m = r.number(base + ".min_surge_m", def.min_surge_m, 0.5, 3);
    if (rule.min_surge_m != 0.5 && rule.min_surge_m != 1 && rule.min_surge_m != 2 &&
        rule.min_surge_m != 3)  // the heights the surge stage counts (prob_surge_ge_*)
      throw_input_error(r.where(base + ".min_surge_m"),
                        fmt::format("key '{}.min_surge_m': expected 0.5, 1, 2 or 3 (m), got {:g}",
                                    base, rule.min_surge_m));
    rule.min_probability = r.number(base + ".probability", def.min_probability, 0.001, 1);
    c.surge_rules.push_back(rule);
  }
  c.exposure.coast_km = r.number("warnings.coast_km", c.exposure.coast_km, 0.1, 200);
  c.map_base_uri = r.string("warnings.map_base_uri", "");
  if (!c.map_base_uri.empty() && c.map_base_uri.find("://") == std::string::npos)
    throw_input_error(r.where("warnings.map_base_uri"),
                      "key 'warnings.map_base_uri': expected an absolute URL such as "
                      "\"https://bureau.example/taifeng/{cycle}/\" (CAP resources need one)");

  auto& ev = c.evacuation;
  ev.inundation_probability =
      r.number("evacuation.inundation_probability", ev.inundation_probability, 0.001, 1);
  const std::string level =
      r.string("evacuation.signal", "orange", {"blue", "yellow", "orange", "red"});
  ev.signal_level = level == "blue" ? 1 : level == "yellow" ? 2 : level == "orange" ? 3 : 4;
  ev.coastal_km = r.number("evacuation.coastal_km", ev.coastal_km, 0, 100);
  ev.low_elevation_m = r.number("evacuation.low_elevation_m", ev.low_elevation_m, -100, 1000);
  ev.hazard_penalty = r.number("evacuation.hazard_penalty", ev.hazard_penalty, 0, 100);
  ev.max_travel_km = r.number("evacuation.max_travel_km", ev.max_travel_km, 1, 1000);
  c.evacuation_graph_resolution_deg =
      r.number("evacuation.graph_resolution_deg", c.evacuation_graph_resolution_deg, 0.005, 0.5);

  c.ensemble_members = r.integer("ensemble.members", 0, 0, 100000);
  c.ensemble_seed = std::uint64_t(r.integer("ensemble.seed", 1, 0, 2147483647));
  c.perturb_intensity = r.boolean("ensemble.perturb_intensity", true);
  if (r.has("ensemble.error_stats"))
    c.error_stats = r.path("ensemble.error_stats", true);
  else if (c.ensemble_members > 0 && c.model != "ensemble")
    throw_input_error(r.where("ensemble.members"),
                      "key 'ensemble.error_stats': required when ensemble.members > 0 (a file "
                      "written by 'taifeng verify --errors-out', e.g. "
                      "data/models/track_errors_cliper_wp_2001_2012.json)");

  if (c.model == "ensemble" && c.ensemble_members > 0)
    throw_input_error(r.where("ensemble.members"),
                      "key 'ensemble.members': model 'ensemble' takes its realizations from "
                      "forecast.members.file; set ensemble.members = 0 (no Monte Carlo members)");
  c.surge = r.boolean("surge.enabled", false);
  {
    const double lo0 = r.number("surge.lon_min", 107.5, -180, 360);
    const double lo1 = r.number("surge.lon_max", 112.0, -180, 360);
    const double la0 = r.number("surge.lat_min", 17.0, -80, 80);
    const double la1 = r.number("surge.lat_max", 21.0, -80, 80);
    const double res = r.number("surge.resolution_deg", 0.05, 0.005, 1.0);
    c.surge_opt.grid = box_grid(r, "surge", lo0, lo1, la0, la1, res);
    if (la1 - la0 > 10 || lo1 - lo0 > 10)
      throw_input_error(r.where("surge.lat_max"),
                        "key 'surge.lat_max'/'surge.lon_max': the surge box may span at most 10 "
                        "degrees (local metric grid)");
  }
  c.surge_opt.depth_cap_m = r.number("surge.depth_cap_m", 200, 10, 11000);
  c.surge_opt.manning_n = r.number("surge.manning_n", 0.025, 0, 0.2);
  c.surge_opt.cfl = r.number("surge.cfl", 0.45, 0.05, 0.5);
  c.surge_opt.ramp_hours = r.number("surge.ramp_hours", 6, 0, 48);
  c.surge_opt.forcing_interval_minutes = r.number("surge.forcing_interval_minutes", 10, 1, 180);
  c.surge_opt.land_threshold_m = c.land_threshold_m;
  c.surge_hours = r.number("surge.hours", std::min(72.0, c.persistence.lead_hours), 1,
                           c.persistence.lead_hours);
  c.surge_members = r.integer("surge.members", 1, 1, 100000);
  c.surge_inundated_m = r.number("surge.inundated_depth_m", 0.1, 0.001, 10);
  c.surge_checkpoint_hours = r.number("surge.checkpoint_hours", 6, 0, 1000);
  if (c.surge && c.surge_members > 1 && c.model != "ensemble" &&
      c.ensemble_members < c.surge_members)
    throw_input_error(r.where("surge.members"),
                      "key 'surge.members': more surge runs than Monte Carlo members "
                      "(ensemble.members)");
  c.write_netcdf = r.boolean("output.netcdf", true);
  c.write_hourly = r.boolean("output.hourly_fields", true);
  c.write_vtk = r.boolean("output.vtk", true);
  c.member_tracks = r.integer("output.member_tracks", 100, 0, 100000);

  c.render = r.boolean("render.enabled", true);
  if (r.has("render.lon_min") || r.has("render.lon_max") || r.has("render.lat_min") ||
      r.has("render.lat_max")) {
    forcing::GeoBox b;
    b.lon_min = r.number("render.lon_min", -180, 360);
    b.lon_max = r.number("render.lon_max", -180, 360);
    b.lat_min = r.number("render.lat_min", -90, 90);
    b.lat_max = r.number("render.lat_max", -90, 90);
    if (!(b.lon_min < b.lon_max && b.lat_min < b.lat_max))
      throw_input_error(r.where("render.lon_min"),
                        "[render] map box: expected lon_min < lon_max and lat_min < lat_max");
    c.render_box = b;
  }
  c.render_relief_deg = r.number("render.relief_resolution_deg", 0.02, 0.005, 1);
  if (r.has("render.coastline_file")) c.coastline_file = r.path("render.coastline_file", true);
  c.render_width = int(r.integer("render.width", 1600, 320, 8000));
  c.render_height = int(r.integer("render.height", 1200, 240, 8000));
  c.render_vertical_exaggeration = r.number("render.vertical_exaggeration", 20, 1, 1000);
  c.render_frame_width = int(r.integer("render.frame_width", 960, 160, 8000));
  c.render_frame_height = int(r.integer("render.frame_height", 720, 120, 8000));
  c.render_fps = int(r.integer("render.fps", 4, 1, 60));
  const std::initializer_list<std::string_view> maps = {"Blues",  "Purples", "Greens",
                                                        "YlOrRd", "Viridis", "Turbo"};
  c.render_gale_colormap = r.string("render.gale_colormap", "Purples", maps);
  c.render_wind_colormap = r.string("render.wind_colormap", "Turbo", maps);
  c.render_depth_colormap = r.string("render.depth_colormap", "Blues", maps);
  c.render_azimuth_deg = r.number("render.camera_azimuth_deg", 200, 0, 360);
  c.render_elevation_deg = r.number("render.camera_elevation_deg", 40, 1, 89);
  c.render_zoom = r.number("render.camera_zoom", 1.35, 0.1, 20);

  r.finish();
  return c;
}

}  // namespace taifeng::hpc
