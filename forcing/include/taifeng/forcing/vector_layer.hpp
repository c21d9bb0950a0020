#pragma once
// Vector layers (GeoJSON, ESRI Shapefile, GeoPackage, or any other OGR vector format)
// read through GDAL into plain lon/lat geometry.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/polygon.hpp"

namespace taifeng::forcing {

struct VectorLayer {
  std::string name;                 // layer name in the dataset
  std::vector<std::string> fields;  // attribute field names, in layer order
  struct Feature {
    // Field name -> value as text (GDAL's string form: integers "460100", lists
    // "(2:1,2)"); null or unset fields are left out.
    std::map<std::string, std::string> attributes;
    taifeng::MultiPolygon polygons;          // Polygon and MultiPolygon geometries
    std::vector<std::vector<LonLat>> lines;  // LineString and MultiLineString
    std::vector<LonLat> points;              // Point and MultiPoint
  };
  std::vector<Feature> features;  // in layer order; a feature without geometry is empty
  std::string crs_wkt;            // CRS of the source layer (WKT2), empty if it has none
};

// Reads one layer (default: the first) of a vector dataset. Coordinates are WGS84
// longitude/latitude degrees (x = lon): a layer with another CRS is reprojected, a layer
// without CRS is taken as lon/lat already. Z and M values are dropped. Input errors name
// the file and the layer/feature: missing file, not a vector dataset, unknown layer name
// (the message lists the available layers), CRS that cannot be transformed, and
// geometries other than (Multi)Polygon, (Multi)LineString and (Multi)Point.
VectorLayer read_vector_layer(const std::filesystem::path& file, const std::string& layer = "");

// Names of the layers of a vector dataset (same errors as read_vector_layer).
std::vector<std::string> list_vector_layers(const std::filesystem::path& file);

}  // namespace taifeng::forcing
