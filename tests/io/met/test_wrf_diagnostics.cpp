// The rules that replace absent WRF fields, against their formulas' analytic consequences.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "io/met/wrf_diagnostics.hpp"

using namespace qiantang;

TEST_CASE("Log-law friction velocity", "[met][diagnostics]") {
  // u* = κ U / ln(z/z0): U = 5 m/s at 10 m over z0 = 0.1 m.
  CHECK(io::log_law_friction_velocity_m_s(5.0, 10.0, 0.1) == Approx(0.4 * 5.0 / std::log(100.0)));
  // Doubling the wind doubles u*; rougher ground raises it.
  CHECK(io::log_law_friction_velocity_m_s(10.0, 10.0, 0.1) == Approx(2 * io::log_law_friction_velocity_m_s(5.0, 10.0, 0.1)));
  CHECK(io::log_law_friction_velocity_m_s(5.0, 10.0, 0.5) > io::log_law_friction_velocity_m_s(5.0, 10.0, 0.1));
}

TEST_CASE("Bulk Richardson boundary-layer height", "[met][diagnostics]") {
  // Uniform wind (no shear) and θv = θ1 + γ (z − z1): Ri_b = g γ (z − z1)² / (θ1 b u*²), so
  // Ri_b = 0.25 at z − z1 = sqrt(0.25 θ1 b u*² / (g γ)).
  const double theta1 = 300.0, gamma = 0.01, ust = 0.3, z1 = 10.0;
  std::vector<double> z, th, u, v;
  for (int k = 0; k < 400; ++k) {
    z.push_back(z1 + k * 1.0);
    th.push_back(theta1 + gamma * k * 1.0);
    u.push_back(5.0);
    v.push_back(-1.0);
  }
  const double want = z1 + std::sqrt(0.25 * theta1 * 100.0 * ust * ust / (9.81 * gamma));
  const double h = io::bulk_richardson_pbl_height_m(int(z.size()), z.data(), th.data(), u.data(), v.data(), ust);
  CHECK(h == Approx(want).margin(0.5));
  // A stronger inversion gives a shallower layer; a neutral column reaches the top.
  for (auto& t : th) t = theta1 + 4.0 * (t - theta1);
  CHECK(io::bulk_richardson_pbl_height_m(int(z.size()), z.data(), th.data(), u.data(), v.data(), ust) < h);
  for (auto& t : th) t = theta1;
  CHECK(io::bulk_richardson_pbl_height_m(int(z.size()), z.data(), th.data(), u.data(), v.data(), ust) == z.back());
}

TEST_CASE("Bulk sensible heat flux", "[met][diagnostics]") {
  // Neutral C_H = κ² / (ln(zu/z0) ln(2/z0)); H = ρ c_p C_H U (Ts − T2).
  const double ch = 0.16 / (std::log(10.0 / 0.1) * std::log(2.0 / 0.1));
  CHECK(io::bulk_sensible_heat_flux_W_m2(1.2, 5.0, 10.0, 0.1, 300.0, 298.0) == Approx(1.2 * 1004.5 * ch * 5.0 * 2.0));
  CHECK(io::bulk_sensible_heat_flux_W_m2(1.2, 5.0, 10.0, 0.1, 296.0, 298.0) < 0.0);
}

TEST_CASE("Solar zenith angle and clear-sky irradiance", "[met][diagnostics]") {
  // Solar noon at 40°N on the June solstice: χ = 40° − 23.44° (declination); the equation
  // of time is −1.7 min then, so noon at 0° longitude falls at 12:02 UTC.
  const auto noon = *parse_iso8601("2025-06-21T12:02:00Z");
  CHECK(io::cos_solar_zenith(40.0, 0.0, noon) == Approx(std::cos((40.0 - 23.44) * 3.141592653589793 / 180.0)).margin(2e-3));
  // Equinox, equator, noon: sun overhead; midnight: below the horizon.
  CHECK(io::cos_solar_zenith(0.0, 0.0, *parse_iso8601("2025-03-20T12:07:00Z")) == Approx(1.0).margin(1e-3));
  CHECK(io::cos_solar_zenith(0.0, 0.0, *parse_iso8601("2025-03-20T00:00:00Z")) < -0.99);
  // Local noon moves 4 min per degree of longitude: 120°E at 04:00 UTC.
  CHECK(io::cos_solar_zenith(30.0, 120.0, *parse_iso8601("2025-06-21T04:02:00Z")) ==
        Approx(std::cos((30.0 - 23.44) * 3.141592653589793 / 180.0)).margin(2e-3));
  // Holtslag & van Ulden (1983): 990 sin β − 30.
  CHECK(io::clear_sky_shortwave_W_m2(1.0) == Approx(960.0));
  CHECK(io::clear_sky_shortwave_W_m2(0.5) == Approx(465.0));
  CHECK(io::clear_sky_shortwave_W_m2(0.02) == 0.0);
  CHECK(io::clear_sky_shortwave_W_m2(-0.5) == 0.0);
}

TEST_CASE("Land-use schemes, water categories and roughness", "[met][diagnostics]") {
  CHECK(io::land_use_scheme("USGS", 0) == io::LandUseScheme::usgs);
  CHECK(io::land_use_scheme("MODIFIED_IGBP_MODIS_NOAH", 0) == io::LandUseScheme::modis);
  CHECK(io::land_use_scheme("", 16) == io::LandUseScheme::usgs);
  CHECK(io::land_use_scheme("", 0) == io::LandUseScheme::modis);
  CHECK(io::water_category(io::LandUseScheme::usgs) == 16);
  CHECK(io::water_category(io::LandUseScheme::modis) == 17);
  CHECK(io::roughness_length_m(16, io::LandUseScheme::usgs) == Approx(1e-4));
  CHECK(io::roughness_length_m(17, io::LandUseScheme::modis) == Approx(1e-4));
  CHECK(io::roughness_length_m(1, io::LandUseScheme::usgs) == Approx(0.8));   // urban
  CHECK(io::roughness_length_m(13, io::LandUseScheme::modis) == Approx(0.8));  // urban
  CHECK(io::roughness_length_m(99, io::LandUseScheme::modis) == Approx(0.1));
}
