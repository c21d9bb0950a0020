#pragma once
// Sea-surface temperature for the intensity limit: read from a gridded file (NetCDF or
// GRIB2, via forcing/) in °C and looked up at a place and time.
//  - Space: bilinear; missing corners (land, no data) are left out and the remaining
//    weights renormalised, so values near coasts come from the nearest water; NaN if all
//    four corners are missing or the point lies outside the grid.
//  - Time: a file of exactly 12 times is a monthly climatology (e.g. COADS, whose years
//    are 0000): it is interpolated linearly in the time of year, cyclically (December to
//    January). Otherwise times are real: linear in time, the first/last field held outside.
#include <filesystem>
#include <string>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/forcing/gridded.hpp"

namespace taifeng::hpc {

class SstField {
 public:
  explicit SstField(forcing::GriddedData data);
  double at(LonLat p, TimePoint t) const;  // °C, NaN where unknown
  bool climatology() const { return climatology_; }
  const forcing::GriddedData& data() const { return data_; }

 private:
  double at_step(std::size_t k, LonLat p) const;
  forcing::GriddedData data_;
  bool climatology_ = false;
  std::vector<double> year_fraction_;  // climatology: time of year of each field, [0, 1)
};

// Reads `variable` (a name, CF standard_name or alias such as "sea_surface_temperature")
// in °C over `box`; a variable with levels is rejected (input error naming the file).
SstField read_sst(const std::filesystem::path& file, const std::string& variable,
                  const forcing::GeoBox& box);

// Time of year of t as a fraction in [0, 1): (t - 1 Jan 00 UTC) / length of that year.
double year_fraction(TimePoint t);

}  // namespace taifeng::hpc
