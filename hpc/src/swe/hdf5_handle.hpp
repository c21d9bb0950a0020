#pragma once
// Small RAII helpers over the HDF5 C API (internal to the checkpoint code).
#include <hdf5.h>

namespace taifeng::hpc::swe::h5 {

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  bool ok() const { return id_ >= 0; }
  // Closes now and reports whether closing succeeded (a file's close flushes its data).
  bool close() {
    const herr_t status = id_ >= 0 ? close_(id_) : -1;
    id_ = -1;
    return status >= 0;
  }

 private:
  hid_t id_;
  Closer close_;
};

// Silences HDF5's automatic error-stack printing while alive (taifeng reports its own
// one-line errors) and restores the previous handler afterwards.
class QuietErrors {
 public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

}  // namespace taifeng::hpc::swe::h5
