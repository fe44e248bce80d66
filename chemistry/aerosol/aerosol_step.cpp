#include "chemistry/aerosol/aerosol_step.hpp"

#include <algorithm>
#include <cmath>

#include "chemistry/aerosol/heterogeneous.hpp"
#include "chemistry/aerosol/inorganic.hpp"

namespace qiantang::chemistry::aerosol {

AerosolBatch::AerosolBatch(int cells, int n_counters) : n_cells(cells) {
  const auto n = std::size_t(cells);
  for (auto* v : {&temperature_K, &pressure_Pa, &rh, &air_density_kg_m3, &sulf, &hno3, &nh3, &n2o5,
                  &aso4, &ano3, &anh4, &apoa, &aec, &aothr, &water})
    v->assign(n, 0.0);
  for (auto& v : svoc_gas) v.assign(n, 0.0);
  for (auto& v : soa_particle) v.assign(n, 0.0);
  counters.assign(std::size_t(n_counters), std::vector<double>(n, 0.0));
}

void aerosol_step(AerosolBatch& b, const AerosolOptions& o, std::span<const SoaCounter> counters,
                  double dt_s) {
  // Particle densities (kg/m^3) for the wet volume: inorganic salts 1770, organics 1400,
  // elemental carbon 1800, other primary 2000, water 1000 (assumed values, docs/aerosol.md).
  // Cells are independent: threads share the batch (each writes only its own cells).
#pragma omp parallel for schedule(static)
  for (int c = 0; c < b.n_cells; ++c) {
    const auto n = std::size_t(c);
    const double T = b.temperature_K[n];
    const double cair = air_mol_m3(b.air_density_kg_m3[n]);
    // --- SOA: reacted precursor mass to the bins, then absorptive partitioning.
    if (o.soa) {
      std::array<double, kVbsBins> total{}, particle{};
      for (int i = 0; i < kVbsBins; ++i)
        total[std::size_t(i)] = b.svoc_gas[std::size_t(i)][n] + b.soa_particle[std::size_t(i)][n];
      for (std::size_t k = 0; k < counters.size() && k < b.counters.size(); ++k) {
        const double reacted_mol_mol = std::max(0.0, b.counters[k][n]);
        b.counters[k][n] = 0.0;
        if (reacted_mol_mol <= 0.0) continue;
        const auto& y = soa_yields(counters[k].precursor);
        const double reacted_ug_m3 = reacted_mol_mol * cair * y.precursor_molar_mass_g_mol * 1e6;
        const auto& a = counters[k].low_nox ? y.low_nox : y.high_nox;
        for (int i = 0; i < kVbsBins; ++i)
          total[std::size_t(i)] += a[std::size_t(i)] * reacted_ug_m3;
      }
      partition_vbs(total, b.apoa[n], T, particle);
      for (int i = 0; i < kVbsBins; ++i) {
        const auto s = std::size_t(i);
        b.soa_particle[s][n] = particle[s];
        b.svoc_gas[s][n] = total[s] - particle[s];
      }
    }
    // --- Inorganic equilibrium (mol/m^3 inside).
    if (o.inorganic) {
      InorganicInput in;
      in.temperature_K = T;
      in.rh = b.rh[n];
      in.air_mol_m3 = cair;
      in.sulfate_mol_m3 = 1e-6 * (b.aso4[n] / kMolarMassSO4 + b.sulf[n] / kMolarMassH2SO4);
      in.ammonia_mol_m3 = 1e-6 * (b.anh4[n] / kMolarMassNH4 + b.nh3[n] / kMolarMassNH3);
      in.nitrate_mol_m3 = 1e-6 * (b.ano3[n] / kMolarMassNO3 + b.hno3[n] / kMolarMassHNO3);
      InorganicResult r;
      if (o.thermodynamics == InorganicScheme::aqueous && o.metastable) {
        AqueousInput aq;
        static_cast<InorganicInput&>(aq) = in;
        r = equilibrate_inorganic_aqueous(aq);
      } else {
        r = equilibrate_inorganic(in, o.metastable);
      }
      b.aso4[n] = in.sulfate_mol_m3 * 1e6 * kMolarMassSO4;
      b.sulf[n] = 0.0;
      b.anh4[n] = r.ammonium_mol_m3 * 1e6 * kMolarMassNH4;
      b.nh3[n] = r.nh3_gas_mol_m3 * 1e6 * kMolarMassNH3;
      b.ano3[n] = r.nitrate_mol_m3 * 1e6 * kMolarMassNO3;
      b.hno3[n] = r.hno3_gas_mol_m3 * 1e6 * kMolarMassHNO3;
      b.water[n] = r.water_kg_m3 * 1e9;
    }
    // --- N2O5 uptake on the wet aerosol surface: N2O5 → 2 HNO3.
    if (o.n2o5_uptake && b.n2o5[n] > 0.0) {
      double soa = 0.0;
      for (int i = 0; i < kVbsBins; ++i) soa += b.soa_particle[std::size_t(i)][n];
      const double volume =
          1e-9 * ((b.aso4[n] + b.ano3[n] + b.anh4[n]) / 1770.0 + (b.apoa[n] + soa) / 1400.0 +
                  b.aec[n] / 1800.0 + b.aothr[n] / 2000.0 + b.water[n] / 1000.0);
      const double gamma =
          o.n2o5_gamma >= 0 ? o.n2o5_gamma : n2o5_gamma_riemer(b.aso4[n], b.ano3[n]);
      const double k =
          n2o5_uptake_rate(gamma, T, surface_area_density(volume, o.sauter_diameter_m));
      const double lost_mol = b.n2o5[n] / kMolarMassN2O5 * -std::expm1(-k * dt_s);  // µmol/m^3
      b.n2o5[n] -= lost_mol * kMolarMassN2O5;
      b.hno3[n] += 2.0 * lost_mol * kMolarMassHNO3;
    }
  }
}

}  // namespace qiantang::chemistry::aerosol
