#pragma once
// What run_surge (surge_stage.hpp) asks of a checkpoint store: no I/O here, so the stepping
// loop stays free of files (the HDF5 store is surge_checkpoint_files.hpp; tests may supply
// their own).
//
// run_surge takes a snapshot right after a step lands on a forcing-update time at or after
// each multiple of interval_s(): the state is then fully defined by the interior cells (the
// ghost cells are refilled at the start of every step) and the forcing is a function of the
// model time alone, so a run continued from the snapshot takes the same steps and gives
// bitwise the same results as the uninterrupted run. Snapshots never change the steps taken.
#include <optional>
#include <vector>

namespace taifeng::hpc {

struct SurgeRun;

// The state of one surge run between two steps; grid arrays are [j][i] on the surge grid.
struct SurgeSnapshot {
  long steps = 0;                 // completed time steps
  double time_s = 0;              // model time since the run's start
  double next_forcing_s = 0;      // the forcing is evaluated there next (== time_s when saved)
  std::vector<double> h, hu, hv;  // water depth (m), momenta (m²/s): interior cells
  std::vector<double> eta_max, inundation;  // running maxima as in SurgeRun (-inf: not yet wet)
};

class SurgeCheckpointer {
 public:
  virtual ~SurgeCheckpointer() = default;
  // Model seconds between snapshots; <= 0: none (results are still stored and reused).
  virtual double interval_s() const = 0;
  // The stored results of this run, if it completed before: true with `out` filled, and
  // run_surge returns them without stepping.
  virtual bool load_result(SurgeRun& out) = 0;
  // A snapshot of this run to continue from, or nullopt to start at rest.
  virtual std::optional<SurgeSnapshot> load_snapshot() = 0;
  virtual void save_snapshot(const SurgeSnapshot& s) = 0;
  // The run completed: store its results (and drop its snapshot).
  virtual void save_result(const SurgeRun& r) = 0;
};

}  // namespace taifeng::hpc
