// The evacuation min-cost flow (warnings/evacuation_flow.hpp) against a brute-force optimum
// on small instances, with priorities; capacities are never exceeded, people are conserved
// (assigned + unassigned = to evacuate), unreachable shelters (across the sea) are never used.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <random>

#include "evacuation_test_util.hpp"
#include "taifeng/warnings/evacuation_flow.hpp"

using namespace taifeng::warnings;
using evacuation_test::brute_force;
using evacuation_test::Score;

namespace {

// Checks the plan of (g, origins, shelters) against the brute force.
void check_against_brute_force(const TravelGraph& g, const std::vector<Origin>& origins,
                               const std::vector<ShelterSite>& shelters) {
  const EvacuationPlan plan = plan_evacuation(g, origins, shelters);
  std::vector<std::vector<double>> cost;
  std::vector<long> people, capacity;
  std::vector<int> priority, levels;
  for (const auto& o : origins) {
    const auto d = shortest_costs(g, o.node);
    std::vector<double> row;
    for (const auto& s : shelters) row.push_back(d[std::size_t(s.node)]);
    cost.push_back(row);
    people.push_back(o.people);
    priority.push_back(o.priority);
    levels.push_back(o.priority);
  }
  std::sort(levels.begin(), levels.end(), std::greater<>());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  for (const auto& s : shelters) capacity.push_back(s.capacity);
  const Score bf = brute_force(cost, people, priority, capacity, levels);

  std::vector<long> placed(levels.size(), 0);
  for (std::size_t i = 0; i < origins.size(); ++i) {
    const long sent = std::accumulate(plan.people[i].begin(), plan.people[i].end(), 0L);
    CHECK(sent + plan.unassigned[i] == origins[i].people);  // nobody dropped
    placed[std::size_t(std::find(levels.begin(), levels.end(), priority[i]) - levels.begin())] +=
        sent;
    for (std::size_t k = 0; k < shelters.size(); ++k)
      if (!std::isfinite(cost[i][k])) CHECK(plan.people[i][k] == 0);  // no path, no flow
  }
  for (std::size_t k = 0; k < shelters.size(); ++k) CHECK(plan.load[k] <= shelters[k].capacity);
  CHECK(placed == bf.placed);
  CHECK(plan.cost == Approx(bf.cost).margin(1e-9));
}

}  // namespace

TEST_CASE("evacuation flow equals the brute-force optimum on small random instances",
          "[warnings][evacuation]") {
  std::mt19937 rng(20051);
  for (int trial = 0; trial < 120; ++trial) {
    INFO("trial " << trial);
    // A random road graph of 7 nodes; nodes 5 and 6 form an island reached by no road.
    TravelGraph g;
    g.nodes = 7;
    std::uniform_real_distribution<double> km(1.0, 30.0);
    for (int a = 0; a < 5; ++a)
      for (int b = a + 1; b < 5; ++b)
        if (rng() % 2 == 0 || b == a + 1) {
          const double c = std::round(km(rng));
          g.arcs.push_back({a, b, c});
          g.arcs.push_back({b, a, c});
        }
    g.arcs.push_back({5, 6, 2.0});
    g.arcs.push_back({6, 5, 2.0});
    // Trials 0-59 all priority 0 (placement then cost); 60-119 random priorities 0..2.
    const auto prio = [&] { return trial < 60 ? 0 : int(rng() % 3); };
    std::vector<Origin> origins{
        {0, long(rng() % 5), prio()}, {2, long(rng() % 5), prio()}, {5, long(rng() % 3), prio()}};
    std::vector<ShelterSite> shelters{{1, long(rng() % 5)}, {4, long(rng() % 6)}, {6, 1}};
    check_against_brute_force(g, origins, shelters);
  }
}

