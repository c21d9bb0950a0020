// GSHHG binned shoreline reader (format documented in coastline.hpp).
#include "taifeng/forcing/coastline.hpp"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::forcing {

namespace {

constexpr double max_delta = 65535.0;  // largest offset within a bin (unsigned short)
constexpr int level_antarctic_ground = 6;

class GshhgFile {
 public:
  explicit GshhgFile(const std::string& path) : path_(path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      throw_input_error(path,
                        "no such file; expected a GSHHG binned shoreline file such as "
                        "/usr/share/gmt-gshhg/binned_GSHHS_h.nc (Debian gmt-gshhg-high)");
    const int st = nc_open(path.c_str(), NC_NOWRITE, &id_);
    if (st != NC_NOERR)
      throw_input_error(path, fmt::format("cannot open as NetCDF ({}); expected a GSHHG binned "
                                          "shoreline file (binned_GSHHS_*.nc)",
                                          nc_strerror(st)));
  }
  ~GshhgFile() { nc_close(id_); }
  GshhgFile(const GshhgFile&) = delete;
  GshhgFile& operator=(const GshhgFile&) = delete;

  const std::string& path() const { return path_; }

  int var(const char* name, bool required = true) const {
    int v = -1;
    if (nc_inq_varid(id_, name, &v) != NC_NOERR) {
      if (!required) return -1;
      throw_input_error(path_, fmt::format("variable '{}' not found; not a GSHHG binned "
                                           "shoreline file (binned_GSHHS_*.nc)",
                                           name));
    }
    return v;
  }
  std::size_t length(int v) const {
    int ndims = 0;
    check(nc_inq_varndims(id_, v, &ndims), "number of dimensions");
    if (ndims != 1) throw_input_error(path_, "GSHHG variables must be one-dimensional");
    int dim = 0;
    check(nc_inq_vardimid(id_, v, &dim), "dimension id");
    std::size_t n = 0;
    check(nc_inq_dimlen(id_, dim, &n), "dimension length");
    return n;
  }
  int scalar(const char* name) const {
    int value = 0;
    const std::size_t start = 0;
    check(nc_get_var1_int(id_, var(name), &start, &value), name);
    return value;
  }
  void check(int st, const std::string& what) const {
    if (st != NC_NOERR)
      throw_input_error(path_, fmt::format("NetCDF: {} ({})", nc_strerror(st), what));
  }
  template <class T, class Getter>
  std::vector<T> read(int v, std::size_t start, std::size_t count, Getter get,
                      const char* what) const {
    std::vector<T> out(count);
    if (count > 0) check(get(id_, v, &start, &count, out.data()), what);
    return out;
  }

 private:
  std::string path_;
  int id_ = -1;
};

void check_box(const std::string& path, const GeoBox& box) {
  if (!std::isfinite(box.lon_min) || !std::isfinite(box.lon_max) || !std::isfinite(box.lat_min) ||
      !std::isfinite(box.lat_max) || box.lat_min > box.lat_max || box.lat_min < -90.0 ||
      box.lat_max > 90.0)
    throw_input_error(path, fmt::format("bad coastline box lon {}..{} lat {}..{}; expected "
                                        "finite values with -90 <= lat_min <= lat_max <= 90",
                                        box.lon_min, box.lon_max, box.lat_min, box.lat_max));
}

}  // namespace

