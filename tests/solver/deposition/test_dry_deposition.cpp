// Dry deposition: Wesely (1989) surface resistances against the published table, hand
// calculations for other land uses, the neutral log law for R_a, and particle velocities.
#include <array>
#include <catch2/catch.hpp>
#include <cmath>

#include "solver/deposition/dry_deposition.hpp"

using namespace qiantang::solver::deposition;

namespace {
// Wesely (1989) Table 3, as revised by Walmsley & Wesely (1996) Table 1: bulk surface
// resistances (s/m) of deciduous forest for the five seasons, at solar radiation 800, 500, 300,
// 100 and 0 W/m^2, then with dew and with rain (0 W/m^2); surface temperatures 25, 10, 2, 0
// and 10 °C for seasons 1-5.
constexpr std::array<std::array<double, 7>, 5> kSo2{{{130, 140, 160, 380, 1000, 100, 1200},
                                                     {1400, 1400, 1400, 1400, 1500, 100, 1300},
                                                     {1100, 1100, 1100, 1100, 1200, 90, 1000},
                                                     {1000, 1000, 1000, 1000, 1100, 1100, 1100},
                                                     {270, 290, 330, 620, 1100, 90, 1000}}};
constexpr std::array<std::array<double, 7>, 5> kO3{{{100, 110, 130, 320, 960, 960, 580},
                                                    {430, 470, 520, 710, 1300, 950, 580},
                                                    {390, 420, 460, 610, 960, 770, 510},
                                                    {560, 620, 710, 1100, 3200, 3200, 3200},
                                                    {180, 200, 230, 440, 950, 820, 530}}};
constexpr std::array<double, 5> kTs{25, 10, 2, 0, 10};
constexpr std::array<double, 5> kG{800, 500, 300, 100, 0};

double rc(const char* gas, int season, int column) {
  SurfaceConditions c;
  c.t_surface_C = kTs[std::size_t(season)];
  c.solar_W_m2 = column < 5 ? kG[std::size_t(column)] : 0.0;
  c.dew = column == 5;
  c.rain = column == 6;
  const std::string g = gas;
  return wesely_surface_resistance(*wesely_gas(g), WeselyLandUse::deciduous_forest,
                                   WeselySeason(season), c, g == "SO2", g == "O3");
}
}  // namespace

TEST_CASE("Wesely surface resistances of SO2 and O3 reproduce the published table",
          "[deposition][verification]") {
  // The table gives two significant figures and was computed with the original code. The
  // largest difference found is 6.1 % (SO2 with rain in transitional spring: 1061 vs 1000 s/m;
  // O3 in winter and SO2 with dew differ by 2-4 %); the check allows 7 % (docs/deposition.md).
  double worst = 0.0;
  for (int s = 0; s < 5; ++s)
    for (int col = 0; col < 7; ++col) {
      for (const auto* gas : {"SO2", "O3"}) {
        const double published = std::string(gas) == "SO2" ? kSo2[std::size_t(s)][std::size_t(col)]
                                                           : kO3[std::size_t(s)][std::size_t(col)];
        const double computed = rc(gas, s, col);
        CAPTURE(gas, s + 1, col, published, computed);
        CHECK(std::abs(computed - published) <= 0.07 * published);
        worst = std::max(worst, std::abs(computed - published) / published);
      }
    }
  WARN("largest relative difference from the Wesely table: " << worst);
}

TEST_CASE("Wesely surface resistances of other land uses equal the hand calculation",
          "[deposition][verification]") {
  SurfaceConditions day;
  day.solar_W_m2 = 800;
  day.t_surface_C = 25;
  const auto so2 = *wesely_gas("SO2");
  const auto o3 = *wesely_gas("O3");
  // Water: R_ac = R_gsS = 0 → the SO2 resistance hits the 10 s/m floor; O3: R_c = R_ac + R_gsO =
  // 2000.
  CHECK(wesely_surface_resistance(so2, WeselyLandUse::water, WeselySeason::midsummer, day, true,
                                  false) == 10.0);
  CHECK(wesely_surface_resistance(o3, WeselyLandUse::water, WeselySeason::midsummer, day, false,
                                  true) == Approx(2000.0).epsilon(1e-9));
  // Urban, midsummer: no stomata or cuticles; R_c = 1 / [1/(R_dc + R_cl) + 1/(R_ac + R_gs)] with
  // R_cl infinite: O3 100 + 300 = 400 s/m, SO2 100 + 400 = 500 s/m.
  CHECK(wesely_surface_resistance(o3, WeselyLandUse::urban, WeselySeason::midsummer, day, false,
                                  true) == Approx(400.0).epsilon(1e-9));
  CHECK(wesely_surface_resistance(so2, WeselyLandUse::urban, WeselySeason::midsummer, day, true,
                                  false) == Approx(500.0).epsilon(1e-9));
  // Agricultural land, midsummer, 800 W/m^2, 25 °C (Table 1: r_i 60, r_lu 2000, r_ac 200,
  // r_gsS 150, r_gsO 150, r_clS 2000, r_clO 1000):
  //   r_s   = 60 (1 + (200/800.1)^2) (400 / (25 × 15)) = 68.00
  //   r_dc  = 100 (1 + 1000/810) = 223.46
  //   SO2: r_smx = 1.9 r_s + 1/(1e5/3000) = 129.23; r_lu = 2000; r_dc + r_cl = 2223.46;
  //        r_ac + r_gs = 350 → R_c = 1/(1/129.23 + 1/2000 + 1/2223.46 + 1/350) = 86.62
  //   O3:  r_smx = 1.6 r_s + 1/(1e-2/3000 + 100) = 108.81; r_lu/(1e-7 + 1) = 2000;
  //        r_dc + r_cl = 1223.46; r_ac + r_gs = 350 → R_c = 1/(1/108.81 + 1/2000 + 1/1223.46 +
  //        1/350) = 74.82
  const double rs = 60.0 * (1.0 + std::pow(200.0 / 800.1, 2)) * (400.0 / (25.0 * 15.0));
  const double rdc = 100.0 * (1.0 + 1000.0 / 810.0);
  const double so2_hand =
      1.0 / (1.0 / (1.9 * rs + 0.03) + 1.0 / 2000.0 + 1.0 / (rdc + 2000.0) + 1.0 / 350.0);
  const double o3_hand = 1.0 / (1.0 / (1.6 * rs + 1.0 / (1e-2 / 3000.0 + 100.0)) +
                                1.0 / (2000.0 / (1e-7 + 1.0)) + 1.0 / (rdc + 1000.0) + 1.0 / 350.0);
  CHECK(so2_hand == Approx(86.62).epsilon(1e-3));
  CHECK(o3_hand == Approx(74.82).epsilon(1e-3));
  CHECK(wesely_surface_resistance(so2, WeselyLandUse::agricultural, WeselySeason::midsummer, day,
                                  true, false) == Approx(so2_hand).epsilon(1e-9));
  CHECK(wesely_surface_resistance(o3, WeselyLandUse::agricultural, WeselySeason::midsummer, day,
                                  false, true) == Approx(o3_hand).epsilon(1e-9));
  // Night (no light): stomata close and R_c rises.
  SurfaceConditions night = day;
  night.solar_W_m2 = 0;
  CHECK(wesely_surface_resistance(o3, WeselyLandUse::agricultural, WeselySeason::midsummer, night,
                                  false, true) > 2.0 * o3_hand);
  // HNO3 deposits at the surface floor everywhere.
  CHECK(wesely_surface_resistance(*wesely_gas("HNO3"), WeselyLandUse::agricultural,
                                  WeselySeason::winter_snow, night, false,
                                  false) == Approx(10.0).epsilon(1e-6));
}

