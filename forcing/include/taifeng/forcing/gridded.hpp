#pragma once
// Gridded meteorological fields from real files (NetCDF-C, GRIB2 through ecCodes), read
// into one SI-unit representation. Variables are found by CF standard_name first, then
// by an alias table (ERA5, GFS/NCEP, Ferret/COADS/Navy names); units are converted with
// udunits2. Any dimension order, latitude north-to-south, longitude 0..360 or
// -180..180 (boxes may cross the seam), packed values and fill values are handled.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/core/time.hpp"

namespace taifeng::forcing {

// A lon/lat box in degrees. lon_min > lon_max means the box crosses the antimeridian
// (e.g. 170 .. -170); longitudes are otherwise taken modulo 360.
struct GeoBox {
  double lon_min = 0, lon_max = 360, lat_min = -90, lat_max = 90;
};

struct ReadRequest {
  // A variable name in the file, a CF standard_name, or a quantity alias such as
  // "eastward_wind", "northward_wind", "air_pressure_at_mean_sea_level",
  // "sea_surface_temperature", "geopotential_height", "surface_altitude".
  std::string variable;
  std::optional<GeoBox> box;          // default: the whole file
  std::optional<TimePoint> from, to;  // inclusive time window; default: all times
  std::vector<double> levels_hpa;     // pressure levels wanted; empty: all
  std::string units;                  // target units (udunits); empty: SI default
};

// One variable, subset, converted. Values are ordered [time][level][lat][lon] with
// latitude ascending and longitude ascending and continuous (a seam-crossing box gives
// longitudes beyond 180 or below -180 rather than a jump).
struct GriddedData {
  std::string file;             // where it came from
  std::string source_variable;  // name of the variable in the file
  std::string standard_name;
  std::string long_name;
  std::string units;         // units of `values` after conversion
  std::string source_units;  // units found in the file
  Grid grid;
  std::vector<TimePoint> times;    // empty if the variable has no time dimension
  std::vector<double> levels_hpa;  // empty if it has no vertical dimension
  std::vector<double> values;      // NaN = missing
  std::size_t n_missing = 0;       // values that were _FillValue/missing_value/NaN

  std::size_t n_times() const { return times.empty() ? 1 : times.size(); }
  std::size_t n_levels() const { return levels_hpa.empty() ? 1 : levels_hpa.size(); }
  double at(std::size_t t, std::size_t k, std::size_t i, std::size_t j) const {
    return values[((t * n_levels() + k) * grid.nlat + j) * grid.nlon + i];
  }
};

// What `taifeng inspect` reports for each variable of a gridded file.
struct VariableInfo {
  std::string name, standard_name, long_name, units;
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
  std::optional<std::pair<double, double>> lat, lon;  // coordinate ranges, degrees
  std::optional<std::pair<TimePoint, TimePoint>> time;
  std::vector<double> levels_hpa;
  std::size_t missing = 0;  // fill/missing/NaN values in the whole variable
};

GriddedData read_netcdf_variable(const std::filesystem::path& file, const ReadRequest& request);
std::vector<VariableInfo> describe_netcdf(const std::filesystem::path& file);

GriddedData read_grib2_variable(const std::filesystem::path& file, const ReadRequest& request);
std::vector<VariableInfo> describe_grib2(const std::filesystem::path& file);

}  // namespace taifeng::forcing
