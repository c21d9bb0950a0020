#pragma once
// The base registry written and inspected through GDAL/OGR, as a GeoPackage (SQLite; opens in
// QGIS, ogrinfo, any GDAL client) or into a PostgreSQL/PostGIS database. Layers (EPSG:4326,
// lon/lat):
//   admin_units          MultiPolygon: code, name_zh, name_en, level ("county"), population,
//                        aged_65_plus (NULL = unknown), center_lon/lat
//   population_grid      Point per populated grid point: people (whole), unit_code, cell_km2
//   shelters             Point: id, name_zh, name_en, capacity, unit_code      (when given)
//   enterprises          Point: id, name, employees, hazmat, unit_code         (when given)
//   critical_facilities  Point: id, name_zh, name_en, kind, unit_code          (when given)
//   registry_metadata    no geometry: item, value (sources, method, version)
// A GeoPackage is written to a temporary file next to the target and renamed, so a failed
// build never leaves a half registry. PostgreSQL has no such rename: there every layer is
// replaced inside one transaction, rolled back on any failure, so the database keeps the
// previous registry (or none) unchanged.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/warnings/dasymetric.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/registry_points.hpp"

namespace taifeng::warnings {

// Non-spatial layer holding the metadata items (a PostGIS database has no dataset metadata).
inline constexpr const char* registry_metadata_layer = "registry_metadata";

struct RegistryContent {
  std::vector<AdminUnit> units;
  PopulationGrid population;
  std::vector<Shelter> shelters;                // empty: no layer
  std::vector<Enterprise> enterprises;          // empty: no layer
  std::vector<Facility> facilities;             // empty: no layer
  std::map<std::string, std::string> metadata;  // metadata items (sources, method)
};

void write_registry_gpkg(const std::filesystem::path& out, const RegistryContent& content);

// Into an existing PostgreSQL database with the postgis extension ("PG:dbname=… host=…",
// GDAL's PostgreSQL driver). The registry's tables are replaced (dropped and created: an
// optional layer this content lacks is dropped too); other tables stay untouched. All in one
// transaction: on failure nothing changes. Input error naming the connection (password
// hidden) when it cannot connect, PostGIS is missing, or a write fails.
void write_registry_postgis(const std::string& connection, const RegistryContent& content);

// write_registry_postgis for a "PG:…" target, write_registry_gpkg otherwise.
void write_registry(const std::string& target, const RegistryContent& content);

struct RegistryLayerInfo {
  std::string name;
  std::string geometry;  // OGR geometry type name
  long long features = 0;
  std::optional<double> population;  // sum of a "population" or "people" field
};

// Every layer of any GDAL vector source (a GeoPackage, a PostGIS connection string "PG:…")
// but registry_metadata. Input error naming the source if GDAL cannot open it as vector data.
std::vector<RegistryLayerInfo> inspect_registry(const std::string& source);

}  // namespace taifeng::warnings
