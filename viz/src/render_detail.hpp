#pragma once
// Internal to viz: pieces shared by the render_*.cpp files (layout, colour maps, VTK
// helpers, the ffmpeg runner). VTK types appear only as forward declarations here.
#include <array>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <vtkSmartPointer.h>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/viz/render.hpp"

class vtkActor;
class vtkActor2D;
class vtkLookupTable;
class vtkPolyData;
class vtkRenderWindow;
class vtkRenderer;
class vtkScalarBarActor;
class vtkScalarsToColors;
class vtkTextActor;

namespace taifeng::viz::detail {

// ---- options, colours, labels (render_options.cpp) ----

struct Rgb {
  double r = 0, g = 0, b = 0;  // 0..1
};
Rgb rgb_of(const std::array<unsigned char, 3>& c);
// Colour of t in [0, 1] (clamped) on the named map; throws for an unknown name.
Rgb colormap(const std::string& name, double t);
bool known_colormap(const std::string& name);

// Throws an input error naming the option for a value out of range.
void validate(const RenderOptions& options);

// "2005-09-25 08:00 +08:00"
std::string local_time(TimePoint t);
// "台风 达维 DAMREY (WP182005)" — the Chinese name only when the font can draw it.
std::string storm_heading(const CycleScene& scene, bool cjk);
// "forecast leads 0–72 h every 6 h"
std::string leads_text(const CycleScene& scene);
bool cjk_font(const RenderOptions& options);

// ---- map layout (render_layout.cpp) ----

struct Margins {
  int top = 0, right = 0, bottom = 0, left = 0;  // pixels around the map rectangle
};
Margins overview_margins(int width, int height);
Margins frame_margins(int width, int height);

// A lon/lat box drawn into a rectangle of a window: world x = lon * kx, y = lat, seen by
// a parallel camera whose parallel scale is half_h.
struct MapLayout {
  int win_w = 0, win_h = 0;
  int rect_x = 0, rect_y = 0, rect_w = 0, rect_h = 0;  // pixels, from the bottom-left
  MapBox box;
  double kx = 1;          // cos(mid latitude of the box)
  double cx = 0, cy = 0;  // world centre of the box
  double half_h = 1;      // half the box's height in world units
  double px_per_unit() const { return rect_h / (2.0 * half_h); }
  std::array<double, 3> world(LonLat p, double z) const { return {p.lon * kx, p.lat, z}; }
  // Display coordinates (pixels from the window's bottom-left corner).
  std::array<double, 2> display(LonLat p) const;
  bool in_rect(const std::array<double, 2>& d) const;
};
MapLayout map_layout(int width, int height, const MapBox& box, const Margins& margins);

// ---- VTK helpers (render_vtk.cpp) ----

// An off-screen render window of the given size with `layers` renderer layers; VTK errors
// raised through the window are collected in *errors.
vtkSmartPointer<vtkRenderWindow> offscreen_window(int width, int height, int layers,
                                                  std::string* errors);
// A renderer showing layout's box in its rectangle (parallel camera looking down -z).
vtkSmartPointer<vtkRenderer> map_renderer(const MapLayout& layout, Rgb background);
// Renders and writes the window's image as a PNG (atomically); a VTK error collected in
// *errors during the render is thrown as an internal error.
void write_window_png(vtkRenderWindow* window, const std::filesystem::path& png,
                      const std::string* errors);

// Text at display position (x, y); halign 0 left, 1 centre, 2 right; valign 0 bottom,
// 1 centre, 2 top.
vtkSmartPointer<vtkTextActor> text_actor(const std::string& text, double x, double y,
                                         double size_px, Rgb colour, const RenderOptions& options,
                                         int halign = 0, int valign = 0, bool bold = false);
// A flat-coloured actor: colours exactly as given (no lighting).
vtkSmartPointer<vtkActor> flat_actor(vtkPolyData* poly, Rgb colour, double line_width = 1);
// Unlit actor coloured by its point scalars through lut.
vtkSmartPointer<vtkActor> scalar_actor(vtkPolyData* poly, vtkScalarsToColors* lut);
// 2-D actor of display-coordinate polydata with cell colours (unsigned char RGB).
vtkSmartPointer<vtkActor2D> overlay_actor(vtkPolyData* poly, double line_width = 1);

// Polylines in world coordinates at height z.
vtkSmartPointer<vtkPolyData> polylines(const std::vector<std::vector<LonLat>>& lines,
                                       const MapLayout& layout, double z);
// Filled (triangulated, holes respected) multipolygon at height z.
vtkSmartPointer<vtkPolyData> filled_multipolygon(const MultiPolygon& shape, const MapLayout& layout,
                                                 double z);
// The grid's points as a quad mesh at height z with point scalars value * scale.
vtkSmartPointer<vtkPolyData> grid_surface(const GridField& field, const MapLayout& layout, double z,
                                          double scale = 1);
// Circle of radius_px pixels around p (as a polygon) at height z.
vtkSmartPointer<vtkPolyData> disc(LonLat p, double radius_px, const MapLayout& layout, double z,
                                  int sides = 24);

// Lookup table of n colours of the named map over [lo, hi]; NaN transparent. Entries with
// index < transparent_below get alpha 0, others alpha `alpha`.
vtkSmartPointer<vtkLookupTable> colormap_lut(const std::string& name, double lo, double hi, int n,
                                             double alpha = 1, int transparent_below = 0,
                                             double t0 = 0);
// Vertical colour bar in display pixels (x, y = lower-left), labels in font size_px.
vtkSmartPointer<vtkScalarBarActor> colour_bar(vtkLookupTable* lut, const std::string& title,
                                              double x, double y, double w, double h,
                                              double size_px, int labels,
                                              const RenderOptions& options);

// Coloured squares and line samples with labels (legend rows, top to bottom).
struct LegendRow {
  std::string label;
  Rgb colour;
  int kind = 0;  // 0 filled square, 1 line, 2 dashed line, 3 line with a dot
  double line_width = 2;
};
void add_legend(vtkRenderer* renderer, const std::vector<LegendRow>& rows, double x, double y_top,
                double row_h, double size_px, const RenderOptions& options);

// Wall-clock seconds since `start` (steady clock).
double seconds_since(std::chrono::steady_clock::time_point start);

// Validates options and checks the display: an empty optional means "go ahead".
std::optional<RenderResult> precheck(const RenderOptions& options);

// ---- map layers shared by the overview and the animation (render_map_layers.cpp) ----

// Shallow sea, and the map background where there is no relief.
inline constexpr Rgb sea_colour{0.74, 0.85, 0.95};
// Relief shaded land/sea background; nullptr without relief.
vtkSmartPointer<vtkActor> relief_actor(const GridField& relief, const MapLayout& layout, double z);
// Meridians and parallels (in `map`) with their degree labels outside the map rectangle
// (in `labels`).
void add_graticule(vtkRenderer* map, vtkRenderer* labels, const MapLayout& layout, double z,
                   double size_px, const RenderOptions& options);
// Every county ring as a closed polyline.
vtkSmartPointer<vtkPolyData> county_outlines(const std::vector<CountyView>& counties,
                                             const MapLayout& layout, double z);
// Outline of the cone: the envelope of the circles (centre, radius) along the forecast,
// interpolated between leads; nullptr without a cone.
vtkSmartPointer<vtkPolyData> cone_outline(const CycleScene& scene, const MapLayout& layout,
                                          double z);
// The forecast track (member 0), nullptr if none.
const Track* forecast_track(const CycleScene& scene);
// A thin frame around the map rectangle.
void add_map_frame(vtkRenderer* overlay, const MapLayout& layout);
// "09-25 20:00" in China Standard Time.
std::string short_local_time(TimePoint t);

// ---- terrain sampling (render_layout.cpp) ----

// Bilinear value of field at p (nearest when a corner is NaN); NaN outside the grid.
double sample_bilinear(const GridField& field, LonLat p);
// Nearest grid value; NaN outside the grid.
double sample_nearest(const GridField& field, LonLat p);

// ---- processes (render_process.cpp) ----

struct ProcessResult {
  bool started = false;
  int exit_code = -1;
  std::string message;  // why it did not start, or the last lines of its output
};
// Runs argv (searched in PATH) with stdin from /dev/null and stdout+stderr to `log`.
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& log);

}  // namespace taifeng::viz::detail
