#include "taifeng/warnings/evacuation_plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "taifeng/core/error.hpp"
#include "taifeng/warnings/evacuation_flow.hpp"
#include "taifeng/warnings/travel_graph.hpp"

namespace taifeng::warnings {

namespace {

// Snap distance: 1.5 cell diagonals at the point's latitude.
double snap_km(const Grid& g, LonLat p) {
  return 1.5 * great_circle_km(p, {p.lon + g.dlon, p.lat + g.dlat});
}

struct OriginKey {
  int node, unit, priority;
  bool operator<(const OriginKey& o) const {
    return std::tie(node, unit, priority) < std::tie(o.node, o.unit, o.priority);
  }
};

struct LineSum {
  long people = 0;
  double km = 0, lon = 0, lat = 0;
  std::map<int, long> by_node;  // origin node → people, to pick the largest
};

}  // namespace

void check_evacuation_rules(const EvacuationRules& r) {
  const auto bad = [](const char* key, const char* expected) {
    throw_input_error("[evacuation] " + std::string(key), std::string("expected ") + expected);
  };
  if (!(r.inundation_probability > 0 && r.inundation_probability <= 1))
    bad("inundation_probability", "a probability in (0, 1]");
  if (r.signal_level < 1) bad("signal_level", "a signal level >= 1 (4 = red)");
  if (!(std::isfinite(r.coastal_km) && r.coastal_km >= 0)) bad("coastal_km", "km >= 0");
  if (!std::isfinite(r.low_elevation_m)) bad("low_elevation_m", "a finite elevation in m");
  if (!(std::isfinite(r.hazard_penalty) && r.hazard_penalty >= 0))
    bad("hazard_penalty", "a finite number >= 0");
  if (!(std::isfinite(r.max_travel_km) && r.max_travel_km > 0)) bad("max_travel_km", "km > 0");
}

EvacuationResult plan_unit_evacuation(
    const std::vector<PopulationCell>& cells, const std::vector<int>& unit_signal,
    const std::vector<double>& vulnerable_share, const std::vector<EvacShelter>& shelters,
    int n_units, const Grid& travel_grid, const std::vector<std::uint8_t>& land,
    const std::vector<double>& hazard, const EvacuationRules& rules) {
  check_evacuation_rules(rules);
  TAIFENG_CHECK(n_units >= 0 && unit_signal.size() == std::size_t(n_units),
                "evacuation: one signal per unit");
  TAIFENG_CHECK(vulnerable_share.empty() || vulnerable_share.size() == std::size_t(n_units),
                "evacuation: one vulnerable share per unit");
  for (const double s : vulnerable_share)
    TAIFENG_CHECK(s >= 0 && s <= 1, "evacuation: vulnerable share outside [0, 1]");
  for (const auto& c : cells)
    TAIFENG_CHECK(c.people >= 0 && c.unit >= 0 && c.unit < n_units && std::isfinite(c.pos.lon) &&
                      std::isfinite(c.pos.lat),
                  "evacuation: population point with bad people, unit or position");
  for (const auto& s : shelters)
    TAIFENG_CHECK(s.capacity >= 0 && std::isfinite(s.pos.lon) && std::isfinite(s.pos.lat),
                  "evacuation: shelter '" + s.id + "' with a bad capacity or position");

  const LandGraph lg = build_land_graph(travel_grid, land, hazard, rules.hazard_penalty);
  const std::vector<double> to_sea = distance_to_sea_km(travel_grid, land);

  EvacuationResult res;
  res.units.assign(std::size_t(n_units), {});
  res.moving.assign(cells.size(), 0);

  // Who moves, split by priority, aggregated per (node, unit, priority).
  std::map<OriginKey, long> gathered;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const PopulationCell& pc = cells[c];
    const bool inundated =
        !std::isnan(pc.p_inundation) && pc.p_inundation >= rules.inundation_probability;
    bool coastal_low = false;
    if (unit_signal[std::size_t(pc.unit)] >= rules.signal_level) {
      const auto ij = travel_grid.nearest(pc.pos.lon, pc.pos.lat);  // outside: not coastal
      const bool coastal =
          ij && to_sea[travel_grid.index(ij->first, ij->second)] <= rules.coastal_km;
      const bool low = std::isnan(pc.elevation_m) || pc.elevation_m <= rules.low_elevation_m;
      coastal_low = coastal && low;
    }
    if (!(inundated || coastal_low) || pc.people == 0) continue;
    res.moving[c] = pc.people;
    const double share = vulnerable_share.empty() ? 0.0 : vulnerable_share[std::size_t(pc.unit)];
    const long vuln = std::clamp(long(std::llround(double(pc.people) * share)), 0L, pc.people);
    UnitEvacuation& u = res.units[std::size_t(pc.unit)];
    u.to_evacuate += pc.people;
    u.vulnerable += vuln;
    const std::optional<int> node = nearest_node(lg, pc.pos, snap_km(travel_grid, pc.pos));
    if (!node) {
      u.unassigned += pc.people;
      u.unassigned_vulnerable += vuln;
      u.off_graph += pc.people;
      continue;
    }
    if (vuln > 0) gathered[{*node, pc.unit, 1}] += vuln;
    if (pc.people > vuln) gathered[{*node, pc.unit, 0}] += pc.people - vuln;
  }
  std::vector<OriginKey> origin;
  std::vector<long> people;
  std::vector<int> priority;
  for (const auto& [key, n] : gathered) {
    origin.push_back(key);
    people.push_back(n);
    priority.push_back(key.priority);
  }

