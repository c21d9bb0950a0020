#include "taifeng/solver/cliper.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::solver {

namespace {

constexpr double radius_km = earth_radius_m / 1000.0;
constexpr std::size_t n_predictors = 11;

double wrap180(double d) {
  d = std::fmod(d + 180.0, 360.0);
  if (d < 0) d += 360.0;
  return d - 180.0;
}

double day_of_year(TimePoint t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  const TimePoint jan1 = std::chrono::sys_days{ymd.year() / std::chrono::January / 1};
  return hours_between(jan1, t) / 24.0;
}

// Exact fix at t, or nullptr.
const TrackPoint* fix_at(const Track& tr, TimePoint t) {
  auto it = std::lower_bound(tr.points.begin(), tr.points.end(), t,
                             [](const TrackPoint& p, TimePoint v) { return p.time < v; });
  return it != tr.points.end() && it->time == t ? &*it : nullptr;
}

double dot(const std::vector<double>& c, const std::vector<double>& x) {
  double s = 0.0;
  for (std::size_t k = 0; k < c.size(); ++k) s += c[k] * x[k];
  return s;
}

}  // namespace

std::vector<std::string> cliper_predictor_names() {
  return {"1", "lat", "lon", "dx12", "dy12", "dx24", "dy24", "sin_doy", "cos_doy", "vmax", "dv12"};
}

void cliper_displacement_km(double lat0, double lon0, double lat, double lon, double& dx_km,
                            double& dy_km) {
  dx_km = radius_km * std::cos(deg_to_rad(lat0)) * deg_to_rad(wrap180(lon - lon0));
  dy_km = radius_km * deg_to_rad(lat - lat0);
}

std::vector<double> cliper_predictors(const Track& best, TimePoint t0, double min_history_hours) {
  const double hist = std::max(12.0, min_history_hours);
  if (best.empty() || t0 > best.end() || add_hours(t0, -hist) < best.start()) return {};
  const TrackPoint p0 = best.at(t0);
  const TrackPoint p12 = best.at(add_hours(t0, -12.0));
  if (std::isnan(p0.lat) || std::isnan(p0.lon) || std::isnan(p12.lat) || std::isnan(p12.lon))
    return {};
  double dx12, dy12, dx24, dy24;
  cliper_displacement_km(p0.lat, p0.lon, p12.lat, p12.lon, dx12, dy12);
  dx12 = -dx12;  // position(t0) - position(t0 - 12 h)
  dy12 = -dy12;
  const TimePoint t24 = add_hours(t0, -24.0);
  if (t24 >= best.start()) {
    const TrackPoint p24 = best.at(t24);
    cliper_displacement_km(p0.lat, p0.lon, p24.lat, p24.lon, dx24, dy24);
    dx24 = -dx24;
    dy24 = -dy24;
  } else {
    dx24 = 2.0 * dx12;
    dy24 = 2.0 * dy12;
  }
  const double phase = 2.0 * std::numbers::pi * day_of_year(t0) / 365.25;
  return {1.0,
          p0.lat,
          lon360(p0.lon),
          dx12,
          dy12,
          dx24,
          dy24,
          std::sin(phase),
          std::cos(phase),
          p0.vmax_ms,
          p0.vmax_ms - p12.vmax_ms};
}

