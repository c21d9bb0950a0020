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
  }
  return "?";
}

namespace {

solver::swe::SideBc side(ConfigReader& r, const std::string& s, const std::string& def) {
  solver::swe::SideBc b;
  const std::string kind = r.string("boundaries." + s, def, {"wall", "outflow", "level"});
  b.kind = kind == "wall"      ? solver::swe::BcKind::wall
           : kind == "outflow" ? solver::swe::BcKind::outflow
                               : solver::swe::BcKind::level;
  b.eta = r.number("boundaries." + s + "_level_m", 0.0, -100, 100);
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

  const std::string c = r.string(
      "initial.case", {"dam_break", "radial_dam_break", "thacker", "lake_at_rest", "wind_setup"});
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
  } else {
    s.kind = Case::wind_setup;
    s.h_mean = r.number("initial.h_mean_m", 1e-3, 1e4);
  }
  s.u10 = r.number("forcing.u10_ms", 0.0, -100, 100);
  s.v10 = r.number("forcing.v10_ms", 0.0, -100, 100);

  s.phys.g = r.number("physics.g", 9.81, 0.1, 100);
  s.phys.manning_n = r.number("physics.manning_n", 0.0, 0.0, 0.2);
  s.phys.f0 = r.number("physics.f0", 0.0, -1e-3, 1e-3);
  s.phys.beta = r.number("physics.beta", 0.0, -1e-9, 1e-9);
  s.phys.dry_tolerance = r.number("physics.dry_tolerance_m", 1e-6, 1e-12, 1e-1);
  s.phys.limiter = r.string("physics.limiter", "mc", {"mc", "minmod"}) == "mc"
                       ? solver::swe::Limiter::mc
                       : solver::swe::Limiter::minmod;
  s.cfl = r.number("time.cfl", 0.4, 0.01, 0.5);
  s.end_s = r.number("time.end_s", 1e-9, 1e9);
  s.output_every_s = r.number("time.output_every_s", 0.0, 0.0, 1e9);
  s.checkpoint_every_s = r.number("time.checkpoint_every_s", 0.0, 0.0, 1e9);
  s.bc.west = side(r, "west", bc_default);
  s.bc.east = side(r, "east", bc_default);
  s.bc.south = side(r, "south", bc_default);
  s.bc.north = side(r, "north", bc_default);
  s.write_netcdf = r.boolean("output.netcdf", true);
  r.finish();
  return s;
}

}  // namespace taifeng::hpc::swe
