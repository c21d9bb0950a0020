// Surface wind field of one storm state (solver/wind_field.hpp): values derived from the
// Holland (1980) profile, symmetry, rotation sense, inflow, translation asymmetry,
// land reduction, cut-off radius and averaging-period conversion; the other profiles
// (Holland 2010, Willoughby) along a radius and for a weak member.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/holland.hpp"
#include "taifeng/solver/intensity.hpp"
#include "taifeng/solver/radial_profile.hpp"
#include "taifeng/solver/willoughby.hpp"
#include "taifeng/solver/wind_field.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {

// A stationary typhoon: 40 m/s 1-min, 960 hPa, R_m = 30 km. With the default options
// vg_max = 44.4 m/s, Δp = 5000 Pa and B ≈ 1.23, inside the clip range.
StormState typhoon(LonLat centre) {
  StormState s;
  s.centre = centre;
  s.vmax_ms = 40.0;
  s.averaging = WindAveraging::one_minute;
  s.pmin_hpa = 960.0;
  s.rmw_km = 30.0;
  return s;
}

// Symmetric options: no inflow, no translation term, output in the storm's averaging
// period (factor 1).
WindOptions symmetric_options() {
  WindOptions o;
  o.inflow_deg = 0.0;
  o.translation_asymmetry = false;
  o.output_averaging = WindAveraging::one_minute;
  return o;
}

double speed(const WindVector& w) {
  return std::hypot(w.u, w.v);
}

WindVector wind_at(const StormState& s, const WindOptions& o, double bearing, double r_km,
                   bool land = false) {
  return surface_wind(s, holland_parameters(s, o), o, destination(s.centre, bearing, r_km), land);
}

}  // namespace

TEST_CASE("wind field: Holland parameters of a storm state", "[solver][wind_field]") {
  const StormState s = typhoon({115.0, 18.0});
  const WindOptions o = symmetric_options();
  const HollandParameters hp = holland_parameters(s, o);
  // Exact arithmetic on the inputs (1e-12 relative).
  CHECK(hp.vg_max == Approx(40.0 / 0.9).epsilon(1e-12));
  CHECK(hp.dp_pa == Approx(5000.0).epsilon(1e-12));
  CHECK(hp.b == Approx(holland_b(40.0 / 0.9, 5000.0, 1.15)).epsilon(1e-12));
  CHECK(hp.b > 1.0);
  CHECK(hp.b < 2.5);
  CHECK(hp.f == Approx(2.0 * 7.2921e-5 * std::sin(18.0 * std::numbers::pi / 180.0)).epsilon(1e-12));
  // With the translation term the reported maximum includes V_t, which is removed first
  // (V_t = 5 m/s: 40 - 5 = 35), but never below half of the reported wind.
  StormState moving = s;
  moving.trans_u = -3.0;
  moving.trans_v = 4.0;
  WindOptions asym = o;
  asym.translation_asymmetry = true;
  CHECK(holland_parameters(moving, asym).vg_max == Approx(35.0 / 0.9).epsilon(1e-12));
  moving.trans_u = -30.0;
  moving.trans_v = 40.0;
  CHECK(holland_parameters(moving, asym).vg_max == Approx(20.0 / 0.9).epsilon(1e-12));
}

TEST_CASE("wind field: speed at R_m from the Holland profile", "[solver][wind_field]") {
  const WindOptions o = symmetric_options();
  // On the equator f = 0, so the gradient wind at R_m is vg_max (analytic identity of the
  // unclipped Holland profile) and the surface wind is surface_factor · vg_max = 40 m/s.
  // The great-circle round trip of destination() costs ~1e-12: tolerance 1e-9 relative.
  {
    const StormState s = typhoon({115.0, 0.0});
    const HollandParameters hp = holland_parameters(s, o);
    REQUIRE(hp.f == 0.0);
    for (const double brg : {0.0, 45.0, 90.0, 200.0}) {
      INFO("bearing " << brg);
      CHECK(speed(wind_at(s, o, brg, s.rmw_km)) ==
            Approx(o.surface_factor * hp.vg_max).epsilon(1e-9));
      CHECK(speed(wind_at(s, o, brg, s.rmw_km)) == Approx(40.0).epsilon(1e-9));
    }
  }
  // At 18N: surface_factor · V_Holland(R_m) with f at the centre, slightly below 40 m/s.
  {
    const StormState s = typhoon({115.0, 18.0});
    const HollandParameters hp = holland_parameters(s, o);
    for (const double r_km : {30.0, 10.0, 75.0, 250.0}) {
      INFO("r " << r_km << " km");
      const double expect = o.surface_factor * holland1980_speed(r_km * 1e3, s.rmw_km * 1e3, hp.b,
                                                                 hp.dp_pa, o.rho, hp.f);
      CHECK(speed(wind_at(s, o, 90.0, r_km)) == Approx(expect).epsilon(1e-9));
    }
    const double at_rm = speed(wind_at(s, o, 90.0, s.rmw_km));
    CHECK(at_rm < 40.0);
    CHECK(at_rm > 39.0);  // Coriolis costs about R_m f / 2 ≈ 0.7 m/s at gradient level
  }
}

