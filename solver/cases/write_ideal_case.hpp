#pragma once
#include <filesystem>

#include "solver/cases/ideal_cases.hpp"

namespace qiantang::cases {
// Writes config.ini, met.nc (CF meteorology), initial.nc and, for point sources, sources.csv
// into `dir`, so that `qiantang run dir/config.ini` runs the case through the real readers.
void write_ideal_case(const IdealCase& c, const std::filesystem::path& dir);
}  // namespace qiantang::cases
