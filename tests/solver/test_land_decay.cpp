// Kaplan–DeMaria decay imposed on a model's intensity forecast (apply_land_decay).
#include <catch2/catch.hpp>

#include <cmath>

#include "taifeng/solver/intensity.hpp"
#include "taifeng/solver/persistence.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {
// Hourly points moving west along 18N at 0.1 deg/h with a constant model wind of 40 m/s.
Track westward(int hours) {
  Track t;
  for (int h = 0; h <= hours; ++h) {
    TrackPoint p;
    p.time = make_utc(2005, 9, 25, 0) + std::chrono::hours(h);
    p.lat = 18.0;
    p.lon = 112.0 - 0.1 * h;
    p.vmax_ms = 40.0;
    p.pmin_hpa = 960.0;
    t.points.push_back(p);
  }
  return t;
}
}  // namespace

TEST_CASE("land decay follows Kaplan-DeMaria from landfall and caps re-intensification",
          "[solver][land_decay]") {
  Track t = westward(48);
  // Land between 111.0E and 110.0E (hours 10..20), sea again west of 110.0E.
  auto is_land = [](LonLat p) { return p.lon < 111.0 + 1e-9 && p.lon > 110.0 - 1e-9; };
  apply_land_decay(t, is_land, 1010.0);
  CHECK(t.points[0].vmax_ms == 40.0);  // the analysis is untouched
  CHECK(t.points[9].vmax_ms == 40.0);  // still over sea
  // Over land: exactly the closed form from the landfall wind (tolerance: rounding only).
  for (int h : {10, 14, 20})
    CHECK(t.points[std::size_t(h)].vmax_ms ==
          Approx(kaplan_demaria_decay(40.0, h - 10.0)).epsilon(1e-12));
  // Back over sea: the model's 40 m/s is capped by the last decayed value.
  const double last = kaplan_demaria_decay(40.0, 10.0);
  CHECK(t.points[21].vmax_ms == Approx(last).epsilon(1e-12));
  CHECK(t.points[48].vmax_ms == Approx(last).epsilon(1e-12));
  // Pressure deficit scales as (V/V_model)^(1/0.644) (Atkinson–Holliday).
  const double v14 = t.points[14].vmax_ms;
  CHECK(t.points[14].pmin_hpa == Approx(1010.0 - 50.0 * std::pow(v14 / 40.0, 1 / 0.644)));
}

TEST_CASE("land decay never raises the model wind and ignores an all-sea track",
          "[solver][land_decay]") {
  Track t = westward(24);
  const Track before = t;
  apply_land_decay(
      t, [](LonLat) { return false; }, 1010.0);
  for (std::size_t k = 0; k < t.points.size(); ++k) {
    CHECK(t.points[k].vmax_ms == before.points[k].vmax_ms);
    CHECK(t.points[k].pmin_hpa == before.points[k].pmin_hpa);
  }
  Track w = westward(24);
  for (auto& p : w.points) p.vmax_ms = 15.0;  // a weak storm: decay must not raise it
  apply_land_decay(
      w, [](LonLat) { return true; }, 1010.0);
  for (const auto& p : w.points) CHECK(p.vmax_ms <= 15.0);
}
