#pragma once
// The last stage of a cycle, and `taifeng render RUN_DIR`: the cycle folder read back
// (cycle_scene.hpp) and drawn: VTK XML scene (vtk/scene/, ParaView), overview map and 3-D
// evacuation scene (maps/*.png), hourly wind animation (maps/wind/: frames, MP4 or GIF) and
// the self-contained bulletin page (bulletin.html). Without a usable X display the images
// are skipped with one warning line, the VTK files and the page (without maps) are still
// written, and the stage succeeds.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "taifeng/hpc/cycle_config.hpp"

namespace taifeng::hpc {

struct RenderOutcome {
  std::map<std::string, std::vector<std::string>> files;  // kind -> paths relative to run_dir
  bool rendered = false;
  std::string skipped_reason;
  std::map<std::string, double> seconds;  // per part
};

RenderOutcome run_render_stage(const CycleConfig& cfg, const std::filesystem::path& run_dir);

}  // namespace taifeng::hpc
