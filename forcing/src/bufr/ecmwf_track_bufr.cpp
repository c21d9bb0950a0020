// Reader of ECMWF tropical-cyclone track BUFR (edition 4, data category 7 "synoptic
// features", ECMWF sub-category 32) with the ecCodes C API.
//
// Structure of a message (one message per storm and forecast run; the ensemble file is one
// compressed message with one subset per member, the deterministic file one subset):
//   centre, generatingApplication, stormIdentifier ("22S"), longStormName ("    HEROLD"),
//   techniqueForMakingUpInitialPerturbations, ensembleMemberNumber, ensembleForecastType,
//   year month day hour minute                       base time of the forecast
//   analysis block (time period 0):
//     significance 1 (storm centre)  latitude longitude    position given by the warning
//                                                          centre (same for every member)
//     significance 5 (analysis) or 4 (perturbed analysis)  latitude longitude
//     pressureReducedToMeanSeaLevel                        minimum pressure (Pa)
//     significance 3 (maximum wind)  latitude longitude windSpeedAt10M
//     wind radii (windSpeedThreshold, bearingOrAzimuth, effectiveRadius…; all 0, unused)
//   delayed replication, one block per forecast step:
//     timeSignificance (4 = forecast), timePeriod (hours after the base time)
//     significance 1 (storm centre)  latitude longitude pressureReducedToMeanSeaLevel
//     significance 3 (maximum wind)  latitude longitude windSpeedAt10M
//     wind radii
// The reader walks the data section in order (ecCodes' data-section key iterator), so the
// number of forecast steps, and any additional or missing descriptor, come from the data
// rather than from fixed ranks.
//
// Track of a member: the analysis position (significance 4/5) at time period 0, the storm
// centre (significance 1) at the forecast steps, with the pressure and 10 m wind of the same
// block. The significance-1 position of the analysis block is the observed position the
// tracker started from (identical for all members); it is not model output and is not used
// unless a message has no analysis position at all.
//
// Members (ecCodes code table 001092 "ensembleForecastType", checked against the Herold
// files): ensembleForecastType 0 = "unperturbed high-resolution control forecast" is the
// HRES (deterministic) run, number 52 — the .det file holds only this subset and its values
// equal member 52 of the .eps file; type 1 = "unperturbed low-resolution control forecast"
// is the ENS control, number 51; members 1–50 have the type missing and significance 4
// ("location of the storm in the perturbed analysis"): the perturbed members. Member numbers
// are kept as encoded.
//
// Missing centres: the tracker writes missing values at steps where it did not find the
// storm. After the last step with a centre the storm has dissipated (or left the tracked
// domain): the track ends there (warning). Earlier steps without a centre (the tracker lost
// the storm for a few steps and found it again, as in members 4, 8, 13 … of Herold) are left
// out with a warning, and the track continues. A member with no centre at all (members 7 and
// 50 of Herold) is left out with a warning.
//
// Wind: windSpeedAt10M is the maximum 10 m wind of the model near the centre. A model wind
// on a 9–18 km grid with a time step of several minutes is a spatially and temporally
// smoothed wind, much closer to the WMO 10-min mean than to the 1-min sustained wind of the
// US agencies (it underestimates peak 1-min winds markedly), so points are tagged
// WindAveraging::ten_minute.
#include <eccodes.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/forcing/tracks.hpp"

