#include "taifeng/hpc/mpi_runtime.hpp"

#include <mpi.h>
#include <omp.h>

#include <algorithm>
#include <climits>

#include "taifeng/core/error.hpp"

namespace taifeng::hpc {

MpiSession::MpiSession(int* argc, char*** argv) {
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

void MpiSession::abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);
}

std::pair<std::size_t, std::size_t> block_range(std::size_t n, int rank, int size) {
  const std::size_t r = std::size_t(rank), s = std::size_t(size);
  const std::size_t base = n / s, extra = n % s;
  const std::size_t begin = r * base + std::min(r, extra);
  return {begin, begin + base + (r < extra ? 1 : 0)};
}

void reduce_max_to_root(std::vector<double>& data) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (size == 1) return;
  TAIFENG_CHECK(data.size() <= std::size_t(INT_MAX), "reduction too large for one MPI call");
  if (rank == 0)
    MPI_Reduce(MPI_IN_PLACE, data.data(), int(data.size()), MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
  else
    MPI_Reduce(data.data(), nullptr, int(data.size()), MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
}

void gather_blocks_to_root(const double* mine, std::size_t n_items, std::size_t item_size,
                           double* all) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  // Item by item keeps every message count far below INT_MAX.
  for (int r = 0; r < size; ++r) {
    const auto [b, e] = block_range(n_items, r, size);
    for (std::size_t k = b; k < e; ++k) {
      double* dst = rank == 0 ? all + k * item_size : nullptr;
      const double* src = mine + (k - block_range(n_items, rank, size).first) * item_size;
      if (r == 0) {
        if (rank == 0) std::copy(src, src + item_size, dst);
      } else if (rank == r) {
        MPI_Send(src, int(item_size), MPI_DOUBLE, 0, int(k % 32768), MPI_COMM_WORLD);
      } else if (rank == 0) {
        MPI_Recv(dst, int(item_size), MPI_DOUBLE, r, int(k % 32768), MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
      }
    }
  }
}

namespace {
template <class T>
void reduce_sum(std::vector<T>& data, MPI_Datatype type) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (size == 1) return;
  // In chunks so that every count fits an int.
  constexpr std::size_t chunk = std::size_t(1) << 26;
  for (std::size_t off = 0; off < data.size(); off += chunk) {
    const int n = int(std::min(chunk, data.size() - off));
    if (rank == 0)
      MPI_Reduce(MPI_IN_PLACE, data.data() + off, n, type, MPI_SUM, 0, MPI_COMM_WORLD);
    else
      MPI_Reduce(data.data() + off, nullptr, n, type, MPI_SUM, 0, MPI_COMM_WORLD);
  }
}
}  // namespace

void reduce_sum_to_root(std::vector<std::int32_t>& data) {
  reduce_sum(data, MPI_INT32_T);
}
void reduce_sum_to_root(std::vector<std::int64_t>& data) {
  reduce_sum(data, MPI_INT64_T);
}

std::vector<double> gather_to_root(const std::vector<double>& mine) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (size == 1) return mine;
  TAIFENG_CHECK(mine.size() <= std::size_t(INT_MAX), "gather too large for one MPI call");
  const int n = int(mine.size());
  std::vector<int> counts(static_cast<std::size_t>(size)), displs(static_cast<std::size_t>(size));
  MPI_Gather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<double> all;
  if (rank == 0) {
    int total = 0;
    for (int r = 0; r < size; ++r) displs[std::size_t(r)] = total, total += counts[std::size_t(r)];
    all.resize(std::size_t(total));
  }
  MPI_Gatherv(mine.data(), n, MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE, 0,
              MPI_COMM_WORLD);
  return all;
}

int omp_threads() {
  return omp_get_max_threads();
}

}  // namespace taifeng::hpc
