#include "taifeng/warnings/exposure.hpp"

#include <algorithm>
#include <cstdint>

#include "taifeng/core/error.hpp"
#include "taifeng/core/polygon.hpp"

namespace taifeng::warnings {

int beaufort_class(double v) {
  int c = 0;
  for (int k = 0; k < 5; ++k)
    if (v >= beaufort_class_lower_ms[std::size_t(k)]) c = k;
  return c;
}

namespace {
std::vector<std::size_t> unit_points(const AdminUnit& u, const Grid& grid, bool* from_center) {
  std::vector<std::size_t> pts = grid_points_inside(grid, u.shape);
  *from_center = false;
  if (pts.empty()) {
    if (auto ij = grid.nearest(u.center.lon, u.center.lat)) {
      pts.push_back(grid.index(ij->first, ij->second));
      *from_center = true;
    }
  }
  return pts;
}
}  // namespace

std::vector<std::pair<std::size_t, double>> unit_point_weights(const AdminUnit& u, const Grid& grid,
                                                               bool* from_center) {
  bool seat = false;
  const auto pts = unit_points(u, grid, &seat);
  if (from_center) *from_center = seat;
  double sum = 0;
  for (std::size_t idx : pts) sum += grid.cell_area_km2(idx / grid.nlon);
  std::vector<std::pair<std::size_t, double>> w;
  for (std::size_t idx : pts) w.emplace_back(idx, grid.cell_area_km2(idx / grid.nlon) / sum);
  return w;
}

std::vector<UnitExposure> unit_exposure(const std::vector<AdminUnit>& units, const Field& swath,
                                        const std::vector<const double*>& hourly,
                                        const std::vector<double>& time_hours) {
  TAIFENG_CHECK(hourly.size() == time_hours.size(), "one hourly field per output time");
  const Grid& grid = swath.grid;
  std::vector<UnitExposure> out;
  for (const AdminUnit& u : units) {
    UnitExposure e;
    e.code = u.code;
    const auto pts = unit_points(u, grid, &e.from_center);
    e.n_points = pts.size();
    e.max_wind_by_time.assign(time_hours.size(), 0.0);
    if (pts.empty()) {
      e.population_by_class[0] = u.population;
      out.push_back(std::move(e));
      continue;
    }
    double weight_sum = 0;
    for (std::size_t idx : pts) weight_sum += grid.cell_area_km2(idx / grid.nlon);
    for (std::size_t idx : pts) {
      const double people = u.population * grid.cell_area_km2(idx / grid.nlon) / weight_sum;
      e.population_by_class[std::size_t(beaufort_class(swath.data[idx]))] += people;
      e.max_wind_ms = std::max(e.max_wind_ms, swath.data[idx]);
      for (std::size_t k = 0; k < hourly.size(); ++k)
        e.max_wind_by_time[k] = std::max(e.max_wind_by_time[k], hourly[k][idx]);
    }
    for (std::size_t k = 0; k < time_hours.size(); ++k) {
      if (!e.first_hour_bf6 && e.max_wind_by_time[k] >= 10.8) e.first_hour_bf6 = time_hours[k];
      if (!e.first_hour_bf8 && e.max_wind_by_time[k] >= 17.2) e.first_hour_bf8 = time_hours[k];
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<std::uint8_t> units_mask(const std::vector<AdminUnit>& units, const Grid& grid) {
  std::vector<std::uint8_t> mask(grid.size(), 0);
  for (const AdminUnit& u : units)
    for (std::size_t idx : grid_points_inside(grid, u.shape)) mask[idx] = 1;
  return mask;
}

}  // namespace taifeng::warnings
