#pragma once
// HDF5 library set-up for the taifeng process (called first thing in main).

namespace taifeng::hpc {

// HDF5 closes every file still open at exit. After a failed close (a full disk during a
// NetCDF-4 write) that file is half torn down, and HDF5 1.10's exit handler then crashes
// (SIGSEGV in H5F__close_cb), turning a clean one-line error into a crash. Files taifeng
// keeps are closed explicitly, so the exit handler is switched off.
void disable_hdf5_exit_handler();

}  // namespace taifeng::hpc
