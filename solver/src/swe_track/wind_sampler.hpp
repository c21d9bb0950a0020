#pragma once
// Layer-mean winds of a BamSteering, bilinearly interpolated to arbitrary points (the cells
// of the swe track model) and blended between two file times.
#include <string>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/solver/bam.hpp"

namespace taifeng::solver {

class WindSampler {
 public:
  WindSampler(const BamSteering& steering, std::string source)
      : st_(steering), source_(std::move(source)) {}

  // The longitude shifted by ±360° into the grid's range where that helps.
  LonLat normalise(LonLat c) const;

  // u, v at the points: wa × (time ka) + (1 − wa) × (time kb). Input error naming the
  // source, the point and the time if a point lies outside the grid or a value is missing.
  void sample(std::size_t ka, double wa, std::size_t kb, const std::vector<LonLat>& points,
              std::vector<double>& u, std::vector<double>& v) const;

 private:
  const BamSteering& st_;
  std::string source_;
};

}  // namespace taifeng::solver
