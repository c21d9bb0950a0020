#include "taifeng/hpc/watch/event_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#include <fmt/format.h>

namespace taifeng::hpc::watch {

std::string utc_now_ms() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const long ms = long(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:03d}Z", buf, ms);
}

bool append_json_line(const std::filesystem::path& file, const nlohmann::ordered_json& record,
                      bool sync) {
  const std::string line =
      record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = ::write(fd, line.data(), line.size()) == ssize_t(line.size());
  if (sync) ok = ::fsync(fd) == 0 && ok;
  return ::close(fd) == 0 && ok;
}

EventLog::EventLog(std::filesystem::path json_file) : file_(std::move(json_file)) {}

void EventLog::event(const std::string& level, const std::string& name,
                     nlohmann::ordered_json fields, const std::string& text) {
  const std::string now = utc_now_ms();
  // Console: local readers want a short, aligned line.
  std::fprintf(stderr, "%s %-7s %s\n", now.c_str(), level.c_str(), text.c_str());
  std::fflush(stderr);
  if (file_.empty()) return;
  nlohmann::ordered_json j = {{"time", now}, {"level", level}, {"event", name}};
  for (auto& [k, v] : fields.items()) j[k] = v;
  j["message"] = text;
  const bool ok = append_json_line(file_, j, false);
  if (!ok && !write_failed_) {
    std::fprintf(stderr, "%s warning taifeng watch: cannot write the JSON log %s: %s\n",
                 now.c_str(), file_.c_str(), std::strerror(errno));
    write_failed_ = true;
  } else if (ok) {
    write_failed_ = false;
  }
}

}  // namespace taifeng::hpc::watch
