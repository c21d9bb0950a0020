#pragma once
// GSHHG shorelines from GMT's binned netCDF files (Debian gmt-gshhg-*:
// /usr/share/gmt-gshhg/binned_GSHHS_{c,l,i,h,f}.nc).
//
// The files cut every shoreline polygon into per-bin segments (bins of
// Bin_size_in_minutes, numbered row by row from the north-west corner, 0..360 E). A
// segment's points are unsigned 16-bit offsets from the bin's south-west corner in units
// of bin_size / 65535, so segments are polylines that start and end on the bin edges
// (or are closed when the polygon lies inside one bin). Levels: 1 = ocean/land boundary,
// 2 = lake shore, 3 = island in a lake, 4 = pond on such an island; the Antarctic ice
// front is returned as level 1 and the Antarctic grounding line is left out.
#include <filesystem>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/forcing/gridded.hpp"

namespace taifeng::forcing {

struct CoastSegment {
  int level = 1;  // 1..4, see above
  std::vector<LonLat> points;
};

// The segments with level <= max_level of every bin intersecting `box` (not clipped to
// the box). Longitudes follow the box: a bin is placed at the 360-degree shift that
// overlaps the box, so a box crossing the antimeridian (lon_min > lon_max) gives
// continuous longitudes beyond 180. Input errors name the file (missing file, not a
// GSHHG binned file, inconsistent indices); a bad box or max_level < 1 is an input error.
std::vector<CoastSegment> read_gshhg_segments(const std::filesystem::path& file, const GeoBox& box,
                                              int max_level = 1);

// The same segments as plain polylines (lon/lat degrees).
std::vector<std::vector<LonLat>> read_gshhg_coastline(const std::filesystem::path& file,
                                                      const GeoBox& box, int max_level = 1);

}  // namespace taifeng::forcing
