#include "taifeng/forcing/variables.hpp"

#include <algorithm>
#include <cctype>

namespace taifeng::forcing {

namespace {

// Order of aliases matters when a file holds several candidates: the plain model-level
// name first, then near-surface variants.
const std::vector<QuantityInfo>& table() {
  static const std::vector<QuantityInfo> t = {
      {"eastward_wind",
       "eastward_wind",
       "m s-1",
       {"u", "UGRD", "UWND", "ua", "u10", "10u", "UGRD_10maboveground"}},
      {"northward_wind",
       "northward_wind",
       "m s-1",
       {"v", "VGRD", "VWND", "va", "v10", "10v", "VGRD_10maboveground"}},
      {"air_pressure_at_mean_sea_level",
       "air_pressure_at_mean_sea_level",
       "Pa",
       {"msl", "PRMSL", "PRMSL_meansealevel", "prmslmsl", "MSLP", "psl", "SLP"}},
      {"sea_surface_temperature", "sea_surface_temperature", "K", {"sst", "tos", "analysed_sst"}},
      {"geopotential_height", "geopotential_height", "m", {"HGT", "gh", "zg", "hgtprs"}},
      {"geopotential", "geopotential", "m2 s-2", {"z", "phi"}},
      {"surface_altitude",
       "surface_altitude",
       "m",
       {"ROSE", "elevation", "elev", "topo", "topography", "orog", "orography", "altitude",
        "relief", "HGT_surface"}},
      {"air_temperature",
       "air_temperature",
       "K",
       {"t", "TMP", "AIRT", "air", "ta", "tmpprs", "t2m", "2t", "TMP_2maboveground"}},
  };
  return t;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::span<const QuantityInfo> quantities() {
  return table();
}

const QuantityInfo* find_quantity(std::string_view name_or_alias) {
  for (const auto& q : table())
    if (q.name == name_or_alias || q.standard_name == name_or_alias) return &q;
  for (const auto& q : table())
    for (auto alias : q.aliases)
      if (iequals(alias, name_or_alias)) return &q;
  return nullptr;
}

int resolve_variable(std::string_view request, const std::vector<std::string>& names,
                     const std::vector<std::string>& standard_names,
                     std::vector<std::string>* tried) {
  const int n = static_cast<int>(names.size());
  for (int i = 0; i < n; ++i)
    if (names[i] == request) return i;
  const QuantityInfo* q = find_quantity(request);
  for (int i = 0; i < n && i < static_cast<int>(standard_names.size()); ++i) {
    const auto& sn = standard_names[i];
    if (sn.empty()) continue;
    if (sn == request || (q && sn == q->standard_name)) return i;
  }
  if (!q) return -1;
  for (auto alias : q->aliases) {
    if (tried) tried->emplace_back(alias);
    for (int i = 0; i < n; ++i)
      if (iequals(names[i], alias)) return i;
  }
  return -1;
}

}  // namespace taifeng::forcing
