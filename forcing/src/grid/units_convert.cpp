#include "taifeng/forcing/units_convert.hpp"

#include <udunits2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::forcing {

namespace {

// udunits is not thread-safe: parsing and converter creation happen under this lock.
// Applying a finished converter only reads it.
std::mutex& udunits_mutex() {
  static std::mutex m;
  return m;
}

ut_system* unit_system() {
  static ut_system* const system = [] {
    ut_set_error_message_handler(ut_ignore);
    ut_system* s = ut_read_xml(nullptr);
    if (!s)
      throw_internal_error("udunits2",
                           "cannot load the unit database (ut_read_xml failed; is "
                           "UDUNITS2_XML_PATH correct?)");
    return s;
  }();
  return system;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Lower case with runs of blanks/underscores collapsed to one blank: the lookup key.
std::string key_of(std::string_view s) {
  std::string k;
  for (char c : trim(s)) {
    const bool blank = c == ' ' || c == '_' || c == '\t';
    if (blank) {
      if (!k.empty() && k.back() != ' ') k += ' ';
    } else {
      k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return k;
}

const std::unordered_map<std::string, std::string>& spellings() {
  static const std::unordered_map<std::string, std::string> m = {
      // speed
      {"m/s", "m s-1"},
      {"m s-1", "m s-1"},
      {"m s^-1", "m s-1"},
      {"m s**-1", "m s-1"},
      {"m/sec", "m s-1"},
      {"m sec-1", "m s-1"},
      {"mps", "m s-1"},
      {"meters/second", "m s-1"},
      {"meter/second", "m s-1"},
      {"metres/second", "m s-1"},
      {"meters per second", "m s-1"},
      {"metres per second", "m s-1"},
      {"knots", "knot"},
      {"knot", "knot"},
      {"kt", "knot"},  // udunits reads "kt" as kilotonne
      {"kts", "knot"},
      {"kn", "knot"},
      {"km/h", "km h-1"},
      {"kph", "km h-1"},
      // temperature
      {"deg c", "degC"},
      {"degc", "degC"},
      {"deg. c", "degC"},
      {"degree c", "degC"},
      {"degrees c", "degC"},
      {"degree celsius", "degC"},
      {"degrees celsius", "degC"},
      {"celsius", "degC"},
      {"\xc2\xb0"
       "c",
       "degC"},
      {"deg k", "K"},
      {"degk", "K"},
      {"degree k", "K"},
      {"degrees k", "K"},
      {"degree kelvin", "K"},
      {"degrees kelvin", "K"},
      {"kelvin", "K"},
      {"k", "K"},
      {"deg f", "degF"},
      {"degf", "degF"},
      {"degrees f", "degF"},
      {"fahrenheit", "degF"},
      // pressure ("mb" would be a millibarn to udunits)
      {"mb", "hPa"},
      {"mbar", "hPa"},
      {"mbars", "hPa"},
      {"millibar", "hPa"},
      {"millibars", "hPa"},
      {"hpa", "hPa"},
      {"pa", "Pa"},
      {"pascal", "Pa"},
      {"pascals", "Pa"},
      {"kpa", "kPa"},
      // length
      {"m", "m"},
      {"meter", "m"},
      {"meters", "m"},
      {"metre", "m"},
      {"metres", "m"},
      {"gpm", "m"},  // geopotential metre (GFS HGT)
      {"km", "km"},
      {"ft", "ft"},
      {"feet", "ft"},
  };
  return m;
}

struct UnitDeleter {
  void operator()(ut_unit* u) const { ut_free(u); }
};
using UnitPtr = std::unique_ptr<ut_unit, UnitDeleter>;

// Parses under the lock (held by the caller): the normalised spelling first, then the
// text as written, then lower case (Ferret writes "G/KG").
UnitPtr parse_locked(std::string_view units) {
  ut_system* sys = unit_system();
  const std::string normal = normalize_units(units);
  if (normal.empty()) return nullptr;
  for (const std::string& candidate : {normal, key_of(units)}) {
    if (UnitPtr u{ut_parse(sys, candidate.c_str(), UT_ASCII)}) return u;
    if (UnitPtr u{ut_parse(sys, candidate.c_str(), UT_UTF8)}) return u;
  }
  return nullptr;
}

}  // namespace

std::string normalize_units(std::string_view units) {
  const auto& m = spellings();
  if (auto it = m.find(key_of(units)); it != m.end()) return it->second;
  return trim(units);
}

bool units_known(std::string_view units) {
  std::lock_guard lock(udunits_mutex());
  return parse_locked(units) != nullptr;
}

bool units_convertible(std::string_view from, std::string_view to) {
  std::lock_guard lock(udunits_mutex());
  UnitPtr a = parse_locked(from), b = parse_locked(to);
  return a && b && ut_are_convertible(a.get(), b.get());
}

double UnitConverter::operator()(double value) const {
  if (!cv_ || std::isnan(value)) return value;
  return cv_convert_double(static_cast<cv_converter*>(cv_.get()), value);
}

void UnitConverter::convert(std::span<double> values) const {
  if (!cv_) return;
  auto* cv = static_cast<cv_converter*>(cv_.get());
  for (double& v : values)
    if (!std::isnan(v)) v = cv_convert_double(cv, v);
}

UnitConverter double_converter(std::string_view from_units, std::string_view to_units,
                               const std::string& context) {
  std::lock_guard lock(udunits_mutex());
  UnitPtr from = parse_locked(from_units);
  if (!from)
    throw_input_error(
        context, fmt::format("unknown units '{}' (udunits cannot parse it)", trim(from_units)));
  UnitPtr to = parse_locked(to_units);
  if (!to)
    throw_input_error(context, fmt::format("unknown target units '{}' (udunits cannot parse it)",
                                           trim(to_units)));
  if (!ut_are_convertible(from.get(), to.get()))
    throw_input_error(context, fmt::format("units '{}' cannot be converted to '{}'",
                                           trim(from_units), trim(to_units)));
  UnitConverter c;
  if (ut_compare(from.get(), to.get()) == 0) return c;  // identical: no work
  cv_converter* cv = ut_get_converter(from.get(), to.get());
  if (!cv)
    throw_input_error(
        context, fmt::format("no conversion from '{}' to '{}'", trim(from_units), trim(to_units)));
  c.cv_ = std::shared_ptr<void>(cv, [](void* p) { cv_free(static_cast<cv_converter*>(p)); });
  return c;
}

}  // namespace taifeng::forcing
