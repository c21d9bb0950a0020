// The shared Catch2 main does not start MPI: this listener holds an MpiSession for the
// whole test run (MPI singleton without mpirun, one rank per process under mpirun).
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>
#include <memory>

#include "taifeng/hpc/mpi_runtime.hpp"

namespace {
struct MpiListener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testRunStarting(const Catch::TestRunInfo&) override {
    session = std::make_unique<taifeng::hpc::MpiSession>(nullptr, nullptr);
  }
  void testRunEnded(const Catch::TestRunStats&) override { session.reset(); }
  std::unique_ptr<taifeng::hpc::MpiSession> session;
};
}  // namespace

CATCH_REGISTER_LISTENER(MpiListener)
