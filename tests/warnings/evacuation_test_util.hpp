#pragma once
// Shared by the evacuation tests: the brute-force optimum of a small transportation problem.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

namespace evacuation_test {

// The lexicographic objective: people placed per priority level (highest level first), to
// be maximised, then the cost, to be minimised.
struct Score {
  std::vector<long> placed;
  double cost = std::numeric_limits<double>::infinity();
};

// Brute force: every split of every origin's people over the shelters and "unassigned",
// keeping capacities; the best plan by the lexicographic objective. levels = the distinct
// priorities, highest first.
inline Score brute_force(const std::vector<std::vector<double>>& cost,
                         const std::vector<long>& people, const std::vector<int>& priority,
                         const std::vector<long>& capacity, const std::vector<int>& levels) {
  const std::size_t no = people.size(), ns = capacity.size();
  Score best;
  best.placed.assign(levels.size(), -1);
  Score cur;
  cur.placed.assign(levels.size(), 0);
  cur.cost = 0;
  const auto level = [&](std::size_t i) {
    return std::size_t(std::find(levels.begin(), levels.end(), priority[i]) - levels.begin());
  };
  std::vector<long> load(ns, 0);
  std::function<void(std::size_t, std::size_t, long)> go = [&](std::size_t i, std::size_t k,
                                                               long left) {
    if (i == no) {
      if (cur.placed > best.placed || (cur.placed == best.placed && cur.cost < best.cost - 1e-9))
        best = cur;
      return;
    }
    if (k == ns) {  // the rest of origin i stays unassigned
      go(i + 1, 0, i + 1 < no ? people[i + 1] : 0);
      return;
    }
    for (long n = 0; n <= left; ++n) {
      if (n > 0 && (!std::isfinite(cost[i][k]) || load[k] + n > capacity[k])) break;
      const double c = double(n) * (std::isfinite(cost[i][k]) ? cost[i][k] : 0.0);
      load[k] += n;
      cur.placed[level(i)] += n;
      cur.cost += c;
      go(i, k + 1, left - n);
      load[k] -= n;
      cur.placed[level(i)] -= n;
      cur.cost -= c;
    }
  };
  go(0, 0, no > 0 ? people[0] : 0);
  return best;
}

}  // namespace evacuation_test
