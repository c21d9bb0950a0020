// CLIPER fit and forecast, hindcast verification, JSON files of the model and statistics.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/forcing/tracks.hpp"
#include "taifeng/hpc/verify.hpp"
#include "taifeng/solver/cliper.hpp"

using namespace taifeng;

namespace {

// Storms whose lon/lat (deg) are quadratic and whose wind is linear in time, 6-hourly:
// then every CLIPER predictand is an exact linear function of the predictors.
std::vector<Track> quadratic_tracks(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Track> out;
  for (int s = 0; s < n; ++s) {
    Track t;
    t.id = "SYN" + std::to_string(s);
    const TimePoint t0 = add_hours(make_utc(1990, 1, 1, 0), 6.0 * std::floor(u(rng) * 1300));
    const double lon0 = 115 + 40 * u(rng), lat0 = 8 + 15 * u(rng);
    const double blon = -0.3 + 0.5 * u(rng), clon = (u(rng) - 0.5) * 2e-3;
    const double blat = 0.05 + 0.15 * u(rng), clat = (u(rng) - 0.5) * 1e-3;
    const double v0 = 15 + 30 * u(rng), dvdt = (u(rng) - 0.5) * 0.2;
    for (int k = 0; k < 40; ++k) {
      const double h = 6.0 * k;
      TrackPoint p;
      p.time = add_hours(t0, h);
      p.lon = lon0 + blon * h + clon * h * h;
      p.lat = lat0 + blat * h + clat * h * h;
      p.vmax_ms = v0 + dvdt * h;
      t.points.push_back(p);
    }
    out.push_back(std::move(t));
  }
  return out;
}

forcing::TrackFile as_track_file(std::vector<Track> tracks) {
  forcing::TrackFile f;
  f.format = "synthetic";
  for (Track& t : tracks) {
    forcing::StormTracks s;
    s.id = t.id;
    s.ensemble.members.push_back({0, std::move(t)});
    f.storms.push_back(std::move(s));
  }
  return f;
}

std::filesystem::path tmp_dir() {
  const std::filesystem::path d = TAIFENG_TEST_TMP;
  std::filesystem::create_directories(d);
  return d;
}

const forcing::TrackFile& jtwc() {
  static const forcing::TrackFile f =
      forcing::read_jtwc_csv_all(std::string(TAIFENG_DATA_DIR) + "/tracks/jtwc_wp_1945_2012.csv");
  return f;
}

}  // namespace

TEST_CASE("CLIPER least squares recovers the coefficients of an exact linear relation",
          "[hpc][cliper]") {
  const std::vector<Track> tracks = quadratic_tracks(60, 7);
  std::vector<const Track*> ptr;
  for (const Track& t : tracks) ptr.push_back(&t);
  solver::CliperFitOptions opt;
  opt.year_first = 1990;
  opt.year_last = 1990;
  opt.min_history_hours = 24.0;  // every row with a true 24 h displacement
  const solver::CliperModel m = solver::fit_cliper_tracks(ptr, opt);
  REQUIRE(m.leads.size() == 7);
  REQUIRE(m.predictors == solver::cliper_predictor_names());
  for (const auto& L : m.leads) {
    const double h = L.lead_h;
    // x(t) = b t + c t^2 about t0: x(L) = L dx12/12 + (12L + L^2)(2 dx12 - dx24)/288.
    std::vector<double> want(11, 0.0);
    want[3] = h / 12.0 + (12 * h + h * h) / 144.0;  // dx12
    want[5] = -(12 * h + h * h) / 288.0;            // dx24
    std::vector<double> want_y(11, 0.0);
    want_y[4] = want[3];  // dy12
    want_y[6] = want[5];  // dy24
    std::vector<double> want_v(11, 0.0);
    want_v[10] = h / 12.0;  // dv12
    INFO("lead " << h << " h, samples " << L.track_samples);
    CHECK(L.track_samples > 500);
    CHECK(L.intensity_samples == L.track_samples);
    for (std::size_t k = 0; k < 11; ++k) {
      INFO("predictor " << m.predictors[k]);
      CHECK(L.dx_coef[k] == Approx(want[k]).margin(1e-6));
      CHECK(L.dy_coef[k] == Approx(want_y[k]).margin(1e-6));
      CHECK(L.dv_coef[k] == Approx(want_v[k]).margin(1e-6));
    }
    CHECK(L.dx_rms_km < 1e-6);
    CHECK(L.dy_rms_km < 1e-6);
  }

  // The forecast reproduces the quadratic track at the leads (and the analysis at t0).
  const Track& tr = tracks[3];
  const TimePoint t0 = tr.points[8].time;
  const Track fc = solver::cliper_forecast(m, tr, t0, 6.0);
  REQUIRE(fc.points.size() == 21);
  CHECK(fc.points[0].lat == tr.points[8].lat);
  for (int lead : {12, 24, 48, 72, 96, 120}) {
    const TrackPoint& f = fc.points[std::size_t(lead / 6)];
    const TrackPoint& b = tr.points[std::size_t(8 + lead / 6)];
    CHECK(f.time == b.time);
    CHECK(great_circle_km({f.lon, f.lat}, {b.lon, b.lat}) < 1e-6);
    CHECK(f.vmax_ms == Approx(b.vmax_ms).margin(1e-6));
  }
  // Without enough history there are no predictors.
  CHECK(solver::cliper_predictors(tr, tr.points[1].time).empty());
  CHECK(solver::cliper_predictors(tr, tr.points[2].time).size() == 11);
}

