#include "taifeng/warnings/dasymetric.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/polygon.hpp"

namespace taifeng::warnings {

PopulationGrid dasymetric_population(const std::vector<AdminUnit>& units, const Grid& grid,
                                     const std::vector<double>& relief,
                                     const DasymetricOptions& opt) {
  TAIFENG_CHECK(relief.size() == grid.size(), "dasymetric: relief must have grid.size() values");
  TAIFENG_CHECK(opt.elevation_scale_m > 0, "dasymetric: elevation scale must be positive");
  PopulationGrid out;
  out.grid = grid;
  out.people.assign(grid.size(), 0);
  out.unit.assign(grid.size(), -1);
  for (std::size_t u = 0; u < units.size(); ++u) {
    const double total = units[u].population;
    if (!(total >= 0) || total != std::floor(total))
      throw_input_error("census", fmt::format("unit {} ({}): population {} is not a whole "
                                              "number >= 0",
                                              units[u].code, units[u].name_en, total));
    std::vector<std::size_t> pts;
    for (const std::size_t k : grid_points_inside(grid, units[u].shape))
      if (out.unit[k] < 0) pts.push_back(k);
    if (pts.empty()) {
      const auto near = grid.nearest(units[u].center.lon, units[u].center.lat);
      if (!near)
        throw_input_error("registry", fmt::format("unit {} ({}) lies outside the population grid",
                                                  units[u].code, units[u].name_en));
      pts.push_back(grid.index(near->first, near->second));
    }
    std::vector<double> w(pts.size());
    for (std::size_t n = 0; n < pts.size(); ++n) {
      const double e = relief[pts[n]];
      w[n] = e > 0 ? std::exp(-e / opt.elevation_scale_m) : 0.0;
    }
    double wsum = std::accumulate(w.begin(), w.end(), 0.0);
    if (!(wsum > 0)) {  // no land point: spread evenly
      std::fill(w.begin(), w.end(), 1.0);
      wsum = double(w.size());
    }
    // Largest remainder: floor of each share, then one more person for the largest
    // remainders (ties to the lower index) until the total is met exactly.
    const auto people = std::int64_t(total);
    std::vector<std::int64_t> base(pts.size());
    std::vector<double> rem(pts.size());
    std::int64_t assigned = 0;
    for (std::size_t n = 0; n < pts.size(); ++n) {
      const double share = total * w[n] / wsum;
      base[n] = std::int64_t(std::floor(share));
      rem[n] = share - double(base[n]);
      assigned += base[n];
    }
    std::vector<std::size_t> order(pts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rem[a] > rem[b]; });
    for (std::size_t n = 0; assigned < people; n = (n + 1) % order.size(), ++assigned)
      ++base[order[n]];
    for (std::size_t n = 0; n < pts.size(); ++n) {
      out.people[pts[n]] += base[n];
      out.unit[pts[n]] = int(u);
    }
  }
  return out;
}

Grid units_bounding_grid(const std::vector<AdminUnit>& units, double res) {
  TAIFENG_CHECK(!units.empty() && res > 0, "units and a positive resolution");
  double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
  for (const auto& u : units)
    for (const Polygon& p : u.shape)
      for (const LonLat& q : p.outer) {
        lon0 = std::min(lon0, q.lon);
        lon1 = std::max(lon1, q.lon);
        lat0 = std::min(lat0, q.lat);
        lat1 = std::max(lat1, q.lat);
      }
  return Grid::from_box(std::floor(lon0 / res) * res, std::ceil(lon1 / res) * res,
                        std::floor(lat0 / res) * res, std::ceil(lat1 / res) * res, res);
}

}  // namespace taifeng::warnings
