// The single Catch2 main for every test executable. MPI is initialised here (a singleton
// without mpiexec) so that the same test body runs serially and on N ranks.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "solver/parallel/environment.hpp"

int main(int argc, char* argv[]) {
  qiantang::parallel::Environment mpi(argc, argv);
  Catch::Session session;
  // Only rank 0 reports; every rank runs every assertion.
  return session.run(argc, argv);
}
