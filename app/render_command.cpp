#include "render_command.hpp"

#include <fstream>
#include <iostream>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/hpc/cycle_config.hpp"
#include "taifeng/hpc/render_stage.hpp"

namespace taifeng::app {

namespace {
std::string run_dir;
}  // namespace

CLI::App* add_render_command(CLI::App& app) {
  CLI::App* render = app.add_subcommand(
      "render",
      "(Re)draw a finished forecast cycle from its folder and its config.toml: VTK scene for "
      "ParaView (vtk/scene), overview map and 3-D evacuation scene (maps/*.png), hourly wind "
      "animation (maps/wind: PNG frames, MP4 or GIF) and the bulletin page (bulletin.html). "
      "Needs an X display for the images (use `xvfb-run -a taifeng render DIR`); without one "
      "the VTK files and the page are still written");
  render->fallthrough();
  render->add_option("run_dir", run_dir, "Output folder of a forecast cycle")->required();
  return render;
}

int run_render_command() {
  namespace fs = std::filesystem;
  const fs::path dir = fs::absolute(run_dir);
  if (!fs::is_regular_file(dir / "config.toml"))
    throw_input_error(dir.string(),
                      "no config.toml (expected the output folder of a taifeng "
                      "forecast cycle)");
  ConfigReader reader = ConfigReader::from_file(dir / "config.toml");
  const hpc::CycleConfig cfg = hpc::read_cycle_config(reader);
  const hpc::RenderOutcome r = hpc::run_render_stage(cfg, dir);
  // run.json lists the outputs by kind: replace the rendered kinds.
  if (fs::is_regular_file(dir / "run.json")) {
    std::ifstream in(dir / "run.json");
    nlohmann::ordered_json run = nlohmann::ordered_json::parse(in);
    for (const auto& [kind, files] : r.files) run["outputs"][kind] = files;
    write_file_atomic(dir / "run.json", run.dump(2) + "\n");
  }
  std::cout << "rendered: " << dir.string()
            << (r.rendered ? "" : " (images skipped: " + r.skipped_reason + ")") << "\n";
  for (const auto& [kind, files] : r.files)
    std::cout << "  " << kind << ": " << files.size() << " file(s)\n";
  return 0;
}

}  // namespace taifeng::app
