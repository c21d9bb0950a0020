#include "taifeng/hpc/watch/watcher.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <regex>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/stop_request.hpp"
#include "taifeng/core/version.hpp"
#include "taifeng/hpc/watch/archive.hpp"
#include "taifeng/hpc/watch/child_process.hpp"
#include "taifeng/hpc/watch/event_log.hpp"
#include "taifeng/hpc/watch/inbox.hpp"

namespace taifeng::hpc::watch {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;
using steady = std::chrono::steady_clock;

namespace {

std::string attempt_id() {       // 20261122T221500Z: sorts by time, safe in file names
  std::string s = utc_now_ms();  // 2026-11-22T22:15:00.123Z
  std::string out;
  for (char c : s.substr(0, 19))
    if (c != '-' && c != ':') out += c;
  return out + "Z";
}

// Follows the cycle's log as it grows: stage completions and warnings become events.
class LogFollower {
 public:
  LogFollower(fs::path file, std::string stamp, EventLog& log)
      : file_(std::move(file)), stamp_(std::move(stamp)), log_(log) {}
  void poll() {
    std::ifstream in(file_, std::ios::binary);
    if (!in) return;
    in.seekg(std::streamoff(offset_));
    std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    offset_ += chunk.size();
    pending_ += chunk;
    for (auto nl = pending_.find('\n'); nl != std::string::npos; nl = pending_.find('\n')) {
      line(pending_.substr(0, nl));
      pending_.erase(0, nl + 1);
    }
  }

 private:
  void line(const std::string& l) {
    // spdlog lines: "[22:10:19.656] info stage ensemble    0.211 s", "[…] warning …".
    static const std::regex stage_re(R"(^\[[0-9:.]+\] info stage (\S+)\s+([0-9.]+) s)");
    static const std::regex warn_re(R"(^\[[0-9:.]+\] (\[rank [0-9]+\] )?warning )");
    std::smatch m;
    if (std::regex_search(l, m, stage_re)) {
      log_.event("info", "stage_done",
                 {{"cycle", stamp_}, {"stage", m[1].str()}, {"wall_s", std::stod(m[2].str())}},
                 fmt::format("cycle {}: stage {} done in {} s", stamp_, m[1].str(), m[2].str()));
    } else if (std::regex_search(l, warn_re)) {
      log_.event("warning", "cycle_warning", {{"cycle", stamp_}, {"line", l}},
                 fmt::format("cycle {}: {}", stamp_, l));
    }
  }
  fs::path file_;
  std::string stamp_;
  EventLog& log_;
  std::size_t offset_ = 0;
  std::string pending_;
};

// The reason a cycle failed, from its log: taifeng's own one-line error if there is one.
std::string failure_reason(const fs::path& log_file, const ChildExit& e, bool timed_out,
                           double timeout_min) {
  std::ifstream in(log_file);
  std::string l, error_line, last;
  while (std::getline(in, l)) {
    if (!l.empty()) last = l;
    const auto p = l.find("taifeng: ");
    if (p != std::string::npos &&
        (l.find("error: ", p) != std::string::npos || l.find("stopped", p) != std::string::npos))
      error_line = l.substr(p + 9);
  }
  if (timed_out)
    return fmt::format("timed out after {:g} minutes (stopped with SIGTERM{})", timeout_min,
                       e.signal == SIGKILL ? ", then SIGKILL" : "");
  if (!error_line.empty()) return error_line + " (" + e.describe() + ")";
  if (e.signal != 0) return "crashed: " + e.describe();
  return e.describe() + (last.empty() ? "" : ": " + last);
}

void remove_from_inbox(const InputSet& set) {
  // Hide first, so a crash half-way through removal never leaves a set that looks ready.
  std::error_code ec;
  const fs::path hidden = set.dir.parent_path() / fmt::format(".done-{}-{}", set.name, ::getpid());
  fs::rename(set.dir, hidden, ec);
  fs::remove_all(ec ? set.dir : hidden, ec);
}

class Watcher {
 public:
  explicit Watcher(const WatchOptions& o)
      : opt_(o), log_(o.log_json.empty() ? o.archive / "watch.jsonl" : o.log_json) {}

