// The built-in Hangzhou case: domains, physical consistency of the meteorology (hydrostatic,
// ideal gas, diurnal boundary layer, stagnant winter days, summer sea breeze), emission totals
// of the written inventory, the station list, determinism, and a passive-tracer run.
#include <catch2/catch.hpp>
#include <cmath>

#include "io/config/config.hpp"
#include "io/emissions/inventory.hpp"
#include "io/emissions/profiles.hpp"
#include "io/met/cf_met.hpp"
#include "io/output/station_list.hpp"
#include "solver/cases/hangzhou_case.hpp"
#include "solver/cases/hangzhou_emissions.hpp"
#include "solver/cases/hangzhou_met.hpp"
#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "solver/driver/model.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;
using namespace qiantang::cases;

namespace {

constexpr double kG = constants::gravity_m_s2, kRd = constants::r_dry_air_J_kg_K;
constexpr double kEps = constants::r_dry_air_J_kg_K / constants::r_water_vapour_J_kg_K;

bool contains(const grid::HorizontalGrid& g, double lat, double lon, double margin_cells) {
  double x, y;
  g.projection().forward(lat, lon, x, y);
  const double fi = (x - g.x0()) / g.dx(), fj = (y - g.y0()) / g.dy();
  return fi >= margin_cells - 0.5 && fi <= g.nx() - 0.5 - margin_cells && fj >= margin_cells - 0.5 &&
         fj <= g.ny() - 0.5 - margin_cells;
}

// Index of the cell nearest (lat, lon).
void cell_of(const grid::HorizontalGrid& g, double lat, double lon, int& i, int& j) {
  double x, y;
  g.projection().forward(lat, lon, x, y);
  i = int(std::lround((x - g.x0()) / g.dx()));
  j = int(std::lround((y - g.y0()) / g.dy()));
}

// Speed of the lowest-layer wind at cell (i, j), from the C-grid faces.
double low_speed(const io::MetFields& f, int i, int j) {
  const auto nx = std::size_t(f.nx), ny = std::size_t(f.ny);
  const double u = 0.5 * (f.u_m_s[std::size_t(j) * (nx + 1) + std::size_t(i)] + f.u_m_s[std::size_t(j) * (nx + 1) + std::size_t(i) + 1]);
  const double v = 0.5 * (f.v_m_s[std::size_t(j) * nx + std::size_t(i)] + f.v_m_s[(std::size_t(j) + 1) * nx + std::size_t(i)]);
  (void)ny;
  return std::hypot(u, v);
}

}  // namespace

TEST_CASE("Hangzhou case domains follow the WRF set-up and cover the required areas", "[hangzhou]") {
  const auto c = hangzhou_case("hangzhou-winter");
  REQUIRE(c.domains.size() == 2);
  REQUIRE(c.z_interface_m.size() - 1 >= 14);
  CHECK(c.z_interface_m.front() == 0.0);
  CHECK(c.z_interface_m.back() == Approx(10000.0));
  CHECK(c.z_interface_m[1] <= 50.0);
  const auto& outer = c.domains[0].grid;
  CHECK(outer.projection().kind == grid::ProjectionKind::lambert_conformal);
  CHECK(outer.dx() == 36000.0);
  for (double lon : {115.0, 119.25, 123.5})
    for (double lat : {27.0, 30.5, 34.0}) CHECK(contains(outer, lat, lon, 1.0));
  const auto& inner = c.domains[1].grid;
  CHECK(inner.dx() == Approx(12000.0));
  for (double lon : {118.2, 119.55, 120.9})
    for (double lat : {29.0, 29.9, 30.8}) CHECK(contains(inner, lat, lon, 1.0));
  // The nest's cells tile its parent cells exactly (ratio 3).
  const auto& d2 = c.domains[1];
  CHECK(inner.x0() - 0.5 * inner.dx() == Approx(outer.x0() + (d2.parent_i0 - 0.5) * outer.dx()));
  CHECK(inner.y0() - 0.5 * inner.dy() == Approx(outer.y0() + (d2.parent_j0 - 0.5) * outer.dy()));
  CHECK(inner.nx() % 3 == 0);
  CHECK(inner.ny() % 3 == 0);
  const auto coarse = hangzhou_case("hangzhou-winter", HangzhouOptions{true});
  CHECK(coarse.name == "hangzhou-winter-coarse");
  CHECK(coarse.domains.size() == 1);
  CHECK(coarse.days == 1);
  CHECK(coarse.run_hours == 24);
  CHECK(coarse.forecast_days == 1);
  CHECK(c.days == 8);
  CHECK(c.run_hours == 192);
  CHECK(c.forecast_days == 7);
  // --days N: the 16-h spin-up to 00:00 Beijing time, then N Beijing days.
  const auto three = hangzhou_case("hangzhou-winter", HangzhouOptions{true, 3});
  CHECK(three.days == 4);
  CHECK(three.run_hours == 16 + 72);
  CHECK(three.forecast_days == 3);
  CHECK(hangzhou_met_files(three, three.domains[0]).size() == 4);
  const auto text = hangzhou_config_text(three, three.domains[0]);
  CHECK(text.find("hours = 88\n") != std::string::npos);
  CHECK(text.find("met_d01_20260108.nc") != std::string::npos);
  CHECK(hangzhou_forecast_text(three).find("days = 3\n") != std::string::npos);
  // The default coarse config is the regression case's: 24 h, one met file.
  CHECK(hangzhou_config_text(coarse, coarse.domains[0]).find("hours = 24\n") != std::string::npos);
  CHECK_THROWS_AS(hangzhou_case("hangzhou-winter", HangzhouOptions{true, -1}), UsageError);
  CHECK_THROWS_AS(hangzhou_case("hangzhou-spring"), UsageError);
}

