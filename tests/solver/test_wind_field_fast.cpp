// Fast wind field kernel (solver/wind_field_fast.hpp) against the exact kernel
// (wind_field.hpp) on the demo grid (105-115E, 15-25N at 0.05 deg; extended to 8N) for storms at
// 10-25N, R_m 20-80 km, Vmax 20-60 m/s, translation 0-10 m/s, with and without a land mask,
// for the three radial profiles. Tolerances: 0.5 m/s absolute everywhere and 1.5 % relative
// where the exact speed exceeds 5 m/s. The differences come from the tangent-plane distance
// (< 0.02 % of the distance at 500 km at these latitudes, i.e. < 0.1 km where the profile
// changes by < 0.01 m/s per km), the tangent-plane direction (about 1 deg off the
// great-circle bearing at 500 km, which only turns the translation term, itself <= Rm/r of
// the translation speed), the linear interpolation of the table (0.25 km up to 3 Rm + 30 km,
// 2 km beyond: h^2/8 |V''| < 0.01 m/s) and single-precision arithmetic (~1e-5 m/s). The
// measured differences (< 0.05 m/s, < 0.6 %) are far below the tolerances, which leave room
// for other grids and parameters.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/solver/holland.hpp"
#include "taifeng/solver/intensity.hpp"
#include "taifeng/solver/wind_field.hpp"
#include "taifeng/solver/wind_field_fast.hpp"

// The kernel's internal row great circle (not part of the public interface).
#include "../../solver/src/fast_wind_kernel.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {

Grid demo_grid() {
  return Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.05);
}

// "Land": west of 108E and north of 22N (a coastline crossing the demo domain).
std::vector<std::uint8_t> demo_land(const Grid& g) {
  std::vector<std::uint8_t> land(g.size(), 0);
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i)
      land[g.index(i, j)] = g.lon(i) < 108.0 || g.lat(j) > 22.0;
  return land;
}

StormState storm(LonLat c, double vmax, double rmw, double tu, double tv) {
  StormState s;
  s.centre = c;
  s.vmax_ms = vmax;
  s.averaging = WindAveraging::one_minute;
  s.pmin_hpa = pressure_from_wind_ah77(vmax);
  s.rmw_km = rmw;
  s.trans_u = tu;
  s.trans_v = tv;
  return s;
}

struct Differences {
  double max_abs = 0, max_rel = 0;
  long nonzero_mismatch = 0, compared = 0;
};

Differences compare(const StormState& s, const WindOptions& o, const Grid& g,
                    const std::vector<std::uint8_t>& land) {
  std::vector<double> exact(g.size()), fast(g.size(), -1.0);
  wind_speed_field(s, o, g, land, exact.data());
  wind_speed_field_fast(s, o, g, land, fast.data());
  Differences d;
  for (std::size_t p = 0; p < g.size(); ++p) {
    d.max_abs = std::max(d.max_abs, std::abs(fast[p] - exact[p]));
    if (exact[p] > 5.0) {
      d.max_rel = std::max(d.max_rel, std::abs(fast[p] - exact[p]) / exact[p]);
      ++d.compared;
    }
    if ((fast[p] > 0.0) != (exact[p] > 0.0)) ++d.nonzero_mismatch;
  }
  return d;
}

}  // namespace

TEST_CASE("fast wind field matches the exact kernel on the demo grid",
          "[solver][wind_field_fast]") {
  // The demo grid, extended south to 8N so that storms at 10N lie on it.
  const Grid g = Grid::from_box(105.0, 115.0, 8.0, 25.0, 0.05);
  const std::vector<std::uint8_t> land = demo_land(g), no_land;
  const WindOptions o;
  const double lats[] = {10.0, 17.3, 25.0};
  const double rmws[] = {20.0, 45.0, 80.0};
  const double vmaxs[] = {20.0, 40.0, 60.0};
  // Translation: 0 to 10 m/s in varying directions.
  const double trans[][2] = {{0.0, 0.0}, {-4.0, 3.0}, {7.07, 7.07}, {-10.0, 0.0}, {0.0, -6.0}};
  int n = 0;
  double worst_abs = 0, worst_rel = 0;
  for (double lat : lats)
    for (double rmw : rmws)
      for (double vmax : vmaxs) {
        const double* t = trans[n % 5];
        const StormState s = storm({106.0 + 0.37 * (n % 23), lat}, vmax, rmw, t[0], t[1]);
        const bool with_land = n % 2 == 0;
        const Differences d = compare(s, o, g, with_land ? land : no_land);
        INFO("storm " << n << ": " << lat << "N " << s.centre.lon << "E, Rm " << rmw << " km, Vmax "
                      << vmax << " m/s, translation (" << t[0] << ", " << t[1] << "), land "
                      << with_land);
        CHECK(d.max_abs <= 0.5);
        CHECK(d.max_rel <= 0.015);
        CHECK(d.nonzero_mismatch == 0);  // the same cut-off as the exact kernel
        CHECK(d.compared > 0);
        worst_abs = std::max(worst_abs, d.max_abs);
        worst_rel = std::max(worst_rel, d.max_rel);
        ++n;
      }
  INFO("worst absolute " << worst_abs << " m/s, worst relative " << worst_rel);
  CHECK(worst_abs < 0.5);
}

