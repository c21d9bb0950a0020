#include "taifeng/warnings/registry_vulnerable.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

#include "registry_csv.hpp"

namespace taifeng::warnings {

std::vector<std::string> join_vulnerable_csv(const std::filesystem::path& file,
                                             std::vector<AdminUnit>& units) {
  std::map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < units.size(); ++k) index[units[k].code] = k;
  std::map<std::string, long> seen;  // code -> line
  std::vector<std::string> sources;
  const auto rows =
      detail::read_csv_rows(file, {"adcode,aged_65_plus", "adcode,aged_65_plus,source"});
  for (const auto& [line, f] : rows.lines) {
    const std::string at = where(file.string(), line);
    const auto it = index.find(f[0]);
    if (it == index.end())
      throw_input_error(at, fmt::format("adcode '{}' is not a unit of the registry", f[0]));
    if (seen.count(f[0]))
      throw_input_error(at,
                        fmt::format("adcode {} listed twice (first at line {})", f[0], seen[f[0]]));
    seen[f[0]] = line;
    AdminUnit& u = units[it->second];
    const double v = detail::csv_number(at, f[1], "aged_65_plus", 0, u.population);
    if (v != std::floor(v))
      throw_input_error(at,
                        fmt::format("aged_65_plus '{}'; expected a whole number of people", f[1]));
    u.vulnerable = v;
    if (f.size() == 3 && !f[2].empty() &&
        std::find(sources.begin(), sources.end(), f[2]) == sources.end())
      sources.push_back(f[2]);
  }
  return sources;
}

}  // namespace taifeng::warnings
