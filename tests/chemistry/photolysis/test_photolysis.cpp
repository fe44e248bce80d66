// Solar zenith angle (NOAA/Spencer), MCM J-value form, altitude factor, RADM/CMAQ cloud
// correction (Chang et al. 1987) and cloud optical depth from liquid water path (Stephens 1978).
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "chemistry/photolysis/photolysis.hpp"
#include "solver/common/errors.hpp"
#include "tests/test_support.hpp"

using namespace qiantang::chemistry;
using qiantang::parse_iso8601;

namespace {
qiantang::TimePoint utc(const char* s) { return *parse_iso8601(s); }
}  // namespace

TEST_CASE("solar zenith angle: noon, night, pole and equinox", "[chemistry][photolysis]") {
  // Hangzhou (30.25 N, 120.17 E) at the June solstice: the smallest zenith angle of the day is
  // latitude - declination = 30.25 - 23.44 = 6.81 deg, at local solar noon, about 04:00 UTC
  // (12:00 - 120.17 * 4 min, equation of time ~ -1.7 min).
  double best = 180.0;
  int best_minute = -1;
  for (int minute = 0; minute < 24 * 60; ++minute) {
    const auto t = utc("2026-06-21T00:00:00Z") + std::chrono::minutes{minute};
    const double z = solar_zenith_angle_deg(30.25, 120.17, t);
    if (z < best) {
      best = z;
      best_minute = minute;
    }
  }
  CHECK(best == Approx(6.81).margin(0.1));
  CHECK(std::abs(best_minute - (12 * 60 - 481 + 2)) <= 3);
  // Local midnight: sun below the horizon, zenith = 180 - (90 - 6.81) - ... > 90.
  CHECK(solar_zenith_angle_deg(30.25, 120.17, utc("2026-06-21T16:00:00Z")) > 120.0);
  // North pole at the solstice: the sun circles at 23.44 deg elevation all day.
  for (int h = 0; h < 24; h += 6)
    CHECK(solar_zenith_angle_deg(90.0, 0.0, utc("2026-06-21T00:00:00Z") + std::chrono::hours{h}) ==
          Approx(90.0 - 23.44).margin(0.1));
  // Equator near the March equinox (2026-03-20 14:46 UTC): at 12:07 UTC on the Greenwich
  // meridian (equation of time -7.5 min) the sun is nearly overhead.
  CHECK(solar_zenith_angle_deg(0.0, 0.0, utc("2026-03-20T12:07:30Z")) < 0.5);
}

TEST_CASE("clear-sky J follows l cos^m exp(-n sec) with the altitude factor",
          "[chemistry][photolysis]") {
  const auto dir = qiantang::test::source_dir();
  const auto m = Mechanism::load(dir / "chemistry/mechanisms/small.eqn");
  const Photolysis phot(m, dir / "chemistry/photolysis/jtable.csv");
  REQUIRE(phot.size() == static_cast<int>(m.photolysis_names().size()));
  std::vector<double> j(phot.size());
  for (double zen : {0.0, 30.0, 60.0, 85.0}) {
    phot.clear_sky(zen, 0.0, j.data());
    const double mu = std::cos(zen * 3.14159265358979323846 / 180.0);
    for (int p = 0; p < phot.size(); ++p) {
      const auto& q = phot.parameters()[p];
      CHECK(j[p] == Approx(q.l * std::pow(mu, q.m) * std::exp(-q.n / mu)).epsilon(1e-12));
    }
  }
  // J(NO2) at overhead sun is about 9e-3 s^-1 (MCM: l exp(-n) = 1.165e-2 exp(-0.267)).
  phot.clear_sky(0.0, 0.0, j.data());
  CHECK(j[0] == Approx(1.165e-2 * std::exp(-0.267)).epsilon(1e-6));
  std::vector<double> high(phot.size());
  phot.clear_sky(0.0, 2000.0, high.data());
  CHECK(high[0] / j[0] == Approx(1.08).epsilon(1e-12));
  CHECK(photolysis_altitude_factor(20000.0) == Approx(1.32));
  phot.clear_sky(95.0, 0.0, j.data());
  for (double v : j) CHECK(v == 0.0);
}

TEST_CASE("cloud correction (Chang et al. 1987) and optical depth from LWP",
          "[chemistry][photolysis]") {
  // tau = 50, zenith 30 deg: t_r = (5 - e^-50) / (4 + 0.42 * 50) = 0.2.
  const double mu = std::cos(30.0 * 3.14159265358979323846 / 180.0);
  CHECK(cloud_correction(30.0, 50.0, true) == Approx(1.6 * 0.2 * mu).epsilon(1e-12));
  CHECK(cloud_correction(30.0, 50.0, false) == Approx(1.0 + 0.8 * mu).epsilon(1e-12));
  // cos(zenith) is limited to 0.5 (60 deg).
  CHECK(cloud_correction(80.0, 50.0, true) == Approx(1.6 * 0.2 * 0.5).epsilon(1e-12));
  // Thin clouds are ignored; partial cover blends linearly.
  CHECK(cloud_correction(30.0, 4.0, true) == 1.0);
  CHECK(cloud_correction(30.0, 50.0, true, 0.5) == Approx(1.0 + 0.5 * (1.6 * 0.2 * mu - 1.0)));
  // Thicker cloud darkens more below it.
  CHECK(cloud_correction(30.0, 100.0, true) < cloud_correction(30.0, 20.0, true));
  // tau = 3 LWP / (2 rho_w r_e): 0.1 kg m^-2 with 10 um droplets gives 15.
  CHECK(cloud_optical_depth_from_lwp(0.1) == Approx(15.0).epsilon(1e-12));
  CHECK(cloud_optical_depth_from_lwp(0.1, 20e-6) == Approx(7.5).epsilon(1e-12));
  CHECK(cloud_optical_depth_from_lwp(0.0) == 0.0);
}

TEST_CASE("a J-value missing from the table is an input error", "[chemistry][photolysis]") {
  const auto dir = qiantang::test::scratch_dir("chem_jtable");
  const auto m = Mechanism::from_string(
      "#DEFVAR A = IGNORE ;\n#EQUATIONS <R1> A + hv = : PHOT(JX, 1.0) ;\n", "j.eqn");
  {
    std::ofstream f(dir / "j.csv");
    f << "name,l,m,n,reference\nJY,1e-3,1,0.3,test\n";
  }
  CHECK_THROWS_AS(Photolysis(m, dir / "j.csv"), qiantang::InputError);
  {
    std::ofstream f(dir / "j.csv");
    f << "name,l,m,n,reference\nJX,abc,1,0.3,test\n";
  }
  CHECK_THROWS_WITH(Photolysis(m, dir / "j.csv"), Catch::Contains("j.csv:2"));
}
