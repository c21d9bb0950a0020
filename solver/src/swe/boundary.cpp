#include "taifeng/solver/swe/boundary.hpp"

#include <algorithm>

#include "taifeng/core/error.hpp"

namespace taifeng::solver::swe {
namespace {

// Below this depth (m) the interior cell lends no velocity to a prescribed-level ghost.
constexpr double level_dry_depth = 1e-6;

// Ghost cell g (1..ghost) outside a side and the interior cells it copies from: `mirror`
// is interior cell g-1 from the side (reflection), `edge` the first interior cell.
struct Side {
  // (i, j) of ghost layer g at position t along the side; same for the mirror/edge cells.
  long gi, gj, mi, mj, ei, ej;
};

Side west(long g, long t) {
  return {-g, t, g - 1, t, 0, t};
}
Side east(const Patch& p, long g, long t) {
  return {p.nx - 1 + g, t, p.nx - g, t, p.nx - 1, t};
}
Side south(long g, long t) {
  return {t, -g, t, g - 1, t, 0};
}
Side north(const Patch& p, long g, long t) {
  return {t, p.ny - 1 + g, t, p.ny - g, t, p.ny - 1};
}

// normal: the discharge component normal to this side (hu for west/east, hv for south/north).
void fill_side(const Patch& p, State& s, const std::vector<double>& bed, const SideBc& bc,
               bool normal_is_x, auto side_of, long length) {
  for (long g = 1; g <= p.ghost; ++g) {
    for (long t = 0; t < length; ++t) {
      const Side c = side_of(g, t);
      const std::size_t k = p.idx(c.gi, c.gj);
      switch (bc.kind) {
        case BcKind::wall: {
          const std::size_t m = p.idx(c.mi, c.mj);
          s.h[k] = s.h[m];
          s.hu[k] = normal_is_x ? -s.hu[m] : s.hu[m];
          s.hv[k] = normal_is_x ? s.hv[m] : -s.hv[m];
          break;
        }
        case BcKind::outflow: {
          const std::size_t e = p.idx(c.ei, c.ej);
          s.h[k] = s.h[e];
          s.hu[k] = s.hu[e];
          s.hv[k] = s.hv[e];
          break;
        }
        case BcKind::level: {
          const std::size_t e = p.idx(c.ei, c.ej);
          const double h = std::max(0.0, bc.eta - bed[k]);
          const bool wet = s.h[e] > level_dry_depth;
          s.h[k] = h;
          s.hu[k] = wet ? h * (s.hu[e] / s.h[e]) : 0.0;
          s.hv[k] = wet ? h * (s.hv[e] / s.h[e]) : 0.0;
          break;
        }
      }
    }
  }
}

}  // namespace

void apply_physical_boundaries(const Patch& p, State& s, const std::vector<double>& bed,
                               const Boundaries& bc) {
  TAIFENG_CHECK(s.h.size() == p.size() && bed.size() == p.size(),
                "state and bed must have patch.size() elements");
  if (p.at_west()) fill_side(p, s, bed, bc.west, true, west, p.ny);
  if (p.at_east())
    fill_side(
        p, s, bed, bc.east, true, [&](long g, long t) { return east(p, g, t); }, p.ny);
  if (p.at_south()) fill_side(p, s, bed, bc.south, false, south, p.nx);
  if (p.at_north())
    fill_side(
        p, s, bed, bc.north, false, [&](long g, long t) { return north(p, g, t); }, p.nx);
}

void fill_bed_ghosts(const Patch& p, std::vector<double>& bed) {
  TAIFENG_CHECK(bed.size() == p.size(), "bed must have patch.size() elements");
  for (long g = 1; g <= p.ghost; ++g) {
    for (long j = 0; j < p.ny; ++j) {
      if (p.at_west()) bed[p.idx(-g, j)] = bed[p.idx(g - 1, j)];
      if (p.at_east()) bed[p.idx(p.nx - 1 + g, j)] = bed[p.idx(p.nx - g, j)];
    }
    for (long i = 0; i < p.nx; ++i) {
      if (p.at_south()) bed[p.idx(i, -g)] = bed[p.idx(i, g - 1)];
      if (p.at_north()) bed[p.idx(i, p.ny - 1 + g)] = bed[p.idx(i, p.ny - g)];
    }
  }
}

}  // namespace taifeng::solver::swe