TEST_CASE("Hangzhou coarse case: met is hydrostatic and ideal-gas, inventory totals, stations, passive run",
          "[hangzhou]") {
  const auto dir = test::scratch_dir("hangzhou_coarse");
  write_hangzhou_case("hangzhou-winter-coarse", dir);
  const auto c = hangzhou_case("hangzhou-winter-coarse");
  std::vector<std::filesystem::path> files;
  for (const auto& f : hangzhou_met_files(c, c.domains[0])) files.push_back(dir / f);
  const io::CfMetReader r(files);
  REQUIRE(r.times().size() == 25);
  const int nx = r.grid().nx(), ny = r.grid().ny(), nz = r.nz();
  SECTION("hydrostatic pressure and ideal-gas density") {
    double worst_log = 0, worst_lin = 0, worst_gas = 0;
    for (std::size_t n : {std::size_t(0), std::size_t(6), std::size_t(12), std::size_t(20)}) {
      const auto f = r.read(n, 0, 0, nx, ny);
      const std::size_t plane = std::size_t(nx) * std::size_t(ny);
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
          const std::size_t s = f.surface(j, i);
          auto zc = [&](int k) {
            return 0.5 * (f.z_interface_m[std::size_t(k) * plane + s] + f.z_interface_m[std::size_t(k + 1) * plane + s]);
          };
          auto tv = [&](int k) {
            const std::size_t m = f.cell(k, j, i);
            const double w = f.water_vapour_kg_kg[m];
            return f.temperature_K[m] * (1 + w / kEps) / (1 + w);
          };
          for (int k = 0; k < nz; ++k) {
            const std::size_t m = f.cell(k, j, i);
            worst_gas = std::max(worst_gas, std::abs(f.pressure_Pa[m] / (kRd * tv(k) * f.air_density_kg_m3[m]) - 1.0));
          }
          for (int k = 0; k + 1 < nz; ++k) {
            const std::size_t a = f.cell(k, j, i), b = f.cell(k + 1, j, i);
            const double dz = zc(k + 1) - zc(k);
            // d ln p / dz = −g / (R_d T_v): trapezoidal rule on 1/T_v (second order in Δz).
            const double lhs = std::log(f.pressure_Pa[b] / f.pressure_Pa[a]) / dz;
            const double rhs = -kG / kRd * 0.5 * (1 / tv(k) + 1 / tv(k + 1));
            worst_log = std::max(worst_log, std::abs(lhs / rhs - 1));
            // dp/dz = −ρ g: centred difference, error ≤ (Δz/H)²/8 with H = R_d T_v / g.
            const double dp = (f.pressure_Pa[b] - f.pressure_Pa[a]) / dz;
            const double rho_g = -kG * 0.5 * (f.air_density_kg_m3[a] + f.air_density_kg_m3[b]);
            const double H = kRd * tv(k) / kG;
            worst_lin = std::max(worst_lin, std::abs(dp / rho_g - 1) - dz * dz / (8 * H * H));
          }
          // Surface pressure to the first level: p_s − p_1 = ρ g z_1 to first order.
          const double z1 = zc(0);
          const double ps = f.surface_pressure_Pa[s];
          CHECK(std::abs((ps - f.pressure_Pa[f.cell(0, j, i)]) / (f.air_density_kg_m3[f.cell(0, j, i)] * kG * z1) - 1) < 0.01);
        }
    }
    // The files store 24-bit significands (relative error ≤ 2^-24 per value; p, T, w and ρ each).
    CHECK(worst_gas < 3e-7);
    CHECK(worst_log < 2e-3);
    CHECK(worst_lin < 2e-3);
  }
  SECTION("inventory totals equal the stated totals") {
    const auto inv = io::read_inventory(dir / "emissions_yrd.nc");
    const auto stated = hangzhou_inventory(c.emission_year, 114, 125, 26, 35).stated_total_t_yr;
    for (const auto& sp : hangzhou_case_species()) {
      double kg_s = 0;
      for (const auto& sec : inv.sectors) {
        const auto it = inv.kg_s.find({sec, sp});
        if (it != inv.kg_s.end())
          for (double x : it->second) kg_s += x;
      }
      INFO(sp);
      CHECK(kg_s * 365.0 * 86400.0 / 1000.0 == Approx(stated.at(sp)).epsilon(1e-6));
    }
    // Hangzhou's SO2: the 2010 total with the 2015–2020 cut (−28 % per 5 years) over 15 years.
    CHECK(region_totals_t_yr("hangzhou", 2025).at("SO2") == Approx(72300 * std::pow(0.72, 3)).epsilon(1e-12));
    for (const auto& sp : {"SO2", "NOX", "CO", "VOC", "NH3", "PM25", "BC", "OC"}) {
      double f = 0;
      for (const auto& sec : hangzhou_case_sectors()) f += sector_fraction(sp, sec);
      CHECK(f == Approx(1.0).epsilon(1e-12));
    }
  }
  SECTION("profile files are read by the emission profile readers") {
    CHECK_NOTHROW(io::read_temporal_profiles(dir / "profiles" / "temporal.csv"));
    CHECK_NOTHROW(io::read_vertical_profiles(dir / "profiles" / "vertical.csv"));
  }
  SECTION("station list") {
    const auto st = io::read_station_list(dir / "stations.csv");
    REQUIRE(st.size() == 11);
    int background = 0;
    for (const auto& s : st) {
      if (s.background) {
        ++background;
        CHECK(s.id == "1225A");
        CHECK(s.lon_deg == Approx(119.026));
        CHECK(s.lat_deg == Approx(29.635));
      }
      CHECK(s.lon_deg > 118.3);
      CHECK(s.lon_deg < 120.5);
    }
    CHECK(background == 1);
    CHECK(st.front().id == "1223A");
    CHECK(st.front().lon_deg == Approx(120.2072));
  }
  SECTION("passive-tracer run keeps a uniform tracer uniform") {
    auto cfg = io::Config::load(dir / "config_passive.ini");
    solver::Model m(cfg);
    (void)m.run();
    const auto bg = m.gather_tracer(0);
    REQUIRE(!bg.empty());
    double worst = 0;
    for (double x : bg) worst = std::max(worst, std::abs(x / 1e-9 - 1));
    CHECK(worst < 1e-9);
    const auto hz = m.gather_tracer(1);
    double total = 0;
    for (double x : hz) total += x;
    CHECK(total > 0);
  }
}

