#pragma once
// GDAL/OGR helpers shared by the registry readers and writers (private to taifeng_warnings):
// owning handles, one-line error messages without passwords, unit geometries.
#include <string>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include "taifeng/core/polygon.hpp"

namespace taifeng::warnings::detail {

// Closes (and thus flushes) a dataset when it leaves scope.
struct Dataset {
  GDALDatasetH h = nullptr;
  explicit Dataset(GDALDatasetH ds) : h(ds) {}
  ~Dataset() {
    if (h) GDALClose(h);
  }
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;
};

struct Feature {
  OGRFeatureH h = nullptr;
  explicit Feature(OGRFeatureH f) : h(f) {}
  ~Feature() {
    if (h) OGR_F_Destroy(h);
  }
  Feature(const Feature&) = delete;
  Feature& operator=(const Feature&) = delete;
};

// Keeps GDAL from printing to stderr while its errors become taifeng errors. Declared before
// a Dataset, it also covers the closing (a database flushes then).
class QuietGdal {
 public:
  QuietGdal() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietGdal() { CPLPopErrorHandler(); }
  QuietGdal(const QuietGdal&) = delete;
  QuietGdal& operator=(const QuietGdal&) = delete;
};

// True for a PostgreSQL connection string ("PG:…").
bool is_postgres(const std::string& source);

// The source as it may appear in messages: a connection string with its password hidden.
std::string source_label(const std::string& source);

// GDAL's last error message on one line (libpq's are several), "no details" if none.
std::string gdal_message();

// Input error naming `where`: "<what>: <GDAL's last message>".
[[noreturn]] void gdal_fail(const std::string& where, const std::string& what);

// Opens a registry source (GeoPackage file, "PG:…" connection) as vector data; an input
// error naming the source (a missing file, an unreachable server) otherwise.
GDALDatasetH open_vector_source(const std::string& source, bool update);

// The (Multi)Polygon of a unit's feature; input error naming `at` otherwise.
MultiPolygon unit_shape(OGRGeometryH g, const std::string& at, const std::string& code);

}  // namespace taifeng::warnings::detail
