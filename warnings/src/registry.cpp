#include "taifeng/warnings/registry.hpp"

#include <cmath>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <gdal.h>
#include <ogr_api.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"

namespace taifeng::warnings {

namespace {

struct CensusRow {
  std::string name_zh, name_en;
  double population = 0;
  std::string at;
};

std::map<std::string, CensusRow> read_census(const std::filesystem::path& file) {
  const std::string name = file.string();
  const auto lines = read_text_lines(file);
  if (lines.empty()) throw_input_error(name, "empty file; expected a census CSV");
  const auto header = split_fields(lines[0].text);
  if (header.size() != 4 || header[0] != "adcode" || header[1] != "name_zh" ||
      header[2] != "name_en" || header[3].substr(0, 11) != "population_")
    throw_input_error(where(name, 1),
                      "expected the header 'adcode,name_zh,name_en,population_<year>'");
  std::map<std::string, CensusRow> rows;
  for (std::size_t k = 1; k < lines.size(); ++k) {
    if (trim(lines[k].text).empty()) continue;
    const std::string at = where(name, lines[k].number);
    const auto f = split_fields(lines[k].text);
    if (f.size() != 4) throw_input_error(at, fmt::format("expected 4 columns, got {}", f.size()));
    const std::string code(f[0]);
    if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos)
      throw_input_error(at, fmt::format("adcode '{}' is not a 6-digit GB/T 2260 code", code));
    const auto pop = parse_double(f[3]);
    if (!pop || *pop < 0 || *pop != std::floor(*pop))
      throw_input_error(at,
                        fmt::format("population '{}' is not a non-negative whole number", f[3]));
    if (rows.count(code))
      throw_input_error(at,
                        fmt::format("adcode {} listed twice (first at {})", code, rows[code].at));
    rows[code] = {std::string(f[1]), std::string(f[2]), *pop, at};
  }
  return rows;
}

Ring ring_of(OGRGeometryH ring) {
  Ring r;
  const int n = OGR_G_GetPointCount(ring);
  r.reserve(std::size_t(n));
  for (int i = 0; i < n; ++i) r.push_back({OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)});
  return r;
}

Polygon polygon_of(OGRGeometryH poly) {
  Polygon p;
  const int n = OGR_G_GetGeometryCount(poly);
  for (int k = 0; k < n; ++k) {
    Ring r = ring_of(OGR_G_GetGeometryRef(poly, k));
    if (k == 0)
      p.outer = std::move(r);
    else
      p.holes.push_back(std::move(r));
  }
  return p;
}

// The (Multi)Polygon of a unit's feature; input error naming `at` otherwise.
MultiPolygon unit_shape(OGRGeometryH g, const std::string& at, const std::string& code) {
  if (!g) throw_input_error(at, fmt::format("unit {} has no geometry", code));
  MultiPolygon shape;
  const auto type = wkbFlatten(OGR_G_GetGeometryType(g));
  if (type == wkbPolygon) {
    shape.push_back(polygon_of(g));
  } else if (type == wkbMultiPolygon) {
    for (int k = 0; k < OGR_G_GetGeometryCount(g); ++k)
      shape.push_back(polygon_of(OGR_G_GetGeometryRef(g, k)));
  } else {
    throw_input_error(at, fmt::format("unit {} geometry is {}, expected (Multi)Polygon", code,
                                      OGR_G_GetGeometryName(g)));
  }
  return shape;
}

struct DatasetCloser {
  void operator()(void* ds) const { GDALClose(ds); }
};

}  // namespace

