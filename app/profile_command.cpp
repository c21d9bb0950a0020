#include "profile_command.hpp"

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "taifeng/solver/profile.hpp"

namespace taifeng::app {

namespace {

// Option values, bound by add_profile_command and read by run_profile_command.
struct ProfileOptions {
  std::string model = "holland1980";
  std::optional<double> rmax_km, dp_hpa, b, vmax_ms, lat_deg;
  std::vector<double> r_km;
  bool no_coriolis = false;
  bool json = false;
};

ProfileOptions& options() {
  static ProfileOptions o;
  return o;
}

}  // namespace

CLI::App* add_profile_command(CLI::App& app) {
  ProfileOptions& o = options();
  CLI::App* cmd = app.add_subcommand(
      "profile",
      "Print a parametric gradient-level wind profile V(r) of a tropical cyclone. Models: "
      "holland1980 (needs two of --dp-hpa, --b, --vmax-ms; --lat unless --no-coriolis), "
      "holland2010 (two of --dp-hpa, --b, --vmax-ms; anchored at V(300 km) = 17 m/s), "
      "willoughby (Willoughby et al. 2006 dual exponential; needs --vmax-ms and --lat). "
      "B from Vm and dp: clip(Vm^2 e rho / dp, 1, 2.5), rho = 1.15 kg/m3.");
  cmd->fallthrough();  // -v/-q may follow the subcommand
  cmd->add_option("-m,--model", o.model, "Profile model")
      ->check(CLI::IsMember({"holland1980", "holland2010", "willoughby"}))
      ->capture_default_str();
  cmd->add_option("--rmax-km", o.rmax_km, "Radius of maximum wind Rmax (km, > 0)")->required();
  cmd->add_option("--dp-hpa", o.dp_hpa,
                  "Pressure deficit dp = p_env - p_centre (hPa; Holland models)");
  cmd->add_option("--b", o.b, "Holland shape parameter B (dimensionless, typically 1-2.5)");
  cmd->add_option("--vmax-ms", o.vmax_ms,
                  "Maximum gradient wind Vm (m/s): gives B with --dp-hpa (Holland 1980/2010), "
                  "or dp with --b; required for willoughby");
  cmd->add_option("--lat", o.lat_deg,
                  "Storm latitude (degrees, -90..90, south negative): Coriolis for holland1980, "
                  "parameter fits for willoughby");
  cmd->add_option("--r-km", o.r_km, "Radii at which to evaluate V (km, >= 0), e.g. 10,20,40,300")
      ->delimiter(',')
      ->required();
  cmd->add_flag("--no-coriolis", o.no_coriolis,
                "Holland 1980 without the Coriolis terms (cyclostrophic; --lat not needed)");
  cmd->add_flag("--json", o.json,
                "One JSON document {\"model\", \"r_km\", \"v_ms\"} instead of a table");
  return cmd;
}

int run_profile_command() {
  const ProfileOptions& o = options();
  solver::ProfileRequest req;
  req.model = o.model;
  req.rmax_km = o.rmax_km;
  req.dp_hpa = o.dp_hpa;
  req.b = o.b;
  req.vmax_ms = o.vmax_ms;
  req.lat_deg = o.lat_deg;
  req.coriolis = !o.no_coriolis;
  req.r_km = o.r_km;
  const solver::ProfileParameters p = solver::resolve_profile_parameters(req);
  const std::vector<double> v = solver::profile_speeds(req);

  if (o.json) {
    nlohmann::json j;
    j["model"] = p.model;
    j["r_km"] = req.r_km;
    j["v_ms"] = v;
    std::cout << j.dump() << "\n";
    return 0;
  }
  std::string header = fmt::format("# {}: Rmax {} km", p.model, p.rmax_km);
  if (p.vmax_ms) header += fmt::format(", Vm {:.3f} m/s", *p.vmax_ms);
  if (p.dp_hpa && p.model != "willoughby") header += fmt::format(", dp {:.3f} hPa", *p.dp_hpa);
  if (p.b && p.model != "willoughby") header += fmt::format(", B {:.6f}", *p.b);
  if (p.lat_deg) header += fmt::format(", lat {} deg", *p.lat_deg);
  if (p.model == "holland1980") header += fmt::format(", f {:.4e} 1/s", p.f);
  std::cout << header << "\n" << fmt::format("{:>10}  {:>10}\n", "r_km", "v_ms");
  for (std::size_t k = 0; k < v.size(); ++k)
    std::cout << fmt::format("{:>10.3f}  {:>10.4f}\n", req.r_km[k], v[k]);
  return 0;
}

}  // namespace taifeng::app
