// The 3-D evacuation scene: exaggerated terrain coloured by inundation depth, shelters as
// spheres sized by their load, evacuation flows as tubes.
#include <algorithm>
#include <cmath>

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkAppendPolyData.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkDoubleArray.h>
#include <vtkLightKit.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSphereSource.h>
#include <vtkTextActor.h>
#include <vtkTubeFilter.h>
#include <vtkUnsignedCharArray.h>

#include <fmt/format.h>

#include "render_detail.hpp"

namespace taifeng::viz {

namespace fs = std::filesystem;
using namespace detail;

namespace {

constexpr double km_per_deg = 111.32;
constexpr int max_mesh_points = 600;  // per side of the terrain mesh

// Scene coordinates: km east/north of the box centre, height in km (exaggerated).
struct Terrain {
  MapBox box;
  double lon_c = 0, lat_c = 0, kx = 1, exaggeration = 1;
  const GridField* relief = nullptr;
  double x(LonLat p) const { return (p.lon - lon_c) * kx * km_per_deg; }
  double y(LonLat p) const { return (p.lat - lat_c) * km_per_deg; }
  double elevation_m(LonLat p) const {
    if (relief == nullptr) return 0;
    const double e = sample_bilinear(*relief, p);
    return std::isnan(e) ? 0 : e;
  }
  double z(LonLat p) const { return std::max(0.0, elevation_m(p)) / 1000.0 * exaggeration; }
  bool inside(LonLat p) const {
    return p.lon >= box.lon_min && p.lon <= box.lon_max && p.lat >= box.lat_min &&
           p.lat <= box.lat_max;
  }
  double span_km() const {
    return std::max((box.lon_max - box.lon_min) * kx, box.lat_max - box.lat_min) * km_per_deg;
  }
};

Rgb lerp(Rgb a, Rgb b, double f) {
  return {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b)};
}

Rgb terrain_colour(double elevation_m) {
  if (elevation_m <= 0) {
    const double f = std::clamp(-elevation_m / 200.0, 0.0, 1.0);
    return lerp({0.36, 0.50, 0.66}, {0.22, 0.34, 0.52}, f);
  }
  static const double e[] = {0, 250, 700, 1300, 1900};
  static const Rgb c[] = {{0.56, 0.70, 0.43},
                          {0.50, 0.64, 0.38},
                          {0.66, 0.60, 0.42},
                          {0.60, 0.52, 0.44},
                          {0.92, 0.92, 0.92}};
  for (int k = 0; k < 4; ++k)
    if (elevation_m <= e[k + 1])
      return lerp(c[k], c[k + 1], (elevation_m - e[k]) / (e[k + 1] - e[k]));
  return c[4];
}

void put_rgb(vtkUnsignedCharArray* a, Rgb c) {
  const unsigned char v[3] = {(unsigned char)std::lround(std::clamp(c.r, 0.0, 1.0) * 255),
                              (unsigned char)std::lround(std::clamp(c.g, 0.0, 1.0) * 255),
                              (unsigned char)std::lround(std::clamp(c.b, 0.0, 1.0) * 255)};
  a->InsertNextTypedTuple(v);
}

Rgb load_colour(double fraction) {
  if (fraction <= 0.5) return lerp({0.10, 0.62, 0.30}, {1.0, 0.85, 0.10}, fraction / 0.5);
  if (fraction <= 1.0) return lerp({1.0, 0.85, 0.10}, {0.85, 0.10, 0.10}, (fraction - 0.5) / 0.5);
  return {0.45, 0.0, 0.05};  // over capacity
}

vtkSmartPointer<vtkLookupTable> load_lut() {
  auto lut = vtkSmartPointer<vtkLookupTable>::New();
  lut->SetNumberOfTableValues(64);
  lut->SetTableRange(0, 100);
  for (int k = 0; k < 64; ++k) {
    const Rgb c = load_colour(k / 63.0);
    lut->SetTableValue(k, c.r, c.g, c.b, 1);
  }
  return lut;
}

vtkSmartPointer<vtkActor> terrain_actor(const CycleScene& scene, const Terrain& t,
                                        const RenderOptions& o) {
  // Mesh spacing: the finer of relief and inundation grids, at most max_mesh_points a side.
  double res = t.relief != nullptr ? std::min(t.relief->grid.dlon, t.relief->grid.dlat) : 0.02;
  if (scene.inundation_depth && scene.inundation_depth->grid.size() > 0)
    res = std::min({res, scene.inundation_depth->grid.dlon, scene.inundation_depth->grid.dlat});
  const double wlon = t.box.lon_max - t.box.lon_min, wlat = t.box.lat_max - t.box.lat_min;
  res = std::max(res, std::max(wlon, wlat) / (max_mesh_points - 1));
  const int nx = int(std::ceil(wlon / res)) + 1, ny = int(std::ceil(wlat / res)) + 1;
  const double dx = wlon / (nx - 1), dy = wlat / (ny - 1);

  vtkNew<vtkPoints> points;
  vtkNew<vtkUnsignedCharArray> colours;
  colours->SetNumberOfComponents(3);
  colours->SetName("colour");
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const LonLat p{t.box.lon_min + i * dx, t.box.lat_min + j * dy};
      const double e = t.elevation_m(p);
      points->InsertNextPoint(t.x(p), t.y(p), std::max(0.0, e) / 1000.0 * t.exaggeration);
      double depth = 0;
      if (scene.inundation_depth) {
        depth = sample_nearest(*scene.inundation_depth, p);
        if (std::isnan(depth)) depth = 0;
      }
      put_rgb(colours, depth > 0.01 ? colormap(o.depth_colormap, 0.3 + 0.7 * depth / o.depth_max_m)
                                    : terrain_colour(e));
    }
  vtkNew<vtkCellArray> quads;
  for (int j = 0; j + 1 < ny; ++j)
    for (int i = 0; i + 1 < nx; ++i) {
      const vtkIdType q[4] = {j * nx + i, j * nx + i + 1, (j + 1) * nx + i + 1, (j + 1) * nx + i};
      quads->InsertNextCell(4, q);
    }
  vtkNew<vtkPolyData> mesh;
  mesh->SetPoints(points);
  mesh->SetPolys(quads);
  mesh->GetPointData()->SetScalars(colours);
  vtkNew<vtkPolyDataNormals> normals;
  normals->SetInputData(mesh);
  normals->SplittingOff();
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputConnection(normals->GetOutputPort());
  mapper->SetColorModeToDirectScalars();
  auto actor = vtkSmartPointer<vtkActor>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetAmbient(0.25);
  actor->GetProperty()->SetDiffuse(0.85);
  actor->GetProperty()->SetSpecular(0.0);
  return actor;
}

