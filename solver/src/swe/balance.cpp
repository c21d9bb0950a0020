#include "taifeng/solver/swe/balance.hpp"

#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>

#include "taifeng/core/error.hpp"

namespace taifeng::solver::swe {

using SpMat = Eigen::SparseMatrix<double>;
using Vec = Eigen::VectorXd;

struct BalanceSolver::Impl {
  long nx, ny;
  double dx, dy, g;
  std::vector<double> f;                   // Coriolis per row
  Eigen::SimplicialLDLT<SpMat> dirichlet;  // −∇², χ = 0 on the boundary
  Eigen::SimplicialLDLT<SpMat> neumann;    // −∇² with zero normal gradient, cell 0 removed

  long id(long i, long j) const { return j * nx + i; }
};

namespace {

// −∇² on the nx × ny cells; dirichlet: a boundary face adds 2/d² to the diagonal (ghost
// value −χ), otherwise it adds nothing (zero gradient). With skip0 the unknown of cell 0 is
// removed (it is pinned at 0), leaving n − 1 unknowns.
SpMat minus_laplacian(long nx, long ny, double dx, double dy, bool dirichlet, bool skip0) {
  const long n = nx * ny, off = skip0 ? 1 : 0;
  std::vector<Eigen::Triplet<double>> t;
  t.reserve(std::size_t(5 * n));
  const double ax = 1.0 / (dx * dx), ay = 1.0 / (dy * dy);
  for (long j = 0; j < ny; ++j)
    for (long i = 0; i < nx; ++i) {
      const long c = j * nx + i;
      if (skip0 && c == 0) continue;
      double diag = 0.0;
      auto face = [&](long ii, long jj, double a) {
        if (ii < 0 || ii >= nx || jj < 0 || jj >= ny) {
          if (dirichlet) diag += 2.0 * a;
          return;
        }
        diag += a;
        const long nb = jj * nx + ii;
        if (!(skip0 && nb == 0)) t.emplace_back(c - off, nb - off, -a);
      };
      face(i - 1, j, ax);
      face(i + 1, j, ax);
      face(i, j - 1, ay);
      face(i, j + 1, ay);
      t.emplace_back(c - off, c - off, diag);
    }
  SpMat m(n - off, n - off);
  m.setFromTriplets(t.begin(), t.end());
  return m;
}

}  // namespace

BalanceSolver::BalanceSolver(long nx, long ny, const Geometry& geo, const Physics& phys)
    : impl_(std::make_unique<Impl>()) {
  TAIFENG_CHECK(nx >= 3 && ny >= 3, "BalanceSolver needs at least 3 x 3 cells");
  Impl& m = *impl_;
  m.nx = nx;
  m.ny = ny;
  m.dx = geo.dx;
  m.dy = geo.dy;
  m.g = phys.g;
  const Patch p = whole_patch(nx, ny);
  for (long j = 0; j < ny; ++j) m.f.push_back(coriolis_at(phys, geo.y(p, j)));
  m.dirichlet.compute(minus_laplacian(nx, ny, geo.dx, geo.dy, true, false));
  m.neumann.compute(minus_laplacian(nx, ny, geo.dx, geo.dy, false, true));
  TAIFENG_CHECK(m.dirichlet.info() == Eigen::Success && m.neumann.info() == Eigen::Success,
                "balance: factorisation of the Laplacian failed");
}

BalanceSolver::~BalanceSolver() = default;

std::vector<double> BalanceSolver::divergence(const std::vector<double>& u,
                                              const std::vector<double>& v) const {
  const Impl& m = *impl_;
  const long nx = m.nx, ny = m.ny;
  TAIFENG_CHECK(long(u.size()) == nx * ny && long(v.size()) == nx * ny,
                "balance: wind arrays must hold nx * ny values");
  std::vector<double> d(std::size_t(nx * ny), 0.0);
  // Face values: the average of the two cells; on the boundary, the cell's own value.
  for (long j = 0; j < ny; ++j)
    for (long i = 0; i < nx; ++i) {
      const long c = m.id(i, j);
      const double ue = i + 1 < nx ? 0.5 * (u[c] + u[c + 1]) : u[c];
      const double uw = i > 0 ? 0.5 * (u[c] + u[c - 1]) : u[c];
      const double vn = j + 1 < ny ? 0.5 * (v[c] + v[c + nx]) : v[c];
      const double vs = j > 0 ? 0.5 * (v[c] + v[c - nx]) : v[c];
      d[c] = (ue - uw) / m.dx + (vn - vs) / m.dy;
    }
  return d;
}

void BalanceSolver::remove_divergence(std::vector<double>& u, std::vector<double>& v) const {
  const Impl& m = *impl_;
  const long nx = m.nx, ny = m.ny;
  const std::vector<double> d = divergence(u, v);
  Vec rhs(nx * ny);
  for (long c = 0; c < nx * ny; ++c) rhs[c] = -d[c];  // −∇²χ = −δ
  const Vec chi = m.dirichlet.solve(rhs);
  auto at = [&](long i, long j, long ci, long cj) {  // χ at (i, j), ghost −χ(ci, cj)
    if (i < 0 || i >= nx || j < 0 || j >= ny) return -chi[m.id(ci, cj)];
    return chi[m.id(i, j)];
  };
  for (long j = 0; j < ny; ++j)
    for (long i = 0; i < nx; ++i) {
      const long c = m.id(i, j);
      u[c] -= (at(i + 1, j, i, j) - at(i - 1, j, i, j)) / (2.0 * m.dx);
      v[c] -= (at(i, j + 1, i, j) - at(i, j - 1, i, j)) / (2.0 * m.dy);
    }
}

std::vector<double> BalanceSolver::balanced_depth(const std::vector<double>& u,
                                                  const std::vector<double>& v,
                                                  double mean_depth) const {
  const Impl& m = *impl_;
  const long nx = m.nx, ny = m.ny, n = nx * ny;
  TAIFENG_CHECK(long(u.size()) == n && long(v.size()) == n,
                "balance: wind arrays must hold nx * ny values");
  // F = −(u·∇)u + f (v, −u): centred differences, one-sided on the boundary.
  auto ddx = [&](const std::vector<double>& a, long i, long j) {
    const long c = m.id(i, j);
    if (i == 0) return (a[c + 1] - a[c]) / m.dx;
    if (i == nx - 1) return (a[c] - a[c - 1]) / m.dx;
    return (a[c + 1] - a[c - 1]) / (2.0 * m.dx);
  };
  auto ddy = [&](const std::vector<double>& a, long i, long j) {
    const long c = m.id(i, j);
    if (j == 0) return (a[c + nx] - a[c]) / m.dy;
    if (j == ny - 1) return (a[c] - a[c - nx]) / m.dy;
    return (a[c + nx] - a[c - nx]) / (2.0 * m.dy);
  };
  std::vector<double> fx(static_cast<std::size_t>(n)), fy(static_cast<std::size_t>(n));
  for (long j = 0; j < ny; ++j)
    for (long i = 0; i < nx; ++i) {
      const long c = m.id(i, j);
      fx[c] = -(u[c] * ddx(u, i, j) + v[c] * ddy(u, i, j)) + m.f[j] * v[c];
      fy[c] = -(u[c] * ddx(v, i, j) + v[c] * ddy(v, i, j)) - m.f[j] * u[c];
    }
  // −Σ_faces g (h_nb − h_c)/d² = −Σ_faces (F·n)_face / d, divided by g.
  Vec rhs(n - 1);
  for (long j = 0; j < ny; ++j)
    for (long i = 0; i < nx; ++i) {
      const long c = m.id(i, j);
      if (c == 0) continue;
      double s = 0.0;
      if (i + 1 < nx) s += 0.5 * (fx[c] + fx[c + 1]) / m.dx;
      if (i > 0) s -= 0.5 * (fx[c] + fx[c - 1]) / m.dx;
      if (j + 1 < ny) s += 0.5 * (fy[c] + fy[c + nx]) / m.dy;
      if (j > 0) s -= 0.5 * (fy[c] + fy[c - nx]) / m.dy;
      rhs[c - 1] = -s / m.g;
    }
  const Vec h1 = m.neumann.solve(rhs);
  std::vector<double> h(static_cast<std::size_t>(n));
  h[0] = 0.0;
  double mean = 0.0;
  for (long c = 1; c < n; ++c) {
    h[c] = h1[c - 1];
    mean += h[c];
  }
  mean /= double(n);
  for (double& x : h) x += mean_depth - mean;
  return h;
}

}  // namespace taifeng::solver::swe
