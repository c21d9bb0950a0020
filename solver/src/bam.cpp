// Beta-and-advection model: layer means, vortex-removed steering and the trajectory
// (method and choices: bam.hpp).
#include "taifeng/solver/bam.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <functional>
#include <numbers>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::solver {

namespace {

constexpr double level_tol_hpa = 0.01;  // levels closer than this are the same level
constexpr int n_azimuths = 36;          // every 10°, symmetric about the meridian
constexpr double max_ring_km = 25.0;    // ring spacing of the area quadrature

std::string level_list(std::vector<double> levels) {
  std::sort(levels.begin(), levels.end(), std::greater<>());
  return levels.empty() ? std::string("none") : fmt::format("{:g}", fmt::join(levels, ", "));
}

std::string lat_lon_text(LonLat p) {
  return fmt::format("{:.2f}{} {:.2f}E", std::fabs(p.lat), p.lat < 0 ? 'S' : 'N', p.lon);
}

std::string grid_box_text(const Grid& g) {
  return fmt::format("{:g}..{:g}E x {:g}..{:g}N", g.lon0, g.lon_max(), g.lat0, g.lat_max());
}

// Fractional grid coordinates of (lon, lat), the longitude taken in the branch (±360)
// that falls in the grid; nullopt outside.
std::optional<std::pair<double, double>> grid_xy(const Grid& g, double lon, double lat) {
  const double y = (lat - g.lat0) / g.dlat;
  if (!(y >= 0.0 && y <= double(g.nlat - 1))) return std::nullopt;
  for (double shift : {0.0, 360.0, -360.0}) {
    const double x = (lon + shift - g.lon0) / g.dlon;
    if (x >= 0.0 && x <= double(g.nlon - 1)) return std::make_pair(x, y);
  }
  return std::nullopt;
}

}  // namespace

PressureLayer bam_layer_range(BamLayer layer) {
  switch (layer) {
    case BamLayer::shallow:
      return {850.0, 700.0};
    case BamLayer::medium:
      return {850.0, 400.0};
    case BamLayer::deep:
      return {850.0, 200.0};
  }
  return {850.0, 200.0};
}

std::string bam_layer_name(BamLayer layer) {
  switch (layer) {
    case BamLayer::shallow:
      return "BAMS";
    case BamLayer::medium:
      return "BAMM";
    case BamLayer::deep:
      return "BAMD";
  }
  return "BAM";
}

std::optional<BamLayer> parse_bam_layer(std::string_view text) {
  std::string s(text);
  for (char& ch : s) ch = char(std::tolower(static_cast<unsigned char>(ch)));
  if (s == "shallow" || s == "bams") return BamLayer::shallow;
  if (s == "medium" || s == "bamm") return BamLayer::medium;
  if (s == "deep" || s == "bamd") return BamLayer::deep;
  return std::nullopt;
}

std::vector<double> bam_layer_weights(const std::vector<double>& levels, BamLayer layer,
                                      const std::string& where) {
  const PressureLayer range = bam_layer_range(layer);
  std::vector<std::size_t> in;  // indices of the levels in the layer, bottom up
  for (std::size_t k = 0; k < levels.size(); ++k) {
    const double p = levels[k];
    if (!std::isfinite(p) || p <= 0.0)
      throw_input_error(where, fmt::format("pressure level {} hPa is not a positive number", p));
    for (std::size_t m = 0; m < k; ++m)
      if (std::fabs(levels[m] - p) <= level_tol_hpa)
        throw_input_error(where, fmt::format("pressure level {:g} hPa appears twice", p));
    if (p <= range.bottom_hpa + level_tol_hpa && p >= range.top_hpa - level_tol_hpa)
      in.push_back(k);
  }
  std::sort(in.begin(), in.end(),
            [&](std::size_t a, std::size_t b) { return levels[a] > levels[b]; });
  const bool spans = in.size() >= 2 &&
                     std::fabs(levels[in.front()] - range.bottom_hpa) <= level_tol_hpa &&
                     std::fabs(levels[in.back()] - range.top_hpa) <= level_tol_hpa;
  if (!spans)
    throw_input_error(
        where, fmt::format("{} layer mean ({:g}–{:g} hPa) needs winds at {:g} and {:g} hPa (no "
                           "extrapolation), levels found: {} hPa",
                           bam_layer_name(layer), range.bottom_hpa, range.top_hpa, range.bottom_hpa,
                           range.top_hpa, level_list(levels)));
  // Trapezoid rule in pressure: each level weighs half of its two neighbouring intervals.
  std::vector<double> w(levels.size(), 0.0);
  const double total = levels[in.front()] - levels[in.back()];
  for (std::size_t n = 0; n < in.size(); ++n) {
    const double below = n > 0 ? levels[in[n - 1]] - levels[in[n]] : 0.0;
    const double above = n + 1 < in.size() ? levels[in[n]] - levels[in[n + 1]] : 0.0;
    w[in[n]] = 0.5 * (below + above) / total;
  }
  return w;
}