namespace taifeng::forcing {

namespace {

// ---------------------------------------------------------------------------------------
// ecCodes messages: ecCodes reports decoding problems through the logging procedure of its
// default context (printing "ECCODES ERROR : …" to stderr). While this reader runs, the
// messages of the current thread are collected and put into the input error instead; at
// any other time the procedure prints exactly what ecCodes' own default does (including the
// abort on a fatal message), so other users of ecCodes see no difference.

thread_local std::string* captured_log = nullptr;

void eccodes_log(const codes_context* /*c*/, int level, const char* message) {
  const char* text = message ? message : "";
  if (captured_log && level != GRIB_LOG_FATAL && level != GRIB_LOG_DEBUG) {
    if (level == GRIB_LOG_ERROR) {
      if (!captured_log->empty()) *captured_log += "; ";
      *captured_log += text;
    }
    return;
  }
  switch (level) {
    case GRIB_LOG_ERROR:
    case GRIB_LOG_FATAL:
      std::fprintf(stderr, "ECCODES ERROR   :  %s\n", text);
      break;
    case GRIB_LOG_WARNING:
      std::fprintf(stderr, "ECCODES WARNING :  %s\n", text);
      break;
    case GRIB_LOG_INFO:
      std::fprintf(stderr, "ECCODES INFO    :  %s\n", text);
      break;
    case GRIB_LOG_DEBUG:
      if (std::getenv("ECCODES_DEBUG")) std::fprintf(stderr, "ECCODES DEBUG   :  %s\n", text);
      break;
    default:
      break;
  }
  if (level == GRIB_LOG_FATAL) std::abort();  // as ecCodes' default procedure does
}

// Collects ecCodes' messages of this thread for the lifetime of the object.
class LogCapture {
 public:
  LogCapture() {
    static std::once_flag installed;
    std::call_once(installed, [] {
      codes_context_set_logging_proc(codes_context_get_default(), &eccodes_log);
    });
    previous_ = captured_log;
    captured_log = &text_;
  }
  ~LogCapture() { captured_log = previous_; }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // " (ecCodes: …)" with the messages collected since the last call, or "".
  std::string take() {
    std::string s = text_.empty() ? std::string() : fmt::format(" (ecCodes: {})", text_);
    text_.clear();
    return s;
  }

