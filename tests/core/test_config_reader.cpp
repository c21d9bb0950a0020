// ConfigReader: strict TOML getters, error messages "file:line: key 'a.b': …", finish()
// rejecting unknown keys with a suggestion, resolved configuration, edit_distance.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/time.hpp"

using namespace taifeng;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

// Runs f, which must throw taifeng::Error of kind input; returns its message.
template <class F>
std::string input_error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK(e.exit_code() == 2);
    return e.what();
  }
  FAIL("expected a taifeng::Error, nothing was thrown");
  return {};
}

fs::path scratch_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "config_reader";
  fs::create_directories(dir);
  return dir;
}

void write_text(const fs::path& file, const std::string& content) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
}

// Line numbers below are referred to in the assertions; keep the layout.
const char* const demo_text =
    "# demo configuration\n"     // 1
    "title = \"Damrey 2005\"\n"  // 2
    "\n"                         // 3
    "[domain]\n"                 // 4
    "lon_min = 105.0\n"          // 5
    "lon_max = 115\n"            // 6
    "res = 0.05\n"               // 7
    "\n"                         // 8
    "[run]\n"                    // 9
    "hours = 72\n"               // 10
    "scheme = \"upwind\"\n"      // 11
    "verbose = true\n";          // 12

// Reads every key of demo_text (and nothing else).
void read_all(ConfigReader& r) {
  r.string("title", "");
  r.number("domain.lon_min", -180.0, 180.0);
  r.number("domain.lon_max", -180.0, 180.0);
  r.number("domain.res", 0.001, 2.5);
  r.integer("run.hours", 24, 1, 240);
  r.string("run.scheme", {"upwind", "central"});
  r.boolean("run.verbose", false);
}

}  // namespace

TEST_CASE("config: every getter returns the file's value and finish() passes", "[config]") {
  auto r = ConfigReader::from_string(demo_text, "test.toml");
  CHECK(r.source() == "test.toml");
  CHECK(r.has("domain.res"));
  CHECK_FALSE(r.has("domain.lat_min"));
  CHECK(r.string("title", "") == "Damrey 2005");
  // Values are exact decimal literals; compared exactly after TOML parsing.
  CHECK(r.number("domain.lon_min", -180.0, 180.0) == 105.0);
  // An integer literal is accepted where a number is expected.
  CHECK(r.number("domain.lon_max", -180.0, 180.0) == 115.0);
  CHECK(r.number("domain.res", 0.001, 2.5) == 0.05);
  CHECK(r.integer("run.hours", 24, 1, 240) == 72);
  CHECK(r.string("run.scheme", {"upwind", "central"}) == "upwind");
  CHECK(r.boolean("run.verbose", false) == true);
  CHECK(r.where("run.hours") == "test.toml:10");
  CHECK(r.where("run.absent") == "test.toml");
  CHECK_NOTHROW(r.finish());
}

TEST_CASE("config: unknown top-level key names line, key and the near key", "[config]") {
  const std::string text =
      "title = \"x\"\n"   // 1
      "\n"                // 2
      "titel = \"y\"\n";  // 3
  auto r = ConfigReader::from_string(text, "test.toml");
  r.string("title", "");
  const std::string msg = input_error_of([&] { r.finish(); });
  CHECK_THAT(msg, Contains("test.toml:3"));
  CHECK_THAT(msg, Contains("unknown key 'titel'"));
  CHECK_THAT(msg, Contains("did you mean 'title'"));
}

TEST_CASE("config: unknown key inside a sub-table is reported with its dotted name", "[config]") {
  // demo_text plus a one-letter typo "res" -> "rez" on line 8 of [domain].
  std::string text = demo_text;
  text.replace(text.find("\n\n[run]"), 1, "\nrez = 0.1");
  REQUIRE(text.find("res = 0.05\nrez = 0.1\n[run]") != std::string::npos);
  auto r = ConfigReader::from_string(text, "test.toml");
  read_all(r);
  const std::string msg = input_error_of([&] { r.finish(); });
  CHECK_THAT(msg, Contains("test.toml:8:"));
  CHECK_THAT(msg, Contains("'domain.rez'"));
  CHECK_THAT(msg, Contains("did you mean 'domain.res'"));
}