  // Shelters on the graph; from each, the least-cost routes to the origins (the graph is
  // symmetric, so shelter → origin is the reverse of origin → shelter).
  const Adjacency adj = adjacency(lg.graph);
  std::vector<int> shelter_node(shelters.size(), -1);
  std::vector<long> capacity(shelters.size(), 0);
  res.shelter_usable.assign(shelters.size(), 0);
  for (std::size_t k = 0; k < shelters.size(); ++k) {
    const auto node = nearest_node(lg, shelters[k].pos, snap_km(travel_grid, shelters[k].pos));
    if (!node) continue;
    shelter_node[k] = *node;
    capacity[k] = shelters[k].capacity;
    res.shelter_usable[k] = 1;
  }
  // Any route of at most max_travel_km costs at most max_travel_km × (1 + penalty).
  const double cost_limit = rules.max_travel_km * (1.0 + rules.hazard_penalty) * (1 + 1e-9);
  const auto route_km = [&](const PathTree& t) {  // km along the tree, per node
    std::vector<double> km(t.cost.size(), std::numeric_limits<double>::infinity());
    km[std::size_t(t.root)] = 0;
    for (const int n : t.order)
      if (n != t.root) {
        const int a = t.via[std::size_t(n)];
        km[std::size_t(n)] =
            km[std::size_t(lg.graph.arcs[std::size_t(a)].from)] + lg.arc_km[std::size_t(a)];
      }
    return km;
  };
  std::vector<TransportArc> arcs;
  std::vector<double> arc_km;
  for (std::size_t k = 0; k < shelters.size(); ++k) {
    if (shelter_node[k] < 0 || origin.empty()) continue;
    const PathTree t = shortest_path_tree(lg.graph, adj, shelter_node[k], cost_limit);
    const std::vector<double> km = route_km(t);
    for (std::size_t i = 0; i < origin.size(); ++i) {
      const std::size_t n = std::size_t(origin[i].node);
      if (std::isfinite(t.cost[n]) && km[n] <= rules.max_travel_km) {
        arcs.push_back({int(i), int(k), t.cost[n]});
        arc_km.push_back(km[n]);
      }
    }
  }
  const TransportPlan plan = solve_transport(people, priority, capacity, arcs);

  // Per unit, per shelter, per (unit, shelter) line.
  res.shelter_load = plan.load;
  for (std::size_t i = 0; i < origin.size(); ++i) {
    UnitEvacuation& u = res.units[std::size_t(origin[i].unit)];
    u.unassigned += plan.unassigned[i];
    if (origin[i].priority > 0) u.unassigned_vulnerable += plan.unassigned[i];
  }
  std::map<std::pair<int, int>, LineSum> lines;
  auto unit_shelters = std::vector<std::map<int, long>>(std::size_t(n_units));
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    const long f = plan.flow[a];
    if (f == 0) continue;
    const OriginKey& o = origin[std::size_t(arcs[a].origin)];
    UnitEvacuation& u = res.units[std::size_t(o.unit)];
    u.assigned += f;
    u.mean_km += double(f) * arc_km[a];
    unit_shelters[std::size_t(o.unit)][arcs[a].shelter] += f;
    LineSum& s = lines[{o.unit, arcs[a].shelter}];
    const LonLat p = lg.position(o.node);
    s.people += f;
    s.km += double(f) * arc_km[a];
    s.lon += double(f) * p.lon;
    s.lat += double(f) * p.lat;
    s.by_node[o.node] += f;
  }
  for (std::size_t u = 0; u < res.units.size(); ++u) {
    UnitEvacuation& ue = res.units[u];
    res.total_person_km += ue.mean_km;
    ue.mean_km = ue.assigned > 0 ? ue.mean_km / double(ue.assigned) : 0.0;
    ue.to_shelters.assign(unit_shelters[u].begin(), unit_shelters[u].end());
    res.total_to_evacuate += ue.to_evacuate;
    res.total_assigned += ue.assigned;
    res.total_unassigned += ue.unassigned;
  }
  // Routes for drawing: one search per shelter that receives anyone.
  std::map<int, PathTree> trees;
  for (const auto& [key, s] : lines) {
    const int k = key.second;
    if (!trees.count(k))
      trees.emplace(k, shortest_path_tree(lg.graph, adj, shelter_node[std::size_t(k)], cost_limit));
    int largest = s.by_node.begin()->first;
    for (const auto& [node, n] : s.by_node)
      if (n > s.by_node.at(largest)) largest = node;
    EvacuationFlowLine line;
    line.unit = key.first;
    line.shelter = k;
    line.people = s.people;
    line.km = s.km / double(s.people);
    line.from = {s.lon / double(s.people), s.lat / double(s.people)};
    line.to = shelters[std::size_t(k)].pos;
    std::vector<int> route = tree_path(lg.graph, trees.at(k), largest);  // shelter → origin
    for (auto it = route.rbegin(); it != route.rend(); ++it) line.path.push_back(lg.position(*it));
    res.flows.push_back(std::move(line));
  }
  return res;
}

}  // namespace taifeng::warnings