TEST_CASE("fast wind field: other options and the cut-off radius", "[solver][wind_field_fast]") {
  const Grid g = demo_grid();
  const std::vector<std::uint8_t> land = demo_land(g);
  const StormState s = storm({110.2, 19.6}, 45.0, 35.0, -5.0, 2.0);
  for (double radius : {150.0, 300.0, 800.0}) {
    WindOptions o;
    o.max_radius_km = radius;
    o.inflow_deg = radius < 200 ? 0.0 : 35.0;
    o.output_averaging = WindAveraging::ten_minute;
    o.translation_asymmetry = radius < 500;
    const Differences d = compare(s, o, g, land);
    INFO("max radius " << radius);
    CHECK(d.max_abs <= 0.5);
    CHECK(d.max_rel <= 0.015);
    CHECK(d.nonzero_mismatch == 0);
    // Zero (exactly) at every point beyond the cut-off radius.
    std::vector<double> fast(g.size(), -1.0);
    wind_speed_field_fast(s, o, g, land, fast.data());
    long outside = 0, bad = 0;
    for (std::size_t j = 0; j < g.nlat; ++j)
      for (std::size_t i = 0; i < g.nlon; ++i)
        if (great_circle_km(s.centre, {g.lon(i), g.lat(j)}) > radius) {
          ++outside;
          bad += fast[g.index(i, j)] != 0.0;
        }
    CHECK(outside > 0);
    CHECK(bad == 0);
  }
  // A storm far outside the grid leaves it all zero.
  std::vector<double> fast(g.size(), -1.0);
  wind_speed_field_fast(storm({130.0, 20.0}, 45.0, 35.0, 0, 0), WindOptions{}, g, {}, fast.data());
  CHECK(*std::max_element(fast.begin(), fast.end()) == 0.0);
}

TEST_CASE("fast wind field of a symmetric storm depends on the distance only",
          "[solver][wind_field_fast]") {
  // No inflow (irrelevant to the speed anyway), no translation, no land, factor 1: the
  // speed is the surface Holland profile at the great-circle distance.
  const Grid g = demo_grid();
  WindOptions o;
  o.inflow_deg = 0.0;
  o.translation_asymmetry = false;
  o.output_averaging = WindAveraging::one_minute;
  const StormState s = storm({110.0, 20.0}, 50.0, 30.0, 0, 0);  // centre on a grid point
  const HollandParameters hp = holland_parameters(s, o);
  std::vector<double> fast(g.size());
  wind_speed_field_fast(s, o, g, {}, fast.data());
  double worst = 0;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      const double r = great_circle_km(s.centre, {g.lon(i), g.lat(j)});
      if (r > o.max_radius_km) continue;
      const double v = holland1980_speed(std::max(r, 1e-3) * 1000.0, s.rmw_km * 1000.0, hp.b,
                                         hp.dp_pa, o.rho, hp.f) *
                       o.surface_factor;
      worst = std::max(worst, std::abs(fast[g.index(i, j)] - v));
    }
  INFO("largest departure from V(r): " << worst << " m/s");
  CHECK(worst < 0.05);
  // East-west mirror symmetry about the centre column (i = 100), row by row.
  const std::size_t ic = 100;
  REQUIRE(std::abs(g.lon(ic) - 110.0) < 1e-9);
  double mirror = 0;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t k = 1; k <= ic; ++k)
      mirror = std::max(mirror, std::abs(fast[g.index(ic + k, j)] - fast[g.index(ic - k, j)]));
  CHECK(mirror < 1e-6);
}

