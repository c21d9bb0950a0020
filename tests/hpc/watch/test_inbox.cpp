// The inbox: which folders are ready input sets, their cycle time and content hash.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "taifeng/hpc/watch/inbox.hpp"
#include "test_support.hpp"

using namespace taifeng::hpc::watch;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {
fs::path fresh(const std::string& name) {
  return taifeng::test::fresh_dir("inbox", name);
}
void put(const fs::path& f, const std::string& text) {
  fs::create_directories(f.parent_path());
  std::ofstream(f, std::ios::binary) << text;
}
}  // namespace

TEST_CASE("inbox: ready sets in analysis-time order, hidden or incomplete ones wait", "[watch]") {
  const fs::path d = fresh("ready");
  put(d / "base.toml", "[storm]\nid = \"200517\"\n");
  const fs::path in = d / "in";
  put(in / "late" / "cycle.toml", "[storm]\nanalysis_time = 2005-09-25T12:00:00Z\n");
  put(in / "early" / "cycle.toml", "[storm]\nanalysis_time = 2005-09-25T08:00:00+08:00\n");
  put(in / ".incoming-x" / "cycle.toml", "[storm]\nanalysis_time = 2005-09-24T00:00:00Z\n");
  put(in / "no_manifest" / "track.csv", "1,2\n");  // cycle.toml not yet written
  put(in / "a_file.toml", "[storm]\n");            // files are not sets
  put(in / "bad_time" / "cycle.toml", "[storm]\nanalysis_time = 2005-13-01T00:00:00Z\n");
  put(in / "no_time" / "cycle.toml", "[ensemble]\nmembers = 3\n");
  const auto sets = ready_sets(in, d / "base.toml");
  REQUIRE(sets.size() == 4);
  // Unreadable sets first (stamp ""), then by analysis time (+08:00 converted to UTC).
  CHECK(sets[0].name == "bad_time");
  CHECK_THAT(sets[0].problem, Contains("TOML syntax error"));  // month 13 does not parse
  CHECK(sets[1].name == "no_time");
  CHECK_THAT(sets[1].problem, Contains("no storm.analysis_time here nor in"));
  CHECK(sets[2].name == "early");
  CHECK(sets[2].stamp == "2005092500");
  CHECK(sets[2].problem.empty());
  CHECK(sets[3].stamp == "2005092512");
}

TEST_CASE("inbox: the station configuration supplies a missing analysis time", "[watch]") {
  const fs::path d = fresh("base_time");
  put(d / "base.toml", "[storm]\nanalysis_time = 2005-09-24T18:00:00Z\n");
  put(d / "in" / "s" / "cycle.toml", "[ensemble]\nmembers = 3\n");
  const auto sets = ready_sets(d / "in", d / "base.toml");
  REQUIRE(sets.size() == 1);
  CHECK(sets[0].stamp == "2005092418");
}

TEST_CASE("inbox: the set hash follows names and contents, stored copies are reused", "[watch]") {
  const fs::path d = fresh("hash");
  put(d / "a" / "cycle.toml", "x = 1\n");
  put(d / "a" / "sub" / "t.csv", "1,2\n");
  put(d / "b" / "cycle.toml", "x = 1\n");
  put(d / "b" / "sub" / "t.csv", "1,2\n");
  const std::string ha = hash_input_set(d / "a");
  CHECK(ha.size() == 64);
  CHECK(hash_input_set(d / "b") == ha);  // the folder's own name does not count
  put(d / "b" / "sub" / "t.csv", "1,3\n");
  CHECK(hash_input_set(d / "b") != ha);
  fs::rename(d / "b" / "sub" / "t.csv", d / "b" / "sub" / "u.csv");
  put(d / "b" / "sub" / "u.csv", "1,2\n");
  CHECK(hash_input_set(d / "b") != ha);  // same bytes under another name

  const fs::path archive = d / "archive";
  InputSet s{d / "a", "a", "2005092500", ""};
  const fs::path stored = store_input_set(s, ha, archive);
  CHECK(stored == archive / "inputs" / ("2005092500-" + ha.substr(0, 12)));
  CHECK(hash_input_set(stored) == ha);
  put(d / "a" / "cycle.toml", "x = 2\n");  // the inbox copy changes, the stored one not
  CHECK(store_input_set(s, ha, archive) == stored);
  CHECK(hash_input_set(stored) == ha);
}
