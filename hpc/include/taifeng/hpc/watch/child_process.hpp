#pragma once
// One child process for one forecast cycle: started in its own process group (so a stop
// reaches mpirun, its ranks and ffmpeg alike), stdout and stderr to a log file, and tied
// to the watcher's life (Linux PR_SET_PDEATHSIG: if the watcher is killed, the cycle gets
// SIGTERM instead of running on unobserved).
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace taifeng::hpc::watch {

struct ChildExit {
  int exit_code = -1;  // when it exited normally
  int signal = 0;      // when a signal killed it
  bool ok() const { return signal == 0 && exit_code == 0; }
  std::string describe() const;  // "exit code 2", "killed by SIGKILL"
};

class ChildProcess {
 public:
  // Starts argv[0] (searched on PATH when it has no '/'). Throws an input error naming the
  // log file if it cannot be created; a command that cannot be executed exits with 127 and
  // says why in the log.
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_file);
  ~ChildProcess();  // kills the group if still running (never leaves an orphan behind)
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Non-blocking: the exit status once the child has ended.
  std::optional<ChildExit> poll();
  // Sends sig to the child's whole process group.
  void signal_group(int sig) const;

 private:
  pid_t pid_ = -1;
  std::optional<ChildExit> done_;
};

std::string signal_name(int sig);

}  // namespace taifeng::hpc::watch
