#pragma once
// The inbox: where producers drop the inputs of a cycle. One cycle = one input set = one
// sub-folder `INBOX/<name>/` holding `cycle.toml` and the files it names. `cycle.toml` is a
// configuration overlay: its keys replace those of the station configuration (`--config`),
// and its relative paths are relative to the set's folder, e.g.
//
//   [storm]
//   analysis_time = 2005-09-25T00:00:00Z
//   track_file = "bwp182005.dat"            # advisory or best-track file
//   [forecast.members]
//   file = "ecmwf_tc_tracks.bufr"           # BUFR ensemble, NetCDF/GRIB analyses alike
//
// A set is taken when `cycle.toml` exists; producers write it last (or move the whole
// folder in with one rename). Names starting with '.' are ignored (in transit).
#include <filesystem>
#include <string>
#include <vector>

namespace taifeng::hpc::watch {

struct InputSet {
  std::filesystem::path dir;  // INBOX/<name>
  std::string name;
  std::string stamp;    // YYYYMMDDHH of storm.analysis_time ("" when it cannot be read)
  std::string problem;  // why the set cannot run (stamp unreadable), empty if fine
};

// Ready sets, oldest analysis time first (unreadable ones first of all, so they are
// recorded and cleared at once). base_config supplies analysis_time when cycle.toml does
// not.
std::vector<InputSet> ready_sets(const std::filesystem::path& inbox,
                                 const std::filesystem::path& base_config);

// SHA-256 over the set's regular files (relative name, size, content; sorted by name).
std::string hash_input_set(const std::filesystem::path& dir);

// Copies the set to ARCHIVE/inputs/<stamp>-<hash 12>/ (through a hidden temporary folder
// and a rename; an existing identical copy is reused). Returns the copy.
std::filesystem::path store_input_set(const InputSet& set, const std::string& hash,
                                      const std::filesystem::path& archive);

}  // namespace taifeng::hpc::watch
