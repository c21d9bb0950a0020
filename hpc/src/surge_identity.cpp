#include "taifeng/hpc/surge_identity.hpp"

#include <string_view>

#include <fmt/format.h>

#include "taifeng/core/sha256.hpp"
#include "taifeng/core/version.hpp"

namespace taifeng::hpc {

namespace {

// Bytes of an array (exact: doubles are hashed bit for bit).
template <class T>
std::string_view bytes_of(const std::vector<T>& v) {
  return {reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)};
}

long long seconds_of(TimePoint t) {
  return t.time_since_epoch().count();
}

}  // namespace

std::string surge_run_identity(const SurgeSetup& setup, const Track& track, TimePoint t0,
                               TimePoint t_end, const solver::WindOptions& wind) {
  // Doubles as hexadecimal floats ({:a}): every bit counts, no rounding in the text.
  const SurgeOptions& o = setup.opt;
  const Grid& g = o.grid;
  std::string text = fmt::format(
      "taifeng surge run 1 {}\n"
      "grid {:a} {:a} {:a} {:a} {} {}\n"
      "surge {:a} {:a} {:a} {:a} {:a} {:a}\n"
      "bed {} land {}\n"
      "wind {:a} {:a} {:a} {:a} {:a} {:a} {} {} {}\n"
      "time {} {}\n",
      version_string, g.lon0, g.lat0, g.dlon, g.dlat, g.nlon, g.nlat, o.depth_cap_m, o.manning_n,
      o.cfl, o.ramp_hours, o.forcing_interval_minutes, o.land_threshold_m,
      sha256_hex(bytes_of(setup.bed)), sha256_hex(bytes_of(setup.land)), wind.p_env_hpa, wind.rho,
      wind.surface_factor, wind.land_factor, wind.inflow_deg, wind.max_radius_km,
      int(wind.translation_asymmetry), int(wind.output_averaging), int(wind.profile),
      seconds_of(t0), seconds_of(t_end));
  // The track's values (not its names or source references, which do not enter the run).
  text += fmt::format("track {}\n", track.points.size());
  for (const TrackPoint& q : track.points) {
    text += fmt::format("{} {:a} {:a} {:a} {} {:a} {:a}", seconds_of(q.time), q.lat, q.lon,
                        q.vmax_ms, int(q.averaging), q.pmin_hpa, q.rmw_km);
    for (const WindRadii& w : q.radii)
      text += fmt::format(" r {:a} {:a} {:a} {:a} {:a}", w.threshold_ms, w.radius_km[0],
                          w.radius_km[1], w.radius_km[2], w.radius_km[3]);
    text += '\n';
  }
  return sha256_hex(text);
}

}  // namespace taifeng::hpc
