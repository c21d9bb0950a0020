#include "taifeng/viz/cone.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>

#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::viz {

namespace {

struct Circle {
  LonLat c;
  double r = 0;
};

// Angle difference b - a folded into (-180, 180].
double wrap180(double d) {
  d = std::fmod(d, 360.0);
  if (d <= -180.0) d += 360.0;
  if (d > 180.0) d -= 360.0;
  return d;
}

// Drops every circle that lies inside a neighbour until none does: the hull of its
// neighbours then covers what it covered.
std::vector<Circle> without_nested(std::vector<Circle> cs) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t k = 0; k + 1 < cs.size(); ++k) {
      const double d = great_circle_km(cs[k].c, cs[k + 1].c);
      const double small = std::min(cs[k].r, cs[k + 1].r), big = std::max(cs[k].r, cs[k + 1].r);
      if (d + small <= big * (1.0 + 1e-12) + 1e-9) {
        cs.erase(cs.begin() + std::ptrdiff_t(cs[k].r <= cs[k + 1].r ? k : k + 1));
        changed = true;
        break;
      }
    }
  }
  return cs;
}

// Points of the arc of circle `c` from bearing `from` turning by `turn` degrees (positive
// = clockwise), end points excluded.
void append_arc(std::vector<LonLat>& out, const Circle& c, double from, double turn,
                double max_step) {
  if (c.r <= 0) return;
  const int n = int(std::ceil(std::abs(turn) / max_step));
  for (int i = 1; i < n; ++i) out.push_back(destination(c.c, from + turn * i / n, c.r));
}

// Crossing of segments p0-p1 and q0-q1, computed in a local equirectangular plane
// around `origin` (the joint; the segments are a few hundred km long at most).
std::optional<LonLat> crossing(LonLat origin, LonLat p0, LonLat p1, LonLat q0, LonLat q1) {
  const double kx = std::cos(deg_to_rad(origin.lat));
  const auto x = [&](LonLat p) { return wrap180(p.lon - origin.lon) * kx; };
  const auto y = [&](LonLat p) { return p.lat - origin.lat; };
  const double rx = x(p1) - x(p0), ry = y(p1) - y(p0);
  const double sx = x(q1) - x(q0), sy = y(q1) - y(q0);
  const double den = rx * sy - ry * sx;
  if (std::abs(den) < 1e-15) return std::nullopt;
  const double qx = x(q0) - x(p0), qy = y(q0) - y(p0);
  const double t = (qx * sy - qy * sx) / den, u = (qx * ry - qy * rx) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1) return std::nullopt;
  return LonLat{p0.lon + t * (p1.lon - p0.lon), p0.lat + t * (p1.lat - p0.lat)};
}

// One tangent of a pair of circles: bearings of the outward normal at both ends.
struct Tangent {
  double from_deg, to_deg;
};

// Side of the cone (-1 left, +1 right of the direction of motion), from the first circle
// to the last: tangent segments, joined by arcs outside a turn and at their crossing
// inside it.
std::vector<LonLat> side(const std::vector<Circle>& cs, const std::vector<double>& b_from,
                         const std::vector<double>& b_to, const std::vector<double>& theta,
                         int sign, double max_step) {
  std::vector<LonLat> out;
  double prev_normal = 0;
  for (std::size_t k = 0; k + 1 < cs.size(); ++k) {
    const Tangent t{b_from[k] + sign * theta[k], b_to[k] + sign * theta[k]};
    const LonLat p = destination(cs[k].c, t.from_deg, cs[k].r);
    const LonLat q = destination(cs[k + 1].c, t.to_deg, cs[k + 1].r);
    if (k == 0) {
      out.push_back(p);
    } else {
      const double turn = wrap180(t.from_deg - prev_normal);
      if (sign * turn < 0) {  // outside of the turn
        append_arc(out, cs[k], prev_normal, turn, max_step);
        out.push_back(p);
      } else if (const auto x = crossing(cs[k].c, out[out.size() - 2], out.back(), p, q)) {
        out.back() = *x;
      } else {
        out.push_back(p);  // chord inside circle k
      }
    }
    out.push_back(q);
    prev_normal = t.to_deg;
  }
  return out;
}

}  // namespace

Ring cone_outline(const std::vector<LonLat>& centre, const std::vector<double>& radius_km,
                  double max_step_deg) {
  TAIFENG_CHECK(centre.size() == radius_km.size(), std::to_string(centre.size()) +
                                                       " cone centres but " +
                                                       std::to_string(radius_km.size()) + " radii");
  TAIFENG_CHECK(max_step_deg > 0 && max_step_deg <= 90, "arc step out of (0, 90] degrees");
  std::vector<Circle> cs;
  for (std::size_t k = 0; k < centre.size(); ++k) {
    TAIFENG_CHECK(std::isfinite(centre[k].lon) && std::isfinite(centre[k].lat),
                  "cone centre " + std::to_string(k) + " is not finite");
    TAIFENG_CHECK(std::isfinite(radius_km[k]) && radius_km[k] >= 0,
                  "cone radius " + std::to_string(k) + " is not a finite value >= 0");
    cs.push_back({centre[k], radius_km[k]});
  }
  cs = without_nested(std::move(cs));
  Ring ring;
  if (cs.empty()) return ring;
  if (cs.size() == 1) {
    // Counter-clockwise: bearings decreasing.
    const int n = int(std::ceil(360.0 / max_step_deg));
    for (int i = 0; i < n; ++i) ring.push_back(destination(cs[0].c, -360.0 * i / n, cs[0].r));
    return ring;
  }

  // Per pair: bearing of the motion at both ends and the angle between the motion and the
  // outward normal of the outer tangents: cos(theta) = (r0 - r1) / d.
  const std::size_t m = cs.size() - 1;
  std::vector<double> b_from(m), b_to(m), theta(m);
  for (std::size_t k = 0; k < m; ++k) {
    const double d = great_circle_km(cs[k].c, cs[k + 1].c);
    b_from[k] = bearing_deg(cs[k].c, cs[k + 1].c);
    b_to[k] = bearing_deg(cs[k + 1].c, cs[k].c) + 180.0;
    theta[k] = rad_to_deg(std::acos(std::clamp((cs[k].r - cs[k + 1].r) / d, -1.0, 1.0)));
  }
  const std::vector<LonLat> left = side(cs, b_from, b_to, theta, -1, max_step_deg);
  const std::vector<LonLat> right = side(cs, b_from, b_to, theta, +1, max_step_deg);

  // Clockwise: left side forward, round the last circle, right side back, round the first.
  ring = left;
  append_arc(ring, cs[m], b_to[m - 1] - theta[m - 1], 2.0 * theta[m - 1], max_step_deg);
  ring.insert(ring.end(), right.rbegin(), right.rend());
  append_arc(ring, cs[0], b_from[0] + theta[0], 360.0 - 2.0 * theta[0], max_step_deg);
  std::reverse(ring.begin(), ring.end());
  return ring;
}

}  // namespace taifeng::viz
