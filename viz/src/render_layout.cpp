// Where the map goes in an image: the map box, the map rectangle and lon/lat -> pixels.
#include <algorithm>
#include <cmath>

#include "render_detail.hpp"
#include "taifeng/core/error.hpp"

namespace taifeng::viz {

namespace {

constexpr double pi = 3.14159265358979323846;
// Parts count for the box within max(min_reach_km, reach_factor x the median distance of
// the seats from their median): Hainan's parts lie within 107 km of it (median 75 km),
// Sansha's nearest reef 295 km away.
constexpr double min_reach_km = 100, reach_factor = 2.5;
constexpr double box_pad = 0.2;  // fraction of the span added on each side

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Vertex mean of a ring: enough to tell which parts lie near the others.
LonLat ring_mean(const Ring& r) {
  LonLat m{0, 0};
  for (const LonLat& p : r) {
    m.lon += p.lon;
    m.lat += p.lat;
  }
  m.lon /= double(r.size());
  m.lat /= double(r.size());
  return m;
}

}  // namespace

MapBox map_box(const RenderOptions& options, const CycleScene& scene) {
  if (options.map_box) return *options.map_box;
  std::vector<double> lons, lats;
  for (const CountyView& c : scene.counties) {
    lons.push_back(c.center.lon);
    lats.push_back(c.center.lat);
  }
  if (lons.empty()) return hainan_box;
  const LonLat mid{median(lons), median(lats)};
  std::vector<double> seat_km;
  for (const CountyView& c : scene.counties) seat_km.push_back(great_circle_km(mid, c.center));
  const double reach = std::max(min_reach_km, reach_factor * median(seat_km));
  MapBox b{1e9, -1e9, 1e9, -1e9};
  for (const CountyView& c : scene.counties)
    for (const Polygon& part : c.shape) {
      if (part.outer.empty() || great_circle_km(mid, ring_mean(part.outer)) > reach) continue;
      for (const LonLat& p : part.outer) {
        b.lon_min = std::min(b.lon_min, p.lon);
        b.lon_max = std::max(b.lon_max, p.lon);
        b.lat_min = std::min(b.lat_min, p.lat);
        b.lat_max = std::max(b.lat_max, p.lat);
      }
    }
  if (b.lon_min > b.lon_max) return hainan_box;  // only far-away parts
  const double dlon = std::max(b.lon_max - b.lon_min, 0.2);
  const double dlat = std::max(b.lat_max - b.lat_min, 0.2);
  const double clon = 0.5 * (b.lon_min + b.lon_max), clat = 0.5 * (b.lat_min + b.lat_max);
  return {clon - (0.5 + box_pad) * dlon, clon + (0.5 + box_pad) * dlon,
          clat - (0.5 + box_pad) * dlat, clat + (0.5 + box_pad) * dlat};
}

PixelXY map_pixel(const RenderOptions& options, const CycleScene& scene, LonLat p) {
  const detail::MapLayout layout =
      detail::map_layout(options.width, options.height, map_box(options, scene),
                         detail::overview_margins(options.width, options.height));
  const auto d = layout.display(p);
  return {d[0], double(options.height) - d[1]};
}

}  // namespace taifeng::viz

namespace taifeng::viz::detail {

Margins overview_margins(int width, int height) {
  // Title band on top, colour bar and legend on the right, graticule labels left/below.
  return {int(std::lround(0.1 * height)), int(std::lround(0.22 * width)),
          int(std::lround(0.045 * height)), int(std::lround(0.055 * width))};
}

Margins frame_margins(int width, int height) {
  return {int(std::lround(0.11 * height)), int(std::lround(0.15 * width)),
          int(std::lround(0.03 * height)), int(std::lround(0.03 * width))};
}

MapLayout map_layout(int width, int height, const MapBox& box, const Margins& m) {
  MapLayout l;
  l.win_w = width;
  l.win_h = height;
  l.box = box;
  l.kx = std::cos(0.5 * (box.lat_min + box.lat_max) * pi / 180.0);
  const double bw = (box.lon_max - box.lon_min) * l.kx, bh = box.lat_max - box.lat_min;
  const double aw = std::max(1, width - m.left - m.right);
  const double ah = std::max(1, height - m.top - m.bottom);
  const double s = std::min(aw / bw, ah / bh);  // pixels per world unit
  l.rect_w = std::max(1, int(std::floor(bw * s)));
  l.rect_h = std::max(1, int(std::floor(bh * s)));
  l.rect_x = m.left + int(aw - l.rect_w) / 2;
  l.rect_y = m.bottom + int(ah - l.rect_h) / 2;
  l.cx = 0.5 * (box.lon_min + box.lon_max) * l.kx;
  l.cy = 0.5 * (box.lat_min + box.lat_max);
  l.half_h = 0.5 * bh;
  return l;
}

std::array<double, 2> MapLayout::display(LonLat p) const {
  // The parallel camera maps [cy - half_h, cy + half_h] onto the rectangle's height and
  // uses the same scale horizontally.
  const double s = px_per_unit();
  return {rect_x + 0.5 * rect_w + (p.lon * kx - cx) * s, rect_y + 0.5 * rect_h + (p.lat - cy) * s};
}

bool MapLayout::in_rect(const std::array<double, 2>& d) const {
  return d[0] >= rect_x && d[0] <= rect_x + rect_w && d[1] >= rect_y && d[1] <= rect_y + rect_h;
}

double sample_nearest(const GridField& f, LonLat p) {
  if (f.grid.size() == 0 || f.values.size() != f.grid.size()) return std::nan("");
  const auto ij = f.grid.nearest(p.lon, p.lat);
  if (!ij) return std::nan("");
  return f.values[f.grid.index(ij->first, ij->second)];
}

double sample_bilinear(const GridField& f, LonLat p) {
  const Grid& g = f.grid;
  if (g.nlon < 2 || g.nlat < 2 || f.values.size() != g.size()) return sample_nearest(f, p);
  const double u = (p.lon - g.lon0) / g.dlon, v = (p.lat - g.lat0) / g.dlat;
  if (u < 0 || v < 0 || u > double(g.nlon - 1) || v > double(g.nlat - 1)) return std::nan("");
  const std::size_t i = std::min(std::size_t(u), g.nlon - 2);
  const std::size_t j = std::min(std::size_t(v), g.nlat - 2);
  const double fu = u - double(i), fv = v - double(j);
  const double a = f.values[g.index(i, j)], b = f.values[g.index(i + 1, j)];
  const double c = f.values[g.index(i, j + 1)], d = f.values[g.index(i + 1, j + 1)];
  if (std::isnan(a) || std::isnan(b) || std::isnan(c) || std::isnan(d)) return sample_nearest(f, p);
  return (1 - fv) * ((1 - fu) * a + fu * b) + fv * ((1 - fu) * c + fu * d);
}

}  // namespace taifeng::viz::detail
