// Exposure (population conservation, classes, arrival) and CMA signal rules.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "taifeng/warnings/exposure.hpp"
#include "taifeng/warnings/signals.hpp"
#include "warnings_test_util.hpp"

using namespace taifeng;
using namespace taifeng::warnings;

using warnings_test::square_unit;

TEST_CASE("Beaufort classes follow the CMA lower bounds", "[exposure]") {
  CHECK(beaufort_class(10.7) == 0);
  CHECK(beaufort_class(10.8) == 1);
  CHECK(beaufort_class(17.1) == 1);
  CHECK(beaufort_class(17.2) == 2);
  CHECK(beaufort_class(24.5) == 3);
  CHECK(beaufort_class(32.7) == 4);
  CHECK(beaufort_class(60.0) == 4);
}

TEST_CASE("exposure conserves population and classifies by the swath", "[exposure]") {
  const Grid grid = Grid::from_box(100, 102, 10, 12, 0.1);
  Field swath("wind_speed_max", "m s-1", grid);
  // Wind rises eastward: 5 m/s at 100E to 45 m/s at 102E.
  for (std::size_t j = 0; j < grid.nlat; ++j)
    for (std::size_t i = 0; i < grid.nlon; ++i) swath.at(i, j) = 5.0 + 20.0 * (grid.lon(i) - 100.0);
  std::vector<double> hours = {0, 1, 2};
  std::vector<std::vector<double>> fields(3, swath.data);
  for (double& v : fields[0]) v *= 0.1;  // weak at t = 0
  std::vector<const double*> hourly = {fields[0].data(), fields[1].data(), fields[2].data()};
  const std::vector<AdminUnit> units = {square_unit("000001", 100.02, 10.02, 0.5, 1000),
                                        square_unit("000002", 101.52, 10.52, 0.4, 777777),
                                        square_unit("000003", 100.925, 11.925, 0.01, 50),
                                        square_unit("000004", 120.0, 30.0, 0.5, 42)};
  const auto e = unit_exposure(units, swath, hourly, hours);
  REQUIRE(e.size() == 4);
  for (std::size_t u = 0; u < 4; ++u) {
    const double sum =
        std::accumulate(e[u].population_by_class.begin(), e[u].population_by_class.end(), 0.0);
    // Summation of area weights: exact up to floating-point rounding.
    CHECK(sum == Approx(units[u].population).epsilon(1e-12));
  }
  // Unit 1 spans 100.1..100.5 E (points inside): winds 7..15 m/s -> classes 0 and 1 only.
  CHECK(e[0].n_points == 25);
  CHECK(e[0].population_by_class[2] == 0.0);
  CHECK(e[0].population_by_class[0] > 0.0);
  CHECK(e[0].max_wind_ms == Approx(5.0 + 20.0 * 0.5).epsilon(1e-12));
  // Unit 2 spans 101.6..101.9 E: winds 37..43 m/s, all in class 12+.
  CHECK(e[1].population_by_class[4] == Approx(777777).epsilon(1e-12));
  REQUIRE(e[1].first_hour_bf6);
  CHECK(*e[1].first_hour_bf6 == 1.0);  // at t = 0 the unit sees at most 0.1 x 43 = 4.3 m/s
  // Tiny unit with no grid point inside is represented by its seat's nearest point.
  CHECK(e[2].from_center);
  CHECK(e[2].n_points == 1);
  // Unit outside the grid: nobody exposed, all in class 0.
  CHECK(e[3].n_points == 0);
  CHECK(e[3].population_by_class[0] == 42.0);
  CHECK(e[3].max_wind_ms == 0.0);
}

TEST_CASE("arrival hours come from the unit maximum over time", "[exposure]") {
  const Grid grid = Grid::from_box(0, 1, 0, 1, 0.5);
  Field swath("s", "m s-1", grid, 30.0);
  std::vector<double> h0(grid.size(), 5.0), h1(grid.size(), 12.0), h2(grid.size(), 30.0);
  const auto e = unit_exposure({square_unit("1", -0.1, -0.1, 1.2, 10)}, swath,
                               {h0.data(), h1.data(), h2.data()}, {0, 3, 6});
  REQUIRE(e[0].first_hour_bf6);
  CHECK(*e[0].first_hour_bf6 == 3.0);
  REQUIRE(e[0].first_hour_bf8);
  CHECK(*e[0].first_hour_bf8 == 6.0);
  CHECK(e[0].max_wind_by_time == std::vector<double>{5.0, 12.0, 30.0});
}