TEST_CASE("Aerodynamic resistance follows the log law in neutral air and stability corrections",
          "[deposition][verification]") {
  // Neutral: R_a = ln(z/z0) / (κ u*).
  CHECK(aerodynamic_resistance(10.0, 0.1, 0.4, 1e9) ==
        Approx(std::log(100.0) / (0.4 * 0.4)).epsilon(1e-6));
  // Stable (L > 0) increases, unstable decreases R_a.
  CHECK(aerodynamic_resistance(10.0, 0.1, 0.4, 50.0) > aerodynamic_resistance(10.0, 0.1, 0.4, 1e9));
  CHECK(aerodynamic_resistance(10.0, 0.1, 0.4, -50.0) <
        aerodynamic_resistance(10.0, 0.1, 0.4, 1e9));
  // L = −ρ c_p T u*^3 / (κ g H): upward heat flux gives a negative length.
  CHECK(obukhov_length_m(0.3, 100.0, 290.0, 1.2) ==
        Approx(-1.2 * 1004.5 * 290.0 * 0.027 / (0.4 * 9.81 * 100.0)).epsilon(1e-3));
  // R_b = 2 / (κ u*) (Sc / Pr)^(2/3) with Sc = ν / D.
  const double D = 1.5e-5;
  const double nu = 1.458e-6 * std::pow(293.0, 1.5) / (293.0 + 110.4) / (1e5 / (287.0 * 293.0));
  CHECK(quasi_laminar_resistance(0.3, D, 293.0, 1e5) ==
        Approx(2.0 / (0.4 * 0.3) * std::pow(nu / D / 0.72, 2.0 / 3.0)).epsilon(1e-9));
}

TEST_CASE("Particle deposition velocity by size (Zhang et al. 2001)",
          "[deposition][verification]") {
  // The curve has its minimum in the accumulation mode and rises for large (settling) and small
  // (Brownian) particles; large particles approach the Stokes settling velocity from above.
  auto vd = [](double d) {
    return particle_deposition_velocity({d, 1500.0}, WeselyLandUse::agricultural,
                                        WeselySeason::midsummer, 293.0, 1e5, 0.3, 30.0);
  };
  CHECK(vd(0.5e-6) < vd(0.01e-6));
  CHECK(vd(0.5e-6) < vd(10e-6));
  CHECK(vd(0.5e-6) > 1e-5);
  CHECK(vd(0.5e-6) < 5e-3);
  const double mu = 1.458e-6 * std::pow(293.0, 1.5) / (293.0 + 110.4);
  const double stokes = 1500.0 * 20e-6 * 20e-6 * 9.81 / (18.0 * mu);
  CHECK(vd(20e-6) > stokes);
}

TEST_CASE("Land-use tables and seasons", "[deposition][unit]") {
  CHECK(wesely_land_use(1, "usgs") == WeselyLandUse::urban);
  CHECK(wesely_land_use(16, "usgs") == WeselyLandUse::water);
  CHECK(wesely_land_use(13, "modis") == WeselyLandUse::urban);
  CHECK(wesely_land_use(17, "modis") == WeselyLandUse::water);
  CHECK_THROWS(wesely_land_use(40, "usgs"));
  CHECK_THROWS(wesely_land_use(1, "corine"));
  CHECK(wesely_season(7, 30.0, 300.0) == WeselySeason::midsummer);
  CHECK(wesely_season(1, 30.0, 280.0) == WeselySeason::late_autumn);
  CHECK(wesely_season(1, 30.0, 265.0) == WeselySeason::winter_snow);
  CHECK(wesely_season(1, -30.0, 300.0) == WeselySeason::midsummer);
}