  int run() {
    ArchiveLock lock(opt_.archive);
    const auto removed = remove_leftovers(opt_.archive, opt_.inbox);
    for (const fs::path& p : removed)
      log_.event("warning", "leftover_removed", {{"path", p.string()}},
                 "removed what an interrupted run left: " + p.string());
    const std::optional<std::string> cur = reconcile_current(opt_.archive);
    std::string launcher;
    for (const auto& w : opt_.launcher) launcher += (launcher.empty() ? "" : " ") + w;
    log_.event(
        "info", "watcher_started",
        {{"pid", ::getpid()},
         {"version", version_string},
         {"inbox", opt_.inbox.string()},
         {"config", opt_.config.string()},
         {"archive", opt_.archive.string()},
         {"taifeng", opt_.taifeng.string()},
         {"launcher", launcher},
         {"once", opt_.once},
         {"poll_seconds", opt_.poll_seconds},
         {"cycle_timeout_minutes", opt_.cycle_timeout_minutes},
         {"current", cur ? json(*cur) : json(nullptr)},
         {"json_log", log_.file().string()}},
        fmt::format("taifeng {} watch: inbox {}, config {}, archive {} (current: {}), "
                    "poll {:g} s, cycle timeout {:g} min{}{}",
                    version_string, opt_.inbox.string(), opt_.config.string(),
                    opt_.archive.string(), cur ? *cur : "none", opt_.poll_seconds,
                    opt_.cycle_timeout_minutes, launcher.empty() ? "" : ", launcher ", launcher));
    bool any_failed = false;
    bool idle_said = false;
    while (!stop_requested()) {
      const std::vector<InputSet> sets = ready_sets(opt_.inbox, opt_.config);
      for (const InputSet& s : sets) {
        if (stop_requested()) break;
        if (!process(s)) any_failed = true;
        idle_said = false;
      }
      if (opt_.once) break;
      if (!idle_said) {
        log_.event("info", "waiting", {{"inbox", opt_.inbox.string()}},
                   "waiting for input sets in " + opt_.inbox.string());
        idle_said = true;
      }
      const auto until = steady::now() + std::chrono::duration<double>(opt_.poll_seconds);
      while (!stop_requested() && steady::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const bool stopped = stop_requested();
    log_.event("info", "watcher_stopped",
               {{"reason", stopped ? signal_name(stop_signal()) : "inbox processed (--once)"},
                {"any_failed", any_failed}},
               stopped ? "stopped by " + signal_name(stop_signal())
                       : std::string("inbox processed, exiting (--once)"));
    return opt_.once && any_failed ? watch_exit_failed : watch_exit_ok;
  }

 private:
  // One input set → one cycle. False when the cycle failed.
  bool process(const InputSet& set) {
    const std::string attempt = attempt_id();
    const auto t0 = steady::now();
    if (!set.problem.empty()) {
      record_failure(set, attempt, "", set.problem, nullptr, t0);
      return false;
    }
    std::string hash;
    fs::path stored;
    try {
      hash = hash_input_set(set.dir);
      stored = store_input_set(set, hash, opt_.archive);
    } catch (const std::exception& e) {
      record_failure(set, attempt, hash, e.what(), nullptr, t0);
      return false;
    }
    const std::optional<std::string> prev = published_before(opt_.archive, set.stamp);
    const fs::path work = opt_.archive / ".work";
    std::error_code ec;
    fs::create_directories(work, ec);
    const fs::path log_file = work / fmt::format("{}-{}.log", set.stamp, attempt);
    const fs::path ckpt =
        work / "checkpoints" / fmt::format("{}-{}", set.stamp, hash.substr(0, 12));
    std::vector<std::string> argv = opt_.launcher;
    for (const std::string& a :
         {opt_.taifeng.string(), std::string("forecast"), opt_.config.string(),
          std::string("--overlay"), (stored / "cycle.toml").string(), std::string("--out"),
          (opt_.archive / set.stamp).string()})
      argv.push_back(a);
    if (prev) {
      argv.push_back("--previous");
      argv.push_back((opt_.archive / *prev).string());
    }
    if (opt_.checkpoints) {
      fs::create_directories(ckpt, ec);
      argv.push_back("--checkpoint-dir");
      argv.push_back(ckpt.string());
    }
    std::string cmd;
    for (const auto& a : argv) cmd += (cmd.empty() ? "" : " ") + a;

    std::optional<ChildExit> exit;
    bool timed_out = false, stopping = false;
    {
      std::unique_ptr<ChildProcess> child;
      try {
        child = std::make_unique<ChildProcess>(argv, log_file);
      } catch (const std::exception& e) {
        record_failure(set, attempt, hash, e.what(), nullptr, t0);
        return false;
      }
      log_.event("info", "cycle_started",
                 {{"cycle", set.stamp},
                  {"set", set.name},
                  {"set_sha256", hash},
                  {"attempt", attempt},
                  {"pid", child->pid()},
                  {"previous", prev ? json(*prev) : json(nullptr)},
                  {"log", log_file.string()},
                  {"command", cmd}},
                 fmt::format("cycle {} (set {}): started, pid {}, previous cycle {}", set.stamp,
                             set.name, child->pid(), prev ? *prev : "none"));
      LogFollower follow(log_file, set.stamp, log_);
      std::optional<steady::time_point> term_sent;
      const double limit_s = opt_.cycle_timeout_minutes * 60.0;
      while (!(exit = child->poll())) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        follow.poll();
        const double age = std::chrono::duration<double>(steady::now() - t0).count();
        if (!term_sent && (stop_requested() || (limit_s > 0 && age > limit_s))) {
          stopping = stop_requested();
          timed_out = !stopping;
          log_.event(stopping ? "info" : "error", stopping ? "cycle_stopping" : "cycle_timeout",
                     {{"cycle", set.stamp}, {"after_s", age}},
                     fmt::format("cycle {}: {}, sending SIGTERM", set.stamp,
                                 stopping ? "stopping" : "time limit reached"));
          child->signal_group(SIGTERM);
          term_sent = steady::now();
        }
        if (term_sent && std::chrono::duration<double>(steady::now() - *term_sent).count() >
                             opt_.stop_grace_seconds)
          child->kill_session();
      }
      follow.poll();
      child->kill_session();  // whatever of it is still alive (orphaned MPI ranks)
    }
    const double wall = std::chrono::duration<double>(steady::now() - t0).count();
    // A cycle that finished before the stop reached it is published like any other.
    const fs::path published = opt_.archive / set.stamp;
    if (exit->ok() && fs::is_regular_file(published / "run.json", ec)) {
      publish(set, attempt, hash, log_file, ckpt, prev, wall);
      return true;
    }
    if (stopping) {
      // Not a failure of the inputs: the set stays in the inbox and runs at the next start.
      fs::remove(log_file, ec);
      append_history(opt_.archive, {{"time", utc_now_ms()},
                                    {"cycle", set.stamp},
                                    {"set", set.name},
                                    {"attempt", attempt},
                                    {"outcome", "stopped"},
                                    {"wall_s", wall}});
      log_.event("info", "cycle_stopped", {{"cycle", set.stamp}, {"set", set.name}},
                 fmt::format("cycle {}: stopped, nothing published; the set stays in the inbox",
                             set.stamp));
      return true;
    }
    const std::string reason =
        exit->ok() ? "the cycle exited with 0 but published no run.json"
                   : failure_reason(log_file, *exit, timed_out, opt_.cycle_timeout_minutes);
    fs::remove_all(ckpt, ec);
    record_failure(set, attempt, hash, reason, &*exit, t0, log_file);
    return false;
  }

  void publish(const InputSet& set, const std::string& attempt, const std::string& hash,
               const fs::path& log_file, const fs::path& ckpt,
               const std::optional<std::string>& prev, double wall) {
    std::error_code ec;
    fs::create_directories(opt_.archive / "logs", ec);
    fs::rename(log_file, opt_.archive / "logs" / log_file.filename(), ec);
    const std::optional<std::string> cur = current_cycle(opt_.archive);
    bool moved = false;
    std::string link_problem;
    if (!cur || set.stamp >= *cur) {
      try {
        point_current(opt_.archive, set.stamp);
        moved = true;
      } catch (const std::exception& e) {
        link_problem = e.what();
      }
    }
    remove_from_inbox(set);
    fs::remove_all(ckpt, ec);
    append_history(opt_.archive, {{"time", utc_now_ms()},
                                  {"cycle", set.stamp},
                                  {"set", set.name},
                                  {"set_sha256", hash},
                                  {"attempt", attempt},
                                  {"outcome", "published"},
                                  {"previous", prev ? json(*prev) : json(nullptr)},
                                  {"current", moved ? set.stamp
                                              : cur ? *cur
                                                    : ""},
                                  {"wall_s", wall}});
    if (!link_problem.empty())
      log_.event("error", "current_not_moved", {{"cycle", set.stamp}, {"reason", link_problem}},
                 fmt::format("cycle {}: published, but current could not be moved: {}", set.stamp,
                             link_problem));
    log_.event("info", "cycle_published",
               {{"cycle", set.stamp},
                {"set", set.name},
                {"path", (opt_.archive / set.stamp).string()},
                {"current", moved},
                {"wall_s", wall}},
               fmt::format("cycle {}: published in {:.1f} s to {}{}", set.stamp, wall,
                           (opt_.archive / set.stamp).string(),
                           moved ? " (current)" : " (older than current, which stays)"));
  }

  // Records a failed cycle: failed/<attempt>-<set>/ with reason.json, cycle.log and the
  // inputs (moved out of the inbox so the set is not retried), a history line and an
  // event. Best effort throughout: a full disk must not stop the watcher.
  void record_failure(const InputSet& set, const std::string& attempt, const std::string& hash,
                      const std::string& reason, const ChildExit* exit, steady::time_point t0,
                      const fs::path& log_file = {}) {
    std::error_code ec;
    const double wall = std::chrono::duration<double>(steady::now() - t0).count();
    const fs::path dir = opt_.archive / "failed" / fmt::format("{}-{}", attempt, set.name);
    fs::create_directories(dir, ec);
    fs::rename(set.dir, dir / "inputs", ec);
    if (ec) remove_from_inbox(set);  // never retry a failed set forever
    if (!log_file.empty()) fs::rename(log_file, dir / "cycle.log", ec);
    json rec = {{"time", utc_now_ms()},
                {"cycle", set.stamp.empty() ? json(nullptr) : json(set.stamp)},
                {"set", set.name},
                {"set_sha256", hash.empty() ? json(nullptr) : json(hash)},
                {"attempt", attempt},
                {"outcome", "failed"},
                {"reason", reason},
                {"exit_code", exit && exit->signal == 0 ? json(exit->exit_code) : json(nullptr)},
                {"signal", exit && exit->signal ? json(signal_name(exit->signal)) : json(nullptr)},
                {"wall_s", wall},
                {"record", dir.string()}};
    bool recorded = false;
    try {
      write_file_atomic(dir / "reason.json", rec.dump(2) + "\n");
      recorded = true;
    } catch (const std::exception&) {
    }
    recorded = append_history(opt_.archive, rec) && recorded;
    const std::optional<std::string> cur = current_cycle(opt_.archive);
    log_.event(
        "error", "cycle_failed", rec,
        fmt::format("cycle {} (set {}) failed: {}; current stays at {}{}",
                    set.stamp.empty() ? "?" : set.stamp, set.name, reason, cur ? *cur : "none",
                    recorded ? "" : " (the failure record could not be written)"));
  }

  WatchOptions opt_;
  EventLog log_;
};

}  // namespace

int run_watcher(const WatchOptions& opt) {
  std::error_code ec;
  if (!fs::is_directory(opt.inbox, ec))
    throw_input_error("--inbox " + opt.inbox.string(), "no such folder (expected the inbox)");
  if (!fs::is_regular_file(opt.config, ec))
    throw_input_error("--config " + opt.config.string(),
                      "no such file (expected the station's forecast configuration)");
  if (opt.poll_seconds <= 0 || opt.cycle_timeout_minutes < 0 || opt.stop_grace_seconds < 0)
    throw_input_error("taifeng watch", "poll, timeout and grace times must be positive");
  return Watcher(opt).run();
}

}  // namespace taifeng::hpc::watch
