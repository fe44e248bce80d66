#pragma once
// A single-tile advection problem for the verification tests: uniform or given cell masses,
// face fluxes from a velocity function, periodic or inflow/zero-gradient halos.
#include <cmath>
#include <functional>
#include <vector>

#include "solver/transport/advection.hpp"

namespace qiantang::test {

inline int wrap(int i, int n) { return ((i % n) + n) % n; }

// Periodic halos (corners included) on a single tile.
inline void fill_periodic(Array3& q) {
  const Extents e = q.extents();
  for (int k = 0; k < e.nz; ++k)
    for (int j = -e.halo; j < e.ny + e.halo; ++j)
      for (int i = -e.halo; i < e.nx + e.halo; ++i)
        if (i < 0 || i >= e.nx || j < 0 || j >= e.ny) q(k, j, i) = q(k, wrap(j, e.ny), wrap(i, e.nx));
}

// Inflow boundary value where the face flux enters, zero gradient elsewhere (single tile).
inline void fill_inflow(Array3& q, double value) {
  const Extents e = q.extents();
  for (int k = 0; k < e.nz; ++k)
    for (int j = -e.halo; j < e.ny + e.halo; ++j)
      for (int i = -e.halo; i < e.nx + e.halo; ++i)
        if (i < 0 || i >= e.nx || j < 0 || j >= e.ny) q(k, j, i) = value;
}

struct Norms {
  double l1 = 0, l2 = 0, linf = 0;
};

inline Norms relative_norms(const Array3& f, const std::vector<double>& exact) {
  const Extents e = f.extents();
  double e1 = 0, e2 = 0, ei = 0, s1 = 0, s2 = 0, si = 0;
  std::size_t n = 0;
  for (int k = 0; k < e.nz; ++k)
    for (int j = 0; j < e.ny; ++j)
      for (int i = 0; i < e.nx; ++i, ++n) {
        const double d = f(k, j, i) - exact[n];
        e1 += std::abs(d);
        e2 += d * d;
        ei = std::max(ei, std::abs(d));
        s1 += std::abs(exact[n]);
        s2 += exact[n] * exact[n];
        si = std::max(si, std::abs(exact[n]));
      }
  return {e1 / s1, std::sqrt(e2 / s2), ei / si};
}

}  // namespace qiantang::test
