#pragma once
// The whole base registry read back through GDAL from a GeoPackage file or a PostGIS
// connection string "PG:…": the layers `taifeng registry build` writes (registry_gpkg.hpp).
// Features come in FID (insertion) order whatever the database returns. Input errors name
// the source (password hidden), layer and feature (FID): a missing layer admin_units or
// required field, a point without point geometry, a unit_code that names no unit.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/registry_points.hpp"

namespace taifeng::warnings {

// A populated point of the dasymetric population grid (zero points are not stored).
struct PopulationPoint {
  LonLat pos;
  std::int64_t people = 0;
  int unit = -1;        // index into Registry::units, by the feature's unit_code
  double cell_km2 = 0;  // area the point stands for
};

struct Registry {
  std::vector<AdminUnit> units;             // every level (county, township if added)
  std::vector<PopulationPoint> population;  // each layer below: empty when absent
  std::vector<Shelter> shelters;
  std::vector<Enterprise> enterprises;
  std::vector<Facility> facilities;
  std::map<std::string, std::string> metadata;  // layer registry_metadata, else dataset items
};

Registry read_registry(const std::string& source);

// Only the metadata items (empty when the source has none).
std::map<std::string, std::string> read_registry_metadata(const std::string& source);

// True for a database connection string ("PG:…", PostGIS) rather than a file.
bool registry_is_connection(const std::string& source);

// The source as messages and outputs may show it: a connection string's password hidden.
std::string registry_source_label(const std::string& source);

}  // namespace taifeng::warnings
