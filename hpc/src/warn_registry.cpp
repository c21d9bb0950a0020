// The registry the warnings stage works on: units, the dasymetric population points,
// shelters, enterprises and critical facilities.
#include <spdlog/spdlog.h>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/relief.hpp"
#include "taifeng/hpc/warn_stage.hpp"
#include "taifeng/warnings/dasymetric.hpp"
#include "taifeng/warnings/registry_read.hpp"

namespace taifeng::hpc {

namespace {

int unit_index(const std::vector<warnings::AdminUnit>& units, const std::string& code) {
  for (std::size_t u = 0; u < units.size(); ++u)
    if (units[u].code == code) return int(u);
  return -1;
}

}  // namespace

WarnRegistry load_warn_registry(const CycleConfig& cfg) {
  WarnRegistry reg;
  std::vector<warnings::Enterprise> enterprises;
  std::vector<warnings::Facility> facilities;
  if (!cfg.registry_file.empty()) {
    // The whole registry (GeoPackage or PostGIS); the warnings work per county.
    const std::string source = cfg.registry_file.string();
    warnings::Registry r = warnings::read_registry(source);
    std::vector<int> county(r.units.size(), -1);
    for (std::size_t u = 0; u < r.units.size(); ++u)
      if (r.units[u].level == "county") {
        county[u] = int(reg.units.size());
        reg.units.push_back(r.units[u]);
      }
    if (reg.units.empty())
      throw_input_error(warnings::registry_source_label(source),
                        "layer admin_units has no unit of level 'county'");
    for (auto p : r.population)
      if (p.unit >= 0 && county[std::size_t(p.unit)] >= 0) {
        p.unit = county[std::size_t(p.unit)];
        reg.points.push_back(p);
      }
    if (reg.points.empty())
      throw_input_error(warnings::registry_source_label(source),
                        "layer population_grid is missing or empty (expected the dasymetric "
                        "population grid of `taifeng registry build`)");
    reg.shelters = std::move(r.shelters);
    enterprises = std::move(r.enterprises);
    facilities = std::move(r.facilities);
    reg.description = warnings::registry_source_label(source);
  } else {
    reg.units = warnings::read_admin_units(cfg.units_file, cfg.census_file);
    // The population grid: the same kernel and defaults as `taifeng registry build`.
    const Grid pg = warnings::units_bounding_grid(reg.units, cfg.population_resolution_deg);
    const Field relief = forcing::read_relief(cfg.relief_file, cfg.relief_variable, pg);
    warnings::DasymetricOptions opt;
    opt.elevation_scale_m = cfg.elevation_scale_m;
    const warnings::PopulationGrid grid =
        warnings::dasymetric_population(reg.units, pg, relief.data, opt);
    for (std::size_t k = 0; k < pg.size(); ++k)
      if (grid.people[k] > 0)
        reg.points.push_back({{pg.lon(k % pg.nlon), pg.lat(k / pg.nlon)},
                              grid.people[k],
                              grid.unit[k],
                              pg.cell_area_km2(k / pg.nlon)});
    if (!cfg.shelters_file.empty())
      reg.shelters = warnings::read_shelters_csv(cfg.shelters_file, reg.units);
    if (!cfg.enterprises_file.empty())
      enterprises = warnings::read_enterprises_csv(cfg.enterprises_file, reg.units);
    if (!cfg.facilities_file.empty())
      facilities = warnings::read_facilities_csv(cfg.facilities_file, reg.units);
    reg.description =
        cfg.units_file.filename().string() + " + " + cfg.census_file.filename().string();
  }
  // Every point layer by county index; a point of a unit that is not a county is refused.
  auto county_of = [&](const std::string& what, const std::string& id, const std::string& code) {
    const int u = unit_index(reg.units, code);
    if (u < 0)
      throw_input_error(reg.description,
                        what + " " + id + ": unit " + code + " is not a county of the registry");
    return u;
  };
  for (const auto& s : reg.shelters)
    reg.shelter_unit.push_back(county_of("shelter", s.id, s.unit_code));
  for (const auto& e : enterprises)
    reg.enterprises.push_back(
        {e.id, e.pos, county_of("enterprise", e.id, e.unit_code), e.employees, e.hazmat});
  for (const auto& f : facilities)
    reg.facilities.push_back({f.id, f.pos, county_of("facility", f.id, f.unit_code), 0, false});
  spdlog::info(
      "registry {}: {} units, {} populated points, {} shelters ({} places), {} "
      "enterprises, {} facilities",
      reg.description, reg.units.size(), reg.points.size(), reg.shelters.size(),
      [&] {
        long c = 0;
        for (const auto& s : reg.shelters) c += s.capacity;
        return c;
      }(),
      reg.enterprises.size(), reg.facilities.size());
  return reg;
}

}  // namespace taifeng::hpc
