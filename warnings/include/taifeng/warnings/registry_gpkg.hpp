#pragma once
// The base registry as a GeoPackage (SQLite; opens in QGIS, ogrinfo, any GDAL client),
// written and inspected through GDAL/OGR. Layers (EPSG:4326, lon/lat):
//   admin_units      MultiPolygon: code, name_zh, name_en, population, center_lon/lat
//   population_grid  Point per populated grid point: people (whole), unit_code, cell_km2
//   shelters         Point: id, name_zh, name_en, capacity, unit_code      (when given)
//   enterprises      Point: id, name, employees, hazmat, unit_code         (when given)
// Written to a temporary file next to the target and renamed, so a failed build never
// leaves a half registry.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/warnings/dasymetric.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/registry_points.hpp"

namespace taifeng::warnings {

struct RegistryContent {
  std::vector<AdminUnit> units;
  PopulationGrid population;
  std::vector<Shelter> shelters;                // empty: no layer
  std::vector<Enterprise> enterprises;          // empty: no layer
  std::map<std::string, std::string> metadata;  // dataset metadata items (sources, method)
};

void write_registry_gpkg(const std::filesystem::path& out, const RegistryContent& content);

struct RegistryLayerInfo {
  std::string name;
  std::string geometry;  // OGR geometry type name
  long long features = 0;
  std::optional<double> population;  // sum of a "population" or "people" field
};

// Every layer of any GDAL vector source (a GeoPackage, a PostGIS connection string "PG:…").
// Input error naming the source if GDAL cannot open it as vector data.
std::vector<RegistryLayerInfo> inspect_registry(const std::string& source);

}  // namespace taifeng::warnings