SteeringWind bam_beta_drift(const BamOptions& opt, double analysis_lat) {
  const double dir = deg_to_rad(opt.beta_direction_deg);
  SteeringWind b{opt.beta_speed_ms * std::sin(dir), opt.beta_speed_ms * std::cos(dir)};
  if (analysis_lat < 0.0) b.v = -b.v;  // mirror image: north-west becomes south-west
  return b;
}

// ----- BamSteering ------------------------------------------------------------------

struct BamSteering::Sample {
  double dlon = 0.0, lat = 0.0;     // longitude offset from the centre and latitude, degrees
  double cos_a = 1.0, sin_a = 0.0;  // clockwise rotation carrying a vector to the centre
  double weight = 1.0;
};

BamSteering::BamSteering(const SteeringFields& f, BamLayer layer, double vortex_radius_km,
                         double vortex_inner_radius_km)
    : source_(f.source.empty() ? std::string("steering fields") : f.source),
      grid_(f.grid),
      times_(f.times),
      layer_(layer),
      radius_km_(vortex_radius_km),
      inner_km_(vortex_radius_km > 0.0 ? vortex_inner_radius_km : 0.0) {
  const Grid& g = f.grid;
  if (g.nlon < 2 || g.nlat < 2 || !(g.dlon > 0.0) || !(g.dlat > 0.0))
    throw_input_error(source_, fmt::format("the wind grid has {} x {} points, spacing {} x {} "
                                           "deg; expected at least 2 x 2 and positive spacing",
                                           g.nlon, g.nlat, g.dlon, g.dlat));
  if (f.times.empty()) throw_input_error(source_, "the winds have no valid time");
  for (std::size_t t = 1; t < f.times.size(); ++t)
    if (!(f.times[t] > f.times[t - 1]))
      throw_input_error(source_,
                        fmt::format("wind times must increase strictly, got {} after {}",
                                    format_iso_utc(f.times[t]), format_iso_utc(f.times[t - 1])));
  const std::size_t nt = f.times.size(), nl = f.levels_hpa.size(), npt = g.size();
  if (f.u.size() != nt * nl * npt || f.v.size() != nt * nl * npt)
    throw_input_error(source_, fmt::format("u and v hold {} and {} values; expected {} times x {} "
                                           "levels x {} points = {}",
                                           f.u.size(), f.v.size(), nt, nl, npt, nt * nl * npt));
  if (!(vortex_radius_km >= 0.0 && vortex_radius_km <= 3000.0))
    throw_input_error("BAM options", fmt::format("vortex_radius_km = {}; expected 0..3000 km "
                                                 "(0: no vortex removal)",
                                                 vortex_radius_km));
  if (!(inner_km_ >= 0.0 && (radius_km_ == 0.0 || inner_km_ < radius_km_)))
    throw_input_error("BAM options",
                      fmt::format("vortex_inner_radius_km = {}; expected 0 <= inner radius < "
                                  "vortex_radius_km ({})",
                                  vortex_inner_radius_km, vortex_radius_km));

  const std::vector<double> w = bam_layer_weights(f.levels_hpa, layer, source_);
  for (std::size_t k = 0; k < nl; ++k)
    if (w[k] > 0.0) layer_levels_.push_back(f.levels_hpa[k]);
  std::sort(layer_levels_.begin(), layer_levels_.end(), std::greater<>());

  u_.assign(nt * npt, 0.0);
  v_.assign(nt * npt, 0.0);
  for (std::size_t t = 0; t < nt; ++t)
    for (std::size_t k = 0; k < nl; ++k) {
      if (w[k] == 0.0) continue;
      const std::size_t src = (t * nl + k) * npt, dst = t * npt;
      for (std::size_t n = 0; n < npt; ++n) {
        u_[dst + n] += w[k] * f.u[src + n];  // NaN propagates: reported where it is sampled
        v_[dst + n] += w[k] * f.v[src + n];
      }
    }

  if (radius_km_ > 0.0) {
    // Rings no farther apart than 25 km or one grid spacing (the finer).
    const double grid_km = std::min(g.dlat, g.dlon) * deg_to_rad(1.0) * earth_radius_m / 1000.0;
    rings_ = int(std::ceil((radius_km_ - inner_km_) / std::min(max_ring_km, grid_km)));
  }
}