TEST_CASE("evacuation flow places the most people even when that costs more (one-way roads)",
          "[warnings][evacuation]") {
  // Directed roads 0 → 2 (10 km), 1 → 2 (0 km), 1 → 3 (10 km); one person at 0 and at 1;
  // shelters 2 and 3 hold one each. Sending 1 to 2 places one person for 0 km; the optimum
  // places both (0 → 2, 1 → 3) for 20 km. A penalty of "max path cost + 1" per unplaced
  // person would prefer the first (0 + 11 < 20).
  TravelGraph g;
  g.nodes = 4;
  g.arcs = {{0, 2, 10.0}, {1, 2, 0.0}, {1, 3, 10.0}};
  const std::vector<Origin> origins{{0, 1}, {1, 1}};
  const std::vector<ShelterSite> shelters{{2, 1}, {3, 1}};
  const EvacuationPlan p = plan_evacuation(g, origins, shelters);
  CHECK(p.unassigned[0] + p.unassigned[1] == 0);
  CHECK(p.people[0][0] == 1);
  CHECK(p.people[1][1] == 1);
  CHECK(p.cost == Approx(20.0));
  check_against_brute_force(g, origins, shelters);
}

TEST_CASE("evacuation flow: higher priority first, however far", "[warnings][evacuation]") {
  // A line 0 - 1 - 2, 10 km apart; shelter at 0 (capacity 5). 4 priority-0 people at 0,
  // 3 priority-1 people at 2 (20 km away) and 2 priority-2 people at 1.
  TravelGraph g;
  g.nodes = 3;
  for (int a = 0; a < 2; ++a) {
    g.arcs.push_back({a, a + 1, 10.0});
    g.arcs.push_back({a + 1, a, 10.0});
  }
  const std::vector<Origin> origins{{0, 4, 0}, {2, 3, 1}, {1, 2, 2}};
  const EvacuationPlan p = plan_evacuation(g, origins, {{0, 5}});
  CHECK(p.people[2][0] == 2);  // priority 2, all
  CHECK(p.people[1][0] == 3);  // priority 1, all
  CHECK(p.people[0][0] == 0);  // priority 0 gets what is left: nothing
  CHECK(p.unassigned[0] == 4);
  CHECK(p.cost == Approx(2 * 10.0 + 3 * 20.0));
  check_against_brute_force(g, origins, {{0, 5}});
}

TEST_CASE("evacuation flow: the nearer shelter first, overflow to the next, the rest reported",
          "[warnings][evacuation]") {
  // A line of nodes 0 - 1 - 2 - 3, 10 km apart; 100 people at node 0; shelters at 1 (cap 30)
  // and 3 (cap 50): 30 go 10 km, 50 go 30 km, 20 stay unassigned.
  TravelGraph g;
  g.nodes = 4;
  for (int a = 0; a < 3; ++a) {
    g.arcs.push_back({a, a + 1, 10.0});
    g.arcs.push_back({a + 1, a, 10.0});
  }
  const EvacuationPlan p = plan_evacuation(g, {{0, 100}}, {{1, 30}, {3, 50}});
  CHECK(p.people[0][0] == 30);
  CHECK(p.people[0][1] == 50);
  CHECK(p.unassigned[0] == 20);
  CHECK(p.cost == Approx(30 * 10.0 + 50 * 30.0));
}

TEST_CASE("shortest path tree: routes, costs and the search limit", "[warnings][evacuation]") {
  // 0 -1- 1 -1- 2 and 0 -5- 2: the route 0 → 2 goes through 1 (cost 2).
  TravelGraph g;
  g.nodes = 4;
  g.arcs = {{0, 1, 1.0}, {1, 2, 1.0}, {0, 2, 5.0}, {2, 3, 4.0}};
  const Adjacency adj = adjacency(g);
  const PathTree t = shortest_path_tree(g, adj, 0);
  CHECK(t.cost == std::vector<double>{0.0, 1.0, 2.0, 6.0});
  CHECK(tree_path(g, t, 3) == std::vector<int>{0, 1, 2, 3});
  CHECK(t.order == std::vector<int>{0, 1, 2, 3});
  const PathTree limited = shortest_path_tree(g, adj, 0, 3.0);
  CHECK(std::isinf(limited.cost[3]));
  CHECK(tree_path(g, limited, 3).empty());
  CHECK(std::isinf(shortest_path_tree(g, adj, 3).cost[0]));  // one-way
}
