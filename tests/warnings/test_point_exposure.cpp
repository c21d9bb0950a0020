// Exposure of population points (warnings/point_exposure.hpp) and the probabilistic signal
// and storm-surge level decisions (warnings/signals.hpp).
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <random>

#include "taifeng/warnings/point_exposure.hpp"
#include "taifeng/warnings/signals.hpp"

using namespace taifeng;
using namespace taifeng::warnings;

namespace {

// Wind rising eastward 5 → 45 m/s over 100–102E; P(gale) = the fraction of the way east.
HazardProducts east_rising_hazard() {
  HazardProducts h;
  WindHazard& w = h.wind;
  w.grid = Grid::from_box(100, 102, 10, 12, 0.1);
  const std::size_t n = w.grid.size();
  w.land.assign(n, 1);
  w.max_wind_ms.resize(n);
  w.p_gale.resize(n);
  w.first_gale_h.assign(n, std::nan(""));
  for (std::size_t k = 0; k < n; ++k) {
    const double x = (w.grid.lon(k % w.grid.nlon) - 100) / 2;
    w.max_wind_ms[k] = 5 + 40 * x;
    w.p_gale[k] = x;
    if (w.max_wind_ms[k] >= 17.2) w.first_gale_h[k] = 48 - 24 * x;
  }
  w.max_gust_ms = w.max_wind_ms;
  w.p_signal = {w.p_gale};
  return h;
}

}  // namespace

TEST_CASE("point exposure conserves every unit's population in its classes", "[exposure]") {
  const HazardProducts h = east_rising_hazard();
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lon(99.5, 102.5), lat(9.5, 12.5);  // some outside
  std::uniform_int_distribution<int> people(0, 5000), unit(0, 2);
  std::vector<PopulationPoint> pts;
  std::array<long, 3> total{};
  for (int k = 0; k < 2000; ++k) {
    pts.push_back({{lon(rng), lat(rng)}, people(rng), unit(rng)});
    total[std::size_t(pts.back().unit)] += long(pts.back().people);
  }
  const PointExposure pe = point_exposure(3, pts, h, {}, {});
  for (std::size_t u = 0; u < 3; ++u) {
    const auto& e = pe.units[u];
    CHECK(e.population == total[u]);
    CHECK(std::accumulate(e.wind_class.begin(), e.wind_class.end(), 0L) == total[u]);
    CHECK(std::accumulate(e.surge_class.begin(), e.surge_class.end(), 0L) == total[u]);
    // Cumulative counts: Bf 6+ >= Bf 8+ >= …, and Bf 6+ = everyone not below Bf 6.
    CHECK(e.exposed_bf[0] == total[u] - e.wind_class[0]);
    for (std::size_t c = 1; c < 4; ++c) CHECK(e.exposed_bf[c] <= e.exposed_bf[c - 1]);
    CHECK(e.exposed_bf[3] == e.wind_class[4]);
  }
}

TEST_CASE("point exposure: classes, expected exposure and gale arrival by hand", "[exposure]") {
  const HazardProducts h = east_rising_hazard();
  // Unit 0: 1000 people at 100.0E (5 m/s, P 0) and 3000 at 101.5E (35 m/s, P 0.75);
  // unit 1: 500 people at 101.0E (25 m/s: Bf 10, P 0.5); one point far outside the grid.
  const std::vector<PopulationPoint> pts = {{{100.0, 11.0}, 1000, 0},
                                            {{101.5, 11.0}, 3000, 0},
                                            {{101.0, 10.5}, 500, 1},
                                            {{120.0, 11.0}, 7, 1}};
  const PointExposure pe = point_exposure(2, pts, h, {}, {});
  const auto& a = pe.units[0];
  CHECK(a.wind_class[0] == 1000);
  CHECK(a.wind_class[4] == 3000);  // 35 m/s >= 32.7: Beaufort 12
  CHECK(a.exposed_bf[1] == 3000);
  CHECK(a.expected_gale == Approx(3000 * 0.75).epsilon(1e-12));
  REQUIRE(a.gale_arrival_h);
  CHECK(*a.gale_arrival_h == Approx(48 - 24 * 0.75));
  CHECK(a.max_wind_ms == Approx(35));
  CHECK(a.p_signal[0] == Approx(0.75));
  const auto& b = pe.units[1];
  CHECK(b.population == 507);
  CHECK(b.wind_class[3] == 500);  // 25 m/s: Beaufort 10–11
  CHECK(b.wind_class[0] == 7);    // outside the grid: no hazard
  CHECK(pe.wind_cell[3] == no_cell);
}

