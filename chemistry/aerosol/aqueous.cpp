#include "chemistry/aerosol/aqueous.hpp"

#include <algorithm>
#include <cmath>

namespace qiantang::chemistry::aerosol {
namespace {

constexpr double kRatm = 8.20574e-5;  // m^3 atm mol^-1 K^-1

double vant_hoff(double k298, double c, double T) {
  return k298 * std::exp(c * (1.0 / T - 1.0 / 298.0));
}

// Dissociation constants (M) at T, Seinfeld & Pandis (2016) Table 7.3/7.4: K298 and −ΔH/R.
struct Dissociation {
  double ks1, ks2, kc1, kc2, kb, kw, khso4;
};
Dissociation dissociation(double T) {
  return {vant_hoff(1.3e-2, 1960.0, T),  vant_hoff(6.6e-8, 1500.0, T),
          vant_hoff(4.3e-7, -1000.0, T), vant_hoff(4.68e-11, -1760.0, T),
          vant_hoff(1.7e-5, -450.0, T),  vant_hoff(1.0e-14, -6710.0, T),
          vant_hoff(1.02e-2, 2720.0, T)};
}

// Partial pressure (atm) of a gas with total n (mol/m^3 air) in equilibrium between the air and
// water of volume fraction L (L water per m^3 of air × 1e-3 m^3/L) with effective constant H*.
double partial_pressure(double n, double h_eff, double T, double litres_per_m3) {
  return n / (1.0 / (kRatm * T) + h_eff * litres_per_m3);
}

struct Equilibrium {
  double h;  // M
  double p_so2, p_h2o2, p_o3;
};

// Temperature-dependent constants of a cell, computed once per step.
struct Constants {
  Dissociation k;
  double h_so2, h_nh3, h_co2, h_h2o2, h_o3;  // M/atm
  explicit Constants(double T)
      : k(dissociation(T)),
        h_so2(kHenrySO2.at(T)),
        h_nh3(kHenryNH3.at(T)),
        h_co2(kHenryCO2.at(T)),
        h_h2o2(kHenryH2O2.at(T)),
        h_o3(kHenryO3.at(T)) {}
};

// Charge-balance residual (M) at [H+] = h: positive ions minus negative ions.
double charge_residual(const CloudCell& c, const Constants& q, double h, double litres) {
  const double T = c.temperature_K;
  const auto& k = q.k;
  const double p_co2 = c.co2_mol_mol * c.pressure_Pa / 101325.0;
  const double h_eff_so2 = q.h_so2 * (1.0 + k.ks1 / h + k.ks1 * k.ks2 / (h * h));
  const double p_so2 = partial_pressure(c.so2, h_eff_so2, T, litres);
  const double so2aq = q.h_so2 * p_so2;
  const double hso3 = k.ks1 * so2aq / h, so3 = k.ks2 * hso3 / h;
  const double h_eff_nh3 = q.h_nh3 * (1.0 + k.kb * h / k.kw);
  const double p_nh3 = partial_pressure(c.ammonia, h_eff_nh3, T, litres);
  const double nh4 = q.h_nh3 * k.kb * h / k.kw * p_nh3;
  const double co2aq = q.h_co2 * p_co2;
  const double hco3 = k.kc1 * co2aq / h, co3 = k.kc2 * hco3 / h;
  const double no3 = c.nitrate / litres;
  const double s6 = c.sulfate / litres;
  // Sulfate split into SO4-- and HSO4-: charge 2 − f_HSO4.
  const double sulfate_charge = s6 * (2.0 + h / k.khso4) / (1.0 + h / k.khso4);
  return h + nh4 - (k.kw / h + hso3 + 2.0 * so3 + hco3 + 2.0 * co3 + no3 + sulfate_charge);
}

Equilibrium equilibrium(const CloudCell& c, const Constants& q, double ph_guess = 5.0) {
  const double T = c.temperature_K;
  const double litres = c.lwc_g_m3 * 1e-3;  // litres of water per m^3 of air
  // f(pH) = residual at [H+] = 10^-pH decreases with pH. Bracket around the guess (widened until
  // the sign changes, within pH −1..14), then the Illinois variant of regula falsi to 1e-10 in pH.
  auto f = [&](double ph) { return charge_residual(c, q, std::pow(10.0, -ph), litres); };
  double lo = std::clamp(ph_guess - 0.25, -1.0, 14.0), hi = std::clamp(ph_guess + 0.25, -1.0, 14.0);
  double flo = f(lo), fhi = f(hi);
  for (double w = 0.5; flo < 0 && lo > -1.0; w *= 2) flo = f(lo = std::max(-1.0, lo - w));
  for (double w = 0.5; fhi > 0 && hi < 14.0; w *= 2) fhi = f(hi = std::min(14.0, hi + w));
  double ph = 0.5 * (lo + hi);
  if (flo > 0 && fhi < 0) {
    int side = 0;
    for (int it = 0; it < 100 && hi - lo > 1e-10; ++it) {
      ph = (lo * fhi - hi * flo) / (fhi - flo);
      if (!(ph > lo && ph < hi)) ph = 0.5 * (lo + hi);
      const double fm = f(ph);
      if (fm > 0) {
        lo = ph;
        flo = fm;
        if (side == -1) fhi *= 0.5;
        side = -1;
      } else {
        hi = ph;
        fhi = fm;
        if (side == 1) flo *= 0.5;
        side = 1;
      }
      if (fm == 0.0) break;
    }
  } else {
    ph = flo <= 0 ? lo : hi;  // no sign change inside pH −1..14: the nearer end
  }
  lo = hi = ph;
  const double h = std::pow(10.0, -0.5 * (lo + hi));
  const double h_eff_so2 = q.h_so2 * (1.0 + q.k.ks1 / h + q.k.ks1 * q.k.ks2 / (h * h));
  return {h, partial_pressure(c.so2, h_eff_so2, T, litres),
          partial_pressure(c.h2o2, q.h_h2o2, T, litres), partial_pressure(c.o3, q.h_o3, T, litres)};
}

// S(IV) oxidation rates (M/s) with precomputed constants.
SivRates rates(const Constants& q, double T, double h, double p_so2, double p_h2o2, double p_o3) {
  SivRates r{};
  r.so2_aq = q.h_so2 * p_so2;
  r.hso3 = q.k.ks1 * r.so2_aq / h;
  r.so3 = q.k.ks2 * r.hso3 / h;
  r.h2o2_aq = q.h_h2o2 * p_h2o2;
  r.o3_aq = q.h_o3 * p_o3;
  const double k0 = 2.4e4, k1 = vant_hoff(3.7e5, -5530.0, T), k2 = vant_hoff(1.5e9, -5280.0, T);
  r.rate_o3 = (k0 * r.so2_aq + k1 * r.hso3 + k2 * r.so3) * r.o3_aq;
  const double kp = vant_hoff(7.45e7, -4430.0, T);
  r.rate_h2o2 = kp * h * r.h2o2_aq * r.hso3 / (1.0 + 13.0 * h);
  return r;
}

}  // namespace

double HenryConstant::at(double T) const { return vant_hoff(h298_M_atm, c_K, T); }

SivRates siv_oxidation_rates(double T, double h, double p_so2, double p_h2o2, double p_o3) {
  return rates(Constants(T), T, h, p_so2, p_h2o2, p_o3);
}

double cloud_hydrogen_ion_M(const CloudCell& c) {
  return equilibrium(c, Constants(c.temperature_K)).h;
}

namespace {

struct PathRates {
  double h2o2, o3;  // mol m^-3 s^-1 (per m^3 of air), or amounts (mol/m^3)
};

// Pseudo-first-order rate constants (s^-1) of the state `c`: H2O2 and O3 for their own paths,
// S(IV) for the sum.
struct RateConstants {
  double h2o2 = 0, o3 = 0, siv = 0;
};

RateConstants rate_constants(const CloudCell& c, const Constants& q, double& ph) {
  const double litres = c.lwc_g_m3 * 1e-3;
  const auto e = equilibrium(c, q, ph);
  ph = -std::log10(e.h);
  const auto r = rates(q, c.temperature_K, e.h, e.p_so2, e.p_h2o2, e.p_o3);
  RateConstants k;
  const double rh = c.h2o2 > 0 ? r.rate_h2o2 * litres : 0.0,
               ro = c.o3 > 0 ? r.rate_o3 * litres : 0.0;
  if (c.h2o2 > 0) k.h2o2 = rh / c.h2o2;
  if (c.o3 > 0) k.o3 = ro / c.o3;
  if (c.so2 > 0) k.siv = (rh + ro) / c.so2;
  return k;
}

// Amounts oxidised by each path over h: each reactant decays with its pseudo-first-order rate,
// X (1 − exp(−k h)), and no more S(IV) than that decay allows is used.
PathRates oxidised(const CloudCell& c, const RateConstants& k, double h) {
  PathRates d{c.h2o2 * -std::expm1(-k.h2o2 * h), c.o3 * -std::expm1(-k.o3 * h)};
  const double ds_max = c.so2 * -std::expm1(-k.siv * h);
  if (d.h2o2 + d.o3 > ds_max) {
    const double f = ds_max / (d.h2o2 + d.o3);
    d.h2o2 *= f;
    d.o3 *= f;
  }
  return d;
}

void apply(CloudCell& c, const PathRates& d) {
  c.so2 -= d.h2o2 + d.o3;
  c.h2o2 -= d.h2o2;
  c.o3 -= d.o3;
  c.sulfate += d.h2o2 + d.o3;
}

}  // namespace

CloudStepResult cloud_sulfate_step(CloudCell& c, double dt_s) {
  CloudStepResult out;
  const double s0 = c.so2, h2o2_0 = c.h2o2;
  constexpr int kMaxSubsteps = 200;
  const Constants q(c.temperature_K);
  double ph = 5.0;  // warm start of the charge-balance solve
  double t = 0.0;
  while (t < dt_s && out.substeps < kMaxSubsteps) {
    const RateConstants k0 = rate_constants(c, q, ph);
    const double total = k0.siv * c.so2;
    if (!(total > 0.0) || c.so2 <= 0.0) break;
    double h = dt_s - t;
    if (c.so2 > 1e-3 * s0 && out.substeps < kMaxSubsteps - 1) {
      // At most half the S(IV) lifetime, and at most 5 % added to the strong-acid anions (so
      // that the pH, which controls the O3 path, changes little within a sub-step).
      h = std::min(h, 0.5 / k0.siv);
      h = std::min(h, 0.05 * (c.sulfate + c.nitrate + 0.01 * s0) / total);
      // And at most half the H2O2 lifetime until 99.9 % of it is used.
      if (c.h2o2 > 1e-3 * h2o2_0 && k0.h2o2 > 0) h = std::min(h, 0.5 / k0.h2o2);
    }
    // Midpoint rule: rate constants re-evaluated (pH included) after half the sub-step.
    CloudCell mid = c;
    apply(mid, oxidised(c, k0, 0.5 * h));
    double ph_mid = ph;
    const PathRates d = oxidised(c, rate_constants(mid, q, ph_mid), h);
    apply(c, d);
    out.by_h2o2 += d.h2o2;
    out.by_o3 += d.o3;
    out.sulfate_produced += d.h2o2 + d.o3;
    t += h;
    ++out.substeps;
  }
  out.ph = -std::log10(equilibrium(c, q, ph).h);
  return out;
}

}  // namespace qiantang::chemistry::aerosol
