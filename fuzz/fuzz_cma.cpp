// libFuzzer target: taifeng::forcing::read_cma_besttrack on arbitrary bytes (see fuzz/README.md).
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  taifeng_fuzz::run("cma", data, size, [](const std::filesystem::path& p) {
    taifeng_fuzz::check_contract(taifeng::forcing::read_cma_besttrack(p));
  });
  return 0;
}
