// Radial wind profiles of one storm state (solver/radial_profile.hpp): the selector and its
// names, each model against its kernel in holland.hpp / willoughby.hpp, the Holland (2010)
// anchor guards (a non-increasing outer profile for weak and small storms) and the fallbacks
// that keep every valid ensemble member evaluable.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "taifeng/core/error.hpp"
#include "taifeng/solver/holland.hpp"
#include "taifeng/solver/radial_profile.hpp"
#include "taifeng/solver/willoughby.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {

HollandParameters holland(double vg, double b, double dp_pa = 5000.0, double f = 5e-5) {
  HollandParameters hp;
  hp.vg_max = vg;
  hp.b = b;
  hp.dp_pa = dp_pa;
  hp.f = f;
  return hp;
}

// Largest increase of V between consecutive radii from rm to r_end (1 km steps).
double largest_rise(const RadialProfile& p, double r_end_m) {
  double rise = 0.0, prev = gradient_speed(p, p.rm);
  for (double r = p.rm + 1000.0; r <= r_end_m; r += 1000.0) {
    const double v = gradient_speed(p, r);
    rise = std::max(rise, v - prev);
    prev = v;
  }
  return rise;
}

}  // namespace

TEST_CASE("wind profile names parse and print", "[solver][radial_profile]") {
  for (WindProfile p :
       {WindProfile::holland1980, WindProfile::holland2010, WindProfile::willoughby})
    CHECK(parse_wind_profile(wind_profile_name(p)) == p);
  CHECK(std::string(wind_profile_name(WindProfile::holland2010)) == "holland2010");
  try {
    parse_wind_profile("rankine", "wind.profile");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK(e.where() == "wind.profile");
    const std::string m = e.what();
    CHECK(m.find("rankine") != std::string::npos);
    CHECK(m.find("holland1980, holland2010 or willoughby") != std::string::npos);
  }
  CHECK_THROWS_AS(parse_wind_profile("Holland1980"), Error);  // names are case-sensitive
}

TEST_CASE("each profile evaluates its kernel", "[solver][radial_profile]") {
  const HollandParameters hp = holland(45.0, 1.4);
  const double rm = 40e3;
  const RadialProfile h80 = make_radial_profile(WindProfile::holland1980, hp, rm, 20.0, 1.15);
  const RadialProfile h10 = make_radial_profile(WindProfile::holland2010, hp, rm, 20.0, 1.15);
  const RadialProfile w06 = make_radial_profile(WindProfile::willoughby, hp, rm, 20.0, 1.15);
  CHECK(h80.model == WindProfile::holland1980);
  CHECK(h10.model == WindProfile::holland2010);
  CHECK(w06.model == WindProfile::willoughby);
  const WilloughbyProfile w = willoughby_fit(45.0, rm, 20.0);
  for (double r : {0.0, 500.0, 10e3, 40e3, 75e3, 150e3, 299e3, 300e3}) {
    CHECK(gradient_speed(h80, r) == holland1980_speed(r, rm, 1.4, 5000.0, 1.15, 5e-5));
    CHECK(gradient_speed(w06, r) == willoughby_speed(r, w));
  }
  // Holland 2010 with a consistent anchor (the 17 m/s at 300 km lies on a decreasing
  // profile): exactly the kernel within 300 km.
  for (double r : {0.0, 500.0, 10e3, 40e3, 75e3, 150e3, 299e3, 300e3})
    CHECK(gradient_speed(h10, r) == holland2010_speed(r, rm, 45.0, 1.4));
  CHECK(h10.v_edge == 17.0);
  CHECK(gradient_speed(h10, 300e3) == Approx(17.0).epsilon(1e-12));
  // BRIEF check value: Rm 75 km, Vm 35 m/s, B 1.75 → V(220 km) = 21.181497 m/s.
  const RadialProfile brief =
      make_radial_profile(WindProfile::holland2010, holland(35.0, 1.75), 75e3, 20.0, 1.15);
  REQUIRE(brief.model == WindProfile::holland2010);
  CHECK(gradient_speed(brief, 220e3) == Approx(21.181497).epsilon(1e-7));
  CHECK(gradient_speed(brief, 75e3) == Approx(35.0).epsilon(1e-12));
}

