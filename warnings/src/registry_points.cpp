#include "taifeng/warnings/registry_points.hpp"

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/polygon.hpp"

#include "registry_csv.hpp"

namespace taifeng::warnings {
namespace {

using detail::csv_number;
using detail::read_csv_rows;

std::string unit_of(const std::string& where, LonLat p, const std::vector<AdminUnit>& units) {
  for (const AdminUnit& u : units)
    if (point_in_multipolygon(u.shape, p)) return u.code;
  throw_input_error(
      where, fmt::format("point {:.4f}E {:.4f}N lies in no administrative unit", p.lon, p.lat));
}

LonLat lon_lat(const std::string& where, const std::string& lon, const std::string& lat) {
  return {csv_number(where, lon, "lon", -180, 360), csv_number(where, lat, "lat", -90, 90)};
}

// A facility kind: a lower-case word such as hospital or power_substation.
bool is_kind(const std::string& k) {
  if (k.empty() || k.size() > 64) return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace

std::vector<Shelter> read_shelters_csv(const std::filesystem::path& file,
                                       const std::vector<AdminUnit>& units) {
  std::vector<Shelter> out;
  for (const auto& [line, f] : read_csv_rows(file, {"id,name_zh,name_en,lon,lat,capacity"}).lines) {
    const std::string where = taifeng::where(file.string(), line);
    Shelter s;
    s.id = f[0];
    s.name_zh = f[1];
    s.name_en = f[2];
    s.pos = lon_lat(where, f[3], f[4]);
    s.capacity = long(csv_number(where, f[5], "capacity", 1, 1e7));
    s.unit_code = unit_of(where, s.pos, units);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Enterprise> read_enterprises_csv(const std::filesystem::path& file,
                                             const std::vector<AdminUnit>& units) {
  std::vector<Enterprise> out;
  for (const auto& [line, f] : read_csv_rows(file, {"id,name,lon,lat,employees,hazmat"}).lines) {
    const std::string where = taifeng::where(file.string(), line);
    Enterprise e;
    e.id = f[0];
    e.name = f[1];
    e.pos = lon_lat(where, f[2], f[3]);
    e.employees = long(csv_number(where, f[4], "employees", 0, 1e7));
    if (f[5] != "0" && f[5] != "1")
      throw_input_error(where, fmt::format("hazmat '{}'; expected 0 or 1", f[5]));
    e.hazmat = f[5] == "1";
    e.unit_code = unit_of(where, e.pos, units);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Facility> read_facilities_csv(const std::filesystem::path& file,
                                          const std::vector<AdminUnit>& units) {
  std::vector<Facility> out;
  for (const auto& [line, f] : read_csv_rows(file, {"id,name_zh,name_en,kind,lon,lat"}).lines) {
    const std::string where = taifeng::where(file.string(), line);
    Facility x;
    x.id = f[0];
    x.name_zh = f[1];
    x.name_en = f[2];
    x.kind = f[3];
    if (!is_kind(x.kind))
      throw_input_error(where, fmt::format("kind '{}'; expected a lower-case word such as "
                                           "hospital, power_substation, water_works",
                                           x.kind));
    x.pos = lon_lat(where, f[4], f[5]);
    x.unit_code = unit_of(where, x.pos, units);
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace taifeng::warnings
