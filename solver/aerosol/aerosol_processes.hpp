#pragma once
// The aerosol processes the driver steps (chemistry/aerosol does the science on a batch of cells):
//  * "aerosol": VBS SOA from the CB6 counters, sulfate–nitrate–ammonium equilibrium and N2O5
//    uptake on every cell of the tile. Config [aerosol]: metastable (true), soa (true),
//    inorganic (true), thermodynamics (simple | aqueous; simple), n2o5_uptake (true),
//    n2o5_gamma (negative = Riemer et al. 2003 γ; default −1), sauter_diameter_um (0.3),
//    soa_nox (high | low: the yield set for the counters; high).
//  * "cloud_chemistry": aqueous S(IV) oxidation by H2O2 and O3 where the cloud water exceeds
//    [cloud_chemistry] lwc_threshold_g_m3 (0.01), CO2 at co2_ppm (420).
// Species are found by name in the model's tracers; a process skips what is absent.
// Every change is recorded in Budget::chemistry_change_kg.
#include <vector>

#include "solver/driver/process.hpp"
#include "solver/fields/array3d.hpp"
#include "solver/fields/field_registry.hpp"

namespace qiantang::solver {

struct MetTile;

// Registers "aerosol", "cloud_chemistry", "dry_deposition" and "wet_deposition".
void register_aerosol_processes(ProcessFactory& f);

// The aerosol tracers with units and phase (kg/kg, Phase::aerosol), for the model's registry:
// ASO4 ANO3 ANH4 AEC APOA AOTHR ACORS (ANA ACL with sea salt), SVOC1..4 (VBS vapours, kg/kg),
// ASOA1..4 (VBS particles).
std::vector<FieldInfo> aerosol_field_infos(bool sea_salt);

// PM2.5 and PM10 dry mass (µg/m^3 at the local T and P) on the tile interior: the sum of the
// aerosol tracers present × air density. ASOA counts only when the ASOA1..4 bins are absent.
void diagnose_pm(const FieldRegistry& tracers, const MetTile& met, Array3& pm25_ug_m3,
                 Array3& pm10_ug_m3);

}  // namespace qiantang::solver
