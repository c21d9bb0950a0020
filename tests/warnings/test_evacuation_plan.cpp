// The evacuation plan (warnings/evacuation_plan.hpp): who moves by the rules; no route
// crosses the sea; shelters beyond the travel limit are unused; the vulnerable are placed
// first; people are conserved on random instances; the optimum equals a brute force with
// priorities.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <random>

#include "evacuation_test_util.hpp"
#include "taifeng/warnings/evacuation_plan.hpp"
#include "taifeng/warnings/travel_graph.hpp"

using namespace taifeng;
using namespace taifeng::warnings;

namespace {

constexpr double no_value = std::numeric_limits<double>::quiet_NaN();  // NaN

std::vector<std::uint8_t> mask(const Grid& g, const std::function<bool(int, int)>& is_land) {
  std::vector<std::uint8_t> land(g.size());
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) land[g.index(i, j)] = is_land(int(i), int(j));
  return land;
}

LonLat at(const Grid& g, int i, int j) {
  return {g.lon(std::size_t(i)), g.lat(std::size_t(j))};
}

// Conservation and consistency of a result (any instance).
void check_consistent(const EvacuationResult& r, const std::vector<PopulationCell>& cells,
                      const std::vector<EvacShelter>& shelters, const Grid& g,
                      const std::vector<std::uint8_t>& land, const EvacuationRules& rules) {
  long to_ev = 0, assigned = 0, unassigned = 0;
  std::vector<long> moving_by_unit(r.units.size(), 0), load(shelters.size(), 0);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    CHECK((r.moving[c] == 0 || r.moving[c] == cells[c].people));
    moving_by_unit[std::size_t(cells[c].unit)] += r.moving[c];
  }
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    const UnitEvacuation& ue = r.units[u];
    INFO("unit " << u);
    CHECK(ue.assigned + ue.unassigned == ue.to_evacuate);  // nobody dropped
    CHECK(ue.to_evacuate == moving_by_unit[u]);
    CHECK(ue.unassigned_vulnerable <= ue.vulnerable);
    CHECK(ue.unassigned_vulnerable <= ue.unassigned);
    CHECK(ue.off_graph <= ue.unassigned);
    long sent = 0;
    for (const auto& [k, n] : ue.to_shelters) {
      CHECK(n > 0);
      sent += n;
      load[std::size_t(k)] += n;
    }
    CHECK(sent == ue.assigned);
    to_ev += ue.to_evacuate;
    assigned += ue.assigned;
    unassigned += ue.unassigned;
  }
  CHECK(r.total_to_evacuate == to_ev);
  CHECK(r.total_assigned == assigned);
  CHECK(r.total_unassigned == unassigned);
  for (std::size_t k = 0; k < shelters.size(); ++k) {
    CHECK(r.shelter_load[k] == load[k]);
    CHECK(r.shelter_load[k] <= shelters[k].capacity);
    if (!r.shelter_usable[k]) CHECK(r.shelter_load[k] == 0);
  }
  long flowed = 0;
  double person_km = 0;
  for (const auto& f : r.flows) {
    flowed += f.people;
    person_km += double(f.people) * f.km;
    CHECK(f.people > 0);
    CHECK(f.km <= rules.max_travel_km + 1e-9);
    const auto& ts = r.units[std::size_t(f.unit)].to_shelters;
    const auto it =
        std::find_if(ts.begin(), ts.end(), [&](auto& p) { return p.first == f.shelter; });
    REQUIRE(it != ts.end());
    CHECK(it->second == f.people);
    // The route: on land only, one grid move at a time, ending at the shelter's node.
    REQUIRE(!f.path.empty());
    for (std::size_t p = 0; p < f.path.size(); ++p) {
      const auto ij = g.nearest(f.path[p].lon, f.path[p].lat);
      REQUIRE(ij);
      CHECK(land[g.index(ij->first, ij->second)] != 0);
      if (p > 0) {
        CHECK(std::fabs(f.path[p].lon - f.path[p - 1].lon) <= g.dlon * 1.001);
        CHECK(std::fabs(f.path[p].lat - f.path[p - 1].lat) <= g.dlat * 1.001);
      }
    }
    CHECK(great_circle_km(f.path.back(), shelters[std::size_t(f.shelter)].pos) <=
          1.5 * great_circle_km(f.to, {f.to.lon + g.dlon, f.to.lat + g.dlat}));
  }
  CHECK(flowed == r.total_assigned);
  CHECK(person_km == Approx(r.total_person_km).epsilon(1e-9));
}

}  // namespace

