// Spherical geometry (geo.hpp), the regular lat/lon grid (grid.hpp) and units (units.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/units.hpp"

using namespace taifeng;

namespace {

constexpr double r_km = 6371.0;  // mean Earth radius the code documents (earth_radius_m)
constexpr double pi = std::numbers::pi;

// Independent great-circle distance: angle between the two unit vectors, from
// atan2(|a x b|, a . b), which is well conditioned at all distances.
double vector_distance_km(LonLat a, LonLat b) {
  auto unit = [](LonLat p) {
    const double lon = p.lon * pi / 180.0, lat = p.lat * pi / 180.0;
    return std::array<double, 3>{std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon),
                                 std::sin(lat)};
  };
  const auto u = unit(a), v = unit(b);
  const double cx = u[1] * v[2] - u[2] * v[1], cy = u[2] * v[0] - u[0] * v[2],
               cz = u[0] * v[1] - u[1] * v[0];
  const double dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  return r_km * std::atan2(std::sqrt(cx * cx + cy * cy + cz * cz), dot);
}

// Independent haversine, written out from the textbook formula.
double haversine_km(LonLat a, LonLat b) {
  const double f1 = a.lat * pi / 180.0, f2 = b.lat * pi / 180.0;
  const double df = f2 - f1, dl = (b.lon - a.lon) * pi / 180.0;
  const double s1 = std::sin(df / 2.0), s2 = std::sin(dl / 2.0);
  const double h = s1 * s1 + std::cos(f1) * std::cos(f2) * s2 * s2;
  return 2.0 * r_km * std::asin(std::sqrt(h));
}

// Smallest absolute difference of two bearings, degrees.
double angle_diff(double a, double b) {
  const double d = std::fmod(std::fabs(a - b), 360.0);
  return std::min(d, 360.0 - d);
}

const LonLat haikou{110.33, 20.03};
const LonLat sanya{109.51, 18.25};

}  // namespace

TEST_CASE("geo: great_circle_km of one degree and of Haikou-Sanya", "[geo]") {
  CHECK(earth_radius_m == 6371000.0);
  // 1 deg of latitude = R * pi / 180 = 111.19492664 km; 1e-3 km allows only rounding.
  const double one_deg = r_km * pi / 180.0;
  CHECK(one_deg == Approx(111.195).margin(1e-3));
  CHECK(great_circle_km({110.0, 20.0}, {110.0, 21.0}) == Approx(one_deg).margin(1e-3));
  CHECK(great_circle_km({110.0, -0.5}, {110.0, 0.5}) == Approx(one_deg).margin(1e-3));
  // One degree of longitude on the equator is the same arc.
  CHECK(great_circle_km({0.0, 0.0}, {1.0, 0.0}) == Approx(one_deg).margin(1e-3));
  // ... and at 60N it is half of it along the parallel, but the great circle is shorter:
  // chord geometry gives 2 R asin(cos60 sin 0.5deg).
  const double at60 = 2.0 * r_km * std::asin(0.5 * std::sin(0.5 * pi / 180.0));
  CHECK(great_circle_km({0.0, 60.0}, {1.0, 60.0}) == Approx(at60).margin(1e-6));
  CHECK(great_circle_km(haikou, haikou) == 0.0);

  // Haikou -> Sanya against two independent formulas. Both evaluate the same sphere in
  // double precision, so 1e-6 km (1 mm) only allows rounding differences.
  const double d = great_circle_km(haikou, sanya);
  CHECK(d == Approx(haversine_km(haikou, sanya)).margin(1e-6));
  CHECK(d == Approx(vector_distance_km(haikou, sanya)).margin(1e-6));
  CHECK(d == Approx(215.0).margin(2.0));  // the well-known ~215 km straight-line distance
  CHECK(great_circle_km(sanya, haikou) == Approx(d).margin(1e-9));  // symmetric

  // Antipodes: half the circumference (the sqrt(h) <= 1 clamp must not produce NaN).
  CHECK(great_circle_km({0.0, 0.0}, {180.0, 0.0}) == Approx(pi * r_km).margin(1e-6));
  CHECK(great_circle_km({0.0, 90.0}, {0.0, -90.0}) == Approx(pi * r_km).margin(1e-6));
}

