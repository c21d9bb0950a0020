// Planar point-in-polygon (even-odd) and the grid points inside a multipolygon.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/core/polygon.hpp"

using namespace taifeng;

namespace {

Ring box(double x0, double y0, double x1, double y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

// Indices of every grid point inside mp, without the bounding-box shortcut of the code.
std::vector<std::size_t> brute_force_inside(const Grid& g, const MultiPolygon& mp) {
  std::vector<std::size_t> out;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i)
      if (point_in_multipolygon(mp, {g.lon(i), g.lat(j)})) out.push_back(g.index(i, j));
  return out;
}

// The 0.25 deg grid below has exactly representable coordinates (multiples of 1/4), so
// points on polygon edges are decided deterministically.
const Grid grid = Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.25);

}  // namespace

TEST_CASE("polygon: unit square", "[polygon]") {
  const Ring sq = box(0.0, 0.0, 1.0, 1.0);
  CHECK(point_in_ring(sq, {0.5, 0.5}));
  CHECK(point_in_ring(sq, {0.01, 0.99}));
  CHECK(point_in_ring(sq, {0.99, 0.01}));
  CHECK_FALSE(point_in_ring(sq, {1.5, 0.5}));
  CHECK_FALSE(point_in_ring(sq, {-0.5, 0.5}));
  CHECK_FALSE(point_in_ring(sq, {0.5, 1.5}));
  CHECK_FALSE(point_in_ring(sq, {0.5, -0.01}));
  CHECK_FALSE(point_in_ring(sq, {2.0, 2.0}));
  // Orientation and an explicitly closed ring (GeoJSON repeats the first vertex) do not
  // matter.
  Ring cw(sq.rbegin(), sq.rend());
  CHECK(point_in_ring(cw, {0.5, 0.5}));
  CHECK_FALSE(point_in_ring(cw, {1.5, 0.5}));
  Ring closed = sq;
  closed.push_back(sq.front());
  CHECK(point_in_ring(closed, {0.5, 0.5}));
  CHECK_FALSE(point_in_ring(closed, {0.5, 1.5}));
  // A degenerate ring contains nothing.
  CHECK_FALSE(point_in_ring({}, {0.0, 0.0}));
  CHECK_FALSE(point_in_ring({{0.0, 0.0}}, {0.0, 0.0}));
}

TEST_CASE("polygon: concave L-shape", "[polygon]") {
  //  (0,2)-(1,2)
  //    |     |
  //    |   (1,1)-(2,1)
  //    |           |
  //  (0,0)-------(2,0)
  const Ring l = {{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}};
  CHECK(point_in_ring(l, {0.5, 0.5}));
  CHECK(point_in_ring(l, {1.5, 0.5}));
  CHECK(point_in_ring(l, {0.5, 1.5}));
  CHECK_FALSE(point_in_ring(l, {1.5, 1.5}));  // the notch
  CHECK_FALSE(point_in_ring(l, {2.5, 0.5}));
  CHECK_FALSE(point_in_ring(l, {0.5, 2.5}));
  // Rays through a vertex at the notch height: (0.5, 1) is inside the left arm.
  CHECK(point_in_ring(l, {0.5, 1.0}));
  CHECK(point_in_ring(l, {1.5, 0.999}));
  CHECK_FALSE(point_in_ring(l, {1.5, 1.001}));
  CHECK_FALSE(point_in_ring(l, {-0.5, 1.0}));
  CHECK_FALSE(point_in_ring(l, {2.5, 1.0}));
}

TEST_CASE("polygon: polygon with a hole", "[polygon]") {
  Polygon p{box(0.0, 0.0, 4.0, 4.0), {box(1.0, 1.0, 3.0, 3.0)}};
  CHECK(point_in_polygon(p, {0.5, 0.5}));
  CHECK(point_in_polygon(p, {3.5, 2.0}));
  CHECK(point_in_polygon(p, {2.0, 3.5}));
  CHECK_FALSE(point_in_polygon(p, {2.0, 2.0}));  // in the hole
  CHECK_FALSE(point_in_polygon(p, {1.1, 2.9}));
  CHECK_FALSE(point_in_polygon(p, {5.0, 5.0}));
  // A hole wound the other way round is still a hole.
  std::reverse(p.holes[0].begin(), p.holes[0].end());
  CHECK_FALSE(point_in_polygon(p, {2.0, 2.0}));
  CHECK(point_in_polygon(p, {0.5, 0.5}));
  // Two holes.
  p.holes.push_back(box(3.2, 3.2, 3.8, 3.8));
  CHECK_FALSE(point_in_polygon(p, {3.5, 3.5}));
  CHECK(point_in_polygon(p, {3.5, 0.5}));
}

TEST_CASE("polygon: multipolygon", "[polygon]") {
  const MultiPolygon mp = {
      Polygon{box(0.0, 0.0, 1.0, 1.0), {}},
      Polygon{box(5.0, 5.0, 8.0, 8.0), {box(6.0, 6.0, 7.0, 7.0)}},
  };
  CHECK(point_in_multipolygon(mp, {0.5, 0.5}));
  CHECK(point_in_multipolygon(mp, {5.5, 5.5}));
  CHECK_FALSE(point_in_multipolygon(mp, {6.5, 6.5}));  // hole of the second part
  CHECK_FALSE(point_in_multipolygon(mp, {3.0, 3.0}));  // between the parts
  CHECK_FALSE(point_in_multipolygon({}, {0.5, 0.5}));
  // A part whose hole is covered by another part: the point is inside the multipolygon.
  MultiPolygon island = mp;
  island.push_back(Polygon{box(6.2, 6.2, 6.8, 6.8), {}});
  CHECK(point_in_multipolygon(island, {6.5, 6.5}));
}

