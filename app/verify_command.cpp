#include "verify_command.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/core/sha256.hpp"
#include "taifeng/forcing/tracks.hpp"
#include "taifeng/hpc/verify.hpp"

namespace taifeng::app {

namespace {

struct FitArgs {
  std::string tracks, years = "1945-2000", out;
} fit_args;

struct VerifyArgs {
  std::string tracks, model = "persistence", cliper, years = "2001-2012", box = "0,360,-90,90";
  std::string errors_out, cone_years;
  bool json = false, cone = false;
} verify_args;

double parse_number(const std::string& text, const char* option) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
    return v;
  } catch (const std::exception&) {
    throw_input_error(option, "'" + text + "' is not a number");
  }
}

// "1945-2000" or "2005".
hpc::YearRange parse_years(const std::string& text) {
  const auto dash = text.find('-', 1);
  const std::string a = text.substr(0, dash);
  const std::string b = dash == std::string::npos ? a : text.substr(dash + 1);
  auto year = [&](const std::string& s) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
      throw_input_error("--years", "expected FIRST-LAST (e.g. 1945-2000), got '" + text + "'");
    return std::stoi(s);
  };
  const hpc::YearRange r{year(a), year(b)};
  if (r.first > r.last)
    throw_input_error("--years", "first year after last year in '" + text + "'");
  return r;
}

// "LONMIN,LONMAX,LATMIN,LATMAX", longitudes 0..360 (negative values are taken modulo 360).
hpc::LonLatBox parse_box(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream ss(text);
  for (std::string p; std::getline(ss, p, ',');) parts.push_back(p);
  if (parts.size() != 4)
    throw_input_error("--box", "expected LONMIN,LONMAX,LATMIN,LATMAX, got '" + text + "'");
  hpc::LonLatBox b{parse_number(parts[0], "--box"), parse_number(parts[1], "--box"),
                   parse_number(parts[2], "--box"), parse_number(parts[3], "--box")};
  if (b.lon_min < 0 && b.lon_max <= 0) b.lon_min += 360.0, b.lon_max += 360.0;
  if (!(b.lon_min < b.lon_max) || !(b.lat_min < b.lat_max) || b.lat_min < -90 || b.lat_max > 90 ||
      b.lon_min < 0 || b.lon_max > 360)
    throw_input_error("--box",
                      "need 0 <= LONMIN < LONMAX <= 360 and -90 <= LATMIN < LATMAX <= "
                      "90, got '" +
                          text + "'");
  return b;
}

void require_file(const std::string& file, const char* option) {
  std::error_code ec;
  if (file.empty() || !std::filesystem::is_regular_file(file, ec))
    throw_input_error(option, "no such file: '" + file + "'");
}

std::string describe(const std::string& tracks) {
  return std::filesystem::path(tracks).filename().string() + " sha256:" + sha256_file(tracks);
}

}  // namespace

CLI::App* add_fit_command(CLI::App& app) {
  CLI::App* fit = app.add_subcommand("fit", "Fit statistical track models on best tracks");
  fit->require_subcommand(1);
  fit->fallthrough();
  CLI::App* cliper = fit->add_subcommand(
      "cliper",
      "Fit the CLIPER (climatology and persistence) track and intensity regression per lead "
      "(12-120 h) on a best-track file and write it as JSON");
  cliper->fallthrough();
  cliper->add_option("--tracks", fit_args.tracks, "Best-track file (any format taifeng reads)")
      ->required();
  cliper->add_option("--years", fit_args.years, "Fit years FIRST-LAST")->capture_default_str();
  cliper->add_option("-o,--out", fit_args.out, "Output JSON model")->required();
  return fit;
}

