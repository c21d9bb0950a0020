#pragma once
// Planar polygon geometry in lon/lat degrees (adequate for county-sized shapes away
// from the poles and the antimeridian).
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"

namespace taifeng {

using Ring = std::vector<LonLat>;

struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
};

using MultiPolygon = std::vector<Polygon>;

// Even-odd rule; points exactly on an edge may fall either way.
bool point_in_ring(const Ring& ring, LonLat p);
bool point_in_polygon(const Polygon& poly, LonLat p);
bool point_in_multipolygon(const MultiPolygon& mp, LonLat p);

// Indices (j*nlon + i) of the grid points inside the multipolygon.
std::vector<std::size_t> grid_points_inside(const Grid& grid, const MultiPolygon& mp);

}  // namespace taifeng
