#include "solver/deposition/dry_deposition.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::solver::deposition {
namespace {

constexpr double kNone = 1e25;                        // "no pathway" (the paper's 9999 entries)
using Table = std::array<std::array<double, 11>, 5>;  // [season][land use]

// Wesely (1989) Table 1 as revised by Walmsley & Wesely (1996): resistance components (s/m).
// Columns: urban, agricultural, range, deciduous, coniferous, mixed forest, water, barren,
// wetland, range-agricultural, rocky shrubs. Rows: seasons 1-5. Every entry agrees with the
// transcriptions of the same table in CAMx (v5.10 drydep block data) and ctessum/atmos wesely1989.
constexpr Table kRi{{{kNone, 60, 120, 70, 130, 100, kNone, kNone, 80, 100, 150},
                     {kNone, kNone, kNone, kNone, 250, 500, kNone, kNone, kNone, kNone, kNone},
                     {kNone, kNone, kNone, kNone, 250, 500, kNone, kNone, kNone, kNone, kNone},
                     {kNone, kNone, kNone, kNone, 400, 800, kNone, kNone, kNone, kNone, kNone},
                     {kNone, 120, 240, 140, 250, 190, kNone, kNone, 160, 200, 300}}};
constexpr Table kRlu{{{kNone, 2000, 2000, 2000, 2000, 2000, kNone, kNone, 2500, 2000, 4000},
                      {kNone, 9000, 9000, 9000, 4000, 8000, kNone, kNone, 9000, 9000, 9000},
                      {kNone, kNone, 9000, 9000, 4000, 8000, kNone, kNone, 9000, 9000, 9000},
                      {kNone, kNone, kNone, kNone, 6000, 9000, kNone, kNone, 9000, 9000, 9000},
                      {kNone, 4000, 4000, 4000, 2000, 3000, kNone, kNone, 4000, 4000, 8000}}};
constexpr Table kRac{{{100, 200, 100, 2000, 2000, 2000, 0, 0, 300, 150, 200},
                      {100, 150, 100, 1500, 2000, 1700, 0, 0, 200, 120, 140},
                      {100, 10, 100, 1000, 2000, 1500, 0, 0, 100, 50, 120},
                      {100, 10, 10, 1000, 2000, 1500, 0, 0, 50, 10, 50},
                      {100, 50, 80, 1200, 2000, 1500, 0, 0, 200, 60, 120}}};
constexpr Table kRgsS{{{400, 150, 350, 500, 500, 100, 0, 1000, 0, 220, 400},
                       {400, 200, 350, 500, 500, 100, 0, 1000, 0, 300, 400},
                       {400, 150, 350, 500, 500, 200, 0, 1000, 0, 200, 400},
                       {100, 100, 100, 100, 100, 100, 0, 1000, 100, 100, 50},
                       {500, 150, 350, 500, 500, 200, 0, 1000, 0, 250, 400}}};
constexpr Table kRgsO{{{300, 150, 200, 200, 200, 300, 2000, 400, 1000, 180, 200},
                       {300, 150, 200, 200, 200, 300, 2000, 400, 800, 180, 200},
                       {300, 150, 200, 200, 200, 300, 2000, 400, 1000, 180, 200},
                       {600, 3500, 3500, 3500, 3500, 3500, 2000, 400, 3500, 3500, 3500},
                       {300, 150, 200, 200, 200, 300, 2000, 400, 1000, 180, 200}}};
constexpr Table kRclS{{{kNone, 2000, 2000, 2000, 2000, 2000, kNone, kNone, 2500, 2000, 4000},
                       {kNone, 9000, 9000, 9000, 2000, 4000, kNone, kNone, 9000, 9000, 9000},
                       {kNone, kNone, 9000, 9000, 3000, 6000, kNone, kNone, 9000, 9000, 9000},
                       {kNone, kNone, kNone, 9000, 200, 400, kNone, kNone, 9000, kNone, 9000},
                       {kNone, 4000, 4000, 4000, 2000, 3000, kNone, kNone, 4000, 4000, 8000}}};
constexpr Table kRclO{{{kNone, 1000, 1000, 1000, 1000, 1000, kNone, kNone, 1000, 1000, 1000},
                       {kNone, 400, 400, 400, 1000, 600, kNone, kNone, 400, 400, 400},
                       {kNone, 1000, 400, 400, 1000, 600, kNone, kNone, 800, 600, 600},
                       {kNone, 1000, 1000, 400, 1500, 600, kNone, kNone, 800, 1000, 800},
                       {kNone, 1000, 500, 500, 1500, 700, kNone, kNone, 600, 800, 800}}};

double at(const Table& t, WeselySeason s, WeselyLandUse lu) {
  return t[std::size_t(s)][std::size_t(lu)];
}

// Roughness lengths (m) by category and season (assumed values in the range of the Wesely
// (1989) and WRF USGS tables; docs/deposition.md).
constexpr Table kZ0{{{1.0, 0.10, 0.05, 1.0, 1.0, 1.0, 1e-4, 0.05, 0.10, 0.10, 0.10},
                     {1.0, 0.08, 0.05, 1.0, 1.0, 1.0, 1e-4, 0.05, 0.10, 0.08, 0.10},
                     {1.0, 0.02, 0.05, 0.8, 1.0, 0.9, 1e-4, 0.05, 0.10, 0.05, 0.10},
                     {1.0, 0.005, 0.01, 0.5, 0.8, 0.7, 1e-4, 0.01, 0.05, 0.01, 0.05},
                     {1.0, 0.05, 0.05, 0.8, 1.0, 0.9, 1e-4, 0.05, 0.10, 0.05, 0.10}}};

// Zhang et al. (2001) Table 3 parameters for the Zhang land-use class nearest to each Wesely
// category: α, γ and the characteristic collector radius A (mm; 0 = smooth surface) by season.
struct ZhangClass {
  double alpha, gamma;
  std::array<double, 5> a_mm;
};
constexpr std::array<ZhangClass, 11> kZhang{{
    {1.5, 0.56, {10, 10, 10, 10, 10}},  // urban (Zhang 15)
    {1.2, 0.54, {2, 2, 5, 5, 2}},       // agricultural: crops, mixed farming (7)
    {1.2, 0.54, {2, 2, 5, 5, 2}},       // range: grass (6)
    {0.8, 0.56, {5, 5, 10, 10, 5}},     // deciduous broadleaf trees (4)
    {1.0, 0.56, {2, 2, 2, 2, 2}},       // evergreen needleleaf trees (1)
    {0.8, 0.56, {5, 5, 10, 10, 5}},     // mixed broadleaf and needleleaf trees (5)
    {100.0, 0.50, {0, 0, 0, 0, 0}},     // water (13, 14)
    {50.0, 0.54, {0, 0, 0, 0, 0}},      // desert (8)
    {2.0, 0.54, {10, 10, 10, 10, 10}},  // wetland with plants (11)
    {1.2, 0.54, {2, 2, 5, 5, 2}},       // range-agricultural: crops (7)
    {1.3, 0.54, {10, 10, 10, 10, 10}},  // shrubs and interrupted woodlands (10)
}};

}  // namespace

