#pragma once
// Gradient-level radial wind profile of one storm state, prepared once (parameters, fits,
// fallbacks) and then evaluated at many radii by the wind-field kernels. Three models:
//
//   holland1980  Holland (1980) from Δp and B (holland1980_speed, with Coriolis).
//   holland2010  Holland, Belanger & Fritz (2010) from the gradient-level Vm and the same B
//                (holland2010_speed), anchored at V(300 km) = 17 m/s.
//   willoughby   Willoughby, Darling & Rahn (2006) dual exponential from Vm, Rm and latitude
//                (willoughby_fit / willoughby_speed).
//
// Preparing a profile never throws for a physically valid storm state: inside a
// 1000-member ensemble a weak or odd member must still get a wind field. Fallbacks
// (RadialProfile::model tells which model is evaluated):
//  - holland2010 needs Vm > 0 and Rm < r_edge = 300 km, else Holland 1980 is used.
//    The 17 m/s anchor at 300 km only makes sense for storms well above 17 m/s: for a weak
//    (or small) storm the exponent x must fall from 0.5 towards x_edge so fast that V dips
//    below 17 m/s and rises again towards the anchor (for Rm = 40 km, B = 1.5 this happens
//    below Vm ≈ 32 m/s), and beyond 300 km a falling x turns negative and V grows without
//    bound (Vm = 20 m/s: 40 m/s at 500 km). Two guards keep the profile non-increasing
//    outside Rm: x_edge is raised to the smallest value for which V does not increase on
//    (Rm, r_edge] (i.e. the anchor speed is lowered just enough; this also covers
//    Vm <= 17 m/s), and beyond r_edge a falling x is held at x_edge. A storm for which the
//    anchor is consistent (x_edge from the anchor already large enough, e.g. the BRIEF check
//    value Rm 75 km, Vm 35 m/s, B 1.75) is evaluated exactly as holland2010_speed within
//    300 km; beyond 300 km exactly so whenever x_edge >= 0.5 (Vm >= 48 m/s for Rm 40 km,
//    B 1.5).
//  - willoughby needs Vm > 0 and parameters inside the range of the empirical fits
//    (willoughby_fit: n > 0 and X1 > 0, which fails e.g. for Vm 20 m/s at 20N with
//    Rm > ~130 km); otherwise Holland 1980 is used.
#include <string>
#include <string_view>

#include "taifeng/solver/willoughby.hpp"

namespace taifeng::solver {

enum class WindProfile { holland1980, holland2010, willoughby };

// "holland1980" | "holland2010" | "willoughby" → the model; anything else is an input error
// (reported at `where`, e.g. a configuration key) that lists the valid names.
WindProfile parse_wind_profile(std::string_view name, const std::string& where = "wind profile");
// The name parse_wind_profile accepts for the model.
const char* wind_profile_name(WindProfile p);

// Holland (1980) parameters of one state: gradient-level maximum wind and B.
struct HollandParameters {
  double vg_max = 0;  // m/s
  double dp_pa = 0;
  double b = 1.0;
  double f = 0;  // Coriolis at the centre
};

inline constexpr double holland2010_r_edge_m = 300e3;  // anchor radius of Holland (2010)
inline constexpr double holland2010_v_edge_ms = 17.0;  // anchor speed at that radius

struct RadialProfile {
  WindProfile requested = WindProfile::holland1980;
  WindProfile model = WindProfile::holland1980;  // the model evaluated (after fallbacks)
  double rm = 0;                                 // radius of maximum wind, m
  double rho = 1.15;                             // kg/m³ (Holland 1980)
  HollandParameters holland;                     // used by both Holland models
  double x_edge = 0.5;                           // Holland 2010: exponent at r_edge
  double v_edge = holland2010_v_edge_ms;         // Holland 2010: V(r_edge) actually used
  WilloughbyProfile willoughby;
};

// Prepares `model` for a state with Holland parameters hp, radius of maximum wind rm_m (m)
// and centre latitude (Willoughby fits), with the fallbacks above.
RadialProfile make_radial_profile(WindProfile model, const HollandParameters& hp, double rm_m,
                                  double lat_deg, double rho);

// Gradient-level wind speed (m/s) at r_m metres from the centre (r_m <= 0 → 0).
double gradient_speed(const RadialProfile& p, double r_m);

// Smallest Holland (2010) exponent at r_edge for which V(r) does not increase on
// (rm, r_edge] with x growing linearly from 0.5 at rm (depends on B and rm only; in (0, 0.5)).
double holland2010_min_x_edge(double rm_m, double b, double r_edge_m = holland2010_r_edge_m);

}  // namespace taifeng::solver
