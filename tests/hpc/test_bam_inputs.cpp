// BAM steering winds read from the synthetic analysis (configs/synth/hainan_ridge.toml:
// a Damrey-like Holland vortex at 18.9N 112.8E south of a subtropical ridge, times 0..24 h
// every 6 h, levels 850..200 hPa, 0.25° grid 100..125E x 5..30N) and the BAM track on it.
// Expected values come from the formulas of forcing/synth_analysis.hpp.
#include <netcdf.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <string>
#include <vector>

#include "taifeng/core/config_reader.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/forcing/synth_analysis.hpp"
#include "taifeng/hpc/bam_inputs.hpp"
#include "taifeng/solver/bam.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::solver;
using Catch::Matchers::Contains;

namespace {

const TimePoint t0 = make_utc(2005, 9, 25, 0);
const LonLat vortex0{112.8, 18.9};

forcing::SynthConfig ridge_config() {
  ConfigReader reader =
      ConfigReader::from_file(fs::path(TAIFENG_SOURCE_DIR) / "configs/synth/hainan_ridge.toml");
  return forcing::read_synth_config(reader);
}

fs::path tmp_dir() {
  const fs::path d = fs::path(TAIFENG_TEST_TMP) / "bam_inputs";
  fs::create_directories(d);
  return d;
}

// The analysis with the vortex, and the same without it (the environment alone).
const fs::path& with_vortex() {
  static const fs::path p = [] {
    const fs::path f = tmp_dir() / "ridge_vortex.nc";
    forcing::write_synth_analysis(f, ridge_config());
    return f;
  }();
  return p;
}
const fs::path& ridge_only() {
  static const fs::path p = [] {
    forcing::SynthConfig c = ridge_config();
    c.vortex.enabled = false;
    const fs::path f = tmp_dir() / "ridge_only.nc";
    forcing::write_synth_analysis(f, c);
    return f;
  }();
  return p;
}

SteeringFields read_layer(const fs::path& file, BamLayer layer) {
  hpc::SteeringRequest r;
  r.layer = layer;
  return hpc::read_steering_fields(file, r);
}

Track analysis_track(LonLat c) {
  Track t;
  t.id = "200517";
  t.name = "Damrey";
  TrackPoint p;
  p.time = t0;
  p.lon = c.lon;
  p.lat = c.lat;
  p.vmax_ms = kt_to_ms(80.0);
  p.pmin_hpa = 963.0;
  t.points.push_back(p);
  return t;
}

// Holland (1980) gradient wind of the synthetic vortex (synth_analysis.hpp, ρ = 1.15) times
// its taper w(r), at r km.
double synth_vortex_wind(const forcing::SynthConfig& c, double r_km) {
  const forcing::SynthVortexParams vp = forcing::resolve_synth_vortex(c);
  const double r = r_km * 1000.0, rm = c.vortex.rmw_km * 1000.0, rho = 1.15;
  const double x = std::pow(rm / r, vp.b), half_rf = 0.5 * r * vp.f;
  const double v =
      std::sqrt(vp.b / rho * x * vp.dp_pa * std::exp(-x) + half_rf * half_rf) - half_rf;
  const double r_out = c.vortex.outer_radius_km, r0 = 0.6 * r_out;
  const double w =
      r_km <= r0 ? 1.0 : std::pow(std::cos(0.5 * std::numbers::pi * (r_km - r0) / (r_out - r0)), 2);
  return v * w;
}

// Layer mean of the vortex strength factor k_v(p) = 1 + (top − 1) ln(850/p)/ln(850/200).
double layer_vortex_factor(const forcing::SynthConfig& c, BamLayer layer) {
  const std::vector<double> w = bam_layer_weights(c.levels_hpa, layer, "test");
  double k = 0.0;
  for (std::size_t n = 0; n < w.size(); ++n) {
    const double s = std::log(850.0 / c.levels_hpa[n]) / std::log(850.0 / 200.0);
    k += w[n] * std::max(0.0, 1.0 + (c.vortex.top_factor - 1.0) * s);
  }
  return k;
}

}  // namespace

