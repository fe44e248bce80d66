#pragma once
// Aqueous-phase sulfate production in cloud water (Seinfeld & Pandis 2016, ch. 7):
//  * Henry's law with temperature dependence, H(T) = H298 exp[c (1/T − 1/298)] (M/atm),
//    and the dissociation of SO2·H2O, CO2·H2O, NH3·H2O, HSO4- and water (S&P Tables 7.2–7.4).
//  * pH from the droplets' charge balance
//      [H+] + [NH4+] = [OH-] + [HSO3-] + 2[SO3--] + [HCO3-] + 2[CO3--] + [NO3-]
//                      + 2[SO4--] + [HSO4-],
//    with all nitrate and sulfate dissolved, ammonia, SO2 and CO2 in Henry's-law equilibrium
//    (CO2 at a fixed mixing ratio); solved for pH by bracketed regula falsi (Illinois; the
//    residual is monotone in pH).
//  * S(IV) oxidation by dissolved O3 (Hoffmann & Calvert 1985; S&P eq. 7.80):
//      R = (k0 [SO2·H2O] + k1 [HSO3-] + k2 [SO3--]) [O3(aq)],
//      k0 = 2.4e4, k1 = 3.7e5 exp(−5530 (1/T − 1/298)), k2 = 1.5e9 exp(−5280 (1/T − 1/298)) M^-1
//      s^-1;
//    and by H2O2 (Martin & Damschen 1981; S&P eq. 7.84):
//      R = k [H+][H2O2(aq)][HSO3-] / (1 + K [H+]),  k = 7.45e7 exp(−4430 (1/T − 1/298)) M^-2 s^-1,
//      K = 13 M^-1.
// One mole of sulfate is made per mole of S(IV) and of oxidant consumed: sulfur and the
// oxidants are conserved exactly.
#include <vector>

namespace qiantang::chemistry::aerosol {

struct HenryConstant {
  double h298_M_atm;  // M/atm at 298 K
  double c_K;         // −ΔH/R, K
  double at(double T) const;
};
// Seinfeld & Pandis (2016) Table 7.2 values.
inline constexpr HenryConstant kHenrySO2{1.23, 3145.0}, kHenryH2O2{1.0e5, 6620.0},
    kHenryO3{1.13e-2, 2540.0}, kHenryCO2{3.4e-2, 2420.0}, kHenryNH3{62.0, 4110.0};

// Liquid-phase concentrations (M) and the oxidation rates (M/s) at a given [H+] and partial
// pressures (atm) of SO2, H2O2 and O3.
struct SivRates {
  double so2_aq, hso3, so3;   // M
  double h2o2_aq, o3_aq;      // M
  double rate_h2o2, rate_o3;  // M/s
};
SivRates siv_oxidation_rates(double T_K, double h_M, double p_so2_atm, double p_h2o2_atm,
                             double p_o3_atm);

// Cloud-water composition of one cell, mol per m^3 of air. Gas and particle amounts of the same
// species are summed in the drop (nucleation scavenging of the whole aerosol).
struct CloudCell {
  double temperature_K = 283.0;
  double lwc_g_m3 = 0.0;  // cloud liquid water content, g/m^3 of air
  double co2_mol_mol = 400e-6;
  double pressure_Pa = 1e5;
  double so2 = 0, h2o2 = 0, o3 = 0;  // gases, mol/m^3
  double sulfate = 0;                // particle sulfate + H2SO4, mol/m^3
  double ammonia = 0;                // NH3 + NH4+, mol/m^3
  double nitrate = 0;                // HNO3 + NO3-, mol/m^3
};

// [H+] (M) of the cloud water of a cell from its charge balance.
double cloud_hydrogen_ion_M(const CloudCell& c);

struct CloudStepResult {
  double sulfate_produced = 0;  // mol/m^3 of air over the step
  double by_h2o2 = 0, by_o3 = 0;
  double ph = 7.0;  // at the end of the step
  int substeps = 0;
};

// Advances S(IV) oxidation over dt (s): updates so2, h2o2, o3 and sulfate of `c`. Sub-steps so
// that a sub-step is at most half the S(IV) and H2O2 lifetimes and adds at most 5 % to the
// strong-acid anions; midpoint rule with the pH re-evaluated.
CloudStepResult cloud_sulfate_step(CloudCell& c, double dt_s);

}  // namespace qiantang::chemistry::aerosol
