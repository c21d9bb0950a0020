#include "taifeng/hpc/watch/archive.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/hpc/watch/event_log.hpp"

namespace taifeng::hpc::watch {

namespace fs = std::filesystem;

ArchiveLock::ArchiveLock(const fs::path& archive) {
  std::error_code ec;
  fs::create_directories(archive, ec);
  if (ec) throw_input_error(archive.string(), "cannot create the archive folder: " + ec.message());
  const fs::path lock = archive / ".lock";
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw_input_error(lock.string(),
                      std::string("cannot open the lock file: ") + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string holder;
    {
      std::ifstream in(lock);
      std::getline(in, holder);
    }
    ::close(fd_);
    fd_ = -1;
    if (err != EWOULDBLOCK)
      throw_input_error(lock.string(), std::string("cannot lock: ") + std::strerror(err));
    throw ArchiveBusy(fmt::format(
        "archive {} is locked by another watcher ({}); only one watcher may publish into an "
        "archive — stop the other one or use another --archive",
        archive.string(), holder.empty() ? "holder unknown" : holder));
  }
  char host[256] = "?";
  ::gethostname(host, sizeof host - 1);
  const std::string who = fmt::format("pid {} on {} since {}", ::getpid(), host, utc_now_ms());
  if (::ftruncate(fd_, 0) == 0) (void)!::pwrite(fd_, who.data(), who.size(), 0);
}

ArchiveLock::~ArchiveLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

bool is_cycle_stamp(const std::string& name) {
  return name.size() == 10 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> published_cycles(const fs::path& archive) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(archive, ec)) {
    const std::string name = e.path().filename().string();
    if (is_cycle_stamp(name) && !e.is_symlink() && e.is_directory() &&
        fs::is_regular_file(e.path() / "run.json", ec))
      out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::string> published_before(const fs::path& archive, const std::string& stamp) {
  std::optional<std::string> best;
  for (const std::string& c : published_cycles(archive))
    if (c < stamp) best = c;
  return best;
}

std::optional<std::string> current_cycle(const fs::path& archive) {
  std::error_code ec;
  const fs::path link = archive / "current";
  if (!fs::is_symlink(link, ec)) return std::nullopt;
  const std::string target = fs::read_symlink(link, ec).filename().string();
  if (ec || !is_cycle_stamp(target) || !fs::is_regular_file(archive / target / "run.json", ec))
    return std::nullopt;
  return target;
}

void sync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

void point_current(const fs::path& archive, const std::string& stamp) {
  const fs::path tmp = archive / fmt::format(".current.tmp-{}", ::getpid());
  const fs::path link = archive / "current";
  std::error_code ec;
  fs::remove(tmp, ec);
  fs::create_directory_symlink(stamp, tmp, ec);  // relative: the archive can move
  if (ec) throw_input_error(tmp.string(), "cannot create the symlink: " + ec.message());
  fs::rename(tmp, link, ec);
  if (ec) {
    fs::remove(tmp);
    throw_input_error(link.string(), "cannot replace the symlink: " + ec.message());
  }
  sync_dir(archive);
}

std::optional<std::string> reconcile_current(const fs::path& archive) {
  const std::vector<std::string> cycles = published_cycles(archive);
  if (cycles.empty()) return std::nullopt;
  const std::optional<std::string> now = current_cycle(archive);
  if (!now || *now < cycles.back()) point_current(archive, cycles.back());
  return cycles.back();
}

std::vector<fs::path> remove_leftovers(const fs::path& archive, const fs::path& inbox) {
  std::vector<fs::path> removed;
  std::error_code ec;
  auto sweep = [&](const fs::path& dir, auto&& matches) {
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string n = e.path().filename().string();
      if (matches(n)) {
        fs::remove_all(e.path(), ec);
        removed.push_back(e.path());
      }
    }
  };
  auto has = [](const std::string& n, const char* what) {
    return n.find(what) != std::string::npos;
  };
  // The forecast's staging (.STAMP.partial-PID) and replaced (.STAMP.old-PID) folders, the
  // temporary `current` link, and temporary files of atomic writes.
  sweep(archive, [&](const std::string& n) {
    return n.size() > 1 && n[0] == '.' &&
           (has(n, ".partial-") || has(n, ".old-") || has(n, "current.tmp-") || has(n, ".tmp"));
  });
  for (const char* sub : {"inputs", "failed", "logs"})
    sweep(archive / sub, [&](const std::string& n) { return n.size() > 1 && n[0] == '.'; });
  // The work folder: logs of the interrupted cycle (checkpoints stay for the rerun).
  sweep(archive / ".work", [&](const std::string& n) { return n != "checkpoints"; });
  // Inbox sets half removed after their cycle was recorded.
  sweep(inbox, [&](const std::string& n) { return n.rfind(".done-", 0) == 0; });
  return removed;
}

bool append_history(const fs::path& archive, const nlohmann::ordered_json& record) {
  return append_json_line(archive / "history.jsonl", record, true);
}

}  // namespace taifeng::hpc::watch
