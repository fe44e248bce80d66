#pragma once
// Photolysis rates for the gas-phase mechanism: solar zenith angle, clear-sky J-values from the
// MCM parameterisation (chemistry/photolysis/jtable.csv), an altitude factor and the RADM/CMAQ
// cloud correction. Formulas and references in photolysis.cpp and docs/chemistry.md.
#include <filesystem>
#include <string>
#include <vector>

#include "chemistry/mechanism/mechanism.hpp"
#include "solver/common/time.hpp"

namespace qiantang::chemistry {

// Solar zenith angle (degrees, 0..180) at latitude/longitude (degrees, east positive) and UTC
// time, from the NOAA "General Solar Position Calculations" (Spencer 1971 Fourier series for
// declination and equation of time). Accuracy about 0.1 degree (ignores refraction).
double solar_zenith_angle_deg(double lat_deg, double lon_deg, TimePoint utc);

// Multiplicative cloud correction of clear-sky J-values for full cloud cover (Chang et al. 1987,
// JGR 92(D12), 14681, as used in RADM and CMAQ's photolysis-table scheme):
//   t_r = (5 - exp(-tau)) / (4 + 3 tau (1 - f)), f = 0.86 (asymmetry factor);
//   below cloud:  F = 1.6 t_r cos(chi);  above cloud: F = 1 + alpha (1 - t_r) cos(chi), alpha = 1;
// with cos(chi) not below cos(60 deg) (RADM), and F = 1 for tau <= 5 (thin clouds ignored, RADM).
// Partial cover fraction a_c: use cloud_correction(..., a_c) = 1 + a_c (F - 1).
double cloud_correction(double zenith_deg, double cloud_optical_depth, bool below_cloud);
double cloud_correction(double zenith_deg, double cloud_optical_depth, bool below_cloud,
                        double cloud_fraction);

// Cloud optical depth from the liquid water path (kg m^-2) and effective droplet radius (m):
// tau = 3 LWP / (2 rho_w r_e) (Stephens 1978, J. Atmos. Sci. 35, 2123, eq. 1).
double cloud_optical_depth_from_lwp(double lwp_kg_m2, double effective_radius_m = 10.0e-6);

// Clear-sky altitude factor applied to every J-value: 1 + 0.04 per km up to 8 km (documented
// approximation of the increase of clear-sky J(NO2) with altitude in the lower troposphere in
// TUV calculations, Madronich & Flocke 1999; see docs/chemistry.md).
double photolysis_altitude_factor(double altitude_m);

struct JParameters {
  double l = 0.0, m = 0.0, n = 0.0;  // J = l cos(chi)^m exp(-n sec(chi)), s^-1
};

class Photolysis {
 public:
  // Reads `jtable` (CSV: name,l,m,n,reference) and takes the row of every photolysis_names()
  // entry of the mechanism; a missing or malformed row is an InputError naming file:line.
  Photolysis(const Mechanism& m, const std::filesystem::path& jtable);

  int size() const { return static_cast<int>(parameters_.size()); }
  const std::vector<JParameters>& parameters() const { return parameters_; }

  // out[p] for the mechanism's photolysis_names(), s^-1: Jenkin/Saunders (MCM) form
  // J = l cos(chi)^m exp(-n sec(chi)) (Saunders et al. 2003, ACP 3, 161, eq. 2), zero for
  // chi >= 90 deg, times photolysis_altitude_factor(altitude_m).
  void clear_sky(double zenith_deg, double altitude_m, double* out) const;
  // The same times a cloud factor (e.g. from cloud_correction()).
  void compute(double zenith_deg, double altitude_m, double cloud_factor, double* out) const;

 private:
  std::vector<JParameters> parameters_;
};

}  // namespace qiantang::chemistry
