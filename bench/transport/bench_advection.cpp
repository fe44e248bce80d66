// Advection throughput against the memory-bandwidth bound.
//
// Measures, for 1 and 2 OpenMP threads (or the counts given as arguments):
//  - a STREAM-style triad a = b + s·c on arrays far larger than the caches (McCalpin 1995;
//    bytes counted as STREAM does: 3 × 8 per element), the attainable bandwidth B;
//  - horizontal (x and y PPM sweeps) plus vertical advection of N species on a 3-D tile with
//    a Courant number of about 0.5, as cell-species updates per second.
// The bandwidth bound assumes that one step streams every tracer through memory once per
// sweep (three sweeps: x, y, z), reading and writing it (16 bytes per sweep): 48 bytes per
// cell-species update, so bound = B / 48. Air masses and fluxes are shared by the species and
// not counted. Prints the fraction of that bound reached.
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "solver/transport/advection.hpp"

using qiantang::Array3;
using qiantang::Extents;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double triad_bandwidth_GBs(int threads) {
  const std::size_t n = std::size_t(1) << 25;  // 32 Mi doubles, 256 MiB per array
  std::vector<double> a(n), b(n, 1.0), c(n, 2.0);
  double best = 1e30;
  for (int rep = 0; rep < 5; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + 3.0 * c[i];
    best = std::min(best, seconds_since(t0));
  }
  if (a[n / 2] != 7.0) std::abort();
  return 3.0 * 8.0 * double(n) / best / 1e9;
}

double advection_updates_per_s(int threads, int nx, int ny, int nz, int nspecies, int steps) {
  omp_set_num_threads(threads);
  const int h = 3;
  const Extents cells{nx, ny, nz, h};
  qiantang::transport::Advection adv(cells);
  Array3 mass(cells, 1.0e9), fx(Extents{nx + 1, ny, nz, h}), fy(Extents{nx, ny + 1, nz, h});
  const double dt = 60.0;
  // Courant 0.5 in x, 0.3 in y with M = 1e9 kg: F = C M / dt.
  fx.fill(0.5 * 1.0e9 / dt);
  fy.fill(0.3 * 1.0e9 / dt);
  std::vector<Array3> q;
  for (int s = 0; s < nspecies; ++s) {
    q.emplace_back(cells, 0.0);
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) q.back()(k, j, i) = 1.0 + 0.5 * double((i * 7 + j * 3 + k + s) % 11);
  }
  std::vector<Array3*> qp;
  for (auto& f : q) qp.push_back(&f);
  // Periodic halos: a stand-in for the exchange, so that the benchmark measures the kernels.
  auto fill = [&] {
    for (auto* f : qp)
      for (int k = 0; k < nz; ++k) {
        for (int j = 0; j < ny; ++j)
          for (int g = 1; g <= h; ++g) {
            (*f)(k, j, -g) = (*f)(k, j, nx - g);
            (*f)(k, j, nx - 1 + g) = (*f)(k, j, g - 1);
          }
        for (int i = -h; i < nx + h; ++i)
          for (int g = 1; g <= h; ++g) {
            (*f)(k, -g, i) = (*f)(k, ny - g, i);
            (*f)(k, ny - 1 + g, i) = (*f)(k, g - 1, i);
          }
      }
  };
  auto identity = [](double x) { return x; };
  fill();
  double best = 1e30;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int n = 0; n < steps; ++n) {
      auto st = adv.horizontal(qp, mass, fx, fy, dt, n, fill, identity, nullptr, false, false, false, false);
      if (!st.ok) std::abort();
      auto sv = adv.vertical(qp, mass, nullptr);
      if (!sv.ok) std::abort();
    }
    best = std::min(best, seconds_since(t0));
  }
  return double(nx) * ny * nz * nspecies * steps / best;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> thread_counts;
  for (int a = 1; a < argc; ++a) thread_counts.push_back(std::atoi(argv[a]));
  if (thread_counts.empty()) thread_counts = {1, 2};
  const int nx = 96, ny = 96, nz = 16, nspecies = 24, steps = 4;
  std::printf("advection of %d species on %d x %d x %d cells, %d steps per repetition (best of 3)\n", nspecies, nx,
              ny, nz, steps);
  std::printf("%8s %14s %22s %18s %10s\n", "threads", "triad GB/s", "cell-species upd/s", "bound (B/48) upd/s",
              "fraction");
  double one = 0.0;
  for (int t : thread_counts) {
    const double bw = triad_bandwidth_GBs(t);
    const double rate = advection_updates_per_s(t, nx, ny, nz, nspecies, steps);
    const double bound = bw * 1e9 / 48.0;
    if (one == 0.0) one = rate;
    std::printf("%8d %14.2f %22.3e %18.3e %9.1f%%   speed-up %.2fx\n", t, bw, rate, bound, 100.0 * rate / bound,
                rate / one);
  }
  return 0;
}
