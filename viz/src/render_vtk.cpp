// VTK plumbing shared by the renderers: off-screen windows, PNG capture, map actors,
// text, colour bars and legends.
#include <cmath>
#include <map>
#include <mutex>

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCommand.h>
#include <vtkContourTriangulator.h>
#include <vtkCoordinate.h>
#include <vtkDoubleArray.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty.h>
#include <vtkProperty2D.h>
#include <vtkRegularPolygonSource.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include "render_detail.hpp"
#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/error.hpp"

namespace taifeng::viz::detail {

namespace fs = std::filesystem;

namespace {

void collect_error(vtkObject*, unsigned long, void* client, void* call) {
  auto* text = static_cast<std::string*>(client);
  if (call != nullptr && text->empty()) *text = static_cast<const char*>(call);
}

void style(vtkTextProperty* p, double size_px, Rgb c, const RenderOptions& o, bool bold) {
  p->SetFontSize(int(std::lround(size_px)));
  p->SetColor(c.r, c.g, c.b);
  p->SetBold(bold);
  p->SetShadow(false);
  if (!o.font_file.empty()) {
    p->SetFontFamily(VTK_FONT_FILE);
    p->SetFontFile(o.font_file.c_str());
  }
}

// Does OpenGL work on this display? VTK makes a throw-away context; the answer is kept
// per DISPLAY value.
bool opengl_works(std::string* why) {
  static std::mutex mutex;
  static std::map<std::string, bool> known;
  const char* d = std::getenv("DISPLAY");
  const std::string key = d == nullptr ? "" : d;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = known.find(key);
  if (it == known.end()) {
    vtkNew<vtkRenderWindow> probe;
    probe->SetOffScreenRendering(1);
    it = known.emplace(key, probe->SupportsOpenGL() != 0).first;
  }
  if (!it->second && why != nullptr)
    *why = "OpenGL 3.2 is not available on X display '" + key + "'";
  return it->second;
}

}  // namespace

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::optional<RenderResult> precheck(const RenderOptions& options) {
  validate(options);
  std::string why;
  if (!display_available(&why) || !opengl_works(&why)) {
    RenderResult r;
    r.skipped_reason = "skipped: no display: " + why;
    return r;
  }
  return std::nullopt;
}

vtkSmartPointer<vtkRenderWindow> offscreen_window(int width, int height, int layers,
                                                  std::string* errors) {
  auto window = vtkSmartPointer<vtkRenderWindow>::New();
  window->SetOffScreenRendering(1);
  window->SetSize(width, height);
  window->SetNumberOfLayers(layers);
  window->SetMultiSamples(8);  // smooth lines; flat areas keep their exact colour
  window->SetAlphaBitPlanes(0);
  vtkNew<vtkCallbackCommand> on_error;
  on_error->SetCallback(collect_error);
  on_error->SetClientData(errors);
  window->AddObserver(vtkCommand::ErrorEvent, on_error);
  return window;
}

vtkSmartPointer<vtkRenderer> map_renderer(const MapLayout& l, Rgb background) {
  auto r = vtkSmartPointer<vtkRenderer>::New();
  r->SetViewport(double(l.rect_x) / l.win_w, double(l.rect_y) / l.win_h,
                 double(l.rect_x + l.rect_w) / l.win_w, double(l.rect_y + l.rect_h) / l.win_h);
  r->SetBackground(background.r, background.g, background.b);
  vtkCamera* cam = r->GetActiveCamera();
  cam->ParallelProjectionOn();
  cam->SetFocalPoint(l.cx, l.cy, 0);
  cam->SetPosition(l.cx, l.cy, 100);
  cam->SetViewUp(0, 1, 0);
  cam->SetParallelScale(l.half_h);
  cam->SetClippingRange(1, 200);  // map layers lie at 0 <= z <= 10
  return r;
}

void write_window_png(vtkRenderWindow* window, const fs::path& png, const std::string* errors) {
  window->Render();
  if (errors != nullptr && !errors->empty())
    throw_internal_error(png.string(), "VTK rendering failed: " + *errors);
  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->Update();
  vtkNew<vtkPNGWriter> writer;
  writer->SetInputConnection(grab->GetOutputPort());
  writer->WriteToMemoryOn();
  writer->Write();
  vtkUnsignedCharArray* bytes = writer->GetResult();
  if (bytes == nullptr || bytes->GetNumberOfValues() == 0)
    throw_internal_error(png.string(), "PNG encoding of the rendered image failed");
  write_file_atomic(png, std::string_view(reinterpret_cast<const char*>(bytes->GetPointer(0)),
                                          std::size_t(bytes->GetNumberOfValues())));
}

vtkSmartPointer<vtkTextActor> text_actor(const std::string& text, double x, double y,
                                         double size_px, Rgb colour, const RenderOptions& options,
                                         int halign, int valign, bool bold) {
  auto a = vtkSmartPointer<vtkTextActor>::New();
  a->SetInput(text.c_str());
  vtkTextProperty* p = a->GetTextProperty();
  style(p, size_px, colour, options, bold);
  p->SetJustification(halign);          // VTK_TEXT_LEFT 0, CENTERED 1, RIGHT 2
  p->SetVerticalJustification(valign);  // VTK_TEXT_BOTTOM 0, CENTERED 1, TOP 2
  a->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
  a->GetPositionCoordinate()->SetValue(x, y);
  return a;
}

vtkSmartPointer<vtkActor> flat_actor(vtkPolyData* poly, Rgb colour, double line_width) {
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputData(poly);
  mapper->ScalarVisibilityOff();
  auto a = vtkSmartPointer<vtkActor>::New();
  a->SetMapper(mapper);
  vtkProperty* p = a->GetProperty();
  p->SetColor(colour.r, colour.g, colour.b);
  p->SetAmbient(1);
  p->SetDiffuse(0);
  p->SetSpecular(0);
  p->LightingOff();
  p->SetLineWidth(float(line_width));
  return a;
}

vtkSmartPointer<vtkActor> scalar_actor(vtkPolyData* poly, vtkScalarsToColors* lut) {
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputData(poly);
  mapper->SetLookupTable(lut);
  mapper->UseLookupTableScalarRangeOn();
  mapper->SetScalarModeToUsePointData();
  mapper->InterpolateScalarsBeforeMappingOn();
  auto a = vtkSmartPointer<vtkActor>::New();
  a->SetMapper(mapper);
  vtkProperty* p = a->GetProperty();
  p->SetAmbient(1);
  p->SetDiffuse(0);
  p->SetSpecular(0);
  p->LightingOff();
  return a;
}

vtkSmartPointer<vtkActor2D> overlay_actor(vtkPolyData* poly, double line_width) {
  vtkNew<vtkPolyDataMapper2D> mapper;
  mapper->SetInputData(poly);
  mapper->ScalarVisibilityOn();
  mapper->SetScalarModeToUseCellData();
  auto a = vtkSmartPointer<vtkActor2D>::New();
  a->SetMapper(mapper);
  a->GetProperty()->SetLineWidth(float(line_width));
  return a;
}

vtkSmartPointer<vtkPolyData> polylines(const std::vector<std::vector<LonLat>>& lines,
                                       const MapLayout& layout, double z) {
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> cells;
  for (const auto& line : lines) {
    if (line.size() < 2) continue;
    cells->InsertNextCell(vtkIdType(line.size()));
    for (const LonLat& p : line) {
      const auto w = layout.world(p, z);
      cells->InsertCellPoint(points->InsertNextPoint(w.data()));
    }
  }
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->SetPoints(points);
  poly->SetLines(cells);
  return poly;
}

vtkSmartPointer<vtkPolyData> filled_multipolygon(const MultiPolygon& shape, const MapLayout& layout,
                                                 double z) {
  // Each ring as a closed polyline; the triangulator nests them (inner rings are holes).
  std::vector<std::vector<LonLat>> rings;
  for (const Polygon& part : shape) {
    rings.push_back(part.outer);
    for (const Ring& h : part.holes) rings.push_back(h);
  }
  for (auto& r : rings)
    if (r.size() >= 3 && (r.front().lon != r.back().lon || r.front().lat != r.back().lat))
      r.push_back(r.front());
  vtkSmartPointer<vtkPolyData> outline = polylines(rings, layout, z);
  vtkNew<vtkContourTriangulator> tri;
  tri->SetInputData(outline);
  tri->Update();
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->ShallowCopy(tri->GetOutput());
  return poly;
}

vtkSmartPointer<vtkPolyData> grid_surface(const GridField& field, const MapLayout& layout, double z,
                                          double scale) {
  const Grid& g = field.grid;
  TAIFENG_CHECK(field.values.size() == g.size(), "field '" + field.name + "' size mismatch");
  vtkNew<vtkPoints> points;
  points->SetNumberOfPoints(vtkIdType(g.size()));
  vtkNew<vtkDoubleArray> values;
  values->SetName(field.name.c_str());
  values->SetNumberOfValues(vtkIdType(g.size()));
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      const std::size_t k = g.index(i, j);
      const auto w = layout.world({g.lon(i), g.lat(j)}, z);
      points->SetPoint(vtkIdType(k), w.data());
      values->SetValue(vtkIdType(k), field.values[k] * scale);
    }
  vtkNew<vtkCellArray> quads;
  for (std::size_t j = 0; j + 1 < g.nlat; ++j)
    for (std::size_t i = 0; i + 1 < g.nlon; ++i) {
      const vtkIdType q[4] = {vtkIdType(g.index(i, j)), vtkIdType(g.index(i + 1, j)),
                              vtkIdType(g.index(i + 1, j + 1)), vtkIdType(g.index(i, j + 1))};
      quads->InsertNextCell(4, q);
    }
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->SetPoints(points);
  poly->SetPolys(quads);
  poly->GetPointData()->SetScalars(values);
  return poly;
}

