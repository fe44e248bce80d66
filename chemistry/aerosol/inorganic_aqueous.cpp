// Aqueous (metastable) inorganic equilibrium in the way of ISORROPIA II's forward metastable
// problem: equations in inorganic.hpp, description and measured accuracy in docs/aerosol.md
// ("Aqueous scheme").
#include <algorithm>
#include <array>
#include <cmath>

#include "chemistry/aerosol/inorganic.hpp"

namespace qiantang::chemistry::aerosol {
namespace {

constexpr double kR_atm = 82.0567e-6;  // gas constant, atm m^3 mol^-1 K^-1
constexpr double kT0 = 298.15;

// Fountoukis & Nenes (2007) Table 2: K(T) = K0 exp[a (T0/T − 1) + b (1 + ln(T0/T) − T0/T)].
double equilibrium_constant(double k0, double a, double b, double T) {
  const double r = kT0 / T;
  return k0 * std::exp(a * (r - 1.0) + b * (1.0 + std::log(r) - r));
}

// ZSR binary molalities (mol salt / kg water) of the ISORROPIA II tables (Fountoukis & Nenes
// 2007 sect. 3.4; Nenes et al. 1998, Aquat. Geochem. 4, 123), at the water activities kAw.
constexpr std::array<double, 23> kAw{0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45,
                                     0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85,
                                     0.90, 0.92, 0.94, 0.96, 0.97, 0.98, 0.99};
constexpr std::array<std::array<double, 23>, 10> kZsr{{
    {187.72, 87.86, 53.46, 38.59, 30.31, 24.91, 21.01, 17.99, 15.54, 13.47, 11.67, 10.06,
     8.57, 7.18, 5.83, 4.47, 3.05, 2.45, 1.83, 1.19, 0.87, 0.56, 0.26},  // (NH4)2SO4
    {960.19, 566.92, 368.89, 249.46, 170.58, 117.24, 82.33, 60.16, 45.71, 35.71, 28.3, 22.49,
     17.72, 13.64, 10.05, 6.86, 4.09, 3.12, 2.23, 1.41, 1.03, 0.67, 0.32},  // NH4NO3
    {312.84, 163.64, 96.64, 63.7, 45.93, 35.18, 27.98, 22.77, 18.8, 15.63, 13.02, 10.82, 8.93,
     7.26, 5.76, 4.37, 2.99, 2.42, 1.83, 1.22, 0.9, 0.59, 0.28},  // NH4HSO4
    {125.37, 70.49, 45.36, 31.97, 24.01, 18.83, 15.18, 12.46, 10.33, 8.61, 7.17, 5.96, 4.91,
     3.99, 3.15, 2.37, 1.6, 1.28, 0.95, 0.62, 0.45, 0.29, 0.14},  // (NH4)3H(SO4)2
    {18.45, 15.8, 13.93, 12.47, 11.26, 10.23, 9.31, 8.49, 7.73, 7.01, 6.34, 5.68, 5.04, 4.39,
     3.73, 3.02, 2.22, 1.87, 1.48, 1.04, 0.8, 0.55, 0.28},  // H2SO4
    {28.16, 23.98, 21.08, 18.82, 16.97, 15.38, 13.97, 12.68, 11.5, 10.38, 9.31, 8.27, 7.24,
     6.21, 5.15, 4.03, 2.82, 2.3, 1.76, 1.2, 0.91, 0.61, 0.3},  // NaCl
    {24.1, 20.27, 17.72, 15.81, 14.27, 12.97, 11.84, 10.82, 9.89, 9.02, 8.19, 7.38, 6.58, 5.78,
     4.93, 4.01, 2.93, 2.41, 1.83, 1.19, 0.86, 0.54, 0.25},  // Na2SO4
    {394.54, 195.56, 112.08, 75.02, 55.85, 44.17, 36.17, 30.22, 25.52, 21.65, 18.33, 15.4,
     12.75, 10.29, 7.97, 5.75, 3.64, 2.84, 2.07, 1.34, 0.99, 0.65, 0.31},  // NaNO3
    {1209, 686.04, 412.69, 229.78, 88.29, 47.9, 34.34, 26.76, 21.65, 17.83, 14.79, 12.26,
     10.08, 8.14, 6.37, 4.72, 3.14, 2.51, 1.89, 1.26, 0.94, 0.62, 0.31},  // NH4Cl
    {55.99, 46.75, 40.22, 35.04, 30.65, 26.75, 23.17, 19.84, 16.77, 14.01, 11.62, 9.59, 7.88,
     6.41, 5.11, 3.92, 2.74, 2.24, 1.72, 1.16, 0.87, 0.57, 0.28},  // NaHSO4
}};

// Ions: cations H+, NH4+, Na+; anions SO4(2-), HSO4-, NO3-, Cl-.
constexpr std::array<double, 3> kZc{1, 1, 1};
constexpr std::array<double, 4> kZa{2, 1, 1, 1};
using PairTable = std::array<std::array<double, 4>, 3>;  // [cation][anion], log10 γ

// Kusik–Meissner log10 γ0 of every cation–anion pair at ionic strength I and temperature T,
// q values of Fountoukis & Nenes (2007) Table 4 (Kim et al. 1993), temperature correction
// log γ(T) = [1.125 − 0.005 t] log γ(298) − [0.125 − 0.005 t] z1 z2 (0.039 I^0.92 − 0.41 √I /
// (1 + √I)), t = T − 273.15 °C (Meissner; F&N 2007 eq. 15). The bisulfates have no q of
// their own: log γ(NH4HSO4) = log γ(NH4Cl) + log γ(HHSO4) − log γ(HCl), and likewise NaHSO4.
PairTable binary_log_gamma(double I, double T) {
  const double t = T - 273.15;
  const double cf1 = 1.125 - 0.005 * t;
  const double sI = std::sqrt(I);
  const double cf2 = (0.125 - 0.005 * t) * (0.039 * std::pow(I, 0.92) - 0.41 * sI / (1.0 + sI));
  auto g = [&](double q, double z) { return cf1 * kusik_meissner_log10_gamma(q, z, I) - cf2 * z; };
  PairTable p{};
  p[0] = {g(-0.10, 2), g(8.00, 1), g(2.60, 1), g(6.00, 1)};   // H2SO4, HHSO4, HNO3, HCl
  p[1] = {g(-0.25, 2), 0.0, g(-1.15, 1), g(0.82, 1)};         // (NH4)2SO4, -, NH4NO3, NH4Cl
  p[2] = {g(-0.19, 2), 0.0, g(-0.39, 1), g(2.23, 1)};         // Na2SO4, -, NaNO3, NaCl
  p[1][1] = p[1][3] + p[0][1] - p[0][3];                      // NH4HSO4
  p[2][1] = p[2][3] + p[0][1] - p[0][3];                      // NaHSO4
  return p;
}

// Bromley (1973) multicomponent mean activity coefficients (log10) from the binary ones:
// log γ_ij = z_i z_j [(F_i/z_i + F_j/z_j)/(z_i + z_j) − H], H = A √I/(1 + √I),
// F_i = Σ_j Y_ji (log γ0_ij + z_i z_j H), Y_ji = ((z_i + z_j)/2)^2 m_j / I,
// A = 0.511 (298.15/T)^1.5 kg^1/2 mol^-1/2. Limited to |log γ| ≤ 5 as in ISORROPIA.
PairTable bromley_log_gamma(const std::array<double, 3>& mc, const std::array<double, 4>& ma,
                            double I, double T) {
  const PairTable g0 = binary_log_gamma(I, T);
  const double sI = std::sqrt(I);
  const double H = 0.511 * std::pow(kT0 / T, 1.5) * sI / (1.0 + sI);
  std::array<double, 3> fc{};
  std::array<double, 4> fa{};
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j) {
      const double ch = 0.25 * (kZc[i] + kZa[j]) * (kZc[i] + kZa[j]) / I;
      const double term = g0[i][j] + kZc[i] * kZa[j] * H;
      fc[i] += ch * ma[j] * term;
      fa[j] += ch * mc[i] * term;
    }
  PairTable out{};
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j) {
      const double zz = kZc[i] * kZa[j];
      const double v = zz * ((fc[i] / kZc[i] + fa[j] / kZa[j]) / (kZc[i] + kZa[j]) - H);
      out[i][j] = std::clamp(v, -5.0, 5.0);
    }
  return out;
}

