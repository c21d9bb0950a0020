#include "taifeng/solver/radial_profile.hpp"

#include <algorithm>
#include <cmath>

#include "taifeng/core/error.hpp"
#include "taifeng/solver/holland.hpp"

namespace taifeng::solver {

namespace {

// Holland (2010) shape (Rm/r)^B e^{1-(Rm/r)^B}, in (0, 1] for r > 0.
double h10_shape(double r, double rm, double b) {
  const double q = std::pow(rm / r, b);
  return q * std::exp(1.0 - q);
}

RadialProfile holland1980_profile(RadialProfile p) {
  p.model = WindProfile::holland1980;
  return p;
}

}  // namespace

WindProfile parse_wind_profile(std::string_view name, const std::string& where) {
  if (name == "holland1980") return WindProfile::holland1980;
  if (name == "holland2010") return WindProfile::holland2010;
  if (name == "willoughby") return WindProfile::willoughby;
  throw_input_error(where, "unknown wind profile '" + std::string(name) +
                               "' (expected holland1980, holland2010 or willoughby)");
}

const char* wind_profile_name(WindProfile p) {
  switch (p) {
    case WindProfile::holland1980:
      return "holland1980";
    case WindProfile::holland2010:
      return "holland2010";
    case WindProfile::willoughby:
      return "willoughby";
  }
  return "holland1980";
}

double holland2010_min_x_edge(double rm, double b, double r_edge) {
  // With V = Vm exp(x L), L = ln shape, and x = 0.5 + s (r - Rm), s = (x_edge - 0.5)/D,
  // D = r_edge - Rm: dV/dr <= 0  <=>  s A + 0.5 L' <= 0 with A = L + (r - Rm) L' < 0, i.e.
  // x_edge >= 0.5 (1 - D L'/A). The bound is largest at r = r_edge (checked numerically
  // for Rm 5-290 km and B 1-2.5, tests/solver/test_radial_profile.cpp), where it reads
  // 0.5 L / (L + D L').
  const double d = r_edge - rm;
  const double q = std::pow(rm / r_edge, b);
  const double l = b * std::log(rm / r_edge) + 1.0 - q;
  const double dl = -(b / r_edge) * (1.0 - q);
  return 0.5 * l / (l + d * dl);
}

RadialProfile make_radial_profile(WindProfile model, const HollandParameters& hp, double rm_m,
                                  double lat_deg, double rho) {
  RadialProfile p;
  p.requested = model;
  p.model = model;
  p.rm = rm_m;
  p.rho = rho;
  p.holland = hp;
  const double vm = hp.vg_max;
  if (model == WindProfile::holland2010) {
    const double re = holland2010_r_edge_m;
    if (!(vm > 0.0 && rm_m > 0.0 && rm_m < re)) return holland1980_profile(p);
    const double shape_edge = h10_shape(re, rm_m, hp.b);
    // Exponent at r_edge from the anchor (-inf when Vm <= 17 m/s: no decay would reach it).
    const double x_anchor = vm > holland2010_v_edge_ms
                                ? std::log(holland2010_v_edge_ms / vm) / std::log(shape_edge)
                                : -HUGE_VAL;
    p.x_edge = std::max(x_anchor, holland2010_min_x_edge(rm_m, hp.b, re));
    p.v_edge = p.x_edge == x_anchor ? holland2010_v_edge_ms : vm * std::pow(shape_edge, p.x_edge);
    return p;
  }
  if (model == WindProfile::willoughby) {
    if (!(vm > 0.0 && rm_m > 0.0)) return holland1980_profile(p);
    try {
      p.willoughby = willoughby_fit(vm, rm_m, lat_deg);
    } catch (const Error& e) {
      // Outside the range of the empirical fits: not an error inside an ensemble.
      if (e.kind() != ErrorKind::input) throw;
      return holland1980_profile(p);
    }
    return p;
  }
  return p;
}

double gradient_speed(const RadialProfile& p, double r) {
  const HollandParameters& h = p.holland;
  switch (p.model) {
    case WindProfile::holland1980:
      return holland1980_speed(r, p.rm, h.b, h.dp_pa, p.rho, h.f);
    case WindProfile::holland2010:
      if (r <= holland2010_r_edge_m || p.x_edge >= 0.5)
        return holland2010_speed(r, p.rm, h.vg_max, h.b, holland2010_r_edge_m, p.v_edge);
      // Beyond the anchor a falling exponent is held (see the header).
      return h.vg_max * std::pow(h10_shape(r, p.rm, h.b), p.x_edge);
    case WindProfile::willoughby:
      return willoughby_speed(r, p.willoughby);
  }
  return 0.0;
}

}  // namespace taifeng::solver
