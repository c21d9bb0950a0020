#include "taifeng/viz/scene_vtk.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkFieldData.h>
#include <vtkIdList.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkStringArray.h>
#include <vtkStructuredGrid.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLPolyDataReader.h>
#include <vtkXMLStructuredGridReader.h>
#include <vtkXMLUtilities.h>
#include <catch2/catch.hpp>

#include "taifeng/core/error.hpp"
#include "taifeng/core/polygon.hpp"
#include "taifeng/core/units.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using viz::CycleScene;

namespace {

fs::path tmp_dir(const std::string& name) {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "scene_vtk" / name;
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  return dir;
}

Grid make_grid(double lon0, double lat0, double d, std::size_t nlon, std::size_t nlat) {
  Grid g;
  g.lon0 = lon0;
  g.lat0 = lat0;
  g.dlon = d;
  g.dlat = d;
  g.nlon = nlon;
  g.nlat = nlat;
  return g;
}

// A field whose value at (i, j) is f(i, j).
template <class F>
viz::GridField grid_field(const std::string& name, const std::string& units, const Grid& g, F f) {
  viz::GridField out{name, units, name + " (test)", g, std::vector<double>(g.size())};
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) out.values[g.index(i, j)] = f(double(i), double(j));
  return out;
}

Ring square(double lon, double lat, double side) {
  return {{lon, lat}, {lon + side, lat}, {lon + side, lat + side}, {lon, lat + side}, {lon, lat}};
}

const Grid wind_grid = make_grid(110.0, 18.0, 0.5, 5, 4);

// 3 leads, 4 member tracks (+ an empty one), 3 counties (one with a hole, one in two
// parts), 2 shelters, 1 flow, surge, relief and coastline.
CycleScene synthetic_scene() {
  CycleScene s;
  s.storm_id = "WP112024";
  s.storm_name_en = "Yagi";
  s.analysis_time = make_utc(2024, 9, 5, 0);
  s.lead_hours = {0, 6, 12};
  for (int k = 0; k < 3; ++k)
    s.wind_hourly.push_back(grid_field("wind_speed", "m s-1", wind_grid, [k](double i, double j) {
      return 10.0 + 5.0 * k + 0.1 * i + j;
    }));
  s.wind_max = grid_field("wind_max", "m s-1", wind_grid,
                          [](double i, double j) { return 20.0 + 0.1 * i + j; });
  s.gale_probability = grid_field("p_gale", "1", wind_grid, [](double i, double) { return i / 4; });
  s.gale_probability->values[3] = std::nan("");
  s.gale_window_h = 72;
  s.population_density =
      grid_field("pop", "km-2", wind_grid, [](double i, double j) { return 100.0 * j + i; });
  const Grid surge_grid = make_grid(110.1, 18.1, 0.1, 3, 3);
  s.inundation_depth =
      grid_field("depth", "m", surge_grid, [](double i, double j) { return 0.25 * i * j; });
  s.surge_max = grid_field("eta", "m", surge_grid, [](double i, double j) { return 1 + i + j; });
  s.relief = grid_field("relief", "m", make_grid(109.5, 17.5, 1.0, 4, 3),
                        [](double i, double j) { return -500.0 + 300.0 * i + 200.0 * j; });
  s.coastline = {
      {{110, 18}, {110.5, 18.2}, {111, 18.1}}, {{110.7, 19}}, {{111, 19}, {111.2, 19.3}}};

  for (int m = 0; m < 4; ++m) {
    viz::MemberTrack t;
    t.member = m;
    t.track.source = m == 0 ? "forecast" : "ensemble";
    for (int k = 0; k < 3; ++k) {
      TrackPoint p;
      p.time = add_hours(s.analysis_time, 6.0 * k);
      p.lon = 112.0 - 0.6 * k + 0.1 * m;
      p.lat = 17.0 + 0.5 * k;
      p.vmax_ms = 30.0 + 2.0 * k + m;
      p.pmin_hpa = 980.0 - 3.0 * k - m;
      t.track.points.push_back(p);
    }
    s.tracks.push_back(t);
  }
  s.tracks.push_back({7, Track{}});  // empty: left out

  for (const TrackPoint& p : s.tracks[0].track.points) s.cone_centre.push_back({p.lon, p.lat});
  s.cone_radius_km = {0, 60, 110};

  viz::CountyView a;
  a.code = "460105";
  a.name_en = "Xiuying";
  a.name_zh = "秀英区";
  a.shape = {{square(110.0, 18.0, 0.5), {}}};
  a.signal = 4;
  a.surge_level = 3;
  a.population = 120000;
  a.exposed = {120000, 90000, 30000, 5000};
  a.expected_exposed = 80000;
  a.gale_arrival_h = 5.5;
  a.evacuate = 900;
  a.assigned = 800;
  a.unassigned = 100;
  viz::CountyView b = a;
  b.code = "460106";
  b.name_en = "Longhua";
  b.name_zh = "龙华区";
  b.shape = {{square(110.5, 18.0, 0.5), {square(110.6, 18.1, 0.2)}}};  // with a hole
  b.signal = 2;
  b.population = 250000;
  b.exposed = {200000, 0, 0, 0};
  b.gale_arrival_h.reset();
  viz::CountyView c = a;
  c.code = "460107";
  c.name_en = "Qiongshan";
  c.shape = {{square(111.0, 18.0, 0.5), {}}, {square(111.7, 18.0, 0.1), {}}};  // two parts
  c.signal = 0;
  c.population = 7000;
  s.counties = {a, b, c};

  s.shelters = {{"S1", "一号", "No. 1", {110.2, 18.2}, 800, 600},
                {"S2", "二号", "No. 2", {110.8, 18.4}, 300, 200}};
  viz::FlowView f;
  f.unit = "460105";
  f.shelter = "S2";
  f.people = 200;
  f.km = 12.5;
  f.from = {110.25, 18.25};
  f.to = {110.8, 18.4};
  f.path = {f.from, {110.5, 18.3}, f.to};
  s.flows = {f};
  return s;
}

