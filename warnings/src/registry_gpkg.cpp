#include "taifeng/warnings/registry_gpkg.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <utility>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

#include "gdal_util.hpp"

namespace taifeng::warnings {
namespace {

namespace fs = std::filesystem;
using detail::Dataset;
using detail::gdal_fail;

OGRLayerH make_layer(GDALDatasetH ds, const char* name, OGRwkbGeometryType type,
                     CSLConstList options, const std::string& where) {
  OGRSpatialReferenceH srs = nullptr;
  if (type != wkbNone) {
    srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4326);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);  // x = lon, y = lat
  }
  OGRLayerH layer = GDALDatasetCreateLayer(ds, name, srs, type, const_cast<char**>(options));
  if (srs) OSRDestroySpatialReference(srs);
  if (!layer) gdal_fail(where, fmt::format("cannot create layer '{}'", name));
  return layer;
}

void add_field(OGRLayerH layer, const char* name, OGRFieldType type, const std::string& where) {
  OGRFieldDefnH f = OGR_Fld_Create(name, type);
  const OGRErr e = OGR_L_CreateField(layer, f, TRUE);
  OGR_Fld_Destroy(f);
  if (e != OGRERR_NONE) gdal_fail(where, fmt::format("cannot create field '{}'", name));
}

// A feature of `layer` under construction; its fields are set by name.
class NewFeature {
 public:
  explicit NewFeature(OGRLayerH layer)
      : layer_(layer), f_(OGR_F_Create(OGR_L_GetLayerDefn(layer))) {}
  NewFeature& set(const char* field, const std::string& v) {
    OGR_F_SetFieldString(f_.h, index(field), v.c_str());
    return *this;
  }
  NewFeature& set(const char* field, long long v) {
    OGR_F_SetFieldInteger64(f_.h, index(field), GIntBig(v));
    return *this;
  }
  NewFeature& set(const char* field, double v) {
    OGR_F_SetFieldDouble(f_.h, index(field), v);
    return *this;
  }
  NewFeature& set_null(const char* field) {
    OGR_F_SetFieldNull(f_.h, index(field));
    return *this;
  }
  NewFeature& point(LonLat p) {
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(pt, 0, p.lon, p.lat);
    OGR_F_SetGeometryDirectly(f_.h, pt);
    return *this;
  }
  NewFeature& geometry(OGRGeometryH g) {
    OGR_F_SetGeometryDirectly(f_.h, g);
    return *this;
  }
  void write(const std::string& where) {
    if (OGR_L_CreateFeature(layer_, f_.h) != OGRERR_NONE)
      gdal_fail(where, fmt::format("cannot write a feature of layer '{}'", OGR_L_GetName(layer_)));
  }

 private:
  int index(const char* field) const {
    const int i = OGR_F_GetFieldIndex(f_.h, field);
    TAIFENG_CHECK(i >= 0, field);
    return i;
  }
  OGRLayerH layer_;
  detail::Feature f_;
};

OGRGeometryH ring_geometry(const Ring& ring) {
  OGRGeometryH r = OGR_G_CreateGeometry(wkbLinearRing);
  for (const LonLat& p : ring) OGR_G_AddPoint_2D(r, p.lon, p.lat);
  if (!ring.empty() && (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat))
    OGR_G_AddPoint_2D(r, ring.front().lon, ring.front().lat);  // closed, as OGC requires
  return r;
}

OGRGeometryH multipolygon_geometry(const MultiPolygon& shape) {
  OGRGeometryH mp = OGR_G_CreateGeometry(wkbMultiPolygon);
  for (const Polygon& p : shape) {
    OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_AddGeometryDirectly(poly, ring_geometry(p.outer));
    for (const Ring& hole : p.holes) OGR_G_AddGeometryDirectly(poly, ring_geometry(hole));
    OGR_G_AddGeometryDirectly(mp, poly);
  }
  return mp;
}

