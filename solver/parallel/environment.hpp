#pragma once
// The process-wide MPI environment. `main` creates one; every other piece of MPI use lives in
// solver/parallel (DESIGN.md).
namespace qiantang::parallel {

class Environment {
 public:
  Environment(int& argc, char**& argv);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  static int world_rank();
  static int world_size();
  static void barrier();
  // Rank 0's value of `v` on every rank.
  static int broadcast_from_root(int v);
  static long long broadcast_from_root(long long v);
  // Ends every rank with `code` (used only when one rank failed alone).
  [[noreturn]] static void abort(int code);

 private:
  bool owns_ = false;
};

}  // namespace qiantang::parallel
