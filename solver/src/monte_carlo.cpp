#include "taifeng/solver/monte_carlo.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/solver/intensity.hpp"
#include "taifeng/solver/random.hpp"

namespace taifeng::solver {

namespace {

constexpr std::uint32_t stream_along = 0, stream_cross = 1, stream_intensity = 2;

std::vector<double> ar1_series(const std::vector<double>& bias, const std::vector<double>& sd,
                               double rho, const CounterRng& rng) {
  TAIFENG_CHECK(rho >= -1.0 && rho <= 1.0, "lag correlation outside [-1, 1]");
  const double innovation = std::sqrt(std::max(0.0, 1.0 - rho * rho));
  std::vector<double> out(bias.size());
  double e = 0.0;  // standardized deviation
  for (std::size_t k = 0; k < bias.size(); ++k) {
    const double z = rng.normal(k);
    e = k == 0 ? z : rho * e + innovation * z;
    out[k] = bias[k] + sd[k] * e;
  }
  return out;
}

void check_stats(const TrackErrorStats& s) {
  const std::size_t n = s.lead_h.size();
  TAIFENG_CHECK(s.along_bias_km.size() == n && s.along_sd_km.size() == n &&
                    s.cross_bias_km.size() == n && s.cross_sd_km.size() == n,
                "track error statistics: one value per lead");
  TAIFENG_CHECK(s.intensity_bias_ms.size() == n && s.intensity_sd_ms.size() == n,
                "intensity error statistics: one value per lead");
  for (std::size_t k = 1; k < n; ++k)
    TAIFENG_CHECK(s.lead_h[k] > s.lead_h[k - 1], "statistics leads must increase");
}

double percentile_nearest_rank(std::vector<double> v, double q) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(v.begin(), v.end());
  const auto rank = std::size_t(std::ceil(q * double(v.size()) - 1e-9));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

}  // namespace

MemberErrors draw_member_errors(const TrackErrorStats& stats, std::uint64_t seed, int member) {
  check_stats(stats);
  MemberErrors e;
  const std::size_t n = stats.lead_h.size();
  if (member == 0) {
    e.along_km.assign(n, 0.0);
    e.cross_km.assign(n, 0.0);
    e.intensity_ms.assign(n, 0.0);
    return e;
  }
  TAIFENG_CHECK(member > 0, "negative member number");
  const auto m = std::uint32_t(member);
  e.along_km = ar1_series(stats.along_bias_km, stats.along_sd_km, stats.along_lag_corr,
                          CounterRng(seed, m, stream_along));
  e.cross_km = ar1_series(stats.cross_bias_km, stats.cross_sd_km, stats.cross_lag_corr,
                          CounterRng(seed, m, stream_cross));
  e.intensity_ms = ar1_series(stats.intensity_bias_ms, stats.intensity_sd_ms,
                              stats.intensity_lag_corr, CounterRng(seed, m, stream_intensity));
  return e;
}

double error_at_lead(const std::vector<double>& lead_h, const std::vector<double>& error,
                     double h) {
  if (lead_h.empty() || h <= 0.0) return 0.0;
  if (h >= lead_h.back()) return error.back();
  double h0 = 0.0, e0 = 0.0;
  for (std::size_t k = 0; k < lead_h.size(); ++k) {
    if (h <= lead_h[k]) return e0 + (error[k] - e0) * (h - h0) / (lead_h[k] - h0);
    h0 = lead_h[k];
    e0 = error[k];
  }
  return error.back();
}

Track perturb_track(const Track& det, const TrackErrorStats& stats, std::uint64_t seed, int member,
                    const PerturbOptions& opt) {
  Track out = det;
  if (member == 0 || det.empty()) return out;
  const MemberErrors e = draw_member_errors(stats, seed, member);
  out.source = det.source + " (Monte Carlo member " + std::to_string(member) + ")";
  const std::size_t n = det.points.size();
  for (std::size_t i = 0; i < n; ++i) {
    const TrackPoint& p = det.points[i];
    TrackPoint& q = out.points[i];
    const double h = hours_between(det.start(), p.time);
    const double along = error_at_lead(stats.lead_h, e.along_km, h);
    const double cross = error_at_lead(stats.lead_h, e.cross_km, h);
    if (along != 0.0 || cross != 0.0) {
      // Local motion direction: previous -> next point (one-sided at the ends).
      const TrackPoint& a = det.points[i == 0 ? 0 : i - 1];
      const TrackPoint& b = det.points[std::min(i + 1, n - 1)];
      const LonLat la{a.lon, a.lat}, lb{b.lon, b.lat};
      const double heading = great_circle_km(la, lb) > 0.0 ? bearing_deg(la, lb) : 0.0;
      LonLat c{p.lon, p.lat};
      if (along != 0.0) c = destination(c, heading, along);
      if (cross != 0.0) c = destination(c, heading + 90.0, cross);
      q.lon = c.lon;
      q.lat = c.lat;
    }
    if (!opt.perturb_intensity || std::isnan(p.vmax_ms)) continue;
    const double dv = error_at_lead(stats.lead_h, e.intensity_ms, h);
    if (dv == 0.0) continue;
    q.vmax_ms = std::clamp(p.vmax_ms + dv, opt.vmax_min_ms, opt.vmax_max_ms);
    if (!std::isnan(p.pmin_hpa) && p.vmax_ms > 0.0) {
      q.pmin_hpa = rescale_pressure_ah77(p.pmin_hpa, p.vmax_ms, q.vmax_ms, opt.p_env_hpa);
    }
  }
  return out;
}

MemberAccumulator make_accumulator(const Grid& grid, const std::vector<TimePoint>& times,
                                   const Track& deterministic, const ProductOptions& opt) {
  TAIFENG_CHECK(!times.empty(), "no output times");
  for (std::size_t k = 1; k < times.size(); ++k)
    TAIFENG_CHECK(times[k] > times[k - 1], "output times must increase");
  TAIFENG_CHECK(opt.hist_bin_ms > 0 && opt.hist_max_ms > opt.hist_bin_ms, "histogram bins");
  TAIFENG_CHECK(!deterministic.empty(), "empty deterministic track");
  MemberAccumulator acc;
  acc.grid = grid;
  acc.times = times;
  acc.deterministic = deterministic;
  acc.opt = opt;
  acc.bins = std::size_t(std::ceil(opt.hist_max_ms / opt.hist_bin_ms - 1e-9)) + 1;
  const std::size_t np = grid.size();
  acc.reach_count.assign(opt.thresholds_ms.size() * opt.windows_h.size() * np, 0);
  acc.gale_first.assign(times.size() * np, 0);
  acc.max_hist.assign(np * acc.bins, 0);
  acc.max_sum_mm_s.assign(np, 0);
  acc.strike_count.assign(np, 0);
  acc.cone_distances_km.assign(times.size(), {});
  return acc;
}

void merge(MemberAccumulator& acc, const MemberAccumulator& other) {
  TAIFENG_CHECK(acc.grid == other.grid && acc.times == other.times && acc.bins == other.bins &&
                    acc.opt.thresholds_ms == other.opt.thresholds_ms &&
                    acc.opt.windows_h == other.opt.windows_h,
                "merging accumulators of different products");
  auto add = [](auto& a, const auto& b) {
    for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
  };
  add(acc.reach_count, other.reach_count);
  add(acc.gale_first, other.gale_first);
  add(acc.max_hist, other.max_hist);
  add(acc.max_sum_mm_s, other.max_sum_mm_s);
  add(acc.strike_count, other.strike_count);
  for (std::size_t k = 0; k < acc.cone_distances_km.size(); ++k)
    acc.cone_distances_km[k].insert(acc.cone_distances_km[k].end(),
                                    other.cone_distances_km[k].begin(),
                                    other.cone_distances_km[k].end());
  acc.members += other.members;
}

WindProbabilityProducts finalize(const MemberAccumulator& acc) {
  TAIFENG_CHECK(acc.members > 0, "no members accumulated");
  const ProductOptions& o = acc.opt;
  const std::size_t np = acc.grid.size(), nt = o.thresholds_ms.size(), nw = o.windows_h.size();
  const double n = double(acc.members);
  WindProbabilityProducts r;
  r.members = acc.members;
  r.thresholds_ms = o.thresholds_ms;
  r.windows_h = o.windows_h;
  r.prob.assign(nt, std::vector<std::vector<double>>(nw, std::vector<double>(np)));
  for (std::size_t th = 0; th < nt; ++th)
    for (std::size_t w = 0; w < nw; ++w) {
      const std::int32_t* c = acc.reach_count.data() + (th * nw + w) * np;
      for (std::size_t p = 0; p < np; ++p) r.prob[th][w][p] = double(c[p]) / n;
    }
  r.gale_arrival_h.assign(np, std::numeric_limits<double>::quiet_NaN());
  r.mean_max_wind.resize(np);
  r.p90_max_wind.resize(np);
  r.strike_prob.resize(np);
  // Nearest rank of the percentile among the members (1-based).
  const auto rank = std::max<long>(1, long(std::ceil(o.max_wind_percentile * n - 1e-9)));
  for (std::size_t p = 0; p < np; ++p) {
    long cum = 0;
    for (std::size_t k = 0; k < acc.times.size(); ++k) {
      cum += acc.gale_first[k * np + p];
      if (2 * cum >= acc.members) {
        r.gale_arrival_h[p] = hours_between(acc.times.front(), acc.times[k]);
        break;
      }
    }
    r.mean_max_wind[p] = double(acc.max_sum_mm_s[p]) / 1000.0 / n;
    long below = 0;
    for (std::size_t b = 0; b < acc.bins; ++b) {
      below += acc.max_hist[b * np + p];
      if (below >= rank) {
        r.p90_max_wind[p] = b + 1 == acc.bins ? o.hist_max_ms : double(b) * o.hist_bin_ms;
        break;
      }
    }
    r.strike_prob[p] = double(acc.strike_count[p]) / n;
  }
  for (std::size_t k = 0; k < acc.times.size(); ++k) {
    r.lead_h.push_back(hours_between(acc.times.front(), acc.times[k]));
    r.cone_radius_km.push_back(
        percentile_nearest_rank(acc.cone_distances_km[k], o.cone_percentile));
  }
  return r;
}

}  // namespace taifeng::solver