TEST_CASE("wind field: radial symmetry of a stationary storm", "[solver][wind_field]") {
  const StormState s = typhoon({115.0, 18.0});
  const WindOptions o = symmetric_options();
  for (const double r_km : {15.0, 30.0, 60.0, 200.0}) {
    INFO("r " << r_km << " km");
    const double n = speed(wind_at(s, o, 0.0, r_km));
    // Same distance, f fixed at the centre: equal speeds up to rounding (1e-6 relative).
    CHECK(speed(wind_at(s, o, 90.0, r_km)) == Approx(n).epsilon(1e-6));
    CHECK(speed(wind_at(s, o, 180.0, r_km)) == Approx(n).epsilon(1e-6));
    CHECK(speed(wind_at(s, o, 270.0, r_km)) == Approx(n).epsilon(1e-6));
    CHECK(speed(wind_at(s, o, 137.0, r_km)) == Approx(n).epsilon(1e-6));
  }
  // On a grid with the centre on a node: mirror points in longitude, and in latitude
  // (same number of rows north and south = same great-circle distance), agree.
  const Grid g = Grid::from_box(110.0, 120.0, 13.0, 23.0, 0.1);
  REQUIRE(g.size() == 101 * 101);
  std::vector<double> f(g.size());
  wind_speed_field(s, o, g, {}, f.data());
  const std::size_t ic = 50, jc = 50;  // (115E, 18N)
  for (const std::size_t d : {std::size_t(1), std::size_t(3), std::size_t(10), std::size_t(40)}) {
    INFO("offset " << d);
    CHECK(f[g.index(ic + d, jc)] == Approx(f[g.index(ic - d, jc)]).epsilon(1e-6));
    CHECK(f[g.index(ic, jc + d)] == Approx(f[g.index(ic, jc - d)]).epsilon(1e-6));
    CHECK(f[g.index(ic + d, jc + d)] == Approx(f[g.index(ic - d, jc + d)]).epsilon(1e-6));
  }
}

TEST_CASE("wind field: nothing beyond max_radius_km", "[solver][wind_field]") {
  const StormState s = typhoon({115.0, 18.0});
  WindOptions o = symmetric_options();
  o.max_radius_km = 300.0;
  const WindVector out = wind_at(s, o, 45.0, 300.5);
  CHECK(out.u == 0.0);
  CHECK(out.v == 0.0);
  CHECK(speed(wind_at(s, o, 45.0, 299.5)) > 5.0);  // the profile itself is far from 0 there

  const Grid g = Grid::from_box(110.0, 120.0, 13.0, 23.0, 0.1);
  std::vector<double> f(g.size(), -1.0);
  wind_speed_field(s, o, g, {}, f.data());
  std::size_t outside = 0;
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      const double r = great_circle_km(s.centre, {g.lon(i), g.lat(j)});
      const double v = f[g.index(i, j)];
      if (r > o.max_radius_km) {
        ++outside;
        REQUIRE(v == 0.0);
      } else if (r > 5.0) {
        REQUIRE(v > 0.0);  // (the Holland profile itself is calm at the very centre)
      }
    }
  CHECK(outside > 1000);  // the corners of the 10° box are ~740 km away
}