// Dissolved ions, mol/m^3 of air.
struct Ions {
  double h = 0, nh4 = 0, na = 0, so4 = 0, hso4 = 0, no3 = 0, cl = 0, oh = 0;
};

// ZSR water (kg/m^3) of the ions paired into salts as ISORROPIA does (Fountoukis & Nenes 2007
// sect. 3.4): sodium, then ammonium neutralise sulfate; with sulfate neutralised the rest of
// the cations pair with nitrate, then chloride; sulfate-rich solutions are split into
// (NH4)2SO4 + letovicite, letovicite + NH4HSO4, or NH4HSO4 + H2SO4 by R = (NH4 + Na)/SO4
// (sodium taking its share of each as Na2SO4 or NaHSO4). Free HNO3 and HCl hold no water.
double zsr_water(const Ions& x, double aw) {
  using S = AqueousSalt;
  auto w = [&](S s, double n) { return n > 0 ? n / zsr_binary_molality(s, aw) : 0.0; };
  const double sulfate = x.so4 + x.hso4;
  const double cations = x.na + x.nh4;
  double water = 0.0;
  if (cations >= 2.0 * sulfate) {
    const double na2so4 = std::min(0.5 * x.na, sulfate);
    const double as = sulfate - na2so4;
    double na = x.na - 2.0 * na2so4, nh4 = std::max(0.0, x.nh4 - 2.0 * as);
    const double nano3 = std::min(na, x.no3);
    na -= nano3;
    const double nacl = std::min(na, x.cl);
    const double an = std::min(nh4, x.no3 - nano3);
    nh4 -= an;
    const double ac = std::min(nh4, x.cl - nacl);
    water = w(S::sodium_sulfate, na2so4) + w(S::ammonium_sulfate, as) +
            w(S::sodium_nitrate, nano3) + w(S::sodium_chloride, nacl) +
            w(S::ammonium_nitrate, an) + w(S::ammonium_chloride, ac);
  } else {
    double neutral = 0, lc = 0, bis = 0, acid = 0;
    if (cations >= 1.5 * sulfate) {
      lc = 2.0 * sulfate - cations;
      neutral = 2.0 * cations - 3.0 * sulfate;
    } else if (cations >= sulfate) {
      lc = cations - sulfate;
      bis = 3.0 * sulfate - 2.0 * cations;
    } else {
      bis = cations;
      acid = sulfate - cations;
    }
    const double f_na = cations > 0 ? x.na / cations : 0.0;
    water = w(S::sodium_sulfate, f_na * (neutral + lc)) + w(S::sodium_bisulfate, f_na * (bis + lc)) +
            w(S::ammonium_sulfate, (1 - f_na) * neutral) + w(S::letovicite, (1 - f_na) * lc) +
            w(S::ammonium_bisulfate, (1 - f_na) * bis) + w(S::sulfuric_acid, acid);
  }
  return water;
}

