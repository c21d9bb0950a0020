#pragma once
// Runs a function on rank 0 of a communicator and makes its failure everybody's: a
// taifeng::Error thrown there is rethrown on every rank with the same kind, place and
// message, so no rank waits forever in the next collective.
#include <mpi.h>

#include <exception>
#include <string>

#include "taifeng/core/error.hpp"

namespace taifeng::hpc::swe {

void broadcast_string(std::string& s, MPI_Comm comm);

// Collective over comm; rethrows rank 0's error everywhere.
template <class F>
void call_on_root(MPI_Comm comm, F&& fn) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  int kind = -1;  // -1: success, else an ErrorKind
  std::string at, message;
  if (rank == 0) {
    try {
      fn();
    } catch (const Error& e) {
      kind = int(e.kind()), at = e.where(), message = e.what();
      if (!at.empty() && message.rfind(at + ": ", 0) == 0) message.erase(0, at.size() + 2);
    } catch (const std::exception& e) {
      kind = int(ErrorKind::internal), at = "rank 0", message = e.what();
    }
  }
  MPI_Bcast(&kind, 1, MPI_INT, 0, comm);
  if (kind < 0) return;
  broadcast_string(at, comm);
  broadcast_string(message, comm);
  throw Error(ErrorKind(kind), at, message);
}

}  // namespace taifeng::hpc::swe
