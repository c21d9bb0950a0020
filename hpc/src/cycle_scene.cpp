#include "taifeng/hpc/cycle_scene.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/coastline.hpp"
#include "taifeng/forcing/netcdf_io.hpp"
#include "taifeng/forcing/relief.hpp"
#include "taifeng/warnings/registry.hpp"

namespace taifeng::hpc {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

json read_json(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw_input_error(file.string(), "cannot open (expected a file of a taifeng cycle)");
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw_input_error(file.string(), std::string("not valid JSON: ") + e.what());
  }
}

// The one file matching prefix*.nc in the folder ("" if none).
fs::path find_nc(const fs::path& dir, const std::string& prefix) {
  fs::path found;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && e.path().extension() == ".nc") {
      if (!found.empty()) throw_input_error(dir.string(), "more than one " + prefix + "*.nc file");
      found = e.path();
    }
  }
  return found;
}

viz::GridField grid_field(const fs::path& nc, const std::string& var, std::size_t k = 0) {
  const Field f = forcing::read_netcdf_field(nc, var, k);
  return {f.name, f.units, f.long_name, f.grid, f.data};
}

int level_of(const json& v) {
  if (!v.is_string()) return 0;
  const std::string s = v.get<std::string>();
  for (int l = 0; l < 5; ++l)
    if (s == viz::signal_names[std::size_t(l)]) return l;
  return 0;
}

LonLat lonlat(const json& a) {
  return {a.at(0).get<double>(), a.at(1).get<double>()};
}

std::vector<viz::MemberTrack> read_tracks_csv(const fs::path& file, TimePoint t0) {
  std::ifstream in(file);
  if (!in) throw_input_error(file.string(), "cannot open (expected tracks.csv of a cycle)");
  std::vector<viz::MemberTrack> tracks;
  std::string line;
  std::getline(in, line);  // header
  for (int n = 2; std::getline(in, line); ++n) {
    std::stringstream ss(line);
    std::string member, time, lead, lat, lon, vmax, pmin;
    if (!std::getline(ss, member, ',') || !std::getline(ss, time, ',') ||
        !std::getline(ss, lead, ',') || !std::getline(ss, lat, ',') ||
        !std::getline(ss, lon, ',') || !std::getline(ss, vmax, ',') || !std::getline(ss, pmin))
      throw_input_error(fmt::format("{}:{}", file.string(), n), "expected 7 columns");
    const int m = std::stoi(member);
    if (tracks.empty() || tracks.back().member != m) tracks.push_back({m, {}});
    TrackPoint p;
    p.time = add_hours(t0, std::stod(lead));
    p.lat = std::stod(lat);
    p.lon = std::stod(lon);
    p.vmax_ms = std::stod(vmax);
    p.pmin_hpa = std::stod(pmin);
    tracks.back().track.points.push_back(p);
  }
  return tracks;
}

}  // namespace

forcing::GeoBox map_box(const CycleConfig& cfg) {
  if (cfg.render_box) return *cfg.render_box;
  const Grid& g = cfg.surge ? cfg.surge_opt.grid : cfg.grid;
  return {g.lon0, g.lon_max(), g.lat0, g.lat_max()};
}

