#pragma once
// Base registry of administrative units: polygons read through GDAL/OGR (GeoJSON,
// Shapefile, GeoPackage — any vector source GDAL opens) joined with a census table.
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/core/polygon.hpp"

namespace taifeng::warnings {

struct AdminUnit {
  std::string code;              // GB/T 2260 administrative division code, e.g. "460100"
  std::string name_zh;           // 海口市
  std::string name_en;           // Haikou
  std::string level = "county";  // "county" (city/county level); a bureau may add "township"
  double population = 0;         // residents (census)
  double vulnerable = -1;        // residents aged 65 and over; −1 = unknown
  MultiPolygon shape;            // lon/lat degrees
  LonLat center;                 // seat of government (GeoJSON "center"), else first vertex
};

// Reads the units from `polygons` (layer 0; integer or string field `adcode`, optional
// `name`, optional real-list `center`) and joins the census CSV
// "adcode,name_zh,name_en,population_<year>". Every unit must appear in both sources
// exactly once; any mismatch is an input error naming the file, line/feature and code.
std::vector<AdminUnit> read_admin_units(const std::filesystem::path& polygons,
                                        const std::filesystem::path& census_csv);

// The county-level units of a registry written by `taifeng registry build` (registry_gpkg.hpp):
// layer admin_units of any GDAL vector source (a GeoPackage file, or a PostGIS "PG:…"
// connection string holding the same table), fields code, name_zh, name_en, population,
// center_lon, center_lat, optional level and aged_65_plus; in feature (FID) order. Rows whose
// level is not "county" (townships a bureau added) are left out: the forecast cycle's table
// is per county. Input errors name the source and feature. The whole registry:
// read_registry (registry_read.hpp).
std::vector<AdminUnit> read_registry_units(const std::string& source);

}  // namespace taifeng::warnings
