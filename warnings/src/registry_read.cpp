#include "taifeng/warnings/registry_read.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/warnings/registry_gpkg.hpp"

#include "gdal_util.hpp"

namespace taifeng::warnings {
namespace {

using detail::Dataset;

// One layer of the source: fields by name, features in FID order, errors naming all three.
class LayerReader {
 public:
  LayerReader(OGRLayerH layer, std::string source, std::string name)
      : layer_(layer), source_(std::move(source)), name_(std::move(name)) {}

  // Index of a field; −1 if absent and optional, else an input error.
  int field(const char* n, bool required = true) const {
    const int i = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer_), n);
    if (i < 0 && required)
      throw_input_error(source_, fmt::format("layer '{}' has no field '{}'", name_, n));
    return i;
  }

  // "<source>: layer '<name>' feature <fid>"
  std::string at(GIntBig fid) const {
    return fmt::format("{}: layer '{}' feature {}", source_, name_, static_cast<long long>(fid));
  }

  // read(feature, at) for every feature; the results sorted by FID.
  template <class T>
  std::vector<T> read_all(const std::function<T(OGRFeatureH, const std::string&)>& read) const {
    std::vector<std::pair<GIntBig, T>> rows;
    OGR_L_ResetReading(layer_);
    while (OGRFeatureH h = OGR_L_GetNextFeature(layer_)) {
      detail::Feature f(h);
      const GIntBig fid = OGR_F_GetFID(h);
      rows.emplace_back(fid, read(h, at(fid)));
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<T> out;
    out.reserve(rows.size());
    for (auto& r : rows) out.push_back(std::move(r.second));
    return out;
  }

 private:
  OGRLayerH layer_;
  std::string source_, name_;
};

std::string text(OGRFeatureH f, int i) {
  return OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "";
}

LonLat point_of(OGRFeatureH f, const std::string& at) {
  OGRGeometryH g = OGR_F_GetGeometryRef(f);
  if (!g || wkbFlatten(OGR_G_GetGeometryType(g)) != wkbPoint || OGR_G_IsEmpty(g))
    throw_input_error(at, "has no point geometry");
  return {OGR_G_GetX(g, 0), OGR_G_GetY(g, 0)};
}

std::vector<AdminUnit> read_units(GDALDatasetH ds, const std::string& source) {
  OGRLayerH layer = GDALDatasetGetLayerByName(ds, "admin_units");
  if (!layer)
    throw_input_error(source,
                      "has no layer 'admin_units'; expected a registry written by "
                      "'taifeng registry build'");
  const LayerReader r(layer, source, "admin_units");
  const int i_code = r.field("code"), i_zh = r.field("name_zh"), i_en = r.field("name_en"),
            i_pop = r.field("population"), i_lon = r.field("center_lon"),
            i_lat = r.field("center_lat"), i_level = r.field("level", false),
            i_old = r.field("aged_65_plus", false);
  auto units = r.read_all<AdminUnit>([&](OGRFeatureH f, const std::string& at) {
    AdminUnit u;
    u.code = text(f, i_code);
    u.name_zh = text(f, i_zh);
    u.name_en = text(f, i_en);
    if (i_level >= 0 && OGR_F_IsFieldSetAndNotNull(f, i_level)) u.level = text(f, i_level);
    u.population = double(OGR_F_GetFieldAsInteger64(f, i_pop));
    if (i_old >= 0 && OGR_F_IsFieldSetAndNotNull(f, i_old))
      u.vulnerable = double(OGR_F_GetFieldAsInteger64(f, i_old));
    u.center = {OGR_F_GetFieldAsDouble(f, i_lon), OGR_F_GetFieldAsDouble(f, i_lat)};
    if (u.code.empty() || !OGR_F_IsFieldSetAndNotNull(f, i_pop) || !(u.population >= 0))
      throw_input_error(at, "empty code or no/negative population");
    if (u.vulnerable > u.population)
      throw_input_error(
          at, fmt::format("unit {}: aged_65_plus {:.0f} exceeds its population {:.0f}", u.code,
                          u.vulnerable, u.population));
    u.shape = detail::unit_shape(OGR_F_GetGeometryRef(f), at, u.code);
    return u;
  });
  if (units.empty()) throw_input_error(source, "layer 'admin_units' holds no unit");
  std::map<std::string, std::size_t> seen;
  for (std::size_t k = 0; k < units.size(); ++k)
    if (!seen.emplace(units[k].code, k).second)
      throw_input_error(source,
                        fmt::format("layer 'admin_units': code {} appears twice", units[k].code));
  return units;
}

// The unit index of a point's unit_code; input error naming the feature otherwise.
class UnitIndex {
 public:
  explicit UnitIndex(const std::vector<AdminUnit>& units) {
    for (std::size_t k = 0; k < units.size(); ++k) index_[units[k].code] = int(k);
  }
  int operator()(const std::string& code, const std::string& at) const {
    const auto it = index_.find(code);
    if (it == index_.end())
      throw_input_error(at, fmt::format("unit_code '{}' is no unit of layer admin_units", code));
    return it->second;
  }

