#include "taifeng/solver/wind_field_fast.hpp"

#include <algorithm>
#include <cmath>
#include <experimental/simd>
#include <optional>

#include "fast_wind_kernel.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::solver {

namespace detail {

namespace {
// Points whose plane distance is within this fraction of max_radius_km are decided with the
// great-circle distance (the plane error is < 0.5 % within the range of validity).
constexpr double cutoff_band = 0.01;

namespace stdx = std::experimental;
using vfloat = stdx::native_simd<float>;
using vint = stdx::rebind_simd_t<int, vfloat>;
constexpr std::size_t lanes = vfloat::size();

// remainder(x, 360) without the library call in the common case (it is x for |x| <= 180).
double wrap180(double x) {
  return x >= -180.0 && x <= 180.0 ? x : std::remainder(x, 360.0);
}
}  // namespace

RowGreatCircle::RowGreatCircle(LonLat c, double lat) : clon_(c.lon) {
  const double p1 = deg_to_rad(c.lat), p2 = deg_to_rad(lat);
  const double dp = p2 - p1;
  a_ = std::sin(dp / 2) * std::sin(dp / 2);
  b_ = std::cos(p1) * std::cos(p2);
}

double RowGreatCircle::km(double lon) const {
  const double dl = deg_to_rad(lon - clon_);
  const double h = a_ + b_ * std::sin(dl / 2) * std::sin(dl / 2);
  return 2.0 * earth_radius_m / 1000.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

FastWindKernel::FastWindKernel(const StormState& s, const WindOptions& o, const Grid& grid)
    : grid_(grid) {
  if (!(o.max_radius_km <= fast_max_radius_km) || std::abs(s.centre.lat) > fast_max_abs_lat) return;
  in_range_ = true;
  if (grid.size() == 0 || o.max_radius_km < 0.0) return;
  const double r_earth_km = earth_radius_m / 1000.0;
  const double rad = deg_to_rad(1.0);
  clat_ = s.centre.lat;
  clon_ = s.centre.lon;
  rmax_ = o.max_radius_km;
  const double r_in = rmax_ * (1.0 - cutoff_band), r_out = rmax_ * (1.0 + cutoff_band);
  r_in_ = float(r_in);
  r_out_ = float(r_out);

  // Rows: every point within the cut-off has a great-circle distance <= max_radius_km (see
  // row()), which is at least R |dphi|.
  const double dlat_max_deg = rmax_ / r_earth_km / rad;
  const double jlo = std::ceil((clat_ - dlat_max_deg - grid.lat0) / grid.dlat - 1e-9);
  const double jhi = std::floor((clat_ + dlat_max_deg - grid.lat0) / grid.dlat + 1e-9);
  j0_ = long(std::max(0.0, jlo));
  j1_ = long(std::min(double(grid.nlat) - 1.0, jhi));
  if (j0_ > j1_) return;

  // Longitude offsets from the centre, wrapped to [-180, 180].
  dlam_d_.resize(grid.nlon);
  for (std::size_t i = 0; i < grid.nlon; ++i) dlam_d_[i] = wrap180(grid.lon(i) - clon_) * rad;
  sorted_ = std::is_sorted(dlam_d_.begin(), dlam_d_.end());
  dlam_.assign(row_buffer_size() + lanes, 0.0f);  // padded: a row's last chunk reads past nlon
  std::copy(dlam_d_.begin(), dlam_d_.end(), dlam_.begin());
  reach_ = r_out * (1.0 + 1e-5);

  // V(r) table (surface speed over sea): fine spacing up to the split radius, coarse beyond,
  // up to the outer edge of the cut-off band.
  const double h1 = fast_table_step_km, h2 = fast_table_outer_step_km;
  double split = fast_table_split_km(s.rmw_km);
  if (!(split > 0.0)) split = 0.0;  // NaN or negative radius of maximum wind
  split = std::min(split, r_out);
  const auto n1 = std::size_t(std::ceil(split / h1));
  const double r_split = double(n1) * h1;
  const std::size_t n2 = r_out > r_split ? std::size_t(std::ceil((r_out - r_split) / h2)) : 0;
  const std::size_t nt = n1 + n2 + 2;
  table_.resize(nt);
  profile_ = make_radial_profile(s, o);
  surface_factor_ = o.surface_factor;
  h1_ = h1;
  h2_ = h2;
  r_split_km_ = r_split;
  n1_ = long(n1);
  inv_h1_ = float(1.0 / h1);
  inv_h2_ = float(1.0 / h2);
  r_split_ = float(r_split);
  k_split_ = float(n1);
  t_max_ = float(nt - 1);

  rmw_km_ = float(s.rmw_km);
  sense_ = clat_ >= 0 ? 1.0f : -1.0f;  // counter-clockwise in the NH
  const double beta = deg_to_rad(o.inflow_deg);
  cb_ = float(std::cos(beta));
  sb_ = float(std::sin(beta));
  a_ = float(averaging_factor(s.averaging, o.output_averaging));
  tu_ = o.translation_asymmetry ? float(s.trans_u) : 0.0f;
  tv_ = o.translation_asymmetry ? float(s.trans_v) : 0.0f;
  lf_ = float(o.land_factor);
}

std::size_t FastWindKernel::row_buffer_size() const {
  return (grid_.nlon + lanes - 1) / lanes * lanes;
}

void FastWindKernel::fill_table_entry(long k) {
  const double r_km = k < n1_ ? double(k) * h1_ : r_split_km_ + double(k - n1_) * h2_;
  table_[std::size_t(k)] =
      float(gradient_speed(profile_, std::max(r_km, 1e-3) * 1000.0) * surface_factor_);
}

RowGeometry FastWindKernel::geometry(long j) const {
  // Columns: a point is only ever non-zero if its (single precision) plane distance is
  // <= r_out, so |dlambda| <= sqrt(r_out² - dy²) / kx, here with a 1e-5 margin (reach_) for
  // the rounding. With sorted offsets the columns within the bound are one range (binary
  // search); otherwise (the grid wraps past the antimeridian of the centre) the whole row.
  const double r_earth_km = earth_radius_m / 1000.0, rad = deg_to_rad(1.0);
  RowGeometry g;
  g.j = j;
  g.lat = grid_.lat(std::size_t(j));
  const double dy = r_earth_km * (g.lat - clat_) * rad;
  const double kx = r_earth_km * std::cos(0.5 * (g.lat + clat_) * rad);
  g.dy = float(dy);
  g.kx = float(kx);
  if (std::abs(dy) > reach_) return g;  // empty range
  if (sorted_ && kx > 0.0) {
    const double dl_max = std::sqrt(reach_ * reach_ - dy * dy) / kx * (1.0 + 1e-6) + 1e-12;
    g.cols.i0 = long(std::lower_bound(dlam_d_.begin(), dlam_d_.end(), -dl_max) - dlam_d_.begin());
    g.cols.i1 =
        long(std::upper_bound(dlam_d_.begin(), dlam_d_.end(), dl_max) - dlam_d_.begin()) - 1;
  } else {
    g.cols = {0, long(grid_.nlon) - 1};
  }
  return g;
}

void FastWindKernel::row(const RowGeometry& rw, const std::vector<std::uint8_t>& land,
                         RowScratch& scratch, float* out) const {
  const ColumnRange c = rw.cols;
  const long j = rw.j;
  const std::size_t n = std::size_t(c.i1 - c.i0 + 1);
  scratch.r.resize(row_buffer_size());
  float* rbuf = scratch.r.data();
  const float* dl = dlam_.data() + c.i0;
  const float* tab = table_.data();
  const int k_last = int(table_.size()) - 2;
  const std::uint8_t* lrow =
      land.empty() ? nullptr : land.data() + std::size_t(j) * grid_.nlon + std::size_t(c.i0);
  const float dy = rw.dy, kx = rw.kx;
  for (std::size_t i = 0; i < n; i += lanes) {
    // Tangent-plane offset and distance (km).
    const vfloat dx = kx * vfloat(dl + i, stdx::element_aligned);
    const vfloat r = stdx::sqrt(dx * dx + dy * dy);
    r.copy_to(rbuf + i, stdx::element_aligned);
    // Table position: fine part below r_split, coarse part above; clamped to the last entry.
    vfloat t = r * inv_h1_;
    stdx::where(r >= r_split_, t) = k_split_ + (r - r_split_) * inv_h2_;
    stdx::where(t > t_max_, t) = t_max_;
    vint k = stdx::static_simd_cast<vint>(t);
    stdx::where(k > k_last, k) = k_last;
    const vfloat f = t - stdx::static_simd_cast<vfloat>(k);
    const vfloat lo([&](auto l) { return tab[k[l]]; });
    const vfloat hi([&](auto l) { return tab[k[l] + 1]; });
    vfloat v = lo + f * (hi - lo);
    if (lrow) v *= vfloat([&](auto l) { return i + l < n && lrow[i + l] ? lf_ : 1.0f; });
    // Unit vectors: radial (centre -> point) and cyclonic tangential (north at r = 0, as the
    // exact kernel's bearing of the centre itself).
    vfloat rr = r;
    stdx::where(r < 1e-3f, rr) = 1e-3f;
    const vfloat inv = 1.0f / rr;
    vfloat rx = 0.0f, ry = 1.0f;
    stdx::where(r > 0.0f, rx) = dx * inv;
    stdx::where(r > 0.0f, ry) = dy * inv;
    const vfloat tx = -ry * sense_, ty = rx * sense_;
    vfloat u = v * (cb_ * tx - sb_ * rx);
    vfloat w = v * (cb_ * ty - sb_ * ry);
    vfloat wt = rmw_km_ * inv;  // min(1, Rm / r)
    stdx::where(wt > 1.0f, wt) = 1.0f;
    u += wt * tu_;
    w += wt * tv_;
    vfloat speed = a_ * stdx::sqrt(u * u + w * w);
    stdx::where(r > r_out_, speed) = 0.0f;
    speed.copy_to(out + i, stdx::element_aligned);
  }
  // The band around the cut-off radius, r_in < r <= r_out: the great circle decides. With
  // sorted column offsets r falls and then rises along the row (every rounded operation is
  // monotonic), so the band points are at the two ends of the range.
  std::optional<RowGreatCircle> gc;
  auto decide = [&](std::size_t i) {
    if (rbuf[i] > r_out_) return;  // already 0
    if (!gc) gc.emplace(LonLat{clon_, clat_}, rw.lat);
    if (gc->km(grid_.lon(std::size_t(c.i0) + i)) > rmax_) out[i] = 0.0f;
  };
  if (!sorted_) {
    for (std::size_t i = 0; i < n; ++i)
      if (rbuf[i] > r_in_) decide(i);
    return;
  }
  std::size_t left = 0;
  for (; left < n && rbuf[left] > r_in_; ++left) decide(left);
  for (std::size_t i = n; i > left && rbuf[i - 1] > r_in_; --i) decide(i - 1);
}

}  // namespace detail

void wind_speed_field_fast(const StormState& s, const WindOptions& o, const Grid& grid,
                           const std::vector<std::uint8_t>& land_mask, double* speed) {
  TAIFENG_CHECK(land_mask.empty() || land_mask.size() == grid.size(), "land mask size");
  detail::FastWindKernel k(s, o, grid);
  if (!k.in_range()) {
    wind_speed_field(s, o, grid, land_mask, speed);
    return;
  }
  std::fill(speed, speed + grid.size(), 0.0);
  detail::for_each_row(k, land_mask, [&](long j, detail::ColumnRange c, const float* row_speed) {
    double* dst = speed + std::size_t(j) * grid.nlon + std::size_t(c.i0);
    std::copy(row_speed, row_speed + (c.i1 - c.i0 + 1), dst);
  });
}

}  // namespace taifeng::solver
