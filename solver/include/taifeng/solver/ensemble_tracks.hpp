#pragma once
// The `ensemble` track model: members from an NWP ensemble (ECMWF BUFR) or several a-deck
// techniques. The deterministic forecast is the ensemble mean; the members themselves are
// the realizations of the probability products (no Monte Carlo errors are added to them).
//  - Mean position: the normalised mean of the members' unit vectors on the sphere (correct
//    across the antimeridian and near the poles); intensity, pressure and radius of maximum
//    wind: arithmetic means over the members that give them (NaN if none does).
//  - A time enters the mean only if at least min_member_fraction of the members cover it
//    (members that lost the storm drop out; a mean of a few survivors would be biased): the
//    mean track ends at the first time with too few members.
//  - Members are interpolated linearly in time (Track::at) to the output steps.
#include <vector>

#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"

namespace taifeng::solver {

struct EnsembleMeanOptions {
  double step_hours = 1.0;
  double lead_hours = 120.0;
  double min_member_fraction = 0.5;  // of the members, at each time
};

// Members must all start at or before t0 … or they are left out of t0's mean; members are
// never extrapolated. Internal error for an empty member list (callers report the file).
Track ensemble_mean_track(const std::vector<Track>& members, TimePoint t0,
                          const EnsembleMeanOptions& opt);

// One member on the output steps t0 + k step_hours that lie within both the member's span
// and [t0, t0 + lead_hours] (may be empty).
Track resample_member(const Track& member, TimePoint t0, double step_hours, double lead_hours);

}  // namespace taifeng::solver
