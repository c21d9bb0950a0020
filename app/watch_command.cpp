#include "watch_command.hpp"

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "taifeng/core/error.hpp"
#include "taifeng/core/stop_request.hpp"
#include "taifeng/hpc/watch/archive.hpp"
#include "taifeng/hpc/watch/watcher.hpp"

namespace taifeng::app {

namespace fs = std::filesystem;

namespace {
struct WatchArgs {
  std::string inbox, config, archive, log_json, launcher, taifeng;
  bool once = false, no_checkpoints = false;
  double poll_seconds = 10, timeout_minutes = 60, grace_seconds = 30;
} args;
}  // namespace

CLI::App* add_watch_command(CLI::App& app) {
  CLI::App* c = app.add_subcommand(
      "watch",
      "Run a forecast cycle for every input set dropped into an inbox (a folder holding "
      "cycle.toml, an overlay of the station configuration, and the files it names: track or "
      "advisory files, NetCDF/GRIB analyses, BUFR ensembles), publish each into the archive as "
      "YYYYMMDDHH/ and point ARCHIVE/current at the newest successful cycle atomically. A failed "
      "cycle is recorded in ARCHIVE/failed/ with its reason and the watcher goes on. Logs: "
      "human lines on stderr, one JSON object per line in ARCHIVE/watch.jsonl. SIGTERM/SIGINT "
      "stop the running cycle (nothing published) and the watcher. Exit codes: 0 stopped or "
      "--once done, 2 bad arguments, 3 archive locked by another watcher, 4 --once with a "
      "failed cycle. See hpc/ops/README.md.");
  c->fallthrough();
  c->add_option("--inbox", args.inbox, "Folder where input sets arrive (must exist)")->required();
  c->add_option("--config", args.config, "The station's forecast configuration (TOML)")->required();
  c->add_option("--archive", args.archive, "Folder the cycles are published into (created)")
      ->required();
  c->add_flag("--once", args.once,
              "Process the sets present now, then exit (for a systemd timer or cron)");
  c->add_option("--poll-seconds", args.poll_seconds, "Seconds between looks at the inbox")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 86400.0));
  c->add_option("--cycle-timeout-minutes", args.timeout_minutes,
                "A cycle running longer is stopped (SIGTERM, then SIGKILL) and recorded as "
                "failed; 0 = no limit")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10080.0));
  c->add_option("--stop-grace-seconds", args.grace_seconds,
                "Seconds between SIGTERM and SIGKILL when a cycle is stopped")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  c->add_option("--launcher", args.launcher,
                "Command prefix for each cycle, split on spaces, e.g. \"mpirun -np 4\" or "
                "\"hpc/jobs/taifeng-launch --ranks 2 --\"");
  c->add_option("--taifeng", args.taifeng,
                "The taifeng executable the cycles run (default: this one)");
  c->add_option("--log-json", args.log_json,
                "File of the structured log, one JSON object per line (default "
                "ARCHIVE/watch.jsonl)");
  c->add_flag("--no-checkpoints", args.no_checkpoints,
              "Do not keep surge checkpoints for resuming an interrupted cycle");
  return c;
}

bool is_watch_command(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.empty() || a[0] == '-') continue;
    return a == "watch";
  }
  return false;
}

int run_watch_command() {
  hpc::watch::WatchOptions o;
  o.inbox = fs::absolute(args.inbox).lexically_normal();
  o.config = fs::absolute(args.config).lexically_normal();
  o.archive = fs::absolute(args.archive).lexically_normal();
  if (!args.log_json.empty()) o.log_json = fs::absolute(args.log_json);
  std::error_code ec;
  o.taifeng =
      args.taifeng.empty() ? fs::read_symlink("/proc/self/exe", ec) : fs::path(args.taifeng);
  if (o.taifeng.empty()) o.taifeng = "taifeng";
  std::istringstream words(args.launcher);
  for (std::string w; words >> w;) o.launcher.push_back(w);
  o.once = args.once;
  o.poll_seconds = args.poll_seconds;
  o.cycle_timeout_minutes = args.timeout_minutes;
  o.stop_grace_seconds = args.grace_seconds;
  o.checkpoints = !args.no_checkpoints;
  install_stop_handlers();
  try {
    return hpc::watch::run_watcher(o);
  } catch (const hpc::watch::ArchiveBusy& e) {
    std::fprintf(stderr, "taifeng: error: %s\n", e.what());
    return hpc::watch::watch_exit_busy;
  }
}

}  // namespace taifeng::app
