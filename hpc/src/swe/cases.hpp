#pragma once
// Bed, initial state and (where known) exact depth of the scenario cases at a point.
#include <optional>

#include "taifeng/hpc/swe/scenario.hpp"

namespace taifeng::hpc::swe {

double case_bed(const Scenario& s, double x, double y);
struct InitialValue {
  double h = 0, hu = 0, hv = 0;
};
InitialValue case_initial(const Scenario& s, double x, double y);
// Exact depth at time t (dam breaks, Thacker, lake at rest; the steady state for the wind
// set-up); nullopt for cases without an analytic solution.
std::optional<double> case_exact_h(const Scenario& s, double x, double y, double t);

}  // namespace taifeng::hpc::swe
