#include <algorithm>
#include <cmath>

#include "taifeng/solver/swe/physics.hpp"

namespace taifeng::solver::swe {

double garratt_cd(double u10_speed) {
  return std::min((0.75 + 0.067 * u10_speed) * 1e-3, 3.5e-3);
}

Stress wind_stress(double u10, double v10, double rho_air) {
  const double speed = std::sqrt(u10 * u10 + v10 * v10);
  const double k = rho_air * garratt_cd(speed) * speed;
  return {k * u10, k * v10};
}

}  // namespace taifeng::solver::swe
