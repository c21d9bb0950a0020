#include "taifeng/hpc/watch/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::hpc::watch {

std::string signal_name(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return abbrev ? fmt::format("SIG{}", abbrev) : fmt::format("signal {}", sig);
}

std::string ChildExit::describe() const {
  if (signal != 0) return "killed by " + signal_name(signal);
  return fmt::format("exit code {}", exit_code);
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv,
                           const std::filesystem::path& log_file) {
  TAIFENG_CHECK(!argv.empty(), "empty command");
  const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log < 0)
    throw_input_error(log_file.string(),
                      std::string("cannot create the cycle log: ") + std::strerror(errno));
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  // Closed by the child's exec (or exit): the parent waits for that, so the child's
  // session exists before anyone signals it.
  int barrier[2];
  if (::pipe2(barrier, O_CLOEXEC) != 0) {
    const int err = errno;
    ::close(log);
    throw_internal_error("pipe2", std::strerror(err));
  }
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) {
    const int err = errno;
    ::close(log);
    ::close(barrier[0]);
    ::close(barrier[1]);
    throw_internal_error("fork", std::strerror(err));
  }
  if (pid_ == 0) {
    // Child: only async-signal-safe calls until exec. A session of its own (and so a
    // process group of its own): mpirun moves each rank into a group of its own, but the
    // ranks stay in this session, where kill_session finds them.
    ::close(barrier[0]);
    ::setsid();
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(125);  // the watcher died before prctl took effect
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::execvp(args[0], args.data());
    const char* what = "taifeng watch: cannot execute the cycle command: ";
    (void)!::write(STDERR_FILENO, what, strlen(what));
    const char* why = strerror(errno);
    (void)!::write(STDERR_FILENO, why, strlen(why));
    (void)!::write(STDERR_FILENO, "\n", 1);
    ::_exit(127);
  }
  ::close(log);
  ::close(barrier[1]);
  char c;
  while (::read(barrier[0], &c, 1) < 0 && errno == EINTR) {
  }
  ::close(barrier[0]);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !done_) {
    kill_session();
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

std::optional<ChildExit> ChildProcess::poll() {
  if (done_) return done_;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == 0 || (r < 0 && errno == EINTR)) return std::nullopt;
  ChildExit e;
  if (r < 0) {
    e.exit_code = 1;  // lost track of it (should not happen)
  } else if (WIFEXITED(status)) {
    e.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    e.signal = WTERMSIG(status);
  }
  done_ = e;
  return done_;
}

void ChildProcess::signal_group(int sig) const {
  if (pid_ > 0) ::kill(-pid_, sig);
}

std::optional<ProcessStat> process_stat(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;  // gone (or never was)
  // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
  const auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  ProcessStat st;
  long ppid = 0, pgrp = 0, session = 0;
  if (!(rest >> st.state >> ppid >> pgrp >> session)) return std::nullopt;
  st.pgrp = pid_t(pgrp);
  st.session = pid_t(session);
  return st;
}

std::vector<pid_t> session_members(pid_t sid) {
  std::vector<pid_t> found;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = pid_t(std::stol(name));
    const auto st = process_stat(pid);
    if (st && st->session == sid && st->state != 'Z') found.push_back(pid);
  }
  return found;
}

void ChildProcess::kill_session() const {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  // A few passes: a process may fork between the scan and the kill.
  for (int pass = 0; pass < 5; ++pass) {
    const std::vector<pid_t> left = session_members(pid_);
    if (left.empty()) return;
    for (pid_t p : left) ::kill(p, SIGKILL);
  }
}

}  // namespace taifeng::hpc::watch
