#pragma once
// Reader of the JTWC western North Pacific best-track CSV bundled in data/tracks
// (columns CY,Year,Month,Day,Hour,Lat,Lon,VMax,MSLP,SN,Cat; VMax in kt, 1-min mean;
// MSLP in hPa, empty or 0 when unknown; VMax -999 when unknown; SN = storm id YYYYNN).
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/core/track.hpp"

namespace taifeng::forcing {

// Returns the track of storm `storm_id` (the SN column) in SI units. Every line of the
// file must have the 11 columns; the chosen storm's records are range-checked (lat
// -90..90, lon -180..360, wind 0..120 m/s, pressure 850..1050 hPa, valid UTC time,
// increasing time). A missing pressure (empty or 0) and an exact duplicate fix are
// warnings naming the line; anything unusable is an input error "file:line: …".
Track read_jtwc_csv(const std::filesystem::path& file, const std::string& storm_id,
                    std::vector<std::string>* warnings = nullptr);

}  // namespace taifeng::forcing