TEST_CASE("wind field: land reduction", "[solver][wind_field]") {
  const StormState s = typhoon({115.0, 18.0});
  const WindOptions o = symmetric_options();
  // Without the translation term the whole vector scales by land_factor (1e-12 relative).
  for (const double r_km : {20.0, 30.0, 100.0}) {
    const WindVector sea = wind_at(s, o, 60.0, r_km, false);
    const WindVector land = wind_at(s, o, 60.0, r_km, true);
    CHECK(speed(land) == Approx(o.land_factor * speed(sea)).epsilon(1e-12));
    CHECK(land.u == Approx(o.land_factor * sea.u).epsilon(1e-12));
    CHECK(land.v == Approx(o.land_factor * sea.v).epsilon(1e-12));
  }
  // Through the land mask on a grid: only the masked point changes.
  const Grid g = Grid::from_box(110.0, 120.0, 13.0, 23.0, 0.1);
  std::vector<double> sea(g.size()), mixed(g.size());
  std::vector<std::uint8_t> mask(g.size(), 0);
  const std::size_t land_idx = g.index(53, 50);  // 0.3° east of the centre, near R_m
  mask[land_idx] = 1;
  wind_speed_field(s, o, g, {}, sea.data());
  wind_speed_field(s, o, g, mask, mixed.data());
  for (std::size_t idx = 0; idx < g.size(); ++idx) {
    if (idx == land_idx)
      CHECK(mixed[idx] == Approx(o.land_factor * sea[idx]).epsilon(1e-12));
    else
      REQUIRE(mixed[idx] == sea[idx]);
  }
  // A mask of the wrong size is rejected.
  std::vector<std::uint8_t> bad(10, 0);
  CHECK_THROWS(wind_speed_field(s, o, g, bad, mixed.data()));
}

TEST_CASE("wind field: cyclonic rotation and inflow angle", "[solver][wind_field]") {
  WindOptions o = symmetric_options();
  const StormState nh = typhoon({115.0, 18.0});
  // NH: counter-clockwise. East of the centre the wind blows north, north of it west,
  // west of it south, south of it east. Inflow 0: purely tangential (the cross component
  // is rounding only, 1e-9 of the speed).
  {
    const WindVector e = wind_at(nh, o, 90.0, 50.0), n = wind_at(nh, o, 0.0, 50.0);
    const WindVector w = wind_at(nh, o, 270.0, 50.0), s = wind_at(nh, o, 180.0, 50.0);
    CHECK(e.v > 0.0);
    CHECK(std::fabs(e.u) < 1e-9 * speed(e));
    CHECK(n.u < 0.0);
    CHECK(std::fabs(n.v) < 1e-9 * speed(n));
    CHECK(w.v < 0.0);
    CHECK(s.u > 0.0);
  }
  // SH: clockwise.
  {
    const StormState sh = typhoon({150.0, -18.0});
    CHECK(wind_at(sh, o, 90.0, 50.0).v < 0.0);
    CHECK(wind_at(sh, o, 0.0, 50.0).u > 0.0);
  }
  // Inflow β: the radial component points inward and radial / tangential = -tan β; the
  // speed itself is unchanged. Unit vectors from the bearing given to destination()
  // (equal to the solver's bearing up to ~1e-12 rad): tolerance 1e-9.
  for (const double beta : {10.0, 20.0, 30.0}) {
    o.inflow_deg = beta;
    WindOptions no_inflow = o;
    no_inflow.inflow_deg = 0.0;
    for (const double brg : {0.0, 35.0, 90.0, 160.0, 250.0, 330.0}) {
      INFO("beta " << beta << " bearing " << brg);
      const WindVector w = wind_at(nh, o, brg, 45.0);
      const double th = brg * std::numbers::pi / 180.0;
      const double rx = std::sin(th), ry = std::cos(th);  // outward unit vector
      const double radial = w.u * rx + w.v * ry;
      const double tangential = -w.u * ry + w.v * rx;  // counter-clockwise positive
      CHECK(radial < 0.0);
      CHECK(tangential > 0.0);
      CHECK(radial / tangential == Approx(-std::tan(beta * std::numbers::pi / 180.0)).margin(1e-9));
      CHECK(speed(w) == Approx(speed(wind_at(nh, no_inflow, brg, 45.0))).epsilon(1e-12));
    }
  }
}

