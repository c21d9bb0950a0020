#pragma once
// Vulnerable groups of the administrative units from a CSV: residents aged 65 and over,
//   adcode,aged_65_plus[,source]
// ('#' lines are comments). Each row sets AdminUnit::vulnerable of the unit with that code;
// units without a row stay unknown (−1). An unknown or repeated code, a value that is not a
// whole number in [0, the unit's population], or a malformed line is an input error naming
// file and line.
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/warnings/registry.hpp"

namespace taifeng::warnings {

// Sets `vulnerable` of the listed units; returns the distinct non-empty `source` texts, in
// order of first appearance (for the registry's metadata).
std::vector<std::string> join_vulnerable_csv(const std::filesystem::path& file,
                                             std::vector<AdminUnit>& units);

}  // namespace taifeng::warnings
