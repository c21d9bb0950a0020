#include "taifeng/warnings/evacuation_flow.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <utility>

#include "taifeng/core/error.hpp"

namespace taifeng::warnings {

Adjacency adjacency(const TravelGraph& g) {
  TAIFENG_CHECK(g.nodes >= 0, "travel graph: negative node count");
  Adjacency adj;
  adj.first.assign(std::size_t(g.nodes) + 1, 0);
  for (const auto& a : g.arcs) {
    TAIFENG_CHECK(a.from >= 0 && a.from < g.nodes && a.to >= 0 && a.to < g.nodes && a.cost >= 0,
                  "travel graph: arc with a bad node or a negative cost");
    ++adj.first[std::size_t(a.from) + 1];
  }
  for (std::size_t n = 0; n < std::size_t(g.nodes); ++n) adj.first[n + 1] += adj.first[n];
  adj.arcs.resize(g.arcs.size());
  std::vector<std::size_t> next(adj.first.begin(), adj.first.end() - 1);
  for (std::size_t a = 0; a < g.arcs.size(); ++a)
    adj.arcs[next[std::size_t(g.arcs[a].from)]++] = int(a);
  return adj;
}

PathTree shortest_path_tree(const TravelGraph& g, const Adjacency& adj, int from, double max_cost) {
  TAIFENG_CHECK(from >= 0 && from < g.nodes, "shortest path: node out of range");
  TAIFENG_CHECK(adj.first.size() == std::size_t(g.nodes) + 1, "shortest path: stale adjacency");
  PathTree t;
  t.root = from;
  t.cost.assign(std::size_t(g.nodes), std::numeric_limits<double>::infinity());
  t.via.assign(std::size_t(g.nodes), -1);
  // (cost, node) pairs: ties pop in node order, so the tree is deterministic.
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  t.cost[std::size_t(from)] = 0;
  q.emplace(0.0, from);
  while (!q.empty()) {
    const auto [du, u] = q.top();
    q.pop();
    if (du > t.cost[std::size_t(u)]) continue;
    t.order.push_back(u);
    for (std::size_t k = adj.first[std::size_t(u)]; k < adj.first[std::size_t(u) + 1]; ++k) {
      const int a = adj.arcs[k];
      const auto& arc = g.arcs[std::size_t(a)];
      const double dv = du + arc.cost;
      if (dv < t.cost[std::size_t(arc.to)] && dv <= max_cost) {
        t.cost[std::size_t(arc.to)] = dv;
        t.via[std::size_t(arc.to)] = a;
        q.emplace(dv, arc.to);
      }
    }
  }
  return t;
}

std::vector<int> tree_path(const TravelGraph& g, const PathTree& t, int to) {
  TAIFENG_CHECK(to >= 0 && std::size_t(to) < t.cost.size(), "tree path: node out of range");
  std::vector<int> path;
  if (!std::isfinite(t.cost[std::size_t(to)])) return path;
  for (int n = to; n != t.root; n = g.arcs[std::size_t(t.via[std::size_t(n)])].from)
    path.push_back(n);
  path.push_back(t.root);
  std::reverse(path.begin(), path.end());
  return path;
}

std::vector<double> shortest_costs(const TravelGraph& g, int from) {
  return shortest_path_tree(g, adjacency(g), from).cost;
}

TransportPlan solve_transport(const std::vector<long>& people, const std::vector<int>& priority,
                              const std::vector<long>& capacity,
                              const std::vector<TransportArc>& arcs) {
  const std::size_t no = people.size(), ns = capacity.size();
  TAIFENG_CHECK(priority.size() == no, "transport: one priority per origin");
  for (const long p : people) TAIFENG_CHECK(p >= 0, "transport: negative people");
  for (const long c : capacity) TAIFENG_CHECK(c >= 0, "transport: negative capacity");
  // Path costs in whole thousandths (km → m), so every stage is integral.
  std::vector<long long> arc_cost(arcs.size());
  std::vector<double> max_cost(no, 0.0);
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    const auto& t = arcs[a];
    TAIFENG_CHECK(t.origin >= 0 && std::size_t(t.origin) < no && t.shelter >= 0 &&
                      std::size_t(t.shelter) < ns,
                  "transport: arc with a bad origin or shelter");
    TAIFENG_CHECK(std::isfinite(t.cost) && t.cost >= 0 && t.cost < 1e12,
                  "transport: arc cost must be finite, >= 0 and < 1e12");
    arc_cost[a] = std::llround(t.cost * 1000.0);
    max_cost[std::size_t(t.origin)] = std::max(max_cost[std::size_t(t.origin)], t.cost * 1000.0);
  }
  // Bound of the last stage's objective (and of the flows): must fit 64 bits with room.
  double worst = 0, total_people = 0;
  for (std::size_t i = 0; i < no; ++i) {
    worst += double(people[i]) * (max_cost[i] + 1.0);
    total_people += double(people[i]);
  }
  TAIFENG_CHECK(worst < 1e18 && total_people < 1e15, "transport: people × cost overflows 64 bits");

  // Priority levels, highest first.
  std::vector<int> levels(priority.begin(), priority.end());
  std::sort(levels.begin(), levels.end(), std::greater<>());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  std::vector<std::size_t> level_of(no);
  std::vector<long long> level_people(levels.size(), 0);
  for (std::size_t i = 0; i < no; ++i) {
    level_of[i] =
        std::size_t(std::find(levels.begin(), levels.end(), priority[i]) - levels.begin());
    level_people[level_of[i]] += people[i];
  }

