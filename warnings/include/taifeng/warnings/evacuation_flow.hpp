#pragma once
// Who goes to which shelter: a minimum-cost flow (LEMON NetworkSimplex) of evacuees from
// origin nodes to shelter nodes of a travel graph, respecting shelter capacities. Plain
// kernel, no I/O.
//
// Travel costs are shortest paths on the graph (Dijkstra over non-negative arc costs, e.g.
// km on land with a hazard penalty; a graph built on land cells cannot cross the sea). The
// flow is then the transportation problem on (origin, shelter) pairs:
//   source → origin (its people) → shelter (path cost) → sink (capacity),
// plus origin → "unassigned" → sink, so people who cannot be placed (capacity exhausted or
// no path) are reported per origin, never dropped.
//
// Objective, lexicographic and exact: (1) place the most people of the highest priority,
// (2) then of the next priority, … down to the lowest (so, after the priorities, the most
// people), (3) then the least Σ people × path cost. It is solved as a short sequence of
// integral min-cost flows, one per priority level and a last one for the cost, each keeping
// the counts found before as fixed bounds on the "unassigned" arcs. A single flow with
// unassigned penalties U_p would need U_0 > Σ people × max cost and U_(p+1) = U_p × (1 +
// people of level p) to be exact: about 6e10 × 1e6 × 1e6 for a province, beyond 64-bit
// costs (and "max path cost + 1" per person is not enough when a placement needs longer
// routes for others, e.g. one-way roads or arcs cut at a travel limit). The staged costs stay
// small: 0/1 per person while placing, whole metres (cost × 1000, e.g. km → m) for the last stage,
// checked against 64-bit overflow.
#include <cstddef>
#include <limits>
#include <vector>

namespace taifeng::warnings {

struct TravelGraph {
  int nodes = 0;
  struct Arc {
    int from = 0, to = 0;
    double cost = 0;  // ≥ 0, e.g. km; arcs are directed (add both ways for a road)
  };
  std::vector<Arc> arcs;
};

// Outgoing arcs of every node (compressed rows), built once for repeated searches.
struct Adjacency {
  std::vector<std::size_t> first;  // [node .. node+1) indexes `arcs`; size nodes + 1
  std::vector<int> arcs;           // indices into TravelGraph::arcs
};
Adjacency adjacency(const TravelGraph& g);

// Shortest paths from one root: cost per node (+infinity where unreachable or beyond the
// search limit) and the arc reaching each node on its path (-1 at the root / unreached).
struct PathTree {
  int root = 0;
  std::vector<double> cost;
  std::vector<int> via;
  std::vector<int> order;  // reached nodes in the order settled (root first, cost ascending)
};
// Dijkstra from `from`; nodes whose cost exceeds max_cost are left unreached.
PathTree shortest_path_tree(const TravelGraph& g, const Adjacency& adj, int from,
                            double max_cost = std::numeric_limits<double>::infinity());
// Nodes of the tree path root → `to` (empty when `to` is unreached).
std::vector<int> tree_path(const TravelGraph& g, const PathTree& t, int to);

// Shortest path costs from `from` to every node (+infinity where unreachable).
std::vector<double> shortest_costs(const TravelGraph& g, int from);

struct Origin {
  int node = 0;
  long people = 0;   // ≥ 0
  int priority = 0;  // higher is placed first when capacity is short (e.g. 1 = vulnerable)
};

struct ShelterSite {
  int node = 0;
  long capacity = 0;  // ≥ 0
};

// The transportation problem on candidate (origin, shelter) arcs; pairs without an arc are
// not allowed (no path, or too far).
struct TransportArc {
  int origin = 0, shelter = 0;
  double cost = 0;  // ≥ 0, finite; rounded to 1/1000 for the flow
};
struct TransportPlan {
  std::vector<long> flow;        // [arc] people sent along it
  std::vector<long> unassigned;  // [origin] people not placed
  std::vector<long> load;        // [shelter] people received (≤ capacity)
  double cost = 0;               // Σ flow × arc cost
};
// people[i], priority[i] per origin; capacity[k] per shelter.
TransportPlan solve_transport(const std::vector<long>& people, const std::vector<int>& priority,
                              const std::vector<long>& capacity,
                              const std::vector<TransportArc>& arcs);

struct EvacuationPlan {
  std::vector<std::vector<long>> people;  // [origin][shelter] people sent
  std::vector<long> unassigned;           // [origin] people not placed
  std::vector<long> load;                 // [shelter] people received (≤ capacity)
  double cost = 0;                        // Σ people × path cost
};

EvacuationPlan plan_evacuation(const TravelGraph& g, const std::vector<Origin>& origins,
                               const std::vector<ShelterSite>& shelters);

}  // namespace taifeng::warnings
