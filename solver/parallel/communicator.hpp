#pragma once
// Everything the solver needs from MPI, behind one value-like object: halo exchange of fields
// (corners included), gathers of tile interiors to rank 0, and the few reductions the model
// makes. Processes never call MPI; they receive filled halos (STYLE.md habit 5).
#include <functional>
#include <span>
#include <vector>

#include "solver/fields/array3d.hpp"
#include "solver/parallel/decomposition.hpp"

namespace qiantang::parallel {

// Fills the halo of `field` on a global-boundary `side` (lateral boundary conditions).
// `index` is the field's position in the list passed to exchange().
using BoundaryFill = std::function<void(Side side, Array3& field, std::size_t index)>;

class Communicator {
 public:
  explicit Communicator(const Decomposition& d);

  const Decomposition& decomposition() const { return d_; }
  bool is_root() const { return d_.rank == 0; }

  // Exchanges the halos of every field (all must have the tile's nx, ny and a common halo; nz
  // and staggering may differ only if extents match across ranks). Order: west/east for
  // interior rows, then the boundary fill of west/east, then south/north for whole rows
  // including the x halo (so corners are filled), then the boundary fill of south/north.
  // Serial and distributed runs therefore see the same halo values.
  void exchange(std::span<Array3* const> fields, const BoundaryFill& fill) const;
  void exchange(Array3& field, const BoundaryFill& fill) const {
    Array3* p = &field;
    exchange(std::span<Array3* const>(&p, 1), fill);
  }

  // Gathers the tile interiors (all nz levels) of `local` into a global (nz, gny, gnx) array on
  // rank 0, i fastest; other ranks get an empty vector. Cell fields only.
  std::vector<double> gather(const Array3& local) const;

  double max(double local) const;
  long max(long local) const;
  // Sum in a fixed rank order (gather then add on rank 0, broadcast): bitwise reproducible for a
  // given rank count. Cross-rank-count reproducible sums use gather() on fields.
  double sum_ordered(double local) const;
  void broadcast(std::vector<double>& v) const;
  // Element-wise sum over ranks into every rank's `v`, for vectors in which each element is
  // non-zero on at most one rank: then the sum is exact and independent of the rank count.
  void sum_disjoint(std::vector<double>& v) const;
  void barrier() const;
  // true on every rank when `flag` is true on any rank.
  bool any(bool flag) const;

 private:
  Decomposition d_;
};

}  // namespace qiantang::parallel
