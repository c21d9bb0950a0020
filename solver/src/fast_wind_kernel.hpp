#pragma once
// Internal to taifeng_solver: the row kernel behind wind_speed_field_fast (approximations in
// wind_field_fast.hpp), shared with the Monte Carlo accumulation, which consumes the speeds
// row by row (running maximum, gale arrival) instead of storing a whole field. Only the rows
// and the column range of each row that can lie within max_radius_km are visited; a row is
// computed in SIMD chunks (std::experimental::simd, float lanes) and the few points in the
// +-1 % band around the cut-off radius are then decided with the great circle. The speed of
// a point does not depend on its row, chunk, schedule or thread.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/solver/wind_field.hpp"

namespace taifeng::solver::detail {

// great_circle_km(centre, {lon, lat}) for many points of one row (latitude lat): the terms of
// the row are computed once, the rest with the same operations in the same order as
// great_circle_km (core/src/geo.cpp), hence bitwise the same distance (tested).
class RowGreatCircle {
 public:
  RowGreatCircle(LonLat centre, double lat);
  double km(double lon) const;

 private:
  double clon_ = 0, a_ = 0, b_ = 0;
};

struct ColumnRange {
  long i0 = 0, i1 = -1;  // inclusive; empty when i0 > i1
  bool empty() const { return i0 > i1; }
};

// Per-thread buffer of one row: plane distances.
struct RowScratch {
  std::vector<float> r;
};

// Geometry of one row: latitude, offset from the centre, km per radian of longitude and the
// columns that can lie within the cut-off.
struct RowGeometry {
  long j = 0;
  double lat = 0;
  float dy = 0, kx = 0;
  ColumnRange cols;
};

class FastWindKernel {
 public:
  FastWindKernel() = default;  // not in range: nothing to evaluate
  // Prepares state s, except the V(r) table and the rows, which for_each_row fills and
  // computes (in one parallel region). When the state or the options are outside the range
  // of validity, in_range() is false and nothing else is prepared.
  FastWindKernel(const StormState& s, const WindOptions& o, const Grid& grid);

  bool in_range() const { return in_range_; }
  // Rows that can hold points within the cut-off (j0 > j1: none).
  long j0() const { return j0_; }
  long j1() const { return j1_; }
  // Length of a row output buffer: the grid's row in whole SIMD chunks.
  std::size_t row_buffer_size() const;

  // Table entries to fill before row() is called, and filling entry k (or all of them).
  long table_size() const { return long(table_.size()); }
  void fill_table_entry(long k);
  void fill_table() {
    for (long k = 0; k < table_size(); ++k) fill_table_entry(k);
  }

  RowGeometry geometry(long j) const;
  // Speeds of the row over g.cols into out[0 .. i1 - i0]: 0 beyond the cut-off radius.
  // out must hold row_buffer_size() values.
  void row(const RowGeometry& g, const std::vector<std::uint8_t>& land, RowScratch& scratch,
           float* out) const;

 private:
  Grid grid_;
  bool in_range_ = false;
  bool sorted_ = false;  // column offsets increase along the grid (no wrap past the antimeridian)
  long j0_ = 0, j1_ = -1;
  std::vector<double> dlam_d_;  // longitude offset of each column from the centre, rad
  std::vector<float> dlam_;     // the same in single precision, padded by a SIMD chunk
  std::vector<float> table_;    // surface speed over sea at the table radii
  RadialProfile profile_;
  double surface_factor_ = 1, h1_ = 1, h2_ = 1, r_split_km_ = 0;
  long n1_ = 0;  // entries of the fine part
  double clat_ = 0, clon_ = 0, rmax_ = 0, reach_ = 0;
  float r_in_ = 0, r_out_ = 0;
  float inv_h1_ = 0, inv_h2_ = 0, r_split_ = 0, k_split_ = 0, t_max_ = 0;
  float rmw_km_ = 0, sense_ = 1, cb_ = 1, sb_ = 0, a_ = 1, tu_ = 0, tv_ = 0, lf_ = 1;
};

// Fills the table, then calls sink(j, columns, speeds) for every row with a non-empty column
// range; one parallel region, rows shared among the OpenMP threads (a sink must only touch
// points of row j). Returns the union of the column ranges (empty if none).
template <class Sink>
ColumnRange for_each_row(FastWindKernel& k, const std::vector<std::uint8_t>& land, Sink&& sink) {
  if (k.j0() > k.j1()) return {};
  const long rows = k.j1() - k.j0() + 1, nt = k.table_size();
  long lo = long(k.row_buffer_size()), hi = -1;
#pragma omp parallel if (rows * long(k.row_buffer_size()) >= 8192)
  {
#pragma omp for schedule(static)
    for (long t = 0; t < nt; ++t) k.fill_table_entry(t);
    RowScratch scratch;
    std::vector<float> out(k.row_buffer_size());
#pragma omp for schedule(dynamic, 4) reduction(min : lo) reduction(max : hi)
    for (long j = k.j0(); j <= k.j1(); ++j) {
      const RowGeometry g = k.geometry(j);
      if (g.cols.empty()) continue;
      lo = std::min(lo, g.cols.i0);
      hi = std::max(hi, g.cols.i1);
      k.row(g, land, scratch, out.data());
      sink(j, g.cols, static_cast<const float*>(out.data()));
    }
  }
  return hi < 0 ? ColumnRange{} : ColumnRange{lo, hi};
}

}  // namespace taifeng::solver::detail