std::vector<BamSteering::Sample> BamSteering::samples(LonLat c) const {
  if (rings_ == 0) return {Sample{0.0, c.lat, 1.0, 0.0, 1.0}};
  std::vector<Sample> out;
  out.reserve(std::size_t(rings_) * n_azimuths);
  const double phc = deg_to_rad(c.lat), sc = std::sin(phc), cc = std::cos(phc);
  const double dr = (radius_km_ - inner_km_) / rings_;
  for (int k = 0; k < rings_; ++k) {
    const double r_km = inner_km_ + (k + 0.5) * dr;  // midpoint rule in r, area weight r dr
    const double delta = r_km * 1000.0 / earth_radius_m;
    const double sd = std::sin(delta), cd = std::cos(delta);
    for (int j = 0; j < n_azimuths; ++j) {
      const double th = 2.0 * std::numbers::pi * j / n_azimuths;  // bearing from c
      const double sp = sc * cd + cc * sd * std::cos(th);
      const double ph = std::asin(std::clamp(sp, -1.0, 1.0));
      const double dl = std::atan2(std::sin(th) * sd * cc, cd - sc * sp);
      // Bearing at the sample point of the great circle coming from c (the back-bearing
      // to c plus 180°); rotating by th - out carries the vector to c along the circle.
      const double back =
          std::atan2(std::sin(-dl) * cc, std::cos(ph) * sc - sp * cc * std::cos(dl));
      const double out_brg = back + std::numbers::pi;
      const double alpha = th - out_brg;
      out.push_back({rad_to_deg(dl), rad_to_deg(ph), std::cos(alpha), std::sin(alpha), r_km});
    }
  }
  return out;
}

