// Cycle child processes: exit status, log capture, the whole group and session stopped.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "taifeng/core/error.hpp"
#include "taifeng/hpc/watch/child_process.hpp"
#include "test_support.hpp"

using namespace taifeng::hpc::watch;
namespace fs = std::filesystem;

using taifeng::test::read_text;

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
// Running (a zombie waiting for a late-reaping init does not count).
bool alive(pid_t p) {
  const auto st = process_stat(p);
  return st && st->state != 'Z';
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
  CHECK(read_text(log) == "out\nerr\n");
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
  CHECK_THAT(read_text(log), Catch::Matchers::Contains("cannot execute the cycle command"));
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

TEST_CASE("child: kill_session reaches processes that left the child's group (mpirun's ranks)",
          "[watch]") {
  // mpirun puts each rank in a process group of its own; perl's setpgrp does the same here.
  const fs::path log = dir() / "session.log";
  const fs::path pidfile = dir() / "rank.pid";
  fs::remove(pidfile);
  ChildProcess c({"sh", "-c",
                  "perl -e 'setpgrp(0, 0); open(F, \">" + pidfile.string() +
                      ".tmp\"); print F $$; close F; rename(\"" + pidfile.string() + ".tmp\", \"" +
                      pidfile.string() + "\"); sleep 60' & wait"},
                 log);
  for (int k = 0; k < 250 && !fs::exists(pidfile); ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  pid_t rank = 0;
  std::ifstream(pidfile) >> rank;
  REQUIRE(rank > 0);
  CHECK(::getpgid(rank) == rank);      // a group of its own …
  CHECK(::getsid(rank) == c.pid());    // … in the child's session
  const auto st = process_stat(rank);  // /proc says the same
  REQUIRE(st);
  CHECK(st->pgrp == rank);
  CHECK(st->session == c.pid());
  CHECK(st->state != 'Z');
  const auto members = session_members(c.pid());  // sh and perl
  CHECK(std::find(members.begin(), members.end(), rank) != members.end());
  CHECK(std::find(members.begin(), members.end(), c.pid()) != members.end());
  // The group signal misses it (the bug this guards against) …
  c.signal_group(SIGKILL);
  CHECK(wait_exit(c).signal == SIGKILL);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(alive(rank));
  // … kill_session does not, even with the session leader gone.
  c.kill_session();
  for (int k = 0; k < 100 && alive(rank); ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK_FALSE(alive(rank));
  CHECK(session_members(c.pid()).empty());
}

TEST_CASE("child: an unwritable log is an input error naming it", "[watch]") {
  CHECK_THROWS_AS(ChildProcess({"true"}, "/nonexistent/dir/x.log"), taifeng::Error);
}
