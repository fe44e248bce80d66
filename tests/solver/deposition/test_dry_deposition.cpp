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
// The other ten gases of the same table (Walmsley & Wesely 1996 Table 1; as transcribed in the
// test suites of ctessum/atmos wesely1989 and EarthSciML AtmosphericDeposition.jl), with the
// mechanism species that carry the table's gas properties: aldehyde ALD2, HCHO FORM, organic
// peroxide MEPX, peracetic acid PACD, organic acid FACD, HNO2 HONO.
using GasTable = std::array<std::array<double, 7>, 5>;
struct PublishedGas {
  const char* table_name;
  const char* species;
  GasTable rc;
};
const std::array<PublishedGas, 10> kOtherGases{{
    {"NO2",
     "NO2",
     {{{120, 130, 160, 480, 2900, 2700, 2300},
       {1900, 1900, 1900, 2000, 2700, 2500, 2200},
       {1700, 1700, 1800, 1900, 2400, 2300, 2000},
       {3900, 4000, 4100, 4500, 9999, 9999, 9999},
       {270, 290, 350, 850, 2500, 2300, 2000}}}},
    {"H2O2",
     "H2O2",
     {{{90, 90, 110, 250, 640, 90, 80},
       {400, 430, 480, 650, 1100, 90, 90},
       {370, 390, 430, 550, 840, 90, 80},
       {400, 430, 470, 620, 1000, 1000, 1000},
       {160, 170, 200, 370, 750, 90, 80}}}},
    {"ALD",
     "ALD2",
     {{{330, 340, 370, 800, 9999, 9999, 9999},
       {9999, 9999, 9999, 9999, 9999, 9999, 9999},
       {9999, 9999, 9999, 9999, 9999, 9999, 9999},
       {9999, 9999, 9999, 9999, 9999, 9999, 9999},
       {520, 550, 630, 1700, 9999, 9999, 9999}}}},
    {"HCHO",
     "FORM",
     {{{100, 110, 140, 450, 6700, 1400, 1400},
       {8700, 8700, 8700, 8700, 8700, 1400, 1400},
       {8300, 8300, 8300, 8300, 8400, 1400, 1400},
       {2900, 2900, 2900, 2900, 2900, 2900, 2900},
       {250, 270, 340, 1000, 7500, 1400, 1400}}}},
    {"OP",
     "MEPX",
     {{{120, 130, 160, 480, 2800, 2500, 2200},
       {1900, 1900, 1900, 2000, 2700, 2400, 2000},
       {1700, 1700, 1800, 1800, 2400, 2100, 1900},
       {3700, 3700, 3800, 4200, 8600, 8600, 8600},
       {270, 290, 350, 850, 2500, 2200, 1900}}}},
    {"PAA",
     "PACD",
     {{{150, 160, 200, 580, 2800, 2400, 2000},
       {1900, 1900, 1900, 2000, 2700, 2200, 1900},
       {1700, 1700, 1700, 1800, 2400, 2000, 1800},
       {3400, 3400, 3500, 3800, 7200, 7200, 7200},
       {330, 350, 420, 960, 2400, 2100, 1800}}}},
    {"ORA",
     "FACD",
     {{{30, 30, 30, 40, 50, 10, 10},
       {140, 140, 150, 170, 190, 10, 10},
       {130, 140, 140, 160, 180, 10, 10},
       {310, 340, 390, 550, 910, 910, 910},
       {60, 60, 70, 80, 90, 10, 10}}}},
    {"NH3",
     "NH3",
     {{{80, 80, 100, 320, 2700, 430, 430},
       {3400, 3400, 3400, 3400, 3400, 440, 440},
       {3000, 3000, 3000, 3000, 3100, 430, 430},
       {1500, 1500, 1500, 1500, 1500, 1500, 1500},
       {180, 200, 240, 680, 2800, 430, 430}}}},
    {"PAN",
     "PAN",
     {{{190, 210, 250, 700, 2900, 2700, 2300},
       {1900, 1900, 1900, 2000, 2700, 2500, 2200},
       {1700, 1700, 1800, 1900, 2400, 2300, 2000},
       {3900, 4000, 4100, 4500, 9999, 9999, 9999},
       {410, 430, 510, 1100, 2500, 2300, 2000}}}},
    {"HNO2",
     "HONO",
     {{{110, 120, 140, 330, 950, 90, 90},
       {1000, 1000, 1000, 1100, 1400, 90, 90},
       {860, 860, 870, 910, 1100, 90, 90},
       {820, 830, 830, 870, 1000, 1000, 1000},
       {220, 240, 280, 530, 1000, 90, 90}}}},
}};
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

