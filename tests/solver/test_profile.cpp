// Profile service (solver/profile.hpp): the BRIEF check values through the request API,
// parameter derivation, and the input errors that name the option to fix.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <string>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/holland.hpp"
#include "taifeng/solver/profile.hpp"
#include "taifeng/solver/willoughby.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {

// The message of the input error a request raises ("" if none, "internal" if other kind).
std::string input_error(const ProfileRequest& req) {
  try {
    profile_speeds(req);
  } catch (const taifeng::Error& e) {
    return e.kind() == ErrorKind::input ? e.what() : "internal";
  }
  return "";
}

ProfileRequest holland1980(std::optional<double> dp, std::optional<double> b,
                           std::optional<double> vm) {
  ProfileRequest r;
  r.model = "holland1980";
  r.rmax_km = 40.0;
  r.dp_hpa = dp;
  r.b = b;
  r.vmax_ms = vm;
  r.coriolis = false;
  r.r_km = {10.0, 40.0, 100.0};
  return r;
}

}  // namespace

TEST_CASE("profile holland1980: BRIEF B check values", "[solver][profile]") {
  // Δp = 15 hPa, V_m = 35 m/s → B = 2.5 (clipped; exact assignment, exact equality).
  ProfileRequest r = holland1980(15.0, std::nullopt, 35.0);
  ProfileParameters p = resolve_profile_parameters(r);
  CHECK(*p.b == 2.5);
  // With the clipped B, V(Rm) (f = 0) = sqrt(B Δp / (ρ e)) = 34.54 m/s, not 35:
  // same formula, rounding only (1e-12 relative).
  std::vector<double> v = profile_speeds(r);
  REQUIRE(v.size() == 3);
  CHECK(v[1] == Approx(std::sqrt(2.5 * 1500.0 / (1.15 * std::numbers::e))).epsilon(1e-12));
  CHECK(v[1] < 35.0);

  // Δp = 30 hPa, V_m = 40 m/s → B = 1.667213 (BRIEF, 7 digits: 1e-6 absolute), and the
  // unclipped B gives back V(Rm) = V_m with f = 0 (1e-9 relative).
  r = holland1980(30.0, std::nullopt, 40.0);
  p = resolve_profile_parameters(r);
  CHECK(*p.b == Approx(1.667213).margin(1e-6));
  v = profile_speeds(r);
  CHECK(v[1] == Approx(40.0).epsilon(1e-9));
  // Each radius equals the kernel with the same parameters (exactly the same computation).
  CHECK(v[0] == holland1980_speed(10e3, 40e3, *p.b, 3000.0, rho_air, 0.0));
  CHECK(v[2] == holland1980_speed(100e3, 40e3, *p.b, 3000.0, rho_air, 0.0));

  // Given B and V_m instead: Δp = V_m² e ρ / B recovers 30 hPa (1e-6 relative, from the
  // rounded B) and the same profile.
  ProfileRequest rb = holland1980(std::nullopt, 1.667213, 40.0);
  CHECK(*resolve_profile_parameters(rb).dp_hpa == Approx(30.0).epsilon(1e-6));
  CHECK(profile_speeds(rb)[1] == Approx(40.0).epsilon(1e-9));

  // Coriolis on at 20°N: same as the kernel with f = coriolis(20°) (exact).
  r.coriolis = true;
  r.lat_deg = 20.0;
  v = profile_speeds(r);
  CHECK(v[2] == holland1980_speed(100e3, 40e3, *p.b, 3000.0, rho_air, coriolis(20.0)));
  CHECK(v[2] < holland1980_speed(100e3, 40e3, *p.b, 3000.0, rho_air, 0.0));
}

TEST_CASE("profile holland2010: BRIEF check value", "[solver][profile]") {
  // R_m = 75 km, V_m = 35 m/s, B = 1.75 → V(220 km) = 21.181497 m/s (BRIEF, 8 significant
  // digits: tolerance 1e-6 m/s); V(300 km) = 17 m/s by construction (1e-9 relative).
  ProfileRequest r;
  r.model = "holland2010";
  r.rmax_km = 75.0;
  r.vmax_ms = 35.0;
  r.b = 1.75;
  r.r_km = {220.0, 300.0, 75.0};
  const std::vector<double> v = profile_speeds(r);
  CHECK(v[0] == Approx(21.181497).margin(1e-6));
  CHECK(v[1] == Approx(17.0).epsilon(1e-9));
  CHECK(v[2] == Approx(35.0).epsilon(1e-12));

  // Δp and V_m instead of B: B = clip(V_m² e ρ / Δp); Δp = 35² e 1.15 / 1.75 / 100 hPa
  // gives B = 1.75 back (1e-12 relative) and the same speeds.
  ProfileRequest d = r;
  d.b.reset();
  d.dp_hpa = 35.0 * 35.0 * std::numbers::e * 1.15 / 1.75 / 100.0;
  CHECK(*resolve_profile_parameters(d).b == Approx(1.75).epsilon(1e-12));
  CHECK(profile_speeds(d)[0] == Approx(21.181497).margin(1e-6));
  // Δp and B: V_m = sqrt(B Δp / (ρ e)) = 35 (1e-12 relative).
  ProfileRequest e = r;
  e.vmax_ms.reset();
  e.dp_hpa = d.dp_hpa;
  CHECK(*resolve_profile_parameters(e).vmax_ms == Approx(35.0).epsilon(1e-12));
}

