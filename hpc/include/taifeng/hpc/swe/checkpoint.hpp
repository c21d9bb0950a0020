#pragma once
// HDF5 checkpoints of the shallow-water state: named global fields plus the metadata a
// restart needs. A restart from a checkpoint is bitwise identical to the uninterrupted run:
// every double is stored as a 64-bit IEEE float and read back without conversion.
//
// File layout (one HDF5 file, serial HDF5 written by rank 0 alone after a gather: simple and
// portable; parallel HDF5 would only pay off for grids far beyond one node's memory):
//   /                 attributes format ("taifeng-swe-checkpoint"), format_version (1),
//                     step, time_s, dt_next_s, gnx, gny, config_hash, and any further
//                     named 64-bit float scalars of the writer (CheckpointScalars)
//   /fields/<name>    2-D dataset [gny][gnx] of 64-bit floats, row-major, x fastest
//
// The file is written to path + ".tmp" and renamed onto path once complete, so a crash or an
// error never leaves a partial checkpoint under the final name.
#include <mpi.h>

#include <map>
#include <string>
#include <vector>

#include "taifeng/solver/swe/patch.hpp"

namespace taifeng::hpc::swe {

struct CheckpointMeta {
  long step = 0;            // completed time steps
  double time_s = 0;        // model time, seconds
  double dt_next_s = 0;     // time step the run takes next
  long gnx = 0, gny = 0;    // global interior cells
  std::string config_hash;  // free-form identity of the configuration
};

// Further named scalars of a writer (root attributes, 64-bit floats; names other than the
// metadata's). Serial functions only: save/load_checkpoint neither write nor read them.
using CheckpointScalars = std::map<std::string, double>;

struct GlobalField {  // gnx * gny doubles, row-major
  std::string name;
  std::vector<double> data;
};

struct Checkpoint {
  CheckpointMeta meta;
  std::vector<GlobalField> fields;  // in the order requested
  CheckpointScalars scalars;        // those requested
  // The field called `name`; internal error if absent.
  const std::vector<double>& field(const std::string& name) const;
};

// --- serial: call on one rank (rank 0) with global arrays ---------------------------------

// Writes meta, fields (names unique, non-empty, without '/'; each gnx * gny doubles) and
// scalars atomically to `path`. Input error naming the file when it cannot be written.
void write_checkpoint(const std::string& path, const CheckpointMeta& meta,
                      const std::vector<GlobalField>& fields,
                      const CheckpointScalars& scalars = {});

// Reads the fields `names` and the scalars `scalar_names` of the checkpoint at `path`.
// Input errors naming the file (and the dataset or attribute) when it is missing or
// unreadable, a field or scalar is missing, a field is not a [gny][gnx] array of 64-bit
// floats, or the grid differs from the run's gnx x gny.
Checkpoint read_checkpoint(const std::string& path, long gnx, long gny,
                           const std::vector<std::string>& names,
                           const std::vector<std::string>& scalar_names = {});

// --- collective over comm: every rank's patch and local arrays ----------------------------

struct LocalField {  // a rank's array laid out by its patch (patch.size() doubles)
  std::string name;
  std::vector<double>* data = nullptr;
};

// Gathers the fields to rank 0, which writes the checkpoint. An error on rank 0 is thrown
// on every rank (same kind and message), so no rank is left waiting.
void save_checkpoint(const std::string& path, const CheckpointMeta& meta,
                     const solver::swe::Patch& patch, const std::vector<LocalField>& fields,
                     MPI_Comm comm = MPI_COMM_WORLD);

// Rank 0 reads the checkpoint (grid = the patch's gnx x gny), the metadata is broadcast
// and the fields scattered into the interiors of the local arrays (ghost cells untouched).
// Errors are thrown on every rank.
CheckpointMeta load_checkpoint(const std::string& path, const solver::swe::Patch& patch,
                               const std::vector<LocalField>& fields,
                               MPI_Comm comm = MPI_COMM_WORLD);

}  // namespace taifeng::hpc::swe
