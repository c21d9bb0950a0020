#include "taifeng/solver/storm_forcing.hpp"

#include <algorithm>
#include <cmath>

#include "taifeng/core/error.hpp"

namespace taifeng::solver {

double holland_pressure_pa(double r_m, double rm_m, double b, double pc_pa, double dp_pa) {
  const double r = std::max(r_m, 1.0);
  return pc_pa + dp_pa * std::exp(-std::pow(rm_m / r, b));
}

void storm_forcing_at(const StormState& s, const WindOptions& o, const std::vector<LonLat>& pts,
                      const std::vector<std::uint8_t>& land, double* u10, double* v10,
                      double* p_pa) {
  TAIFENG_CHECK(land.empty() || land.size() == pts.size(), "land mask size");
  const RadialProfile prof = make_radial_profile(s, o);
  const HollandParameters hp = holland_parameters(s, o);
  const double pc_pa = o.p_env_hpa * 100.0 - hp.dp_pa;
  const long n = long(pts.size());
#pragma omp parallel for schedule(static) if (n > 4096)
  for (long k = 0; k < n; ++k) {
    const std::size_t i = std::size_t(k);
    const WindVector w = surface_wind(s, prof, o, pts[i], !land.empty() && land[i]);
    u10[i] = w.u;
    v10[i] = w.v;
    p_pa[i] = holland_pressure_pa(great_circle_km(s.centre, pts[i]) * 1000.0, s.rmw_km * 1000.0,
                                  hp.b, pc_pa, hp.dp_pa);
  }
}

void ramp_forcing(double w, double p_env_pa, std::size_t n, double* u10, double* v10,
                  double* p_pa) {
  for (std::size_t k = 0; k < n; ++k) {
    u10[k] *= w;
    v10[k] *= w;
    p_pa[k] = p_env_pa + w * (p_pa[k] - p_env_pa);
  }
}

}  // namespace taifeng::solver
