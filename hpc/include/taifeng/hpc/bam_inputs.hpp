#pragma once
// Steering winds for the beta-and-advection model (solver/bam.hpp) from a gridded
// analysis or forecast file: NetCDF or GRIB2 (detected from the content), read through
// forcing::read_netcdf_variable / read_grib2_variable, so every layout those readers
// accept (dimension order, latitude direction, 0..360 longitudes and boxes across the
// seam, packing, Pa or hPa levels, CF calendars) works here too.
//
// Only the pressure levels of the requested BAM layer are kept (all levels the file has
// between 850 hPa and the layer top). u and v must share grid, times and levels. Any
// missing value (fill value, NaN) among the kept values is an input error: the box and the
// time window are the region the model needs, so choose them accordingly (the track must
// stay vortex_radius_km inside the box).
#include <filesystem>
#include <optional>
#include <string>

#include "taifeng/core/time.hpp"
#include "taifeng/forcing/gridded.hpp"
#include "taifeng/solver/bam.hpp"

namespace taifeng::hpc {

struct SteeringRequest {
  solver::BamLayer layer = solver::BamLayer::deep;
  std::optional<forcing::GeoBox> box;  // default: the whole file
  // Inclusive window of valid times; default: all. Start it at or before the analysis
  // time (BAM needs a field at or before t0) and end it at or after t0 + lead.
  std::optional<TimePoint> from, to;
  // Variable names, CF standard names or aliases (ERA5 u/v, GFS UGRD/VGRD, …).
  std::string u_variable = "eastward_wind";
  std::string v_variable = "northward_wind";
};

// SteeringFields.source is "FILE:U_NAME,V_NAME". Input errors (naming the file and the
// variable): not NetCDF/GRIB2, a variable missing or without pressure levels or valid
// times, the layer not spanned (see solver::bam_layer_weights), u and v on different
// grids/times/levels, missing values in the kept region.
solver::SteeringFields read_steering_fields(const std::filesystem::path& file,
                                            const SteeringRequest& request);

}  // namespace taifeng::hpc
