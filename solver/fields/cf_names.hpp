#pragma once
// CF standard names of model species (CF standard-name table, v84), for the output's
// `standard_name` attributes. Gases are mole fractions, aerosol components mass fractions.
#include <string>

namespace qiantang {

// "" when the table has no name for the species.
std::string cf_standard_name(const std::string& species, bool aerosol);

}  // namespace qiantang
