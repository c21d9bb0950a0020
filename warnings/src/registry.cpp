#include "taifeng/warnings/registry.hpp"

#include <cmath>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <gdal.h>
#include <ogr_api.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"

#include "gdal_util.hpp"

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
    u.shape = detail::unit_shape(OGR_F_GetGeometryRef(feat), at, u.code);
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

}  // namespace taifeng::warnings