TEST_CASE("wind field: translation asymmetry", "[solver][wind_field]") {
  // Westward motion at V_t = 5 m/s: in the NH the right of the motion is the north side,
  // where the rotation (westward there) and the motion add; on the south side they
  // subtract. With inflow 0 and weight min(1, R_m / r) = 1 at R_m the difference of the
  // speeds is exactly 2 V_t (rounding only: 1e-9 absolute).
  StormState s = typhoon({115.0, 18.0});
  s.trans_u = -5.0;
  WindOptions o = symmetric_options();
  o.translation_asymmetry = true;
  const HollandParameters hp = holland_parameters(s, o);
  const double vs_rm = o.surface_factor * holland1980_speed(s.rmw_km * 1e3, s.rmw_km * 1e3, hp.b,
                                                            hp.dp_pa, o.rho, hp.f);
  const double north = speed(wind_at(s, o, 0.0, s.rmw_km));
  const double south = speed(wind_at(s, o, 180.0, s.rmw_km));
  CHECK(north == Approx(vs_rm + 5.0).epsilon(1e-9));
  CHECK(south == Approx(vs_rm - 5.0).epsilon(1e-9));
  CHECK(north - south == Approx(10.0).margin(1e-9));
  // At 2 R_m the translation weight is 1/2: the difference is V_t.
  CHECK(speed(wind_at(s, o, 0.0, 2.0 * s.rmw_km)) - speed(wind_at(s, o, 180.0, 2.0 * s.rmw_km)) ==
        Approx(5.0).margin(1e-9));
  // Front and rear (west/east) are equally strong.
  CHECK(speed(wind_at(s, o, 270.0, s.rmw_km)) ==
        Approx(speed(wind_at(s, o, 90.0, s.rmw_km))).epsilon(1e-9));

  // With inflow β the two sides follow the vector sum, computed here:
  // north = |(-(V cos β + V_t), -V sin β)|, south = |(V cos β - V_t, V sin β)|.
  o.inflow_deg = 20.0;
  const double cb = std::cos(20.0 * std::numbers::pi / 180.0);
  const double sb = std::sin(20.0 * std::numbers::pi / 180.0);
  CHECK(speed(wind_at(s, o, 0.0, s.rmw_km)) ==
        Approx(std::hypot(vs_rm * cb + 5.0, vs_rm * sb)).epsilon(1e-9));
  CHECK(speed(wind_at(s, o, 180.0, s.rmw_km)) ==
        Approx(std::hypot(vs_rm * cb - 5.0, vs_rm * sb)).epsilon(1e-9));
  // About 2 V_t stronger (2 V_t cos β to first order in V_t / V).
  const double diff = speed(wind_at(s, o, 0.0, s.rmw_km)) - speed(wind_at(s, o, 180.0, s.rmw_km));
  CHECK(diff == Approx(10.0 * cb).epsilon(0.01));

  // On the equator (f = 0) the reported maximum is recovered at R_m on the right side:
  // V_t is removed before the profile and added back there (1e-9 relative). 970 hPa keeps
  // B = (35 / 0.9)² e ρ / 4000 Pa ≈ 1.18 unclipped (at 960 hPa it would clip to 1).
  s.centre = {115.0, 0.0};
  s.pmin_hpa = 970.0;
  o.inflow_deg = 0.0;
  REQUIRE(holland_parameters(s, o).b > 1.0);
  CHECK(speed(wind_at(s, o, 0.0, s.rmw_km)) == Approx(s.vmax_ms).epsilon(1e-9));
}

TEST_CASE("wind field: averaging-period conversion", "[solver][wind_field]") {
  // 1-min -> 10-min multiplies by 0.93 and 1-min -> 2-min by 1/1.04 (track.hpp, WMO/TD-1555
  // and NOAA HRD); the conversion is a final multiplication, so 1e-12 relative.
  const StormState s = typhoon({115.0, 18.0});
  WindOptions o = symmetric_options();
  o.translation_asymmetry = true;
  o.inflow_deg = 20.0;
  const double one = speed(wind_at(s, o, 30.0, 45.0));
  o.output_averaging = WindAveraging::ten_minute;
  CHECK(speed(wind_at(s, o, 30.0, 45.0)) == Approx(0.93 * one).epsilon(1e-12));
  o.output_averaging = WindAveraging::two_minute;
  CHECK(speed(wind_at(s, o, 30.0, 45.0)) == Approx(one / 1.04).epsilon(1e-12));
  // Default output is the CMA 2-min wind.
  CHECK(WindOptions{}.output_averaging == WindAveraging::two_minute);
}

TEST_CASE("wind field: storm_state_at from a track", "[solver][wind_field]") {
  // Hourly fixes on the equator moving west 36 km/h = 10 m/s; pressure and R_m missing.
  Track t;
  t.id = "TEST";
  const TimePoint t0 = make_utc(2005, 9, 25, 0);
  for (int k = 0; k < 4; ++k) {
    TrackPoint p;
    p.time = add_hours(t0, double(k));
    const LonLat c = destination({115.0, 0.0}, 270.0, 36.0 * k);
    p.lon = c.lon;
    p.lat = c.lat;
    p.vmax_ms = 30.0;
    t.points.push_back(p);
  }
  // Interior time: centred difference over ±1 h; at the ends clipped to the track.
  // Along the equator the distance and bearing are exact up to rounding (1e-9).
  for (const double h : {0.0, 1.5, 2.0, 3.0}) {
    INFO("h " << h);
    const StormState s = storm_state_at(t, add_hours(t0, h));
    CHECK(s.trans_u == Approx(-10.0).epsilon(1e-9));
    CHECK(s.trans_v == Approx(0.0).margin(1e-9));
    CHECK(s.pmin_hpa == Approx(pressure_from_wind_ah77(30.0)).epsilon(1e-12));
    CHECK(s.rmw_km == Approx(rmw_from_pressure_km(s.pmin_hpa)).epsilon(1e-12));
    CHECK(s.vmax_ms == 30.0);
  }
  const StormState mid = storm_state_at(t, add_hours(t0, 1.5));
  CHECK(mid.centre.lon == Approx(destination({115.0, 0.0}, 270.0, 54.0).lon).margin(1e-9));
}

