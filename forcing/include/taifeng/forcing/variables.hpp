#pragma once
// The table of physical quantities taifeng reads from gridded files: CF standard_name,
// SI default units and the variable names used by ERA5, GFS/NCEP and Ferret (COADS,
// Navy winds, ETOPO). Shared by the NetCDF and GRIB2 readers.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taifeng::forcing {

struct QuantityInfo {
  std::string_view name;                  // taifeng name, e.g. "eastward_wind"
  std::string_view standard_name;         // CF standard_name
  std::string_view si_units;              // default units of values handed to callers (udunits)
  std::vector<std::string_view> aliases;  // variable names in common files
};

// All known quantities.
std::span<const QuantityInfo> quantities();

// The quantity whose name, standard_name or alias equals `name_or_alias` (names and
// standard names exactly, aliases case-insensitively); nullptr if none.
const QuantityInfo* find_quantity(std::string_view name_or_alias);

// Case-insensitive ASCII comparison (alias matching).
bool iequals(std::string_view a, std::string_view b);

// How to find a requested variable among the variables of a file (`names`, with their
// standard_name attributes, "" if absent): exact name; then a variable whose
// standard_name equals the request or the request's quantity's standard_name; then the
// quantity's aliases (case-insensitive, in table order). Returns the index into `names`,
// or -1; `tried` receives the aliases tried (for the error message).
int resolve_variable(std::string_view request, const std::vector<std::string>& names,
                     const std::vector<std::string>& standard_names,
                     std::vector<std::string>* tried = nullptr);

}  // namespace taifeng::forcing
