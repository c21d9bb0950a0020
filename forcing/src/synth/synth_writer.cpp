// write_synth_analysis: the CF-1.8 NetCDF-4 file of a synthetic analysis.
#include <netcdf.h>
#include <unistd.h>

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "synth_internal.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/version.hpp"
#include "taifeng/forcing/synth_analysis.hpp"

namespace taifeng::forcing {

namespace {

namespace fs = std::filesystem;

// Owns the NetCDF id and the temporary file: closes and removes it unless committed.
class TempNc {
 public:
  explicit TempNc(fs::path final_path) : final_(std::move(final_path)) {
    tmp_ = final_;
    tmp_ += fmt::format(".tmp-{}", long(::getpid()));
  }
  ~TempNc() {
    if (ncid_ >= 0) nc_close(ncid_);
    if (!committed_) {
      std::error_code ec;
      fs::remove(tmp_, ec);
    }
  }
  TempNc(const TempNc&) = delete;
  TempNc& operator=(const TempNc&) = delete;

  void check(int status, const std::string& doing) const {
    if (status == NC_NOERR) return;
    std::string message = nc_strerror(status);
    if (message.rfind("NetCDF: ", 0) != 0) message = "NetCDF: " + message;
    throw_input_error(final_.string(), fmt::format("{} while {}", message, doing));
  }
  void create() {
    check(nc_create(tmp_.c_str(), NC_NETCDF4 | NC_CLASSIC_MODEL | NC_CLOBBER, &ncid_),
          fmt::format("creating the temporary file '{}'", tmp_.string()));
  }
  void close_and_publish() {
    const int status = nc_close(ncid_);
    ncid_ = -1;
    check(status, "closing the temporary file");
    std::error_code ec;
    fs::rename(tmp_, final_, ec);
    if (ec)
      throw_input_error(final_.string(), fmt::format("cannot rename '{}' into place: {}",
                                                     tmp_.string(), ec.message()));
    committed_ = true;
  }
  int id() const { return ncid_; }

  void text(int varid, const char* name, const std::string& value) {
    check(nc_put_att_text(ncid_, varid, name, value.size(), value.c_str()),
          fmt::format("writing attribute '{}'", name));
  }
  void number(int varid, const char* name, double value) {
    check(nc_put_att_double(ncid_, varid, name, NC_DOUBLE, 1, &value),
          fmt::format("writing attribute '{}'", name));
  }
  void numbers(int varid, const char* name, const std::vector<double>& values) {
    check(nc_put_att_double(ncid_, varid, name, NC_DOUBLE, values.size(), values.data()),
          fmt::format("writing attribute '{}'", name));
  }
  int dim(const char* name, std::size_t len) {
    int id = -1;
    check(nc_def_dim(ncid_, name, len, &id), fmt::format("defining dimension '{}'", name));
    return id;
  }
  int var(const char* name, nc_type type, std::vector<int> dims) {
    int id = -1;
    check(nc_def_var(ncid_, name, type, int(dims.size()), dims.data(), &id),
          fmt::format("defining variable '{}'", name));
    return id;
  }
  // A compressed float field, chunked by horizontal slice.
  int field(const char* name, std::vector<int> dims, std::vector<std::size_t> chunks,
            const char* standard_name, const char* long_name, const char* units) {
    const int id = var(name, NC_FLOAT, std::move(dims));
    check(nc_def_var_chunking(ncid_, id, NC_CHUNKED, chunks.data()),
          fmt::format("setting the chunking of '{}'", name));
    check(nc_def_var_deflate(ncid_, id, 1, 1, 1),
          fmt::format("setting the compression of '{}'", name));
    text(id, "standard_name", standard_name);
    text(id, "long_name", long_name);
    text(id, "units", units);
    return id;
  }
  void put(int varid, const char* name, const std::vector<double>& values) {
    check(nc_put_var_double(ncid_, varid, values.data()),
          fmt::format("writing the values of '{}'", name));
  }
  void put_floats(int varid, const char* name, const std::vector<double>& values,
                  const std::vector<std::size_t>& start, const std::vector<std::size_t>& count) {
    std::vector<float> buf(values.size());
    std::transform(values.begin(), values.end(), buf.begin(), [](double x) { return float(x); });
    check(nc_put_vara_float(ncid_, varid, start.data(), count.data(), buf.data()),
          fmt::format("writing the values of '{}'", name));
  }

