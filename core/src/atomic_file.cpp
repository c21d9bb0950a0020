#include "taifeng/core/atomic_file.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

StagedDir::StagedDir(fs::path final_dir) : final_(fs::absolute(final_dir).lexically_normal()) {
  if (final_.filename().empty()) final_ = final_.parent_path();
  std::error_code ec;
  fs::create_directories(final_.parent_path(), ec);
  if (ec)
    throw_input_error(final_.parent_path().string(), "cannot create directory: " + ec.message());
  // fmt avoids a GCC 12 -Wrestrict false positive on "." + std::string.
  staging_ =
      final_.parent_path() / fmt::format(".{}.partial-{}", final_.filename().string(), ::getpid());
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
