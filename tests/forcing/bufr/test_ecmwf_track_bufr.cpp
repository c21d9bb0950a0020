// Tests of the ECMWF tropical-cyclone track BUFR reader (forcing/src/bufr) on the bundled
// Herold (22S, 2020-03-19 12 UTC) ensemble and deterministic files, and on broken inputs
// written to the scratch directory.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/forcing/tracks.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;
using Catch::Matchers::Contains;

namespace {

const std::string eps_file =
    TAIFENG_DATA_DIR "/tracks/ecmwf/tracks_22S_HEROLD_2020031912.eps.bufr4";
const std::string det_file =
    TAIFENG_DATA_DIR "/tracks/ecmwf/tracks_22S_HEROLD_2020031912.det.bufr4";

fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "ecmwf_track_bufr";
  fs::create_directories(dir);
  return dir;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string write_file(const std::string& name, const std::string& content) {
  const fs::path p = tmp_dir() / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
  return p.string();
}

const EnsembleMember& member(const StormTracks& s, int id) {
  for (const auto& m : s.ensemble.members)
    if (m.id == id) return m;
  FAIL("member " << id << " not found");
  throw;  // not reached
}

// Reading `path` must fail with an input error whose message names the file.
void require_input_error_naming(const std::string& path) {
  try {
    read_ecmwf_track_bufr(path);
    FAIL("no error for " << path);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK_THAT(std::string(e.what()), Contains(path));
  }
}

// Every point of every member lies where Herold was (south-west Indian Ocean, moving
// south-east from the Mascarene area): 20–40°S, 60–95°E.
void check_plausible_box(const TrackFile& tf) {
  for (const auto& s : tf.storms)
    for (const auto& m : s.ensemble.members)
      for (const auto& p : m.track.points) {
        INFO("member " << m.id << " " << p.source_ref);
        CHECK(p.lat < -20.0);
        CHECK(p.lat > -40.0);
        CHECK(p.lon > 60.0);
        CHECK(p.lon < 95.0);
        if (!std::isnan(p.pmin_hpa)) {
          CHECK(p.pmin_hpa > 960.0);
          CHECK(p.pmin_hpa < 1020.0);
        }
        if (!std::isnan(p.vmax_ms)) {
          CHECK(p.vmax_ms > 5.0);
          CHECK(p.vmax_ms < 40.0);
        }
        CHECK(p.averaging == WindAveraging::ten_minute);
      }
}

}  // namespace

TEST_CASE("ECMWF track BUFR: Herold ensemble file", "[bufr][ecmwf]") {
  const TrackFile tf = read_ecmwf_track_bufr(eps_file);
  CHECK(tf.format == "ecmwf-bufr");
  REQUIRE(tf.storms.size() == 1);
  const StormTracks& s = tf.storms[0];
  CHECK(s.id == "22S");
  CHECK(s.name == "HEROLD");

  // 52 subsets numbered 1..52; members 7 and 50 carry no position at any step (the tracker
  // did not find the storm in them) and are left out with a warning.
  std::set<int> ids;
  for (const auto& m : s.ensemble.members) ids.insert(m.id);
  std::set<int> expected;
  for (int i = 1; i <= 52; ++i)
    if (i != 7 && i != 50) expected.insert(i);
  CHECK(ids == expected);
  CHECK(s.ensemble.members.size() == 50);
  int not_tracked = 0;
  for (const auto& w : tf.warnings)
    if (w.find("no storm centre at any step") != std::string::npos) {
      ++not_tracked;
      CHECK_THAT(w, Contains(eps_file));
    }
  CHECK(not_tracked == 2);

  const TimePoint base = make_utc(2020, 3, 19, 12);
  for (const auto& m : s.ensemble.members) {
    INFO("member " << m.id);
    CHECK(m.track.id == "22S");
    CHECK(m.track.name == "HEROLD");
    REQUIRE(m.track.points.size() > 1);
    CHECK(m.track.start() == base);
    for (std::size_t k = 1; k < m.track.points.size(); ++k)
      CHECK(m.track.points[k].time > m.track.points[k - 1].time);
  }

  // Member 1 (bufr_dump -jf): analysis #2#latitude -26, #2#longitude 72,
  // #1#pressureReducedToMeanSeaLevel 99500 Pa, #1#windSpeedAt10M 17.5 m/s; +6 h -26.3/72.7,
  // 100000 Pa, 17 m/s; +12 h -27/73.6; then no centre (track ends after 3 points).
  const Track& m1 = member(s, 1).track;
  CHECK(m1.source == "ECMWF EPS perturbed");
  REQUIRE(m1.points.size() == 3);
  CHECK(m1.points[0].lat == Approx(-26.0).margin(1e-4));
  CHECK(m1.points[0].lon == Approx(72.0).margin(1e-4));
  CHECK(m1.points[0].pmin_hpa == Approx(995.0).margin(1e-4));
  CHECK(m1.points[0].vmax_ms == Approx(17.5).margin(1e-4));
  CHECK(m1.points[1].time == make_utc(2020, 3, 19, 18));
  CHECK(m1.points[1].lat == Approx(-26.3).margin(1e-4));
  CHECK(m1.points[1].lon == Approx(72.7).margin(1e-4));
  CHECK(m1.points[2].time == make_utc(2020, 3, 20, 0));
  CHECK(m1.points[2].lat == Approx(-27.0).margin(1e-4));

  // Member 8: centres at +0, +6, none at +12/+18, again at +24: the gap is left out.
  const Track& m8 = member(s, 8).track;
  REQUIRE(m8.points.size() >= 3);
  CHECK(m8.points[1].time == make_utc(2020, 3, 19, 18));
  CHECK(m8.points[2].time == make_utc(2020, 3, 20, 12));
  CHECK(m8.points[2].lat == Approx(-29.8).margin(1e-4));

  // Member 44 is tracked longest: to +54 h (2020-03-21 18 UTC) at 36.8°S 88.3°E.
  const Track& m44 = member(s, 44).track;
  CHECK(m44.end() == make_utc(2020, 3, 21, 18));
  CHECK(m44.points.back().lat == Approx(-36.8).margin(1e-4));
  CHECK(m44.points.back().lon == Approx(88.3).margin(1e-4));

  // Control and high-resolution members (ensembleForecastType 1 and 0).
  CHECK(member(s, 51).track.source == "ECMWF EPS control");
  CHECK(member(s, 52).track.source == "ECMWF HRES");
  for (int id = 2; id <= 49; ++id)
    if (id != 7) CHECK(member(s, id).track.source == "ECMWF EPS perturbed");

  check_plausible_box(tf);
}