TEST_CASE("evacuation plan: who moves", "[warnings][evacuation]") {
  // Sea in columns 0-1, land from column 2 (cells ~1.05 km wide); coastal_km 5.
  const Grid g = Grid::from_box(110.0, 110.3, 20.0, 20.1, 0.01);
  const auto land = mask(g, [](int i, int) { return i >= 2; });
  // Units: 0 red signal (4), 1 orange (3), 2 none.
  const std::vector<PopulationCell> cells{
      {at(g, 3, 2), 10, 0, 2.0, no_value},   // 0: red, coastal (2 cells from sea), low → moves
      {at(g, 20, 2), 11, 0, 2.0, no_value},  // 1: red, inland (18 cells, ~19 km) → stays
      {at(g, 3, 4), 12, 0, 50.0, no_value},  // 2: red, coastal, high → stays
      {at(g, 4, 4), 13, 0, no_value, no_value},  // 3: red, coastal, unknown elevation (low) → moves
      {at(g, 3, 6), 14, 1, 2.0, no_value},       // 4: orange, coastal, low → stays
      {at(g, 20, 6), 15, 1, 80.0, 0.5},          // 5: P(inundation) 0.5 ≥ 0.3 → moves
      {at(g, 21, 6), 16, 1, 2.0, 0.2},           // 6: P 0.2 → stays
      {at(g, 3, 8), 17, 2, 2.0, no_value},       // 7: no signal, coastal, low → stays
      {at(g, 22, 8), 18, 2, 2.0, 0.3},           // 8: P exactly at the threshold → moves
      {at(g, 5, 2), 19, 0, 10.0, 0.0},  // 9: red, 4 cells (~4.2 km) from sea, at 10 m → moves
      {at(g, 6, 2), 20, 0, 2.0, 0.0},   // 10: red, 5 cells (~5.2 km) → stays
  };
  const std::vector<EvacShelter> shelters{{"S", at(g, 15, 5), 1000, 1}};
  EvacuationRules rules;
  const auto r = plan_unit_evacuation(cells, {4, 3, 0}, {}, shelters, 3, g, land, {}, rules);
  const std::vector<long> expect{10, 0, 0, 13, 0, 15, 0, 0, 18, 19, 0};
  CHECK(r.moving == expect);
  CHECK(r.units[0].to_evacuate == 10 + 13 + 19);
  CHECK(r.units[1].to_evacuate == 15);
  CHECK(r.units[2].to_evacuate == 18);
  CHECK(r.total_assigned == 10 + 13 + 19 + 15 + 18);  // room for all
  check_consistent(r, cells, shelters, g, land, rules);
  // Raising the signal level to 5 leaves only the inundation rule.
  rules.signal_level = 5;
  const auto r5 = plan_unit_evacuation(cells, {4, 3, 0}, {}, shelters, 3, g, land, {}, rules);
  CHECK(r5.units[0].to_evacuate == 0);
  CHECK(r5.total_to_evacuate == 15 + 18);
}

TEST_CASE("evacuation plan: no route crosses the sea", "[warnings][evacuation]") {
  // Two islands split by a one-cell strait (column 10): people on the west island, a large
  // shelter on the east island ~2 km away across the water.
  const Grid g = Grid::from_box(110.0, 110.2, 20.0, 20.1, 0.01);
  const auto land = mask(g, [](int i, int j) { return i != 10 && j >= 1 && j <= 9; });
  const std::vector<PopulationCell> cells{{at(g, 5, 5), 1000, 0, 1.0, 0.9},
                                          {at(g, 9, 6), 500, 1, 1.0, 0.9}};
  std::vector<EvacShelter> shelters{{"east", at(g, 11, 5), 5000, 0}};
  const EvacuationRules rules;
  auto r = plan_unit_evacuation(cells, {0, 0}, {}, shelters, 2, g, land, {}, rules);
  CHECK(r.total_to_evacuate == 1500);
  CHECK(r.total_unassigned == 1500);
  CHECK(r.shelter_load[0] == 0);
  CHECK(r.flows.empty());
  check_consistent(r, cells, shelters, g, land, rules);
  // A small shelter on the west island takes what it can; the east one stays unused.
  shelters.push_back({"west", at(g, 2, 5), 300, 0});
  r = plan_unit_evacuation(cells, {0, 0}, {}, shelters, 2, g, land, {}, rules);
  CHECK(r.shelter_load[0] == 0);
  CHECK(r.shelter_load[1] == 300);
  CHECK(r.total_unassigned == 1200);
  check_consistent(r, cells, shelters, g, land, rules);
}

