// The watcher's archive: published cycles, the `current` link, start-up repair, the lock.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "taifeng/hpc/watch/archive.hpp"
#include "test_support.hpp"

using namespace taifeng::hpc::watch;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {
fs::path fresh(const std::string& name) {
  return taifeng::test::fresh_dir("archive", name);
}
void cycle(const fs::path& a, const std::string& stamp, bool complete = true) {
  fs::create_directories(a / stamp);
  if (complete) std::ofstream(a / stamp / "run.json") << "{}\n";
}
std::set<std::string> names(const fs::path& d) {
  std::set<std::string> s;
  for (const auto& e : fs::directory_iterator(d)) s.insert(e.path().filename().string());
  return s;
}
}  // namespace

TEST_CASE("archive: only complete YYYYMMDDHH folders are published cycles", "[watch]") {
  const fs::path a = fresh("published");
  cycle(a, "2005092500");
  cycle(a, "2005092412");
  cycle(a, "2005092512", false);  // no run.json: not a cycle
  cycle(a, "200509250");          // nine digits
  cycle(a, ".2005092600.partial-12");
  std::ofstream(a / "2005092600") << "a file\n";
  CHECK(published_cycles(a) == std::vector<std::string>{"2005092412", "2005092500"});
  CHECK(published_before(a, "2005092500") == "2005092412");
  CHECK(published_before(a, "2005092501") == "2005092500");
  CHECK_FALSE(published_before(a, "2005092412"));
  CHECK(is_cycle_stamp("2005092500"));
  CHECK_FALSE(is_cycle_stamp("20050925001"));
  CHECK_FALSE(is_cycle_stamp("2005O92500"));
}

TEST_CASE("archive: current is a relative link moved atomically, repaired at start-up", "[watch]") {
  const fs::path a = fresh("current");
  CHECK_FALSE(reconcile_current(a));  // empty archive: nothing to point at
  CHECK_FALSE(fs::exists(a / "current"));
  cycle(a, "2005092412");
  point_current(a, "2005092412");
  CHECK(fs::read_symlink(a / "current") == "2005092412");
  CHECK(current_cycle(a) == "2005092412");
  // A watcher killed after publishing 2005092500 but before moving the link:
  cycle(a, "2005092500");
  CHECK(current_cycle(a) == "2005092412");
  CHECK(reconcile_current(a) == "2005092500");
  CHECK(current_cycle(a) == "2005092500");
  // A dangling link (its cycle removed by hand) is repaired too.
  point_current(a, "2005092612");
  CHECK_FALSE(current_cycle(a));
  CHECK(reconcile_current(a) == "2005092500");
  CHECK(current_cycle(a) == "2005092500");
  // A link already at the newest is left alone; no temporary link remains.
  CHECK(reconcile_current(a) == "2005092500");
  CHECK(names(a) == std::set<std::string>{"2005092412", "2005092500", "current"});
}

TEST_CASE("archive: leftovers of a killed run are removed, everything else kept", "[watch]") {
  const fs::path a = fresh("leftovers");
  const fs::path inbox = fresh("leftovers_inbox");
  cycle(a, "2005092500");
  cycle(a, ".2005092512.partial-4242");
  cycle(a, ".2005092500.old-4242");
  fs::create_directory_symlink("2005092500", a / ".current.tmp-99");
  fs::create_directories(a / "inputs" / ".incoming-7");
  fs::create_directories(a / "inputs" / "2005092500-abcdef012345");
  fs::create_directories(a / ".work" / "checkpoints" / "2005092512-abc");
  std::ofstream(a / ".work" / "2005092512-20261122T000000Z.log") << "half a log\n";
  std::ofstream(a / ".lock") << "pid 1\n";
  std::ofstream(a / "history.jsonl") << "{}\n";
  fs::create_directories(inbox / ".done-c1-77" / "x");
  fs::create_directories(inbox / "c2");
  std::ofstream(inbox / "c2" / "cycle.toml") << "\n";
  const auto removed = remove_leftovers(a, inbox);
  CHECK(removed.size() == 6);
  CHECK(names(a) ==
        std::set<std::string>{"2005092500", ".lock", ".work", "history.jsonl", "inputs"});
  CHECK(names(a / "inputs") == std::set<std::string>{"2005092500-abcdef012345"});
  CHECK(names(a / ".work") == std::set<std::string>{"checkpoints"});  // kept for the rerun
  CHECK(names(inbox) == std::set<std::string>{"c2"});
}

TEST_CASE("archive: a second lock holder is refused with the first one named", "[watch]") {
  const fs::path a = fresh("lock");
  {
    ArchiveLock first(a);
    try {
      ArchiveLock second(a);
      FAIL("the second lock was granted");
    } catch (const ArchiveBusy& e) {
      CHECK_THAT(e.what(), Contains("is locked by another watcher (pid "));
      CHECK_THAT(e.what(), Contains(a.string()));
    }
  }
  ArchiveLock again(a);  // released with the first holder
  SUCCEED();
}

TEST_CASE("archive: history lines are appended whole", "[watch]") {
  const fs::path a = fresh("history");
  CHECK(append_history(a, {{"cycle", "2005092500"}, {"outcome", "published"}}));
  CHECK(append_history(a, {{"cycle", "2005092512"}, {"outcome", "failed"}}));
  std::ifstream in(a / "history.jsonl");
  std::string l1, l2, l3;
  std::getline(in, l1);
  std::getline(in, l2);
  CHECK(l1 == R"({"cycle":"2005092500","outcome":"published"})");
  CHECK(l2 == R"({"cycle":"2005092512","outcome":"failed"})");
  CHECK_FALSE(std::getline(in, l3));
}
