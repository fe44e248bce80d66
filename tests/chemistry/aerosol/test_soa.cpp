// VBS partitioning against closed-form fixed points.
#include <array>
#include <catch2/catch.hpp>
#include <cmath>

#include "chemistry/aerosol/soa.hpp"

using namespace qiantang::chemistry::aerosol;

TEST_CASE("Single-bin absorptive partitioning equals the quadratic's root",
          "[aerosol][verification]") {
  // One bin of total C and saturation concentration K with absorbing POA P:
  //   M = P + C M / (M + K)  ⇒  M^2 + (K − P − C) M − P K = 0,
  //   M = [(P + C − K) + sqrt((K − P − C)^2 + 4 P K)] / 2.
  const double T = 298.0;
  for (int bin = 0; bin < kVbsBins; ++bin)
    for (double P : {0.0, 0.5, 5.0})
      for (double C : {0.5, 8.0, 60.0, 2000.0}) {
        std::array<double, kVbsBins> total{}, particle{};
        total[std::size_t(bin)] = C;
        const double K = vbs_cstar(bin, T);
        const double m = partition_vbs(total, P, T, particle);
        double expected = 0.5 * ((P + C - K) + std::sqrt((K - P - C) * (K - P - C) + 4 * P * K));
        if (P == 0.0 && C <= K) expected = 0.0;  // below saturation, no particle phase without POA
        CAPTURE(bin, P, C, K);
        CHECK(m == Approx(expected).epsilon(1e-10).margin(1e-12));
        CHECK(particle[std::size_t(bin)] == Approx(expected - P).epsilon(1e-9).margin(1e-12));
      }
}

TEST_CASE("Clausius-Clapeyron temperature dependence of C*", "[aerosol][verification]") {
  // C*(T) = C*(298) (298/T) exp[ΔH/R (1/298 − 1/T)], ΔH = 30 kJ/mol.
  const double T = 273.15;
  const double expected = 10.0 * (298.0 / T) * std::exp(30e3 / 8.314462618 * (1 / 298.0 - 1 / T));
  CHECK(vbs_cstar(1, T) == Approx(expected).epsilon(1e-12));
  CHECK(vbs_cstar(1, 298.0) == Approx(10.0).epsilon(1e-12));
  CHECK(vbs_cstar(3, T) < 1000.0);  // colder: less volatile
}

TEST_CASE("Four-bin partitioning satisfies the fixed point and conserves mass",
          "[aerosol][verification]") {
  const std::array<double, kVbsBins> total{0.8, 3.0, 9.0, 25.0};
  std::array<double, kVbsBins> particle{};
  const double poa = 2.0, T = 290.0;
  const double m = partition_vbs(total, poa, T, particle);
  double sum = poa;
  for (int i = 0; i < kVbsBins; ++i) {
    const auto s = std::size_t(i);
    // ξ_i = (1 + C*_i / C_OA)^-1 for each bin.
    CHECK(particle[s] == Approx(total[s] / (1.0 + vbs_cstar(i, T) / m)).epsilon(1e-10));
    CHECK(particle[s] <= total[s]);
    sum += particle[s];
  }
  CHECK(m == Approx(sum).epsilon(1e-12));
}