// Every layer of the content into `ds` (inside the caller's transaction).
void write_layers(GDALDatasetH ds, const RegistryContent& c, CSLConstList options,
                  const std::string& where) {
  const std::vector<AdminUnit>& units = c.units;
  OGRLayerH ul = make_layer(ds, "admin_units", wkbMultiPolygon, options, where);
  for (const char* n : {"code", "name_zh", "name_en", "level"}) add_field(ul, n, OFTString, where);
  add_field(ul, "population", OFTInteger64, where);
  add_field(ul, "aged_65_plus", OFTInteger64, where);
  add_field(ul, "center_lon", OFTReal, where);
  add_field(ul, "center_lat", OFTReal, where);
  for (const AdminUnit& u : units) {
    NewFeature f(ul);
    f.set("code", u.code).set("name_zh", u.name_zh).set("name_en", u.name_en);
    f.set("level", u.level).set("population", static_cast<long long>(u.population));
    if (u.vulnerable >= 0)
      f.set("aged_65_plus", static_cast<long long>(u.vulnerable));
    else
      f.set_null("aged_65_plus");
    f.set("center_lon", u.center.lon).set("center_lat", u.center.lat);
    f.geometry(multipolygon_geometry(u.shape)).write(where);
  }

  const PopulationGrid& pop = c.population;
  OGRLayerH gl = make_layer(ds, "population_grid", wkbPoint, options, where);
  add_field(gl, "people", OFTInteger64, where);
  add_field(gl, "unit_code", OFTString, where);
  add_field(gl, "cell_km2", OFTReal, where);
  const Grid& g = pop.grid;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      const std::size_t k = g.index(i, j);
      if (pop.people[k] == 0) continue;  // only populated points: the layer stays small
      NewFeature f(gl);
      f.set("people", static_cast<long long>(pop.people[k]));
      f.set("unit_code", units[std::size_t(pop.unit[k])].code);
      f.set("cell_km2", g.cell_area_km2(j)).point({g.lon(i), g.lat(j)}).write(where);
    }

  if (!c.shelters.empty()) {
    OGRLayerH sl = make_layer(ds, "shelters", wkbPoint, options, where);
    for (const char* n : {"id", "name_zh", "name_en"}) add_field(sl, n, OFTString, where);
    add_field(sl, "capacity", OFTInteger64, where);
    add_field(sl, "unit_code", OFTString, where);
    for (const Shelter& x : c.shelters) {
      NewFeature f(sl);
      f.set("id", x.id).set("name_zh", x.name_zh).set("name_en", x.name_en);
      f.set("capacity", static_cast<long long>(x.capacity)).set("unit_code", x.unit_code);
      f.point(x.pos).write(where);
    }
  }
  if (!c.enterprises.empty()) {
    OGRLayerH el = make_layer(ds, "enterprises", wkbPoint, options, where);
    add_field(el, "id", OFTString, where);
    add_field(el, "name", OFTString, where);
    add_field(el, "employees", OFTInteger64, where);
    add_field(el, "hazmat", OFTInteger, where);
    add_field(el, "unit_code", OFTString, where);
    for (const Enterprise& x : c.enterprises) {
      NewFeature f(el);
      f.set("id", x.id).set("name", x.name).set("employees", static_cast<long long>(x.employees));
      f.set("hazmat", x.hazmat ? 1LL : 0LL).set("unit_code", x.unit_code);
      f.point(x.pos).write(where);
    }
  }
  if (!c.facilities.empty()) {
    OGRLayerH fl = make_layer(ds, "critical_facilities", wkbPoint, options, where);
    for (const char* n : {"id", "name_zh", "name_en", "kind", "unit_code"})
      add_field(fl, n, OFTString, where);
    for (const Facility& x : c.facilities) {
      NewFeature f(fl);
      f.set("id", x.id).set("name_zh", x.name_zh).set("name_en", x.name_en);
      f.set("kind", x.kind).set("unit_code", x.unit_code).point(x.pos).write(where);
    }
  }

  OGRLayerH ml = make_layer(ds, registry_metadata_layer, wkbNone, options, where);
  add_field(ml, "item", OFTString, where);
  add_field(ml, "value", OFTString, where);
  for (const auto& [k, v] : c.metadata) NewFeature(ml).set("item", k).set("value", v).write(where);
}

}  // namespace