WeselyLandUse wesely_land_use(int lu, const std::string& table) {
  using W = WeselyLandUse;
  if (table == "usgs") {
    // USGS 24/28-category LU_INDEX (1-based).
    static constexpr std::array<W, 28> m{W::urban,
                                         W::agricultural,
                                         W::agricultural,
                                         W::agricultural,
                                         W::range_agricultural,
                                         W::range_agricultural,
                                         W::range,
                                         W::range,
                                         W::range,
                                         W::range_agricultural,
                                         W::deciduous_forest,
                                         W::deciduous_forest,
                                         W::deciduous_forest,
                                         W::coniferous_forest,
                                         W::mixed_forest,
                                         W::water,
                                         W::wetland,
                                         W::mixed_forest,
                                         W::barren,
                                         W::rocky_shrubs,
                                         W::rocky_shrubs,
                                         W::rocky_shrubs,
                                         W::barren,
                                         W::barren,
                                         W::barren,
                                         W::barren,
                                         W::barren,
                                         W::water};
    if (lu >= 1 && lu <= 28) return m[std::size_t(lu - 1)];
  } else if (table == "modis") {
    // MODIS IGBP 20/21-category LU_INDEX (1-based; 21 = lakes).
    static constexpr std::array<W, 21> m{W::coniferous_forest,
                                         W::deciduous_forest,
                                         W::coniferous_forest,
                                         W::deciduous_forest,
                                         W::mixed_forest,
                                         W::rocky_shrubs,
                                         W::rocky_shrubs,
                                         W::range_agricultural,
                                         W::range,
                                         W::range,
                                         W::wetland,
                                         W::agricultural,
                                         W::urban,
                                         W::range_agricultural,
                                         W::barren,
                                         W::barren,
                                         W::water,
                                         W::rocky_shrubs,
                                         W::rocky_shrubs,
                                         W::barren,
                                         W::water};
    if (lu >= 1 && lu <= 21) return m[std::size_t(lu - 1)];
  } else {
    throw InputError("dry_deposition", "land_use_table", "usgs or modis, got '" + table + "'");
  }
  throw InputError("LU_INDEX", std::to_string(lu), "a " + table + " land-use category");
}