TEST_CASE("persistence has zero error on straight constant-speed tracks", "[hpc][verify]") {
  std::vector<Track> tracks;
  for (int s = 0; s < 8; ++s) {
    Track t;
    t.id = "GC" + std::to_string(s);
    const LonLat start{120.0 + 3 * s, 10.0 + 2 * s};
    const double bearing = 20.0 + 40.0 * s, speed_kmh = 10.0 + 3.0 * s;
    for (int k = 0; k < 36; ++k) {
      TrackPoint p;
      p.time = add_hours(make_utc(2005, 7, 1 + s, 0), 6.0 * k);
      const LonLat c = destination(start, bearing, speed_kmh * 6.0 * k);
      p.lon = c.lon;
      p.lat = c.lat;
      p.vmax_ms = 30.0;
      t.points.push_back(p);
    }
    tracks.push_back(std::move(t));
  }
  hpc::VerifyOptions opt;
  opt.model = "persistence";
  opt.years = {2001, 2012};
  opt.cone = true;
  const hpc::VerifyResult r = hpc::verify_model(as_track_file(std::move(tracks)), opt);
  CHECK(r.forecasts == 8 * 34);
  REQUIRE(r.leads.size() == 6);
  for (const auto& L : r.leads) {
    INFO("lead " << L.lead_h);
    CHECK(L.count == 8 * (34 - long(L.lead_h / 6)));
    CHECK(L.mean_km < 1e-3);
    CHECK(L.intensity_mae_ms == 0.0);
    CHECK(std::abs(L.along_bias_km) < 1e-3);
    CHECK(std::abs(L.cross_bias_km) < 1e-3);
    CHECK(std::isnan(L.skill_vs_cliper_pct));
  }
  CHECK(r.stats.lead_h.size() == 6);
  CHECK(r.stats.count[0] == r.leads[0].count);
}

TEST_CASE("verification rejects an unknown model and cliper without a model", "[hpc][verify]") {
  forcing::TrackFile f = as_track_file(quadratic_tracks(1, 1));
  hpc::VerifyOptions opt;
  opt.model = "bam";
  CHECK_THROWS_AS(hpc::verify_model(f, opt), Error);
  opt.model = "cliper";
  CHECK_THROWS_AS(hpc::verify_model(f, opt), Error);
}

