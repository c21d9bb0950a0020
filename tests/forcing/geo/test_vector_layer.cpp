// Tests of the GDAL vector layer reader (forcing/geo/vector_layer): the Hainan county
// GeoJSON of data/hainan, copies written with ogr2ogr (Shapefile, GeoPackage, EPSG:3857),
// hand-written GeoJSON with every supported geometry type, and the error paths.
#include "taifeng/forcing/vector_layer.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/polygon.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;
using Catch::Matchers::Contains;

namespace {

const std::string counties_geojson = TAIFENG_DATA_DIR "/hainan/counties_datav.geojson";

fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "vector_layer";
  fs::create_directories(dir);
  return dir;
}

bool have_ogr2ogr() {
  return std::system("command -v ogr2ogr >/dev/null 2>&1") == 0;
}

// ogr2ogr <args> "<out>" "<in>", replacing any earlier output unless -update.
void ogr2ogr(const std::string& args, const fs::path& out, const fs::path& in) {
  std::error_code ec;
  if (args.find("-update") != std::string::npos)
    ;
  else if (out.extension() == ".shp")
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
      fs::path p = out;
      fs::remove(p.replace_extension(ext), ec);
    }
  else
    fs::remove(out, ec);
  // GDAL's notes (laundered Shapefile field names …) go to a log, shown on failure.
  const fs::path log = fs::path(out.string() + ".log");
  const std::string cmd = "ogr2ogr -q " + args + " \"" + out.string() + "\" \"" + in.string() +
                          "\" >\"" + log.string() + "\" 2>&1";
  const int status = std::system(cmd.c_str());
  std::ifstream log_in(log);
  const std::string messages((std::istreambuf_iterator<char>(log_in)),
                             std::istreambuf_iterator<char>());
  INFO(cmd << "\n" << messages);
  REQUIRE(status == 0);
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p);
  out << text;
}

bool same_point(LonLat a, LonLat b, double tol) {
  return std::abs(a.lon - b.lon) <= tol && std::abs(a.lat - b.lat) <= tol;
}

// Equal point by point, in the same or the reverse order (Shapefile rings are written
// clockwise, GeoJSON outer rings counter-clockwise).
bool same_ring(const Ring& a, const Ring& b, double tol) {
  if (a.size() != b.size()) return false;
  bool forward = true, backward = true;
  for (std::size_t i = 0; i < a.size() && (forward || backward); ++i) {
    forward = forward && same_point(a[i], b[i], tol);
    backward = backward && same_point(a[i], b[a.size() - 1 - i], tol);
  }
  return forward || backward;
}

bool same_polygon(const Polygon& a, const Polygon& b, double tol) {
  if (!same_ring(a.outer, b.outer, tol) || a.holes.size() != b.holes.size()) return false;
  for (std::size_t h = 0; h < a.holes.size(); ++h)
    if (!same_ring(a.holes[h], b.holes[h], tol)) return false;
  return true;
}

// Every polygon of a has an equal one in b (drivers may reorder the parts).
bool same_multipolygon(const MultiPolygon& a, const MultiPolygon& b, double tol) {
  if (a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (const auto& pa : a) {
    bool found = false;
    for (std::size_t k = 0; k < b.size() && !found; ++k)
      if (!used[k] && same_polygon(pa, b[k], tol)) used[k] = found = true;
    if (!found) return false;
  }
  return true;
}

std::map<std::string, const VectorLayer::Feature*> by_adcode(const VectorLayer& layer) {
  std::map<std::string, const VectorLayer::Feature*> out;
  for (const auto& f : layer.features) out[f.attributes.at("adcode")] = &f;
  return out;
}

void check_same_counties(const VectorLayer& copy, const VectorLayer& original, double tol) {
  REQUIRE(copy.features.size() == original.features.size());
  const auto a = by_adcode(original);
  const auto b = by_adcode(copy);
  REQUIRE(b.size() == a.size());
  for (const auto& [adcode, fa] : a) {
    INFO("adcode " << adcode);
    REQUIRE(b.count(adcode) == 1);
    const auto* fb = b.at(adcode);
    CHECK(fb->attributes.at("name") == fa->attributes.at("name"));
    CHECK(fb->polygons.size() == fa->polygons.size());
    CHECK(same_multipolygon(fa->polygons, fb->polygons, tol));
    CHECK(fb->lines.empty());
    CHECK(fb->points.empty());
  }
}

}  // namespace

