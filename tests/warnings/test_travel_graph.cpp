// The land travel graph (warnings/travel_graph.hpp): routes stay on land and never cut a
// corner between two sea cells; route lengths match great-circle distances within the grid
// discretisation; the hazard penalty diverts a route when the detour is cheaper (against
// hand-computed costs); distance to the sea; nearest land node against a brute force.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "taifeng/warnings/travel_graph.hpp"

using namespace taifeng;
using namespace taifeng::warnings;

namespace {

double route_cost(const LandGraph& lg, std::size_t from_cell, std::size_t to_cell) {
  const int a = lg.node_of_cell[from_cell], b = lg.node_of_cell[to_cell];
  REQUIRE(a >= 0);
  REQUIRE(b >= 0);
  return shortest_costs(lg.graph, a)[std::size_t(b)];
}

LonLat centre(const Grid& g, std::size_t i, std::size_t j) {
  return {g.lon(i), g.lat(j)};
}

}  // namespace

TEST_CASE("land graph: nodes are the land cells, arcs go both ways", "[warnings][evacuation]") {
  const Grid g = Grid::from_box(110.0, 110.05, 20.0, 20.04, 0.01);  // 6 x 5
  std::mt19937 rng(7);
  std::vector<std::uint8_t> land(g.size());
  for (auto& l : land) l = rng() % 3 != 0;
  std::vector<double> hazard(g.size());
  for (auto& h : hazard) h = double(rng() % 5) / 4.0;
  const LandGraph lg = build_land_graph(g, land, hazard, 3.0);
  long n_land = 0;
  for (std::size_t c = 0; c < g.size(); ++c) {
    CHECK((lg.node_of_cell[c] >= 0) == (land[c] != 0));
    if (land[c]) {
      CHECK(lg.cell_of_node[std::size_t(lg.node_of_cell[c])] == c);
      ++n_land;
    }
  }
  CHECK(lg.graph.nodes == n_land);
  REQUIRE(lg.arc_km.size() == lg.graph.arcs.size());
  for (std::size_t a = 0; a < lg.graph.arcs.size(); ++a) {
    const auto& arc = lg.graph.arcs[a];
    const double km = great_circle_km(lg.position(arc.from), lg.position(arc.to));
    CHECK(lg.arc_km[a] == Approx(km).epsilon(1e-12));
    const double mean_h = 0.5 * (hazard[lg.cell_of_node[std::size_t(arc.from)]] +
                                 hazard[lg.cell_of_node[std::size_t(arc.to)]]);
    CHECK(arc.cost == Approx(km * (1 + 3.0 * mean_h)).epsilon(1e-12));
    int reverse = 0;
    for (const auto& b : lg.graph.arcs)
      if (b.from == arc.to && b.to == arc.from && b.cost == arc.cost) ++reverse;
    CHECK(reverse == 1);
  }
}

TEST_CASE("land graph: no corner crossing between two sea cells", "[warnings][evacuation]") {
  // 2 x 2 cells: land at (0,0) and (1,1), sea at (1,0) and (0,1): a one-cell strait.
  const Grid g = Grid::from_box(110.0, 110.01, 20.0, 20.01, 0.01);
  std::vector<std::uint8_t> land{1, 0, 0, 1};
  LandGraph lg = build_land_graph(g, land, {}, 0.0);
  CHECK(lg.graph.nodes == 2);
  CHECK(lg.graph.arcs.empty());
  CHECK(std::isinf(route_cost(lg, 0, 3)));
  // With (1,0) land the diagonal is allowed (and so are the two orthogonal moves).
  land[1] = 1;
  lg = build_land_graph(g, land, {}, 0.0);
  CHECK(lg.graph.arcs.size() == 6);
  CHECK(route_cost(lg, 0, 3) == Approx(great_circle_km(centre(g, 0, 0), centre(g, 1, 1))));
}

