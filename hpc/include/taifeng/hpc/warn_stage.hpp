#pragma once
// The warnings stage of a cycle: base registry × forecast hazard → exposure per cell and per
// unit, county signals and storm-surge levels with their reasons, CAP 1.2 messages (Alert /
// Update / Cancel against the previous cycle's log) with the Atom feed, SMS bulletins, the
// evacuation plan and warnings/summary.json. `taifeng forecast` runs it on the hazard in
// memory; `taifeng warn` on the hazard read back from a cycle's NetCDF files.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "taifeng/hpc/cycle_config.hpp"
#include "taifeng/warnings/hazard.hpp"
#include "taifeng/warnings/point_exposure.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/registry_points.hpp"

namespace taifeng::hpc {

struct WarnRegistry {
  std::vector<warnings::AdminUnit> units;
  std::vector<warnings::PopulationPoint> points;  // dasymetric population grid
  std::vector<warnings::Shelter> shelters;
  std::vector<int> shelter_unit;  // [shelter] index into units
  std::vector<warnings::AssetPoint> enterprises, facilities;
  std::string description;  // where it came from
};

// From [registry] file (GeoPackage or PostGIS), or from units + census spread over the
// relief by the same dasymetric kernel `taifeng registry build` uses.
WarnRegistry load_warn_registry(const CycleConfig& cfg);

struct WarnOutcome {
  std::size_t messages = 0;                               // CAP messages issued
  std::map<std::string, std::vector<std::string>> files;  // kind -> paths relative to out
};

// Writes into `out` (the cycle's staging folder): warnings/summary.json, units.csv,
// exposure.nc, evacuation.json, cap/*.xml, cap/feed.xml, messages.json, sms/*.txt.
// `previous` is the previous cycle's folder (empty: first cycle).
WarnOutcome run_warn_stage(const CycleConfig& cfg, const WarnRegistry& reg,
                           const warnings::HazardProducts& hazard,
                           const std::filesystem::path& previous, const std::filesystem::path& out);

}  // namespace taifeng::hpc
