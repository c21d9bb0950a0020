#pragma once
// Helpers shared by the unit tests: scratch folders under the test executable's
// TAIFENG_TEST_TMP (a compile definition of every test target) and whole-file reads.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace taifeng::test {

// A fresh, empty folder TAIFENG_TEST_TMP/<group>/<name> for one test case.
inline std::filesystem::path fresh_dir(const std::string& group, const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(TAIFENG_TEST_TMP) / group / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The bytes of a file; empty if it cannot be opened.
inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace taifeng::test
