// Runs an external program (ffmpeg) without a shell: arguments are passed as they are.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "render_detail.hpp"

extern char** environ;

namespace taifeng::viz::detail {

namespace {

// The last few lines of a log file.
std::string tail(const std::filesystem::path& log, std::size_t lines) {
  std::ifstream in(log);
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) all.push_back(line);
  std::string out;
  for (std::size_t k = all.size() > lines ? all.size() - lines : 0; k < all.size(); ++k)
    out += (out.empty() ? "" : " | ") + all[k];
  return out;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  ProcessResult r;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    r.message = "cannot run '" + argv[0] + "': " + std::strerror(rc);
    return r;
  }
  r.started = true;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) {
      r.message = std::string("waitpid: ") + std::strerror(errno);
      return r;
    }
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
    // posix_spawnp reports a missing program as exit code 127 on some C libraries.
    if (r.exit_code == 127) r.started = false;
  } else if (WIFSIGNALED(status)) {
    r.exit_code = 128 + WTERMSIG(status);
  }
  if (r.exit_code != 0) {
    r.message = tail(log, 3);
    if (r.message.empty())
      r.message = "'" + argv[0] + "' exited with code " + std::to_string(r.exit_code);
  }
  return r;
}

}  // namespace taifeng::viz::detail
