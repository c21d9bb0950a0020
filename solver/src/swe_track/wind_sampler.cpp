#include "wind_sampler.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::solver {

LonLat WindSampler::normalise(LonLat c) const {
  const Grid& g = st_.grid();
  for (const double shift : {0.0, 360.0, -360.0})
    if (c.lon + shift >= g.lon0 && c.lon + shift <= g.lon_max()) return {c.lon + shift, c.lat};
  return c;
}

void WindSampler::sample(std::size_t ka, double wa, std::size_t kb,
                         const std::vector<LonLat>& points, std::vector<double>& u,
                         std::vector<double>& v) const {
  const Grid& g = st_.grid();
  const double* ua = st_.layer_mean_u(ka);
  const double* va = st_.layer_mean_v(ka);
  const double* ub = st_.layer_mean_u(kb);
  const double* vb = st_.layer_mean_v(kb);
  u.assign(points.size(), 0.0);
  v.assign(points.size(), 0.0);
  const double wb = 1.0 - wa;
  for (std::size_t n = 0; n < points.size(); ++n) {
    const double fi = (points[n].lon - g.lon0) / g.dlon, fj = (points[n].lat - g.lat0) / g.dlat;
    if (!(fi >= -1e-9 && fj >= -1e-9 && fi <= double(g.nlon - 1) + 1e-9 &&
          fj <= double(g.nlat - 1) + 1e-9))
      throw_input_error(source_, fmt::format("the point {:.3f}E {:.3f}N of the swe model lies "
                                             "outside the winds' grid {:g}..{:g}E {:g}..{:g}N",
                                             points[n].lon, points[n].lat, g.lon0, g.lon_max(),
                                             g.lat0, g.lat_max()));
    const std::size_t i = std::min(std::size_t(std::max(0.0, fi)), g.nlon - 2);
    const std::size_t j = std::min(std::size_t(std::max(0.0, fj)), g.nlat - 2);
    const double x = std::clamp(fi - double(i), 0.0, 1.0), y = std::clamp(fj - double(j), 0.0, 1.0);
    const std::size_t k00 = g.index(i, j), k10 = g.index(i + 1, j);
    const std::size_t k01 = g.index(i, j + 1), k11 = g.index(i + 1, j + 1);
    auto bil = [&](const double* f) {
      return (1 - x) * (1 - y) * f[k00] + x * (1 - y) * f[k10] + (1 - x) * y * f[k01] +
             x * y * f[k11];
    };
    u[n] = wa * bil(ua) + (wb > 0.0 ? wb * bil(ub) : 0.0);
    v[n] = wa * bil(va) + (wb > 0.0 ? wb * bil(vb) : 0.0);
    if (!std::isfinite(u[n]) || !std::isfinite(v[n]))
      throw_input_error(source_, fmt::format("missing layer-mean wind near {:.3f}E {:.3f}N; "
                                             "expected values over the whole swe model domain",
                                             points[n].lon, points[n].lat));
  }
}

}  // namespace taifeng::solver
