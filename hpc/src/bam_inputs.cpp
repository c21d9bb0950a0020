// read_steering_fields: the winds of one BAM layer from a NetCDF or GRIB2 file.
#include "taifeng/hpc/bam_inputs.hpp"

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/forcing/inspect.hpp"

namespace taifeng::hpc {

namespace {

bool same_grid(const Grid& a, const Grid& b) {
  auto close = [](double x, double y) { return std::fabs(x - y) <= 1e-9 * (1.0 + std::fabs(x)); };
  return a.nlon == b.nlon && a.nlat == b.nlat && close(a.lon0, b.lon0) && close(a.lat0, b.lat0) &&
         close(a.dlon, b.dlon) && close(a.dlat, b.dlat);
}

// Input error at the first missing value of `values` ([time][level][lat][lon]).
void reject_missing(const std::vector<double>& values, const solver::SteeringFields& f,
                    const std::string& where) {
  const std::size_t npt = f.grid.size(), nl = f.levels_hpa.size();
  std::size_t n_missing = 0, first = values.size();
  for (std::size_t n = 0; n < values.size(); ++n)
    if (std::isnan(values[n])) {
      ++n_missing;
      if (first == values.size()) first = n;
    }
  if (n_missing == 0) return;
  const std::size_t t = first / (nl * npt), k = first / npt % nl, ij = first % npt;
  throw_input_error(
      where, fmt::format("{} missing value(s) where the model needs winds, the first at {:g}E "
                         "{:g}N, {:g} hPa, {}; expected valid winds everywhere in the box and "
                         "time window (choose a box and window without missing data)",
                         n_missing, f.grid.lon(ij % f.grid.nlon), f.grid.lat(ij / f.grid.nlon),
                         f.levels_hpa[k], format_iso_utc(f.times[t])));
}

}  // namespace

solver::SteeringFields read_steering_fields(const std::filesystem::path& file,
                                            const SteeringRequest& request) {
  const std::string fname = file.string();
  const std::string format = forcing::detect_format(file);
  if (format != "netcdf" && format != "grib2")
    throw_input_error(fname, fmt::format("is a {} file; expected a NetCDF or GRIB2 file with "
                                         "winds on pressure levels",
                                         format));
  auto read = [&](const std::string& variable, std::vector<double> levels) {
    forcing::ReadRequest r;
    r.variable = variable;
    r.box = request.box;
    r.from = request.from;
    r.to = request.to;
    r.levels_hpa = std::move(levels);
    r.units = "m s-1";
    return format == "netcdf" ? forcing::read_netcdf_variable(file, r)
                              : forcing::read_grib2_variable(file, r);
  };
  const std::string layer = solver::bam_layer_name(request.layer);
  const solver::PressureLayer range = solver::bam_layer_range(request.layer);

  // u with all its levels, to see which ones lie in the layer.
  forcing::GriddedData u = read(request.u_variable, {});
  const std::string u_where = fname + ":" + u.source_variable;
  if (u.levels_hpa.empty())
    throw_input_error(u_where, fmt::format("has no pressure levels; expected winds on levels "
                                           "spanning {:g}–{:g} hPa for {}",
                                           range.bottom_hpa, range.top_hpa, layer));
  if (u.times.empty()) throw_input_error(u_where, "has no valid time; expected a time coordinate");
  const std::vector<double> weights =
      solver::bam_layer_weights(u.levels_hpa, request.layer, u_where);

  solver::SteeringFields f;
  f.grid = u.grid;
  f.times = u.times;
  std::vector<std::size_t> keep;
  for (std::size_t k = 0; k < weights.size(); ++k)
    if (weights[k] > 0.0) {
      keep.push_back(k);
      f.levels_hpa.push_back(u.levels_hpa[k]);
    }
  const std::size_t nt = f.times.size(), npt = f.grid.size(), nl_all = u.levels_hpa.size();
  f.u.reserve(nt * keep.size() * npt);
  for (std::size_t t = 0; t < nt; ++t)
    for (std::size_t k : keep) {
      const auto first = u.values.begin() + std::ptrdiff_t((t * nl_all + k) * npt);
      f.u.insert(f.u.end(), first, first + std::ptrdiff_t(npt));
    }
  u.values.clear();
  u.values.shrink_to_fit();

  forcing::GriddedData v = read(request.v_variable, f.levels_hpa);
  const std::string v_where = fname + ":" + v.source_variable;
  if (!same_grid(v.grid, f.grid))
    throw_input_error(
        v_where, fmt::format("its grid ({} x {} points from {:g}E {:g}N) differs "
                             "from that of {} ({} x {} from {:g}E {:g}N); expected "
                             "u and v on one grid",
                             v.grid.nlon, v.grid.nlat, v.grid.lon0, v.grid.lat0, u.source_variable,
                             f.grid.nlon, f.grid.nlat, f.grid.lon0, f.grid.lat0));
  if (v.times != f.times)
    throw_input_error(v_where, fmt::format("has {} time(s), {} has {}; expected u and v at the "
                                           "same times",
                                           v.times.size(), u.source_variable, f.times.size()));
  bool same_levels = v.levels_hpa.size() == f.levels_hpa.size();
  for (std::size_t k = 0; same_levels && k < f.levels_hpa.size(); ++k)
    same_levels = std::fabs(v.levels_hpa[k] - f.levels_hpa[k]) <= 1e-3;
  if (!same_levels)
    throw_input_error(v_where, fmt::format("its levels differ from those of {}; expected u and v "
                                           "on the same pressure levels",
                                           u.source_variable));
  f.v = std::move(v.values);
  f.source = fname + ":" + u.source_variable + "," + v.source_variable;
  reject_missing(f.u, f, u_where);
  reject_missing(f.v, f, v_where);
  return f;
}

}  // namespace taifeng::hpc
