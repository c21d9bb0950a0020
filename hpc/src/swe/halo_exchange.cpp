#include "taifeng/hpc/swe/halo_exchange.hpp"

#include <algorithm>
#include <climits>
#include <string>

#include "taifeng/core/error.hpp"

namespace taifeng::hpc::swe {

namespace {
// Tag of a message travelling by (dx, dy): a receive from the neighbour at (dx, dy) expects
// the tag of (-dx, -dy). Distinct per direction, so two links to one rank cannot mix.
int direction_tag(int dx, int dy) {
  return (dy + 1) * 3 + (dx + 1);
}

// Interior cells sent towards offset d along one axis, and ghost cells received from it.
void send_range(int d, long n, long g, long& lo, long& hi) {
  lo = d < 0 ? 0 : d > 0 ? n - g : 0;
  hi = d < 0 ? g : n;
}
void recv_range(int d, long n, long g, long& lo, long& hi) {
  lo = d < 0 ? -g : d > 0 ? n : 0;
  hi = d < 0 ? 0 : d > 0 ? n + g : n;
}
}  // namespace

HaloExchange::HaloExchange(const Decomposition& decomp, MPI_Comm comm) : decomp_(decomp) {
  int size = 0, rank = 0;
  MPI_Comm_size(comm, &size);
  MPI_Comm_rank(comm, &rank);
  TAIFENG_CHECK(size == decomp.nranks && rank == decomp.rank,
                "communicator rank " + std::to_string(rank) + " of " + std::to_string(size) +
                    " differs from the decomposition's " + std::to_string(decomp.rank) + " of " +
                    std::to_string(decomp.nranks));
  MPI_Comm_dup(comm, &comm_);
  const auto& p = decomp_.patch;
  if (p.ghost == 0) return;
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) {
      const int nb = decomp_.neighbour(dx, dy);
      if ((dx == 0 && dy == 0) || nb < 0) continue;
      Link link;
      link.rank = nb;
      link.send_tag = direction_tag(dx, dy);
      link.recv_tag = direction_tag(-dx, -dy);
      send_range(dx, p.nx, p.ghost, link.send_box.i0, link.send_box.i1);
      send_range(dy, p.ny, p.ghost, link.send_box.j0, link.send_box.j1);
      recv_range(dx, p.nx, p.ghost, link.recv_box.i0, link.recv_box.i1);
      recv_range(dy, p.ny, p.ghost, link.recv_box.j0, link.recv_box.j1);
      // The neighbour shares our column (row) range, so the two boxes have equal shapes.
      TAIFENG_CHECK(link.send_box.cells() == link.recv_box.cells(), "halo strip shapes differ");
      links_.push_back(std::move(link));
    }
}

HaloExchange::~HaloExchange() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (finalized) return;
  if (pending_) {  // unwinding after an error: do not leave requests on our buffers
    for (auto& r : recv_reqs_) MPI_Cancel(&r);
    MPI_Waitall(int(recv_reqs_.size()), recv_reqs_.data(), MPI_STATUSES_IGNORE);
    MPI_Waitall(int(send_reqs_.size()), send_reqs_.data(), MPI_STATUSES_IGNORE);
  }
  if (comm_ != MPI_COMM_NULL) MPI_Comm_free(&comm_);
}

void HaloExchange::begin(std::span<double* const> arrays) {
  TAIFENG_CHECK(!pending_, "halo exchange begun twice without finish()");
  for (double* a : arrays) TAIFENG_CHECK(a != nullptr, "null array in halo exchange");
  arrays_.assign(arrays.begin(), arrays.end());
  pending_ = true;
  recv_reqs_.clear();
  send_reqs_.clear();
  const auto& p = decomp_.patch;
  const std::size_t n_arrays = arrays_.size();
  for (auto& link : links_) {
    const std::size_t count = std::size_t(link.send_box.cells()) * n_arrays;
    TAIFENG_CHECK(count <= std::size_t(INT_MAX), "halo strip too large for one MPI message");
    link.send_buf.resize(count);
    link.recv_buf.resize(count);
    recv_reqs_.emplace_back();
    MPI_Irecv(link.recv_buf.data(), int(count), MPI_DOUBLE, link.rank, link.recv_tag, comm_,
              &recv_reqs_.back());
  }
  for (auto& link : links_) {
    const Box& b = link.send_box;
    double* out = link.send_buf.data();
    for (double* a : arrays_)
      for (long j = b.j0; j < b.j1; ++j) out = std::copy_n(a + p.idx(b.i0, j), b.i1 - b.i0, out);
    send_reqs_.emplace_back();
    MPI_Isend(link.send_buf.data(), int(link.send_buf.size()), MPI_DOUBLE, link.rank, link.send_tag,
              comm_, &send_reqs_.back());
  }
}

void HaloExchange::finish() {
  TAIFENG_CHECK(pending_, "halo exchange finish() without begin()");
  const auto& p = decomp_.patch;
  MPI_Waitall(int(recv_reqs_.size()), recv_reqs_.data(), MPI_STATUSES_IGNORE);
  for (auto& link : links_) {
    const Box& b = link.recv_box;
    const double* in = link.recv_buf.data();
    for (double* a : arrays_)
      for (long j = b.j0; j < b.j1; ++j, in += b.i1 - b.i0)
        std::copy_n(in, b.i1 - b.i0, a + p.idx(b.i0, j));
  }
  MPI_Waitall(int(send_reqs_.size()), send_reqs_.data(), MPI_STATUSES_IGNORE);
  pending_ = false;
  arrays_.clear();
}

}  // namespace taifeng::hpc::swe
