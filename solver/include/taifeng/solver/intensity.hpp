#pragma once
// Empirical intensity relations used when a track lacks a quantity.
namespace taifeng::solver {

// Atkinson & Holliday (1977, MWR 105:421), western North Pacific:
// V(kt, 1-min) = 6.7 (1010 - p_c)^0.644 and its inverse.
double wind_from_pressure_ah77(double pc_hpa);
double pressure_from_wind_ah77(double vmax_ms_1min);

// Central pressure after the wind changes from v_old to v_new (v_old > 0, pmin known): the
// deficit p_env - p scales as V^(1/0.644) (Atkinson–Holliday), so p stays consistent with
// the wind when a model, the land decay or the SST limit changes the intensity.
double rescale_pressure_ah77(double pmin_hpa, double v_old, double v_new, double p_env_hpa);

// Radius of maximum wind (km) from central pressure: linear interpolation of the table
// 872, 940, 980, 1021 hPa -> 14.9, 15.7, 25.7, 56.9 n mi (values held constant
// beyond the ends).
double rmw_from_pressure_km(double pc_hpa);

// Kaplan & DeMaria (1995) inland decay: V(t) = Vb + (R V0 - Vb) e^{-α t},
// Vb = 26.7 kt, R = 0.9, α = 0.095 1/h, t in hours since landfall; never above V0.
double kaplan_demaria_decay(double v0_ms, double hours_since_landfall);
inline constexpr double kaplan_demaria_r = 0.9;  // the sea-to-land reduction R

// Wind and pressure relations return NaN for NaN input (unknown stays unknown).

}  // namespace taifeng::solver
