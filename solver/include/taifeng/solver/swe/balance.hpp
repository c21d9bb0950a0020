#pragma once
// Initialising the shallow-water core from winds alone (the equivalent-barotropic track
// model starts from analysed layer-mean winds, which carry no layer depth): remove the
// divergent part of the wind, then find the depth in balance with it. Whole grid, one
// patch; arrays hold the nx × ny interior cells, row-major (x fastest), no ghosts.
//
// Divergence removal (Helmholtz): solve ∇²χ = δ with χ = 0 on the boundary (5-point
// Laplacian, finite-volume divergence of the face-averaged wind), then u ← u − ∇χ (centred
// differences, ghost χ = −χ at the boundary). The wind keeps its vorticity; the divergence
// drops to truncation error (the cell-centred gradient is not the exact adjoint of the
// face divergence).
//
// Balance: the depth h whose gradient best matches the steady momentum equation,
//   g ∇h ≈ F,  F = −(u·∇)u + f (v, −u),
// in the least-squares sense, g ∇²h = ∇·F with g ∂h/∂n = F·n on the boundary (finite
// volumes: g (h_nb − h_c) / d = the face average of F·n on every interior face). This is the
// nonlinear balance equation of a nondivergent steady flow; for a uniform flow on the
// sphere it is the exact geostrophic tilt. The solution is fixed by its mean (mean_depth).
// Both sparse systems are factorised once (Eigen SimplicialLDLT) and reused.
#include <memory>
#include <vector>

#include "taifeng/solver/swe/physics.hpp"
#include "taifeng/solver/swe/state.hpp"

namespace taifeng::solver::swe {

class BalanceSolver {
 public:
  // Coriolis from phys (coriolis_at) at the cell-centre y of geo; g from phys.
  BalanceSolver(long nx, long ny, const Geometry& geo, const Physics& phys);
  ~BalanceSolver();
  BalanceSolver(const BalanceSolver&) = delete;
  BalanceSolver& operator=(const BalanceSolver&) = delete;

  void remove_divergence(std::vector<double>& u, std::vector<double>& v) const;
  std::vector<double> balanced_depth(const std::vector<double>& u, const std::vector<double>& v,
                                     double mean_depth) const;
  // Finite-volume divergence of the face-averaged wind (1/s), as used above.
  std::vector<double> divergence(const std::vector<double>& u, const std::vector<double>& v) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace taifeng::solver::swe
