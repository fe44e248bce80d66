// CF meteorology format: write → read gives the same fields (every variable, windows, several
// files), on a Lambert grid; and the reader's bad-input checks.
#include <catch2/catch.hpp>
#include <cmath>

#include "io/met/cf_met.hpp"
#include "solver/common/errors.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;

namespace {

io::MetFields record(int nx, int ny, int nz, int n, TimePoint t) {
  io::MetFields f;
  f.allocate(nx, ny, nz, true);
  f.time = t;
  auto fill = [&](std::vector<double>& v, double base) {
    for (std::size_t m = 0; m < v.size(); ++m) v[m] = base + 0.001 * double(m) + 0.1 * n;
  };
  fill(f.air_density_kg_m3, 1.1);
  fill(f.temperature_K, 280.0);
  fill(f.pressure_Pa, 90000.0);
  fill(f.water_vapour_kg_kg, 0.005);
  fill(f.cloud_water_kg_kg, 1e-5);
  fill(f.rain_water_kg_kg, 1e-6);
  for (int k = 0; k <= nz; ++k)
    for (int s = 0; s < nx * ny; ++s) f.z_interface_m[std::size_t(k * nx * ny + s)] = 100.0 * k * k + 0.01 * s;
  fill(f.kz_m2_s, 2.0);
  fill(f.u_m_s, 3.0);
  fill(f.v_m_s, -2.0);
  fill(f.surface_pressure_Pa, 100000.0);
  fill(f.t2_K, 290.0);
  fill(f.pbl_height_m, 700.0);
  fill(f.friction_velocity_m_s, 0.3);
  fill(f.sensible_heat_flux_W_m2, 20.0);
  fill(f.shortwave_down_W_m2, 300.0);
  fill(f.precipitation_rate_mm_h, 0.5);
  for (auto& x : f.land_use_category) x = 12;
  fill(f.terrain_height_m, 10.0);
  return f;
}

}  // namespace

TEST_CASE("CF meteorology round trip", "[met][cf]") {
  grid::Projection p;
  p.kind = grid::ProjectionKind::lambert_conformal;
  p.truelat1_deg = 25.0;
  p.truelat2_deg = 47.0;
  p.stand_lon_deg = 110.0;
  const auto g = grid::HorizontalGrid::centred(p, 7, 5, 9000.0, 9000.0, 30.2, 120.1);
  const int nz = 4;
  const auto dir = test::scratch_dir("cf_round_trip");
  const TimePoint t0 = *parse_iso8601("2025-07-01T00:00:00Z");
  std::vector<io::MetFields> written;
  for (int file = 0; file < 2; ++file) {
    io::CfMetWriter w(dir / ("met" + std::to_string(file) + ".nc"), g, nz, true, "round trip");
    for (int r = 0; r < 2; ++r) {
      const int n = 2 * file + r;
      written.push_back(record(g.nx(), g.ny(), nz, n, t0 + Seconds(3600 * n)));
      w.append(written.back());
    }
    w.close();
  }
  const io::CfMetReader rd({dir / "met0.nc", dir / "met1.nc"});
  REQUIRE(rd.times().size() == 4);
  CHECK(rd.has_kz());
  CHECK(rd.nz() == nz);
  CHECK(rd.grid().projection().kind == grid::ProjectionKind::lambert_conformal);
  CHECK(rd.grid().x0() == Approx(g.x0()));
  CHECK(rd.grid().y0() == Approx(g.y0()));
  for (std::size_t n = 0; n < 4; ++n) {
    const auto f = rd.read(n, 0, 0, g.nx(), g.ny());
    const auto& w = written[n];
    CHECK(f.time == w.time);
    CHECK(f.air_density_kg_m3 == w.air_density_kg_m3);
    CHECK(f.temperature_K == w.temperature_K);
    CHECK(f.pressure_Pa == w.pressure_Pa);
    CHECK(f.water_vapour_kg_kg == w.water_vapour_kg_kg);
    CHECK(f.cloud_water_kg_kg == w.cloud_water_kg_kg);
    CHECK(f.rain_water_kg_kg == w.rain_water_kg_kg);
    CHECK(f.z_interface_m == w.z_interface_m);
    CHECK(f.kz_m2_s == w.kz_m2_s);
    CHECK(f.u_m_s == w.u_m_s);
    CHECK(f.v_m_s == w.v_m_s);
    CHECK(f.surface_pressure_Pa == w.surface_pressure_Pa);
    CHECK(f.t2_K == w.t2_K);
    CHECK(f.pbl_height_m == w.pbl_height_m);
    CHECK(f.friction_velocity_m_s == w.friction_velocity_m_s);
    CHECK(f.sensible_heat_flux_W_m2 == w.sensible_heat_flux_W_m2);
    CHECK(f.shortwave_down_W_m2 == w.shortwave_down_W_m2);
    CHECK(f.precipitation_rate_mm_h == w.precipitation_rate_mm_h);
    // Static fields are stored with the first record of each file.
    CHECK(f.land_use_category == written[n < 2 ? 0 : 2].land_use_category);
    CHECK(f.terrain_height_m == written[n < 2 ? 0 : 2].terrain_height_m);
  }
  // A window: faces i0 .. i0 + ni of the full field.
  const auto full = rd.read(2, 0, 0, g.nx(), g.ny());
  const auto win = rd.read(2, 2, 1, 3, 2);
  CHECK(win.u_m_s[std::size_t((1 * 2 + 1) * 4 + 3)] == full.u_m_s[std::size_t((1 * 5 + 2) * 8 + 5)]);
  CHECK(win.temperature_K[win.cell(3, 1, 2)] == full.temperature_K[full.cell(3, 2, 4)]);
  CHECK_THROWS_AS(rd.read(0, 5, 0, 3, 2), InputError);
  // A duplicate time across files.
  CHECK_THROWS_AS(io::CfMetReader({dir / "met0.nc", dir / "met0.nc"}), InputError);
}
