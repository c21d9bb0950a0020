// The official (advisory) forecast interpolated in time.
#include <catch2/catch.hpp>

#include <cmath>

#include "taifeng/core/error.hpp"
#include "taifeng/solver/official.hpp"

using namespace taifeng;

TEST_CASE("official forecast: exact at the forecast hours, linear between, ends with the advisory",
          "[solver][official]") {
  const TimePoint t0 = make_utc(2005, 9, 25, 0);
  Track adv;
  adv.source = "JTWC";
  const double lat[] = {18.9, 19.0, 18.6, 19.2}, lon[] = {112.8, 111.6, 110.0, 108.2};
  const double vmax[] = {41.0, 38.0, 33.0, 27.0};
  for (int k = 0; k < 4; ++k) {
    TrackPoint p;
    p.time = t0 + std::chrono::hours(12 * k);
    p.lat = lat[k];
    p.lon = lon[k];
    p.vmax_ms = vmax[k];
    adv.points.push_back(p);
  }
  const Track fc = solver::official_forecast(adv, t0, 1.0, 120.0);
  REQUIRE(fc.points.size() == 37);  // 0..36 h: the advisory ends at +36 h
  CHECK(fc.source == "JTWC");
  for (int k = 0; k < 4; ++k) {  // exact at the forecast hours (no rounding: w = 0)
    CHECK(fc.points[std::size_t(12 * k)].lat == lat[k]);
    CHECK(fc.points[std::size_t(12 * k)].lon == lon[k]);
    CHECK(fc.points[std::size_t(12 * k)].vmax_ms == vmax[k]);
  }
  // +6 h: halfway between +0 and +12 h (linear in time), to rounding.
  CHECK(fc.points[6].lat == Approx(18.95).epsilon(1e-12));
  CHECK(fc.points[6].lon == Approx(112.2).epsilon(1e-12));
  CHECK(fc.points[6].vmax_ms == Approx(39.5).epsilon(1e-12));
  // A shorter lead truncates.
  CHECK(solver::official_forecast(adv, t0, 6.0, 24.0).points.size() == 5);
  // An advisory from another base time is refused.
  CHECK_THROWS_AS(solver::official_forecast(adv, t0 + std::chrono::hours(6), 1.0, 24.0), Error);
}

TEST_CASE("official forecast: the advisory's radius of maximum wind where given",
          "[solver][official]") {
  const TimePoint t0 = make_utc(2005, 9, 25, 0);
  Track adv;
  for (int k = 0; k < 5; ++k) {
    TrackPoint p;
    p.time = t0 + std::chrono::hours(12 * k);
    p.lat = 18.9;
    p.lon = 112.8 - 1.0 * k;
    p.vmax_ms = 40.0;
    adv.points.push_back(p);
  }
  adv.points[1].rmw_km = 30.0;  // given at +12 h and +36 h only
  adv.points[3].rmw_km = 50.0;
  const Track fc = solver::official_forecast(adv, t0, 1.0, 48.0);
  REQUIRE(fc.points.size() == 49);
  CHECK(fc.points[0].rmw_km == 30.0);                          // before the first given value: held
  CHECK(fc.points[12].rmw_km == 30.0);                         // exact where given
  CHECK(fc.points[24].rmw_km == Approx(40.0).epsilon(1e-12));  // linear between
  CHECK(fc.points[36].rmw_km == 50.0);
  CHECK(fc.points[48].rmw_km == 50.0);  // after the last: held
  // An advisory without any RMW leaves it unknown (the kernels estimate it from pressure).
  for (auto& p : adv.points) p.rmw_km = NAN;
  CHECK(std::isnan(solver::official_forecast(adv, t0, 1.0, 48.0).points[5].rmw_km));
}