TEST_CASE("config: a typo in a later table is found after the earlier keys pass", "[config]") {
  std::string text = demo_text;
  text.replace(text.find("hours"), 5, "hourz");  // line 10
  auto r = ConfigReader::from_string(text, "test.toml");
  CHECK(r.integer("run.hours", 24, 1, 240) == 24);  // absent -> default
  read_all(r);
  const std::string msg = input_error_of([&] { r.finish(); });
  CHECK_THAT(msg, Contains("test.toml:10:"));
  CHECK_THAT(msg, Contains("'run.hourz'"));
  CHECK_THAT(msg, Contains("did you mean 'run.hours'"));
}

TEST_CASE("config: an unknown key far from every known key gets no suggestion", "[config]") {
  auto r = ConfigReader::from_string("title = \"x\"\nzzzzzzzz = 1\n", "test.toml");
  r.string("title", "");
  const std::string msg = input_error_of([&] { r.finish(); });
  CHECK_THAT(msg, Contains("test.toml:2"));
  CHECK_THAT(msg, Contains("'zzzzzzzz'"));
  CHECK_THAT(msg, !Contains("did you mean"));
}

TEST_CASE("config: wrong type names key, line and the expected type", "[config]") {
  std::string text = demo_text;
  text.replace(text.find("res = 0.05"), 10, "res = \"fine\"");  // line 7
  auto r = ConfigReader::from_string(text, "test.toml");
  const std::string msg = input_error_of([&] { r.number("domain.res", 0.001, 2.5); });
  CHECK_THAT(msg, Contains("test.toml:7:"));
  CHECK_THAT(msg, Contains("key 'domain.res'"));
  CHECK_THAT(msg, Contains("expected a number"));
  CHECK_THAT(msg, Contains("got a string"));
  // The defaulted overload checks the type in the same way.
  CHECK_THAT(input_error_of([&] { r.number("domain.res", 0.1, 0.001, 2.5); }),
             Contains("expected a number"));
  // A number where a boolean / string is expected.
  CHECK_THAT(input_error_of([&] { r.boolean("domain.lon_min", false); }), Contains("test.toml:5:"));
  CHECK_THAT(input_error_of([&] { r.string("run.hours", "x"); }),
             Contains("expected a string, got an integer"));
}

TEST_CASE("config: an integer is a number, a float is not an integer", "[config]") {
  auto r = ConfigReader::from_string("a = 3\nb = 3.0\nc = 3.5\n", "test.toml");
  CHECK(r.number("a", 0.0, 10.0) == 3.0);
  CHECK(r.integer("a", 0, 0, 10) == 3);
  const std::string msg = input_error_of([&] { r.integer("b", 0, 0, 10); });
  CHECK_THAT(msg, Contains("test.toml:2:"));
  CHECK_THAT(msg, Contains("key 'b'"));
  CHECK_THAT(msg, Contains("expected an integer"));
  CHECK_THAT(input_error_of([&] { r.integer("c", 0, 0, 10); }), Contains("got a number"));
}

