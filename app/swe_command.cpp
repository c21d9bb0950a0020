#include "swe_command.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/hpc/swe/run.hpp"

namespace taifeng::app {

namespace {
struct SweArgs {
  std::string config, restart, out;
  bool json = false;
} args;
}  // namespace

CLI::App* add_swe_command(CLI::App& app) {
  CLI::App* c = app.add_subcommand(
      "swe",
      "Run a standalone shallow-water scenario (dam breaks, Thacker paraboloid, lake at rest, "
      "wind set-up; still water over a relief file such as ETOPO5, or the last state of an "
      "earlier run; forced by a uniform wind or a storm best track): CF NetCDF of h, eta, u, v and "
      "maxima; HDF5 checkpoints; errors against "
      "the analytic solution where one exists. Keys: configs/README.md (taifeng swe). Runs "
      "under mpirun with a 2-D block decomposition.");
  c->fallthrough();
  c->add_option("config", args.config, "Scenario configuration (TOML)")->required();
  c->add_flag("--json", args.json,
              "Print {steps, cells, wall_s, cell_updates_per_s, mass_rel_change, outputs, "
              "errors{l1,l2,linf} of h (m)} on stdout");
  c->add_option("--restart", args.restart,
                "Continue from a checkpoint (HDF5) written by this scenario")
      ->check(CLI::ExistingFile);
  c->add_option("-o,--out", args.out, "Output folder (overrides run.output_dir)");
  return c;
}

int run_swe_command(const hpc::MpiSession& mpi) {
  ConfigReader reader = ConfigReader::from_file(args.config);
  hpc::swe::Scenario s = hpc::swe::read_scenario(reader);
  if (!args.out.empty()) {
    s.output_dir = std::filesystem::absolute(args.out);
    reader.record_override("run.output_dir", s.output_dir.string());
  }
  std::ostringstream resolved;
  resolved << reader.resolved();
  spdlog::info("scenario {} (resolved, defaults filled in):\n{}", args.config, resolved.str());
  const hpc::swe::SweResult r = hpc::swe::run_swe(s, mpi, args.restart);
  if (!mpi.root()) return 0;
  nlohmann::ordered_json j = {
      {"steps", r.steps},           {"cells", r.cells},
      {"wall_s", r.wall_s},         {"cell_updates_per_s", r.cell_updates_per_s},
      {"end_time_s", r.end_time_s}, {"mass_rel_change", r.mass_rel_change},
      {"ranks", mpi.size()},        {"output_dir", r.output_dir.string()},
      {"outputs", r.outputs}};
  if (r.errors)
    j["errors"] = {{"variable", "h"},
                   {"units", "m"},
                   {"l1", r.errors->l1},
                   {"l2", r.errors->l2},
                   {"linf", r.errors->linf}};
  if (args.json) {
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "swe " << s.name << ": " << r.steps << " steps, " << r.cells << " cells, "
              << r.wall_s << " s, " << r.cell_updates_per_s / 1e6 << " M cell updates/s\n";
    if (r.errors)
      std::cout << "  h error vs analytic: L1 " << r.errors->l1 << " m, L2 " << r.errors->l2
                << " m, Linf " << r.errors->linf << " m\n";
    std::cout << "  mass relative change " << r.mass_rel_change << "\n"
              << "results: " << r.output_dir.string() << "\n";
  }
  return 0;
}

}  // namespace taifeng::app
