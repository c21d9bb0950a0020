// Surge forcing from a parametric storm: Holland (1980) pressure and the wind kernel.
#include <catch2/catch.hpp>

#include <cmath>

#include "taifeng/solver/storm_forcing.hpp"

using namespace taifeng;
using namespace taifeng::solver;

TEST_CASE("Holland pressure: p_c at the centre, p_c + dp/e at R_m, p_env far away",
          "[solver][surge]") {
  const double pc = 96000, dp = 5000, rm = 40e3, b = 1.4;
  CHECK(holland_pressure_pa(0.0, rm, b, pc, dp) == Approx(pc).margin(1e-6));
  CHECK(holland_pressure_pa(rm, rm, b, pc, dp) == Approx(pc + dp / std::exp(1.0)).epsilon(1e-14));
  // Far away the deficit left is 1 - exp(-(R_m/r)^B): (0.02)^1.4 = 0.42 % of dp at 2000 km.
  const double far = holland_pressure_pa(2000e3, rm, b, pc, dp);
  CHECK(far > pc + 0.995 * dp);
  CHECK(far < pc + dp);
  // Monotonic outward (strictly where exp(-(R_m/r)^B) is not below double precision).
  double prev = 0;
  for (double r = 10e3; r < 1e6; r *= 1.5) {
    const double p = holland_pressure_pa(r, rm, b, pc, dp);
    CHECK(p > prev);
    prev = p;
  }
}

TEST_CASE("storm forcing: winds equal the wind kernel, pressure deficit from the state",
          "[solver][surge]") {
  StormState s;
  s.centre = {112.0, 18.0};
  s.vmax_ms = 40;
  s.pmin_hpa = 960;
  s.rmw_km = 40;
  s.trans_u = -5;
  WindOptions o;
  const std::vector<LonLat> pts = {{112.0, 18.0}, {112.4, 18.0}, {111.0, 18.5}, {118.0, 18.0}};
  const std::vector<std::uint8_t> land = {0, 0, 1, 0};
  std::vector<double> u(4), v(4), p(4);
  storm_forcing_at(s, o, pts, land, u.data(), v.data(), p.data());
  const RadialProfile prof = make_radial_profile(s, o);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const WindVector w = surface_wind(s, prof, o, pts[i], land[i] != 0);
    CHECK(u[i] == w.u);
    CHECK(v[i] == w.v);
  }
  const HollandParameters hp = holland_parameters(s, o);
  CHECK(p[0] == Approx(o.p_env_hpa * 100 - hp.dp_pa).margin(1e-6));  // the centre: p_c
  // 630 km away: (40/630)^B of the deficit is left, a few per cent.
  CHECK(p[3] < o.p_env_hpa * 100);
  CHECK(p[3] > o.p_env_hpa * 100 - 0.1 * hp.dp_pa);
  CHECK(u[3] == 0.0);  // beyond max_radius_km: no wind
  CHECK(v[1] > 20.0);  // east of a NH storm the wind blows north (cyclonic)
}
