// HDF5 checkpoints: bitwise round trip, atomic write, and one-line input errors.
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

#include "swe_test_util.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/hpc/swe/checkpoint.hpp"

namespace fs = std::filesystem;
using namespace taifeng::hpc::swe;

namespace {
CheckpointMeta sample_meta() {
  CheckpointMeta m;
  m.step = 1234;
  m.time_s = 0.1 * 1234;  // not a round number: must come back bitwise
  m.dt_next_s = 1.0 / 3.0;
  m.gnx = 7, m.gny = 5;
  m.config_hash = "sha256:0123abcd";
  return m;
}

std::vector<GlobalField> sample_fields(const CheckpointMeta& m) {
  std::vector<GlobalField> f{{"h", {}}, {"hu", {}}, {"hv", {}}};
  for (std::size_t k = 0; k < f.size(); ++k)
    for (long c = 0; c < m.gnx * m.gny; ++c) f[k].data.push_back(std::exp(double(c + k)) / 7.0);
  f[1].data[3] = -0.0;
  f[2].data[4] = std::nan("0x123");
  f[2].data[5] = 4.9e-324;  // denormal
  return f;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::string input_error(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const taifeng::Error& e) {
    CHECK(e.kind() == taifeng::ErrorKind::input);
    return e.what();
  }
  FAIL("no error thrown");
  return {};
}

// Replaces dataset /fields/<name> of an existing checkpoint with one of the given shape/type.
void replace_dataset(const fs::path& file, const char* name, hsize_t rows, hsize_t cols,
                     hid_t type) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t g = H5Gopen2(f, "fields", H5P_DEFAULT);
  REQUIRE(H5Ldelete(g, name, H5P_DEFAULT) >= 0);
  const hsize_t dims[2] = {rows, cols};
  const hid_t space = H5Screate_simple(2, dims, nullptr);
  const hid_t set = H5Dcreate2(g, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<double> zeros(rows * cols, 0.0);
  REQUIRE(H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros.data()) >= 0);
  H5Dclose(set), H5Sclose(space), H5Gclose(g), H5Fclose(f);
}
}  // namespace

TEST_CASE("checkpoint round trip is bitwise", "[swe][checkpoint]") {
  const fs::path dir = swe_test::scratch("round_trip");
  const auto meta = sample_meta();
  const auto fields = sample_fields(meta);
  const std::string path = (dir / "state.h5").string();
  write_checkpoint(path, meta, fields);
  CHECK(fs::exists(path));
  CHECK_FALSE(fs::exists(path + ".tmp"));
  const auto cp = read_checkpoint(path, 7, 5, {"hv", "h"});  // any subset, any order
  CHECK(cp.meta.step == 1234);
  CHECK(std::memcmp(&cp.meta.time_s, &meta.time_s, sizeof(double)) == 0);
  CHECK(std::memcmp(&cp.meta.dt_next_s, &meta.dt_next_s, sizeof(double)) == 0);
  CHECK(cp.meta.gnx == 7);
  CHECK(cp.meta.gny == 5);
  CHECK(cp.meta.config_hash == "sha256:0123abcd");
  REQUIRE(cp.fields.size() == 2);
  CHECK(cp.fields[0].name == "hv");
  CHECK(same_bits(cp.field("hv"), fields[2].data));
  CHECK(same_bits(cp.field("h"), fields[0].data));
  CHECK_THROWS_WITH(cp.field("hu"), Catch::Contains("no field 'hu'"));
  // Overwriting an existing checkpoint replaces it; an empty hash round trips too.
  auto meta2 = meta;
  meta2.step = 1235, meta2.config_hash = "";
  write_checkpoint(path, meta2, fields);
  const auto cp2 = read_checkpoint(path, 7, 5, {"hu"});
  CHECK(cp2.meta.step == 1235);
  CHECK(cp2.meta.config_hash.empty());
  CHECK(same_bits(cp2.field("hu"), fields[1].data));
}

