#include "chemistry/aerosol/inorganic.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace qiantang::chemistry::aerosol {
namespace {

constexpr double kWaterDensity = 997.0;  // kg/m^3 at 298 K

// Tang & Munkelwitz (1994) Table: water activity of aqueous (NH4)2SO4 at 298 K as a function
// of the solute mass percent x (valid 0 ≤ x ≤ 78 %).
double as_water_activity(double x) {
  return 1.0 + x * (-2.715e-3 + x * (3.113e-5 + x * (-2.336e-6 + x * 1.412e-8)));
}

// Molality of (NH4)2SO4 from the inverted polynomial, tabulated once on a_w = 0, 0.001, ..., 1.
struct AsTable {
  static constexpr int n = 1001;
  std::array<double, n> molality{};
  AsTable() {
    for (int k = 0; k < n; ++k) {
      const double aw = double(k) / (n - 1);
      double x;
      if (aw >= 1.0) {
        x = 0.0;
      } else if (aw <= as_water_activity(78.0)) {
        x = 78.0;  // the polynomial's range: solutions are not more concentrated
      } else {
        double lo = 0.0, hi = 78.0;  // a_w(x) decreases monotonically on [0, 78]
        for (int it = 0; it < 60; ++it) {
          const double mid = 0.5 * (lo + hi);
          (as_water_activity(mid) > aw ? lo : hi) = mid;
        }
        x = 0.5 * (lo + hi);
      }
      molality[std::size_t(k)] = x / (100.0 - x) * 1000.0 / 132.14;  // mol/kg water
    }
  }
};

const AsTable& as_table() {
  static const AsTable t;
  return t;
}

// κ-Köhler single-solute molality: V_w = κ V_s a_w / (1 − a_w) (Petters & Kreidenweis 2007
// eq. 2 without the Kelvin term), so m = ρ_s (1 − a_w) / (κ ρ_w M_s a_w).
double kappa_molality(double kappa, double rho_solute, double molar_mass_kg, double aw) {
  return rho_solute * (1.0 - aw) / (kappa * kWaterDensity * molar_mass_kg * aw);
}

}  // namespace

double deliquescence_rh(Salt s, double T_K) {
  double drh298 = 0, alpha = 0;  // Fountoukis & Nenes (2007) Table 4
  switch (s) {
    case Salt::ammonium_sulfate:
      drh298 = 0.799;
      alpha = 80.0;
      break;
    case Salt::ammonium_nitrate:  // Mozurkewich (1993): ln(100 DRH) = 723.7/T + 1.6954
      return std::min(1.0, 0.01 * std::exp(723.7 / T_K + 1.6954));
    case Salt::ammonium_bisulfate:
      drh298 = 0.40;
      alpha = 384.0;
      break;
    case Salt::letovicite:
      drh298 = 0.69;
      alpha = 186.0;
      break;
    case Salt::sulfuric_acid:
      return 0.0;  // always liquid
  }
  return std::min(1.0, drh298 * std::exp(alpha * (1.0 / T_K - 1.0 / 298.15)));
}

double nh4no3_kp_ppb2(double T) { return std::exp(118.87 - 24084.0 / T - 6.025 * std::log(T)); }

double nh4no3_kaq_ppb2(double T, double aw) {
  const double lnT = std::log(T);
  const double p1 = std::exp(-135.94 + 8763.0 / T + 19.12 * lnT);
  const double p2 = std::exp(-122.65 + 9969.0 / T + 16.22 * lnT);
  const double p3 = std::exp(-182.61 + 13875.0 / T + 24.46 * lnT);
  const double d = 1.0 - aw;
  return (p1 - p2 * d + p3 * d * d) * std::pow(d, 1.75) * nh4no3_kp_ppb2(T);
}

