#pragma once
// Secondary organic aerosol: a four-bin volatility basis set (Donahue et al. 2006, ES&T 40,
// 2635) with C* = 1, 10, 100, 1000 µg/m^3 at 298 K and absorptive partitioning (Pankow 1994,
// Atmos. Environ. 28, 185) onto the organic mass, primary organic aerosol included:
//   C_OA = POA + Σ_i C_i,tot ξ_i,  ξ_i = (1 + C*_i(T) / C_OA)^-1,
// solved for C_OA by a safeguarded Newton iteration. Temperature dependence by
// Clausius–Clapeyron, C*(T) = C*(298) (298/T) exp[ΔHvap/R (1/298 − 1/T)], ΔHvap = 30 kJ/mol
// (Tsimpidi et al. 2010, ACP 10, 525, sect. 2).
// Yields (mass of each bin per mass of precursor reacted) are those of the PMCAMx VBS
// (Lane, Donahue & Pandis 2008, Atmos. Environ. 42, 7439, Table 2; Tsimpidi et al. 2010 Table 2)
// at high and low NOx.
#include <array>
#include <span>

#include "chemistry/aerosol/species.hpp"

namespace qiantang::chemistry::aerosol {

inline constexpr std::array<double, kVbsBins> kVbsCstar298{1.0, 10.0, 100.0, 1000.0};  // µg/m^3
inline constexpr double kVbsDeltaHvap_J_mol = 30.0e3;

enum class SoaPrecursor { benzene, toluene, xylene, isoprene, monoterpene, sesquiterpene };

struct SoaYields {
  std::array<double, kVbsBins> high_nox, low_nox;
  double precursor_molar_mass_g_mol;
};
const SoaYields& soa_yields(SoaPrecursor p);

// Saturation concentration of bin i at temperature T, µg/m^3.
double vbs_cstar(int bin, double T_K);

// Partitions the bins of one cell at equilibrium. total[i] = gas + particle (µg/m^3), poa =
// absorbing non-volatile organic mass (µg/m^3). Writes the particle part of every bin and
// returns C_OA (POA included).
double partition_vbs(std::span<const double, kVbsBins> total, double poa_ug_m3, double T_K,
                     std::span<double, kVbsBins> particle);

}  // namespace qiantang::chemistry::aerosol
