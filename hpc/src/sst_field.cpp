#include "taifeng/hpc/sst_field.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::hpc {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

bool is_grib(const std::filesystem::path& f) {
  const std::string e = f.extension().string();
  return e == ".grib" || e == ".grib2" || e == ".grb" || e == ".grb2";
}
}  // namespace

double year_fraction(TimePoint t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year y = year_month_day{day}.year();
  const sys_days start{y / January / 1}, next{(y + years{1}) / January / 1};
  return double((t - sys_seconds{start}).count()) /
         double((sys_seconds{next} - sys_seconds{start}).count());
}

SstField::SstField(forcing::GriddedData data) : data_(std::move(data)) {
  climatology_ = data_.times.size() == 12;
  if (climatology_)
    for (TimePoint t : data_.times) year_fraction_.push_back(year_fraction(t));
}

double SstField::at_step(std::size_t k, LonLat p) const {
  const Grid& g = data_.grid;
  double x = (p.lon - g.lon0) / g.dlon;
  // Longitudes may be given in another branch (-180..180 vs 0..360).
  if (x < 0 || x > double(g.nlon - 1)) x = (lon360(p.lon) - lon360(g.lon0)) / g.dlon;
  const double y = (p.lat - g.lat0) / g.dlat;
  if (!(x >= 0 && y >= 0 && x <= double(g.nlon - 1) && y <= double(g.nlat - 1))) return nan;
  const auto i = std::min(std::size_t(x), g.nlon > 1 ? g.nlon - 2 : 0);
  const auto j = std::min(std::size_t(y), g.nlat > 1 ? g.nlat - 2 : 0);
  const double fx = g.nlon > 1 ? x - double(i) : 0, fy = g.nlat > 1 ? y - double(j) : 0;
  double sum = 0, wsum = 0;
  for (int dj = 0; dj < 2; ++dj)
    for (int di = 0; di < 2; ++di) {
      const std::size_t ii = std::min(i + std::size_t(di), g.nlon - 1);
      const std::size_t jj = std::min(j + std::size_t(dj), g.nlat - 1);
      const double w = (di ? fx : 1 - fx) * (dj ? fy : 1 - fy);
      const double v = data_.at(k, 0, ii, jj);
      if (w > 0 && !std::isnan(v)) {
        sum += w * v;
        wsum += w;
      }
    }
  return wsum > 0 ? sum / wsum : nan;
}

double SstField::at(LonLat p, TimePoint t) const {
  const std::size_t nt = data_.n_times();
  if (nt == 1 || data_.times.empty()) return at_step(0, p);
  std::size_t a = 0, b = 0;
  double w = 0;  // weight of b
  if (climatology_) {
    const double f = year_fraction(t);
    // The fields bracketing f, cyclically.
    b = std::size_t(std::upper_bound(year_fraction_.begin(), year_fraction_.end(), f) -
                    year_fraction_.begin());
    a = (b + nt - 1) % nt;
    b %= nt;
    double span = year_fraction_[b] - year_fraction_[a];
    double off = f - year_fraction_[a];
    if (span <= 0) span += 1.0;
    if (off < 0) off += 1.0;
    w = off / span;
  } else {
    if (t <= data_.times.front()) return at_step(0, p);
    if (t >= data_.times.back()) return at_step(nt - 1, p);
    b = std::size_t(std::upper_bound(data_.times.begin(), data_.times.end(), t) -
                    data_.times.begin());
    a = b - 1;
    w = hours_between(data_.times[a], t) / hours_between(data_.times[a], data_.times[b]);
  }
  const double va = at_step(a, p), vb = at_step(b, p);
  if (std::isnan(va)) return w >= 0.5 ? vb : nan;
  if (std::isnan(vb)) return w < 0.5 ? va : nan;
  return (1 - w) * va + w * vb;
}

SstField read_sst(const std::filesystem::path& file, const std::string& variable,
                  const forcing::GeoBox& box) {
  forcing::ReadRequest req;
  req.variable = variable;
  req.box = box;
  req.units = "degC";
  forcing::GriddedData d = is_grib(file) ? forcing::read_grib2_variable(file, req)
                                         : forcing::read_netcdf_variable(file, req);
  if (d.n_levels() != 1)
    throw_input_error(file.string(),
                      fmt::format("variable '{}' has {} levels; expected a surface field (SST)",
                                  d.source_variable, d.n_levels()));
  return SstField(std::move(d));
}

}  // namespace taifeng::hpc