TEST_CASE("point exposure: inundation classes and the surge probability near the coast",
          "[exposure]") {
  HazardProducts h = east_rising_hazard();
  SurgeHazard s;
  s.grid = Grid::from_box(100, 102, 10, 12, 0.1);
  s.runs = 10;
  s.inundated_m = 0.1;
  s.inundation_m.assign(s.grid.size(), 0.0);
  s.p_inundation.assign(s.grid.size(), 0.0);
  s.thresholds_m = {0.5, 1, 2, 3};
  s.p_surge_ge.assign(4, std::vector<double>(s.grid.size(), 0.0));
  const auto at = [&](double lon, double lat) {
    const auto ij = s.grid.nearest(lon, lat);
    return s.grid.index(ij->first, ij->second);
  };
  s.inundation_m[at(100.5, 11)] = 1.5;  // class [1, 2)
  s.p_inundation[at(100.5, 11)] = 0.4;
  s.p_surge_ge[0][at(100.8, 11)] = 0.9;  // a sea cell 0.3° (≈ 33 km) east of the people
  s.p_surge_ge[1][at(100.6, 11)] = 0.6;  // and one 0.1° (≈ 11 km) east
  h.surge = s;
  const std::vector<PopulationPoint> pts = {{{100.5, 11.0}, 200, 0}, {{100.0, 12.0}, 50, 0}};
  ExposureOptions opt;
  opt.coast_km = 15;
  const PointExposure pe = point_exposure(1, pts, h, {}, {}, opt);
  const auto& u = pe.units[0];
  CHECK(u.surge_class[3] == 200);
  CHECK(u.surge_class[0] == 50);
  CHECK(u.exposed_inundation[0] == 200);
  CHECK(u.exposed_inundation[2] == 200);  // >= 1 m
  CHECK(u.exposed_inundation[3] == 0);    // >= 2 m
  CHECK(u.expected_inundated == Approx(80));
  CHECK(u.p_surge_ge[1] == Approx(0.6));  // within 15 km
  CHECK(u.p_surge_ge[0] == 0.0);          // 33 km away: not this unit's coast
  opt.coast_km = 40;
  CHECK(point_exposure(1, pts, h, {}, {}, opt).units[0].p_surge_ge[0] == Approx(0.9));
}

TEST_CASE("point exposure counts exposed enterprises and facilities", "[exposure]") {
  const HazardProducts h = east_rising_hazard();
  const std::vector<AssetPoint> ent = {{"E1", {100.1, 11}, 0, 40, true},   // 7 m/s, P 0.05
                                       {"E2", {101.8, 11}, 0, 300, true},  // 41 m/s
                                       {"E3", {101.2, 11}, 0, 25, false}};
  const std::vector<AssetPoint> fac = {{"H1", {101.9, 11}, 0, 0, false},
                                       {"S1", {100.2, 11}, 0, 0, false}};
  const PointExposure pe = point_exposure(1, {{{101, 11}, 10, 0}}, h, ent, fac);
  const auto& u = pe.units[0];
  CHECK(u.enterprises == 3);
  CHECK(u.enterprises_exposed == 2);
  CHECK(u.employees_exposed == 325);
  CHECK(u.hazmat_exposed == 1);
  CHECK(u.facilities == 2);
  CHECK(u.facilities_exposed == std::vector<std::string>{"H1"});
}

TEST_CASE("probabilistic signals: the highest level whose probability reaches its threshold",
          "[signals]") {
  const auto rules = cma_signal_rules();  // blue 0.5, yellow 0.4, orange 0.3, red 0.3
  auto level = [&](std::vector<double> p) {
    return decide_signal_probabilistic(p, rules, "test").level;
  };
  CHECK(level({0.49, 0.39, 0.29, 0.29}) == SignalLevel::none);
  CHECK(level({0.5, 0.39, 0.29, 0.29}) == SignalLevel::blue);
  CHECK(level({0.9, 0.4, 0.29, 0.29}) == SignalLevel::yellow);
  CHECK(level({1, 1, 0.3, 0.1}) == SignalLevel::orange);
  CHECK(level({1, 1, 1, 0.3}) == SignalLevel::red);
  // A red probability alone raises red (criteria are nested in practice, not required).
  CHECK(level({0, 0, 0, 0.35}) == SignalLevel::red);
  const SignalDecision d = decide_signal_probabilistic({0.9, 0.62, 0.1, 0}, rules, "100 members");
  CHECK(d.probability == 0.62);
  CHECK(d.probability_threshold == 0.4);
  CHECK(d.reason.find("0.62 >= 0.40") != std::string::npos);
  CHECK(d.reason.find("100 members") != std::string::npos);
  const SignalDecision none = decide_signal_probabilistic({0.2, 0, 0, 0}, rules, "x");
  CHECK(none.level == SignalLevel::none);
  CHECK(none.reason.find("0.20 < 0.50") != std::string::npos);
}

TEST_CASE("storm-surge levels from the probability of each height", "[signals]") {
  const std::vector<double> th = {0.5, 1, 2, 3};
  const auto rules = default_surge_rules();  // 0.5/1/2/3 m, probability 0.3 each
  CHECK(decide_surge_level({0.2, 0, 0, 0}, th, rules, 10).level == SignalLevel::none);
  CHECK(decide_surge_level({0.3, 0, 0, 0}, th, rules, 10).level == SignalLevel::blue);
  CHECK(decide_surge_level({1, 0.5, 0.29, 0}, th, rules, 10).level == SignalLevel::yellow);
  const SignalDecision d = decide_surge_level({1, 1, 0.4, 0.1}, th, rules, 21);
  CHECK(d.level == SignalLevel::orange);
  CHECK(d.probability == 0.4);
  CHECK(d.reason.find(">= 2 m") != std::string::npos);
  CHECK(d.reason.find("21 surge runs") != std::string::npos);
}
