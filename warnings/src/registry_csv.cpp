#include "registry_csv.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"

namespace taifeng::warnings::detail {

CsvRows read_csv_rows(const std::filesystem::path& file, const std::vector<std::string>& headers) {
  CsvRows r;
  std::size_t nfields = 0;
  const std::string expected = fmt::format("'{}'", fmt::join(headers, "' or '"));
  for (const TextLine& l : read_text_lines(file)) {
    const std::string_view t = trim(l.text);
    if (t.empty() || t.front() == '#') continue;
    if (r.header.empty()) {
      for (const std::string& h : headers)
        if (t == h) r.header = h;
      if (r.header.empty())
        throw_input_error(where(file.string(), l.number),
                          fmt::format("header '{}'; expected {}", t, expected));
      nfields = split_fields(r.header).size();
      continue;
    }
    std::vector<std::string> f;
    for (const std::string_view x : split_fields(t)) f.emplace_back(x);
    if (f.size() != nfields)
      throw_input_error(where(file.string(), l.number),
                        fmt::format("{} fields; expected {} ({})", f.size(), nfields, r.header));
    r.lines.emplace_back(l.number, std::move(f));
  }
  if (r.header.empty()) throw_input_error(file.string(), fmt::format("no header {}", expected));
  return r;
}

double csv_number(const std::string& where, const std::string& text, const char* what, double lo,
                  double hi) {
  const auto v = parse_double(text);
  if (!v || !(*v >= lo && *v <= hi))
    throw_input_error(
        where, fmt::format("{} '{}'; expected a number in [{:g}, {:g}]", what, text, lo, hi));
  return *v;
}

}  // namespace taifeng::warnings::detail
