// Serial HDF5 writer of the checkpoints (layout in checkpoint.hpp).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>
#include <system_error>

#include "hdf5_handle.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/hpc/swe/checkpoint.hpp"

namespace taifeng::hpc::swe {

namespace {
using h5::Handle;

void check_fields(const CheckpointMeta& meta, const std::vector<GlobalField>& fields,
                  const CheckpointScalars& scalars) {
  TAIFENG_CHECK(meta.gnx >= 1 && meta.gny >= 1, "checkpoint grid must have cells");
  std::set<std::string> names;
  for (const auto& f : fields) {
    TAIFENG_CHECK(!f.name.empty() && f.name != "." && f.name.find('/') == std::string::npos,
                  "bad checkpoint field name '" + f.name + "'");
    TAIFENG_CHECK(names.insert(f.name).second, "checkpoint field '" + f.name + "' given twice");
    TAIFENG_CHECK(f.data.size() == std::size_t(meta.gnx * meta.gny),
                  "checkpoint field '" + f.name + "' does not have gnx * gny values");
  }
  static const std::set<std::string> reserved = {
      "format", "format_version", "step", "time_s", "dt_next_s", "gnx", "gny", "config_hash"};
  for (const auto& [name, value] : scalars)
    TAIFENG_CHECK(!name.empty() && !reserved.count(name),
                  "bad checkpoint scalar name '" + name + "'");
}

// One scalar attribute of `type` in the file, `memtype` in memory.
bool write_attribute(hid_t obj, const char* name, hid_t type, hid_t memtype, const void* value) {
  Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  Handle attr(H5Acreate2(obj, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  return space.ok() && attr.ok() && H5Awrite(attr.get(), memtype, value) >= 0 && attr.close();
}

bool write_int(hid_t obj, const char* name, long value) {
  const std::int64_t v = value;
  return write_attribute(obj, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &v);
}

bool write_double(hid_t obj, const char* name, double value) {
  return write_attribute(obj, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

bool write_string(hid_t obj, const char* name, const std::string& value) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  if (!type.ok() || H5Tset_size(type.get(), std::max<std::size_t>(value.size(), 1)) < 0 ||
      H5Tset_strpad(type.get(), H5T_STR_NULLPAD) < 0)
    return false;
  std::string padded = value;
  padded.resize(std::max<std::size_t>(value.size(), 1), '\0');
  return write_attribute(obj, name, type.get(), type.get(), padded.data());
}

bool write_field(hid_t group, const CheckpointMeta& meta, const GlobalField& f) {
  const hsize_t dims[2] = {hsize_t(meta.gny), hsize_t(meta.gnx)};
  Handle space(H5Screate_simple(2, dims, nullptr), H5Sclose);
  if (!space.ok()) return false;
  Handle set(H5Dcreate2(group, f.name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                        H5P_DEFAULT, H5P_DEFAULT),
             H5Dclose);
  return set.ok() &&
         H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, f.data.data()) >=
             0 &&
         set.close();
}

// The whole file at `file`; false on any HDF5 failure.
bool write_file(const std::string& file, const CheckpointMeta& meta,
                const std::vector<GlobalField>& fields, const CheckpointScalars& scalars) {
  Handle f(H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
  if (!f.ok()) return false;
  const hid_t root = f.get();
  bool ok = write_string(root, "format", "taifeng-swe-checkpoint") &&
            write_int(root, "format_version", 1) && write_int(root, "step", meta.step) &&
            write_double(root, "time_s", meta.time_s) &&
            write_double(root, "dt_next_s", meta.dt_next_s) && write_int(root, "gnx", meta.gnx) &&
            write_int(root, "gny", meta.gny) && write_string(root, "config_hash", meta.config_hash);
  for (const auto& [name, value] : scalars) ok = ok && write_double(root, name.c_str(), value);
  Handle group(H5Gcreate2(root, "fields", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  ok = ok && group.ok();
  for (const auto& field : fields) ok = ok && write_field(group.get(), meta, field);
  ok = group.close() && ok;
  return f.close() && ok;
}

// Data on disk before the rename, so a crash cannot leave a renamed but empty file.
bool sync_file(const std::string& file) {
  const int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

// Makes the rename itself durable. Best effort: the checkpoint is already complete under
// its final name, so a failure here is not reported.
void sync_directory_of(const std::string& file) {
  const std::filesystem::path dir = std::filesystem::path(file).parent_path();
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}
}  // namespace

void write_checkpoint(const std::string& path, const CheckpointMeta& meta,
                      const std::vector<GlobalField>& fields, const CheckpointScalars& scalars) {
  check_fields(meta, fields, scalars);
  const std::string tmp = path + ".tmp";
  h5::QuietErrors quiet;
  std::error_code ec;
  const auto fail = [&](const std::string& message) {
    std::filesystem::remove(tmp, ec);
    throw_input_error(where(path), message);
  };
  if (!write_file(tmp, meta, fields, scalars))
    fail("cannot write checkpoint (temporary file " + tmp + ")");
  if (!sync_file(tmp)) fail("cannot flush checkpoint to disk (temporary file " + tmp + ")");
  std::filesystem::rename(tmp, path, ec);
  if (ec) fail("cannot move " + tmp + " onto the checkpoint: " + ec.message());
  sync_directory_of(path);
}

}  // namespace taifeng::hpc::swe
