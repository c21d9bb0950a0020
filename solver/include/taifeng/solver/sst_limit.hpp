#pragma once
// Sea-surface-temperature limit on a forecast's intensity: the empirical maximum potential
// intensity (MPI) of DeMaria & Kaplan (1994, J. Climate 7:1324),
//   V_mpi(T) = A + B e^{C (T - T0)},  A = 28.2 m/s, B = 55.8 m/s, C = 0.1813 /°C, T0 = 30 °C,
// the 99th percentile of observed (Atlantic, 1-min) intensities by SST. A forecast point over
// water of temperature T may not exceed V_mpi(T) (converted to the track's averaging period).
// Taifeng's assumption, documented in configs/README.md: a storm above its MPI does not drop
// to it at once but relaxes towards it with e-folding time tau_h (hours),
//   L_k = min(V_model_k, V_mpi_k + (L_{k-1} - V_mpi_k) e^{-Δt/tau_h})  if L_{k-1} > V_mpi_k,
//   L_k = min(V_model_k, V_mpi_k)                                     otherwise,
// with L_0 the analysis (never changed); tau_h = 0 is a hard cap. Where the SST is unknown
// (NaN: land, no data) the point is not limited and L_k = V_model_k. The central pressure
// follows the limited wind through the Atkinson–Holliday deficit ratio, as in the land
// decay. Numerics only: the SST arrives through a callback.
#include <functional>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"

namespace taifeng::solver {

inline constexpr double mpi_dk94_a = 28.2, mpi_dk94_b = 55.8, mpi_dk94_c = 0.1813,
                        mpi_dk94_t0 = 30.0;

// DeMaria–Kaplan (1994) maximum potential intensity, m/s (1-min mean), for SST in °C.
// NaN in → NaN out.
double mpi_demaria_kaplan_ms(double sst_c);

// SST (°C) at a place and time; NaN where unknown.
using SstLookup = std::function<double(LonLat, TimePoint)>;

struct SstLimitOptions {
  double tau_h = 12.0;        // relaxation time towards the MPI, hours (0: hard cap)
  double p_env_hpa = 1010.0;  // for the pressure rescaling
};

// Limits forecast points 1.. in place; returns how many points were lowered.
int apply_sst_limit(Track& forecast, const SstLookup& sst, const SstLimitOptions& opt);

}  // namespace taifeng::solver