// Lines draped over the terrain (segments split every ~0.02°), lifted by `lift` km; the
// parts outside the map box are left out.
vtkSmartPointer<vtkPolyData> draped(const std::vector<std::vector<LonLat>>& lines, const Terrain& t,
                                    double lift, const std::vector<double>* radius = nullptr) {
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> cells;
  vtkNew<vtkDoubleArray> r;
  r->SetName("radius");
  std::vector<vtkIdType> ids;
  const auto end_piece = [&] {
    if (ids.size() >= 2) cells->InsertNextCell(vtkIdType(ids.size()), ids.data());
    ids.clear();
  };
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const auto& line = lines[n];
    if (line.size() < 2) continue;
    const double extra = radius != nullptr ? (*radius)[n] : 0;
    for (std::size_t k = 0; k + 1 < line.size(); ++k) {
      const LonLat a = line[k], b = line[k + 1];
      const int steps =
          std::max(1, int(std::ceil(std::hypot(b.lon - a.lon, b.lat - a.lat) / 0.02)));
      for (int s = 0; s < steps + (k + 2 == line.size() ? 1 : 0); ++s) {
        const double f = double(s) / steps;
        const LonLat p{a.lon + f * (b.lon - a.lon), a.lat + f * (b.lat - a.lat)};
        if (!t.inside(p)) {
          end_piece();
          continue;
        }
        ids.push_back(points->InsertNextPoint(t.x(p), t.y(p), t.z(p) + lift + extra));
        if (radius != nullptr) r->InsertNextValue(extra);
      }
    }
    end_piece();
  }
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->SetPoints(points);
  poly->SetLines(cells);
  if (radius != nullptr) poly->GetPointData()->SetScalars(r);
  return poly;
}

