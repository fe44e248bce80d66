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

// ---------------------------------------------------------------------------------------------
// Aqueous-phase (metastable) equilibrium of H+–NH4+–Na+–SO4(2-)–HSO4-–NO3-–Cl-–H2O with NH3,
// HNO3 and HCl gases, solved in the way of ISORROPIA II's forward metastable problem
// (Fountoukis & Nenes 2007, ACP 7, 4639; docs/aerosol.md "Aqueous scheme"):
//   HSO4- ⇌ H+ + SO4(2-)        K1 = m_H m_SO4 γ(H2SO4)^3 / (m_HSO4 γ(HHSO4)^2)
//   HNO3(g) ⇌ H+ + NO3-         K4 = m_H m_NO3 γ(HNO3)^2 / p_HNO3
//   HCl(g) ⇌ H+ + Cl-           K3 = m_H m_Cl γ(HCl)^2 / p_HCl
//   NH3(g) + H+ ⇌ NH4+          K21 K22 / Kw = m_NH4 γ(NH4NO3)^2 / (m_H p_NH3 γ(HNO3)^2)
// with F&N (2007) Table 2 constants, K(T) = K0 exp[a (T0/T − 1) + b (1 + ln(T0/T) − T0/T)];
// the charge balance closes the system (sodium is non-volatile and dissolved). Activity
// coefficients: Kusik–Meissner binary coefficients with the q values of F&N (2007) Table 4 and
// their temperature correction, mixed by Bromley's rule. Water: ZSR with the binary molalities
// of ISORROPIA II at a_w = RH. Solved for the H+ molality (charge balance, monotone, bisection
// in log m_H) inside a fixed-point iteration on water and activity coefficients.
struct AqueousInput : InorganicInput {
  double sodium_mol_m3 = 0;    // total sodium (particle only, non-volatile)
  double chloride_mol_m3 = 0;  // total chloride (HCl + Cl-)
};

struct AqueousResult : InorganicResult {
  double chloride_mol_m3 = 0, hcl_gas_mol_m3 = 0;  // particle and gas chloride
  double sulfate_ion_mol_m3 = 0, bisulfate_mol_m3 = 0, hydrogen_ion_mol_m3 = 0;
  double ionic_strength_mol_kg = 0;
  int iterations = 0;
  bool converged = false;
};

// Metastable (liquid-only) aqueous equilibrium. Sulfate is all particulate; ammonia, nitrate and
// chloride are conserved exactly (gas + particle = totals to round-off). RH is limited to
// 0.10–0.99 (the range of the binary-molality table).
AqueousResult equilibrate_inorganic_aqueous(const AqueousInput& in);

// Kusik–Meissner binary mean activity coefficient, log10 γ0 at 298.15 K, for a salt of charge
// product z1 z2 with parameter q at ionic strength I (mol/kg): Γ* with
// log Γ* = −0.5107 √I / (1 + C √I), C = 1 + 0.055 q exp(−0.023 I^3) (C = 1 for I ≥ 6),
// Γ0 = [1 + B (1 + 0.1 I)^q − B] Γ*, B = 0.75 − 0.065 q, log γ0 = z1 z2 log Γ0.
double kusik_meissner_log10_gamma(double q, double z1z2, double ionic_strength);

// ZSR binary molality (mol of salt per kg water) of the ISORROPIA II tables at water activity
// a_w, for the salts of Salt plus the sodium and chloride salts below.
enum class AqueousSalt {
  ammonium_sulfate,
  ammonium_nitrate,
  ammonium_bisulfate,
  letovicite,
  sulfuric_acid,
  sodium_chloride,
  sodium_sulfate,
  sodium_nitrate,
  ammonium_chloride,
  sodium_bisulfate
};
double zsr_binary_molality(AqueousSalt s, double water_activity);

}  // namespace qiantang::chemistry::aerosol