TEST_CASE("wind field: every profile along a radius is its kernel x surface factor",
          "[solver][wind_field]") {
  // No translation term, inflow 25° (it turns the vector, the speed stays), output in the
  // storm's averaging period: the surface speed at great-circle distance r is
  // surface_factor × the profile kernel at r, with the gradient-level maximum and B of
  // holland_parameters. The point lies r km away along the bearing up to ~1e-12 relative.
  const StormState s = typhoon({112.0, 19.0});
  WindOptions o = symmetric_options();
  o.inflow_deg = 25.0;
  const HollandParameters hp = holland_parameters(s, o);
  const double rm = s.rmw_km * 1e3;
  const WilloughbyProfile w = willoughby_fit(hp.vg_max, rm, s.centre.lat);
  for (WindProfile model :
       {WindProfile::holland1980, WindProfile::holland2010, WindProfile::willoughby}) {
    o.profile = model;
    const RadialProfile prof = make_radial_profile(s, o);
    REQUIRE(prof.model == model);  // a strong storm: no fallback
    for (const double r_km : {3.0, 15.0, 30.0, 45.0, 80.0, 150.0, 290.0, 450.0}) {
      double kernel = 0;
      switch (model) {
        case WindProfile::holland1980:
          kernel = holland1980_speed(r_km * 1e3, rm, hp.b, hp.dp_pa, o.rho, hp.f);
          break;
        case WindProfile::holland2010:
          kernel = holland2010_speed(r_km * 1e3, rm, hp.vg_max, hp.b);
          break;
        case WindProfile::willoughby:
          kernel = willoughby_speed(r_km * 1e3, w);
          break;
      }
      INFO(wind_profile_name(model) << " at " << r_km << " km");
      if (model == WindProfile::holland2010 && r_km > 300.0) {
        // Beyond the 300 km anchor the exponent is held (radial_profile.hpp): decreasing.
        CHECK(speed(wind_at(s, o, 135.0, r_km)) < o.surface_factor * 17.0);
        continue;
      }
      for (const double brg : {20.0, 135.0, 250.0})
        CHECK(speed(wind_at(s, o, brg, r_km)) == Approx(o.surface_factor * kernel).epsilon(1e-9));
    }
    // The field on a grid: the same profile at every point's great-circle distance.
    const Grid g = Grid::from_box(110.0, 114.0, 17.0, 21.0, 0.25);
    std::vector<double> f(g.size());
    wind_speed_field(s, o, g, {}, f.data());
    for (std::size_t j = 0; j < g.nlat; ++j)
      for (std::size_t i = 0; i < g.nlon; ++i) {
        const double r = great_circle_km(s.centre, {g.lon(i), g.lat(j)});
        const double expect = o.surface_factor * gradient_speed(prof, std::max(r, 1e-3) * 1e3);
        REQUIRE(f[g.index(i, j)] == Approx(expect).epsilon(1e-12).margin(1e-12));
      }
  }
  // The default is Holland (1980).
  CHECK(WindOptions{}.profile == WindProfile::holland1980);
}

TEST_CASE("wind field: a weak member with any profile gives a field, no error",
          "[solver][wind_field]") {
  // 12 m/s, 1006 hPa, Rm 150 km: below the Holland (2010) anchor and outside the Willoughby
  // fits (n < 0). Both fall back or guard (radial_profile.hpp) instead of throwing.
  StormState s = typhoon({112.0, 19.0});
  s.vmax_ms = 12.0;
  s.pmin_hpa = 1006.0;
  s.rmw_km = 150.0;
  const Grid g = Grid::from_box(110.0, 114.0, 17.0, 21.0, 0.25);
  for (WindProfile model :
       {WindProfile::holland1980, WindProfile::holland2010, WindProfile::willoughby}) {
    WindOptions o;
    o.profile = model;
    std::vector<double> f(g.size(), -1.0);
    CHECK_NOTHROW(wind_speed_field(s, o, g, {}, f.data()));
    INFO(wind_profile_name(model));
    CHECK(*std::min_element(f.begin(), f.end()) >= 0.0);
    CHECK(*std::max_element(f.begin(), f.end()) < 20.0);
  }
}
