#pragma once
// A 2-D field on a Grid that knows its name, units and (CF) standard name.
#include <string>
#include <vector>

#include "taifeng/core/grid.hpp"

namespace taifeng {

struct Field {
  std::string name;           // variable name, e.g. "wind_speed"
  std::string units;          // UDUNITS string, e.g. "m s-1"
  std::string standard_name;  // CF standard name, empty if none exists
  std::string long_name;
  Grid grid;
  std::vector<double> data;  // grid.size() values, index = j*nlon + i; NaN = missing

  Field() = default;
  Field(std::string name_, std::string units_, Grid grid_, double fill = 0.0)
      : name(std::move(name_)), units(std::move(units_)), grid(grid_), data(grid_.size(), fill) {}

  double& at(std::size_t i, std::size_t j) { return data[grid.index(i, j)]; }
  double at(std::size_t i, std::size_t j) const { return data[grid.index(i, j)]; }
};

}  // namespace taifeng
