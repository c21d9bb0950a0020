#pragma once
// HDF5 checkpoints of one surge run in a private work folder (taifeng forecast
// --checkpoint-dir DIR), written only by the rank that owns the run:
//
//   DIR/surge_run_<k>.h5       snapshot of the unfinished run k (0 = deterministic): fields
//                              h, hu, hv (interior cells), eta_max, inundation; attributes
//                              step, time_s, config_hash (= the run's identity,
//                              surge_identity.hpp), next_forcing_s
//   DIR/surge_run_<k>.done.h5  results of the completed run: fields eta_max, inundation;
//                              attributes step (steps taken), config_hash, mass_rel_change
//
// Layout of the swe checkpoints (swe/checkpoint.hpp: [nlat][nlon] 64-bit floats, bit-exact),
// each written to a temporary file and renamed. When the run completes, its .done.h5 is
// written and the snapshot removed. A file of another identity, or one that cannot be read,
// is ignored with one warning naming it and why (the run starts from zero); a checkpoint that
// cannot be written is reported once and the run goes on without further snapshots.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "taifeng/core/grid.hpp"
#include "taifeng/hpc/surge_checkpointer.hpp"

namespace taifeng::hpc {

namespace swe {
struct Checkpoint;
}

class SurgeCheckpointFiles final : public SurgeCheckpointer {
 public:
  enum class Origin {
    start,
    resumed,
    reused
  };  // how the run began: at rest, from a
      // snapshot, or its stored results
  // dir: an existing folder; run: index k of the run; identity: surge_run_identity of the
  // run; interval_s: model seconds between snapshots (<= 0: none); label: how log lines
  // name the run, e.g. "run 3/20".
  SurgeCheckpointFiles(std::filesystem::path dir, long run, std::string identity, const Grid& grid,
                       double interval_s, std::string label);

  double interval_s() const override { return interval_s_; }
  bool load_result(SurgeRun& out) override;
  std::optional<SurgeSnapshot> load_snapshot() override;
  void save_snapshot(const SurgeSnapshot& s) override;
  void save_result(const SurgeRun& r) override;

  Origin origin() const { return origin_; }
  double resumed_at_s() const { return resumed_at_s_; }  // model time of the snapshot used
  const std::filesystem::path& snapshot_file() const { return snapshot_file_; }
  const std::filesystem::path& result_file() const { return result_file_; }

  // Test hook: called once a snapshot is complete on disk (a test throws here to simulate a
  // crash right after the checkpoint).
  std::function<void(const std::filesystem::path&)> after_snapshot;

 private:
  // Reads `path` into cp if it exists and belongs to this run. A file that is there but of
  // another run, or unreadable, is ignored with one warning naming it and why, ending with
  // `then` (what happens instead).
  bool read_own(const std::filesystem::path& path, const std::vector<std::string>& fields,
                const std::vector<std::string>& scalars, std::string_view then,
                swe::Checkpoint& cp) const;

  std::filesystem::path snapshot_file_, result_file_;
  std::string identity_, label_;
  long gnx_, gny_;
  double interval_s_;
  bool writable_ = true;  // false after a failed write: no more snapshots
  Origin origin_ = Origin::start;
  double resumed_at_s_ = 0;
};

// The folder given as --checkpoint-dir, absolute. Input error if it is the output folder
// or inside it (that folder is replaced when the cycle publishes its results).
std::filesystem::path checkpoint_folder_option(const std::string& option,
                                               const std::filesystem::path& output_dir);

// Creates the folder (and its parents); input error naming --checkpoint-dir if it cannot.
void create_checkpoint_folder(const std::filesystem::path& dir);

}  // namespace taifeng::hpc
