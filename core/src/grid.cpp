#include "taifeng/core/grid.hpp"

#include <cmath>
#include <string>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng {

Grid Grid::from_box(double lon_min, double lon_max, double lat_min, double lat_max, double res) {
  TAIFENG_CHECK(res > 0.0, "grid resolution must be positive");
  TAIFENG_CHECK(lon_max > lon_min && lat_max > lat_min, "grid box must not be empty");
  const double nx = (lon_max - lon_min) / res, ny = (lat_max - lat_min) / res;
  TAIFENG_CHECK(std::fabs(nx - std::round(nx)) < 1e-6 && std::fabs(ny - std::round(ny)) < 1e-6,
                "grid box must be a whole number of steps of " + std::to_string(res) + " deg");
  Grid g;
  g.lon0 = lon_min;
  g.lat0 = lat_min;
  g.dlon = res;
  g.dlat = res;
  g.nlon = std::size_t(std::llround(nx)) + 1;
  g.nlat = std::size_t(std::llround(ny)) + 1;
  return g;
}

bool Grid::contains(double lon, double lat) const {
  return lon >= lon0 && lon <= lon_max() && lat >= lat0 && lat <= lat_max();
}

std::optional<std::pair<std::size_t, std::size_t>> Grid::nearest(double lon, double lat) const {
  const double fi = std::round((lon - lon0) / dlon), fj = std::round((lat - lat0) / dlat);
  if (std::isnan(fi) || std::isnan(fj)) return std::nullopt;
  if (fi < 0 || fj < 0 || fi > double(nlon - 1) || fj > double(nlat - 1)) return std::nullopt;
  return std::make_pair(std::size_t(fi), std::size_t(fj));
}

double Grid::cell_area_km2(std::size_t j) const {
  const double r = earth_radius_m / 1000.0;
  return r * r * deg_to_rad(dlat) * deg_to_rad(dlon) * std::cos(deg_to_rad(lat(j)));
}

}  // namespace taifeng