TEST_CASE("geo: bearing_deg in the four cardinal directions", "[geo]") {
  // Exact cardinal bearings: tolerance 1e-9 deg covers only rounding.
  CHECK(bearing_deg({110.0, 20.0}, {110.0, 21.0}) == Approx(0.0).margin(1e-9));
  CHECK(bearing_deg({110.0, 0.0}, {111.0, 0.0}) == Approx(90.0).margin(1e-9));
  CHECK(bearing_deg({110.0, 21.0}, {110.0, 20.0}) == Approx(180.0).margin(1e-9));
  CHECK(bearing_deg({111.0, 0.0}, {110.0, 0.0}) == Approx(270.0).margin(1e-9));
  // Due east along 20N the great circle starts slightly poleward of east.
  const double ene = bearing_deg({110.0, 20.0}, {111.0, 20.0});
  CHECK(ene < 90.0);
  CHECK(ene > 89.5);
  // Haikou -> Sanya is south-south-west; flat-Earth estimate atan2(dx, dy) within 1 deg.
  const double dx = (sanya.lon - haikou.lon) * std::cos(19.14 * pi / 180.0);
  const double dy = sanya.lat - haikou.lat;
  const double flat = std::atan2(dx, dy) * 180.0 / pi + 360.0;
  const double b = bearing_deg(haikou, sanya);
  CHECK(angle_diff(b, flat) < 1.0);
  // Always in [0, 360), also for bearings a hair west of north, where brg + 360 rounds
  // to 360 and must wrap to 0.
  for (double lat : {-1.0, 1.0}) {
    for (double lon : {-179.0, -90.0, -1e-12, -1e-16, 0.0, 1e-16, 45.0, 179.9}) {
      const double v = bearing_deg({0.0, 0.0}, {lon, lat});
      INFO("to " << lon << "," << lat << ": " << v);
      CHECK(v >= 0.0);
      CHECK(v < 360.0);
    }
  }
}

TEST_CASE("geo: destination is the inverse of bearing and distance", "[geo]") {
  // One degree of latitude north.
  const LonLat n = destination({110.0, 20.0}, 0.0, r_km * pi / 180.0);
  CHECK(n.lon == Approx(110.0).margin(1e-9));
  CHECK(n.lat == Approx(21.0).margin(1e-9));
  // Round trip: going d km along bearing b and measuring back gives b and d again.
  // 1e-6 deg / 1e-6 km: the inverse formulas lose a few ulps of a 1e-2 rad argument.
  for (const LonLat p : {haikou, sanya, LonLat{0.0, 0.0}, LonLat{140.0, -35.0}}) {
    for (double brg : {0.0, 37.5, 90.0, 135.0, 180.0, 225.0, 270.0, 359.0}) {
      for (double d : {1.0, 50.0, 500.0, 3000.0}) {
        const LonLat q = destination(p, brg, d);
        INFO("from " << p.lon << "," << p.lat << " bearing " << brg << " distance " << d);
        CHECK(angle_diff(bearing_deg(p, q), brg) < 1e-6);
        CHECK(great_circle_km(p, q) == Approx(d).margin(1e-6));
      }
    }
  }
  // Destination of the measured bearing and distance Haikou -> Sanya lands on Sanya.
  const LonLat s = destination(haikou, bearing_deg(haikou, sanya), great_circle_km(haikou, sanya));
  CHECK(s.lon == Approx(sanya.lon).margin(1e-6));
  CHECK(s.lat == Approx(sanya.lat).margin(1e-6));
}

