// Gust factors (solver/gust.hpp): the WMO/TD-No. 1555 table values, their ordering by
// exposure and averaging period, and the gust field from a sustained field and a land mask.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/solver/gust.hpp"

using namespace taifeng;
using namespace taifeng::solver;

TEST_CASE("gust factors are the WMO/TD-1555 table", "[solver][gust]") {
  using A = WindAveraging;
  using E = GustExposure;
  const struct {
    E exposure;
    double g1, g2, g10;
  } table[] = {{E::at_sea, 1.11, 1.15, 1.23},
               {E::off_sea, 1.23, 1.28, 1.38},
               {E::off_land, 1.36, 1.42, 1.52},
               {E::in_land, 1.49, 1.55, 1.66}};
  for (const auto& row : table) {
    CHECK(gust_factor(A::one_minute, row.exposure) == row.g1);
    CHECK(gust_factor(A::two_minute, row.exposure) == row.g2);
    CHECK(gust_factor(A::ten_minute, row.exposure) == row.g10);
  }
  // Grid-point form: at sea over water, roughly open terrain over land.
  CHECK(gust_factor(A::two_minute, false) == 1.15);
  CHECK(gust_factor(A::two_minute, true) == 1.55);
  for (A a : {A::one_minute, A::two_minute, A::ten_minute}) {
    CHECK(gust_factor(a, true) > gust_factor(a, false));  // rougher surface, gustier
    for (E e : {E::at_sea, E::off_sea, E::off_land, E::in_land}) CHECK(gust_factor(a, e) > 1.0);
  }
  for (E e : {E::at_sea, E::off_sea, E::off_land, E::in_land}) {
    // A longer mean is lower, so its gust factor is larger.
    CHECK(gust_factor(A::ten_minute, e) > gust_factor(A::two_minute, e));
    CHECK(gust_factor(A::two_minute, e) > gust_factor(A::one_minute, e));
  }
}

TEST_CASE("gust field from the sustained field and the land mask", "[solver][gust]") {
  const Grid g = Grid::from_box(108.0, 111.0, 18.0, 20.0, 0.5);
  std::vector<double> sustained(g.size()), gust(g.size());
  std::vector<std::uint8_t> land(g.size(), 0);
  for (std::size_t p = 0; p < g.size(); ++p) {
    sustained[p] = 5.0 + double(p);
    land[p] = p % 3 == 0;
  }
  gust_speed_field(g, land, WindAveraging::two_minute, sustained.data(), gust.data());
  for (std::size_t p = 0; p < g.size(); ++p)
    CHECK(gust[p] == sustained[p] * (land[p] ? 1.55 : 1.15));
  // No mask: all water; in place.
  std::vector<double> inplace = sustained;
  gust_speed_field(g, {}, WindAveraging::ten_minute, inplace.data(), inplace.data());
  for (std::size_t p = 0; p < g.size(); ++p) CHECK(inplace[p] == sustained[p] * 1.23);
  // A calm point stays calm; a wrong mask size is an internal fault.
  sustained[0] = 0.0;
  gust_speed_field(g, land, WindAveraging::one_minute, sustained.data(), gust.data());
  CHECK(gust[0] == 0.0);
  const std::vector<std::uint8_t> bad(g.size() - 1, 0);
  CHECK_THROWS(gust_speed_field(g, bad, WindAveraging::one_minute, sustained.data(), gust.data()));
}
