// Atomic publication: write_file_atomic (temporary file + rename) and StagedDir (a run's
// outputs appear under the final name all at once, or not at all; a killed run's staging
// folder is removed by the next run into the same folder).
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/error.hpp"
#include "test_support.hpp"

using namespace taifeng;
namespace fs = std::filesystem;

using taifeng::test::read_text;

namespace {

// A fresh, empty scratch directory for one test.
fs::path fresh_dir(const std::string& name) {
  return taifeng::test::fresh_dir("atomic_file", name);
}

void write_plain(const fs::path& file, const std::string& content) {
  std::ofstream(file, std::ios::binary) << content;
}

// Names of the entries of a directory.
std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

bool any_name_contains(const fs::path& dir, const std::string& part) {
  for (const auto& name : entries(dir))
    if (name.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("write_file_atomic creates the file with the exact content", "[atomic_file]") {
  const fs::path dir = fresh_dir("create");
  const fs::path file = dir / "warning.xml";
  // Binary-safe: embedded NUL, CR LF and no final newline must survive unchanged.
  static const char raw[] = "<alert>\r\n\0tail";
  const std::string content(raw, sizeof raw - 1);
  REQUIRE(content.size() == 14);
  write_file_atomic(file, content);
  CHECK(fs::is_regular_file(file));
  CHECK(fs::file_size(file) == content.size());
  CHECK(read_text(file) == content);
  CHECK(entries(dir) == std::set<std::string>{"warning.xml"});
  CHECK_FALSE(any_name_contains(dir, ".tmp."));

  SECTION("overwriting replaces the whole content") {
    write_file_atomic(file, "short");
    CHECK(read_text(file) == "short");  // no tail of the longer old content
    write_file_atomic(file, "");
    CHECK(fs::file_size(file) == 0);
    CHECK(entries(dir) == std::set<std::string>{"warning.xml"});
  }
  SECTION("a large content is written completely") {
    std::string big(3 * 1024 * 1024 + 17, 'x');
    for (std::size_t k = 0; k < big.size(); k += 4099) big[k] = char('a' + k % 26);
    write_file_atomic(file, big);
    CHECK(read_text(file) == big);
    CHECK_FALSE(any_name_contains(dir, ".tmp."));
  }
}

TEST_CASE("write_file_atomic into a missing directory throws and leaves nothing", "[atomic_file]") {
  const fs::path dir = fresh_dir("missing_dir");
  const fs::path file = dir / "no_such_dir" / "out.txt";
  try {
    write_file_atomic(file, "content");
    FAIL("no error for a missing directory");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK(e.exit_code() == 2);
    CHECK(e.where() == file.string());
  }
  CHECK_FALSE(fs::exists(dir / "no_such_dir"));
  CHECK(entries(dir).empty());
}

TEST_CASE("write_file_atomic onto a directory fails and keeps the directory", "[atomic_file]") {
  const fs::path dir = fresh_dir("onto_dir");
  fs::create_directories(dir / "target");
  write_plain(dir / "target" / "keep.txt", "keep");
  CHECK_THROWS_AS(write_file_atomic(dir / "target", "x"), Error);
  CHECK(fs::is_directory(dir / "target"));
  CHECK(read_text(dir / "target" / "keep.txt") == "keep");
  CHECK_FALSE(any_name_contains(dir, ".tmp."));  // the temporary file is removed
}

TEST_CASE("StagedDir: outputs appear under the final name only at commit", "[atomic_file]") {
  const fs::path dir = fresh_dir("staged_commit");
  const fs::path final_dir = dir / "run1";
  {
    StagedDir s(final_dir);
    CHECK(s.final_path() == final_dir);
    CHECK(s.path() != s.final_path());
    CHECK(fs::is_directory(s.path()));
    // Same parent, so that the final rename stays on one file system.
    CHECK(s.path().parent_path() == final_dir.parent_path());
    write_file_atomic(s.path() / "a.txt", "alpha");
    fs::create_directories(s.path() / "sub");
    write_file_atomic(s.path() / "sub" / "b.txt", "beta");
    CHECK_FALSE(fs::exists(final_dir));
    CHECK_FALSE(fs::exists(final_dir / "a.txt"));
    s.commit();
    CHECK(fs::is_directory(final_dir));
    CHECK_FALSE(fs::exists(s.path()));
  }
  // The destructor of a committed StagedDir does not touch the published directory.
  CHECK(read_text(final_dir / "a.txt") == "alpha");
  CHECK(read_text(final_dir / "sub" / "b.txt") == "beta");
  CHECK(entries(dir) == std::set<std::string>{"run1"});
}

TEST_CASE("StagedDir: commit replaces an existing final directory", "[atomic_file]") {
  const fs::path dir = fresh_dir("staged_replace");
  const fs::path final_dir = dir / "run1";
  fs::create_directories(final_dir / "old_sub");
  write_plain(final_dir / "old.txt", "old");
  write_plain(final_dir / "shared.txt", "old shared");
  {
    StagedDir s(final_dir);
    write_file_atomic(s.path() / "new.txt", "new");
    write_file_atomic(s.path() / "shared.txt", "new shared");
    // Until commit the old output is intact and the new one invisible.
    CHECK(read_text(final_dir / "old.txt") == "old");
    CHECK(read_text(final_dir / "shared.txt") == "old shared");
    CHECK_FALSE(fs::exists(final_dir / "new.txt"));
    s.commit();
  }
  CHECK(entries(final_dir) == std::set<std::string>{"new.txt", "shared.txt"});
  CHECK(read_text(final_dir / "new.txt") == "new");
  CHECK(read_text(final_dir / "shared.txt") == "new shared");
  // Neither the staging nor the set-aside old directory is left behind.
  CHECK(entries(dir) == std::set<std::string>{"run1"});
}

TEST_CASE("StagedDir: a reader never finds the published folder missing during a replace",
          "[atomic_file]") {
  // The swap is one rename (RENAME_EXCHANGE): a reader following a `current` link to the
  // folder sees the old files or the new ones. With two renames (old aside, new in) it would
  // catch the moment in between; 200 replacements give it ample chances.
  const fs::path dir = fresh_dir("staged_swap");
  const fs::path final_dir = dir / "2005092500";
  fs::create_directories(final_dir);
  write_plain(final_dir / "feed.xml", "0");
  fs::create_directory_symlink("2005092500", dir / "current");
  std::atomic<bool> done{false};
  std::atomic<long> reads{0}, misses{0};
  std::thread reader([&] {
    while (!done) {
      std::ifstream in(dir / "current" / "feed.xml");
      std::string s;
      if (!(in >> s)) ++misses;
      ++reads;
    }
  });
  for (int k = 1; k <= 200; ++k) {
    StagedDir s(final_dir);
    write_file_atomic(s.path() / "feed.xml", std::to_string(k));
    s.commit();
  }
  done = true;
  reader.join();
  CHECK(read_text(final_dir / "feed.xml") == "200");
  CHECK(reads > 0);
  CHECK(misses == 0);
  CHECK(entries(dir) == std::set<std::string>{"2005092500", "current"});
}

TEST_CASE("StagedDir: without commit nothing is published and the stage is removed",
          "[atomic_file]") {
  const fs::path dir = fresh_dir("staged_abort");
  const fs::path final_dir = dir / "run1";
  fs::create_directories(final_dir);
  write_plain(final_dir / "keep.txt", "previous run");
  fs::path staging;
  {
    StagedDir s(final_dir);
    staging = s.path();
    write_file_atomic(s.path() / "half.txt", "half a warning set");
    CHECK(fs::exists(staging / "half.txt"));
  }  // e.g. an exception unwinds the run here
  CHECK_FALSE(fs::exists(staging));
  CHECK(entries(final_dir) == std::set<std::string>{"keep.txt"});
  CHECK(read_text(final_dir / "keep.txt") == "previous run");
  CHECK(entries(dir) == std::set<std::string>{"run1"});

  SECTION("and with no previous output nothing appears at all") {
    const fs::path fresh = dir / "run2";
    {
      StagedDir s(fresh);
      write_file_atomic(s.path() / "x.txt", "x");
    }
    CHECK_FALSE(fs::exists(fresh));
    CHECK(entries(dir) == std::set<std::string>{"run1"});
  }
}

TEST_CASE("StagedDir: creates missing parents and accepts a trailing slash", "[atomic_file]") {
  const fs::path dir = fresh_dir("staged_parents");
  const fs::path final_dir = dir / "a" / "b" / "run1";
  {
    StagedDir s(final_dir / "");  // "…/run1/"
    CHECK(s.final_path() == final_dir);
    CHECK(fs::is_directory(dir / "a" / "b"));
    write_file_atomic(s.path() / "x.txt", "x");
    s.commit();
  }
  CHECK(read_text(final_dir / "x.txt") == "x");
  CHECK(entries(dir / "a" / "b") == std::set<std::string>{"run1"});
}

TEST_CASE("StagedDir: a failed commit keeps the previous output", "[atomic_file]") {
  // Regression: a failed commit once left the previous output renamed away. The failure is
  // provoked by removing the staging directory before commit().
  const fs::path dir = fresh_dir("staged_failed_commit");
  const fs::path final_dir = dir / "run1";
  fs::create_directories(final_dir);
  write_plain(final_dir / "keep.txt", "previous run");
  {
    StagedDir s(final_dir);
    fs::remove_all(s.path());
    CHECK_THROWS_AS(s.commit(), Error);
  }
  CHECK(fs::exists(final_dir / "keep.txt"));
  CHECK(entries(dir) == std::set<std::string>{"run1"});
}

TEST_CASE("StagedDir: removes the staging folders of killed runs on this host", "[atomic_file]") {
  const fs::path dir = fresh_dir("staged_stale");
  const fs::path final_dir = dir / "run1";
  // This host's name as StagedDir writes it: from a staging folder of its own.
  std::string host;
  {
    StagedDir probe(final_dir);
    const std::string name = probe.path().filename().string();  // .run1.partial-<host>-<pid>
    const std::string prefix = ".run1.partial-";
    REQUIRE(name.rfind(prefix, 0) == 0);
    REQUIRE(name.size() > prefix.size());
    host = name.substr(prefix.size(), name.rfind('-') - prefix.size());
    CHECK(name.substr(name.rfind('-') + 1) == std::to_string(::getpid()));
  }
  // A process that has exited (its pid is free until the system reuses it).
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(0);
  REQUIRE(::waitpid(child, nullptr, 0) == child);
  auto staging = [&](const std::string& run, const std::string& h, long pid) {
    const fs::path p = dir / ("." + run + ".partial-" + h + "-" + std::to_string(pid));
    fs::create_directories(p / "warnings");
    write_plain(p / "warnings" / "summary.json", "{}");
    return p.filename().string();
  };
  const std::string dead = staging("run1", host, child);
  const std::string alive = staging("run1", host, long(::getppid()));
  const std::string other_host = staging("run1", host + "x", child);
  const std::string other_run = staging("run2", host, child);
  {
    StagedDir s(final_dir);
    write_file_atomic(s.path() / "a.txt", "alpha");
    CHECK_FALSE(fs::exists(dir / dead));
    CHECK(fs::is_directory(dir / alive));
    CHECK(fs::is_directory(dir / other_host));
    CHECK(fs::is_directory(dir / other_run));
    s.commit();
  }
  CHECK(entries(dir) == std::set<std::string>{"run1", alive, other_host, other_run});
}
