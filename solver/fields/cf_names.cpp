#include "solver/fields/cf_names.hpp"

#include <map>

namespace qiantang {

std::string cf_standard_name(const std::string& species, bool aerosol) {
  static const std::map<std::string, std::string> gas{
      {"O3", "ozone"},
      {"NO", "nitrogen_monoxide"},
      {"NO2", "nitrogen_dioxide"},
      {"NO3", "nitrate_radical"},
      {"N2O5", "dinitrogen_pentoxide"},
      {"HONO", "nitrous_acid"},
      {"HNO3", "nitric_acid"},
      {"PNA", "peroxynitric_acid"},
      {"PAN", "peroxyacetyl_nitrate"},
      {"CO", "carbon_monoxide"},
      {"SO2", "sulfur_dioxide"},
      {"NH3", "ammonia"},
      {"H2O2", "hydrogen_peroxide"},
      {"OH", "hydroxyl_radical"},
      {"HO2", "hydroperoxyl_radical"},
      {"FORM", "formaldehyde"},
      {"ALD2", "acetaldehyde"},
      {"ISOP", "isoprene"},
      {"ETHA", "ethane"},
      {"ETH", "ethene"},
      {"ETHY", "ethyne"},
      {"PRPA", "propane"},
      {"MEOH", "methanol"},
      {"ETOH", "ethanol"},
      {"ACET", "acetone"},
      {"BENZENE", "benzene"},
      {"TOL", "toluene"},
      {"ECH4", "methane"},
      {"CH4", "methane"},
  };
  static const std::map<std::string, std::string> particle{
      {"ASO4", "sulfate_dry_aerosol_particles"},
      {"ANO3", "nitrate_dry_aerosol_particles"},
      {"ANH4", "ammonium_dry_aerosol_particles"},
      {"AEC", "elemental_carbon_dry_aerosol_particles"},
      {"APOA", "primary_particulate_organic_matter_dry_aerosol_particles"},
      {"ASOA", "secondary_particulate_organic_matter_dry_aerosol_particles"},
  };
  if (aerosol) {
    const auto it = particle.find(species);
    return it == particle.end() ? "" : "mass_fraction_of_" + it->second + "_in_air";
  }
  const auto it = gas.find(species);
  return it == gas.end() ? "" : "mole_fraction_of_" + it->second + "_in_air";
}

}  // namespace qiantang
