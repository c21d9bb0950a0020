#pragma once
// VTK XML files that ParaView (and VTK's own XML readers) open. Geographic coordinates
// are written as x = longitude (degrees east), y = latitude (degrees north), z = 0.
#include <filesystem>
#include <vector>

#include "taifeng/core/field.hpp"
#include "taifeng/core/track.hpp"

namespace taifeng::viz {

// One .vti image (vtkImageData): every field becomes a point-data array named after
// Field::name (units in the array's information key and in a field-data string array
// "<name>_units"). All fields must share one grid.
void write_image_vti(const std::filesystem::path& path, const std::vector<const Field*>& fields);

// One .vtp polyline of the track: points at each fix, point-data arrays
// "time_h" (hours since `reference`), "vmax_ms", "pmin_hpa", "rmw_km"; NaN where missing.
void write_track_vtp(const std::filesystem::path& path, const Track& track, TimePoint reference);

}  // namespace taifeng::viz