TEST_CASE("grid: from_box of the Hainan domain", "[grid]") {
  const Grid g = Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.05);
  CHECK(g.nlon == 201);
  CHECK(g.nlat == 201);
  CHECK(g.size() == 201u * 201u);
  CHECK(g.lon0 == 105.0);
  CHECK(g.lat0 == 15.0);
  CHECK(g.dlon == 0.05);
  CHECK(g.dlat == 0.05);
  // i * 0.05 carries the representation error of 0.05 (~3e-18 * 200): 1e-9 deg is ample.
  CHECK(g.lon(200) == Approx(115.0).margin(1e-9));
  CHECK(g.lat(200) == Approx(25.0).margin(1e-9));
  CHECK(g.lon_max() == Approx(115.0).margin(1e-9));
  CHECK(g.lat_max() == Approx(25.0).margin(1e-9));
  CHECK(g.lon(100) == Approx(110.0).margin(1e-9));
  CHECK(g.index(0, 0) == 0);
  CHECK(g.index(200, 0) == 200);
  CHECK(g.index(0, 1) == 201);
  CHECK(g.index(200, 200) == g.size() - 1);
  CHECK(g == Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.05));
  CHECK_FALSE(g == Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.1));
  // Non-square boxes and another resolution.
  const Grid h = Grid::from_box(100.0, 130.0, 0.0, 40.0, 0.25);
  CHECK(h.nlon == 121);
  CHECK(h.nlat == 161);
}

TEST_CASE("grid: from_box rejects boxes that are not whole steps", "[grid]") {
  CHECK_THROWS_AS(Grid::from_box(105.0, 115.03, 15.0, 25.0, 0.05), Error);
  CHECK_THROWS_AS(Grid::from_box(105.0, 115.0, 15.0, 25.02, 0.05), Error);
  CHECK_THROWS_AS(Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.0), Error);
  CHECK_THROWS_AS(Grid::from_box(105.0, 115.0, 15.0, 25.0, -0.05), Error);
  CHECK_THROWS_AS(Grid::from_box(115.0, 105.0, 15.0, 25.0, 0.05), Error);  // empty box
  CHECK_THROWS_AS(Grid::from_box(105.0, 105.0, 15.0, 25.0, 0.05), Error);
}

TEST_CASE("grid: contains and nearest", "[grid]") {
  const Grid g = Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.05);
  CHECK(g.contains(105.0, 15.0));
  CHECK(g.contains(g.lon_max(), g.lat_max()));
  CHECK(g.contains(110.33, 20.03));
  CHECK_FALSE(g.contains(104.999, 20.0));
  CHECK_FALSE(g.contains(110.0, 25.001));
  CHECK_FALSE(g.contains(110.0, 14.9));
  CHECK_FALSE(g.contains(116.0, 20.0));

  using Ij = std::pair<std::size_t, std::size_t>;
  // (110.01, 20.02) is 0.2 / 0.4 steps from point (100, 100).
  CHECK(g.nearest(110.01, 20.02) == Ij{100, 100});
  // (110.03, 19.98) rounds to (101, 100).
  CHECK(g.nearest(110.03, 19.98) == Ij{101, 100});
  // Haikou: (110.33 - 105) / 0.05 = 106.6 -> 107, (20.03 - 15) / 0.05 = 100.6 -> 101.
  CHECK(g.nearest(110.33, 20.03) == Ij{107, 101});
  CHECK(g.nearest(105.0, 15.0) == Ij{0, 0});
  CHECK(g.nearest(115.0, 25.0) == Ij{200, 200});
  // Up to half a step outside the edge still maps to the edge point ...
  CHECK(g.nearest(104.976, 15.0) == Ij{0, 0});
  CHECK(g.nearest(115.024, 25.024) == Ij{200, 200});
  // ... further outside it is not in the grid.
  CHECK_FALSE(g.nearest(104.974, 20.0).has_value());
  CHECK_FALSE(g.nearest(115.026, 20.0).has_value());
  CHECK_FALSE(g.nearest(110.0, 14.97).has_value());
  CHECK_FALSE(g.nearest(110.0, 25.03).has_value());
  CHECK_FALSE(g.nearest(0.0, 0.0).has_value());
  CHECK_FALSE(g.nearest(200.0, 20.0).has_value());
}

TEST_CASE("grid: nearest of a NaN position is not in the grid", "[grid]") {
  // Regression: a NaN position once produced std::size_t(NaN) (undefined behaviour).
  const Grid g = Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.05);
  const double nan = std::nan("");
  CHECK_FALSE(g.nearest(nan, 20.0).has_value());
  CHECK_FALSE(g.nearest(110.0, nan).has_value());
}

