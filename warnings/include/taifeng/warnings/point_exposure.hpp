#pragma once
// Exposure of the registry's population points (and enterprises, facilities) to the
// forecast hazard, point by point and summed per administrative unit. Every point takes the
// hazard of the nearest cell of each hazard grid (points outside a grid take none: class
// "below Beaufort 6", dry); every person lands in exactly one class, so the classes of a
// unit sum to its population. Plain kernel, no I/O.
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/warnings/hazard.hpp"
#include "taifeng/warnings/registry_read.hpp"  // PopulationPoint

namespace taifeng::warnings {

// A located asset (enterprise, critical facility) of a unit.
struct AssetPoint {
  std::string id;
  LonLat pos;
  int unit = -1;
  long people = 0;      // employees (enterprises), 0 for facilities
  bool hazmat = false;  // hazardous materials on site
};

// Exclusive classes (their sums are the population):
//   wind: by the deterministic maximum mean wind: below Bf 6, 6–7, 8–9, 10–11, 12+
//   surge: by the deterministic maximum inundation depth: dry (< inundated_m), then
//          [inundated_m, 0.5), [0.5, 1), [1, 2), >= 2 m
inline constexpr std::array<double, 4> wind_class_lower_ms = {10.8, 17.2, 24.5, 32.7};
inline constexpr std::array<double, 3> surge_class_lower_m = {0.5, 1.0, 2.0};

struct ExposureOptions {
  double coast_km = 15;             // sea cells this close to a unit's people count for its surge
  double asset_p_gale = 0.5;        // an asset is exposed to wind if P(gale) >= this or ...
  double asset_p_inundation = 0.3;  // ... to surge if P(inundation) >= this (or the
                                    // deterministic forecast reaches gale / inundation)
};

struct UnitHazardExposure {
  long population = 0;
  std::array<long, 5> wind_class{};      // exclusive, sums to population
  std::array<long, 4> exposed_bf{};      // cumulative: max wind >= Bf 6, 8, 10, 12
  double expected_gale = 0;              // Σ people × P(gale within the window)
  std::optional<double> gale_arrival_h;  // earliest over populated points
  double max_wind_ms = 0, max_gust_ms = 0;
  std::vector<double> p_signal;  // [rule]: maximum over the unit's populated points
  // surge (zeros without a surge forecast)
  std::array<long, 5> surge_class{};         // exclusive, sums to population
  std::array<long, 4> exposed_inundation{};  // cumulative: depth >= inundated_m, 0.5, 1, 2 m
  double expected_inundated = 0;             // Σ people × P(inundation)
  double max_inundation_m = 0;
  std::vector<double> p_surge_ge;  // [threshold]: max over sea cells near the unit's people
  double max_surge_m = 0;          // deterministic maximum surge over those sea cells
  // assets
  long enterprises = 0, enterprises_exposed = 0, employees_exposed = 0, hazmat_exposed = 0;
  long facilities = 0;
  std::vector<std::string> facilities_exposed;  // ids, in input order
};

struct PointExposure {
  std::vector<UnitHazardExposure> units;
  // per point: nearest cell of each grid (npos outside) — reused by the evacuation plan
  std::vector<std::size_t> wind_cell, surge_cell;
};

inline constexpr std::size_t no_cell = std::numeric_limits<std::size_t>::max();

// Nearest cell of `g` to every point (no_cell outside the grid).
std::vector<std::size_t> nearest_cells(const Grid& g, const std::vector<LonLat>& pos);

PointExposure point_exposure(std::size_t n_units, const std::vector<PopulationPoint>& points,
                             const HazardProducts& hazard,
                             const std::vector<AssetPoint>& enterprises,
                             const std::vector<AssetPoint>& facilities,
                             const ExposureOptions& opt = {});

}  // namespace taifeng::warnings