TEST_CASE("ECMWF track BUFR: Herold deterministic file", "[bufr][ecmwf]") {
  const TrackFile tf = read_ecmwf_track_bufr(det_file);
  REQUIRE(tf.storms.size() == 1);
  const StormTracks& s = tf.storms[0];
  CHECK(s.id == "22S");
  CHECK(s.name == "HEROLD");
  REQUIRE(s.ensemble.members.size() == 1);
  const EnsembleMember& m = s.ensemble.members[0];
  CHECK(m.id == 52);
  CHECK(m.track.source == "ECMWF HRES");
  // bufr_dump -p: +0 h -26/72 99600 Pa 16.5 m/s; +6 h -26.7/72.8 100000 Pa 15.9 m/s;
  // +12 h -27.5/73.5 100100 Pa 15.4 m/s.
  REQUIRE(m.track.points.size() == 3);
  CHECK(m.track.start() == make_utc(2020, 3, 19, 12));
  CHECK(m.track.end() == make_utc(2020, 3, 20, 0));
  CHECK(m.track.points[0].lat == Approx(-26.0).margin(1e-4));
  CHECK(m.track.points[0].lon == Approx(72.0).margin(1e-4));
  CHECK(m.track.points[0].pmin_hpa == Approx(996.0).margin(1e-4));
  CHECK(m.track.points[0].vmax_ms == Approx(16.5).margin(1e-4));
  CHECK(m.track.points[2].lat == Approx(-27.5).margin(1e-4));
  CHECK(m.track.points[2].lon == Approx(73.5).margin(1e-4));
  CHECK(m.track.points[2].pmin_hpa == Approx(1001.0).margin(1e-4));
  CHECK(m.track.points[2].vmax_ms == Approx(15.4).margin(1e-4));
  CHECK(tf.warnings.empty());
  check_plausible_box(tf);

  // The HRES subset of the ensemble file is the same run.
  const TrackFile eps = read_ecmwf_track_bufr(eps_file);
  const Track& hres = member(eps.storms.at(0), 52).track;
  REQUIRE(hres.points.size() == m.track.points.size());
  for (std::size_t k = 0; k < hres.points.size(); ++k) {
    CHECK(hres.points[k].time == m.track.points[k].time);
    CHECK(hres.points[k].lat == Approx(m.track.points[k].lat).margin(1e-4));
    CHECK(hres.points[k].lon == Approx(m.track.points[k].lon).margin(1e-4));
    CHECK(hres.points[k].pmin_hpa == Approx(m.track.points[k].pmin_hpa).margin(1e-4));
  }
}

TEST_CASE("ECMWF track BUFR: broken inputs are input errors naming the file",
          "[bufr][ecmwf][errors]") {
  SECTION("missing file") {
    require_input_error_naming((tmp_dir() / "does_not_exist.bufr4").string());
  }
  SECTION("random bytes") {
    std::mt19937 rng(42);
    std::string bytes(4096, '\0');
    for (auto& c : bytes) c = char(rng() & 0xff);
    require_input_error_naming(write_file("garbage.bufr4", bytes));
  }
  SECTION("text file") {
    require_input_error_naming(
        write_file("text.bufr4", "22S HEROLD 2020031912\nthis is not BUFR\n"));
  }
  SECTION("empty file") {
    require_input_error_naming(write_file("empty.bufr4", ""));
  }
  SECTION("truncated file (first half)") {
    const std::string real = read_bytes(eps_file);
    REQUIRE(real.size() > 1000);
    require_input_error_naming(write_file("truncated.bufr4", real.substr(0, real.size() / 2)));
  }
  SECTION("BUFR header followed by garbage") {
    const std::string real = read_bytes(eps_file);
    std::string broken = real;
    for (std::size_t i = 200; i + 4 < broken.size(); i += 7) broken[i] = char(broken[i] ^ 0x5a);
    require_input_error_naming(write_file("corrupted.bufr4", broken));
  }
  SECTION("directory") {
    require_input_error_naming(tmp_dir().string());
  }
}
