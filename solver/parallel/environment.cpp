#include "solver/parallel/environment.hpp"

#include <mpi.h>

namespace qiantang::parallel {

Environment::Environment(int& argc, char**& argv) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) {
    int provided = 0;
    // Threads exist (OpenMP) but only the master thread calls MPI.
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    owns_ = true;
  }
}

Environment::~Environment() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (owns_ && !finalized) MPI_Finalize();
}

int Environment::world_rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int Environment::world_size() {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

void Environment::barrier() { MPI_Barrier(MPI_COMM_WORLD); }

int Environment::broadcast_from_root(int v) {
  MPI_Bcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return v;
}

long long Environment::broadcast_from_root(long long v) {
  MPI_Bcast(&v, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
  return v;
}

void Environment::abort(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  __builtin_unreachable();
}

}  // namespace qiantang::parallel