TEST_CASE("fast wind field falls back to the exact kernel outside its range",
          "[solver][wind_field_fast]") {
  const Grid g = Grid::from_box(105.0, 115.0, 15.0, 25.0, 0.25);
  WindOptions o;
  o.max_radius_km = 2000.0;
  const StormState s = storm({110.0, 20.0}, 40.0, 40.0, -3.0, 1.0);
  std::vector<double> exact(g.size()), fast(g.size());
  wind_speed_field(s, o, g, {}, exact.data());
  wind_speed_field_fast(s, o, g, {}, fast.data());
  CHECK(exact == fast);
}

TEST_CASE("fast wind field matches the exact kernel for every profile",
          "[solver][wind_field_fast]") {
  // The storms of the first test case (and Rm 10 km) with the Holland (2010) and Willoughby
  // profiles: the same tolerances. Cut-off: no point is zero in one kernel and above
  // 0.01 m/s in the other (near the very centre both profiles underflow towards 0 at
  // slightly different radii).
  const Grid g = Grid::from_box(105.0, 115.0, 8.0, 25.0, 0.05);
  const std::vector<std::uint8_t> land = demo_land(g), no_land;
  const double trans[][2] = {{0.0, 0.0}, {-4.0, 3.0}, {7.07, 7.07}, {-10.0, 0.0}, {0.0, -6.0}};
  for (WindProfile model : {WindProfile::holland2010, WindProfile::willoughby}) {
    WindOptions o;
    o.profile = model;
    int n = 0;
    double worst_abs = 0, worst_rel = 0;
    for (double lat : {10.0, 17.3, 25.0})
      for (double rmw : {10.0, 20.0, 45.0, 80.0})
        for (double vmax : {20.0, 40.0, 60.0}) {
          const double* t = trans[n % 5];
          const StormState s = storm({106.0 + 0.37 * (n % 23), lat}, vmax, rmw, t[0], t[1]);
          const std::vector<std::uint8_t>& mask = n % 2 == 0 ? land : no_land;
          std::vector<double> exact(g.size()), fast(g.size(), -1.0);
          wind_speed_field(s, o, g, mask, exact.data());
          wind_speed_field_fast(s, o, g, mask, fast.data());
          double max_abs = 0, max_rel = 0;
          long mismatch = 0, compared = 0;
          for (std::size_t p = 0; p < g.size(); ++p) {
            max_abs = std::max(max_abs, std::abs(fast[p] - exact[p]));
            if (exact[p] > 5.0) {
              max_rel = std::max(max_rel, std::abs(fast[p] - exact[p]) / exact[p]);
              ++compared;
            }
            if ((fast[p] == 0.0 && exact[p] > 0.01) || (exact[p] == 0.0 && fast[p] > 0.01))
              ++mismatch;
          }
          INFO(wind_profile_name(model) << " storm " << n << ": " << lat << "N, Rm " << rmw
                                        << " km, Vmax " << vmax << " m/s");
          CHECK(max_abs <= 0.5);
          CHECK(max_rel <= 0.015);
          CHECK(mismatch == 0);
          CHECK(compared > 0);
          worst_abs = std::max(worst_abs, max_abs);
          worst_rel = std::max(worst_rel, max_rel);
          ++n;
        }
    INFO(wind_profile_name(model) << ": worst " << worst_abs << " m/s, " << worst_rel);
    CHECK(worst_abs < 0.1);  // measured: 0.045 m/s (Holland 2010), 0.027 m/s (Willoughby)
  }
}

TEST_CASE("fast wind field: the row great circle is great_circle_km, bitwise",
          "[solver][wind_field_fast]") {
  // The fast kernel decides the points near the cut-off radius (and the Monte Carlo strike
  // marks) with a per-row form of great_circle_km; bitwise equality keeps the cut-off that
  // of the exact kernel.
  for (const LonLat c : {LonLat{110.3, 17.7}, LonLat{-179.6, 42.0}, LonLat{12.0, -33.3}})
    for (double lat : {c.lat - 7.3, c.lat - 0.05, c.lat, c.lat + 2.0, c.lat + 8.8}) {
      const detail::RowGreatCircle gc(c, lat);
      for (double dlon = -9.0; dlon <= 9.0; dlon += 0.173)
        REQUIRE(gc.km(c.lon + dlon) == great_circle_km(c, {c.lon + dlon, lat}));
    }
}
