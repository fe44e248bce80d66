#pragma once
// Aerosol tracers and the gases the aerosol module exchanges mass with: names, molar masses and
// the representative particle properties used by deposition. Inside the model aerosols are mass
// mixing ratios (kg/kg of air); the aerosol API works in µg/m^3 (gases in µg/m^3 of the gas
// molecule), converted at the process boundary.
#include <array>
#include <string_view>

namespace qiantang::chemistry::aerosol {

// Molar masses, g/mol (IUPAC atomic weights).
inline constexpr double kMolarMassSO4 = 96.06;    // sulfate ion
inline constexpr double kMolarMassNO3 = 62.005;   // nitrate ion
inline constexpr double kMolarMassNH4 = 18.038;   // ammonium ion
inline constexpr double kMolarMassH2SO4 = 98.08;  // SULF
inline constexpr double kMolarMassHNO3 = 63.013;
inline constexpr double kMolarMassNH3 = 17.031;
inline constexpr double kMolarMassSO2 = 64.066;
inline constexpr double kMolarMassH2O2 = 34.015;
inline constexpr double kMolarMassO3 = 47.998;
inline constexpr double kMolarMassN2O5 = 108.01;
inline constexpr double kMolarMassAir = 28.9644;  // US Standard Atmosphere 1976

// Number of volatility-basis-set bins (C* = 1, 10, 100, 1000 µg/m^3 at 298 K).
inline constexpr int kVbsBins = 4;

// Names of the VBS tracers: gas part SVOC1..SVOC4, particle part ASOA1..ASOA4 (both kg/kg);
// ASOA is their particle sum (diagnosed; carried as a tracer only if the run lists it).
inline constexpr std::array<std::string_view, kVbsBins> kVbsGasNames{"SVOC1", "SVOC2", "SVOC3",
                                                                     "SVOC4"};
inline constexpr std::array<std::string_view, kVbsBins> kVbsParticleNames{"ASOA1", "ASOA2", "ASOA3",
                                                                          "ASOA4"};

// The aerosol tracers (kg/kg). PM25 = every one but ACORS; PM10 = PM25 + ACORS.
inline constexpr std::array<std::string_view, 14> kAerosolTracers{
    "ASO4", "ANO3", "ANH4",  "AEC",   "APOA",  "AOTHR", "ACORS",
    "ANA",  "ACL",  "ASOA1", "ASOA2", "ASOA3", "ASOA4", "ASOA"};

// True for the aerosol tracers that count towards PM2.5 (all but ACORS). ASOA is the sum of the
// ASOA1..4 bins: a PM2.5 sum counts it only when the bins are absent.
constexpr bool is_fine_aerosol(std::string_view name) {
  for (auto n : kAerosolTracers)
    if (n == name) return name != "ACORS";
  return false;
}

}  // namespace qiantang::chemistry::aerosol