std::vector<AdminUnit> read_admin_units(const std::filesystem::path& polygons,
                                        const std::filesystem::path& census_csv) {
  std::map<std::string, CensusRow> census = read_census(census_csv);
  const std::string name = polygons.string();
  GDALAllRegister();
  std::unique_ptr<void, DatasetCloser> ds(
      GDALOpenEx(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds)
    throw_input_error(name,
                      "cannot be opened as a vector data set (GeoJSON, Shapefile, "
                      "GeoPackage, …)");
  if (GDALDatasetGetLayerCount(ds.get()) < 1) throw_input_error(name, "has no layer");
  OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const int i_code = OGR_FD_GetFieldIndex(defn, "adcode");
  const int i_name = OGR_FD_GetFieldIndex(defn, "name");
  const int i_center = OGR_FD_GetFieldIndex(defn, "center");
  if (i_code < 0) throw_input_error(name, "layer 0 has no field 'adcode'");

  std::vector<AdminUnit> units;
  std::map<std::string, std::string> seen;
  OGR_L_ResetReading(layer);
  long index = 0;
  while (OGRFeatureH feat = OGR_L_GetNextFeature(layer)) {
    std::unique_ptr<void, void (*)(void*)> guard(feat, [](void* f) { OGR_F_Destroy(f); });
    const std::string at = fmt::format("{}: feature {}", name, index++);
    AdminUnit u;
    u.code = OGR_F_GetFieldAsString(feat, i_code);
    if (u.code.size() != 6 || u.code.find_first_not_of("0123456789") != std::string::npos)
      throw_input_error(at, fmt::format("adcode '{}' is not a 6-digit GB/T 2260 code", u.code));
    if (seen.count(u.code))
      throw_input_error(at, fmt::format("adcode {} appears twice (also {})", u.code, seen[u.code]));
    seen[u.code] = at;
    u.shape = unit_shape(OGR_F_GetGeometryRef(feat), at, u.code);
    for (const Polygon& p : u.shape)
      if (p.outer.size() < 4)
        throw_input_error(
            at, fmt::format("unit {} has a ring of {} points (need >= 4)", u.code, p.outer.size()));
    u.center = u.shape.front().outer.front();
    if (i_center >= 0 && OGR_F_IsFieldSetAndNotNull(feat, i_center)) {
      int n = 0;
      const double* c = OGR_F_GetFieldAsDoubleList(feat, i_center, &n);
      if (n == 2) u.center = {c[0], c[1]};
    }
    auto it = census.find(u.code);
    if (it == census.end())
      throw_input_error(census_csv.string(),
                        fmt::format("no census row for unit {} ({})", u.code, at));
    u.name_zh = it->second.name_zh;
    u.name_en = it->second.name_en;
    if (i_name >= 0 && u.name_zh.empty()) u.name_zh = OGR_F_GetFieldAsString(feat, i_name);
    u.population = it->second.population;
    units.push_back(std::move(u));
  }
  for (const auto& [code, row] : census)
    if (!seen.count(code))
      throw_input_error(row.at, fmt::format("census unit {} has no polygon in {}", code, name));
  if (units.empty()) throw_input_error(name, "holds no administrative unit");
  return units;
}

std::vector<AdminUnit> read_registry_units(const std::string& source) {
  GDALAllRegister();
  std::unique_ptr<void, DatasetCloser> ds(
      GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds) throw_input_error(source, "cannot be opened as a registry (GeoPackage or PostGIS)");
  OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), "admin_units");
  if (!layer)
    throw_input_error(source,
                      "has no layer 'admin_units'; expected a registry written by "
                      "'taifeng registry build'");
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  int idx[6];
  const char* names[6] = {"code", "name_zh", "name_en", "population", "center_lon", "center_lat"};
  for (int k = 0; k < 6; ++k) {
    idx[k] = OGR_FD_GetFieldIndex(defn, names[k]);
    if (idx[k] < 0)
      throw_input_error(source, fmt::format("layer 'admin_units' has no field '{}'", names[k]));
  }
  std::vector<AdminUnit> units;
  OGR_L_ResetReading(layer);
  long index = 0;
  while (OGRFeatureH feat = OGR_L_GetNextFeature(layer)) {
    std::unique_ptr<void, void (*)(void*)> guard(feat, [](void* f) { OGR_F_Destroy(f); });
    const std::string at = fmt::format("{}: admin_units feature {}", source, index++);
    AdminUnit u;
    u.code = OGR_F_GetFieldAsString(feat, idx[0]);
    u.name_zh = OGR_F_GetFieldAsString(feat, idx[1]);
    u.name_en = OGR_F_GetFieldAsString(feat, idx[2]);
    u.population = double(OGR_F_GetFieldAsInteger64(feat, idx[3]));
    u.center = {OGR_F_GetFieldAsDouble(feat, idx[4]), OGR_F_GetFieldAsDouble(feat, idx[5])};
    if (u.code.empty() || !(u.population >= 0))
      throw_input_error(at, "empty code or negative population");
    u.shape = unit_shape(OGR_F_GetGeometryRef(feat), at, u.code);
    units.push_back(std::move(u));
  }
  if (units.empty()) throw_input_error(source, "layer 'admin_units' holds no unit");
  return units;
}

}  // namespace taifeng::warnings