TEST_CASE("bam inputs: the layer's levels, the times and the winds of the synthetic analysis",
          "[hpc][bam]") {
  const forcing::SynthConfig cfg = ridge_config();
  const std::vector<std::pair<BamLayer, std::vector<double>>> layers{
      {BamLayer::shallow, {850, 700}},
      {BamLayer::medium, {850, 700, 500, 400}},
      {BamLayer::deep, {850, 700, 500, 400, 300, 250, 200}}};
  for (const auto& [layer, levels] : layers) {
    INFO(bam_layer_name(layer));
    const SteeringFields f = read_layer(with_vortex(), layer);
    CHECK(f.levels_hpa == levels);
    REQUIRE(f.times.size() == 5);
    for (std::size_t t = 0; t < 5; ++t) CHECK(f.times[t] == add_hours(t0, 6.0 * double(t)));
    CHECK(f.grid.nlon == 101);
    CHECK(f.grid.nlat == 101);
    CHECK(f.grid.lon0 == Approx(100.0));
    CHECK(f.grid.lat0 == Approx(5.0));
    CHECK(f.grid.dlon == Approx(0.25));
    CHECK_THAT(f.source, Contains("ridge_vortex.nc:u,v"));
    // 100E 30N lies > 1500 km from the vortex at every time (outer radius 800 km): the
    // winds are the ridge's geostrophic winds, stored as floats (|u| < 20 m/s: 1e-5).
    for (std::size_t k = 0; k < levels.size(); ++k) {
      const forcing::SynthPoint e = forcing::synth_environment(cfg, 100.0, 30.0, levels[k]);
      CHECK(f.u[f.index(4, k, 0, 100)] == Approx(e.u).margin(1e-5));
      CHECK(f.v[f.index(4, k, 0, 100)] == Approx(e.v).margin(1e-5));
    }
  }
  SECTION("a box and a time window select a subset") {
    hpc::SteeringRequest r;
    r.layer = BamLayer::medium;
    r.box = forcing::GeoBox{105, 120, 10, 25};
    r.from = add_hours(t0, 6);
    r.to = add_hours(t0, 18);
    const SteeringFields f = hpc::read_steering_fields(with_vortex(), r);
    CHECK(f.grid.nlon == 61);
    CHECK(f.grid.nlat == 61);
    CHECK(f.times ==
          std::vector<TimePoint>{add_hours(t0, 6), add_hours(t0, 12), add_hours(t0, 18)});
    CHECK(f.u.size() == 3 * 4 * 61 * 61);
  }
}

