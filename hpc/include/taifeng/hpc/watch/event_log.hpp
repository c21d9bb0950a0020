#pragma once
// The watcher's two logs: one human line per event on the console (stderr) and one JSON
// object per line in a file (for journald/Loki/jq), with the same facts. The file is opened
// for each event (append), so logrotate can move it at any time; a failing write (disk
// full) is reported on the console once and never stops the watcher.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace taifeng::hpc::watch {

class EventLog {
 public:
  explicit EventLog(std::filesystem::path json_file);  // empty: console only

  // level: "info", "warning" or "error"; fields become the JSON object (with "time",
  // "level", "event" first), text is the console line.
  void event(const std::string& level, const std::string& name, nlohmann::ordered_json fields,
             const std::string& text);

  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  bool write_failed_ = false;
};

// Appends `record` as one line to `file` in one write() with O_APPEND (lines of concurrent
// writers never interleave), fsynced when `sync`. False when it cannot be written.
bool append_json_line(const std::filesystem::path& file, const nlohmann::ordered_json& record,
                      bool sync);

// Now as "2026-11-22T21:55:56.123Z".
std::string utc_now_ms();

}  // namespace taifeng::hpc::watch