WeselySeason wesely_season(int month, double lat, double t2_K) {
  int m = month;
  if (lat < 0) m = (month + 5) % 12 + 1;  // southern hemisphere: shift by six months
  if (t2_K < 273.15 && (m <= 3 || m >= 11)) return WeselySeason::winter_snow;
  if (m == 12 || m <= 2) return WeselySeason::late_autumn;  // winter without snow
  if (m <= 5) return WeselySeason::transitional_spring;
  if (m <= 8) return WeselySeason::midsummer;
  if (m <= 10) return WeselySeason::autumn;
  return WeselySeason::late_autumn;
}

std::optional<GasDepositionProperties> wesely_gas(const std::string& name) {
  // Wesely (1989) Table 2 (NH3 and NO from Walmsley & Wesely 1996); CB6 names mapped to the
  // table's classes; diffusivity ratios of species not in the table from sqrt(M / 18).
  static const std::map<std::string, GasDepositionProperties> t{
      {"SO2", {1.9, 1e5, 0.0}},
      {"O3", {1.6, 0.01, 1.0}},
      {"NO2", {1.6, 0.01, 0.1}},
      {"NO", {1.3, 3e-3, 0.0}},
      {"HNO3", {1.9, 1e14, 0.0}},
      {"H2O2", {1.4, 1e5, 1.0}},
      {"ALD2", {1.6, 15.0, 0.0}},
      {"ALDX", {1.6, 15.0, 0.0}},
      {"FORM", {1.3, 6e3, 0.0}},
      {"MEPX", {1.6, 240.0, 0.1}},
      {"ROOH", {1.6, 240.0, 0.1}},
      {"PACD", {2.0, 540.0, 0.1}},
      {"FACD", {1.6, 4e6, 0.0}},
      {"AACD", {1.8, 4e6, 0.0}},
      {"NH3", {0.97, 2e4, 0.0}},
      {"PAN", {2.6, 3.6, 0.1}},
      {"PANX", {2.6, 3.6, 0.1}},
      {"OPAN", {2.6, 3.6, 0.1}},
      {"HONO", {1.6, 1e5, 0.1}},
      {"N2O5", {2.45, 1e14, 0.0}},
      {"PNA", {2.1, 1e14, 0.0}},
      {"SULF", {2.3, 1e14, 0.0}},
      {"NTR1", {2.6, 3.6, 0.1}},
      {"NTR2", {2.6, 3.6, 0.1}},
      {"INTR", {2.6, 3.6, 0.1}},
      {"MEOH", {1.3, 220.0, 0.0}},
      {"GLY", {1.8, 3.6e5, 0.0}},
      {"MGLY", {2.0, 3.7e3, 0.0}},
      {"CO", {1.25, 1e-3, 0.0}},
      // VBS vapours: soluble oxygenated organics (H* = 1e5 M/atm assumed), D ratio of a
      // 200 g/mol molecule.
      {"SVOC1", {3.3, 1e5, 0.0}},
      {"SVOC2", {3.3, 1e5, 0.0}},
      {"SVOC3", {3.3, 1e5, 0.0}},
      {"SVOC4", {3.3, 1e5, 0.0}},
  };
  const auto it = t.find(name);
  if (it == t.end()) return std::nullopt;
  return it->second;
}

