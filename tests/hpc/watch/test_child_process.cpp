// Cycle child processes: exit status, log capture, the whole group stopped.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "taifeng/core/error.hpp"
#include "taifeng/hpc/watch/child_process.hpp"

using namespace taifeng::hpc::watch;
namespace fs = std::filesystem;

namespace {
fs::path dir() {
  const fs::path d = fs::path(TAIFENG_TEST_TMP) / "child";
  fs::create_directories(d);
  return d;
}
ChildExit wait_exit(ChildProcess& c, double seconds = 20) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (auto e = c.poll()) return *e;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL("child did not end");
  return {};
}
std::string slurp(const fs::path& f) {
  std::ifstream in(f);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
bool alive(pid_t p) {
  return ::kill(p, 0) == 0;
}
}  // namespace

TEST_CASE("child: exit code and both output streams reach the log", "[watch]") {
  const fs::path log = dir() / "exit.log";
  ChildProcess c({"sh", "-c", "echo out; echo err >&2; exit 3"}, log);
  const ChildExit e = wait_exit(c);
  CHECK(e.exit_code == 3);
  CHECK(e.signal == 0);
  CHECK_FALSE(e.ok());
  CHECK(e.describe() == "exit code 3");
  CHECK(slurp(log) == "out\nerr\n");
}

TEST_CASE("child: a signal death is reported by name", "[watch]") {
  ChildProcess c({"sh", "-c", "kill -SEGV $$"}, dir() / "segv.log");
  const ChildExit e = wait_exit(c);
  CHECK(e.signal == SIGSEGV);
  CHECK(e.describe() == "killed by SIGSEGV");
}

TEST_CASE("child: a command that cannot run exits 127 and says why", "[watch]") {
  const fs::path log = dir() / "missing.log";
  ChildProcess c({"/nonexistent/taifeng", "forecast"}, log);
  CHECK(wait_exit(c).exit_code == 127);
  CHECK_THAT(slurp(log), Catch::Matchers::Contains("cannot execute the cycle command"));
}

TEST_CASE("child: signal_group reaches grandchildren (mpirun's ranks, ffmpeg)", "[watch]") {
  const fs::path log = dir() / "group.log";
  const fs::path pidfile = dir() / "grandchild.pid";
  fs::remove(pidfile);
  ChildProcess c({"sh", "-c", "sleep 60 & echo $! > " + pidfile.string() + "; wait"}, log);
  for (int k = 0; k < 200 && !fs::exists(pidfile); ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  pid_t grandchild = 0;
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::ifstream(pidfile) >> grandchild;
  REQUIRE(grandchild > 0);
  CHECK(alive(grandchild));
  c.signal_group(SIGTERM);
  CHECK(wait_exit(c).signal == SIGTERM);
  for (int k = 0; k < 100 && alive(grandchild); ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK_FALSE(alive(grandchild));
}

TEST_CASE("child: an unwritable log is an input error naming it", "[watch]") {
  CHECK_THROWS_AS(ChildProcess({"true"}, "/nonexistent/dir/x.log"), taifeng::Error);
}
