#include "taifeng/solver/wind_field_fast.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/holland.hpp"

namespace taifeng::solver {

namespace {
// Points whose plane distance is within this fraction of max_radius_km are decided with the
// great-circle distance (the plane error is < 0.5 % within the range of validity).
constexpr double cutoff_band = 0.01;
}  // namespace

void wind_speed_field_fast(const StormState& s, const WindOptions& o, const Grid& grid,
                           const std::vector<std::uint8_t>& land_mask, double* speed) {
  TAIFENG_CHECK(land_mask.empty() || land_mask.size() == grid.size(), "land mask size");
  if (!(o.max_radius_km <= fast_max_radius_km) || std::abs(s.centre.lat) > fast_max_abs_lat) {
    wind_speed_field(s, o, grid, land_mask, speed);
    return;
  }
  std::fill(speed, speed + grid.size(), 0.0);
  if (grid.size() == 0 || o.max_radius_km < 0.0) return;
  const HollandParameters hp = holland_parameters(s, o);
  const double r_earth_km = earth_radius_m / 1000.0;
  const double rad = deg_to_rad(1.0);
  const double rmax = o.max_radius_km;
  const double r_in = rmax * (1.0 - cutoff_band), r_out = rmax * (1.0 + cutoff_band);

  // Rows: the great-circle distance is at least R |dphi|.
  const double dlat_max_deg = rmax / r_earth_km / rad;
  const double jlo = std::ceil((s.centre.lat - dlat_max_deg - grid.lat0) / grid.dlat - 1e-9);
  const double jhi = std::floor((s.centre.lat + dlat_max_deg - grid.lat0) / grid.dlat + 1e-9);
  const long j0 = long(std::max(0.0, jlo));
  const long j1 = long(std::min(double(grid.nlat) - 1.0, jhi));
  if (j0 > j1) return;

  // Longitude offsets from the centre, wrapped to [-180, 180).
  std::vector<double> dlam(grid.nlon);
  for (std::size_t i = 0; i < grid.nlon; ++i) {
    const double d = std::remainder(grid.lon(i) - s.centre.lon, 360.0);
    dlam[i] = d * rad;
  }

  // V(r) table (surface speed magnitude over sea) up to the outer edge of the cut-off band,
  // filled inside the parallel region below.
  const double h = fast_table_step_km;
  const auto nt = std::size_t(std::ceil(r_out / h)) + 2;
  std::vector<double> table(nt);
  const double rm_m = s.rmw_km * 1000.0;
  const double inv_h = 1.0 / h, r_table_max = double(nt - 1) * h;

  const double sense = s.centre.lat >= 0 ? 1.0 : -1.0;  // counter-clockwise in the NH
  const double beta = deg_to_rad(o.inflow_deg);
  const double cb = std::cos(beta), sb = std::sin(beta);
  const double a = averaging_factor(s.averaging, o.output_averaging);
  const double tu = o.translation_asymmetry ? s.trans_u : 0.0;
  const double tv = o.translation_asymmetry ? s.trans_v : 0.0;
  const double lf = o.land_factor;
  const double half_sin = std::sin(std::min(0.5 * rmax / r_earth_km, 0.5 * std::numbers::pi));
  const long nlon = long(grid.nlon);

#pragma omp parallel
  {
#pragma omp for schedule(static)
    for (std::size_t k = 0; k < nt; ++k) {
      const double r_m = std::max(double(k) * h, 1e-3) * 1000.0;
      table[k] = holland1980_speed(r_m, rm_m, hp.b, hp.dp_pa, o.rho, hp.f) * o.surface_factor;
    }
#pragma omp for schedule(static)
    for (long j = j0; j <= j1; ++j) {
      const double lat = grid.lat(std::size_t(j));
      const double dy = r_earth_km * (lat - s.centre.lat) * rad;
      const double kx = r_earth_km * std::cos(0.5 * (lat + s.centre.lat) * rad);
      // Columns: d >= 2R asin(sqrt(cos phi1 cos phi2) sin(|dlambda|/2)) bounds |dlambda|.
      const double c2 = std::cos(s.centre.lat * rad) * std::cos(lat * rad);
      const double q = c2 > 0.0 ? half_sin / std::sqrt(c2) : 2.0;
      const double dlam_max = q >= 1.0 ? 4.0 * std::numbers::pi : 2.0 * std::asin(q) + 1e-9;
      const std::size_t row = std::size_t(j) * grid.nlon;
      for (long i = 0; i < nlon; ++i) {
        if (std::abs(dlam[std::size_t(i)]) > dlam_max) continue;
        const double dx = kx * dlam[std::size_t(i)];
        const double r = std::sqrt(dx * dx + dy * dy);
        if (r > r_in) {
          if (r > r_out) continue;
          if (great_circle_km(s.centre, {grid.lon(std::size_t(i)), lat}) > rmax) continue;
        }
        const std::size_t idx = row + std::size_t(i);
        const double t = std::min(r, r_table_max) * inv_h;
        const auto k = std::min(std::size_t(t), nt - 2);
        const double f = t - double(k);
        double v = table[k] + f * (table[k + 1] - table[k]);
        if (!land_mask.empty() && land_mask[idx]) v *= lf;
        // Unit vectors: radial (centre -> point) and cyclonic tangential (north at r = 0,
        // as the exact kernel's bearing of the centre itself).
        double rx = 0.0, ry = 1.0;
        if (r > 0.0) {
          rx = dx / r;
          ry = dy / r;
        }
        const double tx = -ry * sense, ty = rx * sense;
        double u = v * (cb * tx - sb * rx);
        double w = v * (cb * ty - sb * ry);
        const double wt = std::min(1.0, s.rmw_km / std::max(r, 1e-3));
        u += wt * tu;
        w += wt * tv;
        speed[idx] = a * std::sqrt(u * u + w * w);
      }
    }
  }
}

}  // namespace taifeng::solver
