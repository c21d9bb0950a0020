// The evacuation min-cost flow (warnings/evacuation_flow.hpp) against a brute-force optimum
// on small instances; capacities are never exceeded, people are conserved (assigned +
// unassigned = to evacuate), unreachable shelters (across the sea) are never used.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <random>

#include "taifeng/warnings/evacuation_flow.hpp"

using namespace taifeng::warnings;

namespace {

// Brute force: every split of every origin's people over the shelters and "unassigned",
// keeping capacities; the best plan places the most people, then has the least cost.
std::pair<long, double> brute_force(const std::vector<std::vector<double>>& cost,
                                    const std::vector<long>& people,
                                    const std::vector<long>& capacity) {
  const std::size_t no = people.size(), ns = capacity.size();
  long best_placed = -1;
  double best_cost = std::numeric_limits<double>::infinity();
  std::vector<long> load(ns, 0);
  long placed = 0;
  double c = 0;
  std::function<void(std::size_t, std::size_t, long)> go = [&](std::size_t i, std::size_t k,
                                                               long left) {
    if (i == no) {
      if (placed > best_placed || (placed == best_placed && c < best_cost - 1e-9)) {
        best_placed = placed;
        best_cost = c;
      }
      return;
    }
    if (k == ns) {  // the rest of origin i stays unassigned
      go(i + 1, 0, i + 1 < no ? people[i + 1] : 0);
      return;
    }
    for (long n = 0; n <= left; ++n) {
      if (n > 0 && (!std::isfinite(cost[i][k]) || load[k] + n > capacity[k])) break;
      load[k] += n;
      placed += n;
      c += double(n) * (std::isfinite(cost[i][k]) ? cost[i][k] : 0.0);
      go(i, k + 1, left - n);
      load[k] -= n;
      placed -= n;
      c -= double(n) * (std::isfinite(cost[i][k]) ? cost[i][k] : 0.0);
    }
  };
  go(0, 0, people[0]);
  return {best_placed, best_cost};
}

}  // namespace

TEST_CASE("evacuation flow equals the brute-force optimum on small random instances",
          "[warnings][evacuation]") {
  std::mt19937 rng(20051);
  for (int trial = 0; trial < 60; ++trial) {
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
    std::vector<Origin> origins{{0, long(rng() % 5)}, {2, long(rng() % 5)}, {5, long(rng() % 3)}};
    std::vector<ShelterSite> shelters{{1, long(rng() % 5)}, {4, long(rng() % 6)}, {6, 1}};
    const EvacuationPlan plan = plan_evacuation(g, origins, shelters);

    std::vector<std::vector<double>> cost;
    std::vector<long> people, capacity;
    for (const auto& o : origins) {
      const auto d = shortest_costs(g, o.node);
      std::vector<double> row;
      for (const auto& s : shelters) row.push_back(d[std::size_t(s.node)]);
      cost.push_back(row);
      people.push_back(o.people);
    }
    for (const auto& s : shelters) capacity.push_back(s.capacity);
    const auto [bf_placed, bf_cost] = brute_force(cost, people, capacity);

    long placed = 0;
    for (std::size_t i = 0; i < origins.size(); ++i) {
      const long sent = std::accumulate(plan.people[i].begin(), plan.people[i].end(), 0L);
      CHECK(sent + plan.unassigned[i] == origins[i].people);  // nobody dropped
      placed += sent;
      for (std::size_t k = 0; k < shelters.size(); ++k)
        if (!std::isfinite(cost[i][k])) CHECK(plan.people[i][k] == 0);  // no path, no flow
    }
    for (std::size_t k = 0; k < shelters.size(); ++k) CHECK(plan.load[k] <= shelters[k].capacity);
    INFO("trial " << trial);
    CHECK(placed == bf_placed);
    CHECK(plan.cost == Approx(bf_cost).margin(1e-9));
  }
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
