#include "taifeng/warnings/registry_gpkg.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::warnings {
namespace {

namespace fs = std::filesystem;

// Closes (and thus flushes) the dataset when it leaves scope.
struct Dataset {
  GDALDatasetH h = nullptr;
  ~Dataset() {
    if (h) GDALClose(h);
  }
};

[[noreturn]] void gdal_fail(const std::string& where, const std::string& what) {
  throw_input_error(where, fmt::format("{}: {}", what, CPLGetLastErrorMsg()));
}

OGRLayerH make_layer(GDALDatasetH ds, const char* name, OGRwkbGeometryType type,
                     const std::string& where) {
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(srs, 4326);
  OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);  // x = lon, y = lat
  OGRLayerH layer = GDALDatasetCreateLayer(ds, name, srs, type, nullptr);
  OSRDestroySpatialReference(srs);
  if (!layer) gdal_fail(where, fmt::format("cannot create layer '{}'", name));
  return layer;
}

void add_field(OGRLayerH layer, const char* name, OGRFieldType type, const std::string& where) {
  OGRFieldDefnH f = OGR_Fld_Create(name, type);
  const OGRErr e = OGR_L_CreateField(layer, f, TRUE);
  OGR_Fld_Destroy(f);
  if (e != OGRERR_NONE) gdal_fail(where, fmt::format("cannot create field '{}'", name));
}

OGRGeometryH ring_geometry(const Ring& ring) {
  OGRGeometryH r = OGR_G_CreateGeometry(wkbLinearRing);
  for (const LonLat& p : ring) OGR_G_AddPoint_2D(r, p.lon, p.lat);
  if (!ring.empty() && (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat))
    OGR_G_AddPoint_2D(r, ring.front().lon, ring.front().lat);  // closed, as OGC requires
  return r;
}

void create(OGRLayerH layer, OGRFeatureH f, const std::string& where) {
  if (OGR_L_CreateFeature(layer, f) != OGRERR_NONE) {
    OGR_F_Destroy(f);
    gdal_fail(where, "cannot write a feature");
  }
  OGR_F_Destroy(f);
}

}  // namespace

