// Vector layers through GDAL/OGR's C API.
#include "taifeng/forcing/vector_layer.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::forcing {

namespace {

void register_gdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

// Keeps GDAL from printing to stderr while we turn its errors into taifeng errors.
class QuietGdal {
 public:
  QuietGdal() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietGdal() { CPLPopErrorHandler(); }
  QuietGdal(const QuietGdal&) = delete;
  QuietGdal& operator=(const QuietGdal&) = delete;
  static std::string last_message() {
    const char* msg = CPLGetLastErrorMsg();
    return (msg && *msg) ? std::string(msg) : std::string("no details");
  }
};

struct DatasetCloser {
  void operator()(void* ds) const { GDALClose(ds); }
};
struct FeatureDestroyer {
  void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};
struct SrsDestroyer {
  void operator()(OGRSpatialReferenceH s) const { OSRDestroySpatialReference(s); }
};
struct TransformDestroyer {
  void operator()(OGRCoordinateTransformationH t) const { OCTDestroyCoordinateTransformation(t); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;
using Feature = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer>;
using Srs = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDestroyer>;
using Transform =
    std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, TransformDestroyer>;

Dataset open_vector(const std::string& path) {
  register_gdal();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw_input_error(path,
                      "no such file; expected a vector dataset (GeoJSON, ESRI Shapefile, "
                      "GeoPackage, ...)");
  QuietGdal quiet;
  Dataset ds(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds)
    throw_input_error(path, fmt::format("not a vector dataset GDAL can read (GDAL: {}); expected "
                                        "GeoJSON, ESRI Shapefile, GeoPackage, ...",
                                        QuietGdal::last_message()));
  if (GDALDatasetGetLayerCount(ds.get()) <= 0)
    throw_input_error(path, "vector dataset has no layers");
  return ds;
}

std::vector<std::string> layer_names(GDALDatasetH ds) {
  std::vector<std::string> names;
  const int n = GDALDatasetGetLayerCount(ds);
  for (int i = 0; i < n; ++i) names.emplace_back(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
  return names;
}

std::vector<LonLat> coordinates(OGRGeometryH g) {
  const int n = OGR_G_GetPointCount(g);
  std::vector<LonLat> out;
  out.reserve(std::size_t(n > 0 ? n : 0));
  for (int i = 0; i < n; ++i) out.push_back({OGR_G_GetX(g, i), OGR_G_GetY(g, i)});
  return out;
}

Polygon polygon(OGRGeometryH g) {
  Polygon p;
  const int n = OGR_G_GetGeometryCount(g);
  for (int r = 0; r < n; ++r) {
    Ring ring = coordinates(OGR_G_GetGeometryRef(g, r));
    if (r == 0)
      p.outer = std::move(ring);
    else
      p.holes.push_back(std::move(ring));
  }
  return p;
}

// Appends geometry g (already in lon/lat) to the feature; false if its type is unsupported.
bool add_geometry(OGRGeometryH g, VectorLayer::Feature& f) {
  if (OGR_G_IsEmpty(g)) return true;
  switch (wkbFlatten(OGR_G_GetGeometryType(g))) {
    case wkbPoint:
      f.points.push_back({OGR_G_GetX(g, 0), OGR_G_GetY(g, 0)});
      return true;
    case wkbLineString:
      f.lines.push_back(coordinates(g));
      return true;
    case wkbPolygon:
      f.polygons.push_back(polygon(g));
      return true;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
      for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i)
        if (!add_geometry(OGR_G_GetGeometryRef(g, i), f)) return false;
      return true;
    default:
      return false;
  }
}

Srs wgs84_lonlat() {
  Srs srs(OSRNewSpatialReference(nullptr));
  if (!srs || OSRImportFromEPSG(srs.get(), 4326) != OGRERR_NONE)
    throw_internal_error("GDAL/PROJ", "cannot create the EPSG:4326 CRS (is proj.db installed?)");
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

}  // namespace

std::vector<std::string> list_vector_layers(const std::filesystem::path& file) {
  const Dataset ds = open_vector(file.string());
  return layer_names(ds.get());
}

VectorLayer read_vector_layer(const std::filesystem::path& file, const std::string& layer) {
  const std::string path = file.string();
  const Dataset ds = open_vector(path);

  OGRLayerH lyr = nullptr;
  if (layer.empty()) {
    lyr = GDALDatasetGetLayer(ds.get(), 0);
  } else {
    lyr = GDALDatasetGetLayerByName(ds.get(), layer.c_str());
    if (!lyr) {
      std::string list;
      for (const auto& name : layer_names(ds.get()))
        list += (list.empty() ? "'" : ", '") + name + "'";
      throw_input_error(path, fmt::format("no layer '{}'; the dataset has layers {}", layer, list));
    }
  }

  VectorLayer out;
  out.name = OGR_L_GetName(lyr);
  const std::string where_layer = fmt::format("{}:{}", path, out.name);

  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
  const int n_fields = OGR_FD_GetFieldCount(defn);
  for (int i = 0; i < n_fields; ++i)
    out.fields.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));