TEST_CASE("evacuation plan: shelters beyond max_travel_km are not used, route km",
          "[warnings][evacuation]") {
  // A land strip along a parallel; people at column 0, a shelter at column 30 (~31 km).
  const Grid g = Grid::from_box(110.0, 110.4, 20.0, 20.02, 0.01);
  const auto land = mask(g, [](int, int) { return true; });
  const std::vector<PopulationCell> cells{{at(g, 0, 1), 70, 0, 1.0, 1.0}};
  const std::vector<EvacShelter> shelters{{"far", at(g, 30, 1), 100, 0}};
  EvacuationRules rules;
  rules.max_travel_km = 20;
  auto r = plan_unit_evacuation(cells, {0}, {}, shelters, 1, g, land, {}, rules);
  CHECK(r.units[0].unassigned == 70);
  CHECK(r.shelter_load[0] == 0);
  rules.max_travel_km = 40;
  r = plan_unit_evacuation(cells, {0}, {}, shelters, 1, g, land, {}, rules);
  CHECK(r.units[0].assigned == 70);
  // Along the parallel: the great-circle distance within 1e-5 (see the travel graph test).
  const double gc = great_circle_km(at(g, 0, 1), at(g, 30, 1));
  CHECK(r.units[0].mean_km == Approx(gc).epsilon(1e-5));
  REQUIRE(r.flows.size() == 1);
  CHECK(r.flows[0].km == Approx(gc).epsilon(1e-5));
  CHECK(r.flows[0].people == 70);
  CHECK(r.flows[0].from.lon == Approx(g.lon(0)));
  CHECK(r.flows[0].path.size() == 31);
  CHECK(r.total_person_km == Approx(70 * gc).epsilon(1e-5));
  check_consistent(r, cells, shelters, g, land, rules);
}

TEST_CASE("evacuation plan: the vulnerable are placed first when capacity is short",
          "[warnings][evacuation]") {
  const Grid g = Grid::from_box(110.0, 110.2, 20.0, 20.1, 0.01);
  const auto land = mask(g, [](int, int) { return true; });
  const std::vector<EvacShelter> shelters{{"S", at(g, 10, 5), 100, 0}};
  const EvacuationRules rules;
  // 180 people, share 4/9: 80 vulnerable + 100 others for 100 places.
  {
    const std::vector<PopulationCell> cells{{at(g, 4, 5), 180, 0, 1.0, 1.0}};
    const auto r = plan_unit_evacuation(cells, {0}, {4.0 / 9.0}, shelters, 1, g, land, {}, rules);
    CHECK(r.units[0].vulnerable == 80);
    CHECK(r.units[0].assigned == 100);
    CHECK(r.units[0].unassigned == 80);
    CHECK(r.units[0].unassigned_vulnerable == 0);
    check_consistent(r, cells, shelters, g, land, rules);
  }
  // Vulnerable far (unit 0, all vulnerable, 9 cells away), others near (unit 1, 1 cell
  // away): priority beats distance, 80 far vulnerable + 20 near others.
  {
    const std::vector<PopulationCell> cells{{at(g, 1, 5), 80, 0, 1.0, 1.0},
                                            {at(g, 11, 5), 100, 1, 1.0, 1.0}};
    const auto r = plan_unit_evacuation(cells, {0, 0}, {1.0, 0.0}, shelters, 2, g, land, {}, rules);
    CHECK(r.units[0].assigned == 80);
    CHECK(r.units[0].unassigned_vulnerable == 0);
    CHECK(r.units[1].assigned == 20);
    CHECK(r.units[1].unassigned == 80);
    check_consistent(r, cells, shelters, g, land, rules);
  }
}

