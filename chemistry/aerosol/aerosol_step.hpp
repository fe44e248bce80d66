#pragma once
// The aerosol step on a batch of cells (cells are the vector dimension; no grid, MPI or NetCDF):
// VBS SOA formation from the precursor counters and partitioning, inorganic thermodynamics
// (inorganic.hpp), and heterogeneous N2O5 uptake (heterogeneous.hpp), in that order.
// Concentrations in µg/m^3 (gases as the gas molecule); counters in mol/mol reacted since
// they were last reset (the step resets them to zero).
#include <array>
#include <span>
#include <vector>

#include "chemistry/aerosol/soa.hpp"
#include "chemistry/aerosol/species.hpp"

namespace qiantang::chemistry::aerosol {

struct SoaCounter {
  SoaPrecursor precursor;
  bool low_nox = false;  // RO2 + HO2 branch (low-NOx yields); otherwise high-NOx yields
};

// Inorganic thermodynamics: the simple scheme (equilibrate_inorganic) or the aqueous
// metastable scheme (equilibrate_inorganic_aqueous; used only when metastable is set).
enum class InorganicScheme { simple, aqueous };

struct AerosolOptions {
  bool metastable = true;
  InorganicScheme thermodynamics = InorganicScheme::simple;
  bool soa = true;
  bool inorganic = true;
  bool n2o5_uptake = true;
  double n2o5_gamma = -1.0;           // fixed γ; negative: Riemer et al. (2003) mass-weighted γ
  double sauter_diameter_m = 0.3e-6;  // surface-weighted mean wet diameter
};

struct AerosolBatch {
  explicit AerosolBatch(int cells = 0, int counters = 0);
  int n_cells = 0;
  std::vector<double> temperature_K, pressure_Pa, rh, air_density_kg_m3;  // rh: fraction
  // Gases, µg/m^3.
  std::vector<double> sulf, hno3, nh3, n2o5;
  // Particles, µg/m^3.
  std::vector<double> aso4, ano3, anh4, apoa, aec, aothr;
  std::array<std::vector<double>, kVbsBins> svoc_gas, soa_particle;
  // Counters [counter][cell], mol/mol.
  std::vector<std::vector<double>> counters;
  // Output: aerosol liquid water, µg/m^3.
  std::vector<double> water;
};

// Molar concentration of air (mol/m^3) from the air density.
inline double air_mol_m3(double density_kg_m3) { return density_kg_m3 / (kMolarMassAir * 1e-3); }

void aerosol_step(AerosolBatch& b, const AerosolOptions& o, std::span<const SoaCounter> counters,
                  double dt_s);

}  // namespace qiantang::chemistry::aerosol
