#include "taifeng/hpc/swe/scenario.hpp"

#include <cmath>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::hpc::swe {

const char* case_name(Case c) {
  switch (c) {
    case Case::dam_break:
      return "dam_break";
    case Case::radial_dam_break:
      return "radial_dam_break";
    case Case::thacker:
      return "thacker";
    case Case::lake_at_rest:
      return "lake_at_rest";
    case Case::wind_setup:
      return "wind_setup";
    case Case::relief:
      return "relief";
    case Case::file:
      return "file";
  }
  return "?";
}

namespace {

solver::swe::SideBc side(ConfigReader& r, const std::string& s, const std::string& def,
                         double level_def) {
  solver::swe::SideBc b;
  const std::string kind = r.string("boundaries." + s, def, {"wall", "outflow", "level"});
  b.kind = kind == "wall"      ? solver::swe::BcKind::wall
           : kind == "outflow" ? solver::swe::BcKind::outflow
                               : solver::swe::BcKind::level;
  b.eta = r.number("boundaries." + s + "_level_m", level_def, -100, 100);
  return b;
}

}  // namespace

Scenario read_scenario(ConfigReader& r) {
  Scenario s;
  s.config_file = r.source();
  s.name = r.string("run.name", "swe");
  s.output_dir = r.path("run.output_dir", "out/" + s.name, false);

  for (const char* k : {"grid.nx", "grid.ny"})
    if (!r.has(k))
      throw_input_error(r.where(k), fmt::format("key '{}': missing; expected an integer in "
                                                "[2, 100000] (cells)",
                                                k));
  s.nx = r.integer("grid.nx", 2, 2, 100000);
  s.ny = r.integer("grid.ny", 2, 2, 100000);
  if (double(s.nx) * double(s.ny) > 1e8)
    throw_input_error(r.where("grid.ny"), "key 'grid.ny': more than 1e8 cells");
  s.geo.dx = r.number("grid.dx_m", 1e-6, 1e6);
  s.geo.dy = r.number("grid.dy_m", s.geo.dx, 1e-6, 1e6);
  s.geo.x0 = r.number("grid.x0_m", 0.0, -1e9, 1e9);
  s.geo.y0 = r.number("grid.y0_m", 0.0, -1e9, 1e9);
  const double lx = double(s.nx) * s.geo.dx;

  if (r.has("grid.lon_ref_deg") || r.has("grid.lat_ref_deg")) {
    s.lon_ref = r.number("grid.lon_ref_deg", -180, 360);
    s.lat_ref = r.number("grid.lat_ref_deg", -80, 80);
  }
  const std::string c = r.string("initial.case", {"dam_break", "radial_dam_break", "thacker",
                                                  "lake_at_rest", "wind_setup", "relief", "file"});
  auto need_placement = [&](const char* what) {
    if (!s.placed())
      throw_input_error(r.where("grid.nx"),
                        fmt::format("keys 'grid.lon_ref_deg' and 'grid.lat_ref_deg': required for "
                                    "{} (where x = 0, y = 0 lies on the Earth)",
                                    what));
  };
  std::string bc_default = "wall";
  if (c == "dam_break") {
    s.kind = Case::dam_break;
    s.hl = r.number("initial.hl_m", 1e-6, 1e4);
    s.hr = r.number("initial.hr_m", 0.0, 0.0, 1e4);
    s.x0 = r.number("initial.x0_m", s.geo.x0 + 0.5 * lx, -1e9, 1e9);
    if (s.hr >= s.hl)
      throw_input_error(r.where("initial.hr_m"),
                        "key 'initial.hr_m': must be below initial.hl_m (dam break toward +x)");
    bc_default = "outflow";
  } else if (c == "radial_dam_break") {
    s.kind = Case::radial_dam_break;
    s.h_in = r.number("initial.h_in_m", 1e-6, 1e4);
    s.h_out = r.number("initial.h_out_m", 0.0, 1e4);
    s.r0 = r.number("initial.radius_m", 1e-6, 1e9);
    bc_default = "outflow";
  } else if (c == "thacker") {
    s.kind = Case::thacker;
    s.a = r.number("initial.a_m", 1.0, 1e-6, 1e9);
    s.h0 = r.number("initial.h0_m", 0.1, 1e-6, 1e4);
    s.sigma = r.number("initial.sigma_m", 0.5, 0.0, 1e9);
    if (s.sigma >= s.a)
      throw_input_error(r.where("initial.sigma_m"),
                        "key 'initial.sigma_m': must be below initial.a_m");
  } else if (c == "lake_at_rest") {
    s.kind = Case::lake_at_rest;
    s.eta0 = r.number("initial.eta0_m", 1.0, -1e4, 1e4);
    s.bump_height = r.number("initial.bump_height_m", 0.0, -1e4, 1e4);
    s.bump_width = r.number("initial.bump_width_m", 0.1 * lx, 1e-6, 1e9);
  } else if (c == "wind_setup") {
    s.kind = Case::wind_setup;
    s.h_mean = r.number("initial.h_mean_m", 1e-3, 1e4);
  } else if (c == "relief") {
    s.kind = Case::relief;
    need_placement("initial.case = \"relief\"");
    s.relief_file = r.path("bathymetry.file", true);
    s.relief_variable = r.string("bathymetry.variable", "ROSE");
    s.depth_cap_m = r.number("bathymetry.depth_cap_m", 0.0, 0.0, 12000);
    s.level_m = r.number("initial.level_m", 0.0, -100, 100);
    bc_default = "level";
  } else {
    s.kind = Case::file;
    s.initial_file = r.path("initial.file", true);
  }
  s.u10 = r.number("forcing.u10_ms", 0.0, -100, 100);
  s.v10 = r.number("forcing.v10_ms", 0.0, -100, 100);
  if (r.has("forcing.track_file")) {
    need_placement("forcing.track_file");
    s.track_file = r.path("forcing.track_file", true);
    s.storm_id = r.string("forcing.storm_id");
    s.start = r.time("forcing.start");
    s.ramp_hours = r.number("forcing.ramp_hours", 6, 0, 240);
    s.forcing_interval_minutes = r.number("forcing.interval_minutes", 10, 0.1, 360);
    s.p_env_hpa = r.number("forcing.p_env_hpa", 1010, 950, 1050);
    s.land_threshold_m = r.number("forcing.land_threshold_m", 0, -100, 1000);
    if (s.u10 != 0 || s.v10 != 0)
      throw_input_error(r.where("forcing.track_file"),
                        "key 'forcing.track_file': give either a storm track or a uniform wind "
                        "(forcing.u10_ms/v10_ms), not both");
  }

  s.phys.g = r.number("physics.g", 9.81, 0.1, 100);
  s.phys.manning_n = r.number("physics.manning_n", 0.0, 0.0, 0.2);
  // Spherical Coriolis f = 2 Omega sin(lat) per row, for scenarios placed on the Earth.
  if (r.string("physics.coriolis", "beta_plane", {"beta_plane", "sphere"}) == "sphere") {
    need_placement("physics.coriolis = \"sphere\"");
    if (r.has("physics.f0") || r.has("physics.beta"))
      throw_input_error(r.where("physics.coriolis"),
                        "key 'physics.coriolis': \"sphere\" computes f from the latitude; "
                        "remove physics.f0 and physics.beta");
    s.phys.sphere_lat_ref_deg = s.lat_ref;
    s.phys.y_ref = 0.0;
  } else {
    s.phys.f0 = r.number("physics.f0", 0.0, -1e-3, 1e-3);
    s.phys.beta = r.number("physics.beta", 0.0, -1e-9, 1e-9);
  }
  s.phys.dry_tolerance = r.number("physics.dry_tolerance_m", 1e-6, 1e-12, 1e-1);
  s.phys.limiter = r.string("physics.limiter", "mc", {"mc", "minmod"}) == "mc"
                       ? solver::swe::Limiter::mc
                       : solver::swe::Limiter::minmod;
  // 2: MUSCL + SSP-RK2 (limiter above); 1: first order, forward Euler (limiter unused).
  s.phys.order = int(r.integer("numerics.order", 2, 1, 2));
  s.cfl = r.number("time.cfl", 0.4, 0.01, 0.5);
  s.end_s = r.number("time.end_s", 1e-9, 1e9);
  s.output_every_s = r.number("time.output_every_s", 0.0, 0.0, 1e9);
  s.checkpoint_every_s = r.number("time.checkpoint_every_s", 0.0, 0.0, 1e9);
  s.bc.west = side(r, "west", bc_default, s.level_m);
  s.bc.east = side(r, "east", bc_default, s.level_m);
  s.bc.south = side(r, "south", bc_default, s.level_m);
  s.bc.north = side(r, "north", bc_default, s.level_m);
  s.write_netcdf = r.boolean("output.netcdf", true);
  r.finish();
  return s;
}

}  // namespace taifeng::hpc::swe
