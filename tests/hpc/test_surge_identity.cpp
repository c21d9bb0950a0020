// The identity of a surge run (hpc/surge_identity.hpp): the same inputs give the same hash,
// and any input that changes the run (member track, surge options, bed, wind options, start
// or end) gives another.
#include <catch2/catch.hpp>

#include <set>

#include "taifeng/hpc/surge_identity.hpp"

using namespace taifeng;
using namespace taifeng::hpc;

namespace {

const TimePoint t0 = make_utc(2005, 9, 25, 0);

SurgeSetup setup_with(double manning_n = 0.025, double depth_shift = 0) {
  SurgeOptions o;
  o.grid = Grid::from_box(109.0, 110.0, 18.0, 19.0, 0.25);
  o.manning_n = manning_n;
  Field relief("relief", "m", o.grid, -50.0 + depth_shift);
  relief.at(2, 2) = 10.0;
  return make_surge_setup(o, relief);
}

Track track_with(double lat_shift = 0) {
  Track t;
  for (int h = 0; h <= 24; h += 12) {
    TrackPoint p;
    p.time = add_hours(t0, h);
    p.lon = 110.0 - 0.1 * h;
    p.lat = 18.0 + 0.1 * h + lat_shift;
    p.vmax_ms = 40;
    t.points.push_back(p);
  }
  return t;
}

}  // namespace

TEST_CASE("surge_run_identity: stable, and different for any change of the run",
          "[surge_identity]") {
  const SurgeSetup setup = setup_with();
  const Track track = track_with();
  const TimePoint t_end = add_hours(t0, 24);
  const solver::WindOptions wind;
  const std::string id = surge_run_identity(setup, track, t0, t_end, wind);
  CHECK(id.size() == 64);
  CHECK(surge_run_identity(setup_with(), track_with(), t0, t_end, wind) == id);
  Track renamed = track;
  renamed.id = "other id";  // names do not enter the run
  renamed.points[1].source_ref = "elsewhere.csv:7";
  CHECK(surge_run_identity(setup, renamed, t0, t_end, wind) == id);

  std::set<std::string> ids{id};
  auto differs = [&](const std::string& other) {
    CHECK(ids.insert(other).second);  // differs from every identity so far
  };
  differs(surge_run_identity(setup, track_with(1e-9), t0, t_end, wind));  // another member
  Track faster = track;
  faster.points[2].vmax_ms += 1e-12;
  differs(surge_run_identity(setup, faster, t0, t_end, wind));
  Track shorter = track;
  shorter.points.pop_back();
  differs(surge_run_identity(setup, shorter, t0, t_end, wind));
  differs(surge_run_identity(setup_with(0.026), track, t0, t_end, wind));       // options
  differs(surge_run_identity(setup_with(0.025, 0.5), track, t0, t_end, wind));  // bed
  SurgeSetup cfl = setup;
  cfl.opt.cfl = 0.4;
  differs(surge_run_identity(cfl, track, t0, t_end, wind));
  SurgeSetup forcing = setup;
  forcing.opt.forcing_interval_minutes = 15;
  differs(surge_run_identity(forcing, track, t0, t_end, wind));
  differs(surge_run_identity(setup, track, t0, add_hours(t0, 12), wind));    // end
  differs(surge_run_identity(setup, track, add_hours(t0, 1), t_end, wind));  // start
  solver::WindOptions w2 = wind;
  w2.p_env_hpa = 1008;
  differs(surge_run_identity(setup, track, t0, t_end, w2));
  solver::WindOptions w3 = wind;
  w3.profile = solver::WindProfile::willoughby;
  differs(surge_run_identity(setup, track, t0, t_end, w3));
}
