// Vertical (implicit) and horizontal (explicit) diffusion against analytic solutions.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

#include "solver/transport/diffusion.hpp"

using namespace qiantang;
using namespace qiantang::transport;

namespace {

// Diffuses a Gaussian pulse of width s0 in a column of height H (uniform ρ, K) for time t;
// the exact solution on an unbounded line has variance s0² + 2Kt (the column is deep enough
// for the walls not to matter). Returns the relative L2 error of the cell values.
double column_error(int nz, double dt, double& mass_change) {
  const double H = 2000.0, K = 10.0, z0 = 1000.0, s0 = 100.0, t_end = 2000.0;
  const double dz = H / nz, rho = 1.2, area = 1.0;
  std::vector<double> m(std::size_t(nz), rho * dz * area), g(std::size_t(nz) + 1, 0.0), q(static_cast<std::size_t>(nz)),
      work(3 * std::size_t(nz));
  for (int k = 1; k < nz; ++k) g[std::size_t(k)] = rho * K * area / dz;
  auto exact = [&](double z, double t) {
    const double var = s0 * s0 + 2 * K * t;
    return s0 / std::sqrt(var) * std::exp(-(z - z0) * (z - z0) / (2 * var));
  };
  for (int k = 0; k < nz; ++k) q[std::size_t(k)] = exact((k + 0.5) * dz, 0.0);
  double m0 = 0;
  for (int k = 0; k < nz; ++k) m0 += m[std::size_t(k)] * q[std::size_t(k)];
  const int steps = int(std::lround(t_end / dt));
  for (int s = 0; s < steps; ++s) (void)diffuse_column(nz, m.data(), g.data(), dt, 0.0, 0.0, q.data(), work.data());
  double e2 = 0, s2 = 0, m1 = 0;
  for (int k = 0; k < nz; ++k) {
    const double ex = exact((k + 0.5) * dz, t_end);
    e2 += std::pow(q[std::size_t(k)] - ex, 2);
    s2 += ex * ex;
    m1 += m[std::size_t(k)] * q[std::size_t(k)];
  }
  mass_change = std::abs(m1 - m0) / m0;
  return std::sqrt(e2 / s2);
}

}  // namespace

TEST_CASE("Vertical diffusion of a Gaussian converges at second order (Δt ∝ Δz²)", "[verification][diffusion]") {
  std::printf("\nImplicit vertical diffusion of a Gaussian (K = 10 m2/s, 2000 s)\n   nz    dt(s)   rel. L2 error   order\n");
  double prev = 0;
  for (int nz : {50, 100, 200, 400}) {
    const double dz = 2000.0 / nz, dt = 0.25 * dz * dz / 10.0;  // Δt = Δz²/(4K)
    double dm = 0;
    const double err = column_error(nz, dt, dm);
    std::printf("  %4d  %7.3f   %.4e   %s%.2f\n", nz, dt, err, prev > 0 ? "" : "  -", prev > 0 ? std::log2(prev / err) : 0.0);
    CHECK(dm < 1e-12);  // round-off over up to 6400 implicit steps
    if (nz == 400) CHECK(std::log2(prev / err) > 1.8);
    prev = err;
  }
}