TEST_CASE("vector layer: Hainan counties GeoJSON", "[vector_layer]") {
  const auto layer = read_vector_layer(counties_geojson);
  CHECK(layer.name == "counties_datav");
  REQUIRE(layer.features.size() == 19);
  CHECK(std::find(layer.fields.begin(), layer.fields.end(), "adcode") != layer.fields.end());
  CHECK(std::find(layer.fields.begin(), layer.fields.end(), "name") != layer.fields.end());
  CHECK_THAT(layer.crs_wkt, Contains("WGS 84"));

  std::size_t n_points = 0;
  for (const auto& f : layer.features) {
    REQUIRE(f.attributes.count("adcode") == 1);
    CHECK(f.attributes.at("adcode").size() == 6);
    CHECK(f.attributes.at("adcode").rfind("46", 0) == 0);  // Hainan province 46xxxx
    REQUIRE_FALSE(f.polygons.empty());
    CHECK(f.lines.empty());
    CHECK(f.points.empty());
    for (const auto& poly : f.polygons) {
      REQUIRE(poly.outer.size() >= 4);
      CHECK(same_point(poly.outer.front(), poly.outer.back(), 0.0));  // closed rings
      for (const auto& p : poly.outer) {
        CHECK((p.lon > 108.0 && p.lon < 118.0 && p.lat > 3.0 && p.lat < 21.0));
        ++n_points;
      }
    }
  }
  CHECK(n_points > 1000);

  // First feature: Haikou (460100), one polygon starting at 110.106525E 20.026851N.
  const auto& haikou = layer.features.front();
  CHECK(haikou.attributes.at("adcode") == "460100");
  CHECK(haikou.attributes.at("name") == "海口市");
  REQUIRE(haikou.polygons.size() == 1);
  CHECK(haikou.polygons[0].outer[0].lon == Approx(110.106525).margin(1e-9));
  CHECK(haikou.polygons[0].outer[0].lat == Approx(20.026851).margin(1e-9));
  CHECK(point_in_multipolygon(haikou.polygons, {110.33, 20.0}));
  // Sansha (460300) is the South China Sea islands: many small polygons.
  const auto counties = by_adcode(layer);
  CHECK(counties.at("460300")->polygons.size() > 50);
  CHECK(point_in_multipolygon(counties.at("460200")->polygons, {109.51, 18.25}));  // Sanya

  // Explicit layer name, and the layer list.
  CHECK(read_vector_layer(counties_geojson, "counties_datav").features.size() == 19);
  CHECK(list_vector_layers(counties_geojson) == std::vector<std::string>{"counties_datav"});
}