template <class Reader>
auto read(const fs::path& path) {
  vtkNew<Reader> reader;
  reader->SetFileName(path.c_str());
  reader->Update();
  using Out = std::remove_pointer_t<decltype(reader->GetOutput())>;
  return vtkSmartPointer<Out>(reader->GetOutput());
}

std::pair<double, double> range_of(vtkDataArray* a) {
  REQUIRE(a != nullptr);
  double r[2];
  a->GetRange(r);  // NaN ignored
  return {r[0], r[1]};
}

std::pair<double, double> range_of(const std::vector<double>& v) {
  double lo = INFINITY, hi = -INFINITY;
  for (double x : v)
    if (!std::isnan(x)) {
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
  return {lo, hi};
}

std::string string_at(vtkFieldData* fd, const char* name, vtkIdType k) {
  auto* a = vtkStringArray::SafeDownCast(fd->GetAbstractArray(name));
  if (a == nullptr || k >= a->GetNumberOfValues()) return "<missing>";
  return a->GetValue(k);
}

// Points of cell k of a poly data set.
std::vector<LonLat> cell_points(vtkPolyData* poly, vtkIdType k) {
  vtkNew<vtkIdList> ids;
  poly->GetCellPoints(k, ids);
  std::vector<LonLat> out;
  for (vtkIdType i = 0; i < ids->GetNumberOfIds(); ++i) {
    double x[3];
    poly->GetPoint(ids->GetId(i), x);
    out.push_back({x[0], x[1]});
  }
  return out;
}

double shoelace(const std::vector<LonLat>& r) {
  double a = 0;
  for (std::size_t k = 0; k < r.size(); ++k)
    a += r[k].lon * r[(k + 1) % r.size()].lat - r[(k + 1) % r.size()].lon * r[k].lat;
  return a / 2;
}

// Every point of the data set has z = 0 (the overlay plane).
bool flat(vtkDataSet* data) {
  for (vtkIdType k = 0; k < data->GetNumberOfPoints(); ++k) {
    double x[3];
    data->GetPoint(k, x);
    if (x[2] != 0.0) return false;
  }
  return true;
}

void check_stamp(vtkFieldData* fd) {
  CHECK(string_at(fd, "storm_id", 0) == "WP112024");
  CHECK(string_at(fd, "analysis_time", 0) == "2024-09-05T00:00:00Z");
}

}  // namespace

