#include "registry_command.hpp"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/error.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/core/version.hpp"
#include "taifeng/forcing/relief.hpp"
#include "taifeng/warnings/dasymetric.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/registry_gpkg.hpp"
#include "taifeng/warnings/registry_read.hpp"
#include "taifeng/warnings/registry_vulnerable.hpp"

namespace taifeng::app {
namespace {

struct Args {
  std::string units, census, relief, relief_variable = "ROSE", out, source, shelters, enterprises,
                                     facilities, vulnerable;
  double resolution_deg = 0.01, elevation_scale_m = 400.0;
  bool json = false, read = false;
  CLI::App *build = nullptr, *inspect = nullptr;
} args;

std::string or_none(const std::string& file) {
  return file.empty() ? "none" : file;
}

int build() {
  auto units = warnings::read_admin_units(args.units, args.census);
  std::string vulnerable_source = "none";
  if (!args.vulnerable.empty()) {
    const auto sources = warnings::join_vulnerable_csv(args.vulnerable, units);
    vulnerable_source = sources.empty()
                            ? args.vulnerable
                            : fmt::format("{} ({})", args.vulnerable, fmt::join(sources, "; "));
  }
  const Grid grid = warnings::units_bounding_grid(units, args.resolution_deg);
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
  if (!args.facilities.empty())
    c.facilities = warnings::read_facilities_csv(args.facilities, units);
  c.units = units;
  c.metadata = {
      {"TAIFENG_VERSION", version_string},
      {"UNITS_SOURCE", args.units},
      {"CENSUS_SOURCE", args.census},
      {"RELIEF_SOURCE", args.relief},
      {"ADMIN_LEVELS", "county (a bureau may add rows of level 'township' to admin_units)"},
      {"AGED_65_PLUS_SOURCE", vulnerable_source},
      {"SHELTERS_SOURCE", or_none(args.shelters)},
      {"ENTERPRISES_SOURCE", or_none(args.enterprises)},
      {"FACILITIES_SOURCE", or_none(args.facilities)},
      {"POPULATION_GRID", fmt::format("dasymetric: census spread over land points at {:g} deg "
                                      "with weight exp(-elevation / {:g} m), whole people by "
                                      "largest remainder; sums exactly to the census per unit",
                                      args.resolution_deg, args.elevation_scale_m)}};
  warnings::write_registry(args.out, c);
  spdlog::info("registry written: {}", warnings::registry_source_label(args.out));
  return 0;
}

// Totals of the whole registry as read_registry (the warnings stage's reader) returns it.
nlohmann::json registry_totals(const warnings::Registry& reg) {
  nlohmann::json units = nlohmann::json::object();
  std::int64_t population = 0, aged = 0;
  long known = 0;
  for (const auto& u : reg.units) {
    units[u.level] = units.value(u.level, 0) + 1;
    if (u.level != "county") continue;
    population += std::int64_t(u.population);
    if (u.vulnerable >= 0) {
      aged += std::int64_t(u.vulnerable);
      ++known;
    }
  }
  std::int64_t people = 0;
  for (const auto& p : reg.population) people += p.people;
  long capacity = 0, hazmat = 0;
  for (const auto& s : reg.shelters) capacity += s.capacity;
  for (const auto& e : reg.enterprises) hazmat += e.hazmat ? 1 : 0;
  std::map<std::string, long> kinds;
  for (const auto& f : reg.facilities) ++kinds[f.kind];
  return {{"units", units},
          {"county_population", population},
          {"aged_65_plus", {{"units_known", known}, {"sum", aged}}},
          {"population_grid", {{"points", reg.population.size()}, {"people", people}}},
          {"shelters", {{"features", reg.shelters.size()}, {"capacity", capacity}}},
          {"enterprises", {{"features", reg.enterprises.size()}, {"hazmat", hazmat}}},
          {"critical_facilities", {{"features", reg.facilities.size()}, {"kinds", kinds}}}};
}

int inspect() {
  const auto layers = warnings::inspect_registry(args.source);
  const auto metadata = warnings::read_registry_metadata(args.source);
  nlohmann::json totals;
  if (args.read) totals = registry_totals(warnings::read_registry(args.source));
  if (args.json) {
    nlohmann::json j;
    j["source"] = warnings::registry_source_label(args.source);
    j["layers"] = nlohmann::json::array();
    for (const auto& l : layers) {
      nlohmann::json e{{"name", l.name}, {"geometry", l.geometry}, {"features", l.features}};
      e["population"] = l.population ? nlohmann::json(*l.population) : nlohmann::json(nullptr);
      j["layers"].push_back(e);
    }
    j["metadata"] = metadata;
    if (args.read) j["registry"] = totals;
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  for (const auto& l : layers)
    std::printf("%-20s %-16s %10lld features%s\n", l.name.c_str(), l.geometry.c_str(), l.features,
                l.population ? fmt::format("  population {:.0f}", *l.population).c_str() : "");
  for (const auto& [k, v] : metadata) std::printf("%s: %s\n", k.c_str(), v.c_str());
  if (args.read) std::printf("%s\n", totals.dump(2).c_str());
  return 0;
}

}  // namespace

CLI::App* add_registry_command(CLI::App& app) {
  CLI::App* reg = app.add_subcommand(
      "registry",
      "The base registry (administrative units, population grid, shelters, enterprises, "
      "critical facilities) as a GeoPackage or in PostGIS");
  reg->require_subcommand(1);
  reg->fallthrough();
  args.build = reg->add_subcommand(
      "build",
      "Build a GeoPackage (or PostGIS tables) from unit polygons (any GDAL vector format) and a "
      "census CSV: layer admin_units, and population_grid (dasymetric: each unit's census "
      "total over its land points, weight exp(-elevation/scale), whole people summing exactly "
      "to the census); optional point layers and people aged 65+ from CSV");
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
  args.build
      ->add_option("--facilities", args.facilities,
                   "Critical facilities CSV id,name_zh,name_en,kind,lon,lat")
      ->check(CLI::ExistingFile);
  args.build
      ->add_option("--vulnerable", args.vulnerable,
                   "People aged 65 and over per unit, CSV adcode,aged_65_plus[,source]")
      ->check(CLI::ExistingFile);
  args.build
      ->add_option("-o,--out", args.out,
                   "GeoPackage to write (replaced atomically), or \"PG:dbname=… host=…\": "
                   "the registry's tables in a PostGIS database (replaced in one transaction)")
      ->required();
  args.inspect = reg->add_subcommand(
      "inspect",
      "List the layers of a registry (GeoPackage or PostGIS \"PG:…\"), feature counts "
      "and population totals");
  args.inspect->fallthrough();
  args.inspect->add_option("source", args.source, "GeoPackage file or GDAL connection string")
      ->required();
  args.inspect->add_flag("--json", args.json, "One JSON document");
  args.inspect->add_flag("--read", args.read,
                         "Also read the whole registry as the forecast does (checks unit codes "
                         "and fields) and print its totals");
  return reg;
}

int run_registry_command() {
  if (args.build->parsed()) return build();
  return inspect();
}

}  // namespace taifeng::app
