// Map layers drawn both in the overview and in the animation frames.
#include <algorithm>
#include <cmath>

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkColorTransferFunction.h>
#include <vtkContourFilter.h>
#include <vtkDoubleArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkUnsignedCharArray.h>

#include <fmt/format.h>

#include "render_detail.hpp"

namespace taifeng::viz::detail {

namespace {

constexpr double km_per_deg = 111.32;

double graticule_step(const MapBox& b) {
  const double span = std::max(b.lon_max - b.lon_min, b.lat_max - b.lat_min);
  for (const double s : {0.25, 0.5, 1.0, 2.0, 5.0, 10.0})
    if (span / s <= 6) return s;
  return 30;
}

std::string degrees(double v, char pos, char neg) {
  const char hemi = v >= 0 ? pos : neg;
  return fmt::format("{:g}°{}", std::abs(v), hemi);
}

}  // namespace

vtkSmartPointer<vtkActor> relief_actor(const GridField& relief, const MapLayout& layout, double z) {
  if (relief.grid.size() < 4 || relief.values.size() != relief.grid.size()) return nullptr;
  vtkSmartPointer<vtkPolyData> surface = grid_surface(relief, layout, z);
  // Pale colours: the map's information lies in the layers above.
  vtkNew<vtkColorTransferFunction> ctf;
  // Sea blue enough to differ from the light grey of "no signal" counties.
  ctf->AddRGBPoint(-4000, 0.62, 0.76, 0.90);
  ctf->AddRGBPoint(-200, 0.70, 0.82, 0.93);
  ctf->AddRGBPoint(-0.5, sea_colour.r, sea_colour.g, sea_colour.b);
  ctf->AddRGBPoint(0, 0.93, 0.92, 0.86);
  ctf->AddRGBPoint(400, 0.88, 0.86, 0.76);
  ctf->AddRGBPoint(1500, 0.78, 0.73, 0.64);
  ctf->SetNanColor(sea_colour.r, sea_colour.g, sea_colour.b);
  ctf->ClampingOn();
  return scalar_actor(surface, ctf);
}

void add_graticule(vtkRenderer* map, vtkRenderer* labels, const MapLayout& l, double z,
                   double size_px, const RenderOptions& options) {
  const MapBox& b = l.box;
  const double step = graticule_step(b);
  std::vector<std::vector<LonLat>> lines;
  const Rgb ink{0.25, 0.25, 0.25};
  for (double lon = std::ceil(b.lon_min / step) * step; lon <= b.lon_max + 1e-9; lon += step) {
    lines.push_back({{lon, b.lat_min}, {lon, b.lat_max}});
    const auto d = l.display({lon, b.lat_min});
    labels->AddActor2D(text_actor(degrees(lon, 'E', 'W'), d[0], l.rect_y - 0.3 * size_px, size_px,
                                  ink, options, 1, 2));
  }
  for (double lat = std::ceil(b.lat_min / step) * step; lat <= b.lat_max + 1e-9; lat += step) {
    lines.push_back({{b.lon_min, lat}, {b.lon_max, lat}});
    const auto d = l.display({b.lon_min, lat});
    labels->AddActor2D(text_actor(degrees(lat, 'N', 'S'), l.rect_x - 0.4 * size_px, d[1], size_px,
                                  ink, options, 2, 1));
  }
  map->AddActor(flat_actor(polylines(lines, l, z), {0.68, 0.70, 0.72}, 1));
}

vtkSmartPointer<vtkPolyData> county_outlines(const std::vector<CountyView>& counties,
                                             const MapLayout& layout, double z) {
  std::vector<std::vector<LonLat>> rings;
  for (const CountyView& c : counties)
    for (const Polygon& part : c.shape) {
      rings.push_back(part.outer);
      for (const Ring& h : part.holes) rings.push_back(h);
    }
  for (auto& r : rings)
    if (!r.empty()) r.push_back(r.front());
  return polylines(rings, layout, z);
}

vtkSmartPointer<vtkPolyData> cone_outline(const CycleScene& scene, const MapLayout& l, double z) {
  const auto& centre = scene.cone_centre;
  const auto& radius = scene.cone_radius_km;
  if (centre.size() < 2 || centre.size() != radius.size()) return nullptr;
  // Circles along the forecast, densified so that neighbours overlap well.
  std::vector<LonLat> cc;
  std::vector<double> cr;
  for (std::size_t k = 0; k + 1 < centre.size(); ++k) {
    const double d = great_circle_km(centre[k], centre[k + 1]);
    const double rmin = std::max(10.0, std::min(radius[k], radius[k + 1]));
    const int n = std::clamp(int(std::ceil(d / (0.25 * rmin))), 1, 200);
    for (int s = 0; s < n; ++s) {
      const double f = double(s) / n;
      cc.push_back({centre[k].lon + f * (centre[k + 1].lon - centre[k].lon),
                    centre[k].lat + f * (centre[k + 1].lat - centre[k].lat)});
      cr.push_back(radius[k] + f * (radius[k + 1] - radius[k]));
    }
  }
  cc.push_back(centre.back());
  cr.push_back(radius.back());
  // Signed distance to the union of the circles (km, < 0 inside) on a grid over their
  // bounding box (lon/lat), contoured at 0.
  double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
  for (std::size_t k = 0; k < cc.size(); ++k) {
    const double rl = cr[k] / km_per_deg;
    const double rlon = rl / std::max(0.1, std::cos(cc[k].lat * M_PI / 180));
    lon0 = std::min(lon0, cc[k].lon - rlon);
    lon1 = std::max(lon1, cc[k].lon + rlon);
    lat0 = std::min(lat0, cc[k].lat - rl);
    lat1 = std::max(lat1, cc[k].lat + rl);
  }
  const int n = 360;  // grid points per side
  const double dlon = (lon1 - lon0) / (n - 5), dlat = (lat1 - lat0) / (n - 5);
  if (!(dlon > 0) || !(dlat > 0)) return nullptr;
  lon0 -= 2 * dlon;
  lat0 -= 2 * dlat;
  vtkNew<vtkImageData> image;
  image->SetDimensions(n, n, 1);
  image->SetOrigin(lon0 * l.kx, lat0, z);
  image->SetSpacing(dlon * l.kx, dlat, 1);
  vtkNew<vtkDoubleArray> dist;
  dist->SetName("distance_km");
  dist->SetNumberOfValues(vtkIdType(n) * n);
  for (int j = 0; j < n; ++j) {
    const double lat = lat0 + j * dlat;
    const double coslat = std::cos(lat * M_PI / 180);
    for (int i = 0; i < n; ++i) {
      const double lon = lon0 + i * dlon;
      double best = 1e30;
      for (std::size_t k = 0; k < cc.size(); ++k) {
        const double dx = (lon - cc[k].lon) * coslat * km_per_deg;
        const double dy = (lat - cc[k].lat) * km_per_deg;
        best = std::min(best, std::sqrt(dx * dx + dy * dy) - cr[k]);
      }
      dist->SetValue(vtkIdType(j) * n + i, best);
    }
  }
  image->GetPointData()->SetScalars(dist);
  vtkNew<vtkContourFilter> contour;
  contour->SetInputData(image);
  contour->SetValue(0, 0.0);
  contour->Update();
  auto poly = vtkSmartPointer<vtkPolyData>::New();
  poly->ShallowCopy(contour->GetOutput());
  return poly;
}

const Track* forecast_track(const CycleScene& scene) {
  for (const MemberTrack& m : scene.tracks)
    if (m.member == 0 && !m.track.empty()) return &m.track;
  return nullptr;
}

void add_map_frame(vtkRenderer* overlay, const MapLayout& l) {
  vtkNew<vtkPoints> pts;
  const double x0 = l.rect_x, y0 = l.rect_y, x1 = l.rect_x + l.rect_w, y1 = l.rect_y + l.rect_h;
  pts->InsertNextPoint(x0, y0, 0);
  pts->InsertNextPoint(x1, y0, 0);
  pts->InsertNextPoint(x1, y1, 0);
  pts->InsertNextPoint(x0, y1, 0);
  vtkNew<vtkCellArray> lines;
  const vtkIdType ids[5] = {0, 1, 2, 3, 0};
  lines->InsertNextCell(5, ids);
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(pts);
  poly->SetLines(lines);
  vtkNew<vtkUnsignedCharArray> colour;
  colour->SetNumberOfComponents(3);
  const unsigned char black[3] = {40, 40, 40};
  colour->InsertNextTypedTuple(black);
  poly->GetCellData()->SetScalars(colour);
  overlay->AddActor2D(overlay_actor(poly, 1.5));
}

std::string short_local_time(TimePoint t) {
  const std::string iso = format_iso_offset(t, china_standard_offset);
  return iso.substr(5, 5) + " " + iso.substr(11, 5);
}

}  // namespace taifeng::viz::detail