TEST_CASE("evacuation plan: points far from any land node are reported off the graph",
          "[warnings][evacuation]") {
  const Grid g = Grid::from_box(110.0, 110.2, 20.0, 20.1, 0.01);
  const auto land = mask(g, [](int i, int) { return i >= 10; });
  const std::vector<PopulationCell> cells{
      {at(g, 2, 5), 40, 0, 1.0, 1.0},     // 8 cells out at sea
      {{109.0, 20.05}, 30, 0, 1.0, 1.0},  // outside the grid
      {at(g, 9, 5), 20, 0, 1.0, 1.0}};    // one cell off the coast: snaps
  const std::vector<EvacShelter> shelters{{"S", at(g, 15, 5), 1000, 0},
                                          {"offshore", at(g, 1, 1), 1000, 0}};
  const EvacuationRules rules;
  const auto r = plan_unit_evacuation(cells, {0}, {0.5}, shelters, 1, g, land, {}, rules);
  CHECK(r.units[0].to_evacuate == 90);
  CHECK(r.units[0].off_graph == 70);
  CHECK(r.units[0].unassigned == 70);
  CHECK(r.units[0].unassigned_vulnerable == 20 + 15);
  CHECK(r.units[0].assigned == 20);
  CHECK(r.shelter_usable == std::vector<std::uint8_t>{1, 0});
  check_consistent(r, cells, shelters, g, land, rules);
}

TEST_CASE("evacuation plan: conservation on random instances", "[warnings][evacuation]") {
  std::mt19937 rng(4242);
  const Grid g = Grid::from_box(110.0, 110.3, 20.0, 20.2, 0.01);
  long seen_assigned = 0, seen_unassigned = 0, seen_off_graph = 0, seen_vulnerable = 0;
  for (int trial = 0; trial < 25; ++trial) {
    INFO("trial " << trial);
    // Land with a random sea bay and a random lake, plus random single sea cells.
    const int bx = int(rng() % 20), by = int(rng() % 12), lx = int(rng() % 25),
              ly = int(rng() % 15);
    std::vector<std::uint8_t> land = mask(g, [&](int i, int j) {
      const bool bay = i >= bx && i < bx + 10 && j >= by && j < by + 8;
      const bool lake = i >= lx && i < lx + 4 && j >= ly && j < ly + 4;
      return i > 1 && !bay && !lake;
    });
    for (auto& l : land)
      if (rng() % 15 == 0) l = 0;
    std::vector<double> hazard(g.size());
    for (auto& h : hazard) h = rng() % 4 == 0 ? double(rng() % 101) / 100.0 : no_value;
    const int n_units = 4;
    std::uniform_real_distribution<double> lon(109.99, 110.31), lat(19.99, 20.21), u01(0, 1);
    std::vector<PopulationCell> cells;
    for (int c = 0; c < 60; ++c)
      cells.push_back({{lon(rng), lat(rng)},
                       long(rng() % 500),
                       int(rng() % n_units),
                       u01(rng) * 20,
                       rng() % 3 == 0 ? no_value : u01(rng)});
    std::vector<EvacShelter> shelters;
    for (int k = 0; k < 6; ++k)
      shelters.push_back({"S" + std::to_string(k), {lon(rng), lat(rng)}, long(rng() % 3000), -1});
    std::vector<int> signal;
    std::vector<double> share;
    for (int u = 0; u < n_units; ++u) {
      signal.push_back(int(rng() % 5));
      share.push_back(u01(rng) * 0.4);
    }
    EvacuationRules rules;
    rules.max_travel_km = 5 + u01(rng) * 30;
    const auto r =
        plan_unit_evacuation(cells, signal, share, shelters, n_units, g, land, hazard, rules);
    check_consistent(r, cells, shelters, g, land, rules);
    // Determinism: the same input gives the same plan.
    const auto again =
        plan_unit_evacuation(cells, signal, share, shelters, n_units, g, land, hazard, rules);
    CHECK(again.shelter_load == r.shelter_load);
    CHECK(again.total_person_km == r.total_person_km);
    seen_assigned += r.total_assigned;
    seen_unassigned += r.total_unassigned;
    for (const auto& u : r.units) {
      seen_off_graph += u.off_graph;
      seen_vulnerable += u.vulnerable - u.unassigned_vulnerable;
    }
  }
  // The instances exercise every case.
  CHECK(seen_assigned > 0);
  CHECK(seen_unassigned > seen_off_graph);
  CHECK(seen_off_graph > 0);
  CHECK(seen_vulnerable > 0);
}

