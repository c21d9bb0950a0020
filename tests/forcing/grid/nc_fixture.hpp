#pragma once
// Writes small synthetic NetCDF files for the gridded-reader tests.
#include <netcdf.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace taifeng::test {

inline std::filesystem::path grid_tmp_dir() {
  const auto dir = std::filesystem::path(TAIFENG_TEST_TMP) / "grid";
  std::filesystem::create_directories(dir);
  return dir;
}

struct NcAtt {
  std::string name;
  std::string text;             // text attribute if numbers is empty
  std::vector<double> numbers;  // numeric attribute of type `type`
  nc_type type = NC_DOUBLE;
};

inline NcAtt text_att(std::string name, std::string text) {
  return {std::move(name), std::move(text), {}, NC_CHAR};
}
inline NcAtt num_att(std::string name, double v, nc_type t) {
  return {std::move(name), {}, {v}, t};
}

struct NcDim {
  std::string name;
  std::vector<double> values;  // coordinate values (size = dimension length)
  std::vector<NcAtt> atts;     // of the coordinate variable
  bool coordinate = true;      // write a coordinate variable
};

struct NcVar {
  std::string name;
  nc_type type = NC_FLOAT;
  std::vector<std::string> dims;  // names of dims, in order
  std::vector<NcAtt> atts;
  std::vector<double> data;  // row-major in `dims` order
};

inline void nc_ok(int status) {
  INFO(nc_strerror(status));
  REQUIRE(status == NC_NOERR);
}

inline void put_att(int ncid, int varid, const NcAtt& a) {
  if (a.numbers.empty())
    nc_ok(nc_put_att_text(ncid, varid, a.name.c_str(), a.text.size(), a.text.c_str()));
  else
    nc_ok(
        nc_put_att_double(ncid, varid, a.name.c_str(), a.type, a.numbers.size(), a.numbers.data()));
}

inline void write_nc(const std::filesystem::path& path, const std::vector<NcDim>& dims,
                     const std::vector<NcVar>& vars, int mode = NC_CLOBBER | NC_NETCDF4) {
  int ncid = -1;
  nc_ok(nc_create(path.c_str(), mode, &ncid));
  std::vector<int> dimids, coordids;
  for (const auto& d : dims) {
    int id = -1;
    nc_ok(nc_def_dim(ncid, d.name.c_str(), d.values.size(), &id));
    dimids.push_back(id);
    int vid = -1;
    if (d.coordinate) {
      nc_ok(nc_def_var(ncid, d.name.c_str(), NC_DOUBLE, 1, &id, &vid));
      for (const auto& a : d.atts) put_att(ncid, vid, a);
    }
    coordids.push_back(vid);
  }
  std::vector<int> varids;
  for (const auto& v : vars) {
    std::vector<int> ids;
    for (const auto& name : v.dims) {
      for (std::size_t k = 0; k < dims.size(); ++k)
        if (dims[k].name == name) ids.push_back(dimids[k]);
    }
    REQUIRE(ids.size() == v.dims.size());
    int vid = -1;
    nc_ok(nc_def_var(ncid, v.name.c_str(), v.type, static_cast<int>(ids.size()), ids.data(), &vid));
    for (const auto& a : v.atts) put_att(ncid, vid, a);
    varids.push_back(vid);
  }
  nc_ok(nc_enddef(ncid));
  for (std::size_t k = 0; k < dims.size(); ++k)
    if (dims[k].coordinate) nc_ok(nc_put_var_double(ncid, coordids[k], dims[k].values.data()));
  for (std::size_t k = 0; k < vars.size(); ++k)
    nc_ok(nc_put_var_double(ncid, varids[k], vars[k].data.data()));
  nc_ok(nc_close(ncid));
}

inline std::vector<double> range(double first, double step, int n) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(first + step * i);
  return v;
}

inline NcDim lat_dim(std::vector<double> values, std::string name = "lat") {
  return {std::move(name), std::move(values), {text_att("units", "degrees_north")}};
}
inline NcDim lon_dim(std::vector<double> values, std::string name = "lon") {
  return {std::move(name), std::move(values), {text_att("units", "degrees_east")}};
}

}  // namespace taifeng::test
