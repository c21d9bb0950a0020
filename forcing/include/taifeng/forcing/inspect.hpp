#pragma once
// `taifeng inspect`: detect a file's format from its content and report what was read,
// as one JSON document or as a short human-readable summary.
#include <filesystem>
#include <optional>
#include <string>

namespace taifeng::forcing {

// "netcdf", "grib2", "ecmwf-bufr", "jtwc-csv", "ibtracs-csv", "cma", "atcf", "hurdat2";
// an input error naming the file if none fits.
std::string detect_format(const std::filesystem::path& file);
bool is_track_format(const std::string& format);

// {"kind":"tracks",…} or {"kind":"grid",…} (see the README of the forcing issue).
std::string inspect_json(const std::filesystem::path& file);
std::string inspect_text(const std::filesystem::path& file);

// Value of `variable` at the grid point nearest (lat, lon), at the nearest time and level
// when given (time as ISO 8601, e.g. 2005-09-25T00:00:00Z), in SI units:
// {"value":…,"units":…,"lat":…,"lon":…,"time":…,"level_hpa":…}.
std::string sample_json(const std::filesystem::path& file, const std::string& variable, double lat,
                        double lon, const std::optional<std::string>& time,
                        std::optional<double> level_hpa);

}  // namespace taifeng::forcing