struct Constants {
  double k1, k3, k4, k_nh3, kw;
};

// Coefficients of the equilibria at fixed water W (kg/m^3) and activity coefficients: with
// m_H the H+ molality, SO4/HSO4 = r1/m_H, NO3-/HNO3(g) = c4/m_H, Cl-/HCl(g) = c3/m_H,
// NH4+/NH3(g) = d m_H (p = c R T converts mol/m^3 to atm).
struct Coefficients {
  double W, r1, c4, c3, d, kw;
};
Coefficients coefficients(double W, const PairTable& lg, const Constants& k, double rt) {
  auto g = [&](std::size_t i, std::size_t j) { return std::pow(10.0, lg[i][j]); };
  Coefficients c;
  c.W = W;
  c.r1 = k.k1 * std::pow(g(0, 1), 2) / std::pow(g(0, 0), 3);
  c.c4 = k.k4 * rt * W / std::pow(g(0, 2), 2);
  c.c3 = k.k3 * rt * W / std::pow(g(0, 3), 2);
  c.d = k.k_nh3 * rt * W * std::pow(g(0, 2) / g(1, 2), 2);
  c.kw = k.kw;
  return c;
}

// Ions for a given H+ molality (see inorganic.hpp for the equilibria).
Ions ions_at(double m_h, const Coefficients& c, const AqueousInput& in) {
  Ions x;
  x.h = m_h * c.W;
  const double r1 = c.r1 / m_h, c4 = c.c4 / m_h, c3 = c.c3 / m_h, d = c.d * m_h;
  x.so4 = in.sulfate_mol_m3 * r1 / (1.0 + r1);
  x.hso4 = in.sulfate_mol_m3 / (1.0 + r1);
  x.no3 = in.nitrate_mol_m3 * c4 / (1.0 + c4);
  x.cl = in.chloride_mol_m3 * c3 / (1.0 + c3);
  x.nh4 = in.ammonia_mol_m3 * d / (1.0 + d);
  x.na = in.sodium_mol_m3;
  x.oh = c.kw * c.W / m_h;
  return x;
}