TEST_CASE("bam inputs: vortex removal on the synthetic typhoon", "[hpc][bam]") {
  const forcing::SynthConfig cfg = ridge_config();
  const SteeringFields vortex = read_layer(with_vortex(), BamLayer::medium);
  const SteeringFields ridge = read_layer(ridge_only(), BamLayer::medium);
  const BamLayer m = BamLayer::medium;
  // Default annulus 200–500 km, a 500 km disc, no removal; on the file with the vortex and
  // on the environment alone.
  const BamSteering annulus(vortex, m, 500.0, 200.0), disc(vortex, m, 500.0, 0.0),
      point(vortex, m, 0.0, 0.0);
  const BamSteering env_annulus(ridge, m, 500.0, 200.0), env_disc(ridge, m, 500.0, 0.0),
      env_point(ridge, m, 0.0, 0.0);

  // The ridge wind at the centre from the formulas: about 5.3 m/s from the east.
  const forcing::SynthPoint e0 = forcing::synth_environment(cfg, vortex0.lon, vortex0.lat, 700.0);
  CHECK(e0.u == Approx(-5.29).margin(0.01));
  CHECK(e0.v == Approx(0.245).margin(0.01));
  const SteeringWind ep = env_point.at(vortex0, t0);
  CHECK(ep.u == Approx(e0.u).margin(0.01));  // bilinear on 0.25°: 1e-2 m/s
  CHECK(ep.v == Approx(e0.v).margin(0.01));

  SECTION("centred on the analysed vortex: the means are the environment's") {
    // The vortex is symmetric about the centre, so only the bilinear interpolation of its
    // core between 0.25° nodes is left (disc: h²/8 |V''| ≈ 5 m/s within ~60 km, 1.4 % of
    // the area, bounds it by 0.07 m/s x 0.84, and errors at opposite azimuths largely
    // cancel; the annulus leaves the core out). Tolerance 0.02 m/s (0.4 % of the flow).
    const SteeringWind s = disc.at(vortex0, t0), es = env_disc.at(vortex0, t0);
    CHECK(s.u == Approx(es.u).margin(0.02));
    CHECK(s.v == Approx(es.v).margin(0.02));
    const SteeringWind a = annulus.at(vortex0, t0), ea = env_annulus.at(vortex0, t0);
    CHECK(a.u == Approx(ea.u).margin(0.02));
    CHECK(a.v == Approx(ea.v).margin(0.02));
    // The mean smooths the ridge flow: (R1² + R2²)/8 ∂²u/∂y² ≈ −9.5 % (disc) and −11 %
    // (annulus) of u for this Gaussian ridge (y/Ly = −0.94): 4.4..5.2 m/s from the east.
    for (const SteeringWind& w : {es, ea}) {
      CHECK(w.u < -4.4);
      CHECK(w.u > -5.2);
    }
  }

  SECTION("0.5° north of the vortex: the point wind is the vortex, the means are not") {
    const LonLat off{vortex0.lon, vortex0.lat + 0.5};
    const double d = great_circle_km(vortex0, off);               // 55.6 km
    const double k = layer_vortex_factor(cfg, BamLayer::medium);  // 0.837
    CHECK(k == Approx(0.8374).epsilon(1e-3));
    // No removal: the layer-mean vortex wind at d (Holland: 39.3 m/s x 0.837 ≈ 33 m/s),
    // westward north of a cyclonic vortex; bilinear interpolation in the core: 5 %.
    const SteeringWind p = point.at(off, t0), pe = env_point.at(off, t0);
    CHECK(p.u - pe.u == Approx(-k * synth_vortex_wind(cfg, d)).epsilon(0.05));
    CHECK(std::fabs(p.v - pe.v) < 2.0);
    // Disc: V(R) d / R of the vortex at the rim (500 km: 7.3 m/s x 0.837) toward the
    // west, ≈ 0.68 m/s; first order in d/R = 0.11 (next term ~1 %) and the core's
    // interpolation error: 5 %.
    const SteeringWind s = disc.at(off, t0), se = env_disc.at(off, t0);
    const double bias = k * synth_vortex_wind(cfg, 500.0) * d / 500.0;
    CHECK(bias == Approx(0.68).margin(0.02));
    CHECK(s.u - se.u == Approx(-bias).epsilon(0.05));
    CHECK(std::fabs(s.v - se.v) < 0.05 * bias);
    // Annulus: (R2 V(R2) − R1 V(R1)) d / (R2² − R1²), the two rims nearly cancelling
    // (r V = 3640 and 4090 m/s km): 0.10 m/s x 0.837 toward the east, with second-order
    // terms up to (d/R1)² ≈ 8 % of the inner rim's 0.9 m/s. Bound: a quarter of the disc's.
    const SteeringWind a = annulus.at(off, t0), ae = env_annulus.at(off, t0);
    const double rv1 = 200.0 * synth_vortex_wind(cfg, 200.0),
                 rv2 = 500.0 * synth_vortex_wind(cfg, 500.0);
    CHECK(rv1 == Approx(4090.0).epsilon(0.01));
    CHECK(rv2 == Approx(3640.0).epsilon(0.01));
    const double first_order = -k * (rv2 - rv1) * d / (500.0 * 500.0 - 200.0 * 200.0);
    CHECK(first_order == Approx(0.099).margin(0.005));
    CHECK(a.u - ae.u == Approx(first_order).margin(0.07));
    CHECK(std::hypot(a.u - ae.u, a.v - ae.v) < 0.25 * bias);
  }
}