TEST_CASE("write_scene_vtk lists exactly the files it writes", "[viz][scene_vtk]") {
  const fs::path dir = tmp_dir("full");
  const viz::VtkSceneFiles out = viz::write_scene_vtk(dir, synthetic_scene());
  const std::set<std::string> listed(out.files.begin(), out.files.end());
  const std::set<std::string> expected{"hazard/wind_000.vti",
                                       "hazard/wind_001.vti",
                                       "hazard/wind_002.vti",
                                       "hazard/wind.pvd",
                                       "hazard_static.vti",
                                       "surge.vti",
                                       "terrain.vts",
                                       "coastline.vtp",
                                       "tracks.vtp",
                                       "cone.vtp",
                                       "counties.vtp",
                                       "shelters.vtp",
                                       "flows.vtp"};
  CHECK(listed == expected);
  CHECK(out.files.size() == listed.size());
  std::set<std::string> on_disk;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) on_disk.insert(fs::relative(e.path(), dir).generic_string());
  CHECK(on_disk == expected);  // nothing else, in particular no temporary file
}

TEST_CASE("scene hazard: the .pvd series and every image read back", "[viz][scene_vtk]") {
  const fs::path dir = tmp_dir("hazard");
  const CycleScene scene = synthetic_scene();
  viz::write_scene_vtk(dir, scene);

  // The collection, parsed with VTK's XML parser.
  vtkSmartPointer<vtkXMLDataElement> root;
  root.TakeReference(vtkXMLUtilities::ReadElementFromFile((dir / "hazard/wind.pvd").c_str()));
  REQUIRE(root != nullptr);
  CHECK(std::string(root->GetAttribute("type")) == "Collection");
  vtkXMLDataElement* collection = root->FindNestedElementWithName("Collection");
  REQUIRE(collection != nullptr);
  REQUIRE(collection->GetNumberOfNestedElements() == int(scene.lead_hours.size()));
  for (int k = 0; k < collection->GetNumberOfNestedElements(); ++k) {
    vtkXMLDataElement* ds = collection->GetNestedElement(k);
    CHECK(std::string(ds->GetName()) == "DataSet");
    double t = -1;
    REQUIRE(ds->GetScalarAttribute("timestep", t) == 1);
    CHECK(t == scene.lead_hours[std::size_t(k)]);
    const fs::path file = dir / "hazard" / ds->GetAttribute("file");
    REQUIRE(fs::exists(file));

    auto image = read<vtkXMLImageDataReader>(file);
    int dims[3];
    image->GetDimensions(dims);
    CHECK(dims[0] == 5);
    CHECK(dims[1] == 4);
    CHECK(dims[2] == 1);
    double origin[3], spacing[3];
    image->GetOrigin(origin);
    image->GetSpacing(spacing);
    CHECK(origin[0] == 110.0);
    CHECK(origin[1] == 18.0);
    CHECK(spacing[0] == 0.5);
    vtkPointData* pd = image->GetPointData();
    CHECK(pd->GetNumberOfArrays() == 3);
    const auto& wind = scene.wind_hourly[std::size_t(k)].values;
    vtkDataArray* w = pd->GetArray("wind_speed");
    CHECK(range_of(w) == range_of(wind));
    for (vtkIdType p = 0; p < vtkIdType(wind.size()); ++p)
      CHECK(w->GetTuple1(p) == wind[std::size_t(p)]);
    CHECK(range_of(pd->GetArray("gale_probability")) == range_of(scene.gale_probability->values));
    CHECK(std::isnan(pd->GetArray("gale_probability")->GetTuple1(3)));
    CHECK(range_of(pd->GetArray("population_density")) ==
          range_of(scene.population_density->values));
    vtkFieldData* fd = image->GetFieldData();
    REQUIRE(fd->GetArray("lead_h") != nullptr);
    CHECK(fd->GetArray("lead_h")->GetTuple1(0) == t);
    CHECK(fd->GetArray("TimeValue")->GetTuple1(0) == t);
    CHECK(string_at(fd, "valid_time", 0) ==
          format_iso_utc(add_hours(scene.analysis_time, scene.lead_hours[std::size_t(k)])));
    CHECK(string_at(fd, "wind_speed_units", 0) == "m s-1");
    check_stamp(fd);
  }

  auto stat = read<vtkXMLImageDataReader>(dir / "hazard_static.vti");
  vtkPointData* pd = stat->GetPointData();
  CHECK(pd->GetNumberOfArrays() == 3);
  CHECK(range_of(pd->GetArray("wind_max")) == range_of(scene.wind_max.values));
  CHECK(range_of(pd->GetArray("gale_probability")) == range_of(scene.gale_probability->values));
  CHECK(range_of(pd->GetArray("population_density")) == range_of(scene.population_density->values));
  CHECK(stat->GetFieldData()->GetArray("gale_window_h")->GetTuple1(0) == 72.0);

  auto surge = read<vtkXMLImageDataReader>(dir / "surge.vti");
  int dims[3];
  surge->GetDimensions(dims);
  CHECK(dims[0] == 3);
  CHECK(dims[1] == 3);
  double origin[3];
  surge->GetOrigin(origin);
  CHECK(origin[0] == 110.1);
  CHECK(range_of(surge->GetPointData()->GetArray("inundation_depth")) ==
        range_of(scene.inundation_depth->values));
  CHECK(range_of(surge->GetPointData()->GetArray("surge_max")) ==
        range_of(scene.surge_max->values));
}

