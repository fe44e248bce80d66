// 1-D advection at Courant numbers 0.1–0.9 (periodic): a Gaussian (smooth: convergence order)
// and a square wave (monotonicity), exact cell averages from erf.
#include <catch2/catch.hpp>

#include <cstdio>

#include "tests/solver/transport/advection_harness.hpp"

using namespace qiantang;
using namespace qiantang::transport;

namespace {

constexpr double kSigma = 0.08;  // Gaussian e-folding half-width, in domain lengths

// Exact average over [a, b] of exp(−((x − x0)/σ)²) on the unit periodic domain.
double gaussian_average(double a, double b, double x0) {
  double s = 0;
  for (int p = -2; p <= 2; ++p) {
    const double c = x0 + p;
    s += 0.5 * std::sqrt(M_PI) * kSigma * (std::erf((b - c) / kSigma) - std::erf((a - c) / kSigma));
  }
  return s / (b - a);
}

double square_average(double a, double b, double x0) {
  // 1 on [x0 − 0.15, x0 + 0.15] (periodic), else 0; the cell edges are on multiples of 1/N.
  double s = 0;
  for (int p = -2; p <= 2; ++p) {
    const double lo = std::max(a, x0 - 0.15 + p), hi = std::min(b, x0 + 0.15 + p);
    if (hi > lo) s += hi - lo;
  }
  return s / (b - a);
}

struct Result {
  test::Norms norms;
  double min, max, mass_change;
};

Result run(int n, double courant, bool gaussian) {
  const Extents e{n, 1, 1, 3};
  Array3 q(e), mass(e, 1.0), fx(Extents{n + 1, 1, 1, 3}), fy(Extents{n, 2, 1, 3}, 0.0);
  const double dt = 1.0;
  fx.fill(courant * 1.0 / dt);  // uniform velocity: face mass flux = C M / dt
  auto avg = gaussian ? gaussian_average : square_average;
  for (int i = 0; i < n; ++i) q(0, 0, i) = avg(double(i) / n, double(i + 1) / n, 0.3);
  double mass0 = 0, lo0 = 1e300, hi0 = -1e300;
  for (int i = 0; i < n; ++i) {
    mass0 += q(0, 0, i);
    lo0 = std::min(lo0, q(0, 0, i));
    hi0 = std::max(hi0, q(0, 0, i));
  }
  // Travel about half the domain.
  const int steps = int(std::lround(0.5 * n / courant));
  Advection adv(e);
  Array3* fields[] = {&q};
  double lo = 1e300, hi = -1e300;
  for (int s = 0; s < steps; ++s) {
    auto st = adv.horizontal(fields, mass, fx, fy, dt, s, [&] { test::fill_periodic(q); }, nullptr,
                             nullptr, false, false, false, false);
    REQUIRE(st.ok);
    REQUIRE(st.substeps == 1);
    for (int i = 0; i < n; ++i) {
      lo = std::min(lo, q(0, 0, i));
      hi = std::max(hi, q(0, 0, i));
    }
  }
  const double shift = courant * steps / n;
  std::vector<double> exact(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) exact[std::size_t(i)] = avg(double(i) / n, double(i + 1) / n, 0.3 + shift);
  double mass1 = 0;
  for (int i = 0; i < n; ++i) mass1 += q(0, 0, i);
  return {test::relative_norms(q, exact), lo - lo0, hi - hi0, std::abs(mass1 - mass0) / mass0};
}

}  // namespace

TEST_CASE("1-D PPM: Gaussian converges at second order or better, at every Courant number", "[verification][advection]") {
  std::printf("\n1-D Gaussian (sigma = %.2f), relative errors after half a domain\n", kSigma);
  std::printf("   C     N      L1          L2          Linf     order(L1) order(L2)\n");
  for (double c : {0.1, 0.3, 0.5, 0.7, 0.9}) {
    double prev_l1 = 0, prev_l2 = 0;
    for (int n : {100, 200, 400}) {
      const Result r = run(n, c, true);
      const double o1 = prev_l1 > 0 ? std::log2(prev_l1 / r.norms.l1) : 0.0;
      const double o2 = prev_l2 > 0 ? std::log2(prev_l2 / r.norms.l2) : 0.0;
      std::printf("  %.1f  %4d  %.3e  %.3e  %.3e  %6.2f  %6.2f\n", c, n, r.norms.l1, r.norms.l2,
                  r.norms.linf, o1, o2);
      CHECK(r.mass_change < 1e-12);
      CHECK(r.min >= -1e-15);  // no new minimum (the field's minimum is ~0)
      CHECK(r.max <= 1e-15);   // no new maximum
      if (n == 400) {
        CHECK(o1 >= 1.8);
        CHECK(o2 >= 1.8);
      }
      prev_l1 = r.norms.l1;
      prev_l2 = r.norms.l2;
    }
  }
}

TEST_CASE("1-D PPM: square wave stays within its bounds and conserves mass", "[verification][advection]") {
  std::printf("\n1-D square wave, N = 200\n   C      L1          L2         min        max\n");
  for (double c : {0.1, 0.3, 0.5, 0.7, 0.9}) {
    const Result r = run(200, c, false);
    std::printf("  %.1f  %.3e  %.3e  %+.1e  %+.1e\n", c, r.norms.l1, r.norms.l2, r.min, r.max);
    CHECK(r.min >= -1e-15);
    CHECK(r.max <= 1e-15);
    CHECK(r.mass_change < 1e-12);
    CHECK(r.norms.l1 < 0.15);
  }
}
