// The registry the warnings stage works on: units, the dasymetric population points,
// shelters, enterprises and critical facilities.
#include <spdlog/spdlog.h>

#include "taifeng/forcing/relief.hpp"
#include "taifeng/hpc/warn_stage.hpp"
#include "taifeng/warnings/dasymetric.hpp"

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
  reg.units = cfg.registry_file.empty()
                  ? warnings::read_admin_units(cfg.units_file, cfg.census_file)
                  : warnings::read_registry_units(cfg.registry_file.string());
  // The population grid: the same kernel and defaults as `taifeng registry build`.
  const Grid pg = warnings::units_bounding_grid(reg.units, cfg.population_resolution_deg);
  const Field relief = forcing::read_relief(cfg.relief_file, cfg.relief_variable, pg);
  warnings::DasymetricOptions opt;
  opt.elevation_scale_m = cfg.elevation_scale_m;
  const warnings::PopulationGrid grid =
      warnings::dasymetric_population(reg.units, pg, relief.data, opt);
  for (std::size_t k = 0; k < pg.size(); ++k)
    if (grid.people[k] > 0)
      reg.points.push_back(
          {{pg.lon(k % pg.nlon), pg.lat(k / pg.nlon)}, grid.people[k], grid.unit[k]});
  if (!cfg.shelters_file.empty())
    reg.shelters = warnings::read_shelters_csv(cfg.shelters_file, reg.units);
  if (!cfg.enterprises_file.empty())
    for (const auto& e : warnings::read_enterprises_csv(cfg.enterprises_file, reg.units))
      reg.enterprises.push_back(
          {e.id, e.pos, unit_index(reg.units, e.unit_code), e.employees, e.hazmat});
  reg.description =
      cfg.registry_file.empty()
          ? cfg.units_file.filename().string() + " + " + cfg.census_file.filename().string()
      : cfg.registry_file.string().rfind("PG:", 0) == 0 ? std::string("PostGIS registry")
                                                        : cfg.registry_file.filename().string();
  spdlog::info(
      "registry {}: {} units, {} populated points, {} shelters, {} enterprises, {} "
      "facilities",
      reg.description, reg.units.size(), reg.points.size(), reg.shelters.size(),
      reg.enterprises.size(), reg.facilities.size());
  return reg;
}

}  // namespace taifeng::hpc
