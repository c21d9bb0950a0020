#include "taifeng/warnings/evacuation_flow.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <cmath>
#include <queue>
#include <utility>

#include "taifeng/core/error.hpp"

namespace taifeng::warnings {

std::vector<double> shortest_costs(const TravelGraph& g, int from) {
  TAIFENG_CHECK(from >= 0 && from < g.nodes, "shortest_costs: node out of range");
  std::vector<std::vector<std::pair<int, double>>> adj(std::size_t(g.nodes));
  for (const auto& a : g.arcs) {
    TAIFENG_CHECK(a.from >= 0 && a.from < g.nodes && a.to >= 0 && a.to < g.nodes && a.cost >= 0,
                  "travel graph: arc with a bad node or a negative cost");
    adj[std::size_t(a.from)].emplace_back(a.to, a.cost);
  }
  std::vector<double> d(std::size_t(g.nodes), std::numeric_limits<double>::infinity());
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  d[std::size_t(from)] = 0;
  q.emplace(0.0, from);
  while (!q.empty()) {
    const auto [du, u] = q.top();
    q.pop();
    if (du > d[std::size_t(u)]) continue;
    for (const auto& [v, c] : adj[std::size_t(u)])
      if (du + c < d[std::size_t(v)]) {
        d[std::size_t(v)] = du + c;
        q.emplace(d[std::size_t(v)], v);
      }
  }
  return d;
}

EvacuationPlan plan_evacuation(const TravelGraph& g, const std::vector<Origin>& origins,
                               const std::vector<ShelterSite>& shelters) {
  for (const auto& o : origins)
    TAIFENG_CHECK(o.people >= 0 && o.node >= 0 && o.node < g.nodes, "origin: bad node or people");
  for (const auto& s : shelters)
    TAIFENG_CHECK(s.capacity >= 0 && s.node >= 0 && s.node < g.nodes,
                  "shelter: bad node or capacity");
  const std::size_t no = origins.size(), ns = shelters.size();
  // Path costs in whole metres (cost units × 1000), so the flow problem is integral.
  std::vector<std::vector<long long>> cost(no, std::vector<long long>(ns, -1));
  long long max_cost = 0;
  for (std::size_t i = 0; i < no; ++i) {
    const std::vector<double> d = shortest_costs(g, origins[i].node);
    for (std::size_t k = 0; k < ns; ++k) {
      const double c = d[std::size_t(shelters[k].node)];
      if (std::isfinite(c)) {
        cost[i][k] = std::llround(c * 1000.0);
        max_cost = std::max(max_cost, cost[i][k]);
      }
    }
  }
  lemon::SmartDigraph net;
  using Arc = lemon::SmartDigraph::Arc;
  const auto source = net.addNode(), sink = net.addNode(), unplaced = net.addNode();
  std::vector<lemon::SmartDigraph::Node> on, sn;
  for (std::size_t i = 0; i < no; ++i) on.push_back(net.addNode());
  for (std::size_t k = 0; k < ns; ++k) sn.push_back(net.addNode());
  lemon::SmartDigraph::ArcMap<long long> cap(net), unit_cost(net);
  long long total = 0;
  for (const auto& o : origins) total += o.people;
  std::vector<std::vector<Arc>> od(no);
  std::vector<Arc> to_unplaced(no);
  for (std::size_t i = 0; i < no; ++i) {
    const Arc a = net.addArc(source, on[i]);
    cap[a] = origins[i].people;
    unit_cost[a] = 0;
    for (std::size_t k = 0; k < ns; ++k) {
      if (cost[i][k] < 0) continue;  // no path: this pair gets no arc
      const Arc b = net.addArc(on[i], sn[k]);
      cap[b] = total;
      unit_cost[b] = cost[i][k];
      od[i].push_back(b);
    }
    // Above any path cost: placing someone always beats leaving them unplaced.
    to_unplaced[i] = net.addArc(on[i], unplaced);
    cap[to_unplaced[i]] = origins[i].people;
    unit_cost[to_unplaced[i]] = max_cost + 1;
  }
  for (std::size_t k = 0; k < ns; ++k) {
    const Arc a = net.addArc(sn[k], sink);
    cap[a] = shelters[k].capacity;
    unit_cost[a] = 0;
  }
  const Arc u = net.addArc(unplaced, sink);
  cap[u] = total;
  unit_cost[u] = 0;

  lemon::NetworkSimplex<lemon::SmartDigraph, long long, long long> ns_solver(net);
  ns_solver.upperMap(cap).costMap(unit_cost).stSupply(source, sink, total);
  const auto status = ns_solver.run();
  TAIFENG_CHECK(status == decltype(ns_solver)::OPTIMAL, "evacuation flow: no optimal solution");

  EvacuationPlan plan;
  plan.people.assign(no, std::vector<long>(ns, 0));
  plan.unassigned.assign(no, 0);
  plan.load.assign(ns, 0);
  for (std::size_t i = 0; i < no; ++i) {
    std::size_t n = 0;
    for (std::size_t k = 0; k < ns; ++k) {
      if (cost[i][k] < 0) continue;
      const long f = long(ns_solver.flow(od[i][n++]));
      plan.people[i][k] = f;
      plan.load[k] += f;
      plan.cost += double(f) * double(cost[i][k]) / 1000.0;
    }
    plan.unassigned[i] = long(ns_solver.flow(to_unplaced[i]));
  }
  return plan;
}

}  // namespace taifeng::warnings
