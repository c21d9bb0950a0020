#include "taifeng/hpc/watch/inbox.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/sha256.hpp"
#include "taifeng/core/time.hpp"

namespace taifeng::hpc::watch {

namespace fs = std::filesystem;

std::vector<InputSet> ready_sets(const fs::path& inbox, const fs::path& base_config) {
  std::vector<InputSet> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(inbox, ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.' || !e.is_directory(ec)) continue;
    if (!fs::is_regular_file(e.path() / "cycle.toml", ec)) continue;
    InputSet s{e.path(), name, "", ""};
    try {
      // The configuration the cycle will read: the station's with the set's overlay.
      ConfigReader config = ConfigReader::from_file(base_config);
      config.add_overlay(e.path() / "cycle.toml");
      if (!config.has("storm.analysis_time"))
        throw_input_error((e.path() / "cycle.toml").string(),
                          "no storm.analysis_time here nor in " + base_config.string() +
                              " (expected the cycle's analysis time)");
      s.stamp = format_yyyymmddhh(config.time("storm.analysis_time"));
    } catch (const Error& err) {
      s.problem = err.what();
    }
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const InputSet& a, const InputSet& b) {
    return std::tie(a.stamp, a.name) < std::tie(b.stamp, b.name);
  });
  return out;
}

std::string hash_input_set(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string manifest;
  for (const fs::path& f : files)
    manifest += fmt::format("{} {} {}\n", f.lexically_relative(dir).generic_string(),
                            fs::file_size(f), sha256_file(f));
  return sha256_hex(manifest);
}

fs::path store_input_set(const InputSet& set, const std::string& hash, const fs::path& archive) {
  const fs::path inputs = archive / "inputs";
  const fs::path final_dir = inputs / fmt::format("{}-{}", set.stamp, hash.substr(0, 12));
  std::error_code ec;
  if (fs::is_directory(final_dir, ec)) return final_dir;  // the same set ran before
  fs::create_directories(inputs, ec);
  const fs::path tmp = inputs / fmt::format(".incoming-{}", ::getpid());
  fs::remove_all(tmp, ec);
  fs::copy(set.dir, tmp, fs::copy_options::recursive, ec);
  if (!ec) fs::rename(tmp, final_dir, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove_all(tmp, ec);
    throw_input_error(final_dir.string(), "cannot store the input set: " + why);
  }
  return final_dir;
}

}  // namespace taifeng::hpc::watch