CLI::App* add_verify_command(CLI::App& app) {
  CLI::App* v = app.add_subcommand(
      "verify",
      "Hindcast verification of a track model against the best track: a forecast from every "
      "fix in the box with 12 h of history, errors at 12/24/48/72/96/120 h");
  v->fallthrough();
  v->add_option("--tracks", verify_args.tracks, "Best-track file")->required();
  v->add_option("--model", verify_args.model, "persistence | cliper")->capture_default_str();
  v->add_option("--cliper", verify_args.cliper,
                "CLIPER model JSON (required for --model cliper; adds the skill vs CLIPER)");
  v->add_option("--years", verify_args.years, "Verification years FIRST-LAST")
      ->capture_default_str();
  v->add_option("--box", verify_args.box, "Analysis box LONMIN,LONMAX,LATMIN,LATMAX (deg)")
      ->capture_default_str();
  v->add_flag("--json", verify_args.json, "Print JSON instead of a table");
  v->add_flag("--cone", verify_args.cone,
              "Add the cone radius (67th percentile of the errors) and the fraction inside");
  v->add_option("--cone-years", verify_args.cone_years,
                "With --cone: take the cone radii from these years (FIRST-LAST) and report the "
                "out-of-sample fraction of the verification years inside them");
  v->add_option("--errors-out", verify_args.errors_out,
                "Write the along/cross/intensity error statistics (JSON) for the ensemble");
  return v;
}

int run_fit_command() {
  const FitArgs& a = fit_args;
  const hpc::YearRange years = parse_years(a.years);
  require_file(a.tracks, "--tracks");
  const forcing::TrackFile tracks = forcing::read_track_file(a.tracks);
  solver::CliperModel m = hpc::fit_cliper(tracks, years);
  m.source = describe(a.tracks);
  hpc::save_cliper_json(m, a.out);
  std::cout << "CLIPER fitted on " << years.first << "-" << years.last << " ("
            << tracks.storms.size() << " storms):";
  for (const auto& L : m.leads) std::cout << " " << L.lead_h << " h n=" << L.track_samples;
  std::cout << "\nmodel: " << a.out << "\n";
  return 0;
}

int run_verify_command() {
  const VerifyArgs& a = verify_args;
  hpc::VerifyOptions opt;
  opt.model = a.model;
  if (opt.model != "persistence" && opt.model != "cliper")
    throw_input_error("--model", "unknown model '" + a.model + "' (persistence|cliper)");
  opt.years = parse_years(a.years);
  opt.box = parse_box(a.box);
  opt.cone = a.cone;
  require_file(a.tracks, "--tracks");
  solver::CliperModel cliper;
  if (!a.cliper.empty()) {
    require_file(a.cliper, "--cliper");
    cliper = hpc::load_cliper_json(a.cliper);
    opt.cliper = &cliper;
  } else if (opt.model == "cliper") {
    throw_input_error("--cliper", "--model cliper needs --cliper FILE (see taifeng fit cliper)");
  }
  const forcing::TrackFile tracks = forcing::read_track_file(a.tracks);
  std::ostringstream src;
  src << describe(a.tracks) << "; years " << opt.years.first << "-" << opt.years.last << "; box "
      << opt.box.lon_min << "," << opt.box.lon_max << "," << opt.box.lat_min << ","
      << opt.box.lat_max << "; model " << opt.model;
  if (opt.cliper)
    src << " (CLIPER fit " << cliper.fit_year_first << "-" << cliper.fit_year_last << ")";
  opt.source = src.str();
  if (!a.cone_years.empty()) {
    if (!a.cone) throw_input_error("--cone-years", "needs --cone");
    hpc::VerifyOptions radii_opt = opt;
    radii_opt.years = parse_years(a.cone_years);
    const hpc::VerifyResult radii = hpc::verify_model(tracks, radii_opt);
    for (const auto& L : radii.leads) opt.cone_radii_km.push_back(L.cone_radius_km);
  }
  hpc::VerifyResult r = hpc::verify_model(tracks, opt);
  if (!a.errors_out.empty()) hpc::save_track_errors_json(r.stats, a.errors_out);
  std::cout << (a.json ? hpc::verify_json(r, opt) : hpc::verify_text(r));
  return 0;
}

}  // namespace taifeng::app