double wesely_surface_resistance(const GasDepositionProperties& g, WeselyLandUse lu, WeselySeason s,
                                 const SurfaceConditions& c, bool is_so2, bool is_o3) {
  const double Ts = c.t_surface_C, G = c.solar_W_m2;
  const bool wet = c.dew || c.rain;
  // Stomatal resistance (eq. 3), ×3 on wet surfaces; no stomatal uptake outside 0-40 °C.
  double rs = kNone;
  if (Ts > 0.0 && Ts < 40.0) {
    const double ri = at(kRi, s, lu);
    rs = ri >= kNone ? kNone
                     : ri * (1.0 + std::pow(200.0 / (G + 0.1), 2)) * (400.0 / (Ts * (40.0 - Ts)));
    if (wet) rs *= 3.0;
  }
  const double rmx = 1.0 / (g.henry_M_atm / 3000.0 + 100.0 * g.f0);          // mesophyll (eq. 6)
  const double rsmx = rs >= kNone ? kNone : rs * g.diffusivity_ratio + rmx;  // (eq. 4)
  const double rlu = at(kRlu, s, lu);
  // Cuticular resistance (eq. 7) and its wet-surface forms (eqs. 10-14; W&W 1996 eq. 5).
  double rlux = rlu >= kNone ? kNone : rlu / (1e-5 * g.henry_M_atm + g.f0);
  const bool winter = s == WeselySeason::winter_snow;
  if (wet && !winter) {
    const double inv3rlu = rlu >= kNone ? 0.0 : 1.0 / (3.0 * rlu);
    const double rlu_o3 = 1.0 / ((c.dew ? 1.0 / 3000.0 : 1.0 / 1000.0) + inv3rlu);
    if (is_so2) {
      rlux = lu == WeselyLandUse::urban ? 50.0 : (c.dew ? 100.0 : 1.0 / (1.0 / 5000.0 + inv3rlu));
    } else if (is_o3) {
      rlux = rlu_o3;
    } else {
      const double first = rlu >= kNone ? 0.0 : 1.0 / (3.0 * rlu / (1e-5 * g.henry_M_atm + g.f0));
      rlux = 1.0 / (first + 1e-7 * g.henry_M_atm + g.f0 / rlu_o3);
    }
  }
  const double rdc = 100.0 * (1.0 + 1000.0 / (G + 10.0)) / (1.0 + 1000.0 * c.slope_rad);  // (eq. 5)
  double rclx, rgsx;
  if (is_so2) {
    rclx = at(kRclS, s, lu);
    rgsx = at(kRgsS, s, lu);
  } else if (is_o3) {
    rclx = at(kRclO, s, lu);
    rgsx = at(kRgsO, s, lu);
  } else {  // eqs. 8-9
    rclx = 1.0 / (g.henry_M_atm / (1e5 * at(kRclS, s, lu)) + g.f0 / at(kRclO, s, lu));
    rgsx = 1.0 / (g.henry_M_atm / (1e5 * at(kRgsS, s, lu)) + g.f0 / at(kRgsO, s, lu));
  }
  if (Ts < 0.0) {  // below freezing: 1000 exp(−Ts − 4) added to the surface pathways
    const double add = 1000.0 * std::exp(-Ts - 4.0);
    rlux += add;
    rclx += add;
    rgsx += add;
  }
  const double rac = at(kRac, s, lu);
  const double conductance = 1.0 / rsmx + 1.0 / rlux + 1.0 / (rdc + rclx) + 1.0 / (rac + rgsx);
  return std::clamp(1.0 / conductance, 10.0, 9999.0);  // Wesely (1989) limits
}

