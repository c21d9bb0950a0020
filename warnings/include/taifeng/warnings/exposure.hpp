#pragma once
// Who is exposed to which wind, and when, per administrative unit. Population is spread
// over the grid points inside each unit in proportion to the points' cell areas (a
// uniform dasymetric weight until the population grid lands), so each unit's classes
// sum exactly to its census total.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "taifeng/core/field.hpp"
#include "taifeng/warnings/registry.hpp"

namespace taifeng::warnings {

// Beaufort classes reported: below 6, 6–7, 8–9, 10–11, 12 and above.
inline constexpr std::array<const char*, 5> beaufort_class_names = {"below_6", "6_7", "8_9",
                                                                    "10_11", "12_plus"};
inline constexpr std::array<double, 5> beaufort_class_lower_ms = {0.0, 10.8, 17.2, 24.5, 32.7};
int beaufort_class(double speed_ms);

struct UnitExposure {
  std::string code;
  std::size_t n_points = 0;  // grid points representing the unit
  bool from_center = false;  // true if no grid point fell inside: the seat's point used
  double max_wind_ms = 0;    // maximum over the forecast and the unit
  std::array<double, 5> population_by_class{};  // by the maximum wind at each point
  std::vector<double> max_wind_by_time;         // unit maximum at each output time
  std::optional<double> first_hour_bf6;         // first output hour with >= 10.8 m/s
  std::optional<double> first_hour_bf8;         // first output hour with >= 17.2 m/s (gale)
};

// hourly[k] holds the wind speed field at output time k (time_hours[k] hours after the
// analysis); swath is their maximum including sub-steps. A unit with no grid point
// inside (small islands) is represented by the grid point nearest its seat; a unit
// entirely outside the grid gets n_points = 0, no wind and all people in class 0.
std::vector<UnitExposure> unit_exposure(const std::vector<AdminUnit>& units, const Field& swath,
                                        const std::vector<const double*>& hourly,
                                        const std::vector<double>& time_hours);

// The grid points representing a unit and their population weights (cell areas,
// normalised to sum to 1); empty if the unit lies entirely outside the grid.
std::vector<std::pair<std::size_t, double>> unit_point_weights(const AdminUnit& unit,
                                                               const Grid& grid,
                                                               bool* from_center = nullptr);

// 1 byte per grid point, 1 where the point lies inside any unit (a land mask from the
// registry until the ETOPO5/GSHHG mask lands).
std::vector<std::uint8_t> units_mask(const std::vector<AdminUnit>& units, const Grid& grid);

}  // namespace taifeng::warnings
