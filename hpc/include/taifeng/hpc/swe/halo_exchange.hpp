#pragma once
// Explicit, non-blocking exchange of the ghost cells between the blocks of a Decomposition.
//
// Every array (laid out by the rank's Patch, patch.size() elements) gets its inter-rank
// ghost cells from the up to 8 neighbouring blocks: the 4 edge neighbours send ghost-wide
// strips along the edges, the 4 diagonal neighbours send ghost x ghost corner squares. The
// corners therefore hold the true neighbour values (a stencil with diagonal terms, e.g. a
// second-order MUSCL/corner-transport update, may read them), and all 8 messages are in
// flight at once, so there is no x-then-y ordering and no dependency between phases.
//
// Only ghost cells whose global index lies inside the grid are written. Ghost cells beyond
// the physical boundary (at_west() etc., corners included) are never touched: the solver's
// boundary conditions fill them after finish(). To agree with a one-block run, apply them
// as x sides over all rows j in [-ghost, ny + ghost) first, then y sides over all columns.
//
// Overlap: begin() packs the edge strips into private buffers and posts MPI_Irecv/MPI_Isend;
// finish() waits and unpacks into the ghost cells. Between the two the caller may compute
// any cell whose stencil reads no ghost cell, i.e. local cells at distance >= ghost from
// every block edge (ghost <= i < nx - ghost, ghost <= j < ny - ghost for a stencil of radius
// ghost), and may even overwrite interior cells (the strips are already copied). Ghost
// cells must be neither read nor written until finish() returns, and the arrays must stay
// alive until then.
#include <mpi.h>

#include <span>
#include <vector>

#include "taifeng/hpc/swe/decomposition.hpp"

namespace taifeng::hpc::swe {

class HaloExchange {
 public:
  // Collective over comm (it is duplicated, so exchanges never match other traffic); comm's
  // size and this rank must be those of the decomposition.
  HaloExchange(const Decomposition& decomp, MPI_Comm comm);
  ~HaloExchange();
  HaloExchange(const HaloExchange&) = delete;
  HaloExchange& operator=(const HaloExchange&) = delete;

  // Posts the exchange of every array (each patch().size() doubles, same order on every
  // rank). At most one exchange is pending at a time.
  void begin(std::span<double* const> arrays);
  // Waits for the pending exchange and writes the received ghost cells.
  void finish();
  void exchange(std::span<double* const> arrays) {
    begin(arrays);
    finish();
  }

  bool pending() const { return pending_; }
  const Decomposition& decomposition() const { return decomp_; }
  const solver::swe::Patch& patch() const { return decomp_.patch; }
  MPI_Comm comm() const { return comm_; }

 private:
  struct Box {  // local cells [i0, i1) x [j0, j1)
    long i0 = 0, i1 = 0, j0 = 0, j1 = 0;
    long cells() const { return (i1 - i0) * (j1 - j0); }
  };
  struct Link {  // one neighbouring block
    int rank = -1;
    int send_tag = 0, recv_tag = 0;
    Box send_box, recv_box;
    std::vector<double> send_buf, recv_buf;
  };

  Decomposition decomp_;
  MPI_Comm comm_ = MPI_COMM_NULL;
  std::vector<Link> links_;
  std::vector<MPI_Request> recv_reqs_, send_reqs_;
  std::vector<double*> arrays_;  // of the pending exchange
  bool pending_ = false;
};

}  // namespace taifeng::hpc::swe