vtkSmartPointer<vtkPolyData> disc(LonLat p, double radius_px, const MapLayout& layout, double z,
                                  int sides) {
  vtkNew<vtkRegularPolygonSource> src;
  const auto w = layout.world(p, z);
  src->SetCenter(w.data());
  src->SetRadius(radius_px / layout.px_per_unit());
  src->SetNumberOfSides(sides);
  src->GeneratePolygonOn();
  src->GeneratePolylineOff();
  src->Update();
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->ShallowCopy(src->GetOutput());
  return poly;
}

vtkSmartPointer<vtkLookupTable> colormap_lut(const std::string& name, double lo, double hi, int n,
                                             double alpha, int transparent_below, double t0) {
  auto lut = vtkSmartPointer<vtkLookupTable>::New();
  lut->SetNumberOfTableValues(n);
  lut->SetTableRange(lo, hi);
  for (int k = 0; k < n; ++k) {
    const double t = t0 + (1 - t0) * (n == 1 ? 0.0 : double(k) / (n - 1));
    const Rgb c = colormap(name, t);
    lut->SetTableValue(k, c.r, c.g, c.b, k < transparent_below ? 0.0 : alpha);
  }
  lut->SetNanColor(0, 0, 0, 0);
  lut->SetUseBelowRangeColor(false);
  lut->SetUseAboveRangeColor(false);
  lut->BuildSpecialColors();
  return lut;
}

