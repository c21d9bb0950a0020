// libFuzzer target: taifeng::forcing::read_hurdat2 on arbitrary bytes (see fuzz/README.md).
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  taifeng_fuzz::run("hurdat2", data, size, [](const std::filesystem::path& p) {
    taifeng_fuzz::check_contract(taifeng::forcing::read_hurdat2(p));
  });
  return 0;
}