TEST_CASE("config: an out-of-range value names the value and the range", "[config]") {
  auto r = ConfigReader::from_string("res = 5.5\nhours = 300\n", "test.toml");
  const std::string msg = input_error_of([&] { r.number("res", 0.001, 2.5); });
  CHECK_THAT(msg, Contains("test.toml:1:"));
  CHECK_THAT(msg, Contains("key 'res'"));
  CHECK_THAT(msg, Contains("5.5"));
  CHECK_THAT(msg, Contains("[0.001, 2.5]"));
  const std::string m2 = input_error_of([&] { r.integer("hours", 24, 1, 240); });
  CHECK_THAT(m2, Contains("test.toml:2:"));
  CHECK_THAT(m2, Contains("300"));
  CHECK_THAT(m2, Contains("[1, 240]"));
  // The bounds themselves are inside the range.
  auto edge = ConfigReader::from_string("lo = 0.001\nhi = 2.5\nn = 240\n", "test.toml");
  CHECK(edge.number("lo", 0.001, 2.5) == 0.001);
  CHECK(edge.number("hi", 0.001, 2.5) == 2.5);
  CHECK(edge.integer("n", 24, 1, 240) == 240);
  // nan is a valid TOML float but never a valid value.
  auto nan = ConfigReader::from_string("x = nan\n", "test.toml");
  CHECK_THAT(input_error_of([&] { nan.number("x", -1e300, 1e300); }), Contains("key 'x'"));
}

TEST_CASE("config: a missing required key is an input error naming the key", "[config]") {
  auto r = ConfigReader::from_string("[domain]\nres = 0.05\n", "test.toml");
  try {
    r.number("domain.lon_min", -180.0, 180.0);
    FAIL("no error for a missing required key");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK(e.where() == "test.toml");  // no line: the key is not in the file
    CHECK_THAT(e.what(), Contains("key 'domain.lon_min'"));
    CHECK_THAT(e.what(), Contains("missing"));
  }
  CHECK_THAT(input_error_of([&] { r.string("run.scheme", {"a", "b"}); }), Contains("missing"));
  CHECK_THAT(input_error_of([&] { r.time("run.start"); }), Contains("key 'run.start'"));
  CHECK_THAT(input_error_of([&] { r.path("run.track", false); }), Contains("missing"));
}

