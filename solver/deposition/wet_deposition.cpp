#include "solver/deposition/wet_deposition.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace qiantang::solver::deposition {
namespace {

constexpr double kRatm = 8.20574e-5;               // m^3 atm mol^-1 K^-1
constexpr double kCloudH = 3.1622776601683795e-5;  // [H+] at pH 4.5, M

struct Henry {
  double h298, c;  // intrinsic constant (M/atm) and −ΔH/R (K), Seinfeld & Pandis Table 7.2
  double ka = 0, base = 0;  // acid dissociation (M) or, for a base, K_b / K_w (M^-1)
};

}  // namespace

std::optional<double> effective_henry_M_atm(const std::string& name, double T) {
  static const std::map<std::string, Henry> t{
      {"SO2", {1.23, 3145.0, 1.3e-2, 0}},    {"H2O2", {1.0e5, 6620.0, 0, 0}},
      {"HNO3", {2.1e5, 8700.0, 15.4, 0}},    {"N2O5", {1e14, 0.0, 0, 0}},  // hydrolyses to HNO3
      {"SULF", {1e14, 0.0, 0, 0}},           {"NH3", {62.0, 4110.0, 0, 1.7e-5 / 1.0e-14}},
      {"FORM", {6.3e3, 6460.0, 0, 0}},       {"ALD2", {11.4, 6300.0, 0, 0}},
      {"HONO", {49.0, 4780.0, 5.1e-4, 0}},   {"FACD", {5.6e3, 5630.0, 1.8e-4, 0}},
      {"AACD", {8.8e3, 6410.0, 1.75e-5, 0}}, {"MEPX", {310.0, 5200.0, 0, 0}},
      {"ROOH", {310.0, 5200.0, 0, 0}},       {"PACD", {670.0, 5890.0, 0, 0}},
      {"MEOH", {220.0, 5390.0, 0, 0}},       {"GLY", {3.6e5, 0.0, 0, 0}},
      {"MGLY", {3.7e3, 7500.0, 0, 0}},       {"PNA", {1e14, 0.0, 0, 0}},
      {"PAN", {2.9, 5910.0, 0, 0}},          {"NTR2", {1e4, 0.0, 0, 0}},
      {"SVOC1", {1e5, 0.0, 0, 0}},           {"SVOC2", {1e5, 0.0, 0, 0}},
      {"SVOC3", {1e5, 0.0, 0, 0}},           {"SVOC4", {1e5, 0.0, 0, 0}},
  };
  const auto it = t.find(name);
  if (it == t.end()) return std::nullopt;
  const Henry& h = it->second;
  const double base = h.h298 * std::exp(h.c * (1.0 / T - 1.0 / 298.0));
  return base * (1.0 + h.ka / kCloudH + h.base * kCloudH);
}

WetScavenging::WetScavenging(const std::vector<std::string>& names,
                             const std::vector<bool>& is_aerosol)
    : names_(names), aerosol_(is_aerosol) {
  for (std::size_t n = 0; n < names.size(); ++n) {
    const std::string& s = names[n];
    double act = 1.0, a = 1e-5;
    bool sc = true;
    if (is_aerosol[n]) {
      if (s == "AEC" || s == "APOA") act = 0.5;
      if (s == "AOTHR") act = 0.8;
      if (s == "ACORS") act = 0.8, a = 1e-4;
      if (s == "ANA" || s == "ACL") a = 1e-4;
    } else {
      sc = effective_henry_M_atm(s, 298.0).has_value();
    }
    scavenged_.push_back(sc);
    activated_.push_back(act);
    below_a_.push_back(a);
  }
}

void WetScavenging::column(const WetColumn& c, double dt_s, std::vector<double>& loss) const {
  const std::size_t nz = std::size_t(c.nz);
  loss.assign(names_.size() * nz, 0.0);
  const double P = c.precipitation_mm_h;
  if (!(P > 0.0)) return;
  // Cloudy layers: condensed water above 1e-5 kg/m^3 (0.01 g/m^3).
  int top = -1;
  double depth = 0.0, water_sum = 0.0;
  std::vector<double> W(nz);
  for (std::size_t k = 0; k < nz; ++k) {
    W[k] = (c.cloud_water_kg_kg[k] + c.rain_water_kg_kg[k]) * c.density_kg_m3[k];
    if (W[k] > 1e-5) {
      top = int(k);
      depth += c.thickness_m[k];
      water_sum += W[k] * c.thickness_m[k];
    }
  }
  if (top < 0) {  // precipitation with no condensed water in the column: all below-cloud
    top = int(nz) - 1;
  }
  const double p_flux = P / 3600.0;  // kg m^-2 s^-1 (1 mm of water = 1 kg/m^2)
  const double removal = depth > 0 ? p_flux / water_sum : 0.0;  // = P_flux / (W̄ H_c), s^-1
  for (std::size_t n = 0; n < names_.size(); ++n) {
    if (!scavenged_[n]) continue;
    for (std::size_t k = 0; k <= std::size_t(top); ++k) {
      const double T = c.temperature_K[k];
      const bool in_cloud = W[k] > 1e-5;
      double lambda = 0.0;
      if (aerosol_[n]) {
        lambda = in_cloud ? activated_[n] * removal : below_a_[n] * std::pow(P, 0.8);
      } else {
        const double h = *effective_henry_M_atm(names_[n], T);
        const double hrt = h * kRatm * T * 1000.0;  // dimensionless (L/m^3 × atm m^3/mol × M/atm)
        if (in_cloud) {
          const double L = W[k] / 1000.0;  // m^3 water per m^3 air
          lambda = hrt * L / (1.0 + hrt * L) * removal;
        } else {
          // Rain water volume fraction from the rain rate and a fall speed of 5 m/s.
          const double L =
              std::max(c.rain_water_kg_kg[k] * c.density_kg_m3[k], p_flux / 5.0) / 1000.0;
          lambda = 1e-4 * std::pow(P, 0.62) * (hrt * L / (1.0 + hrt * L));
        }
      }
      loss[n * nz + k] = -std::expm1(-lambda * dt_s);
    }
  }
}

}  // namespace qiantang::solver::deposition
