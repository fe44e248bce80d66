#include "solver/transport/advection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "solver/common/errors.hpp"
#include "solver/transport/ppm.hpp"

namespace qiantang::transport {

Advection::Advection(Extents tile, AdvectionOptions options) : tile_(tile), options_(options) {
  if (tile.halo < kPpmHalo)
    throw std::logic_error("Advection: the tile halo must be at least " + std::to_string(kPpmHalo));
  mass_ = Array3(tile);
  vertical_transport_ = Array3(Extents{tile.nx, tile.ny, tile.nz + 1, 0});
}

void Advection::sweep_x(std::span<Array3* const> q, const Array3& flux, double dt, int j_begin,
                        int j_end, std::vector<BoundaryTransport>* budget, bool west_edge, bool east_edge) {
  const int nx = tile_.nx, ny = tile_.ny, nz = tile_.nz;
  const int rows = j_end - j_begin;
  const std::size_t ns = q.size();
  // Boundary transports per (row, species), summed in row order afterwards (thread-count
  // independent).
  std::vector<double> b_in_w(budget ? std::size_t(nz * rows) * ns : 0), b_out_w(b_in_w.size()),
      b_in_e(b_in_w.size()), b_out_e(b_in_w.size());
#pragma omp parallel
  {
    std::vector<double> t(std::size_t(nx) + 1), fq(std::size_t(nx) + 1), mnew(std::size_t(nx) + 0),
        work(3 * (std::size_t(nx) + 8));
#pragma omp for schedule(static)
    for (int r = 0; r < nz * rows; ++r) {
      const int k = r / rows, j = j_begin + r % rows;
      const double* m = &mass_(k, j, 0);
      for (int f = 0; f <= nx; ++f) t[std::size_t(f)] = flux(k, j, f) * dt;
      for (int i = 0; i < nx; ++i) mnew[std::size_t(i)] = m[i] - (t[std::size_t(i) + 1] - t[std::size_t(i)]);
      for (std::size_t s = 0; s < ns; ++s) {
        double* qr = &(*q[s])(k, j, 0);
        ppm_face_values(nx, ConstLine{qr, 1}, ConstLine{m, 1}, ConstLine{t.data(), 1}, Line{fq.data(), 1},
                        work.data());
        for (int i = 0; i < nx; ++i) {
          const std::size_t u = std::size_t(i);
          qr[i] = (m[i] * qr[i] - (t[u + 1] * fq[u + 1] - t[u] * fq[u])) / mnew[u];
        }
        if (budget && j >= 0 && j < ny) {
          const std::size_t b = std::size_t(r) * ns + s;
          const double tw = t[0] * fq[0], te = t[std::size_t(nx)] * fq[std::size_t(nx)];
          if (west_edge) (tw >= 0 ? b_in_w[b] : b_out_w[b]) += std::abs(tw);
          if (east_edge) (te >= 0 ? b_out_e[b] : b_in_e[b]) += std::abs(te);
        }
      }
    }
  }
  if (budget)
    for (int r = 0; r < nz * rows; ++r)
      for (std::size_t s = 0; s < ns; ++s) {
        const std::size_t b = std::size_t(r) * ns + s;
        (*budget)[s].in[west] += b_in_w[b];
        (*budget)[s].out[west] += b_out_w[b];
        (*budget)[s].in[east] += b_in_e[b];
        (*budget)[s].out[east] += b_out_e[b];
      }
  // Air mass after the sweep, on the whole tile including its halo, with the same expression
  // as above so interior values agree bit for bit.
  const int h = tile_.halo;
#pragma omp parallel for schedule(static)
  for (int k = 0; k < nz; ++k)
    for (int j = -h; j < ny + h; ++j)
      for (int i = -h; i < nx + h; ++i)
        mass_(k, j, i) = mass_(k, j, i) - (flux(k, j, i + 1) * dt - flux(k, j, i) * dt);
}

void Advection::sweep_y(std::span<Array3* const> q, const Array3& flux, double dt, int i_begin,
                        int i_end, std::vector<BoundaryTransport>* budget, bool south_edge, bool north_edge) {
  const int nx = tile_.nx, ny = tile_.ny, nz = tile_.nz;
  const int cols = i_end - i_begin;
  const std::size_t ns = q.size();
  const auto stride = std::ptrdiff_t(tile_.stride_j());
  std::vector<double> b_in_s(budget ? std::size_t(nz * cols) * ns : 0), b_out_s(b_in_s.size()),
      b_in_n(b_in_s.size()), b_out_n(b_in_s.size());
#pragma omp parallel
  {
    std::vector<double> t(std::size_t(ny) + 1), fq(std::size_t(ny) + 1), mnew(std::size_t(ny) + 0),
        work(3 * (std::size_t(ny) + 8));
#pragma omp for schedule(static)
    for (int r = 0; r < nz * cols; ++r) {
      const int k = r / cols, i = i_begin + r % cols;
      const double* m = &mass_(k, 0, i);
      for (int f = 0; f <= ny; ++f) t[std::size_t(f)] = flux(k, f, i) * dt;
      for (int j = 0; j < ny; ++j)
        mnew[std::size_t(j)] = m[j * stride] - (t[std::size_t(j) + 1] - t[std::size_t(j)]);
      for (std::size_t s = 0; s < ns; ++s) {
        double* qc = &(*q[s])(k, 0, i);
        ppm_face_values(ny, ConstLine{qc, stride}, ConstLine{m, stride}, ConstLine{t.data(), 1},
                        Line{fq.data(), 1}, work.data());
        for (int j = 0; j < ny; ++j) {
          const std::size_t u = std::size_t(j);
          qc[j * stride] = (m[j * stride] * qc[j * stride] - (t[u + 1] * fq[u + 1] - t[u] * fq[u])) / mnew[u];
        }
        if (budget && i >= 0 && i < nx) {
          const std::size_t b = std::size_t(r) * ns + s;
          const double ts = t[0] * fq[0], tn = t[std::size_t(ny)] * fq[std::size_t(ny)];
          if (south_edge) (ts >= 0 ? b_in_s[b] : b_out_s[b]) += std::abs(ts);
          if (north_edge) (tn >= 0 ? b_out_n[b] : b_in_n[b]) += std::abs(tn);
        }
      }
    }
  }
  if (budget)
    for (int r = 0; r < nz * cols; ++r)
      for (std::size_t s = 0; s < ns; ++s) {
        const std::size_t b = std::size_t(r) * ns + s;
        (*budget)[s].in[south] += b_in_s[b];
        (*budget)[s].out[south] += b_out_s[b];
        (*budget)[s].in[north] += b_in_n[b];
        (*budget)[s].out[north] += b_out_n[b];
      }
  const int h = tile_.halo;
#pragma omp parallel for schedule(static)
  for (int k = 0; k < nz; ++k)
    for (int j = -h; j < ny + h; ++j)
      for (int i = -h; i < nx + h; ++i)
        mass_(k, j, i) = mass_(k, j, i) - (flux(k, j + 1, i) * dt - flux(k, j, i) * dt);
}

AdvectionStatus Advection::horizontal(std::span<Array3* const> q, const Array3& mass_start,
                                      const Array3& x_flux, const Array3& y_flux, double dt_s,
                                      long step, const std::function<void()>& fill_halos,
                                      const std::function<double(double)>& global_max,
                                      std::vector<BoundaryTransport>* budget, bool west_edge,
                                      bool east_edge, bool south_edge, bool north_edge) {
  if (!(dt_s > 0)) throw InputError("advection", "dt", "a positive time step, got " + std::to_string(dt_s));
  const int nx = tile_.nx, ny = tile_.ny, nz = tile_.nz, h = tile_.halo;
  AdvectionStatus status;
  // Outflow Courant numbers in x and in y over the tile and its halo.
  double courant = 0.0;
  for (int k = 0; k < nz; ++k)
    for (int j = -h; j < ny + h; ++j)
      for (int i = -h; i < nx + h; ++i) {
        const double m = mass_start(k, j, i);
        if (!(m > 0)) {
          status.ok = false;
          status.message = "non-positive air mass " + std::to_string(m) + " kg at cell (i=" +
                           std::to_string(i) + ", j=" + std::to_string(j) + ", k=" + std::to_string(k) + ")";
          return status;
        }
        const double cx = (std::max(x_flux(k, j, i + 1), 0.0) + std::max(-x_flux(k, j, i), 0.0)) * dt_s / m;
        const double cy = (std::max(y_flux(k, j + 1, i), 0.0) + std::max(-y_flux(k, j, i), 0.0)) * dt_s / m;
        courant = std::max({courant, cx, cy});
      }
  courant = global_max ? global_max(courant) : courant;
  const int n = std::max(1, int(std::ceil(courant / options_.courant_max)));
  status.substeps = n;
  if (n > options_.max_substeps) {
    status.ok = false;
    status.message = "horizontal Courant number " + std::to_string(courant) + " needs " +
                     std::to_string(n) + " sub-steps (limit " + std::to_string(options_.max_substeps) +
                     "); reduce run.time_step_s";
    return status;
  }
  const double dt = dt_s / n;
  mass_ = mass_start;
  for (int s = 0; s < n; ++s) {
    if (fill_halos) fill_halos();
    if ((step + s) % 2 == 0) {
      sweep_x(q, x_flux, dt, -h, ny + h, budget, west_edge, east_edge);
      sweep_y(q, y_flux, dt, 0, nx, budget, south_edge, north_edge);
    } else {
      sweep_y(q, y_flux, dt, -h, nx + h, budget, south_edge, north_edge);
      sweep_x(q, x_flux, dt, 0, ny, budget, west_edge, east_edge);
    }
  }
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        if (!(mass_(k, j, i) > 0)) {
          status.ok = false;
          status.message = "air mass became non-positive at cell (i=" + std::to_string(i) + ", j=" +
                           std::to_string(j) + ", k=" + std::to_string(k) + "): divergence too strong for the step";
          return status;
        }
  return status;
}

AdvectionStatus Advection::vertical(std::span<Array3* const> q, const Array3& mass_end,
                                    std::vector<BoundaryTransport>* budget) {
  const int nx = tile_.nx, ny = tile_.ny, nz = tile_.nz;
  const std::size_t ns = q.size();
  AdvectionStatus status;
  std::vector<int> substeps(std::size_t(nx) * std::size_t(ny), 1);
  std::vector<double> top_in(std::size_t(nx * ny) * ns), top_out(top_in.size());
  int worst = 0;
#pragma omp parallel
  {
    const std::size_t len = std::size_t(nz) + 6;
    std::vector<double> t(std::size_t(nz) + 1), ts(std::size_t(nz) + 1), fq(std::size_t(nz) + 1);
    std::vector<double> qcol(len), mcol(len), mnew(std::size_t(nz) + 0), work(3 * (std::size_t(nz) + 8));
#pragma omp for schedule(static)
    for (int c = 0; c < nx * ny; ++c) {
      const int j = c / nx, i = c % nx;
      // Continuity: M_end,k = M*_k − (T_{k+1} − T_k), T_0 = 0 at the ground.
      t[0] = 0.0;
      for (int k = 0; k < nz; ++k)
        t[std::size_t(k) + 1] = t[std::size_t(k)] + (mass_(k, j, i) - mass_end(k, j, i));
      for (int k = 0; k <= nz; ++k) vertical_transport_(k, j, i) = t[std::size_t(k)];
      double courant = 0.0;
      for (int k = 0; k < nz; ++k)
        courant = std::max(courant, (std::max(t[std::size_t(k) + 1], 0.0) + std::max(-t[std::size_t(k)], 0.0)) /
                                        mass_(k, j, i));
      const int n = std::max(1, int(std::ceil(courant / options_.courant_max)));
      substeps[std::size_t(c)] = n;
      if (n > options_.max_substeps) continue;
      for (int k = 0; k <= nz; ++k) ts[std::size_t(k)] = t[std::size_t(k)] / n;
      for (std::size_t s = 0; s < ns; ++s) {
        Array3& f = *q[s];
        double* qk = qcol.data() + 3;  // qk[k] for k = −3..nz+2
        double* mk = mcol.data() + 3;
        for (int k = 0; k < nz; ++k) {
          qk[k] = f(k, j, i);
          mk[k] = mass_(k, j, i);
        }
        for (int sub = 0; sub < n; ++sub) {
          for (int g = 1; g <= 3; ++g) {  // zero-gradient ghosts below the ground and above the top
            qk[-g] = qk[0];
            mk[-g] = mk[0];
            qk[nz - 1 + g] = qk[nz - 1];
            mk[nz - 1 + g] = mk[nz - 1];
          }
          ppm_face_values(nz, ConstLine{qk, 1}, ConstLine{mk, 1}, ConstLine{ts.data(), 1},
                          Line{fq.data(), 1}, work.data());
          for (int k = 0; k < nz; ++k) {
            const std::size_t u = std::size_t(k);
            mnew[u] = mk[k] - (ts[u + 1] - ts[u]);
            qk[k] = (mk[k] * qk[k] - (ts[u + 1] * fq[u + 1] - ts[u] * fq[u])) / mnew[u];
          }
          for (int k = 0; k < nz; ++k) mk[k] = mnew[std::size_t(k)];
          const double top_t = ts[std::size_t(nz)] * fq[std::size_t(nz)];
          (top_t >= 0 ? top_out : top_in)[std::size_t(c) * ns + s] += std::abs(top_t);
        }
        for (int k = 0; k < nz; ++k) f(k, j, i) = qk[k];
      }
    }
  }
  for (int c = 0; c < nx * ny; ++c) worst = std::max(worst, substeps[std::size_t(c)]);
  status.substeps = worst;
  if (worst > options_.max_substeps) {
    status.ok = false;
    status.message = "vertical Courant number needs " + std::to_string(worst) +
                     " sub-steps (limit " + std::to_string(options_.max_substeps) + "); reduce run.time_step_s";
    return status;
  }
  if (budget)
    for (int c = 0; c < nx * ny; ++c)
      for (std::size_t s = 0; s < ns; ++s) {
        (*budget)[s].in[top] += top_in[std::size_t(c) * ns + s];
        (*budget)[s].out[top] += top_out[std::size_t(c) * ns + s];
      }
  // The air mass now is the met's end-of-step mass.
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) mass_(k, j, i) = mass_end(k, j, i);
  return status;
}

}  // namespace qiantang::transport