  using Digraph = lemon::SmartDigraph;
  using Arc = Digraph::Arc;
  Digraph net;
  const auto source = net.addNode(), sink = net.addNode();
  std::vector<Digraph::Node> on(no), sn(ns), un(levels.size());
  for (auto& n : on) n = net.addNode();
  for (auto& n : sn) n = net.addNode();
  for (auto& n : un) n = net.addNode();
  std::vector<Arc> from_source(no), to_unplaced(no), to_sink(ns), unplaced_out(levels.size());
  std::vector<Arc> pair(arcs.size());
  for (std::size_t i = 0; i < no; ++i) {
    from_source[i] = net.addArc(source, on[i]);
    to_unplaced[i] = net.addArc(on[i], un[level_of[i]]);
  }
  for (std::size_t a = 0; a < arcs.size(); ++a)
    pair[a] = net.addArc(on[std::size_t(arcs[a].origin)], sn[std::size_t(arcs[a].shelter)]);
  for (std::size_t k = 0; k < ns; ++k) to_sink[k] = net.addArc(sn[k], sink);
  for (std::size_t l = 0; l < levels.size(); ++l) unplaced_out[l] = net.addArc(un[l], sink);

  Digraph::ArcMap<long long> lower(net, 0), upper(net, 0), cost(net, 0);
  for (std::size_t i = 0; i < no; ++i) upper[to_unplaced[i]] = people[i];
  for (std::size_t a = 0; a < arcs.size(); ++a)
    upper[pair[a]] = people[std::size_t(arcs[a].origin)];
  for (std::size_t k = 0; k < ns; ++k) upper[to_sink[k]] = capacity[k];

  lemon::NetworkSimplex<Digraph, long long, long long> solver(net);
  std::vector<long long> fixed_unplaced(levels.size(), 0);
  // Stages 0 .. L-1 place the most people of level l (levels above held at their counts,
  // levels below absent); stage L minimises the path cost with every count held.
  for (std::size_t stage = 0; stage <= levels.size(); ++stage) {
    long long supply = 0;
    for (std::size_t i = 0; i < no; ++i) {
      const bool present = level_of[i] <= stage;
      upper[from_source[i]] = present ? people[i] : 0;
      lower[from_source[i]] = upper[from_source[i]];
      if (present) supply += people[i];
    }
    for (std::size_t l = 0; l < levels.size(); ++l) {
      if (l < stage) {
        lower[unplaced_out[l]] = upper[unplaced_out[l]] = fixed_unplaced[l];
      } else {
        lower[unplaced_out[l]] = 0;
        upper[unplaced_out[l]] = l == stage ? level_people[l] : 0;
      }
      cost[unplaced_out[l]] = l == stage ? 1 : 0;
    }
    const bool last = stage == levels.size();
    for (std::size_t a = 0; a < arcs.size(); ++a) cost[pair[a]] = last ? arc_cost[a] : 0;
    solver.lowerMap(lower).upperMap(upper).costMap(cost).stSupply(source, sink, supply);
    const auto status = solver.run();
    TAIFENG_CHECK(status == decltype(solver)::OPTIMAL, "evacuation flow: no optimal solution");
    if (!last) fixed_unplaced[stage] = solver.flow(unplaced_out[stage]);
  }

  TransportPlan plan;
  plan.flow.assign(arcs.size(), 0);
  plan.unassigned.assign(no, 0);
  plan.load.assign(ns, 0);
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    const long f = long(solver.flow(pair[a]));
    plan.flow[a] = f;
    plan.load[std::size_t(arcs[a].shelter)] += f;
    plan.cost += double(f) * arcs[a].cost;
  }
  for (std::size_t i = 0; i < no; ++i) plan.unassigned[i] = long(solver.flow(to_unplaced[i]));
  return plan;
}

EvacuationPlan plan_evacuation(const TravelGraph& g, const std::vector<Origin>& origins,
                               const std::vector<ShelterSite>& shelters) {
  for (const auto& o : origins)
    TAIFENG_CHECK(o.people >= 0 && o.node >= 0 && o.node < g.nodes, "origin: bad node or people");
  for (const auto& s : shelters)
    TAIFENG_CHECK(s.capacity >= 0 && s.node >= 0 && s.node < g.nodes,
                  "shelter: bad node or capacity");
  const Adjacency adj = adjacency(g);
  std::vector<long> people, capacity;
  std::vector<int> priority;
  std::vector<TransportArc> arcs;
  for (std::size_t i = 0; i < origins.size(); ++i) {
    people.push_back(origins[i].people);
    priority.push_back(origins[i].priority);
    const std::vector<double> d = shortest_path_tree(g, adj, origins[i].node).cost;
    for (std::size_t k = 0; k < shelters.size(); ++k) {
      const double c = d[std::size_t(shelters[k].node)];
      if (std::isfinite(c)) arcs.push_back({int(i), int(k), c});  // no path: no arc
    }
  }
  for (const auto& s : shelters) capacity.push_back(s.capacity);
  const TransportPlan t = solve_transport(people, priority, capacity, arcs);

  EvacuationPlan plan;
  plan.people.assign(origins.size(), std::vector<long>(shelters.size(), 0));
  for (std::size_t a = 0; a < arcs.size(); ++a)
    plan.people[std::size_t(arcs[a].origin)][std::size_t(arcs[a].shelter)] = t.flow[a];
  plan.unassigned = t.unassigned;
  plan.load = t.load;
  plan.cost = t.cost;
  return plan;
}

}  // namespace taifeng::warnings
