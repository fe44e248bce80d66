#pragma once
// Inorganic aerosol thermodynamics for the sulfate–nitrate–ammonium–water system: a documented
// simplified equilibrium scheme (docs/aerosol.md, "Inorganic thermodynamics").
//
//  1. Sulfuric acid is non-volatile: all gas-phase H2SO4 goes to particulate sulfate.
//  2. Sulfate is neutralised by ammonia first (ISORROPIA's regimes, Fountoukis & Nenes 2007,
//     ACP 7, 4639, sect. 3.1, with R = total ammonia / total sulfate, mol/mol):
//       R < 1      sulfate very rich: NH4HSO4 + free H2SO4, all ammonia in the particle;
//       1 ≤ R < 2  sulfate rich: (NH4)2SO4 + NH4HSO4 (letovicite counted as their sum);
//       R ≥ 2      sulfate poor (ammonium rich): (NH4)2SO4, and the free ammonia
//                  A = NH3tot − 2 SO4 forms NH4NO3 with the total nitrate N.
//     In the sulfate-rich regimes nitric acid stays in the gas phase (its solubility in the
//     strongly acidic solution is neglected).
//  3. NH4NO3(s or aq) ⇌ NH3(g) + HNO3(g): the amount x (mol/m^3) solves
//       (A − x)(N − x) = K,  x = [(A + N) − sqrt((A − N)^2 + 4K)] / 2  (x ≥ 0),
//     with K = Kp(T) (Mozurkewich 1993, Atmos. Environ. 27A, 261: ln Kp = 118.87 − 24084/T −
//     6.025 ln T, Kp in ppb^2) below the deliquescence RH of NH4NO3 and, above it, the
//     aqueous-solution product of Mozurkewich (1993) eq. (10) (Seinfeld & Pandis 2016, eq. 10.98):
//       K_aq = [P1 − P2 (1 − a_w) + P3 (1 − a_w)^2] (1 − a_w)^1.75 Kp,
//       ln P1 = −135.94 + 8763/T + 19.12 ln T,  ln P2 = −122.65 + 9969/T + 16.22 ln T,
//       ln P3 = −182.61 + 13875/T + 24.46 ln T.
//  4. Aerosol water by ZSR: W = Σ_i n_i / m_i(a_w), a_w = RH, with binary molalities m_i from
//     the Tang & Munkelwitz (1994, JGR 99, 18801) water-activity polynomial for (NH4)2SO4 and
//     from κ-Köhler (Petters & Kreidenweis 2007, ACP 7, 1961, Table 1) for NH4NO3 (κ = 0.67),
//     NH4HSO4 (κ = 0.56) and H2SO4 (κ = 0.90).
//  5. Deliquescence: the stable branch holds water only in salts whose DRH(T) ≤ RH;
//     DRH(T) = DRH(298.15) exp[α (1/T − 1/298.15)] (Fountoukis & Nenes 2007 Table 4; Tang &
//     Munkelwitz 1993): (NH4)2SO4 0.799, α = 80 K; NH4HSO4 0.40, α = 384 K; (NH4)3H(SO4)2
//     0.69, α = 186 K; NH4NO3 from Mozurkewich (1993), ln(100 DRH) = 723.7/T + 1.6954
//     (0.618 at 298 K; Seinfeld & Pandis 2016 eq. 10.88), consistent with his Kp and K_aq. The
//     metastable branch keeps every salt in solution at all RH (no efflorescence), and uses K_aq
//     for NH4NO3 at every RH ≥ 0.40.
namespace qiantang::chemistry::aerosol {

enum class Salt {
  ammonium_sulfate,
  ammonium_nitrate,
  ammonium_bisulfate,
  letovicite,
  sulfuric_acid
};

// Deliquescence relative humidity (fraction) of a pure salt at temperature T (K).
double deliquescence_rh(Salt s, double T_K);

// Mozurkewich (1993) NH4NO3 dissociation constant over the solid, ppb^2.
double nh4no3_kp_ppb2(double T_K);
// Mozurkewich (1993) product over an aqueous NH4NO3 solution at water activity a_w, ppb^2.
double nh4no3_kaq_ppb2(double T_K, double water_activity);

// Binary molality (mol solute per kg water) of a salt solution at water activity a_w.
double binary_molality(Salt s, double water_activity);

enum class Regime { sulfate_very_rich, sulfate_rich, ammonium_rich };

struct InorganicInput {
  double temperature_K = 298.15;
  double rh = 0.5;            // relative humidity, fraction
  double air_mol_m3 = 40.9;   // molar concentration of air, mol/m^3 (for the ppb conversion)
  double sulfate_mol_m3 = 0;  // total sulfate (H2SO4 gas + particle), mol/m^3
  double ammonia_mol_m3 = 0;  // total ammonia (NH3 + NH4+)
  double nitrate_mol_m3 = 0;  // total nitrate (HNO3 + NO3-)
};

struct InorganicResult {
  double ammonium_mol_m3 = 0, nitrate_mol_m3 = 0;  // particle phase
  double nh3_gas_mol_m3 = 0, hno3_gas_mol_m3 = 0;  // gas phase
  double water_kg_m3 = 0;                          // aerosol liquid water
  Regime regime = Regime::ammonium_rich;
  bool nitrate_aqueous = false;  // NH4NO3 in solution (K_aq used)
};

// Equilibrium partitioning for one cell. Conserves total sulfate, ammonia and nitrate exactly
// (gas + particle = input totals, to round-off).
InorganicResult equilibrate_inorganic(const InorganicInput& in, bool metastable);

}  // namespace qiantang::chemistry::aerosol
