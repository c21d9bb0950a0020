#include "taifeng/solver/sst_limit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "taifeng/core/track.hpp"
#include "taifeng/solver/intensity.hpp"

namespace taifeng::solver {

double mpi_demaria_kaplan_ms(double sst_c) {
  if (std::isnan(sst_c)) return std::numeric_limits<double>::quiet_NaN();
  return mpi_dk94_a + mpi_dk94_b * std::exp(mpi_dk94_c * (sst_c - mpi_dk94_t0));
}

int apply_sst_limit(Track& fc, const SstLookup& sst, const SstLimitOptions& opt) {
  if (fc.points.size() < 2 || !sst) return 0;
  int lowered = 0;
  double prev = fc.points.front().vmax_ms;  // L_{k-1}
  for (std::size_t k = 1; k < fc.points.size(); ++k) {
    TrackPoint& p = fc.points[k];
    const double v_model = p.vmax_ms;
    if (std::isnan(v_model)) continue;
    // The MPI is a 1-min mean; express it in the track's averaging period.
    const double mpi = mpi_demaria_kaplan_ms(sst({p.lon, p.lat}, p.time)) *
                       averaging_factor(WindAveraging::one_minute, p.averaging);
    double v = v_model;
    if (!std::isnan(mpi)) {
      double cap = mpi;
      if (!std::isnan(prev) && prev > mpi && opt.tau_h > 0) {
        const double dt_h = hours_between(fc.points[k - 1].time, p.time);
        cap = mpi + (prev - mpi) * std::exp(-dt_h / opt.tau_h);
      }
      v = std::min(v_model, cap);
    }
    if (v < v_model) {
      ++lowered;
      if (v_model > 0 && !std::isnan(p.pmin_hpa))
        p.pmin_hpa = rescale_pressure_ah77(p.pmin_hpa, v_model, v, opt.p_env_hpa);
      p.vmax_ms = v;
    }
    prev = v;
  }
  return lowered;
}

}  // namespace taifeng::solver
