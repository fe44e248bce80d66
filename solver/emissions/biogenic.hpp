#pragma once
// Biogenic isoprene and monoterpene emissions after Guenther et al. (1993, J. Geophys. Res.
// 98, 12609–12617) as used in Guenther et al. (1995, J. Geophys. Res. 100, 8873–8892):
//
//   isoprene:     E = EF · γ_L(PAR) · γ_T(T) / (γ_L(1000) · γ_T(303 K))
//     γ_L = α c_L1 L / sqrt(1 + α² L²),              α = 0.0027, c_L1 = 1.066, L = PAR (µmol m⁻² s⁻¹)
//     γ_T = exp(c_T1 (T − T_s) / (R T_s T)) / (1 + exp(c_T2 (T − T_M) / (R T_s T))),
//           c_T1 = 95 000 J mol⁻¹, c_T2 = 230 000 J mol⁻¹, T_s = 303 K, T_M = 314 K
//   monoterpenes: E = EF · exp(β (T − T_s)),        β = 0.09 K⁻¹
//
// EF is the emission at standard conditions (303 K, PAR = 1000 µmol m⁻² s⁻¹). The published
// fits give γ_L(1000) γ_T(303) = 0.9646 rather than exactly 1; dividing by it makes E = EF at
// standard conditions, which is how the emission factors are defined (MEGAN normalises its
// activity factors the same way, Guenther et al. 2006, 2012).
// PAR from the downward shortwave flux: PAR = 0.45 · 4.57 µmol J⁻¹ · SW (PAR is about 45 % of
// global radiation, Monteith & Unsworth 2013; 4.57 µmol J⁻¹ for daylight, McCree 1972).
namespace qiantang::emissions {

inline constexpr double kGuentherTs_K = 303.0;
inline constexpr double kGuentherStandardPar = 1000.0;  // µmol m-2 s-1
inline constexpr double kParPerShortwave = 0.45 * 4.57;  // µmol J-1

double guenther_light_factor(double par_umol_m2_s);  // γ_L, unnormalised
double guenther_temperature_factor(double t_K);      // γ_T, unnormalised
// Normalised activity (1 at 303 K, PAR 1000).
double isoprene_activity(double t_K, double par_umol_m2_s);
double monoterpene_activity(double t_K);

}  // namespace qiantang::emissions
