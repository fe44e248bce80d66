#pragma once
// Wet deposition: scavenging by precipitation of gases (effective Henry's law) and particles
// (collection), in-cloud and below cloud, as a first-order loss over the step:
//   loss fraction = 1 − exp(−Λ Δt).
// In cloud (layers holding condensed water W, kg/m^3, below the column's cloud top, when the
// surface precipitation rate P > 0): the condensed water is removed at the rate
// P_flux / (W̄ H_c) (P_flux kg m^-2 s^-1, W̄ the mean condensed water and H_c the depth of the
// cloudy layers), and a species goes with the fraction of it held in the water:
//   Λ_in = f_aq P_flux / (W̄ H_c),
//   gases  f_aq = H* R T L / (1 + H* R T L)  (L = W / ρ_w, H* effective at pH 4.5),
//   particles f_aq = activated fraction (1 for soluble aerosol, 0.5 for EC and POA, 0.8 for the
//   other primary and the coarse fraction; docs/deposition.md).
// Below cloud: particles Λ = a P^b (P in mm/h; a = 1e-4 s^-1, b = 0.8 for coarse particles,
// Stohl et al. 2005, ACP 5, 2461, sect. 7; a = 1e-5 s^-1, b = 0.8 for the accumulation mode,
// the order of the Laakso et al. 2003, Atmos. Environ. 37, 3605, curve at 0.3–1 µm); gases
// Λ = 1e-4 P^0.62 f_eq (the HNO3 washout coefficient of Levine & Schwartz 1982, Atmos.
// Environ. 16, 1725, scaled by the fraction the rain water can hold at equilibrium).
#include <optional>
#include <string>
#include <vector>

namespace qiantang::solver::deposition {

// Effective Henry's law constant (M/atm) of a gas at temperature T and cloud pH 4.5; nullopt
// for gases that are not scavenged.
std::optional<double> effective_henry_M_atm(const std::string& name, double T_K);

struct WetColumn {
  int nz = 0;
  const double* temperature_K = nullptr;      // [nz]
  const double* density_kg_m3 = nullptr;      // [nz]
  const double* cloud_water_kg_kg = nullptr;  // [nz]
  const double* rain_water_kg_kg = nullptr;   // [nz]
  const double* thickness_m = nullptr;        // [nz]
  double precipitation_mm_h = 0.0;            // at the surface
};

class WetScavenging {
 public:
  WetScavenging(const std::vector<std::string>& names, const std::vector<bool>& is_aerosol);
  // Loss fractions over dt, [species][layer] (species slowest), for one column.
  void column(const WetColumn& c, double dt_s, std::vector<double>& loss) const;
  int size() const { return int(names_.size()); }

 private:
  std::vector<std::string> names_;
  std::vector<bool> aerosol_, scavenged_;
  std::vector<double> activated_, below_a_;
};

}  // namespace qiantang::solver::deposition
