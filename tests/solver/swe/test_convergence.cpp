// Observed order of convergence on a smooth problem: a Gaussian hump of water spreading over
// a smooth periodic bed in a periodic 1 m × 1 m domain, no wet/dry. Errors are differences
// between successive refinements (the fine solution averaged onto the coarse cells).
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>
#include <numbers>
#include <vector>

#include "swe_test_util.hpp"

using namespace swe_test;

TEST_CASE("observed order of convergence on a smooth problem", "[solver][swe][convergence]") {
  const std::vector<long> sizes = debug_coarsening == 1 ? std::vector<long>{40, 80, 160, 320}
                                                        : std::vector<long>{20, 40, 80, 160};
  std::vector<std::vector<double>> sols;
  for (long n : sizes) sols.push_back(smooth_hump_depth(n, 2));
  std::vector<double> err;
  for (std::size_t k = 0; k + 1 < sizes.size(); ++k)
    err.push_back(coarse_fine_difference(sols[k], sols[k + 1], sizes[k]));
  for (std::size_t k = 0; k + 1 < err.size(); ++k) {
    const double order = std::log2(err[k] / err[k + 1]);
    std::cout << "convergence: L1(h_" << sizes[k] << " - h_" << sizes[k + 1] << ") = " << err[k]
              << ", L1(h_" << sizes[k + 1] << " - h_" << sizes[k + 2] << ") = " << err[k + 1]
              << ", observed order " << order << "\n";
    // Second-order scheme; limiter clipping at the extrema costs a little: >= 1.8 on the
    // finest pair (the coarse pair is still pre-asymptotic).
    if (k + 2 == err.size()) CHECK(order >= 1.8);
  }
}