double charge_residual(const Ions& x) {
  return (x.h + x.nh4 + x.na) - (2.0 * x.so4 + x.hso4 + x.no3 + x.cl + x.oh);
}

}  // namespace

double kusik_meissner_log10_gamma(double q, double z1z2, double I) {
  const double sI = std::sqrt(I);
  const double b = 0.75 - 0.065 * q;
  const double c = I < 6.0 ? 1.0 + 0.055 * q * std::exp(-0.023 * I * I * I) : 1.0;
  const double log_gstar = -0.5107 * sI / (1.0 + c * sI);
  return z1z2 * (std::log10(1.0 + b * std::pow(1.0 + 0.1 * I, q) - b) + log_gstar);
}

double zsr_binary_molality(AqueousSalt s, double aw) {
  aw = std::clamp(aw, kAw.front(), kAw.back());
  const auto& m = kZsr[std::size_t(s)];
  std::size_t k = 0;
  while (k + 2 < kAw.size() && aw > kAw[k + 1]) ++k;
  const double f = (aw - kAw[k]) / (kAw[k + 1] - kAw[k]);
  return (1.0 - f) * m[k] + f * m[k + 1];
}

AqueousResult equilibrate_inorganic_aqueous(const AqueousInput& raw) {
  AqueousInput in = raw;
  in.sulfate_mol_m3 = std::max(0.0, in.sulfate_mol_m3);
  in.ammonia_mol_m3 = std::max(0.0, in.ammonia_mol_m3);
  in.nitrate_mol_m3 = std::max(0.0, in.nitrate_mol_m3);
  in.sodium_mol_m3 = std::max(0.0, in.sodium_mol_m3);
  in.chloride_mol_m3 = std::max(0.0, in.chloride_mol_m3);
  const double T = in.temperature_K;
  const double aw = std::clamp(in.rh, 0.10, 0.99);
  const double rt = kR_atm * T;
  Constants k;
  k.k1 = equilibrium_constant(1.015e-2, 8.85, 25.14, T);   // HSO4- ⇌ H+ + SO4(2-), mol/kg
  k.k4 = equilibrium_constant(2.511e6, 29.17, 16.83, T);   // HNO3(g), mol^2 kg^-2 atm^-1
  k.k3 = equilibrium_constant(1.971e6, 30.20, 19.91, T);   // HCl(g), mol^2 kg^-2 atm^-1
  k.kw = equilibrium_constant(1.010e-14, -22.52, 26.92, T);  // H2O, mol^2 kg^-2
  k.k_nh3 = equilibrium_constant(5.764e1, 13.79, -5.393, T) *  // NH3(g) ⇌ NH3(aq), mol/kg/atm
            equilibrium_constant(1.805e-5, -1.50, 26.92, T) / k.kw;  // NH3(aq) ⇌ NH4+ + OH-

  AqueousResult r;
  r.regime = in.ammonia_mol_m3 + in.sodium_mol_m3 >= 2.0 * in.sulfate_mol_m3
                 ? Regime::ammonium_rich
                 : (in.ammonia_mol_m3 + in.sodium_mol_m3 >= in.sulfate_mol_m3
                        ? Regime::sulfate_rich
                        : Regime::sulfate_very_rich);
  r.nitrate_aqueous = true;
  // First guess of the solution: the neutralised salts with all the available ammonia.
  Ions x;
  x.na = in.sodium_mol_m3;
  x.so4 = in.sulfate_mol_m3;
  x.nh4 = std::min(in.ammonia_mol_m3, 2.0 * in.sulfate_mol_m3 + in.nitrate_mol_m3 +
                                          in.chloride_mol_m3);
  x.no3 = std::min(in.nitrate_mol_m3, std::max(0.0, x.nh4 + x.na - 2.0 * x.so4));
  x.cl = std::min(in.chloride_mol_m3, std::max(0.0, x.nh4 + x.na - 2.0 * x.so4 - x.no3));
  double W = zsr_water(x, aw);
  if (!(W > 0)) W = 1e-12;
  PairTable lg{};
  double log_mh = std::log(1e-3);
  for (int it = 0; it < 200; ++it) {
    // Activity coefficients at the current composition.
    const std::array<double, 3> mc{x.h / W, x.nh4 / W, x.na / W};
    const std::array<double, 4> ma{x.so4 / W, x.hso4 / W, x.no3 / W, x.cl / W};
    double I = 0.0;
    for (std::size_t i = 0; i < 3; ++i) I += mc[i] * kZc[i] * kZc[i];
    for (std::size_t j = 0; j < 4; ++j) I += ma[j] * kZa[j] * kZa[j];
    I = std::clamp(0.5 * I, 1e-10, 100.0);  // ISORROPIA's upper limit
    const PairTable lg_new = bromley_log_gamma(mc, ma, I, T);
    double change = 0.0;
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 4; ++j) {
        const double v = it == 0 ? lg_new[i][j] : 0.5 * (lg[i][j] + lg_new[i][j]);
        change = std::max(change, std::abs(v - lg[i][j]));
        lg[i][j] = v;
      }
    r.ionic_strength_mol_kg = I;
    // Charge balance in ln m_H: the residual increases monotonically with m_H.
    const Coefficients co = coefficients(W, lg, k, rt);
    auto f = [&](double lm) { return charge_residual(ions_at(std::exp(lm), co, in)); };
    double lo = log_mh - 2.0, hi = log_mh + 2.0;
    while (f(lo) > 0 && lo > std::log(1e-30)) lo -= 4.0;
    while (f(hi) < 0 && hi < std::log(1e6)) hi += 4.0;
    for (int b = 0; b < 60 && hi - lo > 1e-10; ++b) {
      const double mid = 0.5 * (lo + hi);
      (f(mid) > 0 ? hi : lo) = mid;
    }
    log_mh = 0.5 * (lo + hi);
    x = ions_at(std::exp(log_mh), co, in);
    const double W_new = zsr_water(x, aw);
    change = std::max(change, std::abs(W_new - W) / std::max(W, 1e-30));
    W = W_new;
    r.iterations = it + 1;
    if (!(W > 1e-15)) break;  // no aqueous phase holds (less than 1e-6 µg/m^3 of water)
    if (change < 1e-7) {
      r.converged = true;
      break;
    }
  }
  if (!(W > 1e-15)) {  // everything volatile stays in the gas; sulfate, sodium dry
    W = 0.0;
    x = Ions{};
    x.so4 = in.sulfate_mol_m3;
    x.na = in.sodium_mol_m3;
    r.converged = true;
  }
  r.water_kg_m3 = W;
  r.ammonium_mol_m3 = x.nh4;
  r.nh3_gas_mol_m3 = in.ammonia_mol_m3 - x.nh4;
  r.nitrate_mol_m3 = x.no3;
  r.hno3_gas_mol_m3 = in.nitrate_mol_m3 - x.no3;
  r.chloride_mol_m3 = x.cl;
  r.hcl_gas_mol_m3 = in.chloride_mol_m3 - x.cl;
  r.sulfate_ion_mol_m3 = x.so4;
  r.bisulfate_mol_m3 = x.hso4;
  r.hydrogen_ion_mol_m3 = x.h;
  return r;
}

}  // namespace qiantang::chemistry::aerosol
