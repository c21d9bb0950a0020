#pragma once
// Atomic publication: a file is written to a temporary name in the same directory and
// renamed over its final name; a whole run is written into a staging directory that is
// swapped in only when every output is complete. A failed or killed run therefore
// never leaves a half-written file or a half warning set under the final name.
#include <filesystem>
#include <string_view>

namespace taifeng {

void write_file_atomic(const std::filesystem::path& path, std::string_view content);

class StagedDir {
 public:
  // Stages in ".<name>.partial-<host>-<pid>" next to final_dir, after removing the staging
  // folders a killed run into the same final_dir left on this host (its pid no longer runs).
  explicit StagedDir(std::filesystem::path final_dir);
  ~StagedDir();  // removes the staging directory unless committed
  StagedDir(const StagedDir&) = delete;
  StagedDir& operator=(const StagedDir&) = delete;

  const std::filesystem::path& path() const { return staging_; }
  const std::filesystem::path& final_path() const { return final_; }
  // Replaces final_dir by the staging directory (the old content, if any, is removed).
  void commit();

 private:
  std::filesystem::path final_, staging_;
  bool committed_ = false;
};

}  // namespace taifeng