TEST_CASE("evacuation plan equals a brute-force optimum with priorities",
          "[warnings][evacuation]") {
  // Small instances on an island with a bay and no hazard (route cost = route km): the
  // people placed per priority (vulnerable first) and the person-km equal the brute force
  // over every split of every point's vulnerable and other people.
  std::mt19937 rng(777);
  const Grid g = Grid::from_box(110.0, 110.1, 20.0, 20.06, 0.01);
  const auto land = mask(g, [](int i, int j) { return !(i >= 3 && i <= 7 && j <= 3); });
  const LandGraph lg = build_land_graph(g, land, {}, 0.0);
  int short_of_room = 0, vulnerable_short = 0;
  for (int trial = 0; trial < 40; ++trial) {
    INFO("trial " << trial);
    std::vector<PopulationCell> cells;
    for (int c = 0; c < 3; ++c) {
      int i, j;
      do {
        i = int(rng() % g.nlon);
        j = int(rng() % g.nlat);
      } while (!land[g.index(std::size_t(i), std::size_t(j))]);
      cells.push_back({at(g, i, j), long(rng() % 5), c % 2, 1.0, 1.0});
    }
    std::vector<EvacShelter> shelters;
    for (int k = 0; k < 2; ++k) {
      int i, j;
      do {
        i = int(rng() % g.nlon);
        j = int(rng() % g.nlat);
      } while (!land[g.index(std::size_t(i), std::size_t(j))]);
      shelters.push_back({"S", at(g, i, j), long(rng() % 6), 0});
    }
    const std::vector<double> share{0.5, 0.25};
    EvacuationRules rules;
    rules.max_travel_km = 3 + double(rng() % 10);
    const auto r = plan_unit_evacuation(cells, {0, 0}, share, shelters, 2, g, land, {}, rules);
    check_consistent(r, cells, shelters, g, land, rules);

    // Independent brute force: one origin per (point, priority).
    std::vector<std::vector<double>> cost;
    std::vector<long> people;
    std::vector<int> priority;
    for (const auto& c : cells) {
      const auto ij = g.nearest(c.pos.lon, c.pos.lat);  // a land cell centre: its own node
      const int node = lg.node_of_cell[g.index(ij->first, ij->second)];
      const auto d = shortest_costs(lg.graph, node);
      std::vector<double> row;
      for (const auto& s : shelters) {
        const auto sij = g.nearest(s.pos.lon, s.pos.lat);
        const double km = d[std::size_t(lg.node_of_cell[g.index(sij->first, sij->second)])];
        row.push_back(km <= rules.max_travel_km ? km : std::numeric_limits<double>::infinity());
      }
      const long v = std::lround(double(c.people) * share[std::size_t(c.unit)]);
      cost.push_back(row);
      people.push_back(v);
      priority.push_back(1);
      cost.push_back(row);
      people.push_back(c.people - v);
      priority.push_back(0);
    }
    std::vector<long> capacity;
    for (const auto& s : shelters) capacity.push_back(s.capacity);
    const auto bf = evacuation_test::brute_force(cost, people, priority, capacity, {1, 0});
    long placed_v = 0, vuln = 0;
    for (const auto& u : r.units) {
      placed_v += u.vulnerable - u.unassigned_vulnerable;
      vuln += u.vulnerable;
    }
    CHECK(placed_v == bf.placed[0]);
    CHECK(r.total_assigned - placed_v == bf.placed[1]);
    CHECK(r.total_person_km == Approx(bf.cost).epsilon(1e-9).margin(1e-9));
    if (r.total_unassigned > 0 && r.total_assigned > 0) ++short_of_room;
    if (placed_v < vuln) ++vulnerable_short;
  }
  CHECK(short_of_room >= 5);  // the instances do test the placement order
  CHECK(vulnerable_short >= 1);
}
