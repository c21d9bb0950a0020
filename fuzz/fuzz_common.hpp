#pragma once
// Shared harness of the track-reader fuzz targets: the readers take paths, so each input
// is written to a per-process scratch file. taifeng::Error (an input error) is the normal
// answer to bad bytes; anything else — a crash, a sanitizer report, another exception
// escaping, a hang — is a finding. A successful read must also keep the reader contract
// (strictly increasing times, values in range or NaN), checked here with __builtin_trap.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/tracks.hpp"

namespace taifeng_fuzz {

// The scratch directory: $TAIFENG_FUZZ_TMP, else /dev/shm (tmpfs: a disk file per input
// costs milliseconds), else the system temporary directory.
inline std::filesystem::path scratch_dir() {
  if (const char* d = std::getenv("TAIFENG_FUZZ_TMP")) return d;
  std::error_code ec;
  if (std::filesystem::is_directory("/dev/shm", ec)) return "/dev/shm";
  return std::filesystem::temp_directory_path();
}

inline std::filesystem::path& scratch_path() {
  static std::filesystem::path p;
  return p;
}

inline const std::filesystem::path& scratch_file(const char* name) {
  std::filesystem::path& p = scratch_path();
  if (p.empty()) {
    p = scratch_dir() /
        ("taifeng_" + std::string(name) + "_" + std::to_string(::getpid()) + ".txt");
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove(scratch_path(), ec);
    });
  }
  return p;
}

inline void write_input(const std::filesystem::path& p, const uint8_t* data, size_t size) {
  FILE* f = std::fopen(p.c_str(), "wb");
  if (!f) __builtin_trap();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) __builtin_trap();
  std::fclose(f);
}

inline bool nan_or_in(double v, double lo, double hi) {
  return std::isnan(v) || (v >= lo && v <= hi);
}

inline void check_track(const taifeng::Track& t) {
  for (std::size_t i = 0; i < t.points.size(); ++i) {
    const taifeng::TrackPoint& p = t.points[i];
    if (i > 0 && !(t.points[i - 1].time < p.time)) __builtin_trap();
    if (!(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 360)) __builtin_trap();
    if (!nan_or_in(p.vmax_ms, 0, 120) || !nan_or_in(p.pmin_hpa, 850, 1050)) __builtin_trap();
    if (!nan_or_in(p.rmw_km, 0, 5000)) __builtin_trap();
    for (const taifeng::WindRadii& w : p.radii)
      for (double r : w.radius_km)
        if (!nan_or_in(r, 0, 5000)) __builtin_trap();
    if (p.source_ref.empty()) __builtin_trap();
  }
}

inline void check_contract(const taifeng::forcing::TrackFile& f) {
  if (f.format.empty()) __builtin_trap();
  for (const auto& s : f.storms) {
    if (s.id.empty()) __builtin_trap();
    for (const auto& m : s.ensemble.members) {
      if (m.track.points.empty()) __builtin_trap();
      check_track(m.track);
    }
  }
}

// Runs reader(path) on the bytes; input errors are expected outcomes.
template <class Reader>
void run(const char* name, const uint8_t* data, size_t size, Reader reader) {
  const auto& p = scratch_file(name);
  write_input(p, data, size);
  try {
    reader(p);
  } catch (const taifeng::Error& e) {
    if (e.kind() != taifeng::ErrorKind::input) __builtin_trap();  // internal fault = a bug
  }
}

}  // namespace taifeng_fuzz