 private:
  std::string text_;
  std::string* previous_ = nullptr;
};

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
struct HandleDeleter {
  void operator()(codes_handle* h) const {
    if (h) codes_handle_delete(h);
  }
};
struct IteratorDeleter {
  void operator()(bufr_keys_iterator* it) const {
    if (it) codes_bufr_keys_iterator_delete(it);
  }
};
using HandlePtr = std::unique_ptr<codes_handle, HandleDeleter>;

// ---------------------------------------------------------------------------------------
// Data-section elements of interest, in message order, with one value per subset.

enum class Kind { text, integer, real };

struct KeyInfo {
  const char* name;
  Kind kind;
};

constexpr KeyInfo keys_of_interest[] = {
    {"stormIdentifier", Kind::text},
    {"longStormName", Kind::text},
    {"ensembleMemberNumber", Kind::integer},
    {"ensembleForecastType", Kind::integer},
    {"year", Kind::integer},
    {"month", Kind::integer},
    {"day", Kind::integer},
    {"hour", Kind::integer},
    {"minute", Kind::integer},
    {"meteorologicalAttributeSignificance", Kind::integer},
    {"timePeriod", Kind::integer},
    {"latitude", Kind::real},
    {"longitude", Kind::real},
    {"pressureReducedToMeanSeaLevel", Kind::real},
    {"windSpeedAt10M", Kind::real},
};

const KeyInfo* key_info(const std::string& short_name) {
  for (const KeyInfo& k : keys_of_interest)
    if (short_name == k.name) return &k;
  return nullptr;
}

// "#12#latitude" -> "latitude"
std::string short_name_of(const std::string& name) {
  if (!name.empty() && name[0] == '#') {
    const auto p = name.find('#', 1);
    if (p != std::string::npos) return name.substr(p + 1);
  }
  return name;
}

struct Value {
  double number = missing;  // NaN when missing; integers as doubles
  std::string text;         // for text elements (trimmed; empty when missing)
};

struct Element {
  std::string name;           // short name, e.g. "latitude"
  std::vector<Value> values;  // one per subset (compressed) or one (uncompressed)
};

std::string trimmed_text(const char* s) {
  std::string out;
  for (const char* p = s; p && *p; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c < 0x7f) out += char(c);  // drops the all-ones "missing" bytes
  }
  const auto b = out.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  const auto e = out.find_last_not_of(' ');
  return out.substr(b, e - b + 1);
}

// Reads all values of one (ranked) key. Returns false on an ecCodes error.
bool read_values(codes_handle* h, const std::string& key, Kind kind, std::vector<Value>& out) {
  size_t n = 0;
  if (codes_get_size(h, key.c_str(), &n) != 0 || n == 0) return false;
  out.assign(n, Value{});
  switch (kind) {
    case Kind::integer: {
      std::vector<long> v(n);
      size_t got = n;
      if (codes_get_long_array(h, key.c_str(), v.data(), &got) != 0 || got != n) return false;
      for (size_t i = 0; i < n; ++i)
        if (v[i] != CODES_MISSING_LONG) out[i].number = double(v[i]);
      return true;
    }
    case Kind::real: {
      std::vector<double> v(n);
      size_t got = n;
      if (codes_get_double_array(h, key.c_str(), v.data(), &got) != 0 || got != n) return false;
      for (size_t i = 0; i < n; ++i)
        if (v[i] != CODES_MISSING_DOUBLE && std::isfinite(v[i])) out[i].number = v[i];
      return true;
    }
    case Kind::text: {
      if (n == 1) {
        size_t len = 0;
        if (codes_get_length(h, key.c_str(), &len) != 0) return false;
        std::string buf(len + 1, '\0');
        size_t got = buf.size();
        if (codes_get_string(h, key.c_str(), buf.data(), &got) != 0) return false;
        out[0].text = trimmed_text(buf.c_str());
        return true;
      }
      std::vector<char*> v(n, nullptr);
      size_t got = n;
      const int err = codes_get_string_array(h, key.c_str(), v.data(), &got);
      for (size_t i = 0; i < n; ++i) {
        if (err == 0 && i < got) out[i].text = trimmed_text(v[i]);
        std::free(v[i]);  // allocated by ecCodes with malloc
      }
      return err == 0 && got == n;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// One subset decoded into forecast steps.

struct Position {
  double lat = missing;
  double lon = missing;
  bool valid() const { return !std::isnan(lat) && !std::isnan(lon); }
};

struct Step {
  double hours = 0;   // time period after the base time (NaN if missing)
  Position centre;    // significance 1
  Position analysis;  // significance 4/5
  bool has_analysis = false;
  double pressure_pa = missing;
  double wind_ms = missing;
  bool has_pressure = false;
  bool has_wind = false;
};

struct Subset {
  std::string storm_id;
  std::string storm_name;
  double member = missing;
  double forecast_type = missing;
  double year = missing, month = missing, day = missing, hour = missing, minute = missing;
  std::vector<Step> steps;
};

class SubsetBuilder {
 public:
  void add(const std::string& name, const Value& v) {
    if (name == "timePeriod") {
      sub_.steps.push_back(step_);
      step_ = Step{};
      step_.hours = v.number;
      significance_ = -1;
    } else if (name == "meteorologicalAttributeSignificance") {
      significance_ = std::isnan(v.number) ? -1 : int(v.number);
    } else if (name == "latitude" || name == "longitude") {
      Position* p = nullptr;
      if (significance_ == 1) p = &step_.centre;
      if (significance_ == 4 || significance_ == 5) {
        p = &step_.analysis;
        step_.has_analysis = true;
      }
      if (p) (name == "latitude" ? p->lat : p->lon) = v.number;
    } else if (name == "pressureReducedToMeanSeaLevel") {
      if (!step_.has_pressure) step_.pressure_pa = v.number;
      step_.has_pressure = true;
    } else if (name == "windSpeedAt10M") {
      if (!step_.has_wind) step_.wind_ms = v.number;
      step_.has_wind = true;
    } else if (name == "stormIdentifier") {
      set_once(name, sub_.storm_id, v.text);
    } else if (name == "longStormName") {
      set_once(name, sub_.storm_name, v.text);
    } else if (name == "ensembleMemberNumber") {
      set_once(name, sub_.member, v.number);
    } else if (name == "ensembleForecastType") {
      set_once(name, sub_.forecast_type, v.number);
    } else if (name == "year") {
      set_once(name, sub_.year, v.number);
    } else if (name == "month") {
      set_once(name, sub_.month, v.number);
    } else if (name == "day") {
      set_once(name, sub_.day, v.number);
    } else if (name == "hour") {
      set_once(name, sub_.hour, v.number);
    } else if (name == "minute") {
      set_once(name, sub_.minute, v.number);
    }
  }

  Subset finish() {
    sub_.steps.push_back(step_);
    return std::move(sub_);
  }

 private:
  // Header elements: the first occurrence counts (year … minute occur once per subset).
  template <class T>
  void set_once(const std::string& name, T& field, const T& v) {
    if (seen_.insert(name).second) field = v;
  }

  Subset sub_;
  Step step_;  // time period 0 (the analysis) until the first timePeriod
  int significance_ = -1;
  std::set<std::string> seen_;
};

// Decodes one message into its subsets. `at` names the file and message.
std::vector<Subset> decode_message(codes_handle* h, const std::string& at, LogCapture& log) {
  long n_subsets = 0, compressed = 0;
  if (codes_get_long(h, "numberOfSubsets", &n_subsets) != 0 || n_subsets < 1)
    throw_input_error(at, "no subsets (numberOfSubsets missing or 0)" + log.take());
  if (codes_get_long(h, "compressedData", &compressed) != 0) compressed = 0;
  if (codes_set_long(h, "unpack", 1) != 0)
    throw_input_error(at, "cannot decode the BUFR data section" + log.take());

  std::unique_ptr<bufr_keys_iterator, IteratorDeleter> it(
      codes_bufr_data_section_keys_iterator_new(h));
  if (!it) throw_input_error(at, "cannot iterate over the BUFR data section" + log.take());

  const std::size_t ns = std::size_t(n_subsets);
  std::vector<SubsetBuilder> builders(compressed ? ns : 1);
  std::string first_key;  // uncompressed: every subset starts with the same element
  std::size_t current = 0;
  bool any_latitude = false, any_storm_id = false;
  while (codes_bufr_keys_iterator_next(it.get())) {
    const char* raw = codes_bufr_keys_iterator_get_name(it.get());
    if (!raw) continue;
    const std::string full(raw);
    if (full.find("->") != std::string::npos) continue;  // attributes (units, code …)
    const std::string name = short_name_of(full);
    if (!compressed && ns > 1) {
      if (first_key.empty()) {
        first_key = name;
      } else if (name == first_key) {
        builders.emplace_back();
        current = builders.size() - 1;
      }
    }
    const KeyInfo* info = key_info(name);
    if (!info) continue;
    std::vector<Value> values;
    if (!read_values(h, full, info->kind, values))
      throw_input_error(at, fmt::format("cannot read '{}'{}", full, log.take()));
    if (name == "latitude") any_latitude = true;
    if (name == "stormIdentifier") any_storm_id = true;
    if (compressed) {
      if (values.size() != 1 && values.size() != ns)
        throw_input_error(
            at, fmt::format("'{}' has {} values for {} subsets", full, values.size(), ns));
      for (std::size_t s = 0; s < ns; ++s)
        builders[s].add(name, values.size() == 1 ? values[0] : values[s]);
    } else {
      builders[current].add(name, values[0]);
    }
  }
  if (!any_storm_id || !any_latitude)
    throw_input_error(at,
                      "not an ECMWF tropical-cyclone track message (no stormIdentifier or "
                      "latitude in the data section)");
  if (builders.size() != ns)
    throw_input_error(at, fmt::format("found {} subsets in the uncompressed data, header says {}",
                                      builders.size(), ns));
  std::vector<Subset> subsets;
  subsets.reserve(ns);
  for (auto& b : builders) subsets.push_back(b.finish());
  return subsets;
}

std::string source_of(const Subset& s, int member) {
  // ecCodes code table 001092; the fallback for a missing type follows ECMWF's numbering
  // in these files (52 HRES, 51 control, 1–50 perturbed).
  if (!std::isnan(s.forecast_type)) {
    const int t = int(s.forecast_type);
    if (t == 0) return "ECMWF HRES";
    if (t == 1) return "ECMWF EPS control";
    if (t == 2 || t == 3) return "ECMWF EPS perturbed";
  }
  if (member == 52) return "ECMWF HRES";
  if (member == 51) return "ECMWF EPS control";
  return "ECMWF EPS perturbed";
}

void check_range(const std::string& at, const char* what, double v, double lo, double hi,
                 const char* unit) {
  if (v < lo || v > hi)
    throw_input_error(at, fmt::format("{} {} {} is outside the valid range {}..{} {}", what, v,
                                      unit, lo, hi, unit));
}

std::string hours_label(double h) {
  return std::isnan(h) ? std::string("+? h") : fmt::format("+{:g} h", h);
}

}  // namespace

TrackFile read_ecmwf_track_bufr(const std::filesystem::path& file) {
  const std::string fname = file.string();
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    throw_input_error(fname, "no such file (expected an ECMWF tropical-cyclone track BUFR)");
  if (std::filesystem::is_directory(file, ec))
    throw_input_error(fname, "is a directory, expected an ECMWF tropical-cyclone track BUFR");
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(fname.c_str(), "rb"));
  if (!f) throw_input_error(fname, "cannot open the file for reading");

  LogCapture log;
  TrackFile out;
  out.format = "ecmwf-bufr";
  std::map<std::string, std::size_t> storm_index;

  int n_messages = 0;
  for (;;) {
    int err = 0;
    HandlePtr h(codes_handle_new_from_file(nullptr, f.get(), PRODUCT_BUFR, &err));
    if (!h) {
      if (err == 0) break;  // end of file
      throw_input_error(fname,
                        fmt::format("message {}: unreadable BUFR message: {}{}", n_messages + 1,
                                    codes_get_error_message(err), log.take()));
    }
    ++n_messages;
    const std::string msg_at = fmt::format("{}: message {}", fname, n_messages);
    const std::vector<Subset> subsets = decode_message(h.get(), msg_at, log);

    for (std::size_t s = 0; s < subsets.size(); ++s) {
      const Subset& sub = subsets[s];
      const std::string sub_at = fmt::format("{}, subset {}", msg_at, s + 1);
      if (std::isnan(sub.member)) throw_input_error(sub_at, "ensembleMemberNumber is missing");
      if (sub.member < 0 || sub.member > 1e6)
        throw_input_error(
            sub_at, fmt::format("ensembleMemberNumber {} is not a member number", sub.member));
      const int member = int(sub.member);
      const std::string mem_at = fmt::format("{} (member {})", sub_at, member);
      if (std::isnan(sub.year) || std::isnan(sub.month) || std::isnan(sub.day) ||
          std::isnan(sub.hour) ||
          !valid_utc(int(sub.year), int(sub.month), int(sub.day), int(sub.hour),
                     std::isnan(sub.minute) ? 0 : int(sub.minute)))
        throw_input_error(mem_at, fmt::format("invalid or missing base time {}-{}-{} {}:{}",
                                              sub.year, sub.month, sub.day, sub.hour, sub.minute));
      const TimePoint base = make_utc(int(sub.year), int(sub.month), int(sub.day), int(sub.hour),
                                      std::isnan(sub.minute) ? 0 : int(sub.minute));

      // Centre of each step: the analysis position at time period 0, else the storm centre.
      auto centre_of = [](const Step& st) { return st.has_analysis ? st.analysis : st.centre; };
      std::ptrdiff_t last_valid = -1;
      for (std::size_t k = 0; k < sub.steps.size(); ++k)
        if (centre_of(sub.steps[k]).valid()) last_valid = std::ptrdiff_t(k);

      std::string storm_id = sub.storm_id;
      if (storm_id.empty()) {
        out.warnings.push_back(
            fmt::format("{}: stormIdentifier is missing; storm id 'unknown'", mem_at));
        storm_id = "unknown";
      }
      if (last_valid < 0) {
        out.warnings.push_back(fmt::format(
            "{}: no storm centre at any step (storm not tracked in this member); member left out",
            mem_at));
        continue;
      }

      Track track;
      track.id = storm_id;
      track.name = sub.storm_name;
      track.source = source_of(sub, member);
      for (std::size_t k = 0; k <= std::size_t(last_valid); ++k) {
        const Step& st = sub.steps[k];
        const std::string step_at =
            fmt::format("{}, step {} ({})", mem_at, k, hours_label(st.hours));
        const Position c = centre_of(st);
        if (std::isnan(st.hours)) throw_input_error(step_at, "timePeriod is missing");
        if (!c.valid()) {
          out.warnings.push_back(fmt::format(
              "{}: storm centre missing (storm not found by the tracker); step left out", step_at));
          continue;
        }
        check_range(step_at, "latitude", c.lat, -90, 90, "deg");
        check_range(step_at, "longitude", c.lon, -180, 360, "deg");
        TrackPoint p;
        p.time = add_hours(base, st.hours);
        p.lat = c.lat;
        p.lon = c.lon;
        if (!std::isnan(st.pressure_pa)) {
          p.pmin_hpa = st.pressure_pa / 100.0;
          check_range(step_at, "pressure", p.pmin_hpa, 850, 1050, "hPa");
        }
        if (!std::isnan(st.wind_ms)) {
          check_range(step_at, "wind speed", st.wind_ms, 0, 120, "m/s");
          p.vmax_ms = st.wind_ms;
        }
        p.averaging = WindAveraging::ten_minute;
        p.source_ref = step_at;
        if (!track.points.empty() && p.time <= track.points.back().time)
          throw_input_error(step_at, fmt::format("time {} is not after the previous step",
                                                 hours_label(st.hours)));
        track.points.push_back(std::move(p));
      }
      if (std::size_t(last_valid) + 1 < sub.steps.size())
        out.warnings.push_back(fmt::format(
            "{}: storm centre missing from step {} ({}) on (storm dissipated or no longer "
            "tracked); track ends at {}",
            mem_at, last_valid + 1, hours_label(sub.steps[std::size_t(last_valid) + 1].hours),
            hours_label(sub.steps[std::size_t(last_valid)].hours)));

      auto [pos, inserted] = storm_index.emplace(storm_id, out.storms.size());
      if (inserted) {
        StormTracks st;
        st.id = storm_id;
        st.name = sub.storm_name;
        st.ensemble.name = fmt::format("ECMWF {} {}", storm_id, format_yyyymmddhh(base));
        out.storms.push_back(std::move(st));
      }
      StormTracks& storm = out.storms[pos->second];
      bool duplicate = false;
      for (const EnsembleMember& m : storm.ensemble.members) duplicate |= (m.id == member);
      if (duplicate) {
        out.warnings.push_back(
            fmt::format("{}: member {} of storm {} occurs more than once; the first is kept",
                        mem_at, member, storm_id));
        continue;
      }
      if (storm.name.empty()) storm.name = sub.storm_name;
      storm.ensemble.members.push_back(EnsembleMember{member, std::move(track)});
    }
  }
  if (n_messages == 0)
    throw_input_error(
        fname,
        "no BUFR message found (expected an ECMWF tropical-cyclone track BUFR)" + log.take());
  return out;
}

}  // namespace taifeng::forcing