vtkSmartPointer<vtkScalarBarActor> colour_bar(vtkLookupTable* lut, const std::string& title,
                                              double x, double y, double w, double h,
                                              double size_px, int labels,
                                              const RenderOptions& options) {
  auto bar = vtkSmartPointer<vtkScalarBarActor>::New();
  bar->SetLookupTable(lut);
  bar->SetTitle(title.c_str());
  bar->SetNumberOfLabels(labels);
  bar->SetLabelFormat("%g");
  bar->SetOrientationToVertical();
  bar->UnconstrainedFontSizeOn();
  bar->SetBarRatio(0.35);
  bar->SetMaximumNumberOfColors(lut->GetNumberOfTableValues());
  bar->DrawTickLabelsOn();
  bar->SetVerticalTitleSeparation(int(size_px * 0.6));
  style(bar->GetTitleTextProperty(), size_px, {0, 0, 0}, options, false);
  style(bar->GetLabelTextProperty(), size_px * 0.9, {0, 0, 0}, options, false);
  bar->GetTitleTextProperty()->SetJustificationToLeft();
  bar->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
  bar->GetPositionCoordinate()->SetValue(x, y);
  bar->GetPosition2Coordinate()->SetCoordinateSystemToDisplay();
  bar->GetPosition2Coordinate()->SetValue(w, h);
  return bar;
}