CliperModel fit_cliper_tracks(const std::vector<const Track*>& tracks,
                              const CliperFitOptions& opt) {
  TAIFENG_CHECK(!opt.leads_h.empty(), "no CLIPER lead times");
  TAIFENG_CHECK(std::is_sorted(opt.leads_h.begin(), opt.leads_h.end()), "leads not increasing");
  CliperModel m;
  m.fit_year_first = opt.year_first;
  m.fit_year_last = opt.year_last;
  m.min_history_hours = std::max(12.0, opt.min_history_hours);
  m.predictors = cliper_predictor_names();

  // Candidate analyses: predictors plus the track they belong to.
  struct Case {
    const Track* track;
    TimePoint t0;
    std::vector<double> x;
  };
  std::vector<Case> cases;
  for (const Track* tr : tracks) {
    if (!tr) continue;
    for (const TrackPoint& p : tr->points) {
      const int y = year_of(p.time);
      if (y < opt.year_first || y > opt.year_last) continue;
      std::vector<double> x = cliper_predictors(*tr, p.time, m.min_history_hours);
      if (x.empty()) continue;
      cases.push_back({tr, p.time, std::move(x)});
    }
  }
  // Fill values: mean of each predictor over the known values.
  m.fill.assign(n_predictors, 0.0);
  for (std::size_t k = 0; k < n_predictors; ++k) {
    double s = 0.0;
    long n = 0;
    for (const Case& c : cases)
      if (!std::isnan(c.x[k])) s += c.x[k], ++n;
    m.fill[k] = n > 0 ? s / double(n) : 0.0;
  }

  for (double lead : opt.leads_h) {
    CliperLead L;
    L.lead_h = lead;
    std::vector<std::size_t> rows;
    std::vector<double> dx, dy;
    std::vector<std::size_t> irows;
    std::vector<double> dv;
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const Case& c = cases[i];
      const TrackPoint* v = fix_at(*c.track, add_hours(c.t0, lead));
      if (!v || std::isnan(v->lat) || std::isnan(v->lon)) continue;
      const TrackPoint* p0 = fix_at(*c.track, c.t0);
      double ex, ey;
      cliper_displacement_km(p0->lat, p0->lon, v->lat, v->lon, ex, ey);
      rows.push_back(i);
      dx.push_back(ex);
      dy.push_back(ey);
      if (!std::isnan(c.x[9]) && !std::isnan(c.x[10]) && !std::isnan(v->vmax_ms)) {
        irows.push_back(i);
        dv.push_back(v->vmax_ms - p0->vmax_ms);
      }
    }
    const auto design = [&](const std::vector<std::size_t>& r) {
      Eigen::MatrixXd X(Eigen::Index(r.size()), Eigen::Index(n_predictors));
      for (std::size_t i = 0; i < r.size(); ++i)
        for (std::size_t k = 0; k < n_predictors; ++k) {
          const double x = cases[r[i]].x[k];
          X(Eigen::Index(i), Eigen::Index(k)) = std::isnan(x) ? m.fill[k] : x;
        }
      return X;
    };
    const auto to_vec = [](const Eigen::VectorXd& v) {
      return std::vector<double>(v.data(), v.data() + v.size());
    };
    const auto rms = [](const Eigen::VectorXd& r) {
      return r.size() ? std::sqrt(r.squaredNorm() / double(r.size())) : 0.0;
    };
    TAIFENG_CHECK(rows.size() >= n_predictors,
                  "too few CLIPER fit samples at lead " + std::to_string(lead) + " h");
    {
      const Eigen::MatrixXd X = design(rows);
      Eigen::MatrixXd Y(X.rows(), 2);
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        Y(i, 0) = dx[std::size_t(i)];
        Y(i, 1) = dy[std::size_t(i)];
      }
      const Eigen::MatrixXd B = X.colPivHouseholderQr().solve(Y);
      L.dx_coef = to_vec(B.col(0));
      L.dy_coef = to_vec(B.col(1));
      const Eigen::MatrixXd R = X * B - Y;
      L.dx_rms_km = rms(R.col(0));
      L.dy_rms_km = rms(R.col(1));
      L.track_samples = long(rows.size());
    }
    if (irows.size() >= n_predictors) {
      const Eigen::MatrixXd X = design(irows);
      const Eigen::VectorXd y =
          Eigen::Map<const Eigen::VectorXd>(dv.data(), Eigen::Index(dv.size()));
      const Eigen::VectorXd b = X.colPivHouseholderQr().solve(y);
      L.dv_coef = to_vec(b);
      L.dv_rms_ms = rms(X * b - y);
      L.intensity_samples = long(irows.size());
    } else {
      L.dv_coef.assign(n_predictors, 0.0);  // too few winds: persistence of intensity
    }
    m.leads.push_back(std::move(L));
  }
  return m;
}

Track cliper_forecast(const CliperModel& model, const Track& best, TimePoint t0,
                      double step_hours) {
  TAIFENG_CHECK(step_hours > 0, "bad forecast step");
  TAIFENG_CHECK(!model.leads.empty() && model.predictors.size() == n_predictors &&
                    model.fill.size() == n_predictors,
                "incomplete CLIPER model");
  std::vector<double> x = cliper_predictors(best, t0, model.min_history_hours);
  TAIFENG_CHECK(!x.empty(), "best track lacks the CLIPER history before the analysis");
  const bool wind_known = !std::isnan(x[9]);
  for (std::size_t k = 0; k < n_predictors; ++k)
    if (std::isnan(x[k])) x[k] = model.fill[k];
  const TrackPoint p0 = best.at(t0);

  // Displacements at 0 and at every lead.
  std::vector<double> h{0.0}, dx{0.0}, dy{0.0}, dv{0.0};
  for (const CliperLead& L : model.leads) {
    TAIFENG_CHECK(L.dx_coef.size() == n_predictors && L.dy_coef.size() == n_predictors &&
                      L.dv_coef.size() == n_predictors,
                  "CLIPER coefficients of the wrong size");
    h.push_back(L.lead_h);
    dx.push_back(dot(L.dx_coef, x));
    dy.push_back(dot(L.dy_coef, x));
    dv.push_back(dot(L.dv_coef, x));
  }

  Track fc;
  fc.id = best.id;
  fc.name = best.name;
  fc.source = "cliper";
  const double coslat = std::max(1e-6, std::cos(deg_to_rad(p0.lat)));
  const long n = std::lround(model.max_lead_hours() / step_hours);
  std::size_t seg = 1;
  for (long k = 0; k <= n; ++k) {
    const double t = std::min(double(k) * step_hours, model.max_lead_hours());
    while (seg + 1 < h.size() && t > h[seg]) ++seg;
    const double w = (t - h[seg - 1]) / (h[seg] - h[seg - 1]);
    const double ex = dx[seg - 1] + w * (dx[seg] - dx[seg - 1]);
    const double ey = dy[seg - 1] + w * (dy[seg] - dy[seg - 1]);
    const double ev = dv[seg - 1] + w * (dv[seg] - dv[seg - 1]);
    TrackPoint p;
    p.time = add_hours(t0, t);
    p.lat = p0.lat + rad_to_deg(ey / radius_km);
    p.lon = p0.lon + rad_to_deg(ex / (radius_km * coslat));
    p.vmax_ms = wind_known ? std::max(0.0, p0.vmax_ms + ev) : missing;
    p.averaging = p0.averaging;
    p.source_ref = k == 0 ? p0.source_ref : "cliper";
    if (k == 0) {
      p = p0;
      p.radii.clear();
    }
    fc.points.push_back(std::move(p));
  }
  return fc;
}

}  // namespace taifeng::solver
