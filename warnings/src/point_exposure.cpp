#include "taifeng/warnings/point_exposure.hpp"

#include <algorithm>
#include <cmath>

#include "taifeng/core/error.hpp"

namespace taifeng::warnings {

std::vector<std::size_t> nearest_cells(const Grid& g, const std::vector<LonLat>& pos) {
  std::vector<std::size_t> cell(pos.size(), no_cell);
  for (std::size_t p = 0; p < pos.size(); ++p)
    if (const auto ij = g.nearest(pos[p].lon, pos[p].lat)) cell[p] = g.index(ij->first, ij->second);
  return cell;
}

namespace {

int wind_class_of(double v) {
  int c = 0;
  while (c < 4 && v >= wind_class_lower_ms[std::size_t(c)]) ++c;
  return c;
}

int surge_class_of(double depth, double inundated_m) {
  if (!(depth >= inundated_m)) return 0;
  int c = 1;
  while (c < 4 && depth >= surge_class_lower_m[std::size_t(c - 1)]) ++c;
  return c;
}

double at(const std::vector<double>& v, std::size_t cell, double outside = 0.0) {
  if (cell == no_cell || v.empty()) return outside;
  const double x = v[cell];
  return std::isnan(x) ? outside : x;
}

// Maximum over the sea cells within `km` of the unit's points, per threshold.
void coastal_surge_probability(const SurgeHazard& s, const std::vector<PopulationPoint>& points,
                               double km, std::vector<UnitHazardExposure>& units) {
  const Grid& g = s.grid;
  // Search box in cells: km over the cell size (longitude spacing shrinks with latitude).
  const int dj = int(std::ceil(km / (111.2 * g.dlat))) + 1;
  for (const PopulationPoint& p : points) {
    if (p.people <= 0 || p.unit < 0) continue;
    UnitHazardExposure& u = units[std::size_t(p.unit)];
    const double fj = std::round((p.pos.lat - g.lat0) / g.dlat);
    const double fi = std::round((p.pos.lon - g.lon0) / g.dlon);
    const int di =
        int(std::ceil(km / (111.2 * g.dlon * std::max(0.1, std::cos(p.pos.lat * M_PI / 180))))) + 1;
    for (int j = int(fj) - dj; j <= int(fj) + dj; ++j) {
      if (j < 0 || j >= int(g.nlat)) continue;
      for (int i = int(fi) - di; i <= int(fi) + di; ++i) {
        if (i < 0 || i >= int(g.nlon)) continue;
        if (great_circle_km(p.pos, {g.lon(std::size_t(i)), g.lat(std::size_t(j))}) > km) continue;
        const std::size_t c = g.index(std::size_t(i), std::size_t(j));
        u.max_surge_m = std::max(u.max_surge_m, at(s.surge_max_m, c));
        for (std::size_t t = 0; t < s.thresholds_m.size(); ++t)
          u.p_surge_ge[t] = std::max(u.p_surge_ge[t], at(s.p_surge_ge[t], c));
      }
    }
  }
}

}  // namespace

PointExposure point_exposure(std::size_t n_units, const std::vector<PopulationPoint>& points,
                             const HazardProducts& hazard,
                             const std::vector<AssetPoint>& enterprises,
                             const std::vector<AssetPoint>& facilities,
                             const ExposureOptions& opt) {
  const WindHazard& w = hazard.wind;
  const SurgeHazard* s = hazard.surge ? &*hazard.surge : nullptr;
  TAIFENG_CHECK(w.max_wind_ms.size() == w.grid.size(), "wind swath on the wind grid");
  PointExposure out;
  out.units.resize(n_units);
  for (auto& u : out.units) {
    u.p_signal.assign(w.p_signal.size(), 0.0);
    if (s) u.p_surge_ge.assign(s->thresholds_m.size(), 0.0);
  }
  std::vector<LonLat> pos;
  for (const auto& p : points) pos.push_back(p.pos);
  out.wind_cell = nearest_cells(w.grid, pos);
  out.surge_cell = s ? nearest_cells(s->grid, pos) : std::vector<std::size_t>(pos.size(), no_cell);
  // Gale arrival: the ensemble's (half the members) where there is one, else deterministic.
  const std::vector<double>& arrival = w.gale_arrival_h.empty() ? w.first_gale_h : w.gale_arrival_h;

  for (std::size_t k = 0; k < points.size(); ++k) {
    const PopulationPoint& p = points[k];
    TAIFENG_CHECK(p.unit >= 0 && std::size_t(p.unit) < n_units, "population point of a unit");
    if (p.people <= 0) continue;
    UnitHazardExposure& u = out.units[std::size_t(p.unit)];
    const long people = long(p.people);
    const std::size_t wc = out.wind_cell[k];
    u.population += people;
    const double v = at(w.max_wind_ms, wc);
    const int wcl = wind_class_of(v);
    u.wind_class[std::size_t(wcl)] += people;
    for (int c = 0; c < wcl; ++c) u.exposed_bf[std::size_t(c)] += people;
    u.expected_gale += double(people) * at(w.p_gale, wc);
    u.max_wind_ms = std::max(u.max_wind_ms, v);
    u.max_gust_ms = std::max(u.max_gust_ms, at(w.max_gust_ms, wc));
    const double arr = at(arrival, wc, std::nan(""));
    if (!std::isnan(arr) && (!u.gale_arrival_h || arr < *u.gale_arrival_h)) u.gale_arrival_h = arr;
    for (std::size_t r = 0; r < w.p_signal.size(); ++r)
      u.p_signal[r] = std::max(u.p_signal[r], at(w.p_signal[r], wc));
    if (s) {
      const std::size_t sc = out.surge_cell[k];
      const double depth = at(s->inundation_m, sc);
      const int scl = surge_class_of(depth, s->inundated_m);
      u.surge_class[std::size_t(scl)] += people;
      for (int c = 0; c < scl; ++c) u.exposed_inundation[std::size_t(c)] += people;
      u.expected_inundated += double(people) * at(s->p_inundation, sc);
      u.max_inundation_m = std::max(u.max_inundation_m, depth);
    } else {
      u.surge_class[0] += people;
    }
  }
  if (s) coastal_surge_probability(*s, points, opt.coast_km, out.units);

  auto asset_exposed = [&](const AssetPoint& a) {
    bool exposed = false;
    if (const auto ij = w.grid.nearest(a.pos.lon, a.pos.lat)) {
      const std::size_t c = w.grid.index(ij->first, ij->second);
      exposed = at(w.max_wind_ms, c) >= 17.2 || at(w.p_gale, c) >= opt.asset_p_gale;
    }
    if (s)
      if (const auto ij = s->grid.nearest(a.pos.lon, a.pos.lat)) {
        const std::size_t c = s->grid.index(ij->first, ij->second);
        exposed = exposed || at(s->inundation_m, c) >= s->inundated_m ||
                  at(s->p_inundation, c) >= opt.asset_p_inundation;
      }
    return exposed;
  };
  for (const AssetPoint& a : enterprises) {
    TAIFENG_CHECK(a.unit >= 0 && std::size_t(a.unit) < n_units, "enterprise of a unit");
    UnitHazardExposure& u = out.units[std::size_t(a.unit)];
    ++u.enterprises;
    if (!asset_exposed(a)) continue;
    ++u.enterprises_exposed;
    u.employees_exposed += a.people;
    u.hazmat_exposed += a.hazmat ? 1 : 0;
  }
  for (const AssetPoint& a : facilities) {
    TAIFENG_CHECK(a.unit >= 0 && std::size_t(a.unit) < n_units, "facility of a unit");
    UnitHazardExposure& u = out.units[std::size_t(a.unit)];
    ++u.facilities;
    if (asset_exposed(a)) u.facilities_exposed.push_back(a.id);
  }
  return out;
}

}  // namespace taifeng::warnings
