#include "cases.hpp"

#include <algorithm>
#include <cmath>

#include "taifeng/solver/swe/analytic.hpp"

namespace taifeng::hpc::swe {

namespace an = solver::swe::analytic;

namespace {
double centre_x(const Scenario& s) {
  return s.geo.x0 + 0.5 * double(s.nx) * s.geo.dx;
}
double centre_y(const Scenario& s) {
  return s.geo.y0 + 0.5 * double(s.ny) * s.geo.dy;
}
an::Thacker thacker(const Scenario& s) {
  an::Thacker t;
  t.a = s.a;
  t.h0 = s.h0;
  t.sigma = s.sigma;
  t.xc = centre_x(s);
  t.yc = centre_y(s);
  t.g = s.phys.g;
  return t;
}
an::WindSetup wind_setup(const Scenario& s) {
  const auto tau = solver::swe::wind_stress(s.u10, s.v10, s.phys.rho_air);
  return {double(s.nx) * s.geo.dx, s.h_mean, tau.x / (s.phys.rho_water * s.phys.g)};
}
}  // namespace

double case_bed(const Scenario& s, double x, double y) {
  switch (s.kind) {
    case Case::thacker:
      return thacker(s).bed(x, y);
    case Case::lake_at_rest: {
      const double dx = x - centre_x(s), dy = y - centre_y(s);
      return s.bump_height * std::exp(-(dx * dx + dy * dy) / (s.bump_width * s.bump_width));
    }
    default:
      return 0.0;
  }
}

InitialValue case_initial(const Scenario& s, double x, double y) {
  switch (s.kind) {
    case Case::dam_break:
      return {x < s.x0 ? s.hl : s.hr, 0, 0};
    case Case::radial_dam_break: {
      const double dx = x - centre_x(s), dy = y - centre_y(s);
      return {std::hypot(dx, dy) < s.r0 ? s.h_in : s.h_out, 0, 0};
    }
    case Case::thacker: {
      const an::Point2d p = thacker(s).at(x, y, 0.0);
      return {p.h, p.h * p.u, p.h * p.v};
    }
    case Case::lake_at_rest:
      return {an::lake_at_rest_depth(s.eta0, case_bed(s, x, y)), 0, 0};
    case Case::wind_setup:
      return {s.h_mean, 0, 0};
    case Case::relief:
    case Case::file:
      break;  // read from files (geo_inputs.hpp)
  }
  return {};
}

std::optional<double> case_exact_h(const Scenario& s, double x, double y, double t) {
  switch (s.kind) {
    case Case::dam_break:
      return s.hr > 0 ? an::stoker(x, t, s.x0, s.hl, s.hr, s.phys.g).h
                      : an::ritter(x, t, s.x0, s.hl, s.phys.g).h;
    case Case::thacker:
      return thacker(s).at(x, y, t).h;
    case Case::lake_at_rest:
      return an::lake_at_rest_depth(s.eta0, case_bed(s, x, y));
    case Case::wind_setup:
      return wind_setup(s).depth(x - s.geo.x0);
    default:
      return std::nullopt;
  }
}

}  // namespace taifeng::hpc::swe