 private:
  std::map<std::string, int> index_;
};

std::map<std::string, std::string> read_metadata(GDALDatasetH ds, const std::string& source) {
  std::map<std::string, std::string> out;
  if (OGRLayerH l = GDALDatasetGetLayerByName(ds, registry_metadata_layer)) {
    const LayerReader r(l, source, registry_metadata_layer);
    const int i_item = r.field("item"), i_value = r.field("value");
    using Item = std::pair<std::string, std::string>;
    for (auto& [k, v] : r.read_all<Item>([&](OGRFeatureH f, const std::string&) {
           return Item{text(f, i_item), text(f, i_value)};
         }))
      out[k] = v;
    return out;
  }
  // Registries written before the metadata layer: the GeoPackage's dataset items.
  for (char** m = GDALGetMetadata(ds, nullptr); m && *m; ++m) {
    const std::string item = *m;
    const auto eq = item.find('=');
    if (eq != std::string::npos) out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

}  // namespace

Registry read_registry(const std::string& source) {
  const std::string label = detail::source_label(source);
  detail::QuietGdal quiet;
  Dataset ds{detail::open_vector_source(source, false)};
  Registry reg;
  reg.units = read_units(ds.h, label);
  const UnitIndex unit(reg.units);
  auto layer = [&](const char* name) { return GDALDatasetGetLayerByName(ds.h, name); };

  if (OGRLayerH l = layer("population_grid")) {
    const LayerReader r(l, label, "population_grid");
    const int i_people = r.field("people"), i_unit = r.field("unit_code"),
              i_cell = r.field("cell_km2");
    reg.population = r.read_all<PopulationPoint>([&](OGRFeatureH f, const std::string& at) {
      PopulationPoint p;
      p.pos = point_of(f, at);
      p.people = OGR_F_GetFieldAsInteger64(f, i_people);
      if (p.people < 0) throw_input_error(at, fmt::format("people {} < 0", p.people));
      p.unit = unit(text(f, i_unit), at);
      p.cell_km2 = OGR_F_GetFieldAsDouble(f, i_cell);
      return p;
    });
  }
  if (OGRLayerH l = layer("shelters")) {
    const LayerReader r(l, label, "shelters");
    const int i_id = r.field("id"), i_zh = r.field("name_zh"), i_en = r.field("name_en"),
              i_cap = r.field("capacity"), i_unit = r.field("unit_code");
    reg.shelters = r.read_all<Shelter>([&](OGRFeatureH f, const std::string& at) {
      Shelter s;
      s.id = text(f, i_id);
      s.name_zh = text(f, i_zh);
      s.name_en = text(f, i_en);
      s.pos = point_of(f, at);
      s.capacity = long(OGR_F_GetFieldAsInteger64(f, i_cap));
      s.unit_code = text(f, i_unit);
      unit(s.unit_code, at);
      return s;
    });
  }
  if (OGRLayerH l = layer("enterprises")) {
    const LayerReader r(l, label, "enterprises");
    const int i_id = r.field("id"), i_name = r.field("name"), i_emp = r.field("employees"),
              i_hazmat = r.field("hazmat"), i_unit = r.field("unit_code");
    reg.enterprises = r.read_all<Enterprise>([&](OGRFeatureH f, const std::string& at) {
      Enterprise e;
      e.id = text(f, i_id);
      e.name = text(f, i_name);
      e.pos = point_of(f, at);
      e.employees = long(OGR_F_GetFieldAsInteger64(f, i_emp));
      e.hazmat = OGR_F_GetFieldAsInteger(f, i_hazmat) != 0;
      e.unit_code = text(f, i_unit);
      unit(e.unit_code, at);
      return e;
    });
  }
  if (OGRLayerH l = layer("critical_facilities")) {
    const LayerReader r(l, label, "critical_facilities");
    const int i_id = r.field("id"), i_zh = r.field("name_zh"), i_en = r.field("name_en"),
              i_kind = r.field("kind"), i_unit = r.field("unit_code");
    reg.facilities = r.read_all<Facility>([&](OGRFeatureH f, const std::string& at) {
      Facility x;
      x.id = text(f, i_id);
      x.name_zh = text(f, i_zh);
      x.name_en = text(f, i_en);
      x.kind = text(f, i_kind);
      x.pos = point_of(f, at);
      x.unit_code = text(f, i_unit);
      unit(x.unit_code, at);
      return x;
    });
  }
  reg.metadata = read_metadata(ds.h, label);
  return reg;
}

std::map<std::string, std::string> read_registry_metadata(const std::string& source) {
  detail::QuietGdal quiet;
  Dataset ds{detail::open_vector_source(source, false)};
  return read_metadata(ds.h, detail::source_label(source));
}

bool registry_is_connection(const std::string& source) {
  return detail::is_postgres(source);
}

std::string registry_source_label(const std::string& source) {
  return detail::source_label(source);
}

std::vector<AdminUnit> read_registry_units(const std::string& source) {
  detail::QuietGdal quiet;
  Dataset ds{detail::open_vector_source(source, false)};
  std::vector<AdminUnit> units = read_units(ds.h, detail::source_label(source));
  std::erase_if(units, [](const AdminUnit& u) { return u.level != "county"; });
  if (units.empty())
    throw_input_error(detail::source_label(source),
                      "layer 'admin_units' holds no unit of level 'county'");
  return units;
}

}  // namespace taifeng::warnings
