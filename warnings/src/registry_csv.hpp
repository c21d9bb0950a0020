#pragma once
// The registry's CSV tables (private to taifeng_warnings): '#' comment lines, one header
// line, then comma-separated rows; errors name file and line.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace taifeng::warnings::detail {

struct CsvRows {
  std::string header;                                            // the accepted header the file has
  std::vector<std::pair<long, std::vector<std::string>>> lines;  // line number, fields
};

// The data lines split in fields. The header must be one of `headers`; every line then has
// as many fields as that header.
CsvRows read_csv_rows(const std::filesystem::path& file, const std::vector<std::string>& headers);

// The number in `text`, which must lie in [lo, hi]; input error naming `where` and `what`.
double csv_number(const std::string& where, const std::string& text, const char* what, double lo,
                  double hi);

}  // namespace taifeng::warnings::detail
