// Temporal, vertical and chemical allocation, region masks and the Guenther biogenic
// activity factors, against values computed by hand from the documented formulas.
#include <catch2/catch.hpp>
#include <cmath>

#include "solver/emissions/allocation.hpp"
#include "solver/emissions/biogenic.hpp"

using namespace qiantang;
using namespace qiantang::emissions;

namespace {
io::TemporalProfile test_profile() {
  io::TemporalProfile p;
  auto& m = p.month.emplace();
  m.fill(0.9 / 11.0);
  m[0] = 0.1;
  auto& w = p.weekday.emplace();
  w.fill(0.8 / 6.0);
  w[0] = 0.2;  // Monday
  auto& h = p.hour.emplace();
  h.fill(0.9 / 23.0);
  h[8] = 0.1;
  return p;
}
TimePoint t(const char* s) { return *parse_iso8601(s); }
}  // namespace

TEST_CASE("temporal factor at a known Beijing hour and day", "[emissions][temporal]") {
  const auto p = test_profile();
  // 2026-01-12T00:30Z is Monday 12 January 08:30 Beijing time.
  CHECK(temporal_factor(&p, t("2026-01-12T00:30:00Z")) == Approx(0.1 * 365.0 / 31.0 * 7.0 * 0.2 * 24.0 * 0.1).epsilon(1e-14));
  // 2026-01-11T16:30Z is already Monday 00:30 in Beijing (hour 0), not Sunday.
  CHECK(temporal_factor(&p, t("2026-01-11T16:30:00Z")) ==
        Approx(0.1 * 365.0 / 31.0 * 7.0 * 0.2 * 24.0 * 0.9 / 23.0).epsilon(1e-14));
  // 2026-01-11T15:30Z is Sunday 23:30.
  CHECK(temporal_factor(&p, t("2026-01-11T15:30:00Z")) ==
        Approx(0.1 * 365.0 / 31.0 * 7.0 * 0.8 / 6.0 * 24.0 * 0.9 / 23.0).epsilon(1e-14));
  // Leap February: 29 days of a 366-day year.
  io::TemporalProfile feb;
  auto& m = feb.month.emplace();
  m.fill(0.9 / 11.0);
  m[1] = 0.1;
  CHECK(temporal_factor(&feb, t("2024-02-15T04:00:00Z")) == Approx(0.1 * 366.0 / 29.0).epsilon(1e-14));
  CHECK(temporal_factor(nullptr, t("2024-02-15T04:00:00Z")) == 1.0);
}

TEST_CASE("month and hour profiles keep the annual total", "[emissions][temporal]") {
  auto p = test_profile();
  p.weekday.reset();  // a weekly cycle does not divide a year
  double sum = 0.0;
  int n = 0;
  // Hourly over Beijing-time year 2026: from 2025-12-31T16:00Z.
  for (TimePoint x = t("2025-12-31T16:30:00Z"); x < t("2026-12-31T16:00:00Z"); x += std::chrono::hours(1), ++n)
    sum += temporal_factor(&p, x);
  CHECK(n == 8760);
  CHECK(sum / n == Approx(1.0).epsilon(1e-12));
  // The weekday factors average to 1 over any whole week.
  auto w = test_profile();
  w.month.reset();
  w.hour.reset();
  double week = 0.0;
  for (int d = 0; d < 7; ++d) week += temporal_factor(&w, t("2026-03-02T04:00:00Z") + std::chrono::days(d));
  CHECK(week / 7.0 == Approx(1.0).epsilon(1e-14));
}

TEST_CASE("profile lookup falls back to the * sector", "[emissions][temporal]") {
  io::TemporalProfiles ps;
  ps["*"] = test_profile();
  ps["power"] = io::TemporalProfile{};
  CHECK(temporal_profile(ps, "power") == &ps["power"]);
  CHECK(temporal_profile(ps, "industry") == &ps["*"]);
  ps.erase("*");
  CHECK(temporal_profile(ps, "industry") == nullptr);
}

TEST_CASE("vertical allocation onto model layers by height overlap", "[emissions][vertical]") {
  const std::vector<io::VerticalBand> bands{{100.0, 0.2}, {300.0, 0.5}, {600.0, 0.3}};
  const double z[5] = {0.0, 50.0, 150.0, 400.0, 1000.0};
  double f[4];
  vertical_fractions(bands, z, 4, f);
  CHECK(f[0] == Approx(0.2 * 50.0 / 100.0));
  CHECK(f[1] == Approx(0.2 * 50.0 / 100.0 + 0.5 * 50.0 / 200.0));
  CHECK(f[2] == Approx(0.5 * 150.0 / 200.0 + 0.3 * 100.0 / 300.0));
  CHECK(f[3] == Approx(0.3 * 200.0 / 300.0));
  CHECK(f[0] + f[1] + f[2] + f[3] == Approx(1.0).epsilon(1e-15));
  // Bands above the model top go into the top layer.
  const double low[3] = {0.0, 20.0, 60.0};
  double g[2];
  vertical_fractions(bands, low, 2, g);
  CHECK(g[0] == Approx(0.2 * 0.2));
  CHECK(g[1] == Approx(1.0 - 0.2 * 0.2));
  // No profile: the lowest layer.
  vertical_fractions({}, z, 4, f);
  CHECK(f[0] == 1.0);
  CHECK(f[1] + f[2] + f[3] == 0.0);
}