TEST_CASE("Hangzhou winter: frontal rain, then stagnant days with weak winds and shallow PBL", "[hangzhou]") {
  const auto c = hangzhou_case("hangzhou-winter");
  const auto& d = c.domains[0];
  const GeoRaster geo = make_geo_raster(113.5, 125.5, 26.0, 35.0, 0.05);
  HangzhouMet met(c, d, geo);
  int i, j;
  cell_of(d.grid, 30.27, 120.16, i, j);
  std::vector<double> speed(8, 0), pbl_max(8, 0), pbl_min(8, 1e9), rain(8, 0);
  for (int n = 0; n < 24 * 8; ++n) {
    const auto f = met.next();
    const int day = n / 24;
    const std::size_t s = f.surface(j, i);
    speed[std::size_t(day)] += low_speed(f, i, j) / 24.0;
    pbl_max[std::size_t(day)] = std::max(pbl_max[std::size_t(day)], f.pbl_height_m[s]);
    pbl_min[std::size_t(day)] = std::min(pbl_min[std::size_t(day)], f.pbl_height_m[s]);
    rain[std::size_t(day)] += f.precipitation_rate_mm_h[s];
  }
  CHECK(rain[0] > 5.0);  // mm on the frontal day
  // Post-frontal northerlies: well above the stagnant days' wind.
  CHECK(speed[1] > 2.5);
  for (int day : {3, 4, 5}) CHECK(speed[1] > 1.4 * speed[std::size_t(day)]);
  for (int day : {3, 4, 5}) {
    INFO("day " << day);
    CHECK(speed[std::size_t(day)] < 2.0);
    CHECK(speed[std::size_t(day)] > 0.5);
    CHECK(rain[std::size_t(day)] == 0.0);
    CHECK(pbl_max[std::size_t(day)] < pbl_max[1]);
    CHECK(pbl_max[std::size_t(day)] > 400.0);
    CHECK(pbl_max[std::size_t(day)] < 1200.0);
    CHECK(pbl_min[std::size_t(day)] <= 300.0);
    CHECK(pbl_min[std::size_t(day)] >= 100.0);
  }
  CHECK(pbl_max[1] > 800.0);
  CHECK(rain[6] > 3.0);  // the second front
}

