#include "taifeng/solver/official.hpp"

#include <cmath>

#include "taifeng/core/error.hpp"

namespace taifeng::solver {

Track official_forecast(const Track& advisory, TimePoint t0, double step_hours, double lead_hours) {
  TAIFENG_CHECK(!advisory.empty() && advisory.start() == t0, "advisory must start at t0");
  TAIFENG_CHECK(step_hours > 0 && lead_hours > 0, "bad forecast steps");
  Track fc;
  fc.id = advisory.id;
  fc.name = advisory.name;
  fc.source = advisory.source.empty() ? "official" : advisory.source;
  const double last = std::min(lead_hours, hours_between(t0, advisory.end()));
  const long n = long(std::floor(last / step_hours + 1e-9));
  for (long k = 0; k <= n; ++k)
    fc.points.push_back(advisory.at(add_hours(t0, double(k) * step_hours)));
  return fc;
}

}  // namespace taifeng::solver