TEST_CASE("scene terrain: a structured surface raised by the exaggerated elevation",
          "[viz][scene_vtk]") {
  const fs::path dir = tmp_dir("terrain");
  const CycleScene scene = synthetic_scene();
  viz::VtkSceneOptions options;
  options.vertical_exaggeration = 10;
  viz::write_scene_vtk(dir, scene, options);
  auto grid = read<vtkXMLStructuredGridReader>(dir / "terrain.vts");
  int dims[3];
  grid->GetDimensions(dims);
  CHECK(dims[0] == 4);
  CHECK(dims[1] == 3);
  CHECK(dims[2] == 1);
  vtkDataArray* h = grid->GetPointData()->GetArray("elevation_m");
  REQUIRE(h != nullptr);
  CHECK(range_of(h) == range_of(scene.relief.values));
  // z in degrees of latitude: 1 degree = pi/180 * 6371 km.
  const double m_per_deg = M_PI / 180.0 * 6371000.0;
  const Grid& g = scene.relief.grid;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      double x[3];
      grid->GetPoint(vtkIdType(g.index(i, j)), x);
      const double elev = -500.0 + 300.0 * double(i) + 200.0 * double(j);
      CHECK(x[0] == Approx(109.5 + double(i)));
      CHECK(x[1] == Approx(17.5 + double(j)));
      CHECK(x[2] == Approx(elev * 10.0 / m_per_deg).margin(1e-12));
      CHECK(h->GetTuple1(vtkIdType(g.index(i, j))) == elev);
    }
  check_stamp(grid->GetFieldData());
}