TEST_CASE("Surface flux adds exactly E dt and deposition follows the exact discrete decay", "[verification][diffusion]") {
  const int nz = 12;
  std::vector<double> m(nz), g(nz + 1, 0.0), q(nz, 2e-9), work(3 * nz);
  for (int k = 0; k < nz; ++k) m[std::size_t(k)] = 1000.0 + 37.0 * k;
  for (int k = 1; k < nz; ++k) g[std::size_t(k)] = 5.0 + k;
  double total0 = 0;
  for (int k = 0; k < nz; ++k) total0 += m[std::size_t(k)] * q[std::size_t(k)];
  const double E = 3e-9, dt = 600.0;
  (void)diffuse_column(nz, m.data(), g.data(), dt, E, 0.0, q.data(), work.data());
  double total1 = 0;
  for (int k = 0; k < nz; ++k) total1 += m[std::size_t(k)] * q[std::size_t(k)];
  CHECK(total1 - total0 == Approx(E * dt).epsilon(1e-12));

  // Well mixed (very large K): the column behaves as one box of mass ΣM with loss conductance
  // D, so each implicit step multiplies q by ΣM / (ΣM + Δt D); over many steps this approaches
  // exp(−v_d t / H).
  std::vector<double> mu(nz, 1.2 * 50.0), gu(nz + 1, 0.0), qu(nz, 1.0);
  for (int k = 1; k < nz; ++k) gu[std::size_t(k)] = 1e4;
  const double vd = 0.01, D = vd * 1.2, H = 50.0 * nz, msum = 1.2 * 50.0 * nz;
  double deposited = 0;
  const int steps = 360;
  const double dts = 10.0;
  for (int s = 0; s < steps; ++s) deposited += diffuse_column(nz, mu.data(), gu.data(), dts, 0.0, D, qu.data(), work.data());
  const double discrete = std::pow(msum / (msum + dts * D), steps);
  double mean = 0;
  for (double v : qu) mean += v / nz;
  std::printf("\nDeposition: v_d = 1 cm/s, H = %.0f m, 1 h: column mean %.8f, exact discrete %.8f, exp(-vd t/H) %.8f\n",
              H, mean, discrete, std::exp(-vd * steps * dts / H));
  CHECK(mean == Approx(discrete).epsilon(1e-6));
  CHECK(mean == Approx(std::exp(-vd * steps * dts / H)).epsilon(1e-3));
  CHECK(msum * (1.0 - mean) == Approx(deposited).epsilon(1e-9));
}

TEST_CASE("Horizontal diffusion of a 2-D Gaussian matches the analytic spreading", "[verification][diffusion]") {
  std::printf("\nExplicit horizontal diffusion of a 2-D Gaussian (K = 50 m2/s)\n    n    rel. L2 error   order\n");
  double prev = 0;
  for (int n : {40, 80, 160}) {
    const double L = 20000.0, dx = L / n, K = 50.0, s0 = 1500.0, t_end = 20000.0;
    const Extents e{n, n, 1, 1};
    Array3 q(e), mass(e, 1.2 * 100.0 * dx * dx), gx(Extents{n + 1, n, 1, 1}), gy(Extents{n, n + 1, 1, 1});
    // Conductance ρ K Δz L / d with L = d = Δx; zero on the outer faces (closed domain).
    for (int j = 0; j < n; ++j)
      for (int i = 0; i <= n; ++i) gx(0, j, i) = (i == 0 || i == n) ? 0.0 : 1.2 * K * 100.0;
    for (int j = 0; j <= n; ++j)
      for (int i = 0; i < n; ++i) gy(0, j, i) = (j == 0 || j == n) ? 0.0 : 1.2 * K * 100.0;
    auto exact = [&](double x, double y, double t) {
      const double var = s0 * s0 + 2 * K * t;
      return s0 * s0 / var * std::exp(-((x - L / 2) * (x - L / 2) + (y - L / 2) * (y - L / 2)) / (2 * var));
    };
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) q(0, j, i) = exact((i + 0.5) * dx, (j + 0.5) * dx, 0.0);
    Array3* f[] = {&q};
    // Δt ∝ Δx² so that the explicit scheme's O(Δt + Δx²) error falls at second order.
    const double dt = 0.2 * dx * dx / K;
    const int steps = int(std::lround(t_end / dt));
    for (int s = 0; s < steps; ++s) (void)diffuse_horizontal(f, mass, gx, gy, dt, nullptr, nullptr);
    double e2 = 0, s2 = 0;
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        const double ex = exact((i + 0.5) * dx, (j + 0.5) * dx, steps * dt);
        e2 += std::pow(q(0, j, i) - ex, 2);
        s2 += ex * ex;
      }
    const double err = std::sqrt(e2 / s2);
    std::printf("  %4d   %.4e   %s%.2f\n", n, err, prev > 0 ? "" : "  -", prev > 0 ? std::log2(prev / err) : 0.0);
    if (n == 160) CHECK(std::log2(prev / err) > 1.8);
    prev = err;
  }
}
