// SST look-up for the intensity limit: bilinear with missing corners, climatological and
// real time interpolation, and the COADS climatology shipped by Debian's ferret-datasets.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "taifeng/core/error.hpp"
#include "taifeng/hpc/sst_field.hpp"

using namespace taifeng;
using namespace taifeng::hpc;

namespace {
// 3 x 2 grid at 110, 111, 112 E and 18, 19 N; value = lon - 80 + 10 * step (°C).
forcing::GriddedData ramp(std::vector<TimePoint> times) {
  forcing::GriddedData d;
  d.grid = Grid::from_box(110, 112, 18, 19, 1.0);
  d.times = std::move(times);
  for (std::size_t k = 0; k < d.n_times(); ++k)
    for (std::size_t j = 0; j < d.grid.nlat; ++j)
      for (std::size_t i = 0; i < d.grid.nlon; ++i)
        d.values.push_back(d.grid.lon(i) - 80.0 + 10.0 * double(k));
  return d;
}
}  // namespace

TEST_CASE("year fraction", "[hpc][sst]") {
  CHECK(year_fraction(make_utc(2005, 1, 1, 0)) == 0.0);
  CHECK(year_fraction(make_utc(2005, 7, 2, 12)) == Approx(182.5 / 365.0).epsilon(1e-12));
  CHECK(year_fraction(make_utc(2004, 12, 31, 12)) == Approx(365.5 / 366.0).epsilon(1e-12));
}

TEST_CASE("SST: bilinear in space, missing corners left out", "[hpc][sst]") {
  const TimePoint t = make_utc(2005, 9, 25, 0);
  forcing::GriddedData d = ramp({t});
  SstField f(d);
  // Linear field: bilinear is exact (rounding only).
  CHECK(f.at({110.25, 18.5}, t) == Approx(30.25).epsilon(1e-12));
  CHECK(std::isnan(f.at({109.0, 18.5}, t)));  // outside the grid
  // Land at 111E (both rows): the point at 110.75E uses the 110E column only.
  d.values[1] = d.values[4] = NAN;
  SstField g(d);
  CHECK(g.at({110.75, 18.5}, t) == Approx(30.0).epsilon(1e-12));
  d.values[0] = d.values[3] = NAN;
  CHECK(std::isnan(SstField(d).at({110.5, 18.5}, t)));
}

TEST_CASE("SST: real times interpolate linearly and hold at the ends", "[hpc][sst]") {
  const TimePoint t0 = make_utc(2005, 9, 25, 0), t1 = make_utc(2005, 9, 26, 0);
  SstField f(ramp({t0, t1}));
  CHECK(!f.climatology());
  CHECK(f.at({111, 18}, add_hours(t0, 6)) == Approx(31.0 + 2.5).epsilon(1e-12));
  CHECK(f.at({111, 18}, add_hours(t0, -6)) == Approx(31.0));
  CHECK(f.at({111, 18}, add_hours(t1, 48)) == Approx(41.0));
}

TEST_CASE("SST: a 12-field climatology is cyclic in the time of year", "[hpc][sst]") {
  std::vector<TimePoint> months;
  for (int m = 1; m <= 12; ++m) months.push_back(make_utc(1, m, 15, 0));
  SstField f(ramp(months));
  CHECK(f.climatology());
  // Any year: mid-September is the September field (step 8).
  CHECK(f.at({111, 18}, make_utc(2005, 9, 15, 0)) == Approx(31.0 + 80.0).epsilon(1e-3));
  // Early January lies between December (step 11) and January (step 0).
  const double v = f.at({111, 18}, make_utc(2005, 1, 1, 0));
  CHECK(v > 31.0);
  CHECK(v < 31.0 + 110.0);
  // Halfway in time of year between 15 Dec and 15 Jan: the mean of both.
  const double f_dec = year_fraction(make_utc(1, 12, 15, 0));
  const double f_jan = year_fraction(make_utc(1, 1, 15, 0));
  const double mid = 0.5 * (f_dec + f_jan + 1.0) - 1.0;  // in January of the next year
  const TimePoint t_mid =
      make_utc(2006, 1, 1, 0) + std::chrono::seconds(std::llround(mid * 365.0 * 86400.0));
  CHECK(f.at({111, 18}, t_mid) == Approx(31.0 + 55.0).margin(0.1));
}

TEST_CASE("SST from the COADS climatology (ferret-datasets)", "[hpc][sst]") {
  const std::filesystem::path coads = "/usr/share/ferret-vis/data/coads_climatology.cdf";
  if (!std::filesystem::exists(coads)) {
    FAIL("missing " << coads << " (install ferret-datasets: scripts/install-deps.sh)");
  }
  const SstField f = read_sst(coads, "sea_surface_temperature", {100, 130, 5, 30});
  CHECK(f.climatology());
  CHECK(f.data().units == "degC");
  // South China Sea in late September: a warm pool of 28-30 °C; Hainan's interior is land
  // and still gets the nearest water through the missing-corner rule or NaN.
  const double scs = f.at({113.0, 17.0}, make_utc(2005, 9, 25, 0));
  CHECK(scs > 28.0);
  CHECK(scs < 30.5);
  // Winter is cooler than late summer in the northern South China Sea.
  CHECK(f.at({116.0, 21.0}, make_utc(2005, 2, 1, 0)) <
        f.at({116.0, 21.0}, make_utc(2005, 8, 15, 0)) - 2.0);
  CHECK_THROWS_AS(read_sst(coads, "no_such_variable", {100, 130, 5, 30}), Error);
}