TEST_CASE("scene tracks and cone read back", "[viz][scene_vtk]") {
  const fs::path dir = tmp_dir("tracks");
  const CycleScene scene = synthetic_scene();
  viz::write_scene_vtk(dir, scene);

  auto tracks = read<vtkXMLPolyDataReader>(dir / "tracks.vtp");
  CHECK(flat(tracks));
  REQUIRE(tracks->GetNumberOfLines() == 4);  // the empty track is left out
  CHECK(tracks->GetNumberOfPoints() == 12);
  vtkDataArray* member = tracks->GetCellData()->GetArray("member");
  REQUIRE(member != nullptr);
  CHECK(member->GetDataType() == VTK_INT);
  double vmax_max = -INFINITY, pmin_min = INFINITY;
  for (vtkIdType c = 0; c < 4; ++c) {
    const auto& t = scene.tracks[std::size_t(c)];
    CHECK(member->GetTuple1(c) == t.member);
    CHECK(string_at(tracks->GetCellData(), "source", c) == t.track.source);
    const std::vector<LonLat> pts = cell_points(tracks, c);
    REQUIRE(pts.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
      CHECK(pts[k].lon == t.track.points[k].lon);
      CHECK(pts[k].lat == t.track.points[k].lat);
      vmax_max = std::max(vmax_max, t.track.points[k].vmax_ms);
      pmin_min = std::min(pmin_min, t.track.points[k].pmin_hpa);
    }
  }
  vtkPointData* pd = tracks->GetPointData();
  CHECK(range_of(pd->GetArray("time_h")) == std::pair(0.0, 12.0));
  CHECK(range_of(pd->GetArray("vmax_ms")).second == vmax_max);
  CHECK(range_of(pd->GetArray("pmin_hpa")).first == pmin_min);
  check_stamp(tracks->GetFieldData());

  auto cone = read<vtkXMLPolyDataReader>(dir / "cone.vtp");
  CHECK(flat(cone));
  REQUIRE(cone->GetNumberOfPolys() == 1);
  const std::vector<LonLat> ring = cell_points(cone, 0);
  REQUIRE(ring.size() >= 3);
  // Every centre is inside, the analysis position (radius 0) on the outline itself.
  for (std::size_t k = 0; k < scene.cone_centre.size(); ++k) {
    const LonLat c = scene.cone_centre[k];
    if (scene.cone_radius_km[k] > 0) {
      CHECK(point_in_ring(ring, c));
    } else {
      CHECK(std::any_of(ring.begin(), ring.end(),
                        [&](LonLat v) { return great_circle_km(v, c) < 1e-6; }));
    }
  }
  // Within the largest radius of the track (distance to sampled track positions).
  const double r_max = 110;
  for (const LonLat& v : ring) {
    double d = INFINITY;
    for (std::size_t k = 0; k + 1 < scene.cone_centre.size(); ++k)
      for (int s = 0; s <= 100; ++s) {
        const LonLat a = scene.cone_centre[k], b = scene.cone_centre[k + 1];
        d = std::min(d, great_circle_km(v, {a.lon + (b.lon - a.lon) * s / 100.0,
                                            a.lat + (b.lat - a.lat) * s / 100.0}));
      }
    CHECK(d <= r_max + 1.0);
  }
  // The circle of the last lead is covered: points at 0.98 of its radius lie inside.
  for (int a = 0; a < 360; a += 15)
    CHECK(point_in_ring(ring, destination(scene.cone_centre[2], a, 0.98 * r_max)));
  CHECK(cone->GetFieldData()->GetArray("radius_km")->GetNumberOfTuples() == 3);
}

