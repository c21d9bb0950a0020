// The overview map: signals by county, gale probability, track and cone.
#include <algorithm>
#include <cmath>

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkUnsignedCharArray.h>

#include <fmt/format.h>

#include "render_detail.hpp"

namespace taifeng::viz {

namespace fs = std::filesystem;
using namespace detail;

namespace {

// Drawing order of the map layers: heights above the relief (camera looks down -z).
constexpr double z_relief = 0, z_graticule = 0.5, z_gale = 1, z_county = 2, z_outline = 3,
                 z_coast = 3.5, z_cone = 4, z_members = 4.5, z_best = 4.8, z_track = 5;

const std::array<const char*, 5> signal_zh = {"无预警", "蓝色", "黄色", "橙色", "红色"};

Rgb signal_colour(int level) {
  return rgb_of(signal_rgb[std::size_t(std::clamp(level, 0, 4))]);
}

std::vector<LonLat> track_line(const Track& t) {
  std::vector<LonLat> line;
  for (const TrackPoint& p : t.points)
    if (!std::isnan(p.lon) && !std::isnan(p.lat)) line.push_back({p.lon, p.lat});
  return line;
}

// Filled discs (display coordinates) of one colour, for the overlay.
void add_dots(vtkRenderer* overlay, const std::vector<std::array<double, 2>>& centres,
              double radius, Rgb fill) {
  if (centres.empty()) return;
  vtkNew<vtkPoints> pts;
  vtkNew<vtkCellArray> polys;
  vtkNew<vtkUnsignedCharArray> colours;
  colours->SetNumberOfComponents(3);
  const unsigned char c[3] = {(unsigned char)std::lround(fill.r * 255),
                              (unsigned char)std::lround(fill.g * 255),
                              (unsigned char)std::lround(fill.b * 255)};
  for (const auto& d : centres) {
    const int sides = 16;
    std::vector<vtkIdType> ids;
    for (int s = 0; s < sides; ++s) {
      const double a = 2 * M_PI * s / sides;
      ids.push_back(
          pts->InsertNextPoint(d[0] + radius * std::cos(a), d[1] + radius * std::sin(a), 0));
    }
    polys->InsertNextCell(sides, ids.data());
    colours->InsertNextTypedTuple(c);
  }
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(pts);
  poly->SetPolys(polys);
  poly->GetCellData()->SetScalars(colours);
  overlay->AddActor2D(overlay_actor(poly));
}

}  // namespace

RenderResult render_overview(const fs::path& png, const CycleScene& scene,
                             const RenderOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (auto skip = precheck(options)) return *skip;
  const int W = options.width, H = options.height;
  const Margins margins = overview_margins(W, H);
  const MapLayout L = map_layout(W, H, map_box(options, scene), margins);
  const bool cjk = cjk_font(options);
  const double text = 0.0145 * H;  // body text size, pixels

  std::string errors;
  vtkSmartPointer<vtkRenderWindow> window = offscreen_window(W, H, 2, &errors);
  vtkNew<vtkRenderer> base;  // white page with title, colour bar and legend
  base->SetBackground(1, 1, 1);
  base->SetLayer(0);
  vtkSmartPointer<vtkRenderer> map = map_renderer(L, sea_colour);
  map->SetLayer(0);
  vtkNew<vtkRenderer> overlay;  // labels and markers above the map
  overlay->SetLayer(1);
  window->AddRenderer(base);
  window->AddRenderer(map);
  window->AddRenderer(overlay);

  // --- map layers, bottom to top ---
  if (auto relief = relief_actor(scene.relief, L, z_relief)) map->AddActor(relief);
  add_graticule(map, base, L, z_graticule, text, options);

  vtkSmartPointer<vtkLookupTable> gale_lut;
  if (scene.gale_probability) {
    // Percent in 10 % bins, the lowest bin unshaded. The opaque counties above hide it
    // inside them: there the county's signal colour is what the reader needs.
    gale_lut = colormap_lut(options.gale_colormap, 0, 100, 10, 0.75, 1, 0.15);
    map->AddActor(scalar_actor(grid_surface(*scene.gale_probability, L, z_gale, 100.0), gale_lut));
  }
  for (const CountyView& c : scene.counties)
    map->AddActor(flat_actor(filled_multipolygon(c.shape, L, z_county), signal_colour(c.signal)));
  map->AddActor(flat_actor(county_outlines(scene.counties, L, z_outline), {0.35, 0.35, 0.35}, 1.2));
  map->AddActor(flat_actor(polylines(scene.coastline, L, z_coast), {0.12, 0.22, 0.38}, 1.5));
  if (auto cone = cone_outline(scene, L, z_cone))
    map->AddActor(flat_actor(cone, {0.30, 0.25, 0.20}, 2.0));

  bool members = false, best = false;
  for (const MemberTrack& m : scene.tracks) {
    if (m.member >= 1) {
      members = true;
      map->AddActor(
          flat_actor(polylines({track_line(m.track)}, L, z_members), {0.55, 0.55, 0.6}, 1));
    } else if (m.member == -1) {
      best = true;
      map->AddActor(flat_actor(polylines({track_line(m.track)}, L, z_best), {0.0, 0.45, 0.2}, 2.5));
    }
  }
  const Track* track = forecast_track(scene);
  if (track != nullptr) {
    map->AddActor(flat_actor(polylines({track_line(*track)}, L, z_track), {0, 0, 0}, 2.5));
    // Markers and local times every 12 h after the analysis.
    std::vector<std::array<double, 2>> marks;
    for (int h = 0;; h += 12) {
      const TimePoint t = add_hours(scene.analysis_time, h);
      if (t > track->end()) break;
      if (t < track->start()) continue;
      const TrackPoint p = track->at(t);
      const auto d = L.display({p.lon, p.lat});
      if (!L.in_rect(d)) continue;
      marks.push_back(d);
      overlay->AddActor2D(text_actor(short_local_time(t), d[0] + 0.7 * text, d[1] + 0.35 * text,
                                     0.95 * text, {0, 0, 0}, options, 0, 0, true));
    }
    add_dots(overlay, marks, 0.42 * text, {1, 1, 1});
    add_dots(overlay, marks, 0.30 * text, {0, 0, 0});
  }

  if (options.county_labels) {
    std::vector<std::array<double, 2>> seats;
    for (const CountyView& c : scene.counties) {
      const auto d = L.display(c.center);
      if (!L.in_rect(d)) continue;
      seats.push_back(d);
      const std::string name = cjk && !c.name_zh.empty() ? c.name_zh : c.name_en;
      overlay->AddActor2D(
          text_actor(name, d[0] + 0.45 * text, d[1], 0.9 * text, {0.1, 0.1, 0.1}, options, 0, 1));
    }
    add_dots(overlay, seats, 0.22 * text, {0.1, 0.1, 0.1});
  }
  add_map_frame(overlay, L);

  // --- title ---
  const double x_left = margins.left;
  const std::string heading =
      storm_heading(scene, cjk) + (cjk ? "  预警概览 Warning overview" : " — warning overview");
  base->AddActor2D(
      text_actor(heading, x_left, H - 0.022 * H, 0.03 * H, {0, 0, 0}, options, 0, 2, true));
  const std::string issued = (cjk ? "发布 Issued " : "Issued ") + local_time(scene.analysis_time) +
                             " · " + leads_text(scene) +
                             " · times are China Standard Time (UTC+08:00)";
  base->AddActor2D(
      text_actor(issued, x_left, H - 0.066 * H, 0.0175 * H, {0.15, 0.15, 0.15}, options, 0, 2));

  // --- right panel: colour bar and legend ---
  const double px = L.rect_x + L.rect_w + 0.03 * W;
  double y = H - margins.top;
  if (gale_lut) {
    const std::string ge = cjk ? "≥" : ">=";
    const std::string what =
        fmt::format("P(gale {} 17.2 m/s\nwithin {:g} h)", ge, scene.gale_window_h);
    base->AddActor2D(
        text_actor((cjk ? "大风概率 " : "") + what, px, y, text, {0, 0, 0}, options, 0, 2, true));
    y -= 3.4 * text;
    const double bar_h = 0.28 * H;
    base->AddActor2D(colour_bar(gale_lut, "%", px, y - bar_h, 0.1 * W, bar_h, text, 11, options));
    y -= bar_h + 2.0 * text;
  }
  base->AddActor2D(text_actor(cjk ? "台风预警信号 Typhoon signal" : "Typhoon signal", px, y, text,
                              {0, 0, 0}, options, 0, 2, true));
  y -= 1.8 * text;
  std::vector<LegendRow> rows;
  for (int level = 4; level >= 0; --level) {
    std::string label = signal_names[std::size_t(level)];
    label[0] = char(std::toupper(label[0]));
    if (cjk) label = std::string(signal_zh[std::size_t(level)]) + " " + label;
    rows.push_back({label, signal_colour(level), 0});
  }
  rows.push_back(
      {cjk ? "预报路径 Track, 12 h dots" : "Forecast track, 12 h dots", {0, 0, 0}, 3, 2.5});
  if (members)
    rows.push_back(
        {cjk ? "集合成员 Ensemble members" : "Ensemble members", {0.55, 0.55, 0.6}, 1, 1});
  if (best) rows.push_back({cjk ? "实况路径 Best track" : "Best track", {0.0, 0.45, 0.2}, 1, 2.5});
  if (scene.cone_centre.size() >= 2)
    rows.push_back({cjk ? "67% 概率圈 67 % cone" : "67 % cone", {0.30, 0.25, 0.20}, 1, 2});
  rows.push_back({cjk ? "海岸线 Coastline" : "Coastline", {0.12, 0.22, 0.38}, 1, 1.5});
  add_legend(base, rows, px, y, 1.7 * text, text, options);
  y -= double(rows.size()) * 1.7 * text + text;
  if (gale_lut)
    base->AddActor2D(text_actor("Counties show their signal;\ngale shading shows outside them.", px,
                                y, 0.85 * text, {0.3, 0.3, 0.3}, options, 0, 2));

  write_window_png(window, png, &errors);
  RenderResult r;
  r.rendered = true;
  r.files.push_back(png.filename().string());
  r.seconds = seconds_since(start);
  return r;
}

}  // namespace taifeng::viz
