// Aqueous S(IV) oxidation: rates against a hand calculation, pH from the charge balance, and the
// sulfur and oxidant budgets of a cloud step.
#include <catch2/catch.hpp>
#include <cmath>

#include "chemistry/aerosol/aqueous.hpp"

using namespace qiantang::chemistry::aerosol;

TEST_CASE("S(IV) oxidation rates equal the hand-computed rate laws at 298 K, pH 4.5",
          "[aerosol][verification]") {
  // 1 ppb SO2, 1 ppb H2O2, 50 ppb O3 at 1 atm, [H+] = 10^-4.5 = 3.1623e-5 M:
  //   [SO2·H2O] = 1.23 × 1e-9 = 1.23e-9 M
  //   [HSO3-]   = Ks1 [SO2·H2O] / [H+] = 1.3e-2 × 1.23e-9 / 3.1623e-5 = 5.0565e-7 M
  //   [SO3--]   = Ks2 [HSO3-] / [H+] = 6.6e-8 × 5.0565e-7 / 3.1623e-5 = 1.0553e-9 M
  //   [H2O2]    = 1e5 × 1e-9 = 1e-4 M;   [O3] = 1.13e-2 × 5e-8 = 5.65e-10 M
  //   R_H2O2 = 7.45e7 × 3.1623e-5 × 1e-4 × 5.0565e-7 / (1 + 13 × 3.1623e-5) = 1.1908e-7 M/s
  //   R_O3   = (2.4e4 × 1.23e-9 + 3.7e5 × 5.0565e-7 + 1.5e9 × 1.0553e-9) × 5.65e-10
  //          = 1.0001e-9 M/s
  const double h = std::pow(10.0, -4.5);
  const auto r = siv_oxidation_rates(298.0, h, 1e-9, 1e-9, 50e-9);
  CHECK(r.hso3 == Approx(5.0565e-7).epsilon(1e-4));
  CHECK(r.so3 == Approx(1.0553e-9).epsilon(1e-4));
  CHECK(r.rate_h2o2 == Approx(1.1908e-7).epsilon(1e-4));
  CHECK(r.rate_o3 == Approx(1.0001e-9).epsilon(1e-4));
  // Henry's constants increase in the cold: H(278) = H(298) exp[c (1/278 − 1/298)].
  CHECK(kHenrySO2.at(278.0) ==
        Approx(1.23 * std::exp(3145.0 * (1 / 278.0 - 1 / 298.0))).epsilon(1e-12));
}

TEST_CASE("Cloud pH from the charge balance", "[aerosol][verification]") {
  // Clean cloud water in equilibrium with CO2 only: [H+]^2 = Kc1 H_CO2 p_CO2 + Kw.
  CloudCell c;
  c.temperature_K = 298.0;
  c.lwc_g_m3 = 0.5;
  c.co2_mol_mol = 400e-6;
  c.pressure_Pa = 101325.0;
  const double expected = std::sqrt(4.3e-7 * 3.4e-2 * 400e-6 + 1e-14);
  CHECK(cloud_hydrogen_ion_M(c) == Approx(expected).epsilon(1e-3));  // pH 5.6
  // Adding 1 µg/m^3 of sulfate (fully dissociated, 2 charges) acidifies: [H+] ≈ 2 [SO4].
  c.sulfate = 1e-6 / 96.06;  // mol/m^3
  const double so4_M = c.sulfate / (c.lwc_g_m3 * 1e-3);
  CHECK(cloud_hydrogen_ion_M(c) == Approx(2 * so4_M).epsilon(0.05));
  // Ammonia neutralises it.
  c.ammonia = 2 * c.sulfate;
  CHECK(cloud_hydrogen_ion_M(c) < 0.2 * 2 * so4_M);
}

TEST_CASE("A cloud step conserves sulfur and consumes one oxidant per sulfate",
          "[aerosol][verification]") {
  CloudCell c;
  c.temperature_K = 283.0;
  c.lwc_g_m3 = 0.3;
  const double air = 101325.0 / (8.314462618 * 283.0);  // mol/m^3
  c.so2 = 5e-9 * air;
  c.h2o2 = 1e-9 * air;
  c.o3 = 40e-9 * air;
  c.sulfate = 2e-6 / 96.06;
  c.ammonia = 3e-9 * air;
  c.nitrate = 1e-9 * air;
  const double s0 = c.so2 + c.sulfate, h0 = c.h2o2, o0 = c.o3;
  const auto r = cloud_sulfate_step(c, 900.0);
  CHECK(std::abs(c.so2 + c.sulfate - s0) <= 1e-10 * s0);
  CHECK(std::abs((h0 - c.h2o2) - r.by_h2o2) <= 1e-10 * h0);
  CHECK(std::abs((o0 - c.o3) - r.by_o3) <= 1e-10 * o0);
  CHECK(r.sulfate_produced == Approx(r.by_h2o2 + r.by_o3).epsilon(1e-12));
  CHECK(c.h2o2 < 0.5 * h0);  // H2O2 (less than SO2) is the limiting oxidant: lifetime of minutes
  CHECK(c.so2 >= 0.0);
  // The sub-stepped 900-s step agrees with 900 steps of 1 s (time-integration error < 1 %).
  CloudCell fine = c;
  fine.so2 = 5e-9 * air;
  fine.h2o2 = h0;
  fine.o3 = o0;
  fine.sulfate = 2e-6 / 96.06;
  double produced = 0.0;
  for (int k = 0; k < 900; ++k) produced += cloud_sulfate_step(fine, 1.0).sulfate_produced;
  CHECK(r.sulfate_produced == Approx(produced).epsilon(0.01));
  CHECK(h0 - c.h2o2 == Approx(h0 - fine.h2o2).epsilon(0.01));
  CHECK(r.ph > 3.0);
  CHECK(r.ph < 6.0);
}