TEST_CASE("land graph: route length on a straight land strip is the great-circle distance",
          "[warnings][evacuation]") {
  const Grid g = Grid::from_box(110.0, 111.0, 20.0, 21.0, 0.01);  // 101 x 101, ~1 km cells
  const auto strip = [&](auto is_land) {
    std::vector<std::uint8_t> land(g.size(), 0);
    for (std::size_t j = 0; j < g.nlat; ++j)
      for (std::size_t i = 0; i < g.nlon; ++i) land[g.index(i, j)] = is_land(i, j);
    return build_land_graph(g, land, {}, 0.0);
  };
  // Along a meridian the steps add up exactly.
  {
    const LandGraph lg = strip([](std::size_t i, std::size_t) { return i == 40; });
    CHECK(route_cost(lg, g.index(40, 0), g.index(40, 100)) ==
          Approx(great_circle_km(centre(g, 40, 0), centre(g, 40, 100))).epsilon(1e-9));
  }
  // Along a parallel the route follows the parallel, longer than the great circle by
  // about (Δλ sinφ cosφ)² / 24 relative (1.6e-6 here); tolerance 1e-5.
  {
    const LandGraph lg = strip([](std::size_t, std::size_t j) { return j == 50; });
    CHECK(route_cost(lg, g.index(0, 50), g.index(100, 50)) ==
          Approx(great_circle_km(centre(g, 0, 50), centre(g, 100, 50))).epsilon(1e-5));
  }
  // Along the grid diagonal (a strip two cells wide, so diagonal moves are allowed) the
  // route is a near-rhumb line, 3.7e-6 longer than the great circle over 150 km; tolerance 2e-5.
  {
    const LandGraph lg = strip([](std::size_t i, std::size_t j) { return i == j || i == j + 1; });
    CHECK(route_cost(lg, g.index(0, 0), g.index(100, 100)) ==
          Approx(great_circle_km(centre(g, 0, 0), centre(g, 100, 100))).epsilon(2e-5));
  }
  // Off the 8 grid directions an 8-neighbour route is longer than the straight line: never
  // shorter than the great circle (tolerance 1e-4), never longer than one explicit staircase
  // (41 diagonal moves, then 59 moves along the parallel), which is itself within 9% (the
  // octile bound cos θ + (√2 − 1) sin θ ≤ 1.0824 for square cells; these are 1.04 × 1.11 km).
  {
    const LandGraph lg = strip([](std::size_t, std::size_t) { return true; });
    const double gc = great_circle_km(centre(g, 0, 0), centre(g, 100, 41));
    double staircase = 0;
    for (std::size_t k = 0; k < 41; ++k)
      staircase += great_circle_km(centre(g, k, k), centre(g, k + 1, k + 1));
    for (std::size_t i = 41; i < 100; ++i)
      staircase += great_circle_km(centre(g, i, 41), centre(g, i + 1, 41));
    const double r = route_cost(lg, g.index(0, 0), g.index(100, 41));
    CHECK(r >= gc * (1 - 1e-4));
    CHECK(r <= staircase * (1 + 1e-12));
    CHECK(staircase <= gc * 1.09);
  }
}

