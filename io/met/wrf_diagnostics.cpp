#include "io/met/wrf_diagnostics.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "solver/common/constants.hpp"

namespace qiantang::io {

LandUseScheme land_use_scheme(const char* mminlu, int iswater) {
  const std::string s = mminlu ? mminlu : "";
  if (s.rfind("USGS", 0) == 0) return LandUseScheme::usgs;
  if (s.find("MODIS") != std::string::npos) return LandUseScheme::modis;
  if (iswater == 16) return LandUseScheme::usgs;
  return LandUseScheme::modis;
}

int water_category(LandUseScheme s) { return s == LandUseScheme::usgs ? 16 : 17; }
int default_land_category(LandUseScheme s) { return s == LandUseScheme::usgs ? 7 : 10; }

double roughness_length_m(int c, LandUseScheme s) {
  // WRF LANDUSE.TBL, summer SFZ0 (cm) / 100.
  static constexpr double usgs[24] = {0.80, 0.15, 0.10, 0.15, 0.14, 0.20, 0.12, 0.05,
                                      0.06, 0.15, 0.50, 0.50, 0.50, 0.50, 0.50, 0.0001,
                                      0.20, 0.40, 0.01, 0.10, 0.30, 0.15, 0.05, 0.001};
  static constexpr double modis[21] = {0.50, 0.50, 0.50, 0.50, 0.50, 0.05, 0.06, 0.05, 0.15, 0.12, 0.30,
                                       0.15, 0.80, 0.14, 0.001, 0.01, 0.0001, 0.30, 0.15, 0.05, 0.0001};
  if (s == LandUseScheme::usgs) return (c >= 1 && c <= 24) ? usgs[c - 1] : 0.1;
  return (c >= 1 && c <= 21) ? modis[c - 1] : 0.1;
}

double log_law_friction_velocity_m_s(double U, double z, double z0) {
  return constants::von_karman * U / std::log(std::max(z / z0, 1.0 + 1e-6));
}

double bulk_richardson_pbl_height_m(int nz, const double* z, const double* thv, const double* u,
                                    const double* v, double ust, double ri_c) {
  constexpr double b = 100.0;  // Vogelezang & Holtslag (1996)
  auto ri = [&](int k) {
    const double du = u[k] - u[0], dv = v[k] - v[0];
    const double shear = du * du + dv * dv + b * ust * ust;
    return constants::gravity_m_s2 / thv[0] * (thv[k] - thv[0]) * (z[k] - z[0]) / std::max(shear, 1e-6);
  };
  double prev = 0.0;  // Ri_b(z_s) = 0
  for (int k = 1; k < nz; ++k) {
    const double r = ri(k);
    if (r >= ri_c) return z[k - 1] + (ri_c - prev) / (r - prev) * (z[k] - z[k - 1]);
    prev = r;
  }
  return z[nz - 1];
}

double bulk_sensible_heat_flux_W_m2(double rho, double U, double zu, double z0, double tsk, double t2) {
  const double k = constants::von_karman;
  const double ch = k * k / (std::log(std::max(zu / z0, 1.0 + 1e-6)) * std::log(std::max(2.0 / z0, 1.0 + 1e-6)));
  return rho * constants::cp_dry_air_J_kg_K * ch * U * (tsk - t2);
}

double cos_solar_zenith(double lat, double lon, TimePoint t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const auto jan1 = sys_days{ymd.year() / January / 1};
  const double doy = double((day - jan1).count()) + 1.0;
  const double minutes = double(duration_cast<seconds>(t - day).count()) / 60.0;
  const double pi = constants::pi;
  const double g = 2.0 * pi / 365.0 * (doy - 1.0 + (minutes / 60.0 - 12.0) / 24.0);  // day angle
  const double decl = 0.006918 - 0.399912 * std::cos(g) + 0.070257 * std::sin(g) - 0.006758 * std::cos(2 * g) +
                      0.000907 * std::sin(2 * g) - 0.002697 * std::cos(3 * g) + 0.00148 * std::sin(3 * g);
  const double eot_min = 229.18 * (0.000075 + 0.001868 * std::cos(g) - 0.032077 * std::sin(g) -
                                   0.014615 * std::cos(2 * g) - 0.040849 * std::sin(2 * g));
  const double solar_min = minutes + eot_min + 4.0 * lon;
  const double hour_angle = (solar_min / 4.0 - 180.0) * pi / 180.0;
  const double phi = lat * pi / 180.0;
  return std::sin(phi) * std::sin(decl) + std::cos(phi) * std::cos(decl) * std::cos(hour_angle);
}

double clear_sky_shortwave_W_m2(double cos_zenith) {
  // sin β = cos χ.
  return std::max(0.0, 990.0 * cos_zenith - 30.0);
}

}  // namespace qiantang::io