TEST_CASE("scene counties, shelters, flows and coastline read back", "[viz][scene_vtk]") {
  const fs::path dir = tmp_dir("places");
  const CycleScene scene = synthetic_scene();
  viz::write_scene_vtk(dir, scene);

  auto counties = read<vtkXMLPolyDataReader>(dir / "counties.vtp");
  CHECK(flat(counties));
  REQUIRE(counties->GetNumberOfPolys() == 4);  // A, B (with hole), C in two parts
  vtkCellData* cd = counties->GetCellData();
  for (const char* name :
       {"county", "signal", "surge_level", "population", "exposed_b6", "exposed_b8", "exposed_b10",
        "exposed_b12", "expected_exposed", "gale_arrival_h", "evacuate", "assigned", "unassigned"})
    CHECK(cd->GetArray(name) != nullptr);
  vtkDataArray* county = cd->GetArray("county");
  std::set<int> seen;
  for (vtkIdType k = 0; k < 4; ++k) {
    const int c = int(county->GetTuple1(k));
    seen.insert(c);
    const viz::CountyView& v = scene.counties[std::size_t(c)];
    CHECK(cd->GetArray("signal")->GetTuple1(k) == v.signal);
    CHECK(cd->GetArray("surge_level")->GetTuple1(k) == v.surge_level);
    CHECK(cd->GetArray("population")->GetTuple1(k) == double(v.population));
    CHECK(cd->GetArray("exposed_b6")->GetTuple1(k) == double(v.exposed[0]));
    CHECK(cd->GetArray("exposed_b12")->GetTuple1(k) == double(v.exposed[3]));
    CHECK(cd->GetArray("evacuate")->GetTuple1(k) == double(v.evacuate));
    const double arrival = cd->GetArray("gale_arrival_h")->GetTuple1(k);
    if (v.gale_arrival_h)
      CHECK(arrival == *v.gale_arrival_h);
    else
      CHECK(std::isnan(arrival));
    CHECK(string_at(cd, "code", k) == v.code);
    CHECK(string_at(cd, "name_zh", k) == v.name_zh);
    // Filled area = the county's area (outer less holes), in square degrees.
    double area = 0;
    for (const Polygon& p : v.shape) {
      double a = std::abs(shoelace(p.outer));
      for (const Ring& h : p.holes) a -= std::abs(shoelace(h));
      area += a;
    }
    if (v.shape.size() == 1) CHECK(std::abs(shoelace(cell_points(counties, k))) == Approx(area));
  }
  CHECK(seen == std::set<int>{0, 1, 2});
  CHECK(range_of(cd->GetArray("signal")) == std::pair(0.0, 4.0));
  CHECK(range_of(cd->GetArray("population")) == std::pair(7000.0, 250000.0));
  // The hole is not filled: its centre lies outside county B's cell, B's interior inside.
  for (vtkIdType k = 0; k < 4; ++k)
    if (county->GetTuple1(k) == 1) {
      const std::vector<LonLat> ring = cell_points(counties, k);
      CHECK_FALSE(point_in_ring(ring, {110.7, 18.2}));
      CHECK(point_in_ring(ring, {110.55, 18.45}));
    }
  check_stamp(counties->GetFieldData());

  auto shelters = read<vtkXMLPolyDataReader>(dir / "shelters.vtp");
  CHECK(flat(shelters));
  REQUIRE(shelters->GetNumberOfPoints() == 2);
  CHECK(shelters->GetNumberOfVerts() == 2);
  vtkPointData* pd = shelters->GetPointData();
  CHECK(range_of(pd->GetArray("capacity")) == std::pair(300.0, 800.0));
  for (vtkIdType k = 0; k < 2; ++k) {
    const viz::ShelterView& s = scene.shelters[std::size_t(k)];
    double x[3];
    shelters->GetPoint(k, x);
    CHECK(x[0] == s.pos.lon);
    CHECK(x[1] == s.pos.lat);
    CHECK(pd->GetArray("capacity")->GetTuple1(k) == double(s.capacity));
    CHECK(pd->GetArray("assigned")->GetTuple1(k) == double(s.assigned));
    CHECK(pd->GetArray("load_fraction")->GetTuple1(k) ==
          Approx(double(s.assigned) / double(s.capacity)));
    CHECK(string_at(pd, "id", k) == s.id);
  }

  auto flows = read<vtkXMLPolyDataReader>(dir / "flows.vtp");
  CHECK(flat(flows));
  REQUIRE(flows->GetNumberOfLines() == 1);
  const std::vector<LonLat> path = cell_points(flows, 0);
  REQUIRE(path.size() == 3);
  CHECK(path[1].lon == 110.5);
  CHECK(flows->GetCellData()->GetArray("people")->GetTuple1(0) == 200.0);
  CHECK(flows->GetCellData()->GetArray("km")->GetTuple1(0) == 12.5);
  CHECK(string_at(flows->GetCellData(), "shelter", 0) == "S2");

  auto coast = read<vtkXMLPolyDataReader>(dir / "coastline.vtp");
  CHECK(flat(coast));
  CHECK(coast->GetNumberOfLines() == 2);  // the one-point line is left out
  CHECK(coast->GetNumberOfPoints() == 5);
}

TEST_CASE("write_scene_vtk skips empty parts", "[viz][scene_vtk]") {
  const fs::path dir = tmp_dir("sparse");
  CycleScene scene = synthetic_scene();
  scene.wind_hourly.clear();
  scene.inundation_depth.reset();
  scene.surge_max.reset();
  scene.flows.clear();
  scene.tracks = {{3, Track{}}};
  scene.cone_centre.clear();
  scene.cone_radius_km.clear();
  scene.relief = {};
  scene.coastline.clear();
  scene.shelters.clear();
  const viz::VtkSceneFiles out = viz::write_scene_vtk(dir, scene);
  CHECK(out.files == std::vector<std::string>{"hazard_static.vti", "counties.vtp"});
  CHECK_FALSE(fs::exists(dir / "hazard"));
  CHECK_FALSE(fs::exists(dir / "surge.vti"));

  const fs::path empty_dir = tmp_dir("empty");
  CHECK(viz::write_scene_vtk(empty_dir, CycleScene{}).files.empty());
  CHECK(fs::is_directory(empty_dir));
}

