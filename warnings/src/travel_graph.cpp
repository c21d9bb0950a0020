#include "taifeng/warnings/travel_graph.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <queue>
#include <utility>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::warnings {

namespace {

constexpr int di8[8] = {1, -1, 0, 0, 1, 1, -1, -1};
constexpr int dj8[8] = {0, 0, 1, -1, 1, -1, 1, -1};

LonLat centre(const Grid& g, std::size_t c) {
  return {g.lon(c % g.nlon), g.lat(c / g.nlon)};
}

void check_mask(const Grid& g, const std::vector<std::uint8_t>& land, const char* who) {
  TAIFENG_CHECK(g.nlon > 0 && g.nlat > 0, std::string(who) + ": empty grid");
  TAIFENG_CHECK(land.size() == g.size(), std::string(who) + ": land mask size != grid size");
}

}  // namespace

LonLat LandGraph::position(int node) const {
  TAIFENG_CHECK(node >= 0 && std::size_t(node) < cell_of_node.size(), "land graph: bad node");
  return centre(grid, cell_of_node[std::size_t(node)]);
}

LandGraph build_land_graph(const Grid& g, const std::vector<std::uint8_t>& land,
                           const std::vector<double>& hazard, double hazard_penalty) {
  check_mask(g, land, "land graph");
  TAIFENG_CHECK(hazard.empty() || hazard.size() == g.size(),
                "land graph: hazard size != grid size");
  TAIFENG_CHECK(std::isfinite(hazard_penalty) && hazard_penalty >= 0,
                "land graph: hazard penalty must be finite and >= 0");
  std::vector<double> h(g.size(), 0.0);
  for (std::size_t c = 0; c < hazard.size(); ++c) {
    if (std::isnan(hazard[c])) continue;  // no forecast there
    TAIFENG_CHECK(hazard[c] >= 0 && hazard[c] <= 1, "land graph: hazard outside [0, 1]");
    h[c] = hazard[c];
  }
  LandGraph lg;
  lg.grid = g;
  lg.node_of_cell.assign(g.size(), -1);
  for (std::size_t c = 0; c < g.size(); ++c)
    if (land[c]) {
      lg.node_of_cell[c] = int(lg.cell_of_node.size());
      lg.cell_of_node.push_back(c);
    }
  lg.graph.nodes = int(lg.cell_of_node.size());
  const auto is_land = [&](long i, long j) {
    return i >= 0 && j >= 0 && i < long(g.nlon) && j < long(g.nlat) &&
           land[g.index(std::size_t(i), std::size_t(j))] != 0;
  };
  for (const std::size_t c : lg.cell_of_node) {
    const long i = long(c % g.nlon), j = long(c / g.nlon);
    for (int k = 0; k < 8; ++k) {
      const long ni = i + di8[k], nj = j + dj8[k];
      if (!is_land(ni, nj)) continue;
      // Diagonal: one of the two edge-sharing cells must be land (no corner crossing).
      if (di8[k] != 0 && dj8[k] != 0 && !is_land(ni, j) && !is_land(i, nj)) continue;
      const std::size_t n = g.index(std::size_t(ni), std::size_t(nj));
      const double km = great_circle_km(centre(g, c), centre(g, n));
      lg.graph.arcs.push_back({lg.node_of_cell[c], lg.node_of_cell[n],
                               km * (1.0 + hazard_penalty * 0.5 * (h[c] + h[n]))});
      lg.arc_km.push_back(km);
    }
  }
  return lg;
}

std::vector<double> distance_to_sea_km(const Grid& g, const std::vector<std::uint8_t>& land) {
  check_mask(g, land, "distance to sea");
  std::vector<double> d(g.size(), std::numeric_limits<double>::infinity());
  using Item = std::pair<double, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  for (std::size_t c = 0; c < g.size(); ++c)
    if (!land[c]) {
      d[c] = 0;
      q.emplace(0.0, c);
    }
  while (!q.empty()) {
    const auto [dc, c] = q.top();
    q.pop();
    if (dc > d[c]) continue;
    const long i = long(c % g.nlon), j = long(c / g.nlon);
    for (int k = 0; k < 8; ++k) {
      const long ni = i + di8[k], nj = j + dj8[k];
      if (ni < 0 || nj < 0 || ni >= long(g.nlon) || nj >= long(g.nlat)) continue;
      const std::size_t n = g.index(std::size_t(ni), std::size_t(nj));
      const double dn = dc + great_circle_km(centre(g, c), centre(g, n));
      if (dn < d[n]) {
        d[n] = dn;
        q.emplace(dn, n);
      }
    }
  }
  return d;
}

std::optional<int> nearest_node(const LandGraph& lg, LonLat p, double max_km) {
  const Grid& g = lg.grid;
  TAIFENG_CHECK(std::isfinite(p.lon) && std::isfinite(p.lat), "nearest node: position not finite");
  TAIFENG_CHECK(max_km >= 0, "nearest node: negative distance");
  // Search window: every point within max_km of p lies within |Δlat| ≤ d/R and, unless the
  // cap reaches a pole, |Δlon| ≤ asin(sin(d/R) / cos(lat)); one cell of margin each way.
  long i0 = 0, i1 = long(g.nlon) - 1, j0 = 0, j1 = long(g.nlat) - 1;
  const double r_km = earth_radius_m / 1000.0, ang = max_km / r_km;
  const double phi = deg_to_rad(p.lat);
  if (ang < std::numbers::pi / 2 - std::fabs(phi)) {
    const double dlat = rad_to_deg(ang);
    const double dlon = rad_to_deg(std::asin(std::min(1.0, std::sin(ang) / std::cos(phi))));
    const auto clamp_lo = [](double x, long n) {
      return std::clamp(long(std::floor(x)) - 1, 0L, n);
    };
    const auto clamp_hi = [](double x, long n) {
      return std::clamp(long(std::ceil(x)) + 1, -1L, n);
    };
    i0 = clamp_lo((p.lon - dlon - g.lon0) / g.dlon, long(g.nlon));
    i1 = clamp_hi((p.lon + dlon - g.lon0) / g.dlon, long(g.nlon) - 1);
    j0 = clamp_lo((p.lat - dlat - g.lat0) / g.dlat, long(g.nlat));
    j1 = clamp_hi((p.lat + dlat - g.lat0) / g.dlat, long(g.nlat) - 1);
  }
  std::optional<int> best;
  double best_km = max_km;
  for (long j = j0; j <= j1; ++j)
    for (long i = i0; i <= i1; ++i) {
      const int n = lg.node_of_cell[g.index(std::size_t(i), std::size_t(j))];
      if (n < 0) continue;
      const double km = great_circle_km(p, {g.lon(std::size_t(i)), g.lat(std::size_t(j))});
      if (km < best_km || (km == best_km && !best)) {
        best_km = km;
        best = n;
      }
    }
  return best;
}

}  // namespace taifeng::warnings
