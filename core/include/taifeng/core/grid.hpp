#pragma once
// A regular latitude/longitude grid of points (node-centred), latitude ascending.
// Point (i, j) is at lon0 + i*dlon, lat0 + j*dlat; storage is row-major by latitude
// (index = j*nlon + i), matching the (lat, lon) dimension order of CF files.
#include <cstddef>
#include <optional>
#include <utility>

namespace taifeng {

struct Grid {
  double lon0 = 0.0, lat0 = 0.0;   // degrees east / north of point (0, 0)
  double dlon = 1.0, dlat = 1.0;   // spacing, degrees (> 0)
  std::size_t nlon = 0, nlat = 0;  // number of points

  // Grid covering [lon_min, lon_max] x [lat_min, lat_max] inclusive at spacing res
  // (degrees). The box must be an integer number of steps wide to within 1e-6 res.
  static Grid from_box(double lon_min, double lon_max, double lat_min, double lat_max, double res);

  std::size_t size() const { return nlon * nlat; }
  std::size_t index(std::size_t i, std::size_t j) const { return j * nlon + i; }
  double lon(std::size_t i) const { return lon0 + double(i) * dlon; }
  double lat(std::size_t j) const { return lat0 + double(j) * dlat; }
  double lon_max() const { return lon(nlon - 1); }
  double lat_max() const { return lat(nlat - 1); }
  bool contains(double lon, double lat) const;
  // Indices of the grid point nearest to (lon, lat), if it lies within the grid
  // (up to half a spacing outside its edge).
  std::optional<std::pair<std::size_t, std::size_t>> nearest(double lon, double lat) const;
  // Area (km²) represented by a point of row j: dlat x dlon on the sphere.
  double cell_area_km2(std::size_t j) const;
  bool operator==(const Grid&) const = default;
};

}  // namespace taifeng
