// SST limit on intensity (DeMaria–Kaplan 1994 MPI, relaxation towards it).
#include <catch2/catch.hpp>

#include <cmath>

#include "taifeng/solver/sst_limit.hpp"

using namespace taifeng;
using namespace taifeng::solver;

namespace {
Track hourly(int hours, double v, WindAveraging avg = WindAveraging::one_minute) {
  Track t;
  for (int h = 0; h <= hours; ++h) {
    TrackPoint p;
    p.time = make_utc(2005, 9, 25, 0) + std::chrono::hours(h);
    p.lat = 18.0;
    p.lon = 112.0 - 0.1 * h;
    p.vmax_ms = v;
    p.averaging = avg;
    p.pmin_hpa = 950.0;
    t.points.push_back(p);
  }
  return t;
}
}  // namespace

TEST_CASE("DeMaria-Kaplan MPI matches the published curve", "[solver][sst]") {
  // V(30 C) = A + B = 84.0 m/s exactly; V(26 C) = 28.2 + 55.8 e^{-0.7252} = 55.21 m/s
  // (hand-computed, e^{-0.7252} = 0.48423).
  CHECK(mpi_demaria_kaplan_ms(30.0) == Approx(84.0).epsilon(1e-12));
  CHECK(mpi_demaria_kaplan_ms(26.0) == Approx(55.2201).epsilon(1e-4));
  CHECK(mpi_demaria_kaplan_ms(20.0) < mpi_demaria_kaplan_ms(26.0));
  CHECK(std::isnan(mpi_demaria_kaplan_ms(NAN)));
}

TEST_CASE("a storm above its MPI relaxes towards it exponentially", "[solver][sst]") {
  const double sst_c = 26.0, mpi = mpi_demaria_kaplan_ms(sst_c);
  Track t = hourly(48, 70.0);
  SstLimitOptions o;
  o.tau_h = 12.0;
  const int n = apply_sst_limit(
      t, [&](LonLat, TimePoint) { return sst_c; }, o);
  CHECK(n == 48);
  CHECK(t.points[0].vmax_ms == 70.0);  // the analysis is never changed
  // Constant SST: L(t) = V_mpi + (V0 - V_mpi) e^{-t/tau} exactly (products of e^{-1/tau}).
  for (int h : {1, 12, 24, 48})
    CHECK(t.points[std::size_t(h)].vmax_ms ==
          Approx(mpi + (70.0 - mpi) * std::exp(-h / 12.0)).epsilon(1e-12));
  // Pressure follows the Atkinson–Holliday deficit ratio (p_env 1010, deficit 60 hPa).
  const double v24 = t.points[24].vmax_ms;
  CHECK(t.points[24].pmin_hpa == Approx(1010.0 - 60.0 * std::pow(v24 / 70.0, 1.0 / 0.644)));
  CHECK(t.points[24].pmin_hpa > 950.0);
}

TEST_CASE("SST limit: hard cap, weak storms, unknown SST, averaging period", "[solver][sst]") {
  const double mpi26 = mpi_demaria_kaplan_ms(26.0);
  SstLimitOptions hard;
  hard.tau_h = 0.0;
  Track t = hourly(6, 70.0);
  apply_sst_limit(
      t, [](LonLat, TimePoint) { return 26.0; }, hard);
  CHECK(t.points[1].vmax_ms == Approx(mpi26).epsilon(1e-12));

  // Below the MPI nothing changes (bitwise).
  Track weak = hourly(6, 40.0);
  CHECK(apply_sst_limit(weak, [](LonLat, TimePoint) { return 29.0; }, {}) == 0);
  CHECK(weak.points[6].vmax_ms == 40.0);
  CHECK(weak.points[6].pmin_hpa == 950.0);

  // Unknown SST (land, no data): no limit there.
  Track land = hourly(6, 70.0);
  CHECK(apply_sst_limit(
            land, [](LonLat, TimePoint) { return NAN; }, hard) == 0);

  // A 10-min track is limited by the 10-min equivalent of the 1-min MPI.
  Track ten = hourly(2, 70.0, WindAveraging::ten_minute);
  apply_sst_limit(
      ten, [](LonLat, TimePoint) { return 26.0; }, hard);
  CHECK(ten.points[1].vmax_ms ==
        Approx(mpi26 * averaging_factor(WindAveraging::one_minute, WindAveraging::ten_minute)));
  CHECK(ten.points[1].vmax_ms < mpi26);
}
