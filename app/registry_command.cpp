#include "registry_command.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/error.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/core/version.hpp"
#include "taifeng/forcing/relief.hpp"
#include "taifeng/warnings/dasymetric.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/registry_gpkg.hpp"

namespace taifeng::app {
namespace {

struct Args {
  std::string units, census, relief, relief_variable = "ROSE", out, source, shelters, enterprises;
  double resolution_deg = 0.01, elevation_scale_m = 400.0;
  bool json = false;
  CLI::App *build = nullptr, *inspect = nullptr;
} args;

// Grid over the units' bounding box, edges on multiples of the resolution.
Grid units_grid(const std::vector<warnings::AdminUnit>& units, double res) {
  double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
  for (const auto& u : units)
    for (const Polygon& p : u.shape)
      for (const LonLat& q : p.outer) {
        lon0 = std::min(lon0, q.lon);
        lon1 = std::max(lon1, q.lon);
        lat0 = std::min(lat0, q.lat);
        lat1 = std::max(lat1, q.lat);
      }
  return Grid::from_box(std::floor(lon0 / res) * res, std::ceil(lon1 / res) * res,
                        std::floor(lat0 / res) * res, std::ceil(lat1 / res) * res, res);
}

int build() {
  const auto units = warnings::read_admin_units(args.units, args.census);
  const Grid grid = units_grid(units, args.resolution_deg);
  spdlog::info("registry: {} units; population grid {} x {} points at {:g} deg", units.size(),
               grid.nlon, grid.nlat, args.resolution_deg);
  const Field relief = forcing::read_relief(args.relief, args.relief_variable, grid);
  warnings::DasymetricOptions opt;
  opt.elevation_scale_m = args.elevation_scale_m;
  warnings::RegistryContent c;
  c.population = warnings::dasymetric_population(units, grid, relief.data, opt);
  if (!args.shelters.empty()) c.shelters = warnings::read_shelters_csv(args.shelters, units);
  if (!args.enterprises.empty())
    c.enterprises = warnings::read_enterprises_csv(args.enterprises, units);
  c.units = units;
  c.metadata = {
      {"TAIFENG_VERSION", version_string},
      {"UNITS_SOURCE", args.units},
      {"CENSUS_SOURCE", args.census},
      {"RELIEF_SOURCE", args.relief},
      {"SHELTERS_SOURCE", args.shelters.empty() ? std::string("none") : args.shelters},
      {"ENTERPRISES_SOURCE", args.enterprises.empty() ? std::string("none") : args.enterprises},
      {"POPULATION_GRID", fmt::format("dasymetric: census spread over land points at {:g} deg "
                                      "with weight exp(-elevation / {:g} m), whole people by "
                                      "largest remainder; sums exactly to the census per unit",
                                      args.resolution_deg, args.elevation_scale_m)}};
  warnings::write_registry_gpkg(args.out, c);
  spdlog::info("registry written: {}", args.out);
  return 0;
}

int inspect() {
  const auto layers = warnings::inspect_registry(args.source);
  if (args.json) {
    nlohmann::json j;
    j["source"] = args.source;
    j["layers"] = nlohmann::json::array();
    for (const auto& l : layers) {
      nlohmann::json e{{"name", l.name}, {"geometry", l.geometry}, {"features", l.features}};
      e["population"] = l.population ? nlohmann::json(*l.population) : nlohmann::json(nullptr);
      j["layers"].push_back(e);
    }
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  for (const auto& l : layers)
    std::printf("%-20s %-16s %10lld features%s\n", l.name.c_str(), l.geometry.c_str(), l.features,
                l.population ? fmt::format("  population {:.0f}", *l.population).c_str() : "");
  return 0;
}

}  // namespace

CLI::App* add_registry_command(CLI::App& app) {
  CLI::App* reg = app.add_subcommand(
      "registry", "The base registry (administrative units, population grid) as a GeoPackage");
  reg->require_subcommand(1);
  reg->fallthrough();
  args.build = reg->add_subcommand(
      "build",
      "Build a GeoPackage from unit polygons (any GDAL vector format) and a census CSV: layer "
      "admin_units, and population_grid (dasymetric: each unit's census total over its land "
      "points, weight exp(-elevation/scale), whole people summing exactly to the census)");
  args.build->fallthrough();
  args.build->add_option("--units", args.units, "Unit polygons (GeoJSON, Shapefile, …)")
      ->required()
      ->check(CLI::ExistingFile);
  args.build->add_option("--census", args.census, "CSV adcode,name_zh,name_en,population_<year>")
      ->required()
      ->check(CLI::ExistingFile);
  args.build->add_option("--relief", args.relief, "Relief NetCDF (e.g. ETOPO5), metres")
      ->required()
      ->check(CLI::ExistingFile);
  args.build->add_option("--relief-variable", args.relief_variable, "Relief variable")
      ->capture_default_str();
  args.build->add_option("--resolution-deg", args.resolution_deg, "Population grid spacing, deg")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 1.0));
  args.build
      ->add_option("--elevation-scale-m", args.elevation_scale_m,
                   "Ancillary weight exp(-elevation / scale), m")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 10000.0));
  args.build
      ->add_option("--shelters", args.shelters, "Shelters CSV id,name_zh,name_en,lon,lat,capacity")
      ->check(CLI::ExistingFile);
  args.build
      ->add_option("--enterprises", args.enterprises,
                   "Legal persons/enterprises CSV id,name,lon,lat,employees,hazmat")
      ->check(CLI::ExistingFile);
  args.build->add_option("-o,--out", args.out, "GeoPackage to write (replaced atomically)")
      ->required();
  args.inspect = reg->add_subcommand(
      "inspect",
      "List the layers of a registry (GeoPackage or PostGIS \"PG:…\"), feature counts "
      "and population totals");
  args.inspect->fallthrough();
  args.inspect->add_option("source", args.source, "GeoPackage file or GDAL connection string")
      ->required();
  args.inspect->add_flag("--json", args.json, "One JSON document");
  return reg;
}

int run_registry_command() {
  if (args.build->parsed()) return build();
  return inspect();
}

}  // namespace taifeng::app
