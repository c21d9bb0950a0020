#pragma once
// One child process for one forecast cycle: started in a session (and process group) of its
// own, stdout and stderr to a log file, and tied to the watcher's life (Linux
// PR_SET_PDEATHSIG: if the watcher is killed, the cycle gets SIGTERM instead of running on
// unobserved).
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
  ~ChildProcess();  // kills the session if still running (never leaves an orphan behind)
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Non-blocking: the exit status once the child has ended.
  std::optional<ChildExit> poll();
  // Sends sig to the child's process group: the polite stop (mpirun forwards SIGTERM to
  // its ranks, srun is told through scancel by taifeng-launch).
  void signal_group(int sig) const;
  // SIGKILL to every process of the child's session, whatever group it moved to: mpirun
  // puts each rank in a process group of its own, and a rank that outlived a killed mpirun
  // would run on and write the cycle's outputs after the watcher gave up on it.
  void kill_session() const;

 private:
  pid_t pid_ = -1;
  std::optional<ChildExit> done_;
};

std::string signal_name(int sig);

// A process as /proc/PID/stat describes it: state ('R', 'S', 'Z' for a zombie, …), group
// and session. Nothing if there is no such process.
struct ProcessStat {
  char state = 0;
  pid_t pgrp = 0;
  pid_t session = 0;
};
std::optional<ProcessStat> process_stat(pid_t pid);

// The live (non-zombie) processes whose session id is sid, from /proc.
std::vector<pid_t> session_members(pid_t sid);

}  // namespace taifeng::hpc::watch
