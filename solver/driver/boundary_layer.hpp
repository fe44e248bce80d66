#pragma once
// Eddy diffusivity from boundary-layer similarity when the meteorology gives no Kz
// (Holtslag & Boville 1993, J. Climate 6, 1825, eqs. 2.6–2.12; Troen & Mahrt 1986):
//   K(z) = κ w_s z (1 − z/h)²  for z < h,
// with the velocity scale w_s = u*/φ_h(z/L) in stable and neutral conditions
// (φ_h = 1 + 5 z/L) and w_s = u* (1 − 15 z/L)^{1/3} in unstable ones (z/L evaluated at
// min(z, 0.1 h), the surface-layer top), L = −u*³ θ ρ c_p / (κ g H) the Obukhov length.
// Above h and as a floor: the background values kz_min_free / kz_min_pbl (m²/s) (CMAQ uses a
// floor of the same kind, KZMIN).
namespace qiantang::solver {

struct KzSettings {
  double kz_min_pbl_m2_s = 0.5;
  double kz_min_free_m2_s = 0.1;
  double kz_max_m2_s = 1000.0;
};

double obukhov_length_m(double friction_velocity_m_s, double sensible_heat_flux_W_m2,
                        double temperature_K, double density_kg_m3);

double similarity_kz_m2_s(double z_m, double pbl_height_m, double friction_velocity_m_s,
                          double obukhov_length_m, const KzSettings& s = {});

}  // namespace qiantang::solver