void write_registry_gpkg(const fs::path& out, const RegistryContent& content) {
  const std::vector<AdminUnit>& units = content.units;
  const PopulationGrid& pop = content.population;
  const std::map<std::string, std::string>& metadata = content.metadata;
  GDALAllRegister();
  const std::string where = out.string();
  GDALDriverH drv = GDALGetDriverByName("GPKG");
  if (!drv) throw_input_error(where, "GDAL has no GPKG driver");
  const fs::path tmp = out.string() + ".tmp.gpkg";
  std::error_code ec;
  fs::remove(tmp, ec);
  try {
    Dataset ds{GDALCreate(drv, tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr)};
    if (!ds.h) gdal_fail(where, "cannot create the GeoPackage");
    for (const auto& [k, v] : metadata) GDALSetMetadataItem(ds.h, k.c_str(), v.c_str(), nullptr);
    GDALDatasetStartTransaction(ds.h, FALSE);
    auto point = [](double lon, double lat) {
      OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
      OGR_G_SetPoint_2D(pt, 0, lon, lat);
      return pt;
    };

    OGRLayerH ul = make_layer(ds.h, "admin_units", wkbMultiPolygon, where);
    add_field(ul, "code", OFTString, where);
    add_field(ul, "name_zh", OFTString, where);
    add_field(ul, "name_en", OFTString, where);
    add_field(ul, "population", OFTInteger64, where);
    add_field(ul, "center_lon", OFTReal, where);
    add_field(ul, "center_lat", OFTReal, where);
    for (const AdminUnit& u : units) {
      OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(ul));
      OGR_F_SetFieldString(f, 0, u.code.c_str());
      OGR_F_SetFieldString(f, 1, u.name_zh.c_str());
      OGR_F_SetFieldString(f, 2, u.name_en.c_str());
      OGR_F_SetFieldInteger64(f, 3, GIntBig(u.population));
      OGR_F_SetFieldDouble(f, 4, u.center.lon);
      OGR_F_SetFieldDouble(f, 5, u.center.lat);
      OGRGeometryH mp = OGR_G_CreateGeometry(wkbMultiPolygon);
      for (const Polygon& p : u.shape) {
        OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);
        OGR_G_AddGeometryDirectly(poly, ring_geometry(p.outer));
        for (const Ring& hole : p.holes) OGR_G_AddGeometryDirectly(poly, ring_geometry(hole));
        OGR_G_AddGeometryDirectly(mp, poly);
      }
      OGR_F_SetGeometryDirectly(f, mp);
      create(ul, f, where);
    }

    OGRLayerH gl = make_layer(ds.h, "population_grid", wkbPoint, where);
    add_field(gl, "people", OFTInteger64, where);
    add_field(gl, "unit_code", OFTString, where);
    add_field(gl, "cell_km2", OFTReal, where);
    const Grid& g = pop.grid;
    for (std::size_t j = 0; j < g.nlat; ++j)
      for (std::size_t i = 0; i < g.nlon; ++i) {
        const std::size_t k = g.index(i, j);
        if (pop.people[k] == 0) continue;  // only populated points: the layer stays small
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(gl));
        OGR_F_SetFieldInteger64(f, 0, GIntBig(pop.people[k]));
        OGR_F_SetFieldString(f, 1, units[std::size_t(pop.unit[k])].code.c_str());
        OGR_F_SetFieldDouble(f, 2, g.cell_area_km2(j));
        OGR_F_SetGeometryDirectly(f, point(g.lon(i), g.lat(j)));
        create(gl, f, where);
      }
    if (!content.shelters.empty()) {
      OGRLayerH sl = make_layer(ds.h, "shelters", wkbPoint, where);
      for (const char* n : {"id", "name_zh", "name_en"}) add_field(sl, n, OFTString, where);
      add_field(sl, "capacity", OFTInteger64, where);
      add_field(sl, "unit_code", OFTString, where);
      for (const Shelter& x : content.shelters) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(sl));
        OGR_F_SetFieldString(f, 0, x.id.c_str());
        OGR_F_SetFieldString(f, 1, x.name_zh.c_str());
        OGR_F_SetFieldString(f, 2, x.name_en.c_str());
        OGR_F_SetFieldInteger64(f, 3, GIntBig(x.capacity));
        OGR_F_SetFieldString(f, 4, x.unit_code.c_str());
        OGR_F_SetGeometryDirectly(f, point(x.pos.lon, x.pos.lat));
        create(sl, f, where);
      }
    }
    if (!content.enterprises.empty()) {
      OGRLayerH el = make_layer(ds.h, "enterprises", wkbPoint, where);
      add_field(el, "id", OFTString, where);
      add_field(el, "name", OFTString, where);
      add_field(el, "employees", OFTInteger64, where);
      add_field(el, "hazmat", OFTInteger, where);
      add_field(el, "unit_code", OFTString, where);
      for (const Enterprise& x : content.enterprises) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(el));
        OGR_F_SetFieldString(f, 0, x.id.c_str());
        OGR_F_SetFieldString(f, 1, x.name.c_str());
        OGR_F_SetFieldInteger64(f, 2, GIntBig(x.employees));
        OGR_F_SetFieldInteger(f, 3, x.hazmat ? 1 : 0);
        OGR_F_SetFieldString(f, 4, x.unit_code.c_str());
        OGR_F_SetGeometryDirectly(f, point(x.pos.lon, x.pos.lat));
        create(el, f, where);
      }
    }
    if (GDALDatasetCommitTransaction(ds.h) != OGRERR_NONE) gdal_fail(where, "cannot commit");
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  fs::rename(tmp, out);
}

std::vector<RegistryLayerInfo> inspect_registry(const std::string& source) {
  GDALAllRegister();
  Dataset ds{
      GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)};
  if (!ds.h) gdal_fail(source, "cannot open as vector data (GeoPackage, PostGIS, …)");
  std::vector<RegistryLayerInfo> out;
  for (int n = 0; n < GDALDatasetGetLayerCount(ds.h); ++n) {
    OGRLayerH l = GDALDatasetGetLayer(ds.h, n);
    RegistryLayerInfo info;
    info.name = OGR_L_GetName(l);
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
