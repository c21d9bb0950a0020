#pragma once
// `taifeng registry build|inspect`: the base registry as a GeoPackage (warnings/registry_gpkg.hpp).
#include <CLI/CLI.hpp>

namespace taifeng::app {

CLI::App* add_registry_command(CLI::App& app);
int run_registry_command();  // after a successful parse (serial, rank 0)

}  // namespace taifeng::app
