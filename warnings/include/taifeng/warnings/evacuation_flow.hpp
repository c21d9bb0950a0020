#pragma once
// Who goes to which shelter: a minimum-cost flow (LEMON NetworkSimplex) of evacuees from
// origin nodes to shelter nodes of a travel graph, respecting shelter capacities. Plain
// kernel, no I/O.
//
// Travel costs are shortest paths on the graph (Dijkstra over non-negative arc costs, e.g.
// km on land with a hazard penalty; a graph built on land cells cannot cross the sea). The
// flow is then the transportation problem on (origin, shelter) pairs:
//   source → origin (its people) → shelter (path cost, unlimited) → sink (capacity),
// plus origin → "unassigned" at a cost above every path, so people who cannot be placed
// (capacity exhausted or no path) are reported per origin, never dropped. With integer costs
// (metres) NetworkSimplex returns an optimal integral plan: least total people × distance
// among the plans that place the most people.
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

struct Origin {
  int node = 0;
  long people = 0;  // ≥ 0
};

struct ShelterSite {
  int node = 0;
  long capacity = 0;  // ≥ 0
};

struct EvacuationPlan {
  std::vector<std::vector<long>> people;  // [origin][shelter] people sent
  std::vector<long> unassigned;           // [origin] people not placed
  std::vector<long> load;                 // [shelter] people received (≤ capacity)
  double cost = 0;                        // Σ people × path cost
};

// Shortest path costs from `from` to every node (+infinity where unreachable).
std::vector<double> shortest_costs(const TravelGraph& g, int from);

EvacuationPlan plan_evacuation(const TravelGraph& g, const std::vector<Origin>& origins,
                               const std::vector<ShelterSite>& shelters);

}  // namespace taifeng::warnings