TEST_CASE("bam inputs: a 24 h BAMM track on the synthetic analysis", "[hpc][bam]") {
  const forcing::SynthConfig cfg = ridge_config();
  BamOptions o;  // default removal: annulus 200–500 km
  o.layer = BamLayer::medium;
  o.beta_speed_ms = 0.0;
  o.lead_hours = 24.0;
  o.output_interval_hours = 6.0;
  const SteeringFields vortex = read_layer(with_vortex(), BamLayer::medium);
  const SteeringFields ridge = read_layer(ridge_only(), BamLayer::medium);
  const Track fc = bam_forecast(vortex, analysis_track(vortex0), t0, o);
  const Track fe = bam_forecast(ridge, analysis_track(vortex0), t0, o);
  REQUIRE(fc.points.size() == 5);
  CHECK(fc.source == "BAMM");
  // The vortex of the file moves with the point ridge wind (synth_vortex_track): ≈ 446 km
  // west and 35 km north in 24 h.
  const std::vector<LonLat> truth = forcing::synth_vortex_track(cfg);
  REQUIRE(truth.size() == 5);
  const double cos_lat = std::cos(deg_to_rad(vortex0.lat));
  auto west_km = [&](LonLat p) {
    return deg_to_rad(vortex0.lon - p.lon) * cos_lat * earth_radius_m / 1000.0;
  };
  const double truth_west = west_km(truth.back());
  CHECK(truth_west == Approx(446.0).margin(5.0));
  auto km_north = [](LonLat a, LonLat b) {
    return deg_to_rad(b.lat - a.lat) * earth_radius_m / 1000.0;
  };
  auto at = [](const Track& t, std::size_t k) { return LonLat{t.points[k].lon, t.points[k].lat}; };
  // Offset of the BAM centre from the file's vortex, integrated over the day (trapezoid,
  // 6-hourly), km s: the residual of the removal acts through it.
  auto offset_integral = [&](const Track& t) {
    double sum = 0.0;
    for (std::size_t n = 1; n < 5; ++n)
      sum += 0.5 * 6.0 * 3600.0 *
             (great_circle_km(at(t, n - 1), truth[n - 1]) + great_circle_km(at(t, n), truth[n]));
    return sum;
  };
  const double k = layer_vortex_factor(cfg, BamLayer::medium);

  // The environment alone: the annulus mean is 11 % weaker than the point wind at the start
  // (see above) and similarly along the track, so BAM covers 80 % to 97 % of the vortex's
  // westward motion (roughly 390 km); the meridional motion is slow (< 0.4 m/s) and
  // smoothed alike: within 15 km of the vortex's.
  const LonLat env_end = at(fe, 4);
  INFO("BAM on the environment ends at " << env_end.lon << "E " << env_end.lat << "N, the "
                                         << "vortex at " << truth.back().lon << "E "
                                         << truth.back().lat << "N");
  CHECK(west_km(env_end) > 0.80 * truth_west);
  CHECK(west_km(env_end) < 0.97 * truth_west);
  CHECK(std::fabs(km_north(truth.back(), env_end)) < 15.0);

  // With the vortex in the file the BAM centre lags the file's vortex by d(t) (≈ 55 km at
  // 24 h), and the mean keeps a vortex residual ∝ d normal to it. Annulus:
  // k (R2 V(R2) − R1 V(R1)) / (R2² − R1²) ∫ d dt ≈ 4.4 km (50 % for second-order terms),
  // and the tracks stay within 10 km at every time.
  const LonLat end = at(fc, 4);
  const double annulus_rate =
      k * (500.0 * synth_vortex_wind(cfg, 500.0) - 200.0 * synth_vortex_wind(cfg, 200.0)) /
      (500.0 * 500.0 - 200.0 * 200.0);  // m/s per km of offset
  const double annulus_km = std::fabs(annulus_rate) * offset_integral(fe) / 1000.0;
  CHECK(annulus_km == Approx(4.4).margin(1.0));
  for (std::size_t n = 0; n < 5; ++n) CHECK(great_circle_km(at(fc, n), at(fe, n)) < 10.0);
  CHECK(great_circle_km(end, env_end) == Approx(annulus_km).epsilon(0.5));

  SECTION("a 500 km disc leaves V(R) d / R: a northward drift of k V(R)/R ∫ d dt") {
    // East of a cyclonic vortex the residual pushes north: the tracks part by ≈ 26 km
    // (first order in d/R: 30 %).
    o.vortex_inner_radius_km = 0.0;
    const Track dc = bam_forecast(vortex, analysis_track(vortex0), t0, o);
    const Track de = bam_forecast(ridge, analysis_track(vortex0), t0, o);
    const double rate = k * synth_vortex_wind(cfg, 500.0) / 500.0;  // m/s per km of offset
    const double expect_km = rate * offset_integral(de) / 1000.0;   // m → km
    INFO("expected separation " << expect_km << " km");
    CHECK(expect_km > 15.0);
    CHECK(great_circle_km(at(dc, 4), at(de, 4)) == Approx(expect_km).epsilon(0.3));
    CHECK(km_north(at(de, 4), at(dc, 4)) > 0.7 * expect_km);
    // The annulus does better than the disc.
    CHECK(great_circle_km(end, env_end) < 0.5 * great_circle_km(at(dc, 4), at(de, 4)));
  }
}

