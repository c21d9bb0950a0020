#pragma once
// Minimal helpers for line-oriented text records (CSV without quoting, ATCF-style
// comma-separated decks) that keep the line number for error messages.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taifeng {

struct TextLine {
  long number = 0;   // 1-based line number in the file
  std::string text;  // without the line terminator (LF or CRLF)
};

// Reads all lines of a text file; an input error if it cannot be read or contains
// NUL bytes (a binary file given where text was expected).
std::vector<TextLine> read_text_lines(const std::filesystem::path& file);

// Splits on `sep` and trims blanks around each field.
std::vector<std::string_view> split_fields(std::string_view line, char sep = ',');
std::string_view trim(std::string_view s);

// Strict number parsing: the whole (trimmed) text must be a number.
std::optional<double> parse_double(std::string_view s);
std::optional<long> parse_long(std::string_view s);

}  // namespace taifeng
