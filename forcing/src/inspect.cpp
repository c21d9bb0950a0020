// `taifeng inspect`: what a file holds, as JSON or as a short summary.
#include "taifeng/forcing/inspect.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/gridded.hpp"
#include "taifeng/forcing/tracks.hpp"

namespace taifeng::forcing {

using json = nlohmann::ordered_json;

namespace {

json number_or_null(double v) {
  return std::isnan(v) ? json(nullptr) : json(v);
}

json tracks_json(const TrackFile& tf) {
  json storms = json::array();
  for (const StormTracks& s : tf.storms) {
    json members = json::array();
    for (const EnsembleMember& m : s.ensemble.members) {
      json points = json::array();
      for (const TrackPoint& p : m.track.points)
        points.push_back({{"time", format_iso_utc(p.time)},
                          {"lat", number_or_null(p.lat)},
                          {"lon", number_or_null(p.lon)},
                          {"vmax_ms", number_or_null(p.vmax_ms)},
                          {"vmax_avg_min", minutes_of(p.averaging)},
                          {"pmin_hpa", number_or_null(p.pmin_hpa)},
                          {"rmw_km", number_or_null(p.rmw_km)}});
      members.push_back({{"member", m.id}, {"source", m.track.source}, {"points", points}});
    }
    storms.push_back({{"id", s.id}, {"name", s.name}, {"members", members}});
  }
  return {{"kind", "tracks"}, {"format", tf.format}, {"storms", storms}, {"warnings", tf.warnings}};
}

std::vector<VariableInfo> describe(const std::filesystem::path& file, const std::string& format) {
  return format == "netcdf" ? describe_netcdf(file) : describe_grib2(file);
}

json grid_json(const std::filesystem::path& file, const std::string& format) {
  json vars = json::array();
  for (const VariableInfo& v : describe(file, format)) {
    json j = {{"name", v.name},
              {"standard_name", v.standard_name.empty() ? json(nullptr) : json(v.standard_name)},
              {"units", v.units},
              {"dims", v.dims},
              {"shape", v.shape}};
    j["lat"] = v.lat ? json::array({v.lat->first, v.lat->second}) : json(nullptr);
    j["lon"] = v.lon ? json::array({v.lon->first, v.lon->second}) : json(nullptr);
    j["time"] = v.time
                    ? json::array({format_iso_utc(v.time->first), format_iso_utc(v.time->second)})
                    : json(nullptr);
    j["levels"] = v.levels_hpa;
    j["missing"] = v.missing;
    vars.push_back(std::move(j));
  }
  return {{"kind", "grid"}, {"format", format}, {"variables", vars}};
}

}  // namespace

std::string inspect_json(const std::filesystem::path& file) {
  const std::string format = detect_format(file);
  const json j = is_track_format(format) ? tracks_json(read_track_file(file, format))
                                         : grid_json(file, format);
  return j.dump(2) + "\n";
}

std::string inspect_text(const std::filesystem::path& file) {
  const std::string format = detect_format(file);
  std::ostringstream out;
  out << file.string() << ": " << format << "\n";
  if (is_track_format(format)) {
    const TrackFile tf = read_track_file(file, format);
    out << fmt::format("{} storm(s), {} warning(s)\n", tf.storms.size(), tf.warnings.size());
    for (const StormTracks& s : tf.storms) {
      std::size_t n = 0;
      for (const auto& m : s.ensemble.members) n += m.track.points.size();
      const Track& first = s.ensemble.members.front().track;
      out << fmt::format("  {} {:<12} {} member(s), {} fix(es)", s.id, s.name,
                         s.ensemble.members.size(), n);
      if (!first.empty())
        out << fmt::format(", {} .. {}", format_iso_utc(first.start()),
                           format_iso_utc(first.end()));
      out << "\n";
    }
    for (std::size_t k = 0; k < std::min<std::size_t>(tf.warnings.size(), 10); ++k)
      out << "  warning: " << tf.warnings[k] << "\n";
  } else {
    for (const VariableInfo& v : describe(file, format)) {
      std::string dims;
      for (std::size_t k = 0; k < v.dims.size(); ++k)
        dims += fmt::format("{}{}={}", k ? ", " : "", v.dims[k], v.shape[k]);
      out << fmt::format("  {:<12} [{}] ({})  {}", v.name, v.units, dims, v.standard_name);
      if (v.time)
        out << fmt::format("  time {} .. {}", format_iso_utc(v.time->first),
                           format_iso_utc(v.time->second));
      if (v.missing) out << fmt::format("  missing {}", v.missing);
      out << "\n";
    }
  }
  return out.str();
}

std::string sample_json(const std::filesystem::path& file, const std::string& variable, double lat,
                        double lon, const std::optional<std::string>& time,
                        std::optional<double> level_hpa) {
  const std::string format = detect_format(file);
  if (is_track_format(format))
    throw_input_error(file.string(), "--sample needs a gridded file (NetCDF or GRIB2)");
  if (lat < -90 || lat > 90 || lon < -360 || lon > 360)
    throw_input_error("--at", fmt::format("{}, {} is not a latitude, longitude", lat, lon));
  ReadRequest req;
  req.variable = variable;
  // A small box around the point (wide enough for coarse grids such as 2.5 degrees).
  req.box = GeoBox{lon - 3, lon + 3, std::max(-90.0, lat - 3), std::min(90.0, lat + 3)};
  std::optional<TimePoint> when;
  if (time) {
    when = parse_time(*time);
    if (!when)
      throw_input_error("--at", fmt::format("time '{}' is not an ISO 8601 date-time such as "
                                            "2005-09-25T00:00:00Z",
                                            *time));
  }
  const GriddedData d =
      format == "netcdf" ? read_netcdf_variable(file, req) : read_grib2_variable(file, req);
  const Grid& g = d.grid;
  // Nearest grid point (longitudes of the data are continuous; compare modulo 360).
  std::size_t bi = 0, bj = 0;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      double dl = std::fmod(std::fabs(g.lon(i) - lon), 360.0);
      dl = std::min(dl, 360.0 - dl);
      const double dist = std::hypot(dl * std::cos(lat * M_PI / 180.0), g.lat(j) - lat);
      if (dist < best) best = dist, bi = i, bj = j;
    }
  std::size_t bt = 0, bk = 0;
  if (when && !d.times.empty()) {
    double bd = std::numeric_limits<double>::infinity();
    for (std::size_t t = 0; t < d.times.size(); ++t) {
      const double dh = std::fabs(hours_between(*when, d.times[t]));
      if (dh < bd) bd = dh, bt = t;
    }
  }
  if (level_hpa && !d.levels_hpa.empty()) {
    double bd = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < d.levels_hpa.size(); ++k)
      if (std::fabs(d.levels_hpa[k] - *level_hpa) < bd)
        bd = std::fabs(d.levels_hpa[k] - *level_hpa), bk = k;
  }
  const double v = d.at(bt, bk, bi, bj);
  json j = {{"value", number_or_null(v)},
            {"units", d.units},
            {"variable", d.source_variable},
            {"lat", g.lat(bj)},
            {"lon", g.lon(bi)}};
  j["time"] = d.times.empty() ? json(nullptr) : json(format_iso_utc(d.times[bt]));
  j["level_hpa"] = d.levels_hpa.empty() ? json(nullptr) : json(d.levels_hpa[bk]);
  return j.dump() + "\n";
}

}  // namespace taifeng::forcing
