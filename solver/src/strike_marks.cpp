#include "strike_marks.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include "fast_wind_kernel.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/wind_field_fast.hpp"

namespace taifeng::solver::detail {

namespace {
// remainder(x, 360) without the library call in the common case (it is x for |x| <= 180).
double wrap180(double x) {
  return x >= -180.0 && x <= 180.0 ? x : std::remainder(x, 360.0);
}
}  // namespace

StrikeMarker::StrikeMarker(const Grid& grid, LonLat c, double radius_km)
    : grid_(grid), c_(c), radius_(radius_km) {
  const double r_earth_km = earth_radius_m / 1000.0, rad = deg_to_rad(1.0);
  const double reach = radius_km * (1.0 + 1e-6) + 1e-6;
  const double dlat_deg = reach / r_earth_km / rad;
  const double jlo = std::ceil((c.lat - dlat_deg - grid.lat0) / grid.dlat);
  const double jhi = std::floor((c.lat + dlat_deg - grid.lat0) / grid.dlat);
  j0_ = long(std::max(0.0, jlo));
  j1_ = long(std::min(double(grid.nlat) - 1.0, jhi));
  if (j0_ > j1_) return;
  half_sin_ = std::sin(std::min(0.5 * reach / r_earth_km, 0.5 * std::numbers::pi));
  cos_clat_ = std::cos(c.lat * rad);
  plane_ = std::abs(c.lat) <= fast_max_abs_lat && radius_km <= fast_max_radius_km;
  r_in_ = radius_km * 0.99;
  r_out_ = radius_km * 1.01;
  // Sorted unless the grid wraps past the centre's antimeridian: then every column is tested.
  dlon_.resize(grid.nlon);
  for (std::size_t i = 0; i < grid.nlon; ++i) dlon_[i] = wrap180(grid.lon(i) - c.lon);
  sorted_ = std::is_sorted(dlon_.begin(), dlon_.end());
}

void StrikeMarker::mark_row(long j, std::uint8_t* row) const {
  if (j < j0_ || j > j1_) return;
  const double r_earth_km = earth_radius_m / 1000.0, rad = deg_to_rad(1.0);
  const double lat = grid_.lat(std::size_t(j));
  const double c2 = cos_clat_ * std::cos(lat * rad);
  const double q = c2 > 0.0 ? half_sin_ / std::sqrt(c2) : 2.0;
  const double dlam_max = q >= 1.0 ? 360.0 : (2.0 * std::asin(q) + 1e-9) / rad;
  std::size_t i0 = 0, i1 = grid_.nlon;
  if (sorted_) {
    i0 = std::size_t(std::lower_bound(dlon_.begin(), dlon_.end(), -dlam_max) - dlon_.begin());
    i1 = std::size_t(std::upper_bound(dlon_.begin(), dlon_.end(), dlam_max) - dlon_.begin());
  }
  const double dy = r_earth_km * (lat - c_.lat) * rad;
  const double kx = r_earth_km * std::cos(0.5 * (lat + c_.lat) * rad) * rad;
  std::optional<RowGreatCircle> gc;
  for (std::size_t i = i0; i < i1; ++i) {
    if (row[i] || std::abs(dlon_[i]) > dlam_max) continue;
    if (plane_) {
      const double dx = kx * dlon_[i];
      const double d = std::sqrt(dx * dx + dy * dy);
      if (d > r_out_) continue;
      if (d < r_in_) {
        row[i] = 1;
        continue;
      }
    }
    if (!gc) gc.emplace(c_, lat);
    if (gc->km(grid_.lon(i)) <= radius_) row[i] = 1;
  }
}

void StrikeMarker::mark(std::vector<std::uint8_t>& strike) const {
  for (long j = j0_; j <= j1_; ++j) mark_row(j, strike.data() + std::size_t(j) * grid_.nlon);
}

}  // namespace taifeng::solver::detail
