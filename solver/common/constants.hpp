#pragma once
// Physical constants, SI. Values as used by WRF (share/module_model_constants.F) where WRF
// defines them, so that met derived here agrees with the met model's own diagnostics.
namespace qiantang::constants {

inline constexpr double pi = 3.14159265358979323846;
inline constexpr double earth_radius_m = 6370000.0;      // WRF EARTH_RADIUS_M (sphere)
inline constexpr double gravity_m_s2 = 9.81;             // WRF G
inline constexpr double r_dry_air_J_kg_K = 287.0;        // WRF R_D
inline constexpr double cp_dry_air_J_kg_K = 7.0 * 287.0 / 2.0;  // WRF CP = 7 R_D / 2
inline constexpr double r_water_vapour_J_kg_K = 461.6;   // WRF R_V
inline constexpr double p_reference_Pa = 100000.0;       // WRF P1000MB (potential temperature)
inline constexpr double t_base_theta_K = 300.0;          // WRF T0 added to perturbation theta
inline constexpr double von_karman = 0.4;
inline constexpr double avogadro_per_mol = 6.02214076e23;
inline constexpr double boltzmann_J_K = 1.380649e-23;
inline constexpr double molar_gas_J_mol_K = 8.314462618;
inline constexpr double molar_mass_air_kg_mol = 28.9644e-3;  // US Standard Atmosphere 1976

}  // namespace qiantang::constants