TEST_CASE("write_scene_vtk refuses inconsistent scenes and unusable folders", "[viz][scene_vtk]") {
  const fs::path dir = tmp_dir("refused");
  CycleScene scene = synthetic_scene();
  scene.lead_hours.pop_back();  // 3 wind fields, 2 lead times
  CHECK_THROWS_AS(viz::write_scene_vtk(dir, scene), Error);

  scene = synthetic_scene();
  scene.wind_max.values.pop_back();
  CHECK_THROWS_AS(viz::write_scene_vtk(dir, scene), Error);

  scene = synthetic_scene();
  scene.cone_radius_km.pop_back();
  CHECK_THROWS_AS(viz::write_scene_vtk(dir, scene), Error);

  // The output folder is a regular file.
  const fs::path file = tmp_dir("a_file");
  std::ofstream(file) << "x";
  try {
    viz::write_scene_vtk(file / "scene", synthetic_scene());
    FAIL("no error for an unusable folder");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK(e.where() == (file / "scene").string());
  }
}

TEST_CASE("scene files open in VTK's Python readers", "[viz][scene_vtk][python]") {
  if (std::system("/usr/bin/python3 -c 'import vtk' >/dev/null 2>&1") != 0) {
    WARN("/usr/bin/python3 cannot import vtk; skipping the independent check");
    return;
  }
  const fs::path dir = tmp_dir("python");
  viz::write_scene_vtk(dir, synthetic_scene());
  const fs::path script = fs::path(TAIFENG_TEST_TMP) / "scene_vtk" / "check_scene.py";
  {
    std::ofstream py(script);
    // Counts and ranges from the synthetic scene; need() survives PYTHONOPTIMIZE.
    py << "import sys, os, vtk, xml.etree.ElementTree as ET\n"
          "d = sys.argv[1]\n"
          "def need(ok, what):\n"
          "    if not ok: sys.exit('check failed: ' + what)\n"
          "def read(cls, name):\n"
          "    r = cls(); r.SetFileName(os.path.join(d, name)); r.Update(); return r.GetOutput()\n"
          "steps = ET.parse(os.path.join(d, 'hazard/wind.pvd')).getroot().find('Collection')\n"
          "need([float(s.get('timestep')) for s in steps] == [0, 6, 12], 'pvd timesteps')\n"
          "for s in steps:\n"
          "    im = read(vtk.vtkXMLImageDataReader, 'hazard/' + s.get('file'))\n"
          "    need(im.GetDimensions() == (5, 4, 1), 'wind dims')\n"
          "    w = im.GetPointData().GetArray('wind_speed').GetRange()\n"
          "    k = float(s.get('timestep')) / 6\n"
          "    need(abs(w[1] - (10 + 5 * k + 0.4 + 3)) < 1e-12, 'wind max')\n"
          "t = read(vtk.vtkXMLPolyDataReader, 'tracks.vtp')\n"
          "need(t.GetNumberOfLines() == 4, 'tracks')\n"
          "need(t.GetCellData().GetArray('member').GetRange() == (0, 3), 'members')\n"
          "c = read(vtk.vtkXMLPolyDataReader, 'counties.vtp')\n"
          "need(c.GetNumberOfPolys() == 4, 'counties')\n"
          "need(c.GetCellData().GetArray('signal').GetRange() == (0, 4), 'signal')\n"
          "s = read(vtk.vtkXMLPolyDataReader, 'shelters.vtp')\n"
          "need(s.GetPointData().GetArray('capacity').GetRange() == (300, 800), 'capacity')\n"
          "g = read(vtk.vtkXMLStructuredGridReader, 'terrain.vts')\n"
          "need(g.GetNumberOfPoints() == 12, 'terrain')\n"
          "need(g.GetPointData().GetArray('elevation_m').GetRange() == (-500, 800), 'relief')\n";
  }
  const std::string cmd = "/usr/bin/python3 '" + script.string() + "' '" + dir.string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
}