TEST_CASE("profile willoughby: the kernel with the fitted parameters", "[solver][profile]") {
  ProfileRequest r;
  r.model = "willoughby";
  r.rmax_km = 30.0;
  r.vmax_ms = 40.0;
  r.lat_deg = 20.0;
  r.r_km = {0.0, 10.0, 30.0, 100.0, 300.0};
  const std::vector<double> v = profile_speeds(r);
  const WilloughbyProfile p = willoughby_fit(40.0, 30e3, 20.0);
  REQUIRE(v.size() == 5);
  CHECK(v[0] == 0.0);
  CHECK(v[1] == willoughby_speed(10e3, p));
  CHECK(v[2] == Approx(40.0).epsilon(1e-12));
  CHECK(v[3] == willoughby_speed(100e3, p));
  CHECK(v[4] < v[3]);
  // Coriolis does not enter the Willoughby fit.
  r.coriolis = false;
  CHECK(profile_speeds(r) == v);
}

TEST_CASE("profile: input errors name the option", "[solver][profile]") {
  using Catch::Contains;
  // Holland models: two of --dp-hpa, --b, --vmax-ms.
  CHECK_THAT(input_error(holland1980(std::nullopt, 1.5, std::nullopt)),
             Contains("--dp-hpa is required for holland1980 unless --vmax-ms is given"));
  CHECK_THAT(input_error(holland1980(std::nullopt, std::nullopt, std::nullopt)),
             Contains("--dp-hpa is required for holland1980 unless --vmax-ms is given"));
  CHECK_THAT(input_error(holland1980(20.0, std::nullopt, std::nullopt)),
             Contains("--b or --vmax-ms is required for holland1980"));
  CHECK_THAT(input_error(holland1980(std::nullopt, std::nullopt, 40.0)),
             Contains("--dp-hpa or --b is required for holland1980"));
  CHECK_THAT(input_error(holland1980(20.0, 1.5, 40.0)), Contains("give only two of them"));
  ProfileRequest h = holland1980(20.0, 1.5, std::nullopt);
  h.coriolis = true;
  CHECK_THAT(input_error(h), Contains("--lat is required for holland1980 with Coriolis"));
  h.lat_deg = 95.0;
  CHECK_THAT(input_error(h), Contains("--lat: must be in [-90, 90]"));

  ProfileRequest h10;
  h10.model = "holland2010";
  h10.rmax_km = 75.0;
  h10.b = 1.75;
  h10.r_km = {100.0};
  CHECK_THAT(input_error(h10), Contains("--dp-hpa is required for holland2010 unless --vmax-ms"));
  h10.vmax_ms = 15.0;
  CHECK_THAT(input_error(h10), Contains("--vmax-ms: holland2010 needs Vm > 17 m/s"));
  h10.vmax_ms = 35.0;
  h10.rmax_km = 320.0;
  CHECK_THAT(input_error(h10), Contains("--rmax-km: holland2010 needs Rmax < 300 km"));

  ProfileRequest w;
  w.model = "willoughby";
  w.rmax_km = 30.0;
  w.lat_deg = 20.0;
  w.r_km = {50.0};
  CHECK_THAT(input_error(w), Contains("--vmax-ms is required for willoughby"));
  w.vmax_ms = 40.0;
  w.lat_deg.reset();
  CHECK_THAT(input_error(w), Contains("--lat is required for willoughby"));
  w.lat_deg = 20.0;
  w.dp_hpa = 30.0;
  CHECK_THAT(input_error(w), Contains("--dp-hpa: not used by willoughby"));
  w.dp_hpa.reset();
  CHECK(input_error(w).empty());

  // Common checks.
  ProfileRequest c = holland1980(20.0, 1.5, std::nullopt);
  c.model = "rankine";
  CHECK_THAT(input_error(c), Contains("--model: unknown model 'rankine'"));
  c = holland1980(20.0, 1.5, std::nullopt);
  c.rmax_km.reset();
  CHECK_THAT(input_error(c), Contains("--rmax-km is required for holland1980"));
  c.rmax_km = -5.0;
  CHECK_THAT(input_error(c), Contains("--rmax-km: must be a number > 0 km"));
  c.rmax_km = 40.0;
  c.r_km = {10.0, -1.0};
  CHECK_THAT(input_error(c), Contains("--r-km: radii must be numbers"));
  c.r_km.clear();
  CHECK_THAT(input_error(c), Contains("--r-km: give at least one radius"));
  c.r_km = {10.0};
  c.dp_hpa = -3.0;
  CHECK_THAT(input_error(c), Contains("--dp-hpa: must be a number > 0 hPa"));
  c.dp_hpa = 20.0;
  c.b = std::nan("");
  CHECK_THAT(input_error(c), Contains("--b: must be a number > 0"));
  c.b = 1.5;
  CHECK(input_error(c).empty());
}
