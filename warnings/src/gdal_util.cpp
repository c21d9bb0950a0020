#include "gdal_util.hpp"

#include <filesystem>
#include <regex>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::warnings::detail {
namespace {

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

}  // namespace

bool is_postgres(const std::string& source) {
  return source.rfind("PG:", 0) == 0;
}

std::string source_label(const std::string& source) {
  if (!is_postgres(source)) return source;
  // libpq keyword/value form: password=secret or password='se cret'.
  static const std::regex password(R"(password\s*=\s*('([^'\\]|\\.)*'|\S+))", std::regex::icase);
  std::string s = std::regex_replace(source, password, "password=***");
  // URI form: postgresql://user:secret@host/db.
  static const std::regex uri_password(R"((://[^:/@\s]*):[^@\s]*@)");
  return std::regex_replace(s, uri_password, "$1:***@");
}

std::string gdal_message() {
  const char* msg = CPLGetLastErrorMsg();
  std::string s = (msg && *msg) ? std::string(msg) : std::string("no details");
  std::string out;
  bool blank = false;
  for (char c : s) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

void gdal_fail(const std::string& where, const std::string& what) {
  throw_input_error(where, fmt::format("{}: {}", what, gdal_message()));
}

GDALDatasetH open_vector_source(const std::string& source, bool update) {
  GDALAllRegister();
  const std::string label = source_label(source);
  std::error_code ec;
  if (!is_postgres(source) && !std::filesystem::exists(source, ec))
    throw_input_error(label, "no such file; expected a registry GeoPackage or a \"PG:…\" string");
  QuietGdal quiet;
  const unsigned flags = GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
  GDALDatasetH ds = GDALOpenEx(source.c_str(), flags, nullptr, nullptr, nullptr);
  if (!ds)
    gdal_fail(label, is_postgres(source)
                         ? "cannot connect to the PostgreSQL database"
                         : "cannot be opened as vector data (GeoPackage, any GDAL vector format)");
  return ds;
}

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

}  // namespace taifeng::warnings::detail
