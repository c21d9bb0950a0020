#pragma once
// The travel graph of an evacuation: land cells of a regular lon/lat grid joined to their
// land neighbours, so no route crosses the sea. Plain kernel, no I/O.
//
// Arcs join each land cell to its 8 neighbours that are land, both ways. A diagonal arc
// also needs one of the two cells beside it (sharing an edge with both ends) to be land:
// two land cells touching only at a corner between two sea cells are not joined, so a
// one-cell-wide strait is never crossed. Arc cost = great-circle km between the cell
// centres × (1 + hazard_penalty × mean hazard of the two cells), hazard in [0, 1] per cell
// (e.g. probability of inundation or of gale); the plain km are kept per arc as well.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"
#include "taifeng/warnings/evacuation_flow.hpp"

namespace taifeng::warnings {

struct LandGraph {
  Grid grid;
  TravelGraph graph;                      // nodes = land cells; costs with the hazard penalty
  std::vector<double> arc_km;             // [arc] great-circle km between the cell centres
  std::vector<int> node_of_cell;          // [grid index] node, or -1 at sea
  std::vector<std::size_t> cell_of_node;  // [node] grid index (ascending)
  LonLat position(int node) const;        // centre of the node's cell
};

// land[c] != 0 marks land (grid index c); hazard[c] in [0, 1] (NaN counts as 0, no
// forecast; an empty vector means no hazard anywhere); hazard_penalty ≥ 0.
LandGraph build_land_graph(const Grid& g, const std::vector<std::uint8_t>& land,
                           const std::vector<double>& hazard, double hazard_penalty);

// Per grid cell: km to the nearest sea cell centre along the grid's 8-neighbour moves
// (multi-source Dijkstra from every sea cell, over land and sea alike); 0 at sea,
// +infinity everywhere when the grid has no sea. A land cell next to the sea is one cell
// spacing away (centre to centre).
std::vector<double> distance_to_sea_km(const Grid& g, const std::vector<std::uint8_t>& land);

// Nearest land node to p (great-circle), if any lies within max_km.
std::optional<int> nearest_node(const LandGraph& lg, LonLat p,
                                double max_km = std::numeric_limits<double>::infinity());

}  // namespace taifeng::warnings