 private:
  fs::path final_, tmp_;
  int ncid_ = -1;
  bool committed_ = false;
};

const char* pattern_name(SteeringPattern p) {
  switch (p) {
    case SteeringPattern::subtropical_ridge:
      return "subtropical_ridge";
    case SteeringPattern::monsoon_trough:
      return "monsoon_trough";
    case SteeringPattern::uniform:
      break;
  }
  return "uniform";
}

void anomaly_attributes(TempNc& nc, const char* prefix, const SynthAnomaly& a) {
  auto key = [&](const char* k) { return fmt::format("synth_{}_{}", prefix, k); };
  nc.number(NC_GLOBAL, key("lat").c_str(), a.lat);
  nc.number(NC_GLOBAL, key("lon").c_str(), a.lon);
  nc.number(NC_GLOBAL, key("amplitude_m").c_str(), a.amplitude_m);
  nc.number(NC_GLOBAL, key("lx_km").c_str(), a.lx_km);
  nc.number(NC_GLOBAL, key("ly_km").c_str(), a.ly_km);
  nc.number(NC_GLOBAL, key("top_factor").c_str(), a.top_factor);
}

}  // namespace

void write_synth_analysis(const fs::path& out, const SynthConfig& c) {
  // Everything that can fail on the configuration fails before a file is created.
  const SynthFields first = synth_fields(c, 0);  // validates the configuration
  const SynthVortexParams vp = resolve_synth_vortex(c);
  const std::vector<LonLat> track = synth_vortex_track(c);

  const Grid& g = c.grid;
  const std::size_t nt = c.forecast_hours.size(), nl = c.levels_hpa.size();
  if (out.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
  }
  TempNc nc(out);
  nc.create();

  // Global attributes.
  nc.text(NC_GLOBAL, "Conventions", "CF-1.8");
  nc.text(NC_GLOBAL, "title", c.title);
  nc.text(NC_GLOBAL, "institution", "taifeng");
  nc.text(NC_GLOBAL, "source", "taifeng synthetic analysis");
  nc.text(NC_GLOBAL, "synthetic", "yes");
  nc.text(NC_GLOBAL, "comment",
          "SYNTHETIC analysis generated by taifeng for tests and demonstrations; not observed "
          "or modelled weather");
  nc.text(NC_GLOBAL, "history",
          fmt::format("written by taifeng {} write_synth_analysis", version_string));
  nc.text(NC_GLOBAL, "references",
          "Holland (1980) Mon. Wea. Rev. 108:1212 (vortex); geostrophic steering flow; ICAO "
          "standard atmosphere");
  nc.text(NC_GLOBAL, "analysis_time", format_iso_utc(c.analysis_time));
  nc.text(NC_GLOBAL, "synth_pattern", pattern_name(c.pattern));
  nc.number(NC_GLOBAL, "synth_u0", c.background.u0);
  nc.number(NC_GLOBAL, "synth_v0", c.background.v0);
  nc.number(NC_GLOBAL, "synth_u_200", c.background.u_200);
  nc.number(NC_GLOBAL, "synth_v_200", c.background.v_200);
  if (c.pattern == SteeringPattern::subtropical_ridge) anomaly_attributes(nc, "ridge", c.ridge);
  if (c.pattern == SteeringPattern::monsoon_trough) anomaly_attributes(nc, "trough", c.trough);
  nc.number(NC_GLOBAL, "synth_p_env_hpa", c.p_env_hpa);
  nc.text(NC_GLOBAL, "synth_sst_pattern", c.sst.meridional ? "meridional" : "uniform");
  nc.number(NC_GLOBAL, "synth_sst_south_c", c.sst.meridional ? c.sst.south_c : c.sst.value_c);
  nc.number(NC_GLOBAL, "synth_sst_north_c", c.sst.meridional ? c.sst.north_c : c.sst.value_c);
  nc.text(NC_GLOBAL, "synth_vortex", c.vortex.enabled ? "yes" : "no");
  if (c.vortex.enabled) {
    const SynthVortex& v = c.vortex;
    nc.text(NC_GLOBAL, "synth_vortex_profile", "holland1980");
    nc.number(NC_GLOBAL, "synth_vortex_lat", v.lat);
    nc.number(NC_GLOBAL, "synth_vortex_lon", v.lon);
    nc.number(NC_GLOBAL, "synth_vortex_vmax", v.vmax);
    nc.number(NC_GLOBAL, "synth_vortex_rmw_km", v.rmw_km);
    nc.number(NC_GLOBAL, "synth_vortex_b", vp.b);
    nc.number(NC_GLOBAL, "synth_vortex_pc_hpa", vp.pc_pa / 100.0);
    nc.number(NC_GLOBAL, "synth_vortex_dp_hpa", vp.dp_pa / 100.0);
    nc.number(NC_GLOBAL, "synth_vortex_top_factor", v.top_factor);
    nc.number(NC_GLOBAL, "synth_vortex_outer_radius_km", v.outer_radius_km);
    nc.text(NC_GLOBAL, "synth_vortex_motion", v.move_with_steering ? "steering" : "fixed");
    nc.number(NC_GLOBAL, "synth_vortex_drift_u", v.drift_u);
    nc.number(NC_GLOBAL, "synth_vortex_drift_v", v.drift_v);
    nc.number(NC_GLOBAL, "synth_rho_air", synth::rho_air);
  }

  // Dimensions and coordinates.
  const int d_time = nc.dim("time", nt), d_level = nc.dim("level", nl);
  const int d_lat = nc.dim("lat", g.nlat), d_lon = nc.dim("lon", g.nlon);
  const int v_time = nc.var("time", NC_DOUBLE, {d_time});
  nc.text(v_time, "standard_name", "time");
  nc.text(v_time, "long_name", "time");
  nc.text(v_time, "units", "hours since " + format_cf_reference(c.analysis_time));
  nc.text(v_time, "calendar", "standard");
  nc.text(v_time, "axis", "T");
  const int v_level = nc.var("level", NC_DOUBLE, {d_level});
  nc.text(v_level, "standard_name", "air_pressure");
  nc.text(v_level, "long_name", "pressure level");
  nc.text(v_level, "units", "hPa");
  nc.text(v_level, "positive", "down");
  nc.text(v_level, "axis", "Z");
  const int v_lat = nc.var("lat", NC_DOUBLE, {d_lat});
  nc.text(v_lat, "standard_name", "latitude");
  nc.text(v_lat, "long_name", "latitude");
  nc.text(v_lat, "units", "degrees_north");
  nc.text(v_lat, "axis", "Y");
  const int v_lon = nc.var("lon", NC_DOUBLE, {d_lon});
  nc.text(v_lon, "standard_name", "longitude");
  nc.text(v_lon, "long_name", "longitude");
  nc.text(v_lon, "units", "degrees_east");
  nc.text(v_lon, "axis", "X");

  const std::vector<std::size_t> chunk4{1, 1, g.nlat, g.nlon}, chunk3{1, g.nlat, g.nlon};
  const std::vector<int> dims4{d_time, d_level, d_lat, d_lon}, dims3{d_time, d_lat, d_lon};
  const int v_u = nc.field("u", dims4, chunk4, "eastward_wind", "eastward wind", "m s-1");
  const int v_v = nc.field("v", dims4, chunk4, "northward_wind", "northward wind", "m s-1");
  const int v_z = nc.field("gh", dims4, chunk4, "geopotential_height", "geopotential height", "m");
  const int v_msl = nc.field("msl", dims3, chunk3, "air_pressure_at_mean_sea_level",
                             "mean sea level pressure", "Pa");
  const int v_sst =
      nc.field("sst", dims3, chunk3, "sea_surface_temperature", "sea surface temperature", "K");
  int v_clat = -1, v_clon = -1;
  if (c.vortex.enabled) {
    v_clat = nc.var("vortex_lat", NC_DOUBLE, {d_time});
    nc.text(v_clat, "long_name", "latitude of the centre of the synthetic vortex");
    nc.text(v_clat, "units", "degrees_north");
    v_clon = nc.var("vortex_lon", NC_DOUBLE, {d_time});
    nc.text(v_clon, "long_name", "longitude of the centre of the synthetic vortex");
    nc.text(v_clon, "units", "degrees_east");
  }
  nc.check(nc_enddef(nc.id()), "leaving define mode");

  // Coordinates.
  std::vector<double> lat(g.nlat), lon(g.nlon);
  for (std::size_t j = 0; j < g.nlat; ++j) lat[j] = g.lat(j);
  for (std::size_t i = 0; i < g.nlon; ++i) lon[i] = g.lon(i);
  nc.put(v_time, "time", c.forecast_hours);
  nc.put(v_level, "level", c.levels_hpa);
  nc.put(v_lat, "lat", lat);
  nc.put(v_lon, "lon", lon);
  if (c.vortex.enabled) {
    std::vector<double> clat, clon;
    for (const LonLat& p : track) {
      clat.push_back(p.lat);
      clon.push_back(p.lon);
    }
    nc.put(v_clat, "vortex_lat", clat);
    nc.put(v_clon, "vortex_lon", clon);
  }

  // Fields, one time step at a time.
  const std::size_t npt = g.size();
  for (std::size_t t = 0; t < nt; ++t) {
    const SynthFields f = t == 0 ? first : synth_fields(c, t);
    for (std::size_t k = 0; k < nl; ++k) {
      const std::vector<std::size_t> start{t, k, 0, 0}, count{1, 1, g.nlat, g.nlon};
      auto slice = [&](const std::vector<double>& all) {
        return std::vector<double>(all.begin() + std::ptrdiff_t(k * npt),
                                   all.begin() + std::ptrdiff_t((k + 1) * npt));
      };
      nc.put_floats(v_u, "u", slice(f.u), start, count);
      nc.put_floats(v_v, "v", slice(f.v), start, count);
      nc.put_floats(v_z, "gh", slice(f.z), start, count);
    }
    const std::vector<std::size_t> start{t, 0, 0}, count{1, g.nlat, g.nlon};
    nc.put_floats(v_msl, "msl", f.msl, start, count);
    nc.put_floats(v_sst, "sst", f.sst, start, count);
  }
  nc.close_and_publish();
}

}  // namespace taifeng::forcing
