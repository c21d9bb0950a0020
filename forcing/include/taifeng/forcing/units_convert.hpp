#pragma once
// Units conversion through udunits2, tolerant of the spellings found in real files
// (Ferret "M/S", "Deg C", "MB"; "meters", "knots", "gpm" …). The udunits unit system
// is loaded once per process, its stderr messages are silenced.
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace taifeng::forcing {

// The udunits spelling of a units string from a file: known messy forms are mapped
// ("Deg C" -> "degC", "M/S" -> "m s-1", "MB" -> "hPa", "gpm" -> "m"), others are
// trimmed and returned unchanged.
std::string normalize_units(std::string_view units);

// Can udunits parse `units` (after normalisation)?
bool units_known(std::string_view units);
// Are the two units convertible into each other?
bool units_convertible(std::string_view from, std::string_view to);

// A value converter between two units. Copyable and cheap; NaN stays NaN.
class UnitConverter {
 public:
  UnitConverter() = default;  // identity
  double operator()(double value) const;
  void convert(std::span<double> values) const;
  bool identity() const { return !cv_; }

 private:
  friend UnitConverter double_converter(std::string_view, std::string_view, const std::string&);
  std::shared_ptr<void> cv_;  // udunits cv_converter, freed with cv_free
};

// Converter from `from_units` to `to_units`. Unknown or incompatible units are an input
// error whose message starts with `context` (e.g. "file.nc: variable 'SST'").
UnitConverter double_converter(std::string_view from_units, std::string_view to_units,
                               const std::string& context);

}  // namespace taifeng::forcing
