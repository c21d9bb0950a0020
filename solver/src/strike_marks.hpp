#pragma once
// Internal to taifeng_solver: strike marks of one storm position, row by row, for the Monte
// Carlo strike probability: strike[p] = 1 where great_circle_km(centre, point p) <= radius.
// Only the rows and columns that can lie within the radius are visited (the great-circle
// distance is at least R |dphi| and 2R asin(sqrt(cos phi1 cos phi2) sin(|dlambda|/2))), with a
// margin, so the marks are exactly those of a test at every point. Within the fast kernel's
// range (wind_field_fast.hpp: |centre latitude| <= 60, radius <= 1000 km, where the
// tangent-plane distance is within 0.5 % of the great circle) the plane distance decides every
// point outside a +-1 % band around the radius and the great circle (bitwise
// great_circle_km) the points in the band, which again gives exactly the great-circle marks.
#include <cstdint>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"

namespace taifeng::solver::detail {

class StrikeMarker {
 public:
  StrikeMarker() = default;  // marks nothing
  StrikeMarker(const Grid& grid, LonLat centre, double radius_km);

  // Rows that can hold marks (j0 > j1: none).
  long j0() const { return j0_; }
  long j1() const { return j1_; }
  // Sets the marks of row j; row points to the row's first point.
  void mark_row(long j, std::uint8_t* row) const;
  // All rows of a grid-sized mark array.
  void mark(std::vector<std::uint8_t>& strike) const;

 private:
  Grid grid_;
  LonLat c_{};
  double radius_ = 0, half_sin_ = 0, cos_clat_ = 1, r_in_ = 0, r_out_ = 0;
  bool plane_ = false, sorted_ = false;
  long j0_ = 0, j1_ = -1;
  std::vector<double> dlon_;  // column offsets from the centre, degrees in [-180, 180]
};

}  // namespace taifeng::solver::detail
