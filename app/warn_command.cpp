#include "warn_command.hpp"

#include <chrono>
#include <iostream>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/sha256.hpp"
#include "taifeng/core/version.hpp"
#include "taifeng/hpc/cycle_config.hpp"
#include "taifeng/hpc/hazard_netcdf.hpp"
#include "taifeng/hpc/warn_stage.hpp"
#include "taifeng/warnings/registry_read.hpp"

namespace taifeng::app {

namespace {

struct {
  std::string config, wind, surge, previous, registry, out;
} args;

}  // namespace

CLI::App* add_warn_command(CLI::App& app) {
  CLI::App* warn = app.add_subcommand(
      "warn",
      "Run the warnings stage alone: exposure, county signals and storm-surge levels, CAP 1.2 "
      "messages (Alert/Update/Cancel against --previous) with the Atom feed, SMS bulletins, "
      "the evacuation plan and warnings/summary.json, from a forecast cycle's NetCDF files");
  warn->fallthrough();
  warn->add_option("config", args.config,
                   "Cycle configuration (TOML): [registry], [warnings], [evacuation] are used")
      ->required();
  warn->add_option("--wind", args.wind, "Wind NetCDF of a cycle (wind_<storm>_<YYYYMMDDHH>.nc)")
      ->required();
  warn->add_option("--surge", args.surge,
                   "Surge NetCDF of the same cycle (surge_<storm>_<YYYYMMDDHH>.nc); without it "
                   "no storm-surge levels are decided");
  warn->add_option("--previous", args.previous,
                   "The previous cycle's output folder: its warnings/messages.json decides "
                   "Update/Cancel and the references");
  warn->add_option("--registry", args.registry,
                   "Registry GeoPackage or PG: connection string (default: the configuration's)");
  warn->add_option("-o,--out", args.out, "Output folder (written atomically)")->required();
  return warn;
}

int run_warn_command(const std::vector<std::string>& command) {
  namespace fs = std::filesystem;
  const auto wall0 = std::chrono::steady_clock::now();
  ConfigReader reader = ConfigReader::from_file(args.config);
  hpc::CycleConfig cfg = hpc::read_cycle_config(reader);
  if (!args.registry.empty()) {
    if (!warnings::registry_is_connection(args.registry) && !fs::exists(args.registry))
      throw_input_error("--registry " + args.registry,
                        "no such file (expected a registry "
                        "GeoPackage or a PG: connection string)");
    cfg.registry_file = args.registry;
    cfg.units_file.clear();
    cfg.census_file.clear();
  }
  for (const std::string* f : {&args.wind, &args.surge})
    if (!f->empty() && !fs::is_regular_file(*f))
      throw_input_error(*f, "no such file (expected a taifeng forecast NetCDF file)");
  if (!args.previous.empty() && !fs::is_directory(args.previous))
    throw_input_error("--previous " + args.previous,
                      "no such folder (expected the previous "
                      "cycle's output folder)");
  cfg.previous_cycle = args.previous;
  const warnings::HazardProducts hazard =
      hpc::read_hazard_netcdf(args.wind, args.surge, cfg.signal_rules);
  spdlog::info("hazard: {} ({}) from {}, {} on a {}x{} grid{}", hazard.storm_name_en,
               hazard.storm_id, format_iso_utc(hazard.analysis_time),
               hazard.wind.members > 0 ? fmt::format("{}-member ensemble", hazard.wind.members)
                                       : std::string("deterministic"),
               hazard.wind.grid.nlon, hazard.wind.grid.nlat,
               hazard.surge ? fmt::format(", surge from {} runs", hazard.surge->runs) : "");
  const hpc::WarnRegistry registry = hpc::load_warn_registry(cfg);
  StagedDir stage(fs::absolute(args.out));
  const hpc::WarnOutcome outcome =
      hpc::run_warn_stage(cfg, registry, hazard, cfg.previous_cycle, stage.path());
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  for (const auto& [role, p] :
       {std::pair{"config", args.config}, {"wind", args.wind}, {"surge", args.surge}}) {
    if (p.empty()) continue;
    inputs.push_back({{"role", role},
                      {"path", fs::absolute(p).lexically_normal().string()},
                      {"sha256", sha256_file(p)}});
  }
  nlohmann::ordered_json run = {
      {"software", {{"name", "taifeng"}, {"version", version_string}}},
      {"command", command},
      {"inputs", inputs},
      {"previous_cycle", args.previous.empty() ? nlohmann::ordered_json(nullptr)
                                               : nlohmann::ordered_json(args.previous)},
      {"messages", outcome.messages},
      {"outputs", outcome.files},
      {"wall_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count()}};
  write_file_atomic(stage.path() / "warn.json", run.dump(2) + "\n");
  stage.commit();
  std::cout << "warnings: " << (stage.final_path() / "warnings").string() << " ("
            << outcome.messages << " CAP messages)\n";
  return 0;
}

}  // namespace taifeng::app