TEST_CASE("CLIPER fitted on 1945-2000 beats persistence on 2001-2012 (JTWC WP)",
          "[hpc][cliper][verify]") {
  const forcing::TrackFile& f = jtwc();
  const solver::CliperModel m = hpc::fit_cliper(f, {1945, 2000});
  REQUIRE(m.leads.size() == 7);
  CHECK(m.leads.front().track_samples > 20000);

  hpc::VerifyOptions opt;
  opt.years = {2001, 2012};
  opt.box = {100.0, 180.0, 0.0, 50.0};
  opt.cliper = &m;
  opt.model = "persistence";
  const hpc::VerifyResult pers = hpc::verify_model(f, opt);
  opt.model = "cliper";
  const hpc::VerifyResult cl = hpc::verify_model(f, opt);
  REQUIRE(pers.leads.size() == 6);
  REQUIRE(cl.leads.size() == 6);
  CHECK(pers.forecasts == cl.forecasts);
  for (std::size_t k = 0; k < 6; ++k) {
    const auto& p = pers.leads[k];
    const auto& c = cl.leads[k];
    std::printf(
        "lead %3.0f h: n %5ld persistence %6.1f km (median %6.1f), cliper %6.1f km "
        "(median %6.1f), skill of persistence vs cliper %6.1f %%\n",
        p.lead_h, p.count, p.mean_km, p.median_km, c.mean_km, c.median_km, p.skill_vs_cliper_pct);
    CHECK(p.count == c.count);
    CHECK(c.skill_vs_cliper_pct == Approx(0.0).margin(1e-9));
    CHECK(p.cliper_mean_km == Approx(c.mean_km));
  }
  // Published scale: JTWC official 1978-93 116/227/345 n mi = 215/420/639 km at 24/48/72 h.
  CHECK(cl.leads[1].mean_km > 100.0);
  CHECK(cl.leads[1].mean_km < 300.0);
  CHECK(cl.leads[2].mean_km > 180.0);
  CHECK(cl.leads[2].mean_km < 500.0);
  CHECK(cl.leads[3].mean_km > 250.0);
  CHECK(cl.leads[3].mean_km < 700.0);
  CHECK(cl.leads[3].mean_km < pers.leads[3].mean_km);  // the key check: 72 h
  CHECK(cl.leads[5].mean_km < pers.leads[5].mean_km);
  for (std::size_t k = 1; k < 6; ++k) CHECK(cl.leads[k].mean_km > cl.leads[k - 1].mean_km);
  CHECK(cl.stats.along_lag_corr > 0.3);
  CHECK(cl.stats.along_lag_corr < 1.0);
  CHECK(cl.stats.cross_lag_corr > 0.3);
}

TEST_CASE("CLIPER model and track error statistics survive a JSON round trip", "[hpc][json]") {
  const std::vector<Track> tracks = quadratic_tracks(30, 11);
  std::vector<const Track*> ptr;
  for (const Track& t : tracks) ptr.push_back(&t);
  solver::CliperFitOptions fo;
  fo.year_first = 1990;
  fo.year_last = 1990;
  solver::CliperModel m = solver::fit_cliper_tracks(ptr, fo);
  m.source = "synthetic";
  const auto dir = tmp_dir();
  hpc::save_cliper_json(m, dir / "cliper.json");
  const solver::CliperModel m2 = hpc::load_cliper_json(dir / "cliper.json");
  CHECK(m2.basin == m.basin);
  CHECK(m2.source == "synthetic");
  CHECK(m2.fit_year_first == 1990);
  CHECK(m2.fit_year_last == 1990);
  CHECK(m2.fill == m.fill);
  REQUIRE(m2.leads.size() == m.leads.size());
  for (std::size_t k = 0; k < m.leads.size(); ++k) {
    CHECK(m2.leads[k].lead_h == m.leads[k].lead_h);
    CHECK(m2.leads[k].track_samples == m.leads[k].track_samples);
    CHECK(m2.leads[k].dx_coef == m.leads[k].dx_coef);  // exact: JSON keeps 17 digits
    CHECK(m2.leads[k].dy_coef == m.leads[k].dy_coef);
    CHECK(m2.leads[k].dv_coef == m.leads[k].dv_coef);
  }

  hpc::VerifyOptions opt;
  opt.model = "cliper";
  opt.cliper = &m2;
  opt.years = {1990, 1990};
  opt.source = "synthetic round trip";
  const hpc::VerifyResult r = hpc::verify_model(as_track_file(quadratic_tracks(30, 11)), opt);
  hpc::save_track_errors_json(r.stats, dir / "errors.json");
  const solver::TrackErrorStats s = hpc::load_track_errors_json(dir / "errors.json");
  CHECK(s.model == "cliper");
  CHECK(s.source == "synthetic round trip");
  CHECK(s.lead_h == r.stats.lead_h);
  CHECK(s.count == r.stats.count);
  CHECK(s.along_bias_km == r.stats.along_bias_km);
  CHECK(s.cross_sd_km == r.stats.cross_sd_km);
  CHECK(s.intensity_sd_ms == r.stats.intensity_sd_ms);
  CHECK(s.along_lag_corr == r.stats.along_lag_corr);

  // Wrong format / missing file: input errors.
  CHECK_THROWS_AS(hpc::load_cliper_json(dir / "errors.json"), Error);
  CHECK_THROWS_AS(hpc::load_track_errors_json(dir / "no_such_file.json"), Error);
}
