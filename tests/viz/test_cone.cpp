#include "taifeng/viz/cone.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include "taifeng/core/error.hpp"
#include "taifeng/core/polygon.hpp"
#include "taifeng/core/units.hpp"

using namespace taifeng;

namespace {

// Brute force: how far p lies outside the cone (km, negative = inside), the cone being
// the union over consecutive pairs and t in [0, 1] of the circle of centre and radius
// interpolated linearly (the convex hull of two discs is exactly that union).
double outside_km(LonLat p, const std::vector<LonLat>& c, const std::vector<double>& r) {
  double best = great_circle_km(p, c[0]) - r[0];
  for (std::size_t k = 0; k + 1 < c.size(); ++k)
    for (int s = 0; s <= 400; ++s) {
      const double t = s / 400.0;
      const LonLat q{c[k].lon + t * (c[k + 1].lon - c[k].lon),
                     c[k].lat + t * (c[k + 1].lat - c[k].lat)};
      best = std::min(best, great_circle_km(p, q) - (r[k] + t * (r[k + 1] - r[k])));
    }
  return best;
}

// Area (km²) in the sinusoidal projection, which preserves area on the sphere.
double area_km2(const Ring& ring) {
  const double km_per_deg = deg_to_rad(1.0) * earth_radius_m / 1000.0;
  double a = 0;
  for (std::size_t k = 0; k < ring.size(); ++k) {
    const LonLat& p = ring[k];
    const LonLat& q = ring[(k + 1) % ring.size()];
    const double px = p.lon * std::cos(deg_to_rad(p.lat)) * km_per_deg, py = p.lat * km_per_deg;
    const double qx = q.lon * std::cos(deg_to_rad(q.lat)) * km_per_deg, qy = q.lat * km_per_deg;
    a += px * qy - qx * py;
  }
  return a / 2;
}

bool segments_cross(LonLat a, LonLat b, LonLat c, LonLat d) {
  const auto orient = [](LonLat p, LonLat q, LonLat r) {
    return (q.lon - p.lon) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lon - p.lon);
  };
  const double o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a),
               o4 = orient(c, d, b);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

// No two non-adjacent edges of the ring cross.
bool is_simple(const Ring& ring) {
  const std::size_t n = ring.size();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 2; j < n; ++j) {
      if (i == 0 && j == n - 1) continue;  // adjacent through the closing edge
      if (segments_cross(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) return false;
    }
  return true;
}

// tol_km covers the chord of a 5-degree arc step (r (1 - cos 2.5 deg) = 0.28 km at r = 290 km)
// and the planar tangent formula on the sphere (below 0.1 km at these sizes).
// The outline agrees with the brute-force cone: every vertex lies on its boundary (within
// tol_km), the ring is simple and counter-clockwise, contains every centre, and on a
// lattice of test points every point further than tol_km from the boundary is classified
// like the brute force does.
void check_against_brute_force(const std::vector<LonLat>& c, const std::vector<double>& r,
                               double tol_km) {
  const Ring ring = viz::cone_outline(c, r);
  REQUIRE(ring.size() >= 3);
  CHECK(is_simple(ring));
  CHECK(area_km2(ring) > 0);  // counter-clockwise
  for (const LonLat& v : ring) CHECK(std::abs(outside_km(v, c, r)) < tol_km);
  // Centres lie inside; a zero radius (the analysis position) puts its centre on the ring.
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (r[k] > 0) {
      CHECK(point_in_ring(ring, c[k]));
    } else {
      double d = INFINITY;
      for (const LonLat& v : ring) d = std::min(d, great_circle_km(v, c[k]));
      CHECK(d < 1e-6);
    }
  }

  double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
  for (const LonLat& v : ring) {
    lon0 = std::min(lon0, v.lon);
    lon1 = std::max(lon1, v.lon);
    lat0 = std::min(lat0, v.lat);
    lat1 = std::max(lat1, v.lat);
  }
  int inside = 0, outside = 0, wrong = 0;
  for (int i = -5; i <= 65; ++i)
    for (int j = -5; j <= 65; ++j) {
      const LonLat p{lon0 + (lon1 - lon0) * i / 60.0, lat0 + (lat1 - lat0) * j / 60.0};
      const double d = outside_km(p, c, r);
      if (std::abs(d) < tol_km) continue;
      const bool in = point_in_ring(ring, p);
      (d < 0 ? inside : outside)++;
      if (in != (d < 0)) ++wrong;
    }
  CHECK(wrong == 0);
  CHECK(inside > 500);  // the lattice really samples both sides
  CHECK(outside > 500);
}

}  // namespace

