#pragma once
// Shared set-up of the warnings tests: a square administrative unit.
#include <string>

#include "taifeng/warnings/registry.hpp"

namespace warnings_test {

// The unit `code` covering [lon0, lon0 + size] x [lat0, lat0 + size] degrees, its seat at the
// centre, `people` residents.
inline taifeng::warnings::AdminUnit square_unit(const std::string& code, double lon0, double lat0,
                                                double size, double people) {
  taifeng::warnings::AdminUnit u;
  u.code = code;
  u.name_en = code;
  u.population = people;
  u.shape = {taifeng::Polygon{{{lon0, lat0},
                               {lon0 + size, lat0},
                               {lon0 + size, lat0 + size},
                               {lon0, lat0 + size},
                               {lon0, lat0}},
                              {}}};
  u.center = {lon0 + size / 2, lat0 + size / 2};
  return u;
}

}  // namespace warnings_test
