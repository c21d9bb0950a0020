#pragma once
// Point layers of the base registry read from CSV: shelters, legal persons/enterprises and
// critical facilities.
// Lines starting with '#' are comments (the bundled samples say there that they are
// synthetic). Each point is assigned to the unit whose polygons contain it; a point inside
// no unit, a malformed line or an impossible value is an input error naming file and line.
//   shelters:    id,name_zh,name_en,lon,lat,capacity          (capacity: people, > 0)
//   enterprises: id,name,lon,lat,employees,hazmat             (hazmat: 0 or 1)
//   facilities:  id,name_zh,name_en,kind,lon,lat              (kind: lower-case word, e.g.
//                hospital, power_substation, water_works, telecom, school, port, fuel_depot)
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/warnings/registry.hpp"

namespace taifeng::warnings {

struct Shelter {
  std::string id, name_zh, name_en;
  LonLat pos;
  long capacity = 0;
  std::string unit_code;
};

struct Enterprise {
  std::string id, name;
  LonLat pos;
  long employees = 0;
  bool hazmat = false;
  std::string unit_code;
};

struct Facility {
  std::string id, name_zh, name_en;
  std::string kind;  // hospital, power_substation, water_works, telecom, school, port, …
  LonLat pos;
  std::string unit_code;
};

std::vector<Shelter> read_shelters_csv(const std::filesystem::path& file,
                                       const std::vector<AdminUnit>& units);
std::vector<Enterprise> read_enterprises_csv(const std::filesystem::path& file,
                                             const std::vector<AdminUnit>& units);
std::vector<Facility> read_facilities_csv(const std::filesystem::path& file,
                                          const std::vector<AdminUnit>& units);

}  // namespace taifeng::warnings
