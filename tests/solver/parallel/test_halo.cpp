// Same test body on 1, 2, 3 and 4 ranks: after exchange every halo cell (corners included)
// holds the value of the global cell it mirrors, or the boundary value outside the domain.
#include <catch2/catch.hpp>

#include "solver/parallel/communicator.hpp"
#include "solver/parallel/environment.hpp"

using namespace qiantang;
using namespace qiantang::parallel;

namespace {
constexpr int kNx = 17, kNy = 11, kNz = 3, kHalo = 3;
double global_value(int k, int j, int i) { return 1000.0 * k + 31.0 * j + i + 0.25; }
// Outside the domain: a distinct value per side so a wrong fill is visible.
double boundary_value(int k, int j, int i) {
  if (i < 0 || i >= kNx || j < 0 || j >= kNy) return -1.0 - k - 0.001 * (j + 10) - 1e-6 * (i + 10);
  return global_value(k, j, i);
}
}  // namespace

TEST_CASE("Halo exchange fills halos and corners as the global field", "[mpi][parallel]") {
  const auto d = Decomposition::create(kNx, kNy, Environment::world_size(), Environment::world_rank(), kHalo);
  const Communicator comm(d);
  Array3 a(Extents{d.nx, d.ny, kNz, kHalo}, std::nan(""));
  Array3 b(Extents{d.nx, d.ny, kNz + 1, kHalo}, std::nan(""));
  for (int k = 0; k < kNz + 1; ++k)
    for (int j = 0; j < d.ny; ++j)
      for (int i = 0; i < d.nx; ++i) {
        if (k < kNz) a(k, j, i) = global_value(k, d.j0 + j, d.i0 + i);
        b(k, j, i) = -global_value(k, d.j0 + j, d.i0 + i);
      }
  // Boundary fill writes the exact boundary value for the halo strip of that side (for phase 1
  // interior rows only, phase 2 whole rows, as the contract says).
  const BoundaryFill fill = [&](Side s, Array3& f, std::size_t index) {
    const double sign = index == 0 ? 1.0 : -1.0;
    const int nz = f.extents().nz;
    const bool x_side = s == Side::west || s == Side::east;
    for (int k = 0; k < nz; ++k)
      for (int j = x_side ? 0 : -kHalo; j < (x_side ? d.ny : d.ny + kHalo); ++j)
        for (int i = -kHalo; i < d.nx + kHalo; ++i) {
          const bool in_strip = (s == Side::west && i < 0) || (s == Side::east && i >= d.nx) ||
                                (s == Side::south && j < 0) || (s == Side::north && j >= d.ny);
          if (in_strip) f(k, j, i) = sign * boundary_value(k, d.j0 + j, d.i0 + i);
        }
  };
  Array3* fields[] = {&a, &b};
  comm.exchange(fields, fill);
  int wrong = 0;
  for (int k = 0; k < kNz + 1; ++k)
    for (int j = -kHalo; j < d.ny + kHalo; ++j)
      for (int i = -kHalo; i < d.nx + kHalo; ++i) {
        const double want = boundary_value(k, d.j0 + j, d.i0 + i);
        if (k < kNz && a(k, j, i) != want) ++wrong;
        if (b(k, j, i) != -want) ++wrong;
      }
  CHECK(wrong == 0);
}

TEST_CASE("Gather reassembles the global field on rank 0", "[mpi][parallel]") {
  const auto d = Decomposition::create(kNx, kNy, Environment::world_size(), Environment::world_rank(), kHalo);
  const Communicator comm(d);
  Array3 a(Extents{d.nx, d.ny, kNz, kHalo});
  for (int k = 0; k < kNz; ++k)
    for (int j = 0; j < d.ny; ++j)
      for (int i = 0; i < d.nx; ++i) a(k, j, i) = global_value(k, d.j0 + j, d.i0 + i);
  const auto g = comm.gather(a);
  if (comm.is_root()) {
    REQUIRE(g.size() == std::size_t(kNx * kNy * kNz));
    int wrong = 0;
    for (int k = 0; k < kNz; ++k)
      for (int j = 0; j < kNy; ++j)
        for (int i = 0; i < kNx; ++i)
          if (g[std::size_t((k * kNy + j) * kNx + i)] != global_value(k, j, i)) ++wrong;
    CHECK(wrong == 0);
  } else {
    CHECK(g.empty());
  }
  CHECK(comm.max(double(d.rank)) == double(d.size - 1));
  CHECK(comm.sum_ordered(1.0) == double(d.size));
  CHECK(comm.any(d.rank == d.size - 1));
  CHECK_FALSE(comm.any(false));
}