TEST_CASE("a failed checkpoint write leaves no file behind and the old one intact",
          "[swe][checkpoint]") {
  const fs::path dir = swe_test::scratch("atomic");
  const auto meta = sample_meta();
  const auto fields = sample_fields(meta);
  // Directory does not exist: nothing created.
  const std::string lost = (dir / "no_such_dir" / "state.h5").string();
  CHECK_THAT(input_error([&] { write_checkpoint(lost, meta, fields); }),
             Catch::StartsWith(lost + ": cannot write checkpoint"));
  CHECK_FALSE(fs::exists(lost));
  CHECK_FALSE(fs::exists(lost + ".tmp"));
  // The final name is taken by a directory: the rename fails, the temporary file is removed.
  const fs::path taken = dir / "taken.h5";
  fs::create_directories(taken / "keep");
  CHECK_THAT(input_error([&] { write_checkpoint(taken.string(), meta, fields); }),
             Catch::Contains("cannot move"));
  CHECK(fs::is_directory(taken / "keep"));
  CHECK_FALSE(fs::exists(taken.string() + ".tmp"));
  // A good checkpoint, then a write that cannot create its temporary file: old file intact.
  const std::string path = (dir / "state.h5").string();
  write_checkpoint(path, meta, fields);
  fs::create_directories(path + ".tmp/blocker");
  auto meta2 = meta;
  meta2.step = 99;
  CHECK_THAT(input_error([&] { write_checkpoint(path, meta2, fields); }),
             Catch::Contains("cannot write checkpoint"));
  CHECK(read_checkpoint(path, 7, 5, {"h"}).meta.step == 1234);
}

TEST_CASE("reading a bad checkpoint names the file and the dataset", "[swe][checkpoint]") {
  const fs::path dir = swe_test::scratch("errors");
  const auto meta = sample_meta();
  auto fields = sample_fields(meta);
  const std::string path = (dir / "state.h5").string();
  write_checkpoint(path, meta, fields);

  const std::string missing = (dir / "absent.h5").string();
  CHECK(input_error([&] { read_checkpoint(missing, 7, 5, {"h"}); }) ==
        missing + ": checkpoint file not found");

  const std::string text = (dir / "text.h5").string();
  std::ofstream(text) << "not hdf5\n";
  CHECK(input_error([&] { read_checkpoint(text, 7, 5, {"h"}); }) == text + ": not an HDF5 file");

  CHECK(input_error([&] {
          read_checkpoint(path, 7, 5, {"h", "eta"});
        }) == path + ":/fields/eta: dataset missing from the checkpoint");

  CHECK(input_error([&] { read_checkpoint(path, 8, 5, {"h"}); }) ==
        path + ": grid 7 x 5 cells differs from the run's 8 x 5");

  replace_dataset(path, "hu", 5, 6, H5T_IEEE_F64LE);
  CHECK(input_error([&] {
          read_checkpoint(path, 7, 5, {"h", "hu"});
        }) == path + ":/fields/hu: has shape 5 x 6, expected [gny][gnx] = 5 x 7");

  replace_dataset(path, "hv", 5, 7, H5T_IEEE_F32LE);
  CHECK_THAT(input_error([&] { read_checkpoint(path, 7, 5, {"hv"}); }),
             Catch::StartsWith(path + ":/fields/hv: not 64-bit floating point"));

  // A valid HDF5 file that is not a checkpoint.
  const std::string other = (dir / "other.h5").string();
  H5Fclose(H5Fcreate(other.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  CHECK(input_error([&] { read_checkpoint(other, 7, 5, {"h"}); }) ==
        other + ": attribute 'format' missing: not a complete taifeng checkpoint");
}

TEST_CASE("write_checkpoint rejects inconsistent fields as an internal error",
          "[swe][checkpoint]") {
  const fs::path dir = swe_test::scratch("misuse");
  const auto meta = sample_meta();
  auto fields = sample_fields(meta);
  fields[1].data.pop_back();
  CHECK_THROWS_WITH(write_checkpoint((dir / "x.h5").string(), meta, fields),
                    Catch::Contains("'hu' does not have gnx * gny values"));
  fields = sample_fields(meta);
  fields[2].name = "h";
  CHECK_THROWS_WITH(write_checkpoint((dir / "x.h5").string(), meta, fields),
                    Catch::Contains("given twice"));
  CHECK(fs::is_empty(dir));
}