TEST_CASE("Wesely surface resistances of the other ten gases reproduce the published table",
          "[deposition][verification]") {
  // 10 gases x 5 seasons x 7 columns = 350 values through the generic-gas path (Table 2
  // scaling of the lower-canopy and ground resistances, eqs. 8-9; wet cuticles W&W eq. 5).
  // The table is printed to two significant figures and at least 10 s/m, so a value of 30 s/m
  // stands for 25-35. Measured: the largest relative difference of values >= 100 s/m is 9.6 %
  // (HCHO in winter, 2620 vs 2900 s/m; OP and PAA in winter 6 %), the largest absolute one of
  // values < 100 s/m is 5.4 s/m (H2O2 with rain in autumn, 84.6 vs 90; formic acid 35.2 vs 30,
  // NH3 74.7 vs 80). The check allows max(10 %, 6 s/m) (set after the comparison;
  // docs/deposition.md).
  double worst_rel = 0.0, worst_abs = 0.0;
  for (const auto& gas : kOtherGases) {
    for (int s = 0; s < 5; ++s)
      for (int col = 0; col < 7; ++col) {
        const double published = gas.rc[std::size_t(s)][std::size_t(col)];
        const double computed = rc(gas.species, s, col);
        const double diff = std::abs(computed - published);
        CAPTURE(gas.table_name, s + 1, col, published, computed);
        CHECK(diff <= std::max(0.10 * published, 6.0));
        if (published >= 100)
          worst_rel = std::max(worst_rel, diff / published);
        else
          worst_abs = std::max(worst_abs, diff);
      }
  }
  WARN("ten gases: largest relative difference (>= 100 s/m) "
       << worst_rel << ", largest absolute difference (< 100 s/m) " << worst_abs << " s/m");
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
  // Rocky open areas with low-growing shrubs, no light, 25 °C (midsummer) and 10 °C (late autumn):
  // stomata practically closed, R_dc = 100 (1 + 1000/10) = 10100. Table 1: midsummer r_lu 4000,
  // r_clS 4000, r_ac 200, r_gsS 400 → SO2 R_c = 1/(1/r_smx + 1/4000 + 1/14100 + 1/600) ≈ 503;
  // late autumn r_lu 9000, r_clO 600, r_ac 120, r_gsO 200 (no stomata) → O3 R_c =
  // 1/(1/9000 + 1/10700 + 1/320) ≈ 300.
  {
    SurfaceConditions dark;
    dark.solar_W_m2 = 0;
    dark.t_surface_C = 25;
    const double rs_dark = 150.0 * (1.0 + std::pow(200.0 / 0.1, 2)) * (400.0 / (25.0 * 15.0));
    const double so2_rocky = 1.0 / (1.0 / (1.9 * rs_dark + 0.03) + 1.0 / 4000.0 +
                                    1.0 / (10100.0 + 4000.0) + 1.0 / (200.0 + 400.0));
    CHECK(so2_rocky == Approx(503.1).epsilon(1e-3));
    CHECK(wesely_surface_resistance(so2, WeselyLandUse::rocky_shrubs, WeselySeason::midsummer, dark,
                                    true, false) == Approx(so2_rocky).epsilon(1e-9));
    dark.t_surface_C = 10;
    const double o3_rocky =
        1.0 / (1.0 / (9000.0 / (1e-7 + 1.0)) + 1.0 / (10100.0 + 600.0) + 1.0 / (120.0 + 200.0));
    CHECK(o3_rocky == Approx(300.3).epsilon(1e-3));
    CHECK(wesely_surface_resistance(o3, WeselyLandUse::rocky_shrubs, WeselySeason::late_autumn,
                                    dark, false, true) == Approx(o3_rocky).epsilon(1e-9));
  }
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
