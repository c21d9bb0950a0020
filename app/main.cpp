// taifeng: the command. Thin on purpose: parse the command line, set up MPI and logging,
// hand over to the libraries, and turn errors into one line and an exit code
// (2 = bad input or configuration, 1 = internal fault).
#include <cstdio>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "profile_command.hpp"
#include "registry_command.hpp"
#include "render_command.hpp"
#include "swe_command.hpp"
#include "verify_command.hpp"
#include "warn_command.hpp"
#include "watch_command.hpp"

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/core/stop_request.hpp"
#include "taifeng/core/version.hpp"
#include "taifeng/forcing/inspect.hpp"
#include "taifeng/forcing/synth_analysis.hpp"
#include "taifeng/hpc/cycle_config.hpp"
#include "taifeng/hpc/forecast_cycle.hpp"
#include "taifeng/hpc/hdf5_runtime.hpp"
#include "taifeng/hpc/mpi_runtime.hpp"
#include "taifeng/hpc/surge_checkpoint_files.hpp"

namespace {

int run_forecast(const std::string& config_path, const std::vector<std::string>& overlays,
                 const std::string& out_override, const std::string& previous,
                 const std::string& checkpoint_dir, const taifeng::hpc::MpiSession& mpi,
                 const std::vector<std::string>& command) {
  using namespace taifeng;
  ConfigReader reader = ConfigReader::from_file(config_path);
  for (const std::string& o : overlays) reader.add_overlay(o);
  hpc::CycleConfig cfg = hpc::read_cycle_config(reader);
  if (!previous.empty()) {
    if (!std::filesystem::is_directory(previous))
      throw_input_error("--previous " + previous,
                        "no such folder (expected the previous cycle's output folder)");
    cfg.previous_cycle = std::filesystem::absolute(previous);
  }
  if (!out_override.empty()) {
    cfg.output_dir = std::filesystem::absolute(out_override);
    reader.record_override("run.output_dir", cfg.output_dir.string());
  }
  if (!checkpoint_dir.empty()) {
    cfg.surge_checkpoint_dir = hpc::checkpoint_folder_option(checkpoint_dir, cfg.output_dir);
    if (!cfg.surge) spdlog::warn("--checkpoint-dir: [surge] is off, nothing to checkpoint");
  }
  spdlog::info("taifeng {} forecast: {} MPI rank(s) x {} OpenMP thread(s)", version_string,
               mpi.size(), hpc::omp_threads());
  std::ostringstream resolved;
  resolved << reader.resolved();
  spdlog::info("configuration {} (resolved, defaults filled in):\n{}", config_path, resolved.str());
  spdlog::info("output folder: {}", cfg.output_dir.string());
  const hpc::CycleResult r = hpc::run_forecast_cycle(cfg, reader, mpi, command);
  if (mpi.root()) {
    spdlog::info("forecast cycle finished in {:.2f} s, {} CAP alert(s)", r.wall_s, r.n_alerts);
    std::cout << "results: " << r.output_dir.string() << "\n"
              << "  run record: " << (r.output_dir / "run.json").string() << "\n";
  }
  return 0;
}

int run_inspect(const std::string& file, bool as_json, const std::string& sample,
                const std::string& at) {
  using namespace taifeng;
  if (sample.empty() != at.empty())
    throw_input_error("--sample/--at", "give both --sample VAR and --at LAT,LON[,TIME[,LEVEL]]");
  if (!sample.empty()) {
    // LAT,LON[,TIME[,LEVEL]]
    std::vector<std::string> parts;
    std::stringstream ss(at);
    for (std::string p; std::getline(ss, p, ',');) parts.push_back(p);
    auto number = [&](std::size_t k, const char* what) {
      try {
        std::size_t used = 0;
        const double v = std::stod(parts[k], &used);
        if (used != parts[k].size()) throw std::invalid_argument(what);
        return v;
      } catch (const std::exception&) {
        throw_input_error("--at", std::string(what) + " '" + parts[k] + "' is not a number");
      }
    };
    if (parts.size() < 2 || parts.size() > 4)
      throw_input_error("--at", "expected LAT,LON[,TIME[,LEVEL]], got '" + at + "'");
    std::optional<std::string> time;
    if (parts.size() >= 3 && !parts[2].empty()) time = parts[2];
    std::optional<double> level;
    if (parts.size() == 4) level = number(3, "level (hPa)");
    std::cout << forcing::sample_json(file, sample, number(0, "latitude"), number(1, "longitude"),
                                      time, level);
    return 0;
  }
  std::cout << (as_json ? forcing::inspect_json(file) : forcing::inspect_text(file));
  return 0;
}

int run_synth_analysis(const std::string& config_path, const std::string& out) {
  using namespace taifeng;
  ConfigReader reader = ConfigReader::from_file(config_path);
  const forcing::SynthConfig cfg = forcing::read_synth_config(reader);
  forcing::write_synth_analysis(out, cfg);
  spdlog::info("synthetic analysis written: {}", out);
  std::cout << "synthetic analysis: " << out << "\n";
  return 0;
}

// The one line every command ends with on an error.
void print_error(const taifeng::Error& e) {
  std::fprintf(stderr, "taifeng: %s%s\n",
               e.kind() == taifeng::ErrorKind::input     ? "error: "
               : e.kind() == taifeng::ErrorKind::stopped ? ""
                                                         : "internal error: ",
               e.what());
}

taifeng::Verbosity verbosity(bool verbose, bool quiet) {
  return verbose ? taifeng::Verbosity::verbose
         : quiet ? taifeng::Verbosity::quiet
                 : taifeng::Verbosity::normal;
}

// `taifeng watch` without MPI: it forks its cycles, which a process with MPI must not do.
int watch_main(int argc, char** argv) {
  CLI::App app{"taifeng — typhoon forecast and early-warning system"};
  app.require_subcommand(1);
  bool verbose = false, quiet = false;
  app.add_flag("-v,--verbose", verbose, "More log output (debug level)");
  app.add_flag("-q,--quiet", quiet, "Only warnings and errors in the log");
  taifeng::app::add_watch_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  taifeng::init_logging(0, verbosity(verbose, quiet));
  try {
    return taifeng::app::run_watch_command();
  } catch (const taifeng::Error& e) {
    print_error(e);
    return e.exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "taifeng: internal error: %s\n", e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  taifeng::hpc::disable_hdf5_exit_handler();
  if (taifeng::app::is_watch_command(argc, argv)) return watch_main(argc, argv);
  taifeng::hpc::MpiSession mpi(&argc, &argv);
  std::vector<std::string> command(argv, argv + argc);

  CLI::App app{"taifeng — typhoon forecast and early-warning system"};
  app.set_version_flag("--version", std::string("taifeng ") + taifeng::version_string);
  app.require_subcommand(1);
  bool verbose = false, quiet = false;
  app.add_flag("-v,--verbose", verbose, "More log output (debug level)");
  app.add_flag("-q,--quiet", quiet, "Only warnings and errors in the log");

  std::string config_path, out_dir, previous_dir, checkpoint_dir;
  std::vector<std::string> overlays;
  CLI::App* forecast = app.add_subcommand(
      "forecast",
      "Run one forecast cycle: track and intensity forecast, hourly wind fields and swath, "
      "storm surge, exposure, county signals, CAP 1.2 messages with an Atom feed, SMS bulletins, "
      "the evacuation plan, CF NetCDF, VTK and "
      "run.json. Configuration keys: configs/README.md.");
  forecast->fallthrough();  // -v/-q may follow the subcommand
  forecast->add_option("config", config_path, "Forecast configuration (TOML)")->required();
  forecast->add_option("-o,--out", out_dir,
                       "Output folder (overrides run.output_dir; replaced atomically)");
  forecast->add_option("--previous", previous_dir,
                       "The previous cycle's output folder: its warnings/messages.json decides "
                       "which CAP messages are Alert, Update or Cancel");
  forecast->add_option("--overlay", overlays,
                       "A configuration file whose keys replace those of CONFIG (repeatable; "
                       "relative paths in it are relative to its own folder): how `taifeng "
                       "watch` adds a cycle's inputs to the station configuration");
  forecast->add_option("--checkpoint-dir", checkpoint_dir,
                       "Private work folder for the surge runs' HDF5 checkpoints: a rerun with "
                       "the same folder resumes them (bitwise the same results)");

  std::string inspect_file, sample_var, sample_at;
  bool inspect_json = false;
  CLI::App* inspect = app.add_subcommand(
      "inspect",
      "Detect a file's format (NetCDF, GRIB2, ECMWF track BUFR, ATCF, JTWC CSV, IBTrACS CSV, CMA "
      "best track, HURDAT2) and print what was read; values in SI units.");
  inspect->fallthrough();
  inspect->add_option("file", inspect_file, "File to inspect")->required();
  inspect->add_flag("--json", inspect_json, "One JSON document instead of a summary");
  inspect->add_option("--sample", sample_var,
                      "Print the value of this variable (name, standard_name or alias) ...");
  inspect->add_option("--at", sample_at,
                      "... at the grid point nearest LAT,LON[,TIME[,LEVEL_hPa]]");

  std::string synth_config, synth_out = "synthetic_analysis.nc";
  CLI::App* synth = app.add_subcommand("synth", "Generate synthetic inputs for tests and demos");
  synth->require_subcommand(1);
  synth->fallthrough();
  CLI::App* synth_analysis = synth->add_subcommand(
      "analysis",
      "Write a CF NetCDF analysis (u, v, geopotential height on pressure levels, mean sea-level "
      "pressure, SST) with a steering pattern and an optional vortex, marked as synthetic. Keys: "
      "configs/synth/README.md.");
  synth_analysis->fallthrough();
  synth_analysis->add_option("config", synth_config, "Synthetic analysis configuration (TOML)")
      ->required();
  synth_analysis->add_option("-o,--out", synth_out, "Output NetCDF file")->capture_default_str();

  CLI::App* profile = taifeng::app::add_profile_command(app);
  CLI::App* fit = taifeng::app::add_fit_command(app);
  CLI::App* verify = taifeng::app::add_verify_command(app);
  CLI::App* swe = taifeng::app::add_swe_command(app);
  CLI::App* registry = taifeng::app::add_registry_command(app);
  CLI::App* warn = taifeng::app::add_warn_command(app);
  CLI::App* render = taifeng::app::add_render_command(app);
  taifeng::app::add_watch_command(app);  // listed in --help; run by watch_main

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help/version or the usage error
    return code == 0 ? 0 : 2;
  }

  taifeng::init_logging(mpi.rank(), verbosity(verbose, quiet));
  try {
    if (forecast->parsed()) {
      taifeng::install_stop_handlers();  // SIGTERM: unwind, publish nothing
      return run_forecast(config_path, overlays, out_dir, previous_dir, checkpoint_dir, mpi,
                          command);
    }
    if (swe->parsed()) return taifeng::app::run_swe_command(mpi);
    if (!mpi.root()) return 0;  // the other commands are serial
    if (inspect->parsed()) return run_inspect(inspect_file, inspect_json, sample_var, sample_at);
    if (synth_analysis->parsed()) return run_synth_analysis(synth_config, synth_out);
    if (profile->parsed()) return taifeng::app::run_profile_command();
    if (fit->parsed()) return taifeng::app::run_fit_command();
    if (verify->parsed()) return taifeng::app::run_verify_command();
    if (registry->parsed()) return taifeng::app::run_registry_command();
    if (warn->parsed()) return taifeng::app::run_warn_command(command);
    if (render->parsed()) return taifeng::app::run_render_command();
  } catch (const taifeng::Error& e) {
    if (mpi.root() || e.kind() == taifeng::ErrorKind::internal) print_error(e);
    // Input errors happen on every rank alike (all read the inputs); an internal fault or
    // a stop may reach one rank only, so the others must not wait for it.
    if (mpi.size() > 1 && e.kind() != taifeng::ErrorKind::input) mpi.abort(e.exit_code());
    return e.exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "taifeng: internal error: %s\n", e.what());
    if (mpi.size() > 1) mpi.abort(1);
    return 1;
  }
  return 0;
}