double binary_molality(Salt s, double aw) {
  aw = std::clamp(aw, 0.01, 0.99);
  switch (s) {
    case Salt::ammonium_sulfate: {
      const auto& t = as_table();
      const double f = aw * (AsTable::n - 1);
      const int k = std::min(int(f), AsTable::n - 2);
      const double w = f - k;
      return (1 - w) * t.molality[std::size_t(k)] + w * t.molality[std::size_t(k) + 1];
    }
    case Salt::ammonium_nitrate:
      return kappa_molality(0.67, 1725.0, 80.043e-3, aw);
    case Salt::ammonium_bisulfate:
      return kappa_molality(0.56, 1780.0, 115.11e-3, aw);
    case Salt::letovicite:  // (NH4)3H(SO4)2 = (NH4)2SO4 + NH4HSO4 by ZSR
      return 1.0 / (1.0 / binary_molality(Salt::ammonium_sulfate, aw) +
                    1.0 / binary_molality(Salt::ammonium_bisulfate, aw));
    case Salt::sulfuric_acid:
      return kappa_molality(0.90, 1830.0, 98.08e-3, aw);
  }
  return 0.0;
}

InorganicResult equilibrate_inorganic(const InorganicInput& in, bool metastable) {
  InorganicResult r;
  const double T = in.temperature_K;
  const double rh = std::clamp(in.rh, 0.0, 0.99);
  const double S = std::max(0.0, in.sulfate_mol_m3);
  const double A = std::max(0.0, in.ammonia_mol_m3);
  const double N = std::max(0.0, in.nitrate_mol_m3);
  // Moles of each salt (mol/m^3) for the water calculation.
  double as = 0, ahs = 0, h2so4 = 0, an = 0;
  if (A < S) {
    r.regime = Regime::sulfate_very_rich;
    ahs = A;
    h2so4 = S - A;
  } else if (A < 2.0 * S) {
    r.regime = Regime::sulfate_rich;
    as = A - S;
    ahs = 2.0 * S - A;
  } else {
    r.regime = Regime::ammonium_rich;
    as = S;
  }
  if (r.regime != Regime::ammonium_rich) {
    r.ammonium_mol_m3 = A;
    r.nh3_gas_mol_m3 = 0.0;
    r.nitrate_mol_m3 = 0.0;
    r.hno3_gas_mol_m3 = N;
  } else {
    const double free_nh3 = A - 2.0 * S;
    const double drh_an = deliquescence_rh(Salt::ammonium_nitrate, T);
    r.nitrate_aqueous = rh >= drh_an || (metastable && rh >= 0.40);
    const double k_ppb2 =
        r.nitrate_aqueous ? nh4no3_kaq_ppb2(T, std::max(rh, 0.40)) : nh4no3_kp_ppb2(T);
    const double ppb = in.air_mol_m3 * 1e-9;  // mol/m^3 per ppb
    const double K = k_ppb2 * ppb * ppb;
    const double d = free_nh3 - N;
    double x = 0.5 * ((free_nh3 + N) - std::sqrt(d * d + 4.0 * K));
    x = std::clamp(x, 0.0, std::min(free_nh3, N));
    an = x;
    // Gas phase by difference so that gas + particle equals the totals.
    r.nitrate_mol_m3 = x;
    r.hno3_gas_mol_m3 = N - x;
    r.ammonium_mol_m3 = 2.0 * S + x;
    r.nh3_gas_mol_m3 = A - r.ammonium_mol_m3;
  }
  // ZSR water: W = Σ n_i / m_i(a_w) over the dissolved salts.
  auto dissolved = [&](Salt s) { return metastable || rh >= deliquescence_rh(s, T); };
  double w = 0.0;
  if (rh > 0.0) {
    if (as > 0 && dissolved(Salt::ammonium_sulfate))
      w += as / binary_molality(Salt::ammonium_sulfate, rh);
    if (ahs > 0 && dissolved(Salt::ammonium_bisulfate))
      w += ahs / binary_molality(Salt::ammonium_bisulfate, rh);
    if (h2so4 > 0) w += h2so4 / binary_molality(Salt::sulfuric_acid, rh);
    if (an > 0 && dissolved(Salt::ammonium_nitrate))
      w += an / binary_molality(Salt::ammonium_nitrate, rh);
  }
  r.water_kg_m3 = w;
  return r;
}

}  // namespace qiantang::chemistry::aerosol