TEST_CASE("config: a TOML syntax error reports the line", "[config]") {
  const std::string text =
      "[domain]\n"         // 1
      "lon_min = 105.0\n"  // 2
      "lon_max = = 115\n"  // 3
      "res = 0.05\n";      // 4
  try {
    ConfigReader::from_string(text, "test.toml");
    FAIL("no error for a TOML syntax error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK(e.where() == "test.toml:3");
    CHECK_THAT(e.what(), Contains("TOML syntax error"));
  }
  // A duplicated key is a TOML error at the line of the second definition.
  CHECK_THAT(input_error_of([] { ConfigReader::from_string("a = 1\n\na = 2\n", "test.toml"); }),
             Contains("test.toml:3"));
}

TEST_CASE("config: a string outside the allowed list lists the allowed values", "[config]") {
  auto r = ConfigReader::from_string("\nscheme = \"upwind2\"\n", "test.toml");
  const std::string msg = input_error_of([&] {
    r.string("scheme", "upwind", {"upwind", "central", "weno5"});
  });
  CHECK_THAT(msg, Contains("test.toml:2:"));
  CHECK_THAT(msg, Contains("key 'scheme'"));
  CHECK_THAT(msg, Contains("'upwind2'"));
  CHECK_THAT(msg, Contains("upwind, central, weno5"));
  // The default is taken when the key is absent, even with an allowed list.
  CHECK(r.string("other", "central", {"upwind", "central"}) == "central");
}

TEST_CASE("config: time() takes offset date-times and rejects local ones", "[config]") {
  const std::string text =
      "utc = 2005-09-25T00:00:00Z\n"        // 1
      "cst = 2005-09-25T08:00:00+08:00\n"   // 2
      "west = 2005-09-24T20:30:00-03:30\n"  // 3
      "local = 2005-09-25T00:00:00\n"       // 4
      "date = 2005-09-25\n"                 // 5
      "text = \"2005-09-25T00:00:00Z\"\n";  // 6
  auto r = ConfigReader::from_string(text, "test.toml");
  const TimePoint expect = make_utc(2005, 9, 25, 0);
  // 1127606400 s = `date -u -d 2005-09-25T00:00:00Z +%s`, an anchor independent of make_utc.
  CHECK(expect.time_since_epoch().count() == 1127606400);
  CHECK(r.time("utc") == expect);
  CHECK(r.time("cst") == expect);
  CHECK(r.time("west") == expect);
  const std::string msg = input_error_of([&] { r.time("local"); });
  CHECK_THAT(msg, Contains("test.toml:4:"));
  CHECK_THAT(msg, Contains("key 'local'"));
  CHECK_THAT(msg, Contains("offset"));
  CHECK_THAT(input_error_of([&] { r.time("date"); }), Contains("test.toml:5:"));
  CHECK_THAT(input_error_of([&] { r.time("text"); }), Contains("got a string"));
  // An invalid calendar date is already a TOML syntax error.
  CHECK_THAT(input_error_of(
                 [] { ConfigReader::from_string("\nt = 2005-02-30T00:00:00Z\n", "test.toml"); }),
             Contains("test.toml:2"));
}

TEST_CASE("config: path() resolves relative to the configuration file", "[config]") {
  const fs::path dir = scratch_dir() / "paths";
  fs::remove_all(dir);
  write_text(dir / "data" / "track.csv", "x\n");
  write_text(dir / "shared.csv", "y\n");
  fs::create_directories(dir / "conf" / "emptydir");
  const std::string text =
      "track = \"../data/track.csv\"\n"  // 1
      "shared = \"../shared.csv\"\n"     // 2
      "gone = \"../data/none.csv\"\n"    // 3
      "dir = \"emptydir\"\n"             // 4
      "empty = \"\"\n";                  // 5
  write_text(dir / "conf" / "run.toml", text);
  const fs::path conf = dir / "conf" / "run.toml";
  auto r = ConfigReader::from_file(conf);
  CHECK(r.source() == conf.string());
  CHECK(r.base_dir() == fs::absolute(dir / "conf"));
  // Compared as normalised absolute paths: "../" must be folded away.
  CHECK(r.path("track", true) == fs::absolute(dir / "data" / "track.csv").lexically_normal());
  CHECK(r.path("shared", true) == fs::absolute(dir / "shared.csv").lexically_normal());
  // Without must_exist a missing file is fine (e.g. an output).
  CHECK(r.path("gone", false) == fs::absolute(dir / "data" / "none.csv").lexically_normal());
  const std::string msg = input_error_of([&] { r.path("gone", true); });
  CHECK_THAT(msg, Contains(conf.string() + ":3:"));
  CHECK_THAT(msg, Contains("key 'gone'"));
  CHECK_THAT(msg, Contains("does not exist"));
  // A directory is not a readable file.
  CHECK_THAT(input_error_of([&] { r.path("dir", true); }), Contains(conf.string() + ":4:"));
  CHECK_THAT(input_error_of([&] { r.path("empty", false); }), Contains("empty"));
  // A default path is resolved against the same directory.
  CHECK(r.path("other", "../data/track.csv", true) ==
        fs::absolute(dir / "data" / "track.csv").lexically_normal());
  // An absolute path is kept as is.
  auto abs = ConfigReader::from_string(
      "p = \"" + fs::absolute(dir / "shared.csv").string() + "\"\n", "abs.toml", "/nonexistent");
  CHECK(abs.path("p", true) == fs::absolute(dir / "shared.csv").lexically_normal());
}

TEST_CASE("config: from_file of a missing file is an input error", "[config]") {
  const fs::path missing = scratch_dir() / "no_such.toml";
  fs::remove(missing);
  CHECK_THAT(input_error_of([&] { ConfigReader::from_file(missing); }), Contains(missing.string()));
  // A directory is not a configuration file either.
  CHECK_THAT(input_error_of([&] { ConfigReader::from_file(scratch_dir()); }),
             Contains("not a file"));
}

TEST_CASE("config: from_file reports errors with the file name and line", "[config]") {
  const fs::path conf = scratch_dir() / "typo.toml";
  write_text(conf, "[domain]\nres = 0.05\nrse = 0.1\n");
  auto r = ConfigReader::from_file(conf);
  r.number("domain.res", 0.001, 2.5);
  const std::string msg = input_error_of([&] { r.finish(); });
  CHECK_THAT(msg, Contains(conf.string() + ":3:"));
  CHECK_THAT(msg, Contains("did you mean 'domain.res'"));
}

TEST_CASE("config: resolved() holds file values and defaults not in the file", "[config]") {
  auto r = ConfigReader::from_string("[domain]\nres = 0.25\n", "test.toml");
  r.number("domain.res", 0.001, 2.5);
  r.number("domain.lon_min", 105.0, -180.0, 180.0);
  r.integer("run.hours", 72, 1, 240);
  r.boolean("run.verbose", true);
  r.string("run.scheme", "upwind", {"upwind", "central"});
  r.path("run.out", "out/run1", false);
  CHECK_NOTHROW(r.finish());
  const toml::table& t = r.resolved();
  CHECK(t["domain"]["res"].value<double>() == 0.25);
  CHECK(t["domain"]["lon_min"].value<double>() == 105.0);
  CHECK(t["run"]["hours"].value<int64_t>() == 72);
  CHECK(t["run"]["verbose"].value<bool>() == true);
  CHECK(t["run"]["scheme"].value<std::string>() == "upwind");
  CHECK(t["run"]["out"].value_or(std::string()) == "out/run1");
  // Nothing else crept in.
  CHECK(t.size() == 2);
  CHECK(t["domain"].as_table()->size() == 2);
  CHECK(t["run"].as_table()->size() == 4);
}

TEST_CASE("config: path() with must_exist also checks a default path", "[config]") {
  // Regression: a missing default path once passed must_exist unchecked.
  const fs::path dir = scratch_dir() / "default_path";
  fs::create_directories(dir);
  auto r = ConfigReader::from_string("", "test.toml", dir);
  CHECK_THROWS_AS(r.path("track", "no_such_file.csv", true), Error);
}

TEST_CASE("edit_distance: Levenshtein distance", "[config]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("same", "same") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);  // textbook example
  CHECK(edit_distance("flaw", "lawn") == 2);
  CHECK(edit_distance("run.hours", "run.hourz") == 1);  // substitution
  CHECK(edit_distance("title", "titel") == 2);          // a transposition counts twice
  CHECK(edit_distance("res", "ress") == 1);             // insertion
  CHECK(edit_distance("lawn", "flaw") == edit_distance("flaw", "lawn"));
}

TEST_CASE("config: string lists", "[config]") {
  auto r = ConfigReader::from_string(
      "[a]\nok = [\"AVNO\", \"ECMF\"]\nempty = []\nbad = [\"X\", 3]\nblank = [\"\"]\nnot = 5\n",
      "list.toml");
  CHECK(r.string_list("a.ok", {}) == std::vector<std::string>{"AVNO", "ECMF"});
  CHECK(r.string_list("a.empty", {"x"}).empty());
  CHECK(r.string_list("a.absent", {"x"}) == std::vector<std::string>{"x"});
  CHECK_THAT(input_error_of([&] { r.string_list("a.bad", {}); }),
             Contains("list.toml:4:") && Contains("element 2 is an integer"));
  CHECK_THAT(input_error_of([&] { r.string_list("a.blank", {}); }), Contains("element 1 is empty"));
  CHECK_THAT(input_error_of([&] { r.string_list("a.not", {}); }),
             Contains("expected an array of strings, got an integer"));
  // The resolved configuration records the list.
  CHECK(r.resolved().at_path("a.ok").as_array()->size() == 2);
}

TEST_CASE("config overlay: its keys replace the base's, paths resolve from its own folder",
          "[config][overlay]") {
  const fs::path dir = scratch_dir() / "overlay";
  write_text(dir / "station" / "base.toml",
             "[storm]\nid = \"200517\"\ntrack_file = \"base_track.csv\"\n"
             "[grid]\nres = 0.05\nlon_min = 105\n");
  write_text(dir / "station" / "base_track.csv", "x\n");
  write_text(dir / "inbox" / "set1" / "cycle.toml",
             "# a cycle's inputs\n"                    // 1
             "[storm]\n"                               // 2
             "track_file = \"bwp182005.dat\"\n"        // 3
             "analysis_time = 2005-09-25T00:00:00Z\n"  // 4
             "[grid]\n"                                // 5
             "res = 0.1\n");                           // 6
  write_text(dir / "inbox" / "set1" / "bwp182005.dat", "y\n");
  ConfigReader r = ConfigReader::from_file(dir / "station" / "base.toml");
  r.add_overlay(dir / "inbox" / "set1" / "cycle.toml");
  CHECK(r.string("storm.id") == "200517");  // untouched base key
  CHECK(r.path("storm.track_file", true) ==
        (fs::absolute(dir) / "inbox" / "set1" / "bwp182005.dat").lexically_normal());
  CHECK(r.number("grid.res", 0.001, 1) == 0.1);
  CHECK(r.number("grid.lon_min", -180, 180) == 105);
  CHECK(format_iso_utc(r.time("storm.analysis_time")) == "2005-09-25T00:00:00Z");
  REQUIRE(r.overlays().size() == 1);
  CHECK(r.overlays()[0].filename() == "cycle.toml");
  // Errors about overlay keys name the overlay file and line, base keys the base file.
  CHECK_THAT(r.where("grid.res"), Contains("cycle.toml:6"));
  CHECK_THAT(r.where("storm.id"), Contains("base.toml:2"));
  CHECK_THAT(input_error_of([&] { r.number("grid.res", 0.001, 0.05); }),
             Contains("cycle.toml:6: key 'grid.res'"));
  r.finish();
}

TEST_CASE("config overlay: unknown keys, syntax errors and type clashes name the overlay",
          "[config][overlay]") {
  const fs::path dir = scratch_dir() / "overlay_errors";
  write_text(dir / "base.toml", "title = \"x\"\n[run]\nhours = 72\n");
  SECTION("an unknown key in the overlay") {
    write_text(dir / "o1.toml", "[run]\nhours = 24\nhuors = 3\n");
    ConfigReader r = ConfigReader::from_file(dir / "base.toml");
    r.add_overlay(dir / "o1.toml");
    r.string("title", "");
    CHECK(r.integer("run.hours", 1, 1, 240) == 24);
    CHECK_THAT(input_error_of([&] { r.finish(); }),
               Contains("o1.toml:3: unknown key 'run.huors' (did you mean 'run.hours'?)"));
  }
  SECTION("a TOML syntax error") {
    write_text(dir / "o2.toml", "[run]\nhours = = 3\n");
    ConfigReader r = ConfigReader::from_file(dir / "base.toml");
    CHECK_THAT(input_error_of([&] { r.add_overlay(dir / "o2.toml"); }),
               Contains("o2.toml:2: TOML syntax error"));
  }
  SECTION("a table where the base has a value") {
    write_text(dir / "o3.toml", "[title]\nmain = \"y\"\n");
    ConfigReader r = ConfigReader::from_file(dir / "base.toml");
    CHECK_THAT(input_error_of([&] { r.add_overlay(dir / "o3.toml"); }),
               Contains("o3.toml:2: key 'title.main': a part of it is a value in"));
  }
  SECTION("a missing overlay file") {
    ConfigReader r = ConfigReader::from_file(dir / "base.toml");
    CHECK_THAT(input_error_of([&] { r.add_overlay(dir / "nope.toml"); }),
               Contains("nope.toml: configuration overlay does not exist"));
  }
}
