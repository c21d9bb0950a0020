#pragma once
// Rendered images of one forecast cycle, drawn off-screen with VTK: the overview map, the
// 3-D evacuation scene and the hourly wind animation (PNG frames, MP4 through ffmpeg, GIF
// fallback). VTK renders through GLX and aborts without an X display, so every render_*
// first checks display_available() and, without a usable display, returns
// rendered = false with the reason (the caller keeps writing its VTK files); `xvfb-run -a`
// provides a display on a headless machine.
//
// Maps are drawn in plain lon/lat: x = lon * cos(mid latitude of the box), y = lat, seen
// through a parallel projection, so that distances are true at the box's mid latitude.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/viz/scene.hpp"

namespace taifeng::viz {

struct MapBox {
  double lon_min = 0, lon_max = 0, lat_min = 0, lat_max = 0;  // degrees
};
// Hainan island and its coastal waters: the box when a scene has no counties.
inline constexpr MapBox hainan_box{107.5, 111.5, 17.8, 20.4};

// Noto Sans CJK (Debian fonts-noto-cjk) if installed, else "" (VTK's built-in Arial, which
// has no Chinese glyphs: Chinese names are then left out of the labels).
std::string default_font_file();

struct RenderOptions {
  int width = 1600, height = 1200;              // overview map, pixels
  int scene_width = 1600, scene_height = 1200;  // 3-D evacuation scene
  int frame_width = 960, frame_height = 720;    // animation frames
  // Unset: the box around the counties' polygon parts near the median seat of government
  // (vertex mean within max(100 km, 2.5 x the seats' median distance from it), so that
  // Sansha's far-flung reefs do not stretch it), widened by 20 % of its span on each side;
  // hainan_box for a scene without counties.
  std::optional<MapBox> map_box;
  // Colour maps by name: Blues, Purples, Greens, YlOrRd, Viridis, Turbo.
  std::string gale_colormap = "Purples";  // gale probability (overview)
  std::string wind_colormap = "Turbo";    // wind speed (animation)
  std::string depth_colormap = "Blues";   // inundation depth (3-D scene)
  double wind_max_ms = 60;                // fixed wind colour range 0..wind_max_ms
  double depth_max_m = 3;                 // inundation colour range 0..depth_max_m
  // 3-D scene: terrain height x vertical_exaggeration; camera seen from the compass
  // direction scene_azimuth_deg (180 = from the south) at scene_elevation_deg above the
  // horizon, zoomed by scene_zoom after fitting the scene.
  double vertical_exaggeration = 20;
  double scene_azimuth_deg = 200, scene_elevation_deg = 40, scene_zoom = 1.35;
  std::string font_file = default_font_file();  // TrueType/OpenType; "" = built-in Arial
  bool county_labels = true;                    // county names next to their seats of government
  std::string ffmpeg = "ffmpeg";
  int fps = 4;  // animation frames per second
};

struct RenderResult {
  bool rendered = false;
  std::string skipped_reason;      // why nothing (or only part) was produced
  std::vector<std::string> files;  // written, relative to the output folder
  int frames = 0;                  // animation frames written
  double seconds = 0;              // wall time
};

// Is there an X display VTK can render on ($DISPLAY set, XOpenDisplay succeeds and the
// server offers GLX)? On false, *why (if given) says what is missing.
bool display_available(std::string* why = nullptr);

// The map box in effect for these options and this scene.
MapBox map_box(const RenderOptions& options, const CycleScene& scene);

// Where a point is drawn in the overview image: pixel coordinates from the image's left
// and top edges (pixel (i, j) covers [i, i+1) x [j, j+1)).
struct PixelXY {
  double x = 0, y = 0;
};
PixelXY map_pixel(const RenderOptions& options, const CycleScene& scene, LonLat p);

// Overview map (PNG of width x height): coastline, counties filled with signal_rgb (opaque,
// so the signal colour shows unaltered inside a county), gale-probability shading with its
// colour bar beneath the counties (visible over the sea and land outside the counties),
// the 67 % cone outline, ensemble members, the forecast track with markers and times
// (+08:00) every 12 h, title (storm, issue time +08:00, leads) and legend.
RenderResult render_overview(const std::filesystem::path& png, const CycleScene& scene,
                             const RenderOptions& options);

// 3-D evacuation scene (PNG of scene_width x scene_height): terrain warped by the relief,
// coloured by inundation depth where it is > 0, shelters as spheres (volume ~ assigned
// people, colour = load), flows as tubes (cross-section ~ people) from origins to shelters.
RenderResult render_evacuation_scene(const std::filesystem::path& png, const CycleScene& scene,
                                     const RenderOptions& options);

// Wind animation in `dir`: one frame per hourly wind field, wind_0000.png ... (wind speed on
// a fixed colour range, coastline, track, storm position, time +08:00), encoded by ffmpeg to
// wind.mp4 (H.264, yuv420p). Only when the MP4 cannot be made (no ffmpeg, no libx264, ffmpeg
// failed) the frames go to wind.gif instead, with taifeng's own GIF encoder.
RenderResult render_wind_animation(const std::filesystem::path& dir, const CycleScene& scene,
                                   const RenderOptions& options);

}  // namespace taifeng::viz
