#pragma once
// CF-1.8 NetCDF output of gridded hazard fields and the matching reader (NetCDF-C).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "taifeng/core/field.hpp"
#include "taifeng/core/time.hpp"

namespace taifeng::forcing {

struct CfAttributes {
  std::string name, units, standard_name, long_name, cell_methods;
};

// A gridded variable with one Field per time step (dimensions time, lat, lon).
struct TimeSeriesVariable {
  CfAttributes meta;
  std::vector<Field> steps;  // size == time count, all on the dataset grid
};

// A gridded variable with one Field per ensemble member (dimensions realization, lat, lon;
// CF standard name "realization" on the coordinate: member 0, 1, …).
struct RealizationVariable {
  CfAttributes meta;
  std::vector<Field> members;  // all on the dataset grid, the same count for every variable
};

// A variable along time only (e.g. the storm centre latitude at each output time).
struct TimeVariable {
  CfAttributes meta;
  std::vector<double> values;  // size == time count, NaN = missing (_FillValue)
};

struct GriddedDataset {
  Grid grid;
  TimePoint reference_time{};      // CF "hours since <reference>"
  std::vector<double> time_hours;  // output times, hours since reference
  std::vector<TimeSeriesVariable> series;
  std::vector<std::pair<CfAttributes, Field>> statics;  // (lat, lon) variables
  std::vector<TimeVariable> time_variables;
  std::vector<RealizationVariable> per_realization;
  std::map<std::string, std::string> global_attributes;  // title, institution, source, …
};

// Writes NetCDF-4 (classic model, deflate level 1, one chunk per time step) with
// Conventions = "CF-1.8"; floats with _FillValue for NaN. Writes to a temporary name
// and renames, so a failed write never leaves a partial file under `path`.
void write_netcdf(const std::filesystem::path& path, const GriddedDataset& ds);

// Reads a (lat, lon) variable, or one time step of a (time, lat, lon) variable, written
// by write_netcdf (regular grid, latitude ascending). Input error naming the file and
// variable if it is missing or has another shape.
Field read_netcdf_field(const std::filesystem::path& path, const std::string& variable,
                        std::size_t time_index = 0);
// The time axis of a file (hours since its reference) and that reference.
std::vector<double> read_netcdf_time_hours(const std::filesystem::path& path,
                                           TimePoint* reference = nullptr);

// A variable along time only (time), as written by write_netcdf's time_variables; NaN for
// fill values. Input error naming file and variable if missing or of another shape.
std::vector<double> read_netcdf_time_variable(const std::filesystem::path& path,
                                              const std::string& variable);
// Whether the file has a variable of that name (input error if the file cannot be opened).
bool netcdf_has_variable(const std::filesystem::path& path, const std::string& variable);
// The file's global text attributes (non-text attributes are skipped).
std::map<std::string, std::string> read_netcdf_global_attributes(const std::filesystem::path& path);

}  // namespace taifeng::forcing
