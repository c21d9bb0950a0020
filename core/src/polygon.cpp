#include "taifeng/core/polygon.hpp"

#include <algorithm>
#include <cmath>

namespace taifeng {

bool point_in_ring(const Ring& ring, LonLat p) {
  bool inside = false;
  const std::size_t n = ring.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const LonLat a = ring[i], b = ring[j];
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
      const double x = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
      if (p.lon < x) inside = !inside;
    }
  }
  return inside;
}

bool point_in_polygon(const Polygon& poly, LonLat p) {
  if (!point_in_ring(poly.outer, p)) return false;
  for (const Ring& h : poly.holes)
    if (point_in_ring(h, p)) return false;
  return true;
}

bool point_in_multipolygon(const MultiPolygon& mp, LonLat p) {
  return std::any_of(mp.begin(), mp.end(),
                     [&](const Polygon& poly) { return point_in_polygon(poly, p); });
}

std::vector<std::size_t> grid_points_inside(const Grid& grid, const MultiPolygon& mp) {
  std::vector<std::size_t> out;
  for (const Polygon& poly : mp) {
    if (poly.outer.empty()) continue;
    // Bounding box of the outer ring limits the points tested.
    double x0 = poly.outer[0].lon, x1 = x0, y0 = poly.outer[0].lat, y1 = y0;
    for (const LonLat& q : poly.outer) {
      x0 = std::min(x0, q.lon), x1 = std::max(x1, q.lon);
      y0 = std::min(y0, q.lat), y1 = std::max(y1, q.lat);
    }
    const long i0 = std::max(0L, long(std::ceil((x0 - grid.lon0) / grid.dlon)));
    const long i1 = std::min(long(grid.nlon) - 1, long(std::floor((x1 - grid.lon0) / grid.dlon)));
    const long j0 = std::max(0L, long(std::ceil((y0 - grid.lat0) / grid.dlat)));
    const long j1 = std::min(long(grid.nlat) - 1, long(std::floor((y1 - grid.lat0) / grid.dlat)));
    for (long j = j0; j <= j1; ++j)
      for (long i = i0; i <= i1; ++i)
        if (point_in_polygon(poly, {grid.lon(std::size_t(i)), grid.lat(std::size_t(j))}))
          out.push_back(grid.index(std::size_t(i), std::size_t(j)));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace taifeng