TEST_CASE("vector layer: Shapefile and GeoPackage copies (ogr2ogr)", "[vector_layer]") {
  if (!have_ogr2ogr()) {
    WARN("ogr2ogr (gdal-bin) not installed; Shapefile/GeoPackage round trips skipped");
    return;
  }
  const auto original = read_vector_layer(counties_geojson);
  const fs::path dir = tmp_dir();
  // Shapefiles: UTF-8 names, list fields (center, acroutes) stored as text.
  const std::string shp_options =
      "-f \"ESRI Shapefile\" -lco ENCODING=UTF-8 -mapFieldType IntegerList=String,RealList=String";

  SECTION("ESRI Shapefile") {
    const fs::path shp = dir / "counties.shp";
    ogr2ogr(shp_options, shp, counties_geojson);
    const auto copy = read_vector_layer(shp);
    CHECK(copy.name == "counties");
    CHECK_THAT(copy.crs_wkt, Contains("WGS"));
    check_same_counties(copy, original, 1e-6);
    // Without the .prj the layer has no CRS and is taken as lon/lat.
    fs::path prj = shp;
    REQUIRE(fs::remove(prj.replace_extension(".prj")));
    const auto no_crs = read_vector_layer(shp);
    CHECK(no_crs.crs_wkt.empty());
    check_same_counties(no_crs, original, 1e-6);
  }
  SECTION("GeoPackage") {
    const fs::path gpkg = dir / "counties.gpkg";
    ogr2ogr("-f GPKG -nln counties", gpkg, counties_geojson);
    const auto copy = read_vector_layer(gpkg);
    CHECK(copy.name == "counties");
    CHECK(copy.fields == original.fields);
    check_same_counties(copy, original, 1e-6);
    // All attributes survive in a GeoPackage, as text.
    for (std::size_t i = 0; i < copy.features.size(); ++i)
      CHECK(copy.features[i].attributes.at("childrenNum") ==
            original.features[i].attributes.at("childrenNum"));
  }
  SECTION("reprojected to Web Mercator (EPSG:3857) and read back as lon/lat") {
    for (const std::string ext : {".gpkg", ".shp"}) {
      const fs::path out = dir / ("counties_3857" + ext);
      ogr2ogr((ext == ".shp" ? shp_options : std::string("-f GPKG")) + " -t_srs EPSG:3857", out,
              counties_geojson);
      const auto copy = read_vector_layer(out);
      INFO(out.string());
      CHECK_THAT(copy.crs_wkt, Contains("Pseudo-Mercator"));
      check_same_counties(copy, original, 1e-5);
    }
  }
  SECTION("GeoPackage with two layers: choose by name, unknown names list the layers") {
    const fs::path gpkg = dir / "two_layers.gpkg";
    ogr2ogr("-f GPKG -nln counties", gpkg, counties_geojson);
    const fs::path pts = dir / "points.geojson";
    write_text(pts, R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"name": "Haikou"},
       "geometry": {"type": "Point", "coordinates": [110.33, 20.03]}}]})");
    ogr2ogr("-update -nln cities", gpkg, pts);
    CHECK(list_vector_layers(gpkg) == std::vector<std::string>{"counties", "cities"});
    const auto cities = read_vector_layer(gpkg, "cities");
    CHECK(cities.name == "cities");
    REQUIRE(cities.features.size() == 1);
    REQUIRE(cities.features[0].points.size() == 1);
    CHECK(cities.features[0].points[0].lon == Approx(110.33));
    CHECK(cities.features[0].points[0].lat == Approx(20.03));
    CHECK(read_vector_layer(gpkg).name == "counties");  // default: the first layer
    try {
      read_vector_layer(gpkg, "rivers");
      FAIL("unknown layer accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Contains(gpkg.string()) && Contains("no layer 'rivers'") &&
                               Contains("'counties', 'cities'"));
    }
  }
}

