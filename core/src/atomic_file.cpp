#include "taifeng/core/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>  // renameat2
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng {

namespace fs = std::filesystem;

void write_file_atomic(const fs::path& path, std::string_view content) {
  const fs::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw_input_error(path.string(), std::string("cannot create: ") + std::strerror(errno));
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      throw_input_error(path.string(), "write failed: " + why);
    }
    done += std::size_t(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    throw_input_error(path.string(), "write failed: " + why);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    throw_input_error(path.string(), "rename failed: " + why);
  }
}

namespace {

// This machine's name as it appears in staging folder names (characters safe in a file name).
std::string host_tag() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "localhost";
  std::string tag = name;
  for (char& c : tag)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_') c = '_';
  return tag.empty() ? "localhost" : tag;
}

// Removes the staging folders of runs into the same final folder that were killed before
// they could clean up (kill -9, a crash): ".<name>.partial-<host>-<pid>" of this host whose
// process no longer exists. Another host's, or a live process's, are left alone.
void remove_stale_staging(const fs::path& final_dir, const std::string& host) {
  const std::string prefix = fmt::format(".{}.partial-{}-", final_dir.filename().string(), host);
  std::error_code ec;
  for (fs::directory_iterator it(final_dir.parent_path(), ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string pid = name.substr(prefix.size());
    if (pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    const long id = std::stol(pid);
    if (id <= 0 || id == long(::getpid())) continue;
    if (::kill(pid_t(id), 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to test)
    std::error_code rm;
    fs::remove_all(it->path(), rm);
  }
}

}  // namespace

StagedDir::StagedDir(fs::path final_dir) : final_(fs::absolute(final_dir).lexically_normal()) {
  if (final_.filename().empty()) final_ = final_.parent_path();
  std::error_code ec;
  fs::create_directories(final_.parent_path(), ec);
  if (ec)
    throw_input_error(final_.parent_path().string(), "cannot create directory: " + ec.message());
  const std::string host = host_tag();
  remove_stale_staging(final_, host);
  // fmt avoids a GCC 12 -Wrestrict false positive on "." + std::string.
  staging_ = final_.parent_path() /
             fmt::format(".{}.partial-{}-{}", final_.filename().string(), host, ::getpid());
  fs::remove_all(staging_, ec);
  fs::create_directory(staging_, ec);
  if (ec) throw_input_error(staging_.string(), "cannot create staging directory: " + ec.message());
}

StagedDir::~StagedDir() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void StagedDir::commit() {
  TAIFENG_CHECK(!committed_, "staged directory committed twice");
  std::error_code ec;
  if (fs::exists(final_, ec)) {
    // Swap the two folders in one step, so a reader of final_ (or of a `current` link to
    // it) sees the old output or the new one, never neither; the old one then sits at the
    // staging name and is removed. Filesystems without RENAME_EXCHANGE (some network ones)
    // fall back to two renames.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, final_.c_str(), RENAME_EXCHANGE) == 0) {
      committed_ = true;
      fs::remove_all(staging_, ec);
      return;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
      throw_input_error(final_.string(),
                        std::string("cannot replace the previous output: ") + std::strerror(errno));
  }
  fs::path old;
  if (fs::exists(final_, ec)) {
    old = final_.parent_path() / fmt::format(".{}.old-{}", final_.filename().string(), ::getpid());
    fs::remove_all(old, ec);
    fs::rename(final_, old, ec);
    if (ec)
      throw_input_error(final_.string(), "cannot replace the previous output: " + ec.message());
  }
  fs::rename(staging_, final_, ec);
  if (ec) {
    const std::string why = ec.message();
    if (!old.empty()) fs::rename(old, final_, ec);  // put the previous output back
    throw_input_error(final_.string(), "cannot publish the output: " + why);
  }
  committed_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace taifeng
