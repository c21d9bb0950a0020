// The dasymetric population grid (warnings/dasymetric.hpp): exact census sums per unit,
// weights by elevation, no people at sea, the fallbacks for units without land or without a
// grid point, and the refusal of a fractional census count.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numeric>

#include "taifeng/core/error.hpp"
#include "taifeng/warnings/dasymetric.hpp"
#include "warnings_test_util.hpp"

using namespace taifeng;
using namespace taifeng::warnings;
using warnings_test::square_unit;

namespace {

std::int64_t unit_sum(const PopulationGrid& g, int u) {
  std::int64_t s = 0;
  for (std::size_t k = 0; k < g.people.size(); ++k)
    if (g.unit[k] == u) s += g.people[k];
  return s;
}

}  // namespace

TEST_CASE("dasymetric grid: exact sums, elevation weights, nobody at sea",
          "[warnings][dasymetric]") {
  // Points every 0.1 deg over 110.0-111.0E, 18.0-19.0N (11 x 11).
  const Grid g = Grid::from_box(110.0, 111.0, 18.0, 19.0, 0.1);
  std::vector<double> relief(g.size());
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i)
      relief[g.index(i, j)] = i < 3 ? -50.0 : 100.0 * double(j + 1);  // sea in the west columns
  // Unit A covers the west half (part sea), unit B the east half; odd totals.
  const std::vector<AdminUnit> units{square_unit("A", 109.95, 17.95, 0.5, 1234567),
                                     square_unit("B", 110.55, 17.95, 0.5, 7654321)};
  const PopulationGrid p = dasymetric_population(units, g, relief);
  CHECK(unit_sum(p, 0) == 1234567);  // whole people, exactly the census
  CHECK(unit_sum(p, 1) == 7654321);
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < 3; ++i) CHECK(p.people[g.index(i, j)] == 0);  // sea
  // Lower land holds more people: weight exp(-elevation / 400 m), rows 100 m apart, so the
  // ratio of neighbouring rows is exp(0.25) = 1.284 (to rounding of whole people).
  const double lo = double(p.people[g.index(4, 0)]), hi = double(p.people[g.index(4, 1)]);
  CHECK(lo / hi == Approx(std::exp(0.25)).epsilon(1e-4));
  // Points outside every unit belong to none.
  CHECK(p.unit[g.index(10, 10)] == -1);
}

TEST_CASE("dasymetric grid: units without land or without a grid point", "[warnings][dasymetric]") {
  const Grid g = Grid::from_box(110.0, 111.0, 18.0, 19.0, 0.1);
  const std::vector<double> sea(g.size(), -10.0);
  // An all-sea unit spreads evenly (9 points inside, 1000 people: 111 or 112 each); a unit
  // smaller than the grid spacing puts everyone on the point nearest its centre.
  const std::vector<AdminUnit> units{square_unit("reef", 109.95, 17.95, 0.3, 1000),
                                     square_unit("islet", 110.52, 18.52, 0.02, 2333)};
  const PopulationGrid p = dasymetric_population(units, g, sea);
  CHECK(unit_sum(p, 0) == 1000);
  for (std::size_t j = 0; j < 3; ++j)
    for (std::size_t i = 0; i < 3; ++i) {
      const auto n = p.people[g.index(i, j)];
      CHECK((n == 111 || n == 112));
    }
  CHECK(p.people[g.index(5, 5)] == 2333);  // 110.5E 18.5N, nearest to 110.53E 18.53N
  CHECK(p.unit[g.index(5, 5)] == 1);
}

TEST_CASE("dasymetric grid: a fractional census count is refused", "[warnings][dasymetric]") {
  const Grid g = Grid::from_box(110.0, 111.0, 18.0, 19.0, 0.1);
  const std::vector<AdminUnit> units{square_unit("A", 109.95, 17.95, 0.5, 10.5)};
  CHECK_THROWS_AS(dasymetric_population(units, g, std::vector<double>(g.size(), 1.0)),
                  taifeng::Error);
}