void add_legend(vtkRenderer* renderer, const std::vector<LegendRow>& rows, double x, double y_top,
                double row_h, double size_px, const RenderOptions& options) {
  const double sw = 1.6 * size_px, sh = 0.9 * size_px;  // symbol box
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const LegendRow& row = rows[k];
    const double yc = y_top - (double(k) + 0.5) * row_h;
    vtkNew<vtkPoints> pts;
    vtkNew<vtkCellArray> polys, lines;
    vtkNew<vtkUnsignedCharArray> colours;
    colours->SetNumberOfComponents(3);
    const unsigned char c[3] = {(unsigned char)std::lround(row.colour.r * 255),
                                (unsigned char)std::lround(row.colour.g * 255),
                                (unsigned char)std::lround(row.colour.b * 255)};
    const unsigned char edge[3] = {60, 60, 60};
    const auto segment = [&](double x0, double x1) {
      const vtkIdType a = pts->InsertNextPoint(x0, yc, 0), b = pts->InsertNextPoint(x1, yc, 0);
      const vtkIdType ids[2] = {a, b};
      lines->InsertNextCell(2, ids);
    };
    if (row.kind == 0) {
      const vtkIdType ids[4] = {
          pts->InsertNextPoint(x, yc - sh / 2, 0), pts->InsertNextPoint(x + sw, yc - sh / 2, 0),
          pts->InsertNextPoint(x + sw, yc + sh / 2, 0), pts->InsertNextPoint(x, yc + sh / 2, 0)};
      polys->InsertNextCell(4, ids);
      const vtkIdType ring[5] = {ids[0], ids[1], ids[2], ids[3], ids[0]};
      lines->InsertNextCell(5, ring);
    } else if (row.kind == 2) {
      for (int d = 0; d < 4; ++d) segment(x + d * sw / 4, x + d * sw / 4 + sw / 8);
    } else {
      segment(x, x + sw);
    }
    if (row.kind == 3) {
      vtkNew<vtkRegularPolygonSource> dot;
      dot->SetCenter(x + sw / 2, yc, 0);
      dot->SetRadius(0.28 * size_px);
      dot->SetNumberOfSides(16);
      dot->Update();
      vtkPolyData* d = dot->GetOutput();
      const vtkIdType base = pts->GetNumberOfPoints();
      for (vtkIdType i = 0; i < d->GetNumberOfPoints(); ++i) pts->InsertNextPoint(d->GetPoint(i));
      std::vector<vtkIdType> ids;
      for (vtkIdType i = 0; i < d->GetNumberOfPoints(); ++i) ids.push_back(base + i);
      polys->InsertNextCell(vtkIdType(ids.size()), ids.data());
    }
    vtkNew<vtkPolyData> poly;
    poly->SetPoints(pts);
    poly->SetPolys(polys);
    poly->SetLines(lines);
    // Cell order in a vtkPolyData: vertices, lines, polygons.
    for (vtkIdType i = 0; i < lines->GetNumberOfCells(); ++i)
      colours->InsertNextTypedTuple(row.kind == 0 ? edge : c);
    for (vtkIdType i = 0; i < polys->GetNumberOfCells(); ++i) colours->InsertNextTypedTuple(c);
    poly->GetCellData()->SetScalars(colours);
    renderer->AddActor2D(overlay_actor(poly, row.kind == 0 ? 1 : row.line_width));
    renderer->AddActor2D(
        text_actor(row.label, x + sw + 0.6 * size_px, yc, size_px, {0, 0, 0}, options, 0, 1));
  }
}

}  // namespace taifeng::viz::detail
