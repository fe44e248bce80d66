#include "solver/transport/diffusion.hpp"

#include <algorithm>
#include <cmath>

namespace qiantang::transport {

double diffuse_column(int nz, const double* mass, const double* g, double dt, double emission,
                      double dep, double* q, double* work) {
  // Tridiagonal system a_k q'_{k−1} + b_k q'_k + c_k q'_{k+1} = r_k, solved by the Thomas
  // algorithm (diagonally dominant, so no pivoting is needed).
  double* c = work;
  double* r = work + nz;
  double* bb = work + 2 * nz;
  for (int k = 0; k < nz; ++k) {
    const double gl = k > 0 ? g[k] : 0.0, gu = k < nz - 1 ? g[k + 1] : 0.0;
    bb[k] = mass[k] + dt * (gl + gu) + (k == 0 ? dt * dep : 0.0);
    c[k] = -dt * gu;
    r[k] = mass[k] * q[k] + (k == 0 ? dt * emission : 0.0);
  }
  // Forward elimination.
  for (int k = 1; k < nz; ++k) {
    const double a = -dt * g[k];
    const double w = a / bb[k - 1];
    bb[k] -= w * c[k - 1];
    r[k] -= w * r[k - 1];
  }
  q[nz - 1] = r[nz - 1] / bb[nz - 1];
  for (int k = nz - 2; k >= 0; --k) q[k] = (r[k] - c[k] * q[k + 1]) / bb[k];
  return dt * dep * q[0];
}

int diffuse_horizontal(std::span<Array3* const> q, const Array3& mass, const Array3& gx,
                       const Array3& gy, double dt, const std::function<void()>& fill_halos,
                       const std::function<double(double)>& global_max) {
  const Extents e = mass.extents();
  const int nx = e.nx, ny = e.ny, nz = e.nz;
  // Explicit stability: Δt Σ G / M ≤ 1/2 keeps the update a convex combination (positive).
  double rate = 0.0;
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        rate = std::max(rate, (gx(k, j, i) + gx(k, j, i + 1) + gy(k, j, i) + gy(k, j + 1, i)) / mass(k, j, i));
  if (global_max) rate = global_max(rate);
  const int n = std::max(1, int(std::ceil(rate * dt / 0.5)));
  const double h = dt / n;
  std::vector<double> next(std::size_t(nx) * std::size_t(ny));
  for (int s = 0; s < n; ++s) {
    if (fill_halos) fill_halos();
    for (Array3* f : q) {
      for (int k = 0; k < nz; ++k) {
#pragma omp parallel for schedule(static)
        for (int j = 0; j < ny; ++j)
          for (int i = 0; i < nx; ++i) {
            const double qc = (*f)(k, j, i);
            const double flux = gx(k, j, i + 1) * ((*f)(k, j, i + 1) - qc) - gx(k, j, i) * (qc - (*f)(k, j, i - 1)) +
                                gy(k, j + 1, i) * ((*f)(k, j + 1, i) - qc) - gy(k, j, i) * (qc - (*f)(k, j - 1, i));
            next[std::size_t(j) * std::size_t(nx) + std::size_t(i)] = qc + h * flux / mass(k, j, i);
          }
        for (int j = 0; j < ny; ++j)
          for (int i = 0; i < nx; ++i) (*f)(k, j, i) = next[std::size_t(j) * std::size_t(nx) + std::size_t(i)];
      }
    }
  }
  return n;
}

}  // namespace qiantang::transport
