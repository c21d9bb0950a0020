#include "taifeng/hpc/render_stage.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "taifeng/core/atomic_file.hpp"
#include "taifeng/hpc/cycle_scene.hpp"
#include "taifeng/viz/bulletin_page.hpp"
#include "taifeng/viz/render.hpp"
#include "taifeng/viz/scene_vtk.hpp"

namespace taifeng::hpc {

namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

RenderOutcome run_render_stage(const CycleConfig& cfg, const fs::path& run_dir) {
  RenderOutcome out;
  auto t = std::chrono::steady_clock::now();
  const viz::CycleScene scene = read_cycle_scene(run_dir, cfg);
  out.seconds["read"] = since(t);

  t = std::chrono::steady_clock::now();
  viz::VtkSceneOptions vtk_opt;
  vtk_opt.vertical_exaggeration = cfg.render_vertical_exaggeration;
  for (const std::string& f : viz::write_scene_vtk(run_dir / "vtk" / "scene", scene, vtk_opt).files)
    out.files["vtk"].push_back("vtk/scene/" + f);
  out.seconds["vtk"] = since(t);

  viz::RenderOptions opt;
  opt.width = cfg.render_width;
  opt.height = cfg.render_height;
  opt.scene_width = cfg.render_width;
  opt.scene_height = cfg.render_height;
  opt.vertical_exaggeration = cfg.render_vertical_exaggeration;
  opt.frame_width = cfg.render_frame_width;
  opt.frame_height = cfg.render_frame_height;
  opt.fps = cfg.render_fps;
  opt.gale_colormap = cfg.render_gale_colormap;
  opt.wind_colormap = cfg.render_wind_colormap;
  opt.depth_colormap = cfg.render_depth_colormap;
  opt.scene_azimuth_deg = cfg.render_azimuth_deg;
  opt.scene_elevation_deg = cfg.render_elevation_deg;
  opt.scene_zoom = cfg.render_zoom;
  if (cfg.render_box)
    opt.map_box = viz::MapBox{cfg.render_box->lon_min, cfg.render_box->lon_max,
                              cfg.render_box->lat_min, cfg.render_box->lat_max};
  std::vector<viz::PageImage> images;
  std::string why;
  if (!viz::display_available(&why)) {
    out.skipped_reason = why;
    spdlog::warn(
        "render: no usable X display ({}): maps and animation skipped, VTK files and "
        "the bulletin page written (run under `xvfb-run -a` to render)",
        why);
  } else {
    fs::create_directories(run_dir / "maps");
    t = std::chrono::steady_clock::now();
    const auto a = viz::render_overview(run_dir / "maps" / "overview.png", scene, opt);
    out.seconds["overview"] = since(t);
    t = std::chrono::steady_clock::now();
    const auto b = viz::render_evacuation_scene(run_dir / "maps" / "evacuation_3d.png", scene, opt);
    out.seconds["evacuation_scene"] = since(t);
    t = std::chrono::steady_clock::now();
    const auto c = viz::render_wind_animation(run_dir / "maps" / "wind", scene, opt);
    out.seconds["animation"] = since(t);
    out.rendered = a.rendered && b.rendered && c.rendered;
    for (const auto* r : {&a, &b})
      for (const std::string& f : r->files) out.files["png"].push_back("maps/" + f);
    for (const std::string& f : c.files) out.files["animation"].push_back("maps/wind/" + f);
    for (const auto* r : {&a, &b, &c})
      if (!r->skipped_reason.empty()) {
        out.skipped_reason += (out.skipped_reason.empty() ? "" : "; ") + r->skipped_reason;
        spdlog::warn("render: {}", r->skipped_reason);
      }
    if (a.rendered)
      images.push_back({"总览图：预警信号、大风概率与路径",
                        "Overview: signals, gale probability and track",
                        read_bytes(run_dir / "maps" / "overview.png")});
    if (b.rendered)
      images.push_back({"转移安置三维场景", "Evacuation scene (3-D)",
                        read_bytes(run_dir / "maps" / "evacuation_3d.png")});
    spdlog::info("render: overview {:.1f} s, 3-D scene {:.1f} s, animation {} frames {:.1f} s",
                 out.seconds["overview"], out.seconds["evacuation_scene"], c.frames,
                 out.seconds["animation"]);
  }
  t = std::chrono::steady_clock::now();
  const std::string html = viz::bulletin_page_html(
      scene, images, {"warnings/cap/feed.xml", "warnings/summary.json", "warnings/evacuation.json"},
      cfg.alert.sender_name_zh, cfg.alert.sender_name_en);
  write_file_atomic(run_dir / "bulletin.html", html);
  out.files["page"].push_back("bulletin.html");
  out.seconds["page"] = since(t);
  return out;
}

}  // namespace taifeng::hpc
