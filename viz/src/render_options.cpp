// Render options: validation, colour maps, and the texts of titles.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "render_detail.hpp"
#include "taifeng/core/error.hpp"

namespace taifeng::viz {

std::string default_font_file() {
  const char* noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
  std::error_code ec;
  return std::filesystem::is_regular_file(noto, ec) ? noto : "";
}

}  // namespace taifeng::viz

namespace taifeng::viz::detail {

namespace {

using Stops = std::vector<std::array<int, 3>>;

// ColorBrewer sequential 9-class maps and matplotlib's viridis, as hex stops.
const std::map<std::string, Stops>& stop_maps() {
  static const std::map<std::string, Stops> maps = {
      {"Blues",
       {{0xf7, 0xfb, 0xff},
        {0xde, 0xeb, 0xf7},
        {0xc6, 0xdb, 0xef},
        {0x9e, 0xca, 0xe1},
        {0x6b, 0xae, 0xd6},
        {0x42, 0x92, 0xc6},
        {0x21, 0x71, 0xb5},
        {0x08, 0x51, 0x9c},
        {0x08, 0x30, 0x6b}}},
      {"Purples",
       {{0xfc, 0xfb, 0xfd},
        {0xef, 0xed, 0xf5},
        {0xda, 0xda, 0xeb},
        {0xbc, 0xbd, 0xdc},
        {0x9e, 0x9a, 0xc8},
        {0x80, 0x7d, 0xba},
        {0x6a, 0x51, 0xa3},
        {0x54, 0x27, 0x8f},
        {0x3f, 0x00, 0x7d}}},
      {"Greens",
       {{0xf7, 0xfc, 0xf5},
        {0xe5, 0xf5, 0xe0},
        {0xc7, 0xe9, 0xc0},
        {0xa1, 0xd9, 0x9b},
        {0x74, 0xc4, 0x76},
        {0x41, 0xab, 0x5d},
        {0x23, 0x8b, 0x45},
        {0x00, 0x6d, 0x2c},
        {0x00, 0x44, 0x1b}}},
      {"YlOrRd",
       {{0xff, 0xff, 0xcc},
        {0xff, 0xed, 0xa0},
        {0xfe, 0xd9, 0x76},
        {0xfe, 0xb2, 0x4c},
        {0xfd, 0x8d, 0x3c},
        {0xfc, 0x4e, 0x2a},
        {0xe3, 0x1a, 0x1c},
        {0xbd, 0x00, 0x26},
        {0x80, 0x00, 0x26}}},
      {"Viridis",
       {{0x44, 0x01, 0x54},
        {0x47, 0x2d, 0x7b},
        {0x3b, 0x52, 0x8b},
        {0x2c, 0x72, 0x8e},
        {0x21, 0x91, 0x8c},
        {0x28, 0xae, 0x80},
        {0x5e, 0xc9, 0x62},
        {0xad, 0xdc, 0x30},
        {0xfd, 0xe7, 0x25}}},
  };
  return maps;
}

// Google's polynomial fit of the Turbo rainbow map (Mikhailov 2019).
Rgb turbo(double t) {
  const double r =
      34.61 + t * (1172.33 - t * (10793.56 - t * (33300.12 - t * (38394.49 - t * 14825.05))));
  const double g =
      23.31 + t * (557.33 + t * (1225.33 - t * (3574.96 - t * (1073.77 + t * 707.56))));
  const double b =
      27.2 + t * (3211.1 - t * (15327.97 - t * (27814.0 - t * (22569.18 - t * 6838.66))));
  const auto c = [](double v) { return std::clamp(v / 255.0, 0.0, 1.0); };
  return {c(r), c(g), c(b)};
}

void require(bool ok, const std::string& option, const std::string& expected) {
  if (!ok) throw_input_error("render options: " + option, "expected " + expected);
}

}  // namespace

Rgb rgb_of(const std::array<unsigned char, 3>& c) {
  return {c[0] / 255.0, c[1] / 255.0, c[2] / 255.0};
}

bool known_colormap(const std::string& name) {
  return name == "Turbo" || stop_maps().count(name) != 0;
}

Rgb colormap(const std::string& name, double t) {
  t = std::isnan(t) ? 0.0 : std::clamp(t, 0.0, 1.0);
  if (name == "Turbo") return turbo(t);
  const auto it = stop_maps().find(name);
  if (it == stop_maps().end())
    throw_input_error("render options: colour map", "unknown colour map '" + name + "'");
  const Stops& s = it->second;
  const double u = t * double(s.size() - 1);
  const std::size_t k = std::min(std::size_t(u), s.size() - 2);
  const double f = u - double(k);
  const auto mix = [&](int c) { return ((1 - f) * s[k][c] + f * s[k + 1][c]) / 255.0; };
  return {mix(0), mix(1), mix(2)};
}

void validate(const RenderOptions& o) {
  const auto size_ok = [](int v) { return v >= 64 && v <= 8192; };
  require(size_ok(o.width) && size_ok(o.height), "width/height", "64..8192 pixels");
  require(size_ok(o.scene_width) && size_ok(o.scene_height), "scene_width/scene_height",
          "64..8192 pixels");
  require(size_ok(o.frame_width) && size_ok(o.frame_height), "frame_width/frame_height",
          "64..8192 pixels");
  if (o.map_box) {
    const MapBox& b = *o.map_box;
    require(b.lon_min < b.lon_max && b.lat_min < b.lat_max && b.lat_min > -85 && b.lat_max < 85 &&
                b.lon_max - b.lon_min <= 360,
            "map_box", "lon_min < lon_max, -85 < lat_min < lat_max < 85");
  }
  const std::string names = "one of Blues, Purples, Greens, YlOrRd, Viridis, Turbo";
  require(known_colormap(o.gale_colormap), "gale_colormap", names);
  require(known_colormap(o.wind_colormap), "wind_colormap", names);
  require(known_colormap(o.depth_colormap), "depth_colormap", names);
  require(o.wind_max_ms > 0 && std::isfinite(o.wind_max_ms), "wind_max_ms", "> 0 m/s");
  require(o.depth_max_m > 0 && std::isfinite(o.depth_max_m), "depth_max_m", "> 0 m");
  require(o.vertical_exaggeration > 0 && o.vertical_exaggeration <= 1000, "vertical_exaggeration",
          "0 < v <= 1000");
  require(o.scene_elevation_deg > 0 && o.scene_elevation_deg < 90, "scene_elevation_deg",
          "0 < degrees < 90");
  require(std::isfinite(o.scene_azimuth_deg), "scene_azimuth_deg", "a finite angle");
  require(o.scene_zoom > 0 && o.scene_zoom <= 20, "scene_zoom", "0 < zoom <= 20");
  std::error_code ec;
  require(o.font_file.empty() || std::filesystem::is_regular_file(o.font_file, ec), "font_file",
          "an existing font file or \"\" (got '" + o.font_file + "')");
  require(!o.ffmpeg.empty(), "ffmpeg", "the ffmpeg program");
  require(o.fps >= 1 && o.fps <= 60, "fps", "1..60 frames per second");
}

bool cjk_font(const RenderOptions& options) {
  return !options.font_file.empty();
}

std::string local_time(TimePoint t) {
  // format_iso_offset: "2005-09-25T08:00:00+08:00"
  const std::string iso = format_iso_offset(t, china_standard_offset);
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " " + iso.substr(19);
}

std::string storm_heading(const CycleScene& scene, bool cjk) {
  std::string s;
  if (cjk) s = "台风 ";
  if (cjk && !scene.storm_name_zh.empty()) s += scene.storm_name_zh + " ";
  std::string en = scene.storm_name_en;
  std::transform(en.begin(), en.end(), en.begin(), [](unsigned char c) { return std::toupper(c); });
  s += cjk ? en : "Typhoon " + en;
  if (!scene.storm_id.empty()) s += " (" + scene.storm_id + ")";
  return s;
}

std::string leads_text(const CycleScene& scene) {
  const auto& l = scene.lead_hours;
  if (l.empty()) return "no forecast leads";
  const auto num = [](double h) { return fmt::format("{:g}", h); };
  std::string s = "forecast leads " + num(l.front()) + "–" + num(l.back()) + " h";
  if (l.size() >= 2) {
    const double step = l[1] - l[0];
    bool uniform = true;
    for (std::size_t k = 1; k < l.size(); ++k)
      uniform = uniform && std::abs(l[k] - l[k - 1] - step) < 1e-6;
    s += uniform ? " every " + num(step) + " h" : " (" + std::to_string(l.size()) + " times)";
  }
  return s;
}

}  // namespace taifeng::viz::detail
