// 2-D verification: Molenkamp–Crowley rotating cone and LeVeque's reversing swirl.
#include <catch2/catch.hpp>

#include <cstdio>

#include "tests/solver/transport/advection_harness.hpp"

using namespace qiantang;
using namespace qiantang::transport;

TEST_CASE("Rotating cone: 6 rotations keep the peak at least as well as MPDATA+FCT", "[verification][advection]") {
  // Jaruga et al. (2015, GMD 8, 1005), Fig. 12: 100 × 100, Δx = 1, Δt = 0.1, ω = 0.1 about
  // (50, 50), 628 steps per rotation; cone 1 + max(0, 4 − d/(15/4)) centred at (50, 75).
  const int n = 100;
  const Extents e{n, n, 1, 3};
  Array3 q(e), mass(e, 1.0), fx(Extents{n + 1, n, 1, 3}), fy(Extents{n, n + 1, 1, 3});
  const double omega = 0.1, dt = 0.1;
  for (int j = -3; j < n + 3; ++j)
    for (int i = -3; i < n + 4; ++i) fx(0, j, i) = -omega * (j - 50.0);
  for (int j = -3; j < n + 4; ++j)
    for (int i = -3; i < n + 3; ++i) fy(0, j, i) = omega * (i - 50.0);
  std::vector<double> exact(std::size_t(n * n));
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const double d = std::hypot(i - 50.0, j - 75.0);
      q(0, j, i) = exact[std::size_t(j * n + i)] = 1.0 + std::max(0.0, 4.0 - d / (15.0 / 4.0));
    }
  const double peak0 = *std::max_element(exact.begin(), exact.end());
  Advection adv(e);
  Array3* fields[] = {&q};
  double global_min = 1e300;
  std::printf("\nRotating cone (initial peak %.3f)\nrotation   min        max       L1         L2         Linf\n", peak0);
  long step = 0;
  for (int rot = 1; rot <= 6; ++rot) {
    for (int s = 0; s < 628; ++s, ++step) {
      auto st = adv.horizontal(fields, mass, fx, fy, dt, step, [&] { test::fill_inflow(q, 1.0); },
                               nullptr, nullptr, false, false, false, false);
      REQUIRE(st.ok);
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) global_min = std::min(global_min, q(0, j, i));
    }
    double lo = 1e300, hi = -1e300;
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        lo = std::min(lo, q(0, j, i));
        hi = std::max(hi, q(0, j, i));
      }
    const auto nr = test::relative_norms(q, exact);
    std::printf("   %d     %.6f  %.4f   %.3e  %.3e  %.3e\n", rot, lo, hi, nr.l1, nr.l2, nr.linf);
    if (rot == 6) {
      std::printf("retained peak (max-1)/(%.3f-1) = %.3f; published MPDATA+FCT: (3.525-1)/(4.796-1) = %.3f\n",
                  peak0, (hi - 1) / (peak0 - 1), (3.525 - 1) / (4.796 - 1));
      CHECK(hi >= 3.5);
      CHECK(hi <= peak0);
    }
  }
  CHECK(global_min >= 1.0 - 1e-13);
}

namespace {

// LeVeque (1996) swirl on the unit square: face fluxes from the stream function
// ψ = sin²(πx) sin²(πy)/π · cos(πt/T), so the discrete flow is exactly non-divergent.
test::Norms swirl(int n, double period, double& lo, double& hi, double& mass_change) {
  const Extents e{n, n, 1, 3};
  const double h = 1.0 / n;
  Array3 q(e), mass(e, h * h), fx(Extents{n + 1, n, 1, 3}), fy(Extents{n, n + 1, 1, 3});
  auto psi = [](double x, double y) { return std::pow(std::sin(M_PI * x) * std::sin(M_PI * y), 2) / M_PI; };
  std::vector<double> exact(std::size_t(n * n));
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      // Cell average of the cosine bell by 4 × 4 Gauss-free midpoint sub-sampling.
      double s = 0;
      for (int a = 0; a < 8; ++a)
        for (int b = 0; b < 8; ++b) {
          const double x = (i + (a + 0.5) / 8) * h, y = (j + (b + 0.5) / 8) * h;
          const double r = 4.0 * std::hypot(x - 0.25, y - 0.25);
          s += r < 1.0 ? 0.25 * std::pow(1.0 + std::cos(M_PI * r), 2) : 0.0;
        }
      q(0, j, i) = exact[std::size_t(j * n + i)] = s / 64.0;
    }
  double m0 = 0;
  for (double v : exact) m0 += v;
  const double dt = 0.5 * h;  // Courant ≤ 0.5 (|u| ≤ 1)
  const int steps = int(std::lround(period / dt));
  Advection adv(e);
  Array3* fields[] = {&q};
  lo = 1e300;
  hi = -1e300;
  for (int s = 0; s < steps; ++s) {
    const double g = std::cos(M_PI * (s + 0.5) * dt / period);
    for (int j = -3; j < n + 3; ++j)
      for (int i = -3; i < n + 4; ++i) {
        const double x = std::clamp(i * h, 0.0, 1.0), y0 = std::clamp(j * h, 0.0, 1.0),
                     y1 = std::clamp((j + 1) * h, 0.0, 1.0);
        fx(0, j, i) = g * (psi(x, y1) - psi(x, y0));
      }
    for (int j = -3; j < n + 4; ++j)
      for (int i = -3; i < n + 3; ++i) {
        const double y = std::clamp(j * h, 0.0, 1.0), x0 = std::clamp(i * h, 0.0, 1.0),
                     x1 = std::clamp((i + 1) * h, 0.0, 1.0);
        fy(0, j, i) = -g * (psi(x1, y) - psi(x0, y));
      }
    auto st = adv.horizontal(fields, mass, fx, fy, dt, s, [&] { test::fill_inflow(q, 0.0); }, nullptr,
                             nullptr, false, false, false, false);
    REQUIRE(st.ok);
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        lo = std::min(lo, q(0, j, i));
        hi = std::max(hi, q(0, j, i));
      }
  }
  double m1 = 0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) m1 += q(0, j, i);
  mass_change = std::abs(m1 - m0) / m0;
  return test::relative_norms(q, exact);
}

}  // namespace

TEST_CASE("LeVeque swirl returns to the start: errors at two resolutions", "[verification][advection]") {
  std::printf("\nLeVeque swirl, T = 5, cosine bell\n   N     L1          L2          Linf       min        max      mass change\n");
  double prev1 = 0, prev2 = 0;
  for (int n : {64, 128, 256}) {
    double lo = 0, hi = 0, dm = 0;
    const auto r = swirl(n, 5.0, lo, hi, dm);
    std::printf("  %3d  %.3e  %.3e  %.3e  %+.2e  %.4f  %.1e", n, r.l1, r.l2, r.linf, lo, hi, dm);
    if (prev1 > 0) std::printf("   order L1 %.2f L2 %.2f", std::log2(prev1 / r.l1), std::log2(prev2 / r.l2));
    std::printf("\n");
    CHECK(lo >= -1e-15);
    CHECK(hi <= 1.0);
    CHECK(dm < 1e-12);
    if (prev1 > 0) CHECK(r.l1 < prev1);  // errors fall with resolution
    prev1 = r.l1;
    prev2 = r.l2;
  }
}
