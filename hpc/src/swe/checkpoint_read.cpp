// Serial HDF5 reader of the checkpoints (layout in checkpoint.hpp).
#include <cstdint>
#include <filesystem>

#include "hdf5_handle.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/hpc/swe/checkpoint.hpp"

namespace taifeng::hpc::swe {

namespace {
using h5::Handle;

// Opens the scalar attribute `name` of the file's root group; input error if it is absent.
Handle open_attribute(hid_t file, const std::string& path, const char* name) {
  if (H5Aexists(file, name) <= 0)
    throw_input_error(where(path), std::string("attribute '") + name +
                                       "' missing: not a complete taifeng checkpoint");
  return Handle(H5Aopen(file, name, H5P_DEFAULT), H5Aclose);
}

void read_attribute(hid_t file, const std::string& path, const char* name, hid_t memtype,
                    H5T_class_t type_class, void* value) {
  Handle attr = open_attribute(file, path, name);
  Handle type(H5Aget_type(attr.get()), H5Tclose);
  Handle space(H5Aget_space(attr.get()), H5Sclose);
  if (!type.ok() || H5Tget_class(type.get()) != type_class ||
      H5Sget_simple_extent_npoints(space.get()) != 1 || H5Aread(attr.get(), memtype, value) < 0)
    throw_input_error(where(path), std::string("attribute '") + name + "' is unreadable");
}

long read_int(hid_t file, const std::string& path, const char* name) {
  std::int64_t v = 0;
  read_attribute(file, path, name, H5T_NATIVE_INT64, H5T_INTEGER, &v);
  return long(v);
}

double read_double(hid_t file, const std::string& path, const char* name) {
  double v = 0;
  read_attribute(file, path, name, H5T_NATIVE_DOUBLE, H5T_FLOAT, &v);
  return v;
}

std::string read_string(hid_t file, const std::string& path, const char* name) {
  Handle attr = open_attribute(file, path, name);
  Handle type(H5Aget_type(attr.get()), H5Tclose);
  if (!type.ok() || H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) != 0)
    throw_input_error(where(path),
                      std::string("attribute '") + name + "' is not a fixed-length string");
  std::string value(H5Tget_size(type.get()), '\0');
  if (H5Aread(attr.get(), type.get(), value.data()) < 0)
    throw_input_error(where(path), std::string("attribute '") + name + "' is unreadable");
  value.resize(value.find('\0') == std::string::npos ? value.size() : value.find('\0'));
  return value;
}

std::vector<double> read_field(hid_t fields, const std::string& path, const std::string& name,
                               long gnx, long gny) {
  const std::string at = path + ":/fields/" + name;
  if (fields < 0 || H5Lexists(fields, name.c_str(), H5P_DEFAULT) <= 0)
    throw_input_error(at, "dataset missing from the checkpoint");
  Handle set(H5Dopen2(fields, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (!set.ok()) throw_input_error(at, "not a readable dataset");
  Handle type(H5Dget_type(set.get()), H5Tclose);
  if (H5Tget_class(type.get()) != H5T_FLOAT || H5Tget_size(type.get()) != 8)
    throw_input_error(at, "not 64-bit floating point: a restart would not be bitwise exact");
  Handle space(H5Dget_space(set.get()), H5Sclose);
  hsize_t dims[2] = {0, 0};
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank == 2) H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  if (rank != 2 || dims[0] != hsize_t(gny) || dims[1] != hsize_t(gnx)) {
    std::string shape = rank == 2 ? std::to_string(dims[0]) + " x " + std::to_string(dims[1])
                                  : std::to_string(rank) + "-D";
    throw_input_error(at, "has shape " + shape + ", expected [gny][gnx] = " + std::to_string(gny) +
                              " x " + std::to_string(gnx));
  }
  std::vector<double> data(std::size_t(gnx * gny));
  if (H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()) < 0)
    throw_input_error(at, "cannot read the dataset");
  return data;
}
}  // namespace

Checkpoint read_checkpoint(const std::string& path, long gnx, long gny,
                           const std::vector<std::string>& names,
                           const std::vector<std::string>& scalar_names) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw_input_error(where(path), "checkpoint file not found");
  h5::QuietErrors quiet;
  if (H5Fis_hdf5(path.c_str()) <= 0) throw_input_error(where(path), "not an HDF5 file");
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.ok()) throw_input_error(where(path), "cannot open the HDF5 file");
  const hid_t f = file.get();
  if (read_string(f, path, "format") != "taifeng-swe-checkpoint")
    throw_input_error(where(path), "attribute 'format' is not 'taifeng-swe-checkpoint'");
  if (const long version = read_int(f, path, "format_version"); version != 1)
    throw_input_error(where(path), "unsupported checkpoint format_version " +
                                       std::to_string(version) + " (this build reads 1)");
  Checkpoint cp;
  cp.meta.step = read_int(f, path, "step");
  cp.meta.time_s = read_double(f, path, "time_s");
  cp.meta.dt_next_s = read_double(f, path, "dt_next_s");
  cp.meta.gnx = read_int(f, path, "gnx");
  cp.meta.gny = read_int(f, path, "gny");
  cp.meta.config_hash = read_string(f, path, "config_hash");
  for (const auto& name : scalar_names) cp.scalars[name] = read_double(f, path, name.c_str());
  if (cp.meta.gnx != gnx || cp.meta.gny != gny)
    throw_input_error(where(path), "grid " + std::to_string(cp.meta.gnx) + " x " +
                                       std::to_string(cp.meta.gny) +
                                       " cells differs from the run's " + std::to_string(gnx) +
                                       " x " + std::to_string(gny));
  const bool has_group = H5Lexists(f, "fields", H5P_DEFAULT) > 0;
  Handle group(has_group ? H5Gopen2(f, "fields", H5P_DEFAULT) : -1, H5Gclose);
  for (const auto& name : names)
    cp.fields.push_back({name, read_field(group.get(), path, name, gnx, gny)});
  return cp;
}

}  // namespace taifeng::hpc::swe
