#pragma once
// Track files of every format taifeng reads, as storms each holding an ensemble of
// members (a best track or a deterministic forecast is member 0; an a-deck holds one
// member per technique; ECMWF ensembles keep their encoded member numbers). Everything is
// in SI units with the averaging period of the source recorded on each point
// (JTWC/NHC/ATCF/HURDAT2: 1 min; CMA: 2 min; ECMWF: 10 m wind as encoded, documented per
// reader). Readers check ranges (lat -90..90, lon, wind 0..120 m/s, pressure
// 850..1050 hPa), monotonic time and duplicate fixes; recoverable oddities are warnings
// naming the record, unusable data is an input error "file:line: …" (exit code 2).
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/core/track.hpp"

namespace taifeng::forcing {

struct StormTracks {
  std::string id;     // agency id, e.g. "WP112014", "200517", "AL092011"
  std::string name;   // storm name if known
  Ensemble ensemble;  // members with their ids; the technique name in Track::source
};

struct TrackFile {
  std::string format;  // "atcf", "jtwc-csv", "ibtracs-csv", "cma", "hurdat2", "ecmwf-bufr"
  std::vector<StormTracks> storms;
  std::vector<std::string> warnings;  // each names its file:line or message/subset
};

TrackFile read_atcf(const std::filesystem::path& file);
TrackFile read_hurdat2(const std::filesystem::path& file);
TrackFile read_cma_besttrack(const std::filesystem::path& file);
TrackFile read_ibtracs_csv(const std::filesystem::path& file);
TrackFile read_ecmwf_track_bufr(const std::filesystem::path& file);
TrackFile read_jtwc_csv_all(const std::filesystem::path& file);

// Detects the format from the content (not the name) and reads it; format may also be
// given explicitly ("auto" detects).
TrackFile read_track_file(const std::filesystem::path& file, const std::string& format = "auto");

}  // namespace taifeng::forcing
