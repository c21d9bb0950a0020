#pragma once
// The identity of one surge run: a SHA-256 (hex) of everything that decides its result —
// the surge options and grid, the bed and land mask, every point of its track, the wind
// options, its start and end times and the taifeng version. A checkpoint is continued only
// by a run of the same identity (surge_checkpoint_files.hpp).
#include <string>

#include "taifeng/core/time.hpp"
#include "taifeng/core/track.hpp"
#include "taifeng/hpc/surge_stage.hpp"
#include "taifeng/solver/wind_field.hpp"

namespace taifeng::hpc {

std::string surge_run_identity(const SurgeSetup& setup, const Track& track, TimePoint t0,
                               TimePoint t_end, const solver::WindOptions& wind);

}  // namespace taifeng::hpc
