// Content-based format detection and the dispatch to the track readers.
#include <fstream>

#include <fmt/format.h>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/forcing/inspect.hpp"
#include "taifeng/forcing/tracks.hpp"

namespace taifeng::forcing {

namespace {

std::string head_bytes(const std::filesystem::path& file, std::size_t n) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw_input_error(file.string(), "file does not exist or is not a regular file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw_input_error(file.string(), "file cannot be opened for reading");
  std::string s(n, '\0');
  in.read(s.data(), std::streamsize(n));
  s.resize(std::size_t(in.gcount()));
  return s;
}

std::string first_line(const std::string& head) {
  std::string line = head.substr(0, head.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::string detect_format(const std::filesystem::path& file) {
  const std::string head = head_bytes(file, 4096);
  if (head.empty()) throw_input_error(file.string(), "empty file; nothing to read");
  if (head.rfind("CDF\x01", 0) == 0 || head.rfind("CDF\x02", 0) == 0 ||
      head.rfind("CDF\x05", 0) == 0 || head.rfind("\x89HDF\r\n\x1a\n", 0) == 0)
    return "netcdf";
  if (head.rfind("GRIB", 0) == 0) {
    if (head.size() > 7 && head[7] == 1)
      throw_input_error(file.string(), "GRIB edition 1 is not supported; expected GRIB2");
    return "grib2";
  }
  if (head.rfind("BUFR", 0) == 0) return "ecmwf-bufr";
  if (head.find('\0') != std::string::npos)
    throw_input_error(file.string(),
                      "binary data of an unknown kind; expected NetCDF, GRIB2, BUFR or a text "
                      "track format");
  const std::string line = first_line(head);
  const auto f = split_fields(line);
  if (trim(line) == "CY,Year,Month,Day,Hour,Lat,Lon,VMax,MSLP,SN,Cat") return "jtwc-csv";
  if (!f.empty() && f[0] == "SID") return "ibtracs-csv";
  if (line.rfind("66666", 0) == 0) return "cma";
  if (f.size() >= 8 && f[0].size() == 2 && all_digits(f[1]) && f[2].size() == 10 &&
      all_digits(f[2]))
    return "atcf";
  if (f.size() >= 3 && f[0].size() == 8 && all_digits(f[0].substr(2)) && all_digits(f[2]))
    return "hurdat2";
  throw_input_error(where(file.string(), 1),
                    fmt::format("unrecognised format (first line '{}'); expected NetCDF, GRIB2, "
                                "ECMWF track BUFR, ATCF, JTWC CSV, IBTrACS CSV, CMA best track "
                                "or HURDAT2",
                                line.substr(0, 60)));
}

bool is_track_format(const std::string& format) {
  return format != "netcdf" && format != "grib2";
}

TrackFile read_track_file(const std::filesystem::path& file, const std::string& format) {
  const std::string f = format == "auto" ? detect_format(file) : format;
  if (f == "atcf") return read_atcf(file);
  if (f == "jtwc-csv") return read_jtwc_csv_all(file);
  if (f == "ibtracs-csv") return read_ibtracs_csv(file);
  if (f == "cma") return read_cma_besttrack(file);
  if (f == "hurdat2") return read_hurdat2(file);
  if (f == "ecmwf-bufr") return read_ecmwf_track_bufr(file);
  throw_input_error(file.string(), fmt::format("'{}' is not a track format", f));
}

}  // namespace taifeng::forcing