TEST_CASE("cone_outline of a straight track at constant radius is a stadium", "[viz][cone]") {
  // Along the 110E meridian from 18N to 21N: length 3 degrees of latitude.
  const double km_per_deg = deg_to_rad(1.0) * earth_radius_m / 1000.0;
  const std::vector<LonLat> c{{110, 18}, {110, 19.5}, {110, 21}};
  const std::vector<double> r{100, 100, 100};
  const Ring ring = viz::cone_outline(c, r);
  const double length = 3 * km_per_deg;
  // Inscribed polygon: arcs in steps of at most 5 degrees lose a factor sin(x)/x of
  // x = 5 degrees on the two end half-discs (0.13 %).
  const double x = deg_to_rad(5.0);
  const double expected = 2 * 100 * length + M_PI * 100 * 100 * std::sin(x) / x;
  CHECK(area_km2(ring) == Approx(expected).epsilon(2e-3));
  // Every vertex is 100 km from the track segment.
  for (const LonLat& v : ring) {
    const double lat = std::clamp(v.lat, 18.0, 21.0);
    CHECK(great_circle_km(v, {110, lat}) == Approx(100).margin(0.5));
  }
  check_against_brute_force(c, r, 0.5);
}

TEST_CASE("cone_outline follows a recurving track with growing radii", "[viz][cone]") {
  // A westward track that recurves to the north-east; radii as in a 5-day cone.
  const std::vector<LonLat> c{{116, 15},     {114.5, 16.2}, {113.3, 17.8},
                              {112.8, 19.6}, {113.2, 21.4}, {114.5, 23}};
  const std::vector<double> r{0, 60, 110, 170, 230, 290};
  check_against_brute_force(c, r, 0.5);
}

TEST_CASE("cone_outline joins a sharp turn at the crossing of the tangents", "[viz][cone]") {
  // East then north (a right angle), equal radii: the inner corner is the crossing.
  const std::vector<LonLat> c{{110, 18}, {111.5, 18}, {111.5, 19.5}};
  const std::vector<double> r{60, 60, 60};
  check_against_brute_force(c, r, 0.5);
  // A left turn back to the south-west (135 degrees).
  check_against_brute_force({{110, 18}, {111.5, 18}, {110.5, 17}}, {40, 60, 80}, 0.5);
}

TEST_CASE("cone_outline of one circle, nested circles and no circle", "[viz][cone]") {
  const LonLat centre{110.5, 19};
  const Ring circle = viz::cone_outline({centre}, {75});
  CHECK(circle.size() == 72);  // 360 / 5 degrees
  for (const LonLat& v : circle) CHECK(great_circle_km(v, centre) == Approx(75).epsilon(1e-9));
  CHECK(area_km2(circle) > 0);

  // A zero radius at the analysis inside the next circle: only that circle remains.
  const Ring nested = viz::cone_outline({{110.4, 19}, centre}, {0, 75});
  REQUIRE(nested.size() == 72);
  for (const LonLat& v : nested) CHECK(great_circle_km(v, centre) == Approx(75).epsilon(1e-9));

  CHECK(viz::cone_outline({}, {}).empty());
}

TEST_CASE("cone_outline rejects inconsistent input", "[viz][cone]") {
  CHECK_THROWS_AS(viz::cone_outline({{110, 18}}, {}), Error);
  CHECK_THROWS_AS(viz::cone_outline({{110, 18}}, {-1}), Error);
  CHECK_THROWS_AS(viz::cone_outline({{110, 18}}, {std::nan("")}), Error);
  CHECK_THROWS_AS(viz::cone_outline({{std::nan(""), 18}}, {10}), Error);
}
