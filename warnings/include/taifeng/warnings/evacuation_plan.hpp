#pragma once
// Evacuation plan of a forecast: who must move, then who goes to which shelter. Plain
// kernel, no I/O (the caller reads the rules from [evacuation] and writes the result).
//
// Who moves: a population point moves entirely when its probability of inundation reaches
// inundation_probability; in a unit whose wind signal reaches signal_level, the points that
// are coastal (their travel-grid cell within coastal_km of a sea cell) and low (elevation ≤
// low_elevation_m, unknown elevation counts as low) move as well. Each moving point's
// people split into vulnerable (round(people × unit's share), priority 1) and others
// (priority 0).
//
// Where to: people and shelters snap to the nearest land node of the travel graph (land
// cells only, so no route crosses the sea; cost = km × (1 + hazard_penalty × hazard)); a
// point farther than 1.5 cell diagonals from any land node cannot move by road and is
// reported unassigned (off_graph). Origins are aggregated per (node, unit, priority), and
// a shelter serves an origin only when the least-cost route between them is at most
// max_travel_km long. The min-cost flow (evacuation_flow.hpp) then places the most
// vulnerable people, then the most people, then the least Σ people × route cost, within
// capacities. For every unit, assigned + unassigned = to_evacuate: nobody is dropped.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/grid.hpp"

namespace taifeng::warnings {

struct EvacuationRules {
  double inundation_probability = 0.3;  // a point with P(inundation) ≥ this moves entirely
  int signal_level = 4;                 // units with a wind signal ≥ this (4 = red) move
  double coastal_km = 5;                //   their points within this distance of the sea
  double low_elevation_m = 10;          //   and at or below this elevation
  double hazard_penalty = 2;            // travel cost multiplier 1 + penalty × hazard
  double max_travel_km = 60;            // shelters farther by road are not used
};

struct PopulationCell {
  LonLat pos;
  long people = 0;
  int unit = 0;             // index into the per-unit vectors
  double elevation_m = 0;   // NaN = unknown
  double p_inundation = 0;  // NaN = no surge forecast
};

struct EvacShelter {
  std::string id;
  LonLat pos;
  long capacity = 0;
  int unit = -1;  // unit it lies in (informative; any unit may use it), -1 unknown
};

struct UnitEvacuation {
  long to_evacuate = 0, vulnerable = 0;  // people who must move, of whom vulnerable
  long assigned = 0, unassigned = 0;     // assigned + unassigned = to_evacuate
  long unassigned_vulnerable = 0;
  long off_graph = 0;  // part of unassigned: too far from any land node of the travel graph
  double mean_km = 0;  // people-weighted route km of the assigned
  std::vector<std::pair<int, long>> to_shelters;  // (shelter index, people), by shelter
};

// One line per (unit, shelter) with people > 0, for drawing.
struct EvacuationFlowLine {
  int unit = 0, shelter = 0;
  long people = 0;
  double km = 0;             // people-weighted mean route km
  LonLat from, to;           // flow-weighted centroid of the origin nodes; shelter position
  std::vector<LonLat> path;  // graph route from the pair's largest origin node to the shelter
};

struct EvacuationResult {
  std::vector<UnitEvacuation> units;
  std::vector<long> shelter_load;            // [shelter] people received (≤ capacity)
  std::vector<std::uint8_t> shelter_usable;  // [shelter] 0 = farther than the snap distance
  std::vector<long> moving;                  // [population cell] people who must move
  std::vector<EvacuationFlowLine> flows;     // by (unit, shelter)
  long total_to_evacuate = 0, total_assigned = 0, total_unassigned = 0;
  double total_person_km = 0;
};

// Throws an input error naming the [evacuation] key of a rule out of range.
void check_evacuation_rules(const EvacuationRules& rules);

// unit_signal[u] = wind signal level of unit u (0 none .. 4 red); vulnerable_share[u] in
// [0, 1] (empty: 0 everywhere); land / hazard per travel-grid cell (hazard in [0, 1], NaN
// or an empty vector = no hazard).
EvacuationResult plan_unit_evacuation(
    const std::vector<PopulationCell>& cells, const std::vector<int>& unit_signal,
    const std::vector<double>& vulnerable_share, const std::vector<EvacShelter>& shelters,
    int n_units, const Grid& travel_grid, const std::vector<std::uint8_t>& land,
    const std::vector<double>& hazard, const EvacuationRules& rules);

}  // namespace taifeng::warnings