TEST_CASE("Holland 2010: the anchor guard bound is the binding one at r_edge",
          "[solver][radial_profile]") {
  // The closed form at r_edge is the largest of the pointwise bounds 0.5 (1 - D L'/A) over
  // (rm, r_edge] (see radial_profile.cpp), for Rm 5-290 km and B 1-2.5.
  const double re = holland2010_r_edge_m;
  for (double rm_km : {5.0, 10.0, 20.0, 40.0, 75.0, 120.0, 200.0, 290.0})
    for (double b : {1.0, 1.3, 1.6, 2.0, 2.5}) {
      const double rm = rm_km * 1e3, d = re - rm;
      const double x_min = holland2010_min_x_edge(rm, b);
      CHECK(x_min > 0.0);
      CHECK(x_min < 0.5);
      double worst = -1e9;
      for (int k = 1; k <= 2000; ++k) {
        const double r = rm + d * k / 2000.0, q = std::pow(rm / r, b);
        const double l = b * std::log(rm / r) + 1.0 - q, dl = -(b / r) * (1.0 - q);
        worst = std::max(worst, 0.5 * (1.0 - d * dl / (l + (r - rm) * dl)));
      }
      INFO("Rm " << rm_km << " km, B " << b);
      CHECK(worst <= x_min * (1.0 + 1e-12));
    }
}

TEST_CASE("Holland 2010 never rises outside Rm, weak and small storms included",
          "[solver][radial_profile]") {
  long states = 0, lowered = 0;
  for (double vg : {5.0, 12.0, 17.0, 20.0, 25.0, 32.0, 45.0, 70.0})
    for (double rm_km : {8.0, 20.0, 40.0, 90.0, 200.0})
      for (double b : {1.0, 1.5, 2.5}) {
        const RadialProfile p =
            make_radial_profile(WindProfile::holland2010, holland(vg, b), rm_km * 1e3, 18.0, 1.15);
        REQUIRE(p.model == WindProfile::holland2010);
        INFO("Vm " << vg << " m/s, Rm " << rm_km << " km, B " << b);
        CHECK(largest_rise(p, 1000e3) <= 1e-9 * vg);
        CHECK(gradient_speed(p, p.rm) == Approx(vg).epsilon(1e-12));
        // The anchor is only ever lowered, never raised.
        CHECK(gradient_speed(p, holland2010_r_edge_m) <= 17.0 * (1.0 + 1e-12));
        CHECK(std::isfinite(gradient_speed(p, 1000e3)));
        lowered += p.v_edge < 17.0;
        ++states;
      }
  CHECK(lowered > 0);
  CHECK(lowered < states);
  // The example of the header: Vm 20 m/s, Rm 40 km, B 1.5 would reach 40 m/s at 500 km with
  // the anchor as given; here it decays.
  const RadialProfile weak =
      make_radial_profile(WindProfile::holland2010, holland(20.0, 1.5), 40e3, 18.0, 1.15);
  CHECK(holland2010_speed(500e3, 40e3, 20.0, 1.5) > 35.0);
  CHECK(gradient_speed(weak, 500e3) < gradient_speed(weak, 300e3));
  CHECK(gradient_speed(weak, 300e3) < 17.0);
}

TEST_CASE("profiles fall back to Holland 1980 where they are undefined",
          "[solver][radial_profile]") {
  const double lat = 20.0, rho = 1.15;
  // Holland 2010: Rm at or beyond the 300 km anchor radius, or no maximum wind.
  for (auto [vg, rm] : {std::pair{40.0, 300e3}, {40.0, 350e3}, {0.0, 40e3}}) {
    const RadialProfile p =
        make_radial_profile(WindProfile::holland2010, holland(vg, 1.3), rm, lat, rho);
    CHECK(p.requested == WindProfile::holland2010);
    CHECK(p.model == WindProfile::holland1980);
    CHECK(gradient_speed(p, 100e3) == holland1980_speed(100e3, rm, 1.3, 5000.0, rho, 5e-5));
  }
  // Willoughby: outside the range of its empirical fits (n <= 0 for a weak, very large storm)
  // or no maximum wind.
  CHECK_THROWS_AS(willoughby_fit(20.0, 200e3, lat), Error);
  for (auto [vg, rm] : {std::pair{20.0, 200e3}, {0.0, 40e3}}) {
    RadialProfile p;
    CHECK_NOTHROW(p = make_radial_profile(WindProfile::willoughby, holland(vg, 1.3), rm, lat, rho));
    CHECK(p.model == WindProfile::holland1980);
  }
}