TEST_CASE("vector layer: every supported geometry type", "[vector_layer]") {
  const fs::path file = tmp_dir() / "geometries.geojson";
  write_text(file, R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"id": 1, "kind": "point", "note": null},
   "geometry": {"type": "Point", "coordinates": [110.0, 19.0]}},
  {"type": "Feature", "properties": {"id": 2, "kind": "multipoint"},
   "geometry": {"type": "MultiPoint", "coordinates": [[110.0, 19.0], [111.0, 20.0, 5.0]]}},
  {"type": "Feature", "properties": {"id": 3, "kind": "line"},
   "geometry": {"type": "LineString", "coordinates": [[108.0, 18.0], [109.0, 18.5], [110.0, 18.2]]}},
  {"type": "Feature", "properties": {"id": 4, "kind": "multiline"},
   "geometry": {"type": "MultiLineString", "coordinates": [[[108.0, 18.0], [109.0, 18.5]],
                                                          [[110.0, 19.0], [111.0, 19.5]]]}},
  {"type": "Feature", "properties": {"id": 5, "kind": "polygon with hole"},
   "geometry": {"type": "Polygon", "coordinates": [
     [[108.0, 18.0], [112.0, 18.0], [112.0, 21.0], [108.0, 21.0], [108.0, 18.0]],
     [[109.0, 19.0], [109.0, 20.0], [110.0, 20.0], [110.0, 19.0], [109.0, 19.0]]]}},
  {"type": "Feature", "properties": {"id": 6, "kind": "multipolygon"},
   "geometry": {"type": "MultiPolygon", "coordinates": [
     [[[108.0, 18.0], [109.0, 18.0], [109.0, 19.0], [108.0, 18.0]]],
     [[[110.0, 18.0], [111.0, 18.0], [111.0, 19.0], [110.0, 18.0]]]]}},
  {"type": "Feature", "properties": {"id": 7, "kind": "no geometry"}, "geometry": null}
]})");
  const auto layer = read_vector_layer(file);
  REQUIRE(layer.features.size() == 7);
  const auto& f = layer.features;
  CHECK(f[0].attributes.at("kind") == "point");
  CHECK(f[0].attributes.count("note") == 0);  // null attributes are left out
  CHECK(f[0].attributes.at("id") == "1");
  REQUIRE(f[0].points.size() == 1);
  CHECK(f[0].points[0].lon == 110.0);
  CHECK(f[0].points[0].lat == 19.0);

  REQUIRE(f[1].points.size() == 2);
  CHECK(f[1].points[1].lon == 111.0);
  CHECK(f[1].points[1].lat == 20.0);

  REQUIRE(f[2].lines.size() == 1);
  REQUIRE(f[2].lines[0].size() == 3);
  CHECK(f[2].lines[0][1].lon == 109.0);
  CHECK(f[2].lines[0][1].lat == 18.5);
  CHECK((f[2].points.empty() && f[2].polygons.empty()));

  REQUIRE(f[3].lines.size() == 2);
  CHECK(f[3].lines[1][0].lon == 110.0);

  REQUIRE(f[4].polygons.size() == 1);
  CHECK(f[4].polygons[0].outer.size() == 5);
  REQUIRE(f[4].polygons[0].holes.size() == 1);
  CHECK(f[4].polygons[0].holes[0][2].lon == 110.0);
  CHECK(point_in_multipolygon(f[4].polygons, {111.0, 20.0}));
  CHECK_FALSE(point_in_multipolygon(f[4].polygons, {109.5, 19.5}));  // in the hole

  REQUIRE(f[5].polygons.size() == 2);
  CHECK(f[5].polygons[1].outer[0].lon == 110.0);

  CHECK(f[6].attributes.at("kind") == "no geometry");
  CHECK((f[6].points.empty() && f[6].lines.empty() && f[6].polygons.empty()));
}

TEST_CASE("vector layer: errors", "[vector_layer]") {
  const fs::path dir = tmp_dir();
  const auto input_error = [](const Error& e) { return e.kind() == ErrorKind::input; };

  SECTION("missing file") {
    const std::string missing = (dir / "no_such_layer.geojson").string();
    CHECK_THROWS_MATCHES(read_vector_layer(missing), Error, Catch::Predicate<Error>(input_error));
    CHECK_THROWS_WITH(read_vector_layer(missing), Contains(missing) && Contains("no such file"));
    CHECK_THROWS_WITH(list_vector_layers(missing), Contains("no such file"));
  }
  SECTION("text file") {
    const fs::path txt = dir / "notes.txt";
    write_text(txt, "Typhoon season notes: not a vector dataset.\n");
    CHECK_THROWS_MATCHES(read_vector_layer(txt), Error, Catch::Predicate<Error>(input_error));
    CHECK_THROWS_WITH(read_vector_layer(txt),
                      Contains(txt.string()) && Contains("not a vector dataset"));
  }
  SECTION("unknown layer name lists the layers") {
    CHECK_THROWS_WITH(read_vector_layer(counties_geojson, "provinces"),
                      Contains(counties_geojson) && Contains("no layer 'provinces'") &&
                          Contains("'counties_datav'"));
  }
  SECTION("unsupported geometry names the feature") {
    const fs::path file = dir / "collection.geojson";
    write_text(file, R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"id": 1},
       "geometry": {"type": "Point", "coordinates": [110.0, 19.0]}},
      {"type": "Feature", "properties": {"id": 2},
       "geometry": {"type": "GeometryCollection", "geometries": [
         {"type": "Point", "coordinates": [110.0, 19.0]}]}}]})");
    try {
      read_vector_layer(file);
      FAIL("GeometryCollection accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Contains(file.string()) && Contains("collection") &&
                               Contains("feature 1") && Contains("Geometry Collection"));
    }
  }
}
