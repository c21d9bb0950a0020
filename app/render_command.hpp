#pragma once
// `taifeng render RUN_DIR`: (re)draws a finished cycle folder from its own config.toml:
// VTK scene, maps, animation and bulletin page (hpc/render_stage.hpp). Registered by main.cpp.
#include <CLI/CLI.hpp>

namespace taifeng::app {

CLI::App* add_render_command(CLI::App& app);
int run_render_command();

}  // namespace taifeng::app