TEST_CASE("CMA signal rules pick the highest level met within its window", "[signals]") {
  const auto rules = cma_signal_rules();
  const std::vector<double> hours = {0, 3, 6, 9, 12, 18, 24, 36};
  auto level = [&](std::vector<double> wind) {
    return decide_signal(wind, {}, hours, rules).level;
  };
  CHECK(level({0, 0, 0, 0, 0, 0, 0, 0}) == SignalLevel::none);
  CHECK(level({0, 0, 0, 0, 0, 0, 11, 40}) == SignalLevel::blue);     // Bf 6 at 24 h
  CHECK(level({0, 0, 0, 0, 0, 0, 17.2, 0}) == SignalLevel::yellow);  // Bf 8 at 24 h
  CHECK(level({0, 0, 0, 0, 0, 0, 0, 50}) == SignalLevel::none);      // only beyond 24 h
  CHECK(level({0, 0, 0, 0, 24.5, 0, 0, 0}) == SignalLevel::orange);  // Bf 10 at 12 h
  CHECK(level({0, 0, 0, 0, 0, 24.5, 0, 0}) == SignalLevel::yellow);  // Bf 10 only at 18 h
  CHECK(level({0, 0, 32.7, 0, 0, 0, 0, 0}) == SignalLevel::red);     // Bf 12 at 6 h
  CHECK(level({0, 0, 0, 32.7, 0, 0, 0, 0}) == SignalLevel::orange);  // Bf 12 at 9 h
  const auto d = decide_signal({0, 0, 33.0, 0, 0, 0, 0, 0}, {}, hours, rules);
  CHECK(d.lead_hours == 6.0);
  CHECK(d.wind_ms == 33.0);
  CHECK_THAT(d.reason, Catch::Contains("red") && Catch::Contains("32.7") && Catch::Contains("6 h"));
}

TEST_CASE("signal thresholds come from the rules, not from code", "[signals]") {
  const std::vector<SignalRule> strict = {{SignalLevel::blue, 48, 5.0}};
  CHECK(decide_signal({6.0, 0.0}, {}, {0.0, 1.0}, strict).level == SignalLevel::blue);
  CHECK(decide_signal({6.0, 0.0}, {}, {0.0, 1.0}, cma_signal_rules()).level == SignalLevel::none);
}

TEST_CASE("CMA gust criteria raise the signal where the mean wind alone would not", "[signals]") {
  const auto rules = cma_signal_rules();
  const std::vector<double> hours = {0, 6, 12, 24};
  const std::vector<double> calm = {0, 0, 0, 0};
  // Gust Bf 8 (17.2) within 24 h: blue; Bf 10 (24.5): yellow; Bf 12 at 12 h: orange;
  // Bf 14 (41.5) at 6 h: red; 41.4 m/s is Beaufort 13 and stays orange.
  CHECK(decide_signal(calm, {0, 0, 0, 17.2}, hours, rules).level == SignalLevel::blue);
  CHECK(decide_signal(calm, {0, 0, 0, 24.5}, hours, rules).level == SignalLevel::yellow);
  CHECK(decide_signal(calm, {0, 0, 32.7, 0}, hours, rules).level == SignalLevel::orange);
  CHECK(decide_signal(calm, {0, 41.5, 0, 0}, hours, rules).level == SignalLevel::red);
  CHECK(decide_signal(calm, {0, 41.4, 0, 0}, hours, rules).level == SignalLevel::orange);
  const auto d = decide_signal({0, 20.0, 0, 0}, {0, 41.5, 0, 0}, hours, rules);
  CHECK(d.by_gust);
  CHECK(d.gust_ms == 41.5);
  CHECK_THAT(d.reason, Catch::Contains("gust 41.5") && Catch::Contains("Beaufort 14"));
  // Without a gust forecast the same mean wind gives yellow only.
  CHECK(decide_signal({0, 20.0, 0, 0}, {}, hours, rules).level == SignalLevel::yellow);
}
