#pragma once
// CF NetCDF output of a shallow-water run on a metric grid (x, y in metres): h, eta, u, v at
// each output time, the bed, and the running maxima of eta and h. Rank 0 only, on gathered
// global arrays ([y][x], x fastest). Written to `path` + ".tmp" and renamed by close(), so a
// failed run leaves no half file.
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/solver/swe/state.hpp"

namespace taifeng::hpc::swe {

class SweNetcdfWriter {
 public:
  SweNetcdfWriter(const std::filesystem::path& path, long nx, long ny,
                  const solver::swe::Geometry& geo, const std::vector<double>& bed,
                  const std::string& title, double dry_tolerance,
                  const Grid* lonlat = nullptr);  // placed grids: lon(x), lat(y) coordinates
  ~SweNetcdfWriter();
  SweNetcdfWriter(const SweNetcdfWriter&) = delete;
  SweNetcdfWriter& operator=(const SweNetcdfWriter&) = delete;

  void write_frame(double time_s, const std::vector<double>& h, const std::vector<double>& hu,
                   const std::vector<double>& hv);
  void close(const std::vector<double>& eta_max, const std::vector<double>& h_max);

 private:
  std::filesystem::path path_, tmp_;
  int ncid_ = -1;
  int v_time_ = 0, v_h_ = 0, v_eta_ = 0, v_u_ = 0, v_v_ = 0, v_eta_max_ = 0, v_h_max_ = 0;
  long nx_, ny_;
  std::size_t frames_ = 0;
  std::vector<double> bed_;
  double dry_;
};

}  // namespace taifeng::hpc::swe