TEST_CASE("speciation factors conserve mass (mass basis) and moles (mole basis)", "[emissions][speciation]") {
  // VOC on a mass basis into CB6 species with their molar masses: 1 kg of VOC gives back 1 kg.
  struct S {
    const char* name;
    double fraction, mw;
  };
  const std::vector<S> voc{{"PAR", 0.45, 72.15}, {"TOL", 0.2, 92.14}, {"XYL", 0.15, 106.17}, {"ETH", 0.1, 28.05},
                           {"FORM", 0.1, 30.03}};
  double mass = 0.0, sum = 0.0;
  std::string why;
  for (const auto& s : voc) {
    io::SpeciationRow r{"transport", "VOC", s.name, s.fraction, io::SpeciationBasis::mass, ""};
    const double mol_per_kg = speciation_factor(r, true, s.mw, 0.0, why);
    mass += mol_per_kg * s.mw / 1000.0;
    sum += s.fraction;
  }
  CHECK(sum == Approx(1.0));
  CHECK(mass == Approx(1.0).epsilon(1e-14));
  // NOX (as NO2 mass) on a mole basis: 1 kg is 1/0.0460055 mol of NOx, split 0.9 NO + 0.1 NO2.
  io::SpeciationRow no{"*", "NOX", "NO", 0.9, io::SpeciationBasis::mole, ""};
  io::SpeciationRow no2{"*", "NOX", "NO2", 0.1, io::SpeciationBasis::mole, ""};
  const double mol = speciation_factor(no, true, 30.006, 46.0055, why) + speciation_factor(no2, true, 46.0055, 46.0055, why);
  CHECK(mol == Approx(1000.0 / 46.0055).epsilon(1e-14));
  // SMOKE-style moles per gram.
  io::SpeciationRow par{"*", "VOC", "PAR", 0.05, io::SpeciationBasis::mol_per_g, ""};
  CHECK(speciation_factor(par, true, 0.0, 0.0, why) == Approx(50.0));
  // Aerosols: kg per kg; a mole basis is impossible.
  io::SpeciationRow oc{"*", "OC", "APOA", 1.4, io::SpeciationBasis::mass_factor, ""};
  CHECK(speciation_factor(oc, false, 0.0, 0.0, why) == 1.4);
  io::SpeciationRow bad{"*", "PM25", "ASO4", 1.0, io::SpeciationBasis::mole, ""};
  CHECK(speciation_factor(bad, false, 0.0, 0.0, why) < 0);
  CHECK(why.find("ASO4") != std::string::npos);
  io::SpeciationRow nomw{"*", "VOC", "PAR", 1.0, io::SpeciationBasis::mass, ""};
  CHECK(speciation_factor(nomw, true, 0.0, 0.0, why) < 0);
}

TEST_CASE("region masks by the even-odd rule", "[emissions][regions]") {
  io::RegionPolygon box{{119.0, 121.0, 121.0, 119.0}, {29.0, 29.0, 31.0, 31.0}};
  io::RegionPolygon hole{{119.5, 120.5, 120.5, 119.5}, {29.5, 29.5, 30.5, 30.5}};
  CHECK(inside_polygon(box, 120.0, 30.0));
  CHECK_FALSE(inside_polygon(box, 121.5, 30.0));
  CHECK_FALSE(inside_polygon(box, 120.0, 28.9));
  CHECK(inside_region({box, hole}, 119.2, 29.2));
  CHECK_FALSE(inside_region({box, hole}, 120.0, 30.0));  // inside the hole
}

TEST_CASE("Guenther activity factors", "[emissions][biogenic][verification]") {
  // Standard conditions (Guenther et al. 1993): 303 K, PAR 1000 µmol m-2 s-1 -> activity 1.
  CHECK(isoprene_activity(303.0, 1000.0) == Approx(1.0).epsilon(1e-14));
  CHECK(monoterpene_activity(303.0) == 1.0);
  // The published fits themselves: C_L(1000) = α c_L1 L / sqrt(1 + α² L²) with α = 0.0027,
  // c_L1 = 1.066 gives 2.8782 / 2.87924 = 0.99964; C_T(303) = 1 / (1 + exp(230000 (303 − 314) /
  // (8.314 · 303²))) = 1 / (1 + e^−3.31455) = 0.96493.
  CHECK(guenther_light_factor(1000.0) == Approx(0.0027 * 1.066 * 1000.0 / std::sqrt(1.0 + 2.7 * 2.7)).epsilon(1e-14));
  CHECK(guenther_light_factor(1000.0) == Approx(0.99964).epsilon(1e-5));
  CHECK(guenther_temperature_factor(303.0) == Approx(0.96493).epsilon(1e-5));
  // No emission in the dark; light response saturates.
  CHECK(isoprene_activity(303.0, 0.0) == 0.0);
  CHECK(guenther_light_factor(2000.0) / guenther_light_factor(1000.0) < 1.1);
  // The temperature response peaks a little below T_M = 314 K and falls off above it.
  double best_T = 0.0, best = 0.0;
  for (double T = 290.0; T <= 330.0; T += 0.1)
    if (guenther_temperature_factor(T) > best) {
      best = guenther_temperature_factor(T);
      best_T = T;
    }
  CHECK(best_T > 310.0);
  CHECK(best_T < 315.0);
  CHECK(guenther_temperature_factor(283.0) < 0.3);
  // Monoterpenes: exp(β (T − 303)), β = 0.09 K-1: at 313 K, e^0.9 = 2.4596.
  CHECK(monoterpene_activity(313.0) == Approx(2.45960311).epsilon(1e-8));
  // PAR from shortwave: 0.45 × 4.57 µmol J-1.
  CHECK(kParPerShortwave == Approx(2.0565));
}