TEST_CASE("Hangzhou summer: deep convective boundary layer and a daytime sea breeze", "[hangzhou]") {
  const auto c = hangzhou_case("hangzhou-summer");
  const auto& d = c.domains[0];
  const GeoRaster geo = make_geo_raster(113.5, 125.5, 26.0, 35.0, 0.05);
  HangzhouMet met(c, d, geo);
  int i, j;
  cell_of(d.grid, 30.27, 120.16, i, j);
  double pbl_max = 0, pbl_min = 1e9, hfx_max = 0, hfx_min = 1e9, sw_max = 0;
  int hi, hj;
  cell_of(d.grid, 30.50, 120.95, hi, hj);
  double la, lo;
  d.grid.latlon(hi, hj, la, lo);
  const double ge = geo.sample(geo.land_smooth, lo + 0.1, la) - geo.sample(geo.land_smooth, lo - 0.1, la);
  const double gn = geo.sample(geo.land_smooth, lo, la + 0.1) - geo.sample(geo.land_smooth, lo, la - 0.1);
  const double gl = std::hypot(ge, gn);
  REQUIRE(gl > 0.0);
  double onshore_day = 0, onshore_night = 0;
  for (int n = 0; n < 48; ++n) {
    const auto f = met.next();
    if (n == 30 || n == 43) {  // 06 UTC = 14 LST, 19 UTC = 03 LST
      const auto nxs = std::size_t(f.nx);
      const double u = 0.5 * (f.u_m_s[std::size_t(hj) * (nxs + 1) + std::size_t(hi)] + f.u_m_s[std::size_t(hj) * (nxs + 1) + std::size_t(hi) + 1]);
      const double v = 0.5 * (f.v_m_s[std::size_t(hj) * nxs + std::size_t(hi)] + f.v_m_s[(std::size_t(hj) + 1) * nxs + std::size_t(hi)]);
      (n == 30 ? onshore_day : onshore_night) = (u * ge + v * gn) / gl;
    }
    const std::size_t s = f.surface(j, i);
    pbl_max = std::max(pbl_max, f.pbl_height_m[s]);
    pbl_min = std::min(pbl_min, f.pbl_height_m[s]);
    hfx_max = std::max(hfx_max, f.sensible_heat_flux_W_m2[s]);
    hfx_min = std::min(hfx_min, f.sensible_heat_flux_W_m2[s]);
    sw_max = std::max(sw_max, f.shortwave_down_W_m2[s]);
  }
  CHECK(pbl_max > 1400.0);
  CHECK(pbl_max < 2300.0);
  CHECK(pbl_min < 400.0);
  CHECK(hfx_max > 100.0);
  // Midday sensible heat flux over the city reaches ~350-400 W m-2 (urban flux observations,
  // Grimmond & Oke 2002, J. Appl. Meteor. 41, 792); more would be unphysical for the region.
  CHECK(hfx_max < 400.0);
  CHECK(hfx_min < 0.0);
  CHECK(sw_max > 750.0);
  CHECK(sw_max < 1000.0);
  // Sea breeze: at 14 LST the low-level flow at the north shore of Hangzhou Bay (Haiyan) has a
  // larger onshore component (along the gradient of the smoothed land fraction) than at 03 LST.
  CHECK(onshore_day - onshore_night > 1.0);
  CHECK(clear_sky_shortwave_W_m2(0.0) == Approx(1361 * 1.1 * 0.7).epsilon(1e-12));
  CHECK(solar_zenith_deg(30.27, 120.16, *parse_iso8601("2026-07-20T04:00:00Z")) < 15.0);
  CHECK(solar_zenith_deg(30.27, 120.16, *parse_iso8601("2026-07-20T16:00:00Z")) > 90.0);
}

TEST_CASE("Hangzhou case meteorology is deterministic", "[hangzhou]") {
  const auto c = hangzhou_case("hangzhou-summer-coarse");
  const GeoRaster geo = make_geo_raster(113.5, 125.5, 26.0, 35.0, 0.05);
  HangzhouMet a(c, c.domains[0], geo), b(c, c.domains[0], geo);
  for (int n = 0; n < 3; ++n) {
    const auto fa = a.next(), fb = b.next();
    CHECK(fa.u_m_s == fb.u_m_s);
    CHECK(fa.pressure_Pa == fb.pressure_Pa);
    CHECK(fa.pbl_height_m == fb.pbl_height_m);
  }
}
