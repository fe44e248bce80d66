#pragma once
// Dry deposition velocities, v_d = 1 / (R_a + R_b + R_c) for gases and
// v_d = v_g + 1 / (R_a + R_s) for particles.
//  * R_a: Monin–Obukhov similarity between the roughness length and the reference height
//    (half the lowest layer), Businger–Dyer stability functions in Paulson's integrated form:
//      R_a = [ln(z/z0) − ψ_h(z/L) + ψ_h(z0/L)] / (κ u*),
//      L = −ρ c_p T u*^3 / (κ g H)   (H the sensible heat flux, W/m^2),
//      ψ_h = −5 ζ (stable), 2 ln[(1 + sqrt(1 − 16 ζ)) / 2] (unstable).
//  * R_b = 2 / (κ u*) (Sc / Pr)^(2/3), Sc = ν / D_x, Pr = 0.72 (Wesely & Hicks 1977).
//  * R_c: Wesely (1989, Atmos. Environ. 23, 1293) with the corrections of Walmsley & Wesely
//    (1996, Atmos. Environ. 30, 1181): stomatal (light and temperature response), mesophyll,
//    cuticular, lower-canopy and ground pathways in parallel, for 11 land-use categories and 5
//    seasons (Table 1), with H* and f0 of each gas (Table 2).
//  * Particles: Zhang et al. (2001, Atmos. Environ. 35, 549): gravitational settling and the
//    surface resistance R_s = 1 / [ε0 u* (E_B + E_IM + E_IN) R1], one representative diameter
//    and density per aerosol species (representative_particle()).
#include <optional>
#include <string>
#include <vector>

namespace qiantang::solver::deposition {

// Wesely (1989) land-use categories (1-based in the paper; 0-based here).
enum class WeselyLandUse {
  urban,
  agricultural,
  range,
  deciduous_forest,
  coniferous_forest,
  mixed_forest,
  water,
  barren,
  wetland,
  range_agricultural,
  rocky_shrubs
};
// Wesely (1989) seasonal categories.
enum class WeselySeason { midsummer, autumn, late_autumn, winter_snow, transitional_spring };

// Maps a WRF LU_INDEX to a Wesely category: "usgs" (24/28 classes) or "modis" (IGBP 20/21).
WeselyLandUse wesely_land_use(int lu_index, const std::string& table);
// Season from the month (1-12), latitude (sign picks the hemisphere) and 2-m temperature
// (winter with snow when below 0 °C; docs/deposition.md).
WeselySeason wesely_season(int month, double latitude_deg, double t2_K);

// Wesely (1989) Table 2 properties of a gas.
struct GasDepositionProperties {
  double diffusivity_ratio;  // D_H2O / D_x
  double henry_M_atm;        // effective Henry's law constant H*
  double f0;                 // reactivity factor
};
// Properties by mechanism (CB6) species name; nullopt for gases that do not deposit.
std::optional<GasDepositionProperties> wesely_gas(const std::string& name);

struct SurfaceConditions {
  double solar_W_m2 = 0;    // global radiation at the surface
  double t_surface_C = 20;  // surface (2 m) air temperature
  double slope_rad = 0;
  bool dew = false, rain = false;
};

// Wesely (1989) bulk surface resistance R_c (s/m). SO2 and O3 use their own tabulated
// lower-canopy and ground resistances (is_so2 / is_o3); other gases the Table 2 scaling.
double wesely_surface_resistance(const GasDepositionProperties& g, WeselyLandUse lu, WeselySeason s,
                                 const SurfaceConditions& c, bool is_so2, bool is_o3);

// Roughness length (m) of a Wesely category and season (docs/deposition.md).
double roughness_length_m(WeselyLandUse lu, WeselySeason s);

// Monin–Obukhov length (m) from the sensible heat flux (W/m^2, positive upward).
double obukhov_length_m(double ustar_m_s, double sensible_heat_W_m2, double T_K,
                        double density_kg_m3);
double aerodynamic_resistance(double z_m, double z0_m, double ustar_m_s, double obukhov_m);
// Quasi-laminar resistance for a gas of molecular diffusivity D (m^2/s).
double quasi_laminar_resistance(double ustar_m_s, double diffusivity_m2_s, double T_K, double P_Pa);
// Molecular diffusivity of water vapour in air (m^2/s), Massman (1998).
double water_vapour_diffusivity(double T_K, double P_Pa);

struct ParticleProperties {
  double diameter_m;
  double density_kg_m3;
};
// Representative diameter and density of an aerosol tracer (docs/deposition.md).
ParticleProperties representative_particle(const std::string& name);

// Zhang et al. (2001) particle deposition velocity (m/s).
double particle_deposition_velocity(const ParticleProperties& p, WeselyLandUse lu, WeselySeason s,
                                    double T_K, double P_Pa, double ustar_m_s, double ra_s_m);

// Surface fields of one column the velocities need.
struct ColumnSurface {
  double ustar_m_s = 0.3, sensible_heat_W_m2 = 0, solar_W_m2 = 0, t2_K = 288, pressure_Pa = 1e5;
  double air_density_kg_m3 = 1.2, t_lowest_K = 288, z_reference_m = 10;  // half the lowest layer
  double precipitation_mm_h = 0, latitude_deg = 30;
  int month = 1;
  WeselyLandUse land_use = WeselyLandUse::agricultural;
};

// Deposition velocities (m/s) of a set of species for columns: species are resolved once.
class DryDepositionVelocities {
 public:
  // `is_aerosol[n]` selects the particle scheme for species n.
  DryDepositionVelocities(const std::vector<std::string>& names,
                          const std::vector<bool>& is_aerosol);
  // Fills vd[n] for every species (0 for gases that do not deposit).
  void column(const ColumnSurface& s, double* vd) const;
  int size() const { return int(kind_.size()); }

 private:
  enum class Kind { none, gas, so2, o3, particle };
  std::vector<Kind> kind_;
  std::vector<GasDepositionProperties> gas_;
  std::vector<ParticleProperties> particle_;
};

}  // namespace qiantang::solver::deposition
