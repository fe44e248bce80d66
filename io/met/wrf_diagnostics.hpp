#pragma once
// Rules that fill in the surface and boundary-layer fields many WRF configurations do not
// write (docs/met.md). Pure functions of a column or a point; the WRF reader applies them and
// warns which fields were diagnosed.
#include "solver/common/time.hpp"

namespace qiantang::io {

// Land-use classification of a WRF file (global attribute MMINLU).
enum class LandUseScheme { usgs, modis };
// "USGS" → usgs; "MODIFIED_IGBP_MODIS_NOAH", "MODIS..." → modis; otherwise from ISWATER
// (16 = USGS, 17 = MODIS); MODIS, WRF's default since v3.8, when neither says.
LandUseScheme land_use_scheme(const char* mminlu, int iswater);
// Water category (USGS 16, MODIS 17) and the land category used when only XLAND is known
// (grassland: USGS 7, MODIS 10).
int water_category(LandUseScheme s);
int default_land_category(LandUseScheme s);
// Summer roughness length z0 (m) of a land-use category, from WRF's LANDUSE.TBL (USGS and
// MODIFIED_IGBP_MODIS_NOAH tables, summer column, given there in cm). Unknown categories: 0.1 m.
double roughness_length_m(int category, LandUseScheme s);

// Neutral logarithmic wind profile: u* = κ U(z) / ln(z / z0) (Stull 1988, eq. 9.7.5a), m/s.
double log_law_friction_velocity_m_s(double wind_speed_m_s, double z_m, double z0_m);

// Boundary-layer height (m) by the bulk Richardson number method (Vogelezang & Holtslag 1996,
// Boundary-Layer Meteorol. 81, 245, eq. 3; Hong, Noh & Dudhia 2006, Mon. Wea. Rev. 134, 2318):
//   Ri_b(z) = (g / θv_s) (θv(z) − θv_s)(z − z_s) / [(u(z) − u_s)² + (v(z) − v_s)² + b u*²],
// with the lowest model level as the reference s, b = 100, and h the height where Ri_b first
// reaches ri_critical = 0.25, interpolated linearly between levels. Never below z_s; the
// highest level when Ri_b stays sub-critical. z_m: layer-centre heights above ground; θv in K.
double bulk_richardson_pbl_height_m(int nz, const double* z_m, const double* theta_v_K,
                                    const double* u_m_s, const double* v_m_s,
                                    double friction_velocity_m_s, double ri_critical = 0.25);

// Bulk sensible heat flux (W/m², upward positive): H = ρ c_p C_H U (T_skin − T2) with the
// neutral transfer coefficient C_H = κ² / [ln(z_u / z0) ln(z_T / z0)] for wind at z_u and
// temperature at z_T = 2 m (Garratt 1992, The Atmospheric Boundary Layer, eq. 3.43).
double bulk_sensible_heat_flux_W_m2(double density_kg_m3, double wind_speed_m_s, double z_wind_m,
                                    double z0_m, double skin_temperature_K, double t2_K);

// Cosine of the solar zenith angle: declination and equation of time from Spencer (1971,
// Search 2, 172), hour angle from the true solar time.
double cos_solar_zenith(double lat_deg, double lon_deg, TimePoint utc);
// Clear-sky global irradiance (W/m²): K↓ = 990 sin β − 30, β the solar elevation, zero when
// negative (Holtslag & van Ulden 1983, J. Climate Appl. Meteor. 22, 517, eq. 3 with no cloud).
double clear_sky_shortwave_W_m2(double cos_zenith);

}  // namespace qiantang::io