SteeringWind BamSteering::area_mean(std::size_t t, const std::vector<Sample>& samples, LonLat c,
                                    TimePoint when) const {
  const Grid& g = grid_;
  const std::size_t base = t * g.size();
  double su = 0.0, sv = 0.0, sw = 0.0;
  for (const Sample& s : samples) {
    const auto xy = grid_xy(g, c.lon + s.dlon, s.lat);
    if (!xy)
      throw_input_error(
          source_,
          fmt::format("{} trajectory leaves the wind grid {}: the steering area out to {:g} km "
                      "around {} at {} reaches {}; expected the track to stay {:g} km inside "
                      "the grid (enlarge the box or shorten the lead)",
                      bam_layer_name(layer_), grid_box_text(g), radius_km_, lat_lon_text(c),
                      format_iso_utc(when), lat_lon_text({c.lon + s.dlon, s.lat}), radius_km_));
    const auto [x, y] = *xy;
    const std::size_t i = std::min(std::size_t(x), g.nlon - 2);
    const std::size_t j = std::min(std::size_t(y), g.nlat - 2);
    const double fx = x - double(i), fy = y - double(j);
    const std::array<double, 4> w{(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy};
    const std::array<std::size_t, 4> n{g.index(i, j), g.index(i + 1, j), g.index(i, j + 1),
                                       g.index(i + 1, j + 1)};
    double u = 0.0, v = 0.0;
    for (int q = 0; q < 4; ++q) {
      if (w[q] == 0.0) continue;  // a missing neighbour with no weight does not matter
      const double uq = u_[base + n[q]], vq = v_[base + n[q]];
      if (std::isnan(uq) || std::isnan(vq))
        throw_input_error(
            source_,
            fmt::format("missing (NaN) wind in the {} layer ({} hPa) at grid point {:g}E {:g}N, "
                        "{}, used for the steering around {}; expected valid winds within "
                        "{:g} km of the track",
                        bam_layer_name(layer_), level_list(layer_levels_), g.lon(n[q] % g.nlon),
                        g.lat(n[q] / g.nlon), format_iso_utc(when), lat_lon_text(c), radius_km_));
      u += w[q] * uq;
      v += w[q] * vq;
    }
    su += s.weight * (u * s.cos_a + v * s.sin_a);
    sv += s.weight * (-u * s.sin_a + v * s.cos_a);
    sw += s.weight;
  }
  return {su / sw, sv / sw};
}

SteeringWind BamSteering::at(LonLat c, TimePoint base, double seconds) const {
  // Time relative to the first field, in seconds (fractions kept).
  const double s = double((base - times_.front()).count()) + seconds;
  const TimePoint when = base + std::chrono::seconds(static_cast<long long>(std::floor(seconds)));
  if (s < 0.0)
    throw_input_error(source_, fmt::format("steering wanted at {}, before the first wind time {}",
                                           format_iso_utc(when), format_iso_utc(times_.front())));
  const std::vector<Sample> d = samples(c);
  std::size_t k = 0;
  while (k + 1 < times_.size() && double((times_[k + 1] - times_.front()).count()) <= s) ++k;
  if (k + 1 == times_.size()) return area_mean(k, d, c, when);  // last field held
  const double s0 = double((times_[k] - times_.front()).count());
  const double s1 = double((times_[k + 1] - times_.front()).count());
  const double w = (s - s0) / (s1 - s0);
  const SteeringWind a = area_mean(k, d, c, when);
  if (w == 0.0) return a;
  const SteeringWind b = area_mean(k + 1, d, c, when);
  return {a.u + w * (b.u - a.u), a.v + w * (b.v - a.v)};
}

// ----- bam_forecast ------------------------------------------------------------------

namespace {

void check_options(const BamOptions& o) {
  auto bad = [](const std::string& what) { throw_input_error("BAM options", what); };
  if (!(o.step_minutes > 0.0 && o.step_minutes <= 360.0))
    bad(fmt::format("step_minutes = {}; expected 0 < step <= 360 min", o.step_minutes));
  if (!(o.lead_hours > 0.0 && o.lead_hours <= 480.0))
    bad(fmt::format("lead_hours = {}; expected 0 < lead <= 480 h", o.lead_hours));
  if (!(o.output_interval_hours > 0.0 && o.output_interval_hours <= o.lead_hours))
    bad(fmt::format("output_interval_hours = {}; expected 0 < interval <= lead_hours ({})",
                    o.output_interval_hours, o.lead_hours));
  if (!(o.beta_speed_ms >= 0.0 && o.beta_speed_ms <= 10.0))
    bad(fmt::format("beta_speed_ms = {}; expected 0..10 m/s", o.beta_speed_ms));
  if (!std::isfinite(o.beta_direction_deg))
    bad(fmt::format("beta_direction_deg = {}; expected a bearing in degrees",
                    o.beta_direction_deg));
}

}  // namespace

TrackPoint analysis_fix_for_winds(const Track& best, TimePoint t0,
                                  const std::vector<TimePoint>& times, const std::string& source,
                                  double lead_hours, bool hold_last_field) {
  const std::string track_where = "best track " + (best.id.empty() ? best.name : best.id);
  if (!best.covers(t0))
    throw_input_error(track_where,
                      best.empty() ? std::string("has no fix; expected one at the analysis time")
                                   : fmt::format("covers {} .. {}; expected the analysis time {} "
                                                 "within it",
                                                 format_iso_utc(best.start()),
                                                 format_iso_utc(best.end()), format_iso_utc(t0)));
  TAIFENG_CHECK(!times.empty(), "analysis_fix_for_winds: no wind time");
  if (t0 < times.front() || t0 > times.back())
    throw_input_error(source, fmt::format("the analysis time {} is outside the wind times {} .. "
                                          "{} ({} times); expected it within them",
                                          format_iso_utc(t0), format_iso_utc(times.front()),
                                          format_iso_utc(times.back()), times.size()));
  const TimePoint t_end = add_hours(t0, lead_hours);
  if (!hold_last_field && t_end > times.back())
    throw_input_error(source,
                      fmt::format("the winds end at {}, before the end of the {:g} h "
                                  "forecast ({}); expected winds to the end (or hold "
                                  "the last field)",
                                  format_iso_utc(times.back()), lead_hours, format_iso_utc(t_end)));
  TrackPoint p0 = best.at(t0);
  if (std::isnan(p0.lat) || std::isnan(p0.lon))
    throw_input_error(track_where, fmt::format("has no position at {}; expected the analysed "
                                               "centre",
                                               format_iso_utc(t0)));
  return p0;
}

TrackPoint held_intensity_point(const TrackPoint& p0, TimePoint t, LonLat pos,
                                const std::string& source) {
  TrackPoint p;
  p.time = t;
  p.lon = pos.lon;
  p.lat = pos.lat;
  p.vmax_ms = p0.vmax_ms;
  p.averaging = p0.averaging;
  p.pmin_hpa = p0.pmin_hpa;
  p.rmw_km = p0.rmw_km;
  p.source_ref = source;
  return p;
}

Track bam_forecast(const SteeringFields& fields, const Track& best, TimePoint t0,
                   const BamOptions& opt) {
  check_options(opt);
  const BamSteering steering(fields, opt.layer, opt.vortex_radius_km, opt.vortex_inner_radius_km);
  const std::string source = fields.source.empty() ? std::string("steering fields") : fields.source;
  const TrackPoint p0 = analysis_fix_for_winds(best, t0, steering.times(), source, opt.lead_hours,
                                               opt.hold_last_field);
  const SteeringWind beta = bam_beta_drift(opt, p0.lat);
  const double a = earth_radius_m;
  // dλ/dt, dφ/dt in degrees per second.
  auto rate = [&](LonLat p, double s) {
    const double cos_lat = std::cos(deg_to_rad(p.lat));
    if (!(cos_lat > 1e-6))
      throw_input_error(
          source, fmt::format("the {} trajectory reaches the pole", bam_layer_name(opt.layer)));
    const SteeringWind w = steering.at(p, t0, s);
    return LonLat{rad_to_deg((w.u + beta.u) / (a * cos_lat)), rad_to_deg((w.v + beta.v) / a)};
  };
  auto moved = [](LonLat p, LonLat r, double dt) {
    return LonLat{p.lon + r.lon * dt, p.lat + r.lat * dt};
  };

  Track fc;
  fc.id = best.id;
  fc.name = best.name;
  fc.source = bam_layer_name(opt.layer);
  fc.points.push_back(p0);

  const double lead_s = opt.lead_hours * 3600.0, out_s = opt.output_interval_hours * 3600.0;
  const double step_s = opt.step_minutes * 60.0;
  LonLat pos{p0.lon, p0.lat};
  double s = 0.0;
  for (long k = 1;; ++k) {
    // Output times k·interval, and the lead itself last (within a millisecond).
    double target = std::min(double(k) * out_s, lead_s);
    if (lead_s - target < 1e-3) target = lead_s;
    while (s < target) {
      const double dt = std::min(step_s, target - s);
      const LonLat k1 = rate(pos, s);
      const LonLat k2 = rate(moved(pos, k1, 0.5 * dt), s + 0.5 * dt);
      const LonLat k3 = rate(moved(pos, k2, 0.5 * dt), s + 0.5 * dt);
      const LonLat k4 = rate(moved(pos, k3, dt), s + dt);
      pos.lon += dt / 6.0 * (k1.lon + 2.0 * k2.lon + 2.0 * k3.lon + k4.lon);
      pos.lat += dt / 6.0 * (k1.lat + 2.0 * k2.lat + 2.0 * k3.lat + k4.lat);
      s = target - s - dt < 1e-9 ? target : s + dt;
    }
    fc.points.push_back(
        held_intensity_point(p0, t0 + std::chrono::seconds(std::llround(target)), pos, fc.source));
    if (target >= lead_s) break;
  }
  return fc;
}

}  // namespace taifeng::solver
