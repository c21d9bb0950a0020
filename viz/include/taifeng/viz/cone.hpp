#pragma once
// Outline of the forecast cone ("cone of uncertainty"): the area swept by a circle whose
// centre and radius move linearly from each forecast position to the next, i.e. the union
// of the circles and of the convex hulls of each consecutive pair of circles. No I/O.
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/polygon.hpp"

namespace taifeng::viz {

// The outline as one ring (lon/lat degrees, counter-clockwise, not closed: the last vertex
// is not repeated). Construction: each pair of consecutive circles contributes its two
// outer common tangents (planar formula with great-circle distances and bearings; every
// vertex is placed with destination(), so it lies exactly r_k from centre_k); on the
// outside of a turn the tangents are joined by an arc of the circle, on the inside at their
// crossing; the first and last circles close the ring with arcs. Arcs are split into steps
// of at most max_step_deg. A circle inside its neighbour adds nothing and is left out
// first. The ring is simple for the tracks forecasts produce; a track that loops back
// across its own cone gives a self-overlapping ring (still covering the cone).
// One centre gives a circle; none gives an empty ring. Radii are km (>= 0).
Ring cone_outline(const std::vector<LonLat>& centre, const std::vector<double>& radius_km,
                  double max_step_deg = 5.0);

}  // namespace taifeng::viz