vtkSmartPointer<vtkActor> lit_actor(vtkAlgorithmOutput* port, Rgb c) {
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputConnection(port);
  mapper->ScalarVisibilityOff();
  auto a = vtkSmartPointer<vtkActor>::New();
  a->SetMapper(mapper);
  a->GetProperty()->SetColor(c.r, c.g, c.b);
  a->GetProperty()->SetAmbient(0.3);
  a->GetProperty()->SetDiffuse(0.8);
  a->GetProperty()->SetSpecular(0.2);
  return a;
}

}  // namespace

RenderResult render_evacuation_scene(const fs::path& png, const CycleScene& scene,
                                     const RenderOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (auto skip = precheck(options)) return *skip;
  const int W = options.scene_width, H = options.scene_height;
  const bool cjk = cjk_font(options);
  const double text = 0.0145 * H;

  Terrain t;
  t.box = map_box(options, scene);
  t.lon_c = 0.5 * (t.box.lon_min + t.box.lon_max);
  t.lat_c = 0.5 * (t.box.lat_min + t.box.lat_max);
  t.kx = std::cos(t.lat_c * M_PI / 180);
  t.exaggeration = options.vertical_exaggeration;
  if (scene.relief.grid.size() > 0 && scene.relief.values.size() == scene.relief.grid.size())
    t.relief = &scene.relief;
  const double span = t.span_km();

  std::string errors;
  vtkSmartPointer<vtkRenderWindow> window = offscreen_window(W, H, 1, &errors);
  vtkNew<vtkRenderer> r;
  r->GradientBackgroundOn();
  r->SetBackground(0.78, 0.84, 0.90);
  r->SetBackground2(0.98, 0.98, 1.0);
  window->AddRenderer(r);
  vtkNew<vtkLightKit> lights;
  lights->AddLightsToRenderer(r);

  vtkSmartPointer<vtkActor> terrain = terrain_actor(scene, t, options);
  r->AddActor(terrain);
  // County borders in their signal colours and the coastline, on the ground.
  for (const CountyView& c : scene.counties) {
    std::vector<std::vector<LonLat>> rings;
    for (const Polygon& part : c.shape) {
      rings.push_back(part.outer);
      if (!rings.back().empty()) rings.back().push_back(rings.back().front());
    }
    auto a = flat_actor(draped(rings, t, 0.15),
                        rgb_of(signal_rgb[std::size_t(std::clamp(c.signal, 0, 4))]), 2);
    r->AddActor(a);
  }
  r->AddActor(flat_actor(draped(scene.coastline, t, 0.1), {0.08, 0.15, 0.3}, 1.5));

  // Shelters: sphere volume ~ assigned people, colour = assigned / capacity.
  long max_assigned = 1, total_assigned = 0;
  for (const ShelterView& s : scene.shelters) max_assigned = std::max(max_assigned, s.assigned);
  const double sphere_r = 0.016 * span;
  vtkNew<vtkAppendPolyData> spheres;
  int drawn = 0;
  for (const ShelterView& s : scene.shelters) {
    total_assigned += s.assigned;
    if (!t.inside(s.pos)) continue;
    const double rad = sphere_r * std::max(0.25, std::cbrt(double(s.assigned) / max_assigned));
    vtkNew<vtkSphereSource> ball;
    ball->SetCenter(t.x(s.pos), t.y(s.pos), t.z(s.pos) + rad);
    ball->SetRadius(rad);
    ball->SetThetaResolution(20);
    ball->SetPhiResolution(14);
    ball->Update();
    vtkNew<vtkPolyData> one;
    one->ShallowCopy(ball->GetOutput());
    vtkNew<vtkUnsignedCharArray> colour;
    colour->SetNumberOfComponents(3);
    colour->SetName("load");
    const Rgb c = s.assigned == 0
                      ? Rgb{0.6, 0.6, 0.6}
                      : load_colour(s.capacity > 0 ? double(s.assigned) / s.capacity : 2);
    for (vtkIdType k = 0; k < one->GetNumberOfPoints(); ++k) put_rgb(colour, c);
    one->GetPointData()->SetScalars(colour);
    spheres->AddInputData(one);
    ++drawn;
  }
  if (drawn > 0) {
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(spheres->GetOutputPort());
    mapper->SetColorModeToDirectScalars();
    vtkNew<vtkActor> a;
    a->SetMapper(mapper);
    a->GetProperty()->SetSpecular(0.3);
    r->AddActor(a);
  }

  // Flows: tubes with cross-section ~ people, along their routes.
  long max_people = 1;
  for (const FlowView& f : scene.flows) max_people = std::max(max_people, f.people);
  std::vector<std::vector<LonLat>> routes;
  std::vector<double> radii;
  for (const FlowView& f : scene.flows) {
    if (f.people <= 0) continue;
    routes.push_back(f.path.size() >= 2 ? f.path : std::vector<LonLat>{f.from, f.to});
    radii.push_back(0.006 * span * std::max(0.2, std::sqrt(double(f.people) / max_people)));
  }
  if (!routes.empty()) {
    vtkNew<vtkTubeFilter> tubes;
    tubes->SetInputData(draped(routes, t, 0.2, &radii));
    tubes->SetVaryRadiusToVaryRadiusByAbsoluteScalar();
    tubes->SetNumberOfSides(12);
    tubes->CappingOn();
    r->AddActor(lit_actor(tubes->GetOutputPort(), {0.85, 0.25, 0.55}));
  }

  // Camera from the compass direction azimuth, elevation above the horizon.
  const double az = options.scene_azimuth_deg * M_PI / 180;
  const double el = options.scene_elevation_deg * M_PI / 180;
  vtkCamera* cam = r->GetActiveCamera();
  cam->SetFocalPoint(0, 0, 0);
  cam->SetPosition(span * std::cos(el) * std::sin(az), span * std::cos(el) * std::cos(az),
                   span * std::sin(el));
  cam->SetViewUp(0, 0, 1);
  cam->SetViewAngle(30);
  r->ResetCamera(terrain->GetBounds());  // fit the terrain; the rest stands on it
  cam->Zoom(options.scene_zoom);
  r->ResetCameraClippingRange();

  // Title, colour bars, legend.
  long unassigned = 0, evacuate = 0;
  for (const CountyView& c : scene.counties) {
    unassigned += c.unassigned;
    evacuate += c.evacuate;
  }
  const std::string heading =
      storm_heading(scene, cjk) + (cjk ? "  人员转移 Evacuation" : " — evacuation");
  r->AddActor2D(
      text_actor(heading, 0.03 * W, H - 0.022 * H, 0.03 * H, {0, 0, 0}, options, 0, 2, true));
  r->AddActor2D(text_actor(
      fmt::format("Issued {} · {} to evacuate, {} assigned to {} shelters, {} unassigned · "
                  "terrain height x{:g}",
                  local_time(scene.analysis_time), evacuate, total_assigned, scene.shelters.size(),
                  unassigned, options.vertical_exaggeration),
      0.03 * W, H - 0.066 * H, 0.0175 * H, {0.15, 0.15, 0.15}, options, 0, 2));
  const double px = W - 0.13 * W;
  double y = H - 0.12 * H;
  if (scene.inundation_depth) {
    auto lut = colormap_lut(options.depth_colormap, 0, options.depth_max_m, 64, 1, 0, 0.3);
    r->AddActor2D(colour_bar(lut, cjk ? "淹没深度 Inundation (m)" : "Inundation (m)", px,
                             y - 0.3 * H, 0.11 * W, 0.3 * H, text, 7, options));
    y -= 0.34 * H;
  }
  auto llut = load_lut();
  r->AddActor2D(colour_bar(llut, cjk ? "避难所负荷 Shelter load (%)" : "Shelter load (%)", px,
                           y - 0.22 * H, 0.11 * W, 0.22 * H, text, 5, options));
  r->AddActor2D(
      text_actor(fmt::format("Spheres: shelters, volume ∝ people assigned (largest {})\n"
                             "Tubes: evacuation flows, cross-section ∝ people (largest {})\n"
                             "Lines: county borders in their signal colour",
                             max_assigned, max_people),
                 0.03 * W, 0.03 * H, text, {0.1, 0.1, 0.1}, options, 0, 0));

  write_window_png(window, png, &errors);
  RenderResult res;
  res.rendered = true;
  res.files.push_back(png.filename().string());
  res.seconds = seconds_since(start);
  return res;
}

}  // namespace taifeng::viz