TEST_CASE("grid: cell_area_km2", "[grid]") {
  // A 1x1 deg grid with row j = 1 on the equator.
  const Grid g = Grid::from_box(100.0, 102.0, -1.0, 1.0, 1.0);
  REQUIRE(g.lat(1) == 0.0);
  // R^2 (pi/180)^2 = 12364.35 km^2 for R = 6371 km; 0.1 % as requested by the spec.
  CHECK(g.cell_area_km2(1) == Approx(12364.0).epsilon(1e-3));
  const double exact = r_km * r_km * (pi / 180.0) * (pi / 180.0);
  CHECK(g.cell_area_km2(1) == Approx(exact).epsilon(1e-12));
  // Symmetric about the equator and scaling with cos(lat).
  CHECK(g.cell_area_km2(0) == Approx(g.cell_area_km2(2)).epsilon(1e-12));
  CHECK(g.cell_area_km2(0) == Approx(exact * std::cos(pi / 180.0)).epsilon(1e-12));
  const Grid h = Grid::from_box(100.0, 101.0, 59.0, 60.0, 1.0);
  CHECK(h.cell_area_km2(1) == Approx(exact / 2.0).epsilon(1e-12));  // cos 60 = 1/2
  // The cells of a global grid of node-centred rows at 89.5S .. 89.5N sum to the sphere's
  // area 4 pi R^2; the midpoint rule in latitude errs by ~(1 deg)^2 / 24 ~ 1.3e-5.
  const Grid world = Grid::from_box(0.0, 359.0, -89.5, 89.5, 1.0);
  REQUIRE(world.nlon == 360);
  REQUIRE(world.nlat == 180);
  double total = 0.0;
  for (std::size_t j = 0; j < world.nlat; ++j) total += world.cell_area_km2(j) * world.nlon;
  CHECK(total == Approx(4.0 * pi * r_km * r_km).epsilon(1e-4));
}

TEST_CASE("units: coriolis, Beaufort force and conversions", "[units]") {
  CHECK(omega_earth == 7.2921e-5);
  // f = 2 Omega sin 30 = Omega exactly up to rounding of sin(pi/6); relative 1e-12.
  CHECK(coriolis(30.0) == Approx(7.2921e-5).epsilon(1e-12));
  CHECK(coriolis(-30.0) == Approx(-7.2921e-5).epsilon(1e-12));
  CHECK(coriolis(90.0) == Approx(2.0 * 7.2921e-5).epsilon(1e-12));
  CHECK(std::fabs(coriolis(0.0)) < 1e-20);
  CHECK(coriolis(20.0) == Approx(2.0 * 7.2921e-5 * std::sin(20.0 * pi / 180.0)).epsilon(1e-12));

  // Beaufort boundaries of the CMA table: lower bounds belong to the higher force.
  CHECK(beaufort_force(0.0) == 0);
  CHECK(beaufort_force(0.29) == 0);
  CHECK(beaufort_force(0.3) == 1);
  CHECK(beaufort_force(10.7) == 5);
  CHECK(beaufort_force(10.8) == 6);
  CHECK(beaufort_force(13.8) == 6);
  CHECK(beaufort_force(13.9) == 7);
  CHECK(beaufort_force(17.1) == 7);
  CHECK(beaufort_force(17.2) == 8);
  CHECK(beaufort_force(32.6) == 11);
  CHECK(beaufort_force(32.7) == 12);  // typhoon threshold
  CHECK(beaufort_force(50.9) == 15);
  CHECK(beaufort_force(51.0) == 16);
  CHECK(beaufort_force(56.1) == 17);
  CHECK(beaufort_force(61.3) == 17);  // the scale stops at 17
  CHECK(beaufort_force(100.0) == 17);
  CHECK(beaufort_force(-1.0) == 0);

  // 1 kt = 1852 m / 3600 s = 0.5144444 m/s; 1e-6 relative also admits a 6-decimal constant.
  CHECK(kt_to_ms(100.0) == Approx(100.0 * 1852.0 / 3600.0).epsilon(1e-6));
  CHECK(ms_to_kt(kt_to_ms(64.0)) == Approx(64.0).epsilon(1e-12));
  CHECK(nmi_to_km(30.0) == Approx(55.56).epsilon(1e-12));
  CHECK(deg_to_rad(180.0) == Approx(pi).epsilon(1e-15));
  CHECK(rad_to_deg(pi / 2.0) == Approx(90.0).epsilon(1e-15));
}
