// Collective checkpoint save/load over the ranks' patches (serial HDF5 on rank 0).
#include "taifeng/hpc/swe/checkpoint.hpp"

#include <climits>

#include "root_call.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/hpc/swe/gather.hpp"

namespace taifeng::hpc::swe {

void broadcast_string(std::string& s, MPI_Comm comm) {
  long n = long(s.size());
  MPI_Bcast(&n, 1, MPI_LONG, 0, comm);
  TAIFENG_CHECK(n <= INT_MAX, "string too long to broadcast");
  s.resize(std::size_t(n));
  MPI_Bcast(s.data(), int(n), MPI_CHAR, 0, comm);
}

const std::vector<double>& Checkpoint::field(const std::string& name) const {
  for (const auto& f : fields)
    if (f.name == name) return f.data;
  throw_internal_error("checkpoint", "no field '" + name + "' was read");
}

namespace {
void check_local(const solver::swe::Patch& patch, const std::vector<LocalField>& fields) {
  for (const auto& f : fields)
    TAIFENG_CHECK(f.data != nullptr && f.data->size() == patch.size(),
                  "local field '" + f.name + "' does not match the patch");
}
}  // namespace

void save_checkpoint(const std::string& path, const CheckpointMeta& meta,
                     const solver::swe::Patch& patch, const std::vector<LocalField>& fields,
                     MPI_Comm comm) {
  TAIFENG_CHECK(meta.gnx == patch.gnx && meta.gny == patch.gny,
                "checkpoint grid differs from the patch's");
  check_local(patch, fields);
  // Rank 0 holds every global field at once: n_fields * gnx * gny doubles.
  std::vector<GlobalField> global;
  for (const auto& f : fields) global.push_back({f.name, gather_to_root(patch, *f.data, comm)});
  call_on_root(comm, [&] { write_checkpoint(path, meta, global); });
}

CheckpointMeta load_checkpoint(const std::string& path, const solver::swe::Patch& patch,
                               const std::vector<LocalField>& fields, MPI_Comm comm) {
  check_local(patch, fields);
  std::vector<std::string> names;
  for (const auto& f : fields) names.push_back(f.name);
  Checkpoint cp;
  call_on_root(comm, [&] { cp = read_checkpoint(path, patch.gnx, patch.gny, names); });
  CheckpointMeta& m = cp.meta;
  long ints[3] = {m.step, m.gnx, m.gny};
  double reals[2] = {m.time_s, m.dt_next_s};
  MPI_Bcast(ints, 3, MPI_LONG, 0, comm);
  MPI_Bcast(reals, 2, MPI_DOUBLE, 0, comm);
  broadcast_string(m.config_hash, comm);
  m.step = ints[0], m.gnx = ints[1], m.gny = ints[2];
  m.time_s = reals[0], m.dt_next_s = reals[1];
  static const std::vector<double> none;
  for (std::size_t k = 0; k < fields.size(); ++k)
    scatter_from_root(patch, cp.fields.empty() ? none : cp.fields[k].data, *fields[k].data, comm);
  return m;
}

}  // namespace taifeng::hpc::swe
