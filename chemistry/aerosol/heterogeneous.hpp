#pragma once
// Heterogeneous uptake of N2O5 on the aerosol surface, N2O5 + H2O(aq) → 2 HNO3:
//   k = γ c̄ S / 4   (s^-1),  c̄ = sqrt(8 R T / (π M_N2O5)),
// with the uptake coefficient of Riemer et al. (2003, JGR 108, 4144), weighted by the sulfate
// and nitrate mass, γ = f γ_SO4 + (1 − f) γ_NO3, f = m_SO4 / (m_SO4 + m_NO3), γ_SO4 = 0.02,
// γ_NO3 = 0.002 (or a fixed γ), and S the surface area density of an assumed size distribution:
// S = 6 V / D_s, V the wet particle volume and D_s the surface-weighted (Sauter) mean diameter
// (0.3 µm by default: an accumulation mode with number median 0.09 µm and σg = 2,
// D_s = D_g exp(2.5 ln^2 σg)).
#include <cmath>

namespace qiantang::chemistry::aerosol {

inline double n2o5_gamma_riemer(double sulfate_ug_m3, double nitrate_ug_m3) {
  const double s = sulfate_ug_m3 + nitrate_ug_m3;
  const double f = s > 0 ? sulfate_ug_m3 / s : 1.0;
  return f * 0.02 + (1.0 - f) * 0.002;
}

// Surface area density (m^2/m^3) of particles of volume V (m^3 per m^3 of air).
inline double surface_area_density(double volume_m3_m3, double sauter_diameter_m) {
  return 6.0 * volume_m3_m3 / sauter_diameter_m;
}

// First-order loss rate of N2O5 (s^-1).
inline double n2o5_uptake_rate(double gamma, double T_K, double surface_m2_m3) {
  constexpr double R = 8.314462618, M = 108.01e-3, pi = 3.14159265358979323846;
  const double cbar = std::sqrt(8.0 * R * T_K / (pi * M));
  return 0.25 * gamma * cbar * surface_m2_m3;
}

}  // namespace qiantang::chemistry::aerosol
