#pragma once
// `taifeng watch`: runs one forecast cycle per input set that arrives in the inbox, each as
// a child process (`[launcher…] taifeng forecast CONFIG --overlay SET/cycle.toml --out
// ARCHIVE/YYYYMMDDHH --previous ARCHIVE/<newest earlier cycle>`), publishes into the
// archive and moves `current` (see archive.hpp for the layout). A failed cycle (bad input,
// crash, timeout) is recorded with its reason and the watcher goes on; SIGTERM/SIGINT stop
// the running cycle (nothing is published; its set stays in the inbox for the next start)
// and end the watcher.
#include <filesystem>
#include <string>
#include <vector>

namespace taifeng::hpc::watch {

struct WatchOptions {
  std::filesystem::path inbox, config, archive;
  std::filesystem::path log_json;     // default ARCHIVE/watch.jsonl
  std::filesystem::path taifeng;      // the executable to run cycles with
  std::vector<std::string> launcher;  // command prefix, e.g. {"mpirun", "-np", "4"}
  bool once = false;                  // process the sets present, then exit
  double poll_seconds = 10;
  double cycle_timeout_minutes = 60;  // 0: no limit
  double stop_grace_seconds = 30;     // SIGTERM → SIGKILL of a cycle being stopped
  bool checkpoints = true;            // surge checkpoints in ARCHIVE/.work/checkpoints
};

// Exit codes of the command.
inline constexpr int watch_exit_ok = 0;
inline constexpr int watch_exit_busy = 3;    // another watcher holds the archive
inline constexpr int watch_exit_failed = 4;  // --once: at least one cycle failed

// Runs until stopped by a signal (or, with once, until the inbox has been processed).
// Throws Error (input) for unusable options and ArchiveBusy when the archive is locked.
int run_watcher(const WatchOptions& opt);

}  // namespace taifeng::hpc::watch
