// libFuzzer target: the two CSV track readers on the same arbitrary bytes —
// taifeng::forcing::read_ibtracs_csv and taifeng::forcing::read_jtwc_csv (storm "200517").
#include <vector>

#include "fuzz_common.hpp"
#include "taifeng/forcing/jtwc_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  taifeng_fuzz::run("csv_tracks", data, size, [](const std::filesystem::path& p) {
    taifeng_fuzz::check_contract(taifeng::forcing::read_ibtracs_csv(p));
  });
  taifeng_fuzz::run("csv_tracks", data, size, [](const std::filesystem::path& p) {
    std::vector<std::string> warnings;
    const taifeng::Track t = taifeng::forcing::read_jtwc_csv(p, "200517", &warnings);
    if (t.points.empty()) __builtin_trap();
    taifeng_fuzz::check_track(t);
  });
  return 0;
}
