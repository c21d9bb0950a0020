// CMA signal rules applied to a unit's wind and gust series (deterministic decision).
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "taifeng/warnings/signals.hpp"

using namespace taifeng;
using namespace taifeng::warnings;

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