TEST_CASE("bam inputs: input errors name the file and what was expected", "[hpc][bam]") {
  SECTION("a layer the file's levels do not span") {
    forcing::SynthConfig c = ridge_config();
    c.levels_hpa = {850, 700, 500};
    const fs::path f = tmp_dir() / "ridge_850_500.nc";
    forcing::write_synth_analysis(f, c);
    CHECK_NOTHROW(read_layer(f, BamLayer::shallow));
    try {
      read_layer(f, BamLayer::deep);
      FAIL("expected an input error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Contains("ridge_850_500.nc:u") && Contains("BAMD") &&
                               Contains("850 and 200 hPa") &&
                               Contains("levels found: 850, 700, 500 hPa"));
    }
  }

  SECTION("a missing value where the model needs winds") {
    const fs::path f = tmp_dir() / "ridge_nan.nc";
    fs::copy_file(with_vortex(), f, fs::copy_options::overwrite_existing);
    int nc = 0, var = 0;
    REQUIRE(nc_open(f.c_str(), NC_WRITE, &nc) == NC_NOERR);
    REQUIRE(nc_inq_varid(nc, "u", &var) == NC_NOERR);
    const std::size_t at[4] = {2, 1, 60, 50};  // 12 h, 700 hPa, 20N, 112.5E
    const float nan = std::nanf("");
    REQUIRE(nc_put_var1_float(nc, var, at, &nan) == NC_NOERR);
    REQUIRE(nc_close(nc) == NC_NOERR);
    try {
      read_layer(f, BamLayer::shallow);
      FAIL("expected an input error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Contains("ridge_nan.nc:u") && Contains("1 missing value") &&
                               Contains("112.5E 20N, 700 hPa, 2005-09-25T12:00:00Z") &&
                               Contains("expected valid winds"));
    }
    // Outside the box it does not matter.
    hpc::SteeringRequest r;
    r.layer = BamLayer::shallow;
    r.box = forcing::GeoBox{100, 110, 5, 30};
    CHECK_NOTHROW(hpc::read_steering_fields(f, r));
  }

  SECTION("not a gridded file, an unknown variable") {
    const fs::path csv = fs::path(TAIFENG_DATA_DIR) / "tracks/jtwc_wp_1945_2012.csv";
    REQUIRE_THROWS_WITH(read_layer(csv, BamLayer::deep),
                        Contains("expected a NetCDF or GRIB2 file"));
    hpc::SteeringRequest r;
    r.u_variable = "no_such_wind";
    try {
      hpc::read_steering_fields(with_vortex(), r);
      FAIL("expected an input error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Contains("ridge_vortex.nc") && Contains("no_such_wind"));
    }
  }
}
