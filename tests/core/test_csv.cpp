// Line-oriented text records: reading numbered lines, splitting fields, strict numbers.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"

using namespace taifeng;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

fs::path scratch(const std::string& name, const std::string& content) {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "csv";
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << content;
  return dir / name;
}

std::vector<std::string> texts(const std::vector<TextLine>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}

}  // namespace

TEST_CASE("read_text_lines: numbered lines without LF or CRLF", "[csv]") {
  const fs::path f = scratch("mixed.csv", "a,b\r\nc,d\n\n  e , f  \r\nx\ry\nlast without newline");
  const auto lines = read_text_lines(f);
  REQUIRE(lines.size() == 6);
  for (std::size_t k = 0; k < lines.size(); ++k) CHECK(lines[k].number == long(k) + 1);
  CHECK(texts(lines) ==
        std::vector<std::string>{"a,b", "c,d", "", "  e , f  ", "x\ry", "last without newline"});
  // Only the terminator is stripped: inner blanks and a lone inner CR are kept.
  CHECK(read_text_lines(scratch("empty.csv", "")).empty());
  const auto blank = read_text_lines(scratch("blank.csv", "\n\r\n"));
  REQUIRE(blank.size() == 2);
  CHECK(blank[0].text.empty());
  CHECK(blank[1].text.empty());
  CHECK(blank[1].number == 2);
}

TEST_CASE("read_text_lines: a NUL byte is an input error naming file:line", "[csv]") {
  static const char raw[] = "ok\r\nstill ok\nbad\0byte\nmore\n";
  const fs::path f = scratch("binary.csv", std::string(raw, sizeof raw - 1));
  try {
    read_text_lines(f);
    FAIL("no error for a NUL byte");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK(e.where() == f.string() + ":3");
    CHECK_THAT(e.what(), Contains(f.string() + ":3:"));
    CHECK_THAT(e.what(), Contains("NUL"));
  }
  // A NUL on the first line.
  const fs::path g = scratch("binary1.csv", std::string("\0", 1));
  CHECK_THROWS_WITH(read_text_lines(g), Contains(g.string() + ":1:"));
}

TEST_CASE("read_text_lines: a missing file or a directory is an input error", "[csv]") {
  const fs::path missing = fs::path(TAIFENG_TEST_TMP) / "csv" / "no_such.csv";
  fs::remove(missing);
  try {
    read_text_lines(missing);
    FAIL("no error for a missing file");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK(e.where() == missing.string());
  }
  CHECK_THROWS_AS(read_text_lines(fs::path(TAIFENG_TEST_TMP) / "csv"), Error);
}

TEST_CASE("split_fields trims blanks and keeps empty fields", "[csv]") {
  using V = std::vector<std::string_view>;
  CHECK(split_fields(" a , b ,, c ") == V{"a", "b", "", "c"});
  CHECK(split_fields("WP, 18, 2005092500,\t120N, 1150E ") ==
        V{"WP", "18", "2005092500", "120N", "1150E"});
  CHECK(split_fields("") == V{""});
  CHECK(split_fields(",") == V{"", ""});
  CHECK(split_fields("a,") == V{"a", ""});
  CHECK(split_fields(",a") == V{"", "a"});
  CHECK(split_fields("  ,  ") == V{"", ""});
  CHECK(split_fields("New York, Hai Kou") == V{"New York", "Hai Kou"});  // inner blanks kept
  CHECK(split_fields("a;b ; c", ';') == V{"a", "b", "c"});
  CHECK(split_fields("a,b", ';') == V{"a,b"});
  CHECK(trim(" \t x y \t ") == "x y");
  CHECK(trim("   ").empty());
  CHECK(trim("") == "");
}

TEST_CASE("parse_double: whole trimmed text must be a finite number", "[csv]") {
  CHECK(parse_double("  12.5 ") == 12.5);
  CHECK(parse_double("+3") == 3.0);
  CHECK(parse_double("-3.25") == -3.25);
  CHECK(parse_double("\t7\t") == 7.0);
  CHECK(parse_double("1e3") == 1000.0);
  CHECK(parse_double("0") == 0.0);
  CHECK(parse_double(".5") == 0.5);
  for (const char* bad : {"12a", "", "   ", "nan", "NaN", "inf", "-inf", "+inf", "+", "-", "1,5",
                          "1 2", "0x10", "1e400", "12.5.1", "++3", "+ 3"}) {
    INFO("text: '" << bad << "'");
    CHECK_FALSE(parse_double(bad).has_value());
  }
}

TEST_CASE("parse_long: whole trimmed text must be an integer", "[csv]") {
  CHECK(parse_long("  42 ") == 42L);
  CHECK(parse_long("+3") == 3L);
  CHECK(parse_long("-7") == -7L);
  CHECK(parse_long("0") == 0L);
  CHECK(parse_long("9223372036854775807") == 9223372036854775807L);
  for (const char* bad : {"12a", "", "  ", "nan", "inf", "3.0", "1e3", "+", "-", "0x10",
                          "99999999999999999999", "1 2", "++3"}) {
    INFO("text: '" << bad << "'");
    CHECK_FALSE(parse_long(bad).has_value());
  }
}

TEST_CASE("parse_double / parse_long reject a sign after '+'", "[csv]") {
  // Regression: "+-3" was once parsed as -3.
  CHECK_FALSE(parse_double("+-3").has_value());
  CHECK_FALSE(parse_long("+-3").has_value());
}