std::vector<CoastSegment> read_gshhg_segments(const std::filesystem::path& file, const GeoBox& box,
                                              int max_level) {
  const std::string path = file.string();
  check_box(path, box);
  if (max_level < 1)
    throw_input_error(path, fmt::format("coastline max_level {} must be >= 1", max_level));

  GshhgFile nc(path);
  const int bin_minutes = nc.scalar("Bin_size_in_minutes");
  const int nx = nc.scalar("N_bins_in_360_longitude_range");
  const int ny = nc.scalar("N_bins_in_180_degree_latitude_range");
  if (bin_minutes <= 0 || nx <= 0 || ny <= 0 || nx * bin_minutes != 360 * 60 ||
      ny * bin_minutes != 180 * 60)
    throw_input_error(path, fmt::format("inconsistent GSHHG bin layout: {} minute bins, {} x {}",
                                        bin_minutes, nx, ny));
  const double bsize = bin_minutes / 60.0;
  const double scale = bsize / max_delta;

  const int v_first_seg = nc.var("Id_of_first_segment_in_a_bin");
  const int v_nseg = nc.var("N_segments_in_a_bin");
  const int v_seg_info = nc.var("Embedded_npts_levels_exit_entry_for_a_segment");
  const int v_seg_start = nc.var("Id_of_first_point_in_a_segment");
  const int v_dx = nc.var("Relative_longitude_from_SW_corner_of_bin");
  const int v_dy = nc.var("Relative_latitude_from_SW_corner_of_bin");
  const int v_ant = nc.var("Embedded_ANT_flag", false);  // GSHHG >= 2.3 only

  const std::size_t n_bins = nc.length(v_first_seg);
  const std::size_t n_segs = nc.length(v_seg_info);
  const std::size_t n_points = nc.length(v_dx);
  if (n_bins != std::size_t(nx) * std::size_t(ny) || nc.length(v_nseg) != n_bins ||
      nc.length(v_seg_start) != n_segs || nc.length(v_dy) != n_points)
    throw_input_error(path, "inconsistent GSHHG array lengths (bins, segments or points)");

  // Bin rows (counted from the south, j = 0 at -90) and columns (i = 0 at 0 E, possibly
  // beyond nx: the column is taken modulo nx and the bin shifted by multiples of 360).
  const int j_lo = std::clamp(int(std::floor((box.lat_min + 90.0) / bsize)), 0, ny - 1);
  const int j_hi =
      std::clamp(std::max(int(std::ceil((box.lat_max + 90.0) / bsize)) - 1, j_lo), j_lo, ny - 1);
  double west = box.lon_min, east = box.lon_max;
  if (west > east) east += 360.0;  // crosses the antimeridian
  const double shift = std::floor(west / 360.0) * 360.0;
  west -= shift;
  east -= shift;
  const int i_lo = int(std::floor(west / bsize));
  const int i_hi = std::min(std::max(int(std::ceil(east / bsize)) - 1, i_lo), i_lo + nx - 1);

  const auto first_seg =
      nc.read<int>(v_first_seg, 0, n_bins, nc_get_vara_int, "Id_of_first_segment_in_a_bin");
  const auto nseg = nc.read<short>(v_nseg, 0, n_bins, nc_get_vara_short, "N_segments_in_a_bin");

  std::vector<CoastSegment> out;
  for (int j = j_lo; j <= j_hi; ++j) {
    const int row = ny - 1 - j;  // bins are stored from the north
    const double lat_sw = -90.0 + j * bsize;
    for (int i = i_lo; i <= i_hi; ++i) {
      const int col = ((i % nx) + nx) % nx;
      const double lon_sw = i * bsize + shift;
      const std::size_t bin = std::size_t(row) * std::size_t(nx) + std::size_t(col);
      const int ns = nseg[bin];
      if (ns <= 0) continue;
      const std::size_t s0 = std::size_t(first_seg[bin]);
      if (first_seg[bin] < 0 || s0 + std::size_t(ns) > n_segs)
        throw_input_error(path, fmt::format("bin {} refers to segments {}..{} beyond the {} "
                                            "segments of the file",
                                            bin, first_seg[bin], first_seg[bin] + ns - 1, n_segs));
      const auto info = nc.read<int>(v_seg_info, s0, std::size_t(ns), nc_get_vara_int,
                                     "Embedded_npts_levels_exit_entry_for_a_segment");
      const auto start = nc.read<int>(v_seg_start, s0, std::size_t(ns), nc_get_vara_int,
                                      "Id_of_first_point_in_a_segment");
      std::vector<signed char> ant;
      if (v_ant >= 0)
        ant = nc.read<signed char>(v_ant, s0, std::size_t(ns), nc_get_vara_schar,
                                   "Embedded_ANT_flag");
      for (int s = 0; s < ns; ++s) {
        // Bits: npts << 9 | level << 6 | entry side << 3 | exit side.
        const auto bits = static_cast<std::uint32_t>(info[s]);
        const std::size_t npts = bits >> 9;
        int level = int((bits >> 6) & 7u);
        if (!ant.empty() && ant[s] != 0) level = 1;  // Antarctic ice front
        if (level == level_antarctic_ground) continue;
        if (level > 4) level = 1;
        if (level < 1 || level > max_level || npts == 0) continue;
        const std::size_t p0 = std::size_t(start[s]);
        if (start[s] < 0 || p0 + npts > n_points)
          throw_input_error(path, fmt::format("segment {} refers to points {}..{} beyond the {} "
                                              "points of the file",
                                              s0 + std::size_t(s), p0, p0 + npts - 1, n_points));
        const auto dx = nc.read<short>(v_dx, p0, npts, nc_get_vara_short,
                                       "Relative_longitude_from_SW_corner_of_bin");
        const auto dy = nc.read<short>(v_dy, p0, npts, nc_get_vara_short,
                                       "Relative_latitude_from_SW_corner_of_bin");
        CoastSegment seg;
        seg.level = level;
        seg.points.reserve(npts);
        for (std::size_t k = 0; k < npts; ++k)
          seg.points.push_back({lon_sw + static_cast<std::uint16_t>(dx[k]) * scale,
                                lat_sw + static_cast<std::uint16_t>(dy[k]) * scale});
        out.push_back(std::move(seg));
      }
    }
  }
  return out;
}

std::vector<std::vector<LonLat>> read_gshhg_coastline(const std::filesystem::path& file,
                                                      const GeoBox& box, int max_level) {
  auto segments = read_gshhg_segments(file, box, max_level);
  std::vector<std::vector<LonLat>> out;
  out.reserve(segments.size());
  for (auto& s : segments) out.push_back(std::move(s.points));
  return out;
}

}  // namespace taifeng::forcing
