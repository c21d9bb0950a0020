#pragma once
// MPI session and the few collectives taifeng uses. Without mpirun the program runs as
// one rank (MPI singleton init).
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace taifeng::hpc {

class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0, size_ = 1;
};

// Contiguous block [begin, end) of n items owned by `rank` of `size` (first ranks get
// one more when n does not divide evenly).
std::pair<std::size_t, std::size_t> block_range(std::size_t n, int rank, int size);

// Element-wise maximum of `data` over all ranks, result on rank 0 (exact for doubles).
void reduce_max_to_root(std::vector<double>& data);

// Gathers each rank's block (block_range(n_items) * item_size doubles, in rank order)
// into `all` on rank 0, which must be sized n_items * item_size there.
void gather_blocks_to_root(const double* mine, std::size_t n_items, std::size_t item_size,
                           double* all);

// Element-wise integer sums over all ranks, result on rank 0 (exact in any order).
void reduce_sum_to_root(std::vector<std::int32_t>& data);
void reduce_sum_to_root(std::vector<std::int64_t>& data);
// Concatenation of every rank's values in rank order, on rank 0 (empty elsewhere).
std::vector<double> gather_to_root(const std::vector<double>& mine);

int omp_threads();

}  // namespace taifeng::hpc
