#pragma once
// The archive a watcher publishes into:
//
//   ARCHIVE/YYYYMMDDHH/        one folder per published cycle (the forecast's own output,
//                              renamed into place whole; a folder here is a success)
//   ARCHIVE/current            symlink to the newest published cycle, replaced atomically
//   ARCHIVE/inputs/<stamp>-<hash>/   the input set each cycle ran from (kept: reruns)
//   ARCHIVE/failed/<attempt>-<set>/  reason.json, cycle.log and the inputs of a failed cycle
//   ARCHIVE/logs/<stamp>-<attempt>.log   the log of each successful cycle
//   ARCHIVE/history.jsonl      one JSON line per cycle attempt and its outcome
//   ARCHIVE/watch.jsonl        the watcher's structured log (default place)
//   ARCHIVE/.lock              flock()ed by the one watcher allowed to publish here
//   ARCHIVE/.work/             logs and checkpoints of the cycle running now
//
// Names starting with '.' are the watcher's; leftovers of a killed run are removed at
// start-up, under the lock.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace taifeng::hpc::watch {

// Another watcher holds the archive (exit code 3).
struct ArchiveBusy : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Exclusive lock on ARCHIVE/.lock for the life of the object (flock: released by the
// kernel when the process dies, so a killed watcher never blocks its successor). Throws
// ArchiveBusy naming the holder (pid, host, since) when another process has it.
class ArchiveLock {
 public:
  explicit ArchiveLock(const std::filesystem::path& archive);
  ~ArchiveLock();
  ArchiveLock(const ArchiveLock&) = delete;
  ArchiveLock& operator=(const ArchiveLock&) = delete;

 private:
  int fd_ = -1;
};

bool is_cycle_stamp(const std::string& name);  // ten digits, YYYYMMDDHH

// Published cycles (folders named YYYYMMDDHH holding run.json), oldest first.
std::vector<std::string> published_cycles(const std::filesystem::path& archive);
// The newest published cycle strictly before stamp.
std::optional<std::string> published_before(const std::filesystem::path& archive,
                                            const std::string& stamp);
// The cycle `current` points at, if it is a valid published cycle.
std::optional<std::string> current_cycle(const std::filesystem::path& archive);
// Points ARCHIVE/current at stamp: a new symlink under a temporary name renamed over the
// old one (atomic), then the folder is synced.
void point_current(const std::filesystem::path& archive, const std::string& stamp);
// At start-up: `current` → the newest published cycle, if it is missing, dangling or older
// (a watcher killed between publishing and moving `current`). Returns the cycle, if any.
std::optional<std::string> reconcile_current(const std::filesystem::path& archive);
// Removes what a killed watcher or cycle left behind (staging and old folders, temporary
// links, the work folder except checkpoints, half-removed inbox sets). Returns the paths.
std::vector<std::filesystem::path> remove_leftovers(const std::filesystem::path& archive,
                                                    const std::filesystem::path& inbox);

// Appends one line to ARCHIVE/history.jsonl (best effort: false when it cannot be written).
bool append_history(const std::filesystem::path& archive, const nlohmann::ordered_json& record);

// fsync of a folder, so renames in it survive a power cut.
void sync_dir(const std::filesystem::path& dir);

}  // namespace taifeng::hpc::watch
