#include "taifeng/warnings/registry_points.hpp"

#include <fmt/format.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/polygon.hpp"

namespace taifeng::warnings {
namespace {

// The data lines (after comments and the header, which must be `header`) split in fields.
struct Rows {
  std::vector<std::pair<long, std::vector<std::string>>> lines;
};

Rows read_rows(const std::filesystem::path& file, const std::string& header, std::size_t nfields) {
  Rows r;
  bool seen_header = false;
  for (const TextLine& l : read_text_lines(file)) {
    const std::string_view t = trim(l.text);
    if (t.empty() || t.front() == '#') continue;
    if (!seen_header) {
      if (t != header)
        throw_input_error(fmt::format("{}:{}", file.string(), l.number),
                          fmt::format("header '{}'; expected '{}'", t, header));
      seen_header = true;
      continue;
    }
    std::vector<std::string> f;
    for (const std::string_view x : split_fields(t)) f.emplace_back(x);
    if (f.size() != nfields)
      throw_input_error(fmt::format("{}:{}", file.string(), l.number),
                        fmt::format("{} fields; expected {} ({})", f.size(), nfields, header));
    r.lines.emplace_back(l.number, std::move(f));
  }
  if (!seen_header) throw_input_error(file.string(), fmt::format("no header '{}'", header));
  return r;
}

double number(const std::string& where, const std::string& text, const char* what, double lo,
              double hi) {
  const auto v = parse_double(text);
  if (!v || !(*v >= lo && *v <= hi))
    throw_input_error(
        where, fmt::format("{} '{}'; expected a number in [{:g}, {:g}]", what, text, lo, hi));
  return *v;
}

std::string unit_of(const std::string& where, LonLat p, const std::vector<AdminUnit>& units) {
  for (const AdminUnit& u : units)
    if (point_in_multipolygon(u.shape, p)) return u.code;
  throw_input_error(
      where, fmt::format("point {:.4f}E {:.4f}N lies in no administrative unit", p.lon, p.lat));
}

}  // namespace

std::vector<Shelter> read_shelters_csv(const std::filesystem::path& file,
                                       const std::vector<AdminUnit>& units) {
  std::vector<Shelter> out;
  for (const auto& [line, f] : read_rows(file, "id,name_zh,name_en,lon,lat,capacity", 6).lines) {
    const std::string where = fmt::format("{}:{}", file.string(), line);
    Shelter s;
    s.id = f[0];
    s.name_zh = f[1];
    s.name_en = f[2];
    s.pos = {number(where, f[3], "lon", -180, 360), number(where, f[4], "lat", -90, 90)};
    s.capacity = long(number(where, f[5], "capacity", 1, 1e7));
    s.unit_code = unit_of(where, s.pos, units);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Enterprise> read_enterprises_csv(const std::filesystem::path& file,
                                             const std::vector<AdminUnit>& units) {
  std::vector<Enterprise> out;
  for (const auto& [line, f] : read_rows(file, "id,name,lon,lat,employees,hazmat", 6).lines) {
    const std::string where = fmt::format("{}:{}", file.string(), line);
    Enterprise e;
    e.id = f[0];
    e.name = f[1];
    e.pos = {number(where, f[2], "lon", -180, 360), number(where, f[3], "lat", -90, 90)};
    e.employees = long(number(where, f[4], "employees", 0, 1e7));
    if (f[5] != "0" && f[5] != "1")
      throw_input_error(where, fmt::format("hazmat '{}'; expected 0 or 1", f[5]));
    e.hazmat = f[5] == "1";
    e.unit_code = unit_of(where, e.pos, units);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace taifeng::warnings