  Transform to_lonlat;
  if (OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef(lyr)) {
    char* wkt = nullptr;
    const char* const wkt_options[] = {"FORMAT=WKT2_2019", nullptr};
    if (OSRExportToWktEx(layer_srs, &wkt, wkt_options) == OGRERR_NONE && wkt) out.crs_wkt = wkt;
    CPLFree(wkt);

    Srs source(OSRClone(layer_srs));
    OSRSetAxisMappingStrategy(source.get(), OAMS_TRADITIONAL_GIS_ORDER);
    const Srs target = wgs84_lonlat();
    if (!OSRIsSame(source.get(), target.get())) {
      QuietGdal quiet;
      to_lonlat.reset(OCTNewCoordinateTransformation(source.get(), target.get()));
      if (!to_lonlat)
        throw_input_error(where_layer,
                          fmt::format("cannot transform the layer CRS '{}' to WGS84 lon/lat "
                                      "(GDAL: {})",
                                      OSRGetName(source.get()) ? OSRGetName(source.get()) : "?",
                                      QuietGdal::last_message()));
    }
  }

  OGR_L_ResetReading(lyr);
  long index = 0;
  while (true) {
    Feature feat;
    {
      QuietGdal quiet;
      feat.reset(OGR_L_GetNextFeature(lyr));
      if (!feat && CPLGetLastErrorType() >= CE_Failure)
        throw_input_error(where_layer, fmt::format("cannot read feature #{} (GDAL: {})", index,
                                                   QuietGdal::last_message()));
    }
    if (!feat) break;
    const auto where_feature = [&] {
      return fmt::format("{}:feature {} (FID {})", where_layer, index, OGR_F_GetFID(feat.get()));
    };

    VectorLayer::Feature f;
    for (int i = 0; i < n_fields; ++i)
      if (OGR_F_IsFieldSetAndNotNull(feat.get(), i))
        f.attributes.emplace(out.fields[std::size_t(i)], OGR_F_GetFieldAsString(feat.get(), i));

    if (OGRGeometryH g = OGR_F_GetGeometryRef(feat.get())) {
      if (to_lonlat) {
        QuietGdal quiet;
        if (OGR_G_Transform(g, to_lonlat.get()) != OGRERR_NONE)
          throw_input_error(where_feature(),
                            fmt::format("cannot transform the geometry to WGS84 lon/lat (GDAL: {})",
                                        QuietGdal::last_message()));
      }
      if (!add_geometry(g, f))
        throw_input_error(where_feature(),
                          fmt::format("unsupported geometry type {}; expected Polygon, "
                                      "MultiPolygon, LineString, MultiLineString, Point or "
                                      "MultiPoint",
                                      OGRGeometryTypeToName(OGR_G_GetGeometryType(g))));
    }
    out.features.push_back(std::move(f));
    ++index;
  }
  return out;
}

}  // namespace taifeng::forcing