TEST_CASE("land graph: the hazard penalty diverts a route around a hazardous band",
          "[warnings][evacuation]") {
  // 5 x 3 cells of land; hazard 1 at (2,0) and (2,1), the band's gap at (2,2). Route from
  // A = (0,0) to B = (4,0). Hand-computed candidates:
  //   straight along row 0: e01 + e12 (1 + p/2) + e23 (1 + p/2) + e34;
  //   detour through the gap: the diagonals (0,0)-(1,1)-(2,2)-(3,1)-(4,0), no hazard.
  // Every other route touches a hazard cell with two arcs, or reaches (2,2) with more or
  // longer moves, so the optimum is the cheaper of the two.
  const Grid g = Grid::from_box(110.0, 110.04, 20.0, 20.02, 0.01);
  const std::vector<std::uint8_t> land(g.size(), 1);
  std::vector<double> hazard(g.size(), 0.0);
  hazard[g.index(2, 0)] = hazard[g.index(2, 1)] = 1.0;
  const auto e = [&](std::size_t i0, std::size_t j0, std::size_t i1, std::size_t j1) {
    return great_circle_km(centre(g, i0, j0), centre(g, i1, j1));
  };
  const auto straight = [&](double p) {
    return e(0, 0, 1, 0) + e(1, 0, 2, 0) * (1 + p / 2) + e(2, 0, 3, 0) * (1 + p / 2) +
           e(3, 0, 4, 0);
  };
  const double detour = e(0, 0, 1, 1) + e(1, 1, 2, 2) + e(2, 2, 3, 1) + e(3, 1, 4, 0);
  const std::size_t a = g.index(0, 0), b = g.index(4, 0);
  const auto route = [&](double p) {
    const LandGraph lg = build_land_graph(g, land, hazard, p);
    const Adjacency adj = adjacency(lg.graph);
    const PathTree t = shortest_path_tree(lg.graph, adj, lg.node_of_cell[a]);
    return std::make_pair(t.cost[std::size_t(lg.node_of_cell[b])],
                          tree_path(lg.graph, t, lg.node_of_cell[b]));
  };
  // p = 4: straight ≈ 8 steps, detour ≈ 5.66 steps: the detour, avoiding the band.
  {
    REQUIRE(detour < straight(4.0));
    const auto [cost, path] = route(4.0);
    CHECK(cost == Approx(detour).epsilon(1e-12));
    const LandGraph lg = build_land_graph(g, land, hazard, 4.0);
    for (const int n : path) CHECK(hazard[lg.cell_of_node[std::size_t(n)]] == 0.0);
  }
  // p = 1: straight ≈ 5 steps, cheaper than the detour: through the band.
  {
    REQUIRE(straight(1.0) < detour);
    CHECK(route(1.0).first == Approx(straight(1.0)).epsilon(1e-12));
  }
  // p = 0: the plain 4 steps.
  CHECK(route(0.0).first == Approx(straight(0.0)).epsilon(1e-12));
}

TEST_CASE("distance to the sea along the grid", "[warnings][evacuation]") {
  // Sea in column 0, land elsewhere: a land cell is its great-circle distance along its row
  // from the sea (the parallel vs. the great circle: < 1e-6 relative over 0.3°).
  const Grid g = Grid::from_box(110.0, 110.3, 20.0, 20.1, 0.01);
  std::vector<std::uint8_t> land(g.size(), 1);
  for (std::size_t j = 0; j < g.nlat; ++j) land[g.index(0, j)] = 0;
  const std::vector<double> d = distance_to_sea_km(g, land);
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i)
      CHECK(d[g.index(i, j)] ==
            Approx(great_circle_km(centre(g, 0, j), centre(g, i, j))).epsilon(1e-6));
  const std::vector<double> none = distance_to_sea_km(g, std::vector<std::uint8_t>(g.size(), 1));
  for (const double x : none) CHECK(std::isinf(x));
}

TEST_CASE("nearest land node equals a brute-force search", "[warnings][evacuation]") {
  const Grid g = Grid::from_box(110.0, 110.3, 19.0, 19.2, 0.01);
  std::mt19937 rng(99);
  std::vector<std::uint8_t> land(g.size());
  for (auto& l : land) l = rng() % 10 == 0;  // sparse land: the nearest is often far
  const LandGraph lg = build_land_graph(g, land, {}, 0.0);
  std::uniform_real_distribution<double> lon(109.9, 110.4), lat(18.9, 19.3), r(0.0, 8.0);
  for (int trial = 0; trial < 300; ++trial) {
    const LonLat p{lon(rng), lat(rng)};
    const double max_km = trial % 3 == 0 ? std::numeric_limits<double>::infinity() : r(rng);
    std::optional<int> best;
    double best_km = max_km;
    for (int n = 0; n < lg.graph.nodes; ++n) {
      const double km = great_circle_km(p, lg.position(n));
      if (km < best_km || (km == best_km && !best)) {
        best_km = km;
        best = n;
      }
    }
    INFO("trial " << trial << " max_km " << max_km);
    CHECK(nearest_node(lg, p, max_km) == best);
  }
}
