#pragma once
// Temporal and vertical allocation of inventory emissions, region masks, and the conversion
// factors of chemical speciation (docs/emissions.md).
#include <string>
#include <vector>

#include "io/emissions/profiles.hpp"
#include "solver/common/time.hpp"

namespace qiantang::emissions {

// The profile of `sector`, else the "*" profile, else nullptr (flat).
const io::TemporalProfile* temporal_profile(const io::TemporalProfiles& p, const std::string& sector);

// Multiplier of the annual-mean rate at UTC instant t, evaluated in Beijing local time
// (UTC+8) for month m (D_m days in a year of D_y days), ISO weekday w and hour h:
//   f = f_month(m) · D_y / D_m · 7 f_weekday(w) · 24 f_hour(h)
// (each factor 1 when that profile is flat). Conserves the annual total (month) and the daily
// and weekly cycle means.
double temporal_factor(const io::TemporalProfile* p, TimePoint utc);

// Fractions of a sector's emission in each of nz model layers with interface heights above
// ground z[0..nz] (z[0] = 0): each band [top_{b−1}, top_b) of the profile is spread uniformly
// in height over the layers it overlaps; whatever lies above z[nz] goes to the top layer. An
// empty band list puts everything in layer 0. `out` has nz entries summing to 1.
void vertical_fractions(const std::vector<io::VerticalBand>& bands, const double* z_interface_m, int nz, double* out);

// Point-in-polygon by the even–odd rule (crossing number; Shimrat 1962).
bool inside_polygon(const io::RegionPolygon& p, double lon_deg, double lat_deg);
bool inside_region(const std::vector<io::RegionPolygon>& parts, double lon_deg, double lat_deg);

// Converts 1 kg/s of inventory species into the model species' emission unit: mol/s for a gas
// (molar_mass_g_mol of the model species; inventory molar mass for the mole basis), kg/s for
// an aerosol. Returns a negative value when the combination is impossible, with `why` set.
double speciation_factor(const io::SpeciationRow& row, bool model_gas, double model_molar_mass_g_mol,
                         double inventory_molar_mass_g_mol, std::string& why);

}  // namespace qiantang::emissions