double roughness_length_m(WeselyLandUse lu, WeselySeason s) { return at(kZ0, s, lu); }

double obukhov_length_m(double ustar, double H, double T, double rho) {
  const double flux = H / (rho * constants::cp_dry_air_J_kg_K);  // kinematic heat flux, K m/s
  if (std::abs(flux) < 1e-9) return 1e9;                         // neutral
  return -std::pow(std::max(ustar, 1e-3), 3) * T /
         (constants::von_karman * constants::gravity_m_s2 * flux);
}

namespace {
double psi_h(double zeta) {
  if (zeta >= 0) return -5.0 * std::min(zeta, 1.0);  // capped at ζ = 1 (very stable)
  return 2.0 * std::log(0.5 * (1.0 + std::sqrt(1.0 - 16.0 * zeta)));
}
}  // namespace

double aerodynamic_resistance(double z, double z0, double ustar, double L) {
  z = std::max(z, 2.0 * z0);
  const double u = std::max(ustar, 0.05);
  const double ra = (std::log(z / z0) - psi_h(z / L) + psi_h(z0 / L)) / (constants::von_karman * u);
  return std::clamp(ra, 1.0, 1000.0);
}

double water_vapour_diffusivity(double T, double P) {
  return 0.2178e-4 * std::pow(T / 273.15, 1.81) * (101325.0 / P);  // Massman (1998)
}

namespace {
double dynamic_viscosity(double T) {
  return 1.458e-6 * std::pow(T, 1.5) / (T + 110.4);
}  // Sutherland
}  // namespace

double quasi_laminar_resistance(double ustar, double D, double T, double P) {
  const double rho = P / (constants::r_dry_air_J_kg_K * T);
  const double nu = dynamic_viscosity(T) / rho;
  const double sc = nu / D;
  return 2.0 / (constants::von_karman * std::max(ustar, 0.05)) * std::pow(sc / 0.72, 2.0 / 3.0);
}

ParticleProperties representative_particle(const std::string& name) {
  // Mass-representative diameters of an accumulation mode (0.4 µm), primary combustion
  // particles (0.2 µm), sea salt (2 µm) and the coarse fraction (4.5 µm, between 2.5 and 10 µm).
  if (name == "ACORS") return {4.5e-6, 2200.0};
  if (name == "ANA" || name == "ACL") return {2.0e-6, 2160.0};
  if (name == "AEC") return {0.2e-6, 1800.0};
  if (name == "AOTHR") return {0.5e-6, 2000.0};
  if (name == "APOA" || name.rfind("ASOA", 0) == 0) return {0.4e-6, 1400.0};
  return {0.4e-6, 1770.0};  // sulfate, nitrate, ammonium
}

