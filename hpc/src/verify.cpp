#include "taifeng/hpc/verify.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include <fmt/format.h>

#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/solver/persistence.hpp"

namespace taifeng::hpc {

namespace {

using json = nlohmann::ordered_json;
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double step_h = 6.0;

const TrackPoint* fix_at(const Track& tr, TimePoint t) {
  auto it = std::lower_bound(tr.points.begin(), tr.points.end(), t,
                             [](const TrackPoint& p, TimePoint v) { return p.time < v; });
  return it != tr.points.end() && it->time == t ? &*it : nullptr;
}

const TrackPoint* forecast_at(const Track& fc, TimePoint t) {
  return fix_at(fc, t);
}

struct Moments {
  long n = 0;
  double mean = 0.0, sd = 0.0;
};

Moments moments(const std::vector<double>& v) {
  Moments m;
  for (double x : v)
    if (!std::isnan(x)) m.mean += x, ++m.n;
  if (m.n == 0) return m;
  m.mean /= double(m.n);
  double ss = 0.0;
  for (double x : v)
    if (!std::isnan(x)) ss += (x - m.mean) * (x - m.mean);
  m.sd = m.n > 1 ? std::sqrt(ss / double(m.n - 1)) : 0.0;
  return m;
}

// Pooled lag correlation over consecutive leads: per pair the Pearson correlation of the
// cases verified at both leads, averaged with the pair counts as weights.
double lag_correlation(const std::vector<std::vector<double>>& by_lead) {
  double sum = 0.0, weight = 0.0;
  for (std::size_t k = 0; k + 1 < by_lead.size(); ++k) {
    const auto& a = by_lead[k];
    const auto& b = by_lead[k + 1];
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    long n = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (std::isnan(a[i]) || std::isnan(b[i])) continue;
      sa += a[i], sb += b[i], saa += a[i] * a[i], sbb += b[i] * b[i], sab += a[i] * b[i];
      ++n;
    }
    if (n < 3) continue;
    const double cov = sab - sa * sb / double(n);
    const double va = saa - sa * sa / double(n), vb = sbb - sb * sb / double(n);
    if (va <= 0 || vb <= 0) continue;
    sum += double(n) * cov / std::sqrt(va * vb);
    weight += double(n);
  }
  return weight > 0 ? sum / weight : 0.0;
}

double percentile_nearest_rank(std::vector<double> v, double q) {
  if (v.empty()) return nan_v;
  std::sort(v.begin(), v.end());
  const auto rank = std::size_t(std::ceil(q * double(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

double median(std::vector<double> v) {
  if (v.empty()) return nan_v;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

json number_or_null(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

double read_number(const json& j) {
  return j.is_null() ? nan_v : j.get<double>();
}

json read_json_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw_input_error(file.string(), "cannot open the file");
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw_input_error(file.string(), std::string("not valid JSON: ") + e.what());
  }
}

void check_format(const json& j, const std::filesystem::path& file, const char* format) {
  if (!j.is_object() || j.value("format", std::string()) != format)
    throw_input_error(file.string(), fmt::format("expected \"format\": \"{}\"", format));
  if (j.value("version", 0) != 1)
    throw_input_error(file.string(), fmt::format("unsupported {} version (expected 1)", format));
}

}  // namespace

bool LonLatBox::contains(double lon, double lat) const {
  const double l = lon360(lon);
  return l >= lon_min && l <= lon_max && lat >= lat_min && lat <= lat_max;
}

VerifyResult verify_model(const forcing::TrackFile& tracks, const VerifyOptions& opt) {
  if (opt.model != "persistence" && opt.model != "cliper")
    throw_input_error("--model", "unknown model '" + opt.model + "' (persistence|cliper)");
  if (opt.model == "cliper" && !opt.cliper)
    throw_input_error("--cliper", "model cliper needs a fitted CLIPER model file");
  TAIFENG_CHECK(!opt.leads_h.empty(), "no verification leads");
  const double max_lead = opt.leads_h.back();
  if (opt.cliper && opt.cliper->max_lead_hours() < max_lead)
    throw_input_error("--cliper", fmt::format("the CLIPER model reaches {} h only, {} h needed",
                                              opt.cliper->max_lead_hours(), max_lead));
  const std::size_t nl = opt.leads_h.size();

  // Per lead, per case (NaN = not verified): errors of the model and of CLIPER.
  std::vector<std::vector<double>> dist(nl), along(nl), cross(nl), dint(nl), dist_cl(nl);
  long n_cases = 0;
  solver::PersistenceOptions popt;
  popt.lead_hours = max_lead;
  popt.step_hours = step_h;
  popt.motion_window_hours = 12.0;
  const double cl_hist = opt.cliper ? opt.cliper->min_history_hours : 12.0;

  for (const auto& storm : tracks.storms) {
    if (storm.ensemble.members.empty()) continue;
    const Track& best = storm.ensemble.members.front().track;
    if (best.points.empty()) continue;
    for (const TrackPoint& p0 : best.points) {
      const int y = year_of(p0.time);
      if (y < opt.years.first || y > opt.years.last) continue;
      if (std::isnan(p0.lat) || std::isnan(p0.lon) || std::isnan(p0.vmax_ms)) continue;
      if (!opt.box.contains(p0.lon, p0.lat)) continue;
      if (add_hours(p0.time, -std::max(12.0, cl_hist)) < best.start()) continue;
      const Track fc = opt.model == "persistence"
                           ? solver::persistence_forecast(best, p0.time, popt, {})
                           : solver::cliper_forecast(*opt.cliper, best, p0.time, step_h);
      Track fc_cl;
      if (opt.cliper) fc_cl = solver::cliper_forecast(*opt.cliper, best, p0.time, step_h);
      ++n_cases;
      for (std::size_t k = 0; k < nl; ++k) {
        const TimePoint tv = add_hours(p0.time, opt.leads_h[k]);
        const TrackPoint* b = fix_at(best, tv);
        const TrackPoint* f = forecast_at(fc, tv);
        const TrackPoint* fp = forecast_at(fc, add_hours(tv, -step_h));
        if (!b || !f || !fp || std::isnan(b->lat) || std::isnan(b->lon)) {
          for (auto* v : {&dist[k], &along[k], &cross[k], &dint[k], &dist_cl[k]})
            v->push_back(nan_v);
          continue;
        }
        const LonLat F{f->lon, f->lat}, Fp{fp->lon, fp->lat}, B{b->lon, b->lat};
        const double d = great_circle_km(F, B);
        const double move = great_circle_km(Fp, F);
        const double heading = move > 0 ? std::fmod(bearing_deg(F, Fp) + 180.0, 360.0) : 0.0;
        const double err_bearing = d > 0 ? bearing_deg(F, B) : heading;
        const double a = (err_bearing - heading) * 3.14159265358979323846 / 180.0;
        dist[k].push_back(d);
        along[k].push_back(d * std::cos(a));
        cross[k].push_back(d * std::sin(a));
        // Best minus forecast like the track errors, so that a Monte Carlo member is
        // forecast + error (solver/track_errors.hpp). NaN when either wind is unknown.
        dint[k].push_back(b->vmax_ms - f->vmax_ms);
        if (opt.cliper) {
          const TrackPoint* fc2 = forecast_at(fc_cl, tv);
          dist_cl[k].push_back(fc2 ? great_circle_km({fc2->lon, fc2->lat}, B) : nan_v);
        } else {
          dist_cl[k].push_back(nan_v);
        }
      }
    }
  }

  VerifyResult r;
  r.model = opt.model;
  r.forecasts = n_cases;
  r.cone = opt.cone;
  r.has_skill = opt.cliper != nullptr;
  solver::TrackErrorStats& s = r.stats;
  s.model = opt.model;
  s.source = opt.source;
  for (std::size_t k = 0; k < nl; ++k) {
    LeadVerification L;
    L.lead_h = opt.leads_h[k];
    std::vector<double> d, dcl;
    double cl_sum = 0.0;
    for (std::size_t i = 0; i < dist[k].size(); ++i) {
      if (std::isnan(dist[k][i])) continue;
      d.push_back(dist[k][i]);
      if (!std::isnan(dist_cl[k][i])) {
        dcl.push_back(dist_cl[k][i]);
        cl_sum += dist_cl[k][i];
      }
    }
    L.count = long(d.size());
    const Moments md = moments(d);
    L.mean_km = L.count ? md.mean : nan_v;
    L.median_km = median(d);
    const Moments ma = moments(along[k]), mc = moments(cross[k]), mi = moments(dint[k]);
    L.along_bias_km = L.count ? ma.mean : nan_v;
    L.along_sd_km = L.count ? ma.sd : nan_v;
    L.cross_bias_km = L.count ? mc.mean : nan_v;
    L.cross_sd_km = L.count ? mc.sd : nan_v;
    L.intensity_count = mi.n;
    L.intensity_bias_ms = mi.n ? mi.mean : nan_v;
    L.intensity_sd_ms = mi.n ? mi.sd : nan_v;
    double mae = 0.0;
    for (double x : dint[k])
      if (!std::isnan(x)) mae += std::abs(x);
    L.intensity_mae_ms = mi.n ? mae / double(mi.n) : nan_v;
    if (opt.cliper && !dcl.empty() && dcl.size() == d.size()) {
      L.cliper_mean_km = cl_sum / double(dcl.size());
      L.skill_vs_cliper_pct = 100.0 * (1.0 - L.mean_km / L.cliper_mean_km);
    } else {
      L.cliper_mean_km = nan_v;
      L.skill_vs_cliper_pct = nan_v;
    }
    if (opt.cone) {
      const std::size_t k_lead = s.lead_h.size();  // index of this lead
      L.cone_radius_km = k_lead < opt.cone_radii_km.size() ? opt.cone_radii_km[k_lead]
                                                           : percentile_nearest_rank(d, 0.67);
      long inside = 0;
      for (double x : d) inside += x <= L.cone_radius_km ? 1 : 0;
      L.inside_cone_fraction = d.empty() ? nan_v : double(inside) / double(d.size());
    } else {
      L.cone_radius_km = L.inside_cone_fraction = nan_v;
    }
    s.lead_h.push_back(L.lead_h);
    s.count.push_back(L.count);
    s.along_bias_km.push_back(L.along_bias_km);
    s.along_sd_km.push_back(L.along_sd_km);
    s.cross_bias_km.push_back(L.cross_bias_km);
    s.cross_sd_km.push_back(L.cross_sd_km);
    s.intensity_bias_ms.push_back(L.intensity_bias_ms);
    s.intensity_sd_ms.push_back(L.intensity_sd_ms);
    r.leads.push_back(L);
  }
  s.along_lag_corr = lag_correlation(along);
  s.cross_lag_corr = lag_correlation(cross);
  s.intensity_lag_corr = lag_correlation(dint);
  return r;
}

std::string verify_json(const VerifyResult& r, const VerifyOptions& opt) {
  json j;
  j["model"] = r.model;
  j["forecasts"] = r.forecasts;
  j["years"] = {opt.years.first, opt.years.last};
  j["box"] = {opt.box.lon_min, opt.box.lon_max, opt.box.lat_min, opt.box.lat_max};
  j["along_lag_corr"] = r.stats.along_lag_corr;
  j["cross_lag_corr"] = r.stats.cross_lag_corr;
  j["intensity_lag_corr"] = r.stats.intensity_lag_corr;
  json leads = json::array();
  for (const LeadVerification& L : r.leads) {
    json l;
    l["lead_h"] = L.lead_h;
    l["count"] = L.count;
    l["mean_km"] = number_or_null(L.mean_km);
    l["median_km"] = number_or_null(L.median_km);
    l["intensity_mae_ms"] = number_or_null(L.intensity_mae_ms);
    l["intensity_bias_ms"] = number_or_null(L.intensity_bias_ms);
    l["intensity_sd_ms"] = number_or_null(L.intensity_sd_ms);
    l["skill_vs_cliper_pct"] = number_or_null(L.skill_vs_cliper_pct);
    l["cliper_mean_km"] = number_or_null(L.cliper_mean_km);
    l["along_bias_km"] = number_or_null(L.along_bias_km);
    l["along_sd_km"] = number_or_null(L.along_sd_km);
    l["cross_bias_km"] = number_or_null(L.cross_bias_km);
    l["cross_sd_km"] = number_or_null(L.cross_sd_km);
    if (r.cone) {
      l["cone_radius_km"] = number_or_null(L.cone_radius_km);
      l["inside_cone_fraction"] = number_or_null(L.inside_cone_fraction);
    }
    leads.push_back(l);
  }
  j["leads"] = leads;
  return j.dump(2) + "\n";
}

std::string verify_text(const VerifyResult& r) {
  std::string out = fmt::format("model {}: {} forecasts\n", r.model, r.forecasts);
  out += fmt::format("{:>6} {:>6} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7}{}\n", "lead_h",
                     "count", "mean_km", "median_km", "along_b", "along_sd", "cross_b", "cross_sd",
                     "int_mae", "skill%", r.cone ? "  cone_km inside" : "");
  for (const LeadVerification& L : r.leads) {
    out += fmt::format(
        "{:>6.0f} {:>6} {:>9.1f} {:>9.1f} {:>8.1f} {:>8.1f} {:>8.1f} {:>8.1f} "
        "{:>8.2f} {:>7.1f}",
        L.lead_h, L.count, L.mean_km, L.median_km, L.along_bias_km, L.along_sd_km, L.cross_bias_km,
        L.cross_sd_km, L.intensity_mae_ms, L.skill_vs_cliper_pct);
    if (r.cone) out += fmt::format(" {:>8.1f} {:>6.3f}", L.cone_radius_km, L.inside_cone_fraction);
    out += "\n";
  }
  out += fmt::format(
      "lag correlation (consecutive leads): along {:.3f}, cross {:.3f}, "
      "intensity {:.3f}\n",
      r.stats.along_lag_corr, r.stats.cross_lag_corr, r.stats.intensity_lag_corr);
  return out;
}

solver::CliperModel fit_cliper(const forcing::TrackFile& tracks, YearRange years) {
  std::vector<const Track*> best;
  for (const auto& s : tracks.storms)
    if (!s.ensemble.members.empty()) best.push_back(&s.ensemble.members.front().track);
  solver::CliperFitOptions opt;
  opt.year_first = years.first;
  opt.year_last = years.last;
  return solver::fit_cliper_tracks(best, opt);
}

void save_cliper_json(const solver::CliperModel& m, const std::filesystem::path& file) {
  json j;
  j["format"] = "taifeng-cliper";
  j["version"] = 1;
  j["basin"] = m.basin;
  j["fit_years"] = {m.fit_year_first, m.fit_year_last};
  j["source"] = m.source;
  j["min_history_hours"] = m.min_history_hours;
  j["predictors"] = m.predictors;
  j["fill"] = m.fill;
  json leads = json::array();
  for (const auto& L : m.leads) {
    leads.push_back({{"lead_h", L.lead_h},
                     {"track_samples", L.track_samples},
                     {"intensity_samples", L.intensity_samples},
                     {"dx_km", L.dx_coef},
                     {"dy_km", L.dy_coef},
                     {"dv_ms", L.dv_coef},
                     {"dx_rms_km", L.dx_rms_km},
                     {"dy_rms_km", L.dy_rms_km},
                     {"dv_rms_ms", L.dv_rms_ms}});
  }
  j["leads"] = leads;
  write_file_atomic(file, j.dump(2) + "\n");
}

solver::CliperModel load_cliper_json(const std::filesystem::path& file) {
  const json j = read_json_file(file);
  check_format(j, file, "taifeng-cliper");
  solver::CliperModel m;
  try {
    m.basin = j.at("basin").get<std::string>();
    m.fit_year_first = j.at("fit_years").at(0).get<int>();
    m.fit_year_last = j.at("fit_years").at(1).get<int>();
    m.source = j.value("source", std::string());
    m.min_history_hours = j.value("min_history_hours", 12.0);
    m.predictors = j.at("predictors").get<std::vector<std::string>>();
    m.fill = j.at("fill").get<std::vector<double>>();
    for (const json& l : j.at("leads")) {
      solver::CliperLead L;
      L.lead_h = l.at("lead_h").get<double>();
      L.track_samples = l.value("track_samples", 0L);
      L.intensity_samples = l.value("intensity_samples", 0L);
      L.dx_coef = l.at("dx_km").get<std::vector<double>>();
      L.dy_coef = l.at("dy_km").get<std::vector<double>>();
      L.dv_coef = l.at("dv_ms").get<std::vector<double>>();
      L.dx_rms_km = l.value("dx_rms_km", 0.0);
      L.dy_rms_km = l.value("dy_rms_km", 0.0);
      L.dv_rms_ms = l.value("dv_rms_ms", 0.0);
      m.leads.push_back(std::move(L));
    }
  } catch (const json::exception& e) {
    throw_input_error(file.string(), std::string("malformed CLIPER model: ") + e.what());
  }
  if (m.predictors != solver::cliper_predictor_names())
    throw_input_error(file.string(), "predictors differ from this version's CLIPER predictors");
  const std::size_t np = m.predictors.size();
  if (m.fill.size() != np || m.leads.empty())
    throw_input_error(file.string(), "CLIPER model without fill values or leads");
  double prev = 0.0;
  for (const auto& L : m.leads) {
    if (L.dx_coef.size() != np || L.dy_coef.size() != np || L.dv_coef.size() != np)
      throw_input_error(file.string(), fmt::format("lead {} h: {} coefficients expected per "
                                                   "predictand",
                                                   L.lead_h, np));
    if (!(L.lead_h > prev))
      throw_input_error(file.string(), "leads must be positive and increasing");
    prev = L.lead_h;
  }
  return m;
}

void save_track_errors_json(const solver::TrackErrorStats& s, const std::filesystem::path& file) {
  json j;
  j["format"] = "taifeng-track-errors";
  j["version"] = 1;
  j["model"] = s.model;
  j["source"] = s.source;
  j["along_lag_corr"] = s.along_lag_corr;
  j["cross_lag_corr"] = s.cross_lag_corr;
  j["intensity_lag_corr"] = s.intensity_lag_corr;
  json leads = json::array();
  for (std::size_t k = 0; k < s.lead_h.size(); ++k) {
    leads.push_back({{"lead_h", s.lead_h[k]},
                     {"count", s.count.at(k)},
                     {"along_bias_km", number_or_null(s.along_bias_km.at(k))},
                     {"along_sd_km", number_or_null(s.along_sd_km.at(k))},
                     {"cross_bias_km", number_or_null(s.cross_bias_km.at(k))},
                     {"cross_sd_km", number_or_null(s.cross_sd_km.at(k))},
                     {"intensity_bias_ms", number_or_null(s.intensity_bias_ms.at(k))},
                     {"intensity_sd_ms", number_or_null(s.intensity_sd_ms.at(k))}});
  }
  j["leads"] = leads;
  write_file_atomic(file, j.dump(2) + "\n");
}

solver::TrackErrorStats load_track_errors_json(const std::filesystem::path& file) {
  const json j = read_json_file(file);
  check_format(j, file, "taifeng-track-errors");
  solver::TrackErrorStats s;
  try {
    s.model = j.at("model").get<std::string>();
    s.source = j.value("source", std::string());
    s.along_lag_corr = j.at("along_lag_corr").get<double>();
    s.cross_lag_corr = j.at("cross_lag_corr").get<double>();
    s.intensity_lag_corr = j.at("intensity_lag_corr").get<double>();
    for (const json& l : j.at("leads")) {
      s.lead_h.push_back(l.at("lead_h").get<double>());
      s.count.push_back(l.at("count").get<long>());
      s.along_bias_km.push_back(read_number(l.at("along_bias_km")));
      s.along_sd_km.push_back(read_number(l.at("along_sd_km")));
      s.cross_bias_km.push_back(read_number(l.at("cross_bias_km")));
      s.cross_sd_km.push_back(read_number(l.at("cross_sd_km")));
      s.intensity_bias_ms.push_back(read_number(l.at("intensity_bias_ms")));
      s.intensity_sd_ms.push_back(read_number(l.at("intensity_sd_ms")));
    }
  } catch (const json::exception& e) {
    throw_input_error(file.string(), std::string("malformed track error statistics: ") + e.what());
  }
  for (std::size_t k = 1; k < s.lead_h.size(); ++k)
    if (!(s.lead_h[k] > s.lead_h[k - 1]))
      throw_input_error(file.string(), "leads must be increasing");
  return s;
}

}  // namespace taifeng::hpc