viz::CycleScene read_cycle_scene(const fs::path& dir, const CycleConfig& cfg) {
  if (!fs::is_directory(dir))
    throw_input_error(dir.string(), "no such folder (expected a forecast cycle's output folder)");
  viz::CycleScene sc;
  const json summary = read_json(dir / "warnings" / "summary.json");
  const json top = read_json(dir / "summary.json");
  sc.storm_id = top.at("storm").at("id");
  sc.storm_name_en = top.at("storm").at("name_en");
  sc.storm_name_zh = top.at("storm").at("name_zh");
  const auto t0 = parse_time(top.at("analysis_time").get<std::string>());
  if (!t0) throw_input_error((dir / "summary.json").string(), "bad analysis_time");
  sc.analysis_time = *t0;

  const fs::path wind_nc = find_nc(dir, "wind_");
  if (wind_nc.empty())
    throw_input_error(dir.string(), "no wind_*.nc (the cycle ran with output.netcdf = false?)");
  sc.lead_hours = forcing::read_netcdf_time_hours(wind_nc);
  sc.wind_max = grid_field(wind_nc, "wind_speed_max");
  if (forcing::netcdf_has_variable(wind_nc, "wind_speed"))
    for (std::size_t k = 0; k < sc.lead_hours.size(); ++k)
      sc.wind_hourly.push_back(grid_field(wind_nc, "wind_speed", k));
  sc.gale_probability = grid_field(wind_nc, "prob_gale");
  const auto attrs = forcing::read_netcdf_global_attributes(wind_nc);
  if (const auto it = attrs.find("prob_gale_window_hours"); it != attrs.end())
    sc.gale_window_h = std::stod(it->second);
  const auto lat = forcing::read_netcdf_time_variable(wind_nc, "storm_lat");
  const auto lon = forcing::read_netcdf_time_variable(wind_nc, "storm_lon");
  if (forcing::netcdf_has_variable(wind_nc, "cone_radius_km")) {
    sc.cone_radius_km = forcing::read_netcdf_time_variable(wind_nc, "cone_radius_km");
    for (std::size_t k = 0; k < lat.size(); ++k) sc.cone_centre.push_back({lon[k], lat[k]});
  }
  if (fs::exists(dir / "warnings" / "exposure.nc")) {
    viz::GridField pop = grid_field(dir / "warnings" / "exposure.nc", "population");
    for (std::size_t k = 0; k < pop.values.size(); ++k)
      pop.values[k] /= pop.grid.cell_area_km2(k / pop.grid.nlon);
    pop.name = "population_density";
    pop.units = "km-2";
    pop.long_name = "residents per km2 (2020 census, dasymetric)";
    sc.population_density = std::move(pop);
  }
  if (const fs::path surge_nc = find_nc(dir, "surge_"); !surge_nc.empty()) {
    sc.inundation_depth = grid_field(surge_nc, "inundation_depth_max");
    sc.surge_max = grid_field(surge_nc, "surge_max");
  }

  const forcing::GeoBox box = map_box(cfg);
  const Grid relief_grid =
      Grid::from_box(box.lon_min, box.lon_max, box.lat_min, box.lat_max, cfg.render_relief_deg);
  const Field relief = forcing::read_relief(cfg.relief_file, cfg.relief_variable, relief_grid);
  sc.relief = {"elevation", "m", relief.long_name, relief.grid, relief.data};
  if (!cfg.coastline_file.empty())
    sc.coastline = forcing::read_gshhg_coastline(cfg.coastline_file, box, 1);

  sc.tracks = read_tracks_csv(dir / "tracks.csv", sc.analysis_time);

  // Counties: polygons from the registry, figures from warnings/summary.json.
  const std::vector<warnings::AdminUnit> units =
      cfg.registry_file.empty() ? warnings::read_admin_units(cfg.units_file, cfg.census_file)
                                : warnings::read_registry_units(cfg.registry_file.string());
  for (const json& u : summary.at("units")) {
    viz::CountyView c;
    c.code = u.at("code");
    c.name_zh = u.at("name_zh");
    c.name_en = u.at("name_en");
    for (const auto& au : units)
      if (au.code == c.code) {
        c.shape = au.shape;
        c.center = au.center;
      }
    c.signal = level_of(u.at("signal"));
    c.surge_level = level_of(u.at("surge_level"));
    c.population = u.at("population");
    const json& e = u.at("exposed");
    c.exposed = {e.at("b6"), e.at("b8"), e.at("b10"), e.at("b12")};
    c.expected_exposed = u.at("expected_exposed");
    if (!u.at("gale_arrival_lead_h").is_null()) c.gale_arrival_h = u.at("gale_arrival_lead_h");
    c.evacuate = u.at("evacuate");
    c.assigned = u.at("evacuation").at("assigned");
    c.unassigned = u.at("evacuation").at("unassigned");
    c.reason = u.at("reason");
    for (const json& f : u.at("cap")) c.cap_files.push_back(f);
    sc.counties.push_back(std::move(c));
  }
  const json ev = read_json(dir / "warnings" / "evacuation.json");
  for (const json& s : ev.at("shelters"))
    sc.shelters.push_back({s.at("id"), s.at("name_zh"), s.at("name_en"), lonlat(s.at("lonlat")),
                           s.at("capacity"), s.at("assigned")});
  for (const json& f : ev.at("flows")) {
    viz::FlowView v{f.at("unit"),
                    f.at("shelter"),
                    f.at("people"),
                    f.at("km"),
                    lonlat(f.at("from")),
                    lonlat(f.at("to")),
                    {}};
    for (const json& p : f.at("path")) v.path.push_back(lonlat(p));
    sc.flows.push_back(std::move(v));
  }
  return sc;
}

}  // namespace taifeng::hpc