double particle_deposition_velocity(const ParticleProperties& p, WeselyLandUse lu, WeselySeason s,
                                    double T, double P, double ustar, double ra) {
  constexpr double kBoltzmann = constants::boltzmann_J_K;
  const double mu = dynamic_viscosity(T);
  const double rho_air = P / (constants::r_dry_air_J_kg_K * T);
  const double nu = mu / rho_air;
  // Mean free path (Seinfeld & Pandis eq. 9.6) and Cunningham slip correction (eq. 9.34).
  const double lambda = 2.0 * mu /
                        (P * std::sqrt(8.0 * constants::molar_mass_air_kg_mol /
                                       (constants::pi * constants::molar_gas_J_mol_K * T)));
  const double d = p.diameter_m;
  const double cc = 1.0 + 2.0 * lambda / d * (1.257 + 0.4 * std::exp(-1.1 * d / (2.0 * lambda)));
  const double vg = p.density_kg_m3 * d * d * constants::gravity_m_s2 * cc / (18.0 * mu);
  const double diff = kBoltzmann * T * cc / (3.0 * constants::pi * mu * d);
  const auto& z = kZhang[std::size_t(lu)];
  const double a = z.a_mm[std::size_t(s)] * 1e-3;
  const double u = std::max(ustar, 0.05);
  const double eb = std::pow(nu / diff, -z.gamma);
  const double st = a > 0 ? vg * u / (constants::gravity_m_s2 * a) : vg * u * u / nu;
  const double eim = std::pow(st / (z.alpha + st), 2);
  const double ein = a > 0 ? 0.5 * std::pow(d / a, 2) : 0.0;
  const double r1 = std::exp(-std::sqrt(st));
  const double rs = 1.0 / (3.0 * u * (eb + eim + ein) * r1);
  return vg + 1.0 / (ra + rs);
}

DryDepositionVelocities::DryDepositionVelocities(const std::vector<std::string>& names,
                                                 const std::vector<bool>& is_aerosol) {
  for (std::size_t n = 0; n < names.size(); ++n) {
    gas_.push_back({1, 0, 0});
    particle_.push_back({0.4e-6, 1770.0});
    if (is_aerosol[n]) {
      kind_.push_back(Kind::particle);
      particle_.back() = representative_particle(names[n]);
    } else if (const auto g = wesely_gas(names[n])) {
      kind_.push_back(names[n] == "SO2" ? Kind::so2 : names[n] == "O3" ? Kind::o3 : Kind::gas);
      gas_.back() = *g;
    } else {
      kind_.push_back(Kind::none);
    }
  }
}

void DryDepositionVelocities::column(const ColumnSurface& s, double* vd) const {
  const WeselySeason season = wesely_season(s.month, s.latitude_deg, s.t2_K);
  const double z0 = roughness_length_m(s.land_use, season);
  const double L =
      obukhov_length_m(s.ustar_m_s, s.sensible_heat_W_m2, s.t_lowest_K, s.air_density_kg_m3);
  const double ra = aerodynamic_resistance(s.z_reference_m, z0, s.ustar_m_s, L);
  SurfaceConditions sc;
  sc.solar_W_m2 = std::max(0.0, s.solar_W_m2);
  sc.t_surface_C = s.t2_K - 273.15;
  sc.rain = s.precipitation_mm_h > 0.1;
  const double dh2o = water_vapour_diffusivity(s.t2_K, s.pressure_Pa);
  for (std::size_t n = 0; n < kind_.size(); ++n) {
    switch (kind_[n]) {
      case Kind::none:
        vd[n] = 0.0;
        break;
      case Kind::particle:
        vd[n] = particle_deposition_velocity(particle_[n], s.land_use, season, s.t2_K,
                                             s.pressure_Pa, s.ustar_m_s, ra);
        break;
      default: {
        const auto& g = gas_[n];
        const double rb = quasi_laminar_resistance(s.ustar_m_s, dh2o / g.diffusivity_ratio, s.t2_K,
                                                   s.pressure_Pa);
        const double rc = wesely_surface_resistance(g, s.land_use, season, sc,
                                                    kind_[n] == Kind::so2, kind_[n] == Kind::o3);
        vd[n] = 1.0 / (ra + rb + rc);
      }
    }
  }
}

}  // namespace qiantang::solver::deposition
