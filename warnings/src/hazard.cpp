#include "taifeng/warnings/hazard.hpp"

#include <cmath>
#include <limits>

#include "taifeng/core/error.hpp"

namespace taifeng::warnings {

std::vector<double> first_exceedance_hours(const std::vector<const double*>& hourly,
                                           const std::vector<double>& hours, std::size_t cells,
                                           double threshold) {
  TAIFENG_CHECK(hourly.size() == hours.size(), "one field per output time");
  std::vector<double> first(cells, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t k = 0; k < hours.size(); ++k)
    for (std::size_t c = 0; c < cells; ++c)
      if (std::isnan(first[c]) && hourly[k][c] >= threshold) first[c] = hours[k];
  return first;
}

namespace {
void round_all(std::vector<double>& v) {
  for (double& x : v) x = double(float(x));
}
}  // namespace

void round_to_stored_precision(HazardProducts& h) {
  WindHazard& w = h.wind;
  for (auto* v : {&w.max_wind_ms, &w.max_gust_ms, &w.first_bf6_h, &w.first_gale_h, &w.p_gale,
                  &w.gale_arrival_h})
    round_all(*v);
  for (auto& v : w.p_signal) round_all(v);
  if (h.surge) {
    round_all(h.surge->inundation_m);
    round_all(h.surge->surge_max_m);
    round_all(h.surge->p_inundation);
    for (auto& v : h.surge->p_surge_ge) round_all(v);
  }
}

}  // namespace taifeng::warnings