TEST_CASE("polygon: grid points inside a 1x1 deg square on a 0.25 deg grid", "[polygon]") {
  const MultiPolygon sq = {Polygon{box(110.0, 20.0, 111.0, 21.0), {}}};
  const auto inside = grid_points_inside(grid, sq);
  // The closed square holds 5 x 5 grid points, 3 x 3 of them strictly interior. Boundary
  // points "may fall either way" (polygon.hpp); with the half-open crossing rule of
  // point_in_ring the west and south edges are in and the east and north edges out, so
  // 4 x 4 = 16 points: lon 110.00..110.75, lat 20.00..20.75.
  CHECK(inside.size() == 16);
  std::vector<std::size_t> expected;
  for (std::size_t j = 20; j < 24; ++j)  // lat(20) = 15 + 20 * 0.25 = 20
    for (std::size_t i = 20; i < 24; ++i) expected.push_back(grid.index(i, j));
  CHECK(inside == expected);
  // Whatever the boundary rule: all interior points in, nothing outside the closed square.
  for (std::size_t j = 21; j <= 23; ++j)
    for (std::size_t i = 21; i <= 23; ++i)
      CHECK(std::binary_search(inside.begin(), inside.end(), grid.index(i, j)));
  for (std::size_t k : inside) {
    const double lon = grid.lon(k % grid.nlon), lat = grid.lat(k / grid.nlon);
    CHECK(lon >= 110.0);
    CHECK(lon <= 111.0);
    CHECK(lat >= 20.0);
    CHECK(lat <= 21.0);
  }
  // The bounding-box shortcut gives the same points as testing every grid point.
  CHECK(inside == brute_force_inside(grid, sq));
}

TEST_CASE("polygon: grid points inside holes, several parts and the grid edge", "[polygon]") {
  SECTION("square with a hole off the grid lines") {
    // Outer 2x2 deg: 8 x 8 points under the half-open rule; the hole
    // [110.6, 111.4]^2 removes the 3 x 3 points 110.75, 111.0, 111.25.
    const MultiPolygon mp = {
        Polygon{box(110.0, 20.0, 112.0, 22.0), {box(110.6, 20.6, 111.4, 21.4)}}};
    const auto inside = grid_points_inside(grid, mp);
    CHECK(inside.size() == 64 - 9);
    CHECK_FALSE(std::binary_search(inside.begin(), inside.end(), grid.index(24, 24)));
    CHECK(std::binary_search(inside.begin(), inside.end(), grid.index(22, 22)));
    CHECK(inside == brute_force_inside(grid, mp));
  }
  SECTION("overlapping parts give each point once, sorted") {
    const MultiPolygon mp = {Polygon{box(110.1, 20.1, 110.9, 20.9), {}},
                             Polygon{box(110.4, 20.4, 111.4, 21.4), {}}};
    const auto inside = grid_points_inside(grid, mp);
    // Part 1: 110.25..110.75 -> 3 x 3; part 2: 110.5..111.25 -> 4 x 4; shared: 2 x 2.
    CHECK(inside.size() == 9 + 16 - 4);
    CHECK(std::is_sorted(inside.begin(), inside.end()));
    CHECK(std::adjacent_find(inside.begin(), inside.end()) == inside.end());
    CHECK(inside == brute_force_inside(grid, mp));
  }
  SECTION("a polygon across the grid edge is clipped") {
    // lon 114.5..116 / lat 24.5..26 on a grid ending at 115 / 25: lon 114.5, 114.75, 115
    // and lat 24.5, 24.75, 25 -> 3 x 3 points.
    const MultiPolygon mp = {Polygon{box(114.5, 24.5, 116.0, 26.0), {}}};
    const auto inside = grid_points_inside(grid, mp);
    CHECK(inside.size() == 9);
    CHECK(inside.back() == grid.size() - 1);
    CHECK(inside == brute_force_inside(grid, mp));
  }
  SECTION("a polygon outside the grid or without vertices gives nothing") {
    CHECK(grid_points_inside(grid, {Polygon{box(90.0, 0.0, 91.0, 1.0), {}}}).empty());
    CHECK(grid_points_inside(grid, {Polygon{box(120.0, 30.0, 121.0, 31.0), {}}}).empty());
    CHECK(grid_points_inside(grid, {Polygon{}}).empty());
    CHECK(grid_points_inside(grid, {}).empty());
  }
  SECTION("a concave L-shape") {
    // L of 2 deg arms, 1 deg wide, anchored at (110, 20); notch [111,112]x[21,22].
    const Ring l = {{110, 20}, {112, 20}, {112, 21}, {111, 21}, {111, 22}, {110, 22}};
    const MultiPolygon mp = {Polygon{l, {}}};
    const auto inside = grid_points_inside(grid, mp);
    // Half-open rule: 8 x 8 points of the 2x2 box minus the 4 x 4 of the notch.
    CHECK(inside.size() == 64 - 16);
    CHECK_FALSE(std::binary_search(inside.begin(), inside.end(), grid.index(26, 26)));
    CHECK(inside == brute_force_inside(grid, mp));
  }
}
