// The batch aerosol step: sulfur, nitrogen and ammonia closed to 1e-10, counters consumed.
#include <catch2/catch.hpp>
#include <cmath>

#include "chemistry/aerosol/aerosol_step.hpp"

using namespace qiantang::chemistry::aerosol;

TEST_CASE("Aerosol step closes the S, N and NH3 budgets and resets the counters",
          "[aerosol][unit]") {
  const int n = 24;
  AerosolBatch b(n, 2);
  for (int c = 0; c < n; ++c) {
    const auto i = std::size_t(c);
    b.temperature_K[i] = 265.0 + 2.0 * c;
    b.pressure_Pa[i] = 1e5;
    b.air_density_kg_m3[i] = 1e5 / (287.0 * b.temperature_K[i]);
    b.rh[i] = 0.2 + 0.03 * c;
    b.sulf[i] = 0.5;
    b.hno3[i] = 4.0 + 0.1 * c;
    b.nh3[i] = 1.0 + 0.3 * c;
    b.n2o5[i] = 0.2;
    b.aso4[i] = 6.0;
    b.ano3[i] = 2.0;
    b.anh4[i] = 1.5;
    b.apoa[i] = 3.0;
    b.svoc_gas[2][i] = 2.0;
    b.counters[0][i] = 1e-10;  // 0.1 ppb toluene reacted
    b.counters[1][i] = 5e-11;
  }
  auto sulfur = [&](int c) {
    return b.sulf[std::size_t(c)] / kMolarMassH2SO4 + b.aso4[std::size_t(c)] / kMolarMassSO4;
  };
  auto nitrogen = [&](int c) {
    const auto i = std::size_t(c);
    return b.hno3[i] / kMolarMassHNO3 + b.ano3[i] / kMolarMassNO3 + 2 * b.n2o5[i] / kMolarMassN2O5;
  };
  auto ammonia = [&](int c) {
    return b.nh3[std::size_t(c)] / kMolarMassNH3 + b.anh4[std::size_t(c)] / kMolarMassNH4;
  };
  std::vector<double> s0, n0, a0;
  for (int c = 0; c < n; ++c) {
    s0.push_back(sulfur(c));
    n0.push_back(nitrogen(c));
    a0.push_back(ammonia(c));
  }
  const SoaCounter counters[] = {{SoaPrecursor::toluene, false},
                                 {SoaPrecursor::monoterpene, false}};
  aerosol_step(b, AerosolOptions{}, counters, 600.0);
  for (int c = 0; c < n; ++c) {
    CAPTURE(c);
    CHECK(std::abs(sulfur(c) - s0[std::size_t(c)]) <= 1e-10 * s0[std::size_t(c)]);
    CHECK(std::abs(nitrogen(c) - n0[std::size_t(c)]) <= 1e-10 * n0[std::size_t(c)]);
    CHECK(std::abs(ammonia(c) - a0[std::size_t(c)]) <= 1e-10 * a0[std::size_t(c)]);
    CHECK(b.sulf[std::size_t(c)] == 0.0);
    CHECK(b.counters[0][std::size_t(c)] == 0.0);
    CHECK(b.n2o5[std::size_t(c)] < 0.2);
    double soa = 0.0;
    for (int k = 0; k < kVbsBins; ++k) soa += b.soa_particle[std::size_t(k)][std::size_t(c)];
    CHECK(soa > 0.0);
  }
}

TEST_CASE("N2O5 uptake follows k = γ c̄ S / 4", "[aerosol][verification]") {
  AerosolBatch b(1, 0);
  b.temperature_K[0] = 280.0;
  b.air_density_kg_m3[0] = 1.25;
  b.n2o5[0] = 1.0;
  b.aso4[0] = 10.0;
  AerosolOptions o;
  o.inorganic = false;
  o.soa = false;
  o.n2o5_gamma = 0.02;
  aerosol_step(b, o, {}, 3600.0);
  // S = 6 V / D_s with V = 10 µg/m^3 / 1770 kg/m^3 and D_s = 0.3 µm; c̄ = sqrt(8RT/(πM)).
  const double S = 6.0 * (10e-9 / 1770.0) / 0.3e-6;
  const double cbar = std::sqrt(8.0 * 8.314462618 * 280.0 / (3.14159265358979 * 0.10801));
  const double k = 0.25 * 0.02 * cbar * S;
  CHECK(b.n2o5[0] == Approx(std::exp(-k * 3600.0)).epsilon(1e-10));
  CHECK(b.hno3[0] == Approx(2 * (1 - std::exp(-k * 3600.0)) / 108.01 * 63.013).epsilon(1e-10));
}
