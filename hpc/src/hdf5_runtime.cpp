#include "taifeng/hpc/hdf5_runtime.hpp"

#include <hdf5.h>

namespace taifeng::hpc {

void disable_hdf5_exit_handler() {
  H5dont_atexit();
}

}  // namespace taifeng::hpc