void write_registry_gpkg(const fs::path& out, const RegistryContent& content) {
  GDALAllRegister();
  const std::string where = out.string();
  GDALDriverH drv = GDALGetDriverByName("GPKG");
  if (!drv) throw_input_error(where, "GDAL has no GPKG driver");
  const fs::path tmp = out.string() + ".tmp.gpkg";
  std::error_code ec;
  fs::remove(tmp, ec);
  try {
    detail::QuietGdal quiet;
    Dataset ds{GDALCreate(drv, tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr)};
    if (!ds.h) gdal_fail(where, "cannot create the GeoPackage");
    // Also as dataset metadata, which QGIS and gdalinfo show.
    for (const auto& [k, v] : content.metadata)
      GDALSetMetadataItem(ds.h, k.c_str(), v.c_str(), nullptr);
    GDALDatasetStartTransaction(ds.h, FALSE);
    write_layers(ds.h, content, nullptr, where);
    if (GDALDatasetCommitTransaction(ds.h) != OGRERR_NONE) gdal_fail(where, "cannot commit");
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  fs::rename(tmp, out);
}

void write_registry_postgis(const std::string& connection, const RegistryContent& content) {
  const std::string where = detail::source_label(connection);
  if (!detail::is_postgres(connection))
    throw_input_error(where, "expected a PostgreSQL connection string \"PG:…\"");
  detail::QuietGdal quiet;
  Dataset ds{detail::open_vector_source(connection, true)};
  if (std::string(GDALGetDriverShortName(GDALGetDatasetDriver(ds.h))) != "PostgreSQL")
    throw_input_error(where, "is not opened by GDAL's PostgreSQL driver");
  // Without PostGIS, GDAL would store geometries as plain bytea no GIS client shows.
  OGRLayerH probe = GDALDatasetExecuteSQL(ds.h, "SELECT postgis_version()", nullptr, nullptr);
  if (!probe)
    throw_input_error(where,
                      "the database has no PostGIS; run 'CREATE EXTENSION postgis' in it first");
  GDALDatasetReleaseResultSet(ds.h, probe);
  if (GDALDatasetStartTransaction(ds.h, FALSE) != OGRERR_NONE)
    gdal_fail(where, "cannot start a transaction");
  try {
    // An optional layer this content lacks is dropped: no layer of an earlier build stays.
    const std::pair<const char*, bool> optional[] = {
        {"shelters", content.shelters.empty()},
        {"enterprises", content.enterprises.empty()},
        {"critical_facilities", content.facilities.empty()}};
    for (const auto& [name, absent] : optional)
      for (int n = 0; absent && n < GDALDatasetGetLayerCount(ds.h); ++n)
        if (std::string(OGR_L_GetName(GDALDatasetGetLayer(ds.h, n))) == name) {
          if (GDALDatasetDeleteLayer(ds.h, n) != OGRERR_NONE)
            gdal_fail(where, fmt::format("cannot drop the old layer '{}'", name));
          break;
        }
    // Same geometry and key column names as a GeoPackage (and as ogr2ogr loads it).
    const char* options[] = {"OVERWRITE=YES", "GEOMETRY_NAME=geom", "FID=fid", nullptr};
    write_layers(ds.h, content, options, where);
    if (GDALDatasetCommitTransaction(ds.h) != OGRERR_NONE) gdal_fail(where, "cannot commit");
  } catch (...) {
    GDALDatasetRollbackTransaction(ds.h);
    throw;
  }
}

void write_registry(const std::string& target, const RegistryContent& content) {
  if (detail::is_postgres(target))
    write_registry_postgis(target, content);
  else
    write_registry_gpkg(target, content);
}

std::vector<RegistryLayerInfo> inspect_registry(const std::string& source) {
  detail::QuietGdal quiet;
  Dataset ds{detail::open_vector_source(source, false)};
  std::vector<RegistryLayerInfo> out;
  for (int n = 0; n < GDALDatasetGetLayerCount(ds.h); ++n) {
    OGRLayerH l = GDALDatasetGetLayer(ds.h, n);
    RegistryLayerInfo info;
    info.name = OGR_L_GetName(l);
    if (info.name == registry_metadata_layer) continue;
    info.geometry = OGRGeometryTypeToName(OGR_L_GetGeomType(l));
    info.features = OGR_L_GetFeatureCount(l, TRUE);
    OGRFeatureDefnH def = OGR_L_GetLayerDefn(l);
    int field = OGR_FD_GetFieldIndex(def, "population");
    if (field < 0) field = OGR_FD_GetFieldIndex(def, "people");
    if (field >= 0) {
      double sum = 0;
      OGR_L_ResetReading(l);
      while (OGRFeatureH f = OGR_L_GetNextFeature(l)) {
        sum += OGR_F_GetFieldAsDouble(f, field);
        OGR_F_Destroy(f);
      }
      info.population = sum;
    }
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace taifeng::warnings
