#pragma once
// Helpers of the track-reader tests: scratch files, fixture paths, error capture.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/forcing/tracks.hpp"

namespace taifeng::test_tracks {

namespace fs = std::filesystem;

inline constexpr double kt = 1852.0 / 3600.0;  // m/s
inline constexpr double nmi = 1.852;           // km

inline std::string bdeck(const std::string& file) {
  return std::string(TAIFENG_DATA_DIR) + "/tracks/bdeck/" + file;
}

inline std::string fixture(const std::string& file) {
  return (fs::path(TAIFENG_SOURCE_DIR) / "tests/forcing/tracks/fixtures" / file).string();
}

inline fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "tracks";
  fs::create_directories(dir);
  return dir;
}

// Writes `content` verbatim and returns the path.
inline std::string write_file(const std::string& name, const std::string& content) {
  const fs::path p = tmp_dir() / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  REQUIRE(out.good());
  return p.string();
}

inline std::optional<Error> error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

// f must throw an input error located at "file:line" (line 0: the file alone) whose message
// contains every one of `expected`.
inline void require_input_error(const std::function<void()>& f, const std::string& file, long line,
                                const std::vector<std::string>& expected) {
  const auto e = error_of(f);
  REQUIRE(e.has_value());
  INFO(e->what());
  CHECK(e->kind() == ErrorKind::input);
  CHECK(e->exit_code() == 2);
  CHECK(e->where() == (line > 0 ? file + ":" + std::to_string(line) : file));
  for (const std::string& s : expected) CHECK_THAT(e->what(), Catch::Matchers::Contains(s));
}

inline const TrackPoint* fix_at(const Track& t, TimePoint time) {
  for (const TrackPoint& p : t.points)
    if (p.time == time) return &p;
  return nullptr;
}

inline const WindRadii* radii_of(const TrackPoint& p, double threshold_kt) {
  for (const WindRadii& w : p.radii)
    if (std::abs(w.threshold_ms - threshold_kt * kt) < 1e-9) return &w;
  return nullptr;
}

inline bool strictly_increasing(const Track& t) {
  for (std::size_t i = 1; i < t.points.size(); ++i)
    if (!(t.points[i - 1].time < t.points[i].time)) return false;
  return true;
}

inline bool any_warning_contains(const forcing::TrackFile& f, const std::string& s) {
  for (const std::string& w : f.warnings)
    if (w.find(s) != std::string::npos) return true;
  return false;
}

}  // namespace taifeng::test_tracks
