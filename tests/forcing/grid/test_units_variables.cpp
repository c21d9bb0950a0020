// Units conversion (udunits2 wrapper) and the quantity alias table.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/units_convert.hpp"
#include "taifeng/forcing/variables.hpp"

using namespace taifeng;
using namespace taifeng::forcing;
using Approx = Catch::Detail::Approx;

TEST_CASE("units: messy spellings from real files", "[units]") {
  CHECK(double_converter("M/S", "m s-1", "t")(3.5) == Approx(3.5));
  CHECK(double_converter("M/S", "m s-1", "t").identity());
  CHECK(double_converter("knots", "m s-1", "t")(1.0) == Approx(1852.0 / 3600.0));
  CHECK(double_converter("kt", "m/s", "t")(100.0) == Approx(51.4444).epsilon(1e-5));
  CHECK(double_converter("m s-1", "knots", "t")(10.0) == Approx(19.4384).epsilon(1e-5));
  CHECK(double_converter("Deg C", "K", "t")(27.0) == Approx(300.15));
  CHECK(double_converter("DEG C", "K", "t")(0.0) == Approx(273.15));
  CHECK(double_converter("degC", "K", "t")(-10.0) == Approx(263.15));
  CHECK(double_converter("K", "degC", "t")(300.15) == Approx(27.0));
  CHECK(double_converter("K", "Deg C", "t")(273.15) == Approx(0.0).margin(1e-12));
  CHECK(double_converter("hPa", "Pa", "t")(1013.25) == Approx(101325.0));
  CHECK(double_converter("Pa", "hPa", "t")(85000.0) == Approx(850.0));
  CHECK(double_converter("MB", "Pa", "t")(1000.0) == Approx(100000.0));
  CHECK(double_converter("mbar", "hPa", "t")(1000.0) == Approx(1000.0));
  CHECK(double_converter("meters", "m", "t")(-1000.0) == Approx(-1000.0));
  CHECK(double_converter("gpm", "km", "t")(5880.0) == Approx(5.88));
  CHECK(double_converter("m**2 s**-2", "m2 s-2", "t")(9.80665) == Approx(9.80665));
  CHECK(double_converter("G/KG", "kg kg-1", "t")(20.0) == Approx(0.02));
  CHECK(std::isnan(double_converter("degC", "K", "t")(std::numeric_limits<double>::quiet_NaN())));
  std::vector<double> v{0.0, 100.0};
  double_converter("degC", "K", "t").convert(v);
  CHECK(v[1] == Approx(373.15));
  CHECK(normalize_units(" Deg C ") == "degC");
  CHECK(normalize_units("M/S") == "m s-1");
  CHECK(units_known("knots"));
  CHECK_FALSE(units_known("furlongs per fortnight bananas"));
  CHECK(units_convertible("Deg C", "K"));
  CHECK_FALSE(units_convertible("m", "K"));
}

TEST_CASE("units: unknown or incompatible units name the context", "[units]") {
  auto message = [](const std::string& from, const std::string& to) {
    try {
      double_converter(from, to, "wind.nc: variable 'UWND'");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("bananas", "m s-1"), Catch::Contains("wind.nc: variable 'UWND'") &&
                                              Catch::Contains("unknown units 'bananas'"));
  CHECK_THAT(message("m s-1", "K"), Catch::Contains("cannot be converted to 'K'"));
  CHECK_THAT(message("m s-1", "zorks"), Catch::Contains("unknown target units 'zorks'"));
}

TEST_CASE("variables: quantity table and resolution order", "[variables]") {
  REQUIRE(find_quantity("eastward_wind") != nullptr);
  CHECK(find_quantity("UWND")->name == "eastward_wind");
  CHECK(find_quantity("uwnd")->name == "eastward_wind");  // aliases are case-insensitive
  CHECK(find_quantity("UGRD")->name == "eastward_wind");
  CHECK(find_quantity("u")->name == "eastward_wind");
  CHECK(find_quantity("VWND")->name == "northward_wind");
  CHECK(find_quantity("PRMSL")->name == "air_pressure_at_mean_sea_level");
  CHECK(find_quantity("msl")->si_units == "Pa");
  CHECK(find_quantity("SST")->si_units == "K");
  CHECK(find_quantity("ROSE")->name == "surface_altitude");
  CHECK(find_quantity("HGT")->name == "geopotential_height");
  CHECK(find_quantity("z")->name == "geopotential");
  CHECK(find_quantity("TMP")->name == "air_temperature");
  CHECK(find_quantity("AIRT")->standard_name == "air_temperature");
  CHECK(find_quantity("nonsense") == nullptr);
  for (const auto& q : quantities()) {
    CHECK(find_quantity(q.name) == &q);
    CHECK(units_known(q.si_units));
  }

  const std::vector<std::string> names{"time_bnds", "uwind", "UWND", "u10"};
  const std::vector<std::string> sn{"", "eastward_wind", "", ""};
  // Exact name first, then standard_name, then aliases.
  CHECK(resolve_variable("UWND", names, sn) == 2);
  CHECK(resolve_variable("eastward_wind", names, sn) == 1);
  CHECK(resolve_variable("u", names, sn) == 1);  // quantity's standard_name beats aliases
  const std::vector<std::string> no_sn(4);
  std::vector<std::string> tried;
  CHECK(resolve_variable("eastward_wind", names, no_sn, &tried) == 2);
  CHECK(tried.size() == 3);  // u, UGRD, UWND
  CHECK(resolve_variable("northward_wind", names, no_sn) == -1);
  CHECK(resolve_variable("unknown_thing", names, no_sn) == -1);
}
