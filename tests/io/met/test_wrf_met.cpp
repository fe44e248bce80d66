// WRF-ARW reader: conversions against the analytic fields of the synthetic wrfout, every
// projection WRF writes, windows, multi-file time axes, diagnosed fields and the bad-input
// checks (each a one-line InputError naming file and variable).
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "io/met/wrf_met.hpp"
#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "tests/io/met/synthetic_wrfout.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;
using test::SyntheticWrf;

namespace {

std::filesystem::path write_one(const std::string& name, const SyntheticWrf& s, int first = 0, int count = 3) {
  const auto dir = test::scratch_dir(name);
  const auto p = dir / "wrfout_d01_2025-07-01_00:00:00";
  test::write_wrfout(p, s, first, count);
  return p;
}

// Runs f, requires an InputError whose message names `file` and `variable`.
template <class F>
void require_input_error(F&& f, const std::string& file, const std::string& variable) {
  try {
    f();
    FAIL("no InputError");
  } catch (const InputError& e) {
    const std::string m = e.what();
    INFO(m);
    CHECK(m.find(file) != std::string::npos);
    CHECK(m.find(variable) != std::string::npos);
    CHECK(m.find('\n') == std::string::npos);
  }
}

}  // namespace

TEST_CASE("WRF reader converts wrfout fields to the model's", "[met][wrf]") {
  SyntheticWrf s;
  const auto dir = test::scratch_dir("wrf_convert");
  // Two files: records 0-1 and 2-3 form one hourly axis.
  test::write_wrfout(dir / "a.nc", s, 0, 2);
  test::write_wrfout(dir / "b.nc", s, 2, 2);
  const io::WrfMetReader r({dir / "a.nc", dir / "b.nc"});
  REQUIRE(r.times().size() == 4);
  CHECK(r.times()[3] - r.times()[0] == Seconds(3 * 3600));
  CHECK(r.nz() == s.nz);
  CHECK(r.grid().nx() == s.nx);
  CHECK(r.grid().projection().kind == grid::ProjectionKind::lambert_conformal);
  CHECK(r.diagnosed().empty());
  CHECK(r.land_use_scheme() == io::LandUseScheme::modis);
  const int n = 2;
  const auto f = r.read(n, 0, 0, s.nx, s.ny);
  const double kappa = constants::r_dry_air_J_kg_K / constants::cp_dry_air_J_kg_K;
  const double eps = constants::r_dry_air_J_kg_K / constants::r_water_vapour_J_kg_K;
  for (int k = 0; k < s.nz; ++k)
    for (int j = 0; j < s.ny; ++j)
      for (int i = 0; i < s.nx; ++i) {
        const auto m = f.cell(k, j, i);
        const double p = s.pressure(k, i, j);
        const double T = s.theta(k, i, j, n) * std::pow(p / 1e5, kappa);
        const double q = s.qvapor(k);
        CHECK(f.pressure_Pa[m] == Approx(p).epsilon(1e-6));
        CHECK(f.temperature_K[m] == Approx(T).epsilon(1e-6));
        CHECK(f.water_vapour_kg_kg[m] == Approx(q).epsilon(1e-6));
        // ρ = p / (R_d T_v), T_v = T (1 + q/ε) / (1 + q).
        CHECK(f.air_density_kg_m3[m] == Approx(p * (1 + q) / (constants::r_dry_air_J_kg_K * T * (1 + q / eps))).epsilon(1e-6));
        CHECK(f.cloud_water_kg_kg[m] == Approx(k == 2 ? 1e-4 : 0.0).margin(1e-10));
      }
  const std::size_t ns = std::size_t(s.nx * s.ny);
  for (int k = 0; k <= s.nz; ++k)
    CHECK(f.z_interface_m[std::size_t(k) * ns + 7] == Approx(s.z_interface_m[std::size_t(k)]).margin(2e-3));
  CHECK(f.u_m_s[std::size_t((1 * s.ny + 2) * (s.nx + 1) + 8)] == Approx(s.u(1, 7.5, 2, n)).epsilon(1e-6));
  CHECK(f.v_m_s[std::size_t((3 * (s.ny + 1) + 6) * s.nx + 4)] == Approx(s.v(3, 4, 5.5, n)).epsilon(1e-6));
  const auto sfc = f.surface(3, 5);
  CHECK(f.terrain_height_m[sfc] == Approx(s.terrain(5, 3)));
  CHECK(f.pbl_height_m[sfc] == Approx(600.0 + 50.0 + 100.0 * n));
  CHECK(f.friction_velocity_m_s[sfc] == Approx(0.33));
  CHECK(f.sensible_heat_flux_W_m2[sfc] == Approx(40.0 + 5.0 * n));
  CHECK(f.shortwave_down_W_m2[sfc] == Approx(100.0 * n));
  CHECK(f.land_use_category[sfc] == 12.0);
  CHECK(f.land_use_category[f.surface(0, 0)] == 17.0);
  // Precipitation (mm/h): the backward difference of RAINC + RAINNC across the file boundary.
  const double rate2 = s.conv_accum_mm(2) + s.rain_accum_mm(2) - s.conv_accum_mm(1) - s.rain_accum_mm(1);
  CHECK(f.precipitation_rate_mm_h[sfc] == Approx(rate2));
  // The first time takes the next interval's difference.
  const double rate1 = s.conv_accum_mm(1) + s.rain_accum_mm(1) - s.conv_accum_mm(0) - s.rain_accum_mm(0);
  CHECK(r.read(0, 0, 0, s.nx, s.ny).precipitation_rate_mm_h[sfc] == Approx(rate1));
  // A window is the same numbers as the full field.
  const auto w = r.read(n, 2, 1, 4, 3);
  CHECK(w.temperature_K[w.cell(2, 1, 1)] == f.temperature_K[f.cell(2, 2, 3)]);
  CHECK(w.u_m_s[std::size_t((2 * 3 + 1) * 5 + 4)] == f.u_m_s[std::size_t((2 * s.ny + 2) * (s.nx + 1) + 6)]);
  CHECK(w.v_m_s[std::size_t((2 * 4 + 3) * 4 + 1)] == f.v_m_s[std::size_t((2 * (s.ny + 1) + 4) * s.nx + 3)]);
  CHECK(w.precipitation_rate_mm_h[w.surface(2, 2)] == f.precipitation_rate_mm_h[f.surface(3, 4)]);
  int nz = 0;
  CHECK(io::wrf_met_grid({dir / "a.nc"}, nz).nx() == s.nx);
  CHECK(nz == s.nz);
}

TEST_CASE("WRF reader uses ALT (dry inverse density) when present", "[met][wrf]") {
  SyntheticWrf s;
  s.with_alt = true;
  const io::WrfMetReader r({write_one("wrf_alt", s)});
  const auto f = r.read(1, 0, 0, s.nx, s.ny);
  for (int k = 0; k < s.nz; ++k) {
    const auto m = f.cell(k, 2, 3);
    const double p = s.pressure(k, 3, 2), q = s.qvapor(k);
    const double T = s.theta(k, 3, 2, 1) * std::pow(p / 1e5, 2.0 / 7.0);
    const double tv = T * (1 + q / (287.0 / 461.6)) / (1 + q);
    CHECK(f.air_density_kg_m3[m] == Approx(p / (287.0 * tv)).epsilon(1e-6));
  }
}

TEST_CASE("WRF reader places every projection WRF writes on its grid", "[met][wrf][grid]") {
  struct Case {
    int map_proj;
    double t1, t2, lon0, plat, plon, clat, clon, dx;
  };
  const Case cases[] = {{1, 30, 60, 120, 90, 0, 30, 120, 12000},   {1, -20, -40, 140, 90, 0, -30, 145, 9000},
                        {2, 60, 0, -100, 90, 0, 70, -80, 15000},   {2, -71, 0, 0, 90, 0, -75, 20, 20000},
                        {3, 10, 0, 120, 90, 0, 5, 121, 10000},     {6, 0, 0, 0, 90, 0, 30, 120, 27798.0},
                        {6, 0, 0, -120, 60, 180, 30, 120, 11119.5}};
  for (const auto& c : cases) {
    SyntheticWrf s;
    s.map_proj = c.map_proj;
    s.truelat1 = c.t1;
    s.truelat2 = c.t2;
    s.stand_lon = c.lon0;
    s.pole_lat = c.plat;
    s.pole_lon = c.plon;
    s.cen_lat = c.clat;
    s.cen_lon = c.clon;
    s.dx_m = s.dy_m = c.dx;
    INFO("MAP_PROJ " << c.map_proj << " truelat1 " << c.t1 << " pole_lat " << c.plat);
    const io::WrfMetReader r({write_one("wrf_proj", s, 0, 2)});
    CHECK(r.grid().projection().wrf_map_proj() == c.map_proj);
    const auto want = s.grid();
    for (double i : {0.0, 3.0, 7.0})
      for (double j : {0.0, 5.0}) {
        double la, lo, lw, ow;
        r.grid().latlon(i, j, la, lo);
        want.latlon(i, j, lw, ow);
        CHECK(la == Approx(lw).margin(1e-4));
        CHECK(std::remainder(lo - ow, 360.0) == Approx(0.0).margin(1e-4));
      }
    CHECK(r.grid().cell_area_m2(3, 2) == Approx(want.cell_area_m2(3, 2)).epsilon(1e-5));
  }
}

TEST_CASE("WRF reader diagnoses absent optional fields", "[met][wrf]") {
  SyntheticWrf s;
  s.omit = {"PBLH", "UST", "HFX", "SWDOWN", "LU_INDEX", "QCLOUD", "QRAIN", "TSK"};
  s.z_interface_m = {0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 250, 300, 400, 600, 900, 1500};
  s.nz = int(s.z_interface_m.size()) - 1;
  const io::WrfMetReader r({write_one("wrf_diag", s)});
  std::string all;
  for (const auto& d : r.diagnosed()) all += d + ";";
  for (const char* v : {"PBLH", "UST", "HFX", "SWDOWN", "LU_INDEX", "QCLOUD", "QRAIN"}) CHECK(all.find(v) != std::string::npos);
  const auto f = r.read(1, 0, 0, s.nx, s.ny);
  const auto sfc = f.surface(3, 4);
  // LU from XLAND: water → ISWATER (17), land → MODIS grassland (10).
  CHECK(f.land_use_category[f.surface(0, 0)] == 17.0);
  CHECK(f.land_use_category[sfc] == 10.0);
  // UST: κ U1 / ln(z1 / z0), z0 = 0.12 m (grassland), U1 the lowest-level centre wind.
  const double u1 = 0.5 * (s.u(0, 3.5, 3, 1) + s.u(0, 4.5, 3, 1)), v1 = 0.5 * (s.v(0, 4, 2.5, 1) + s.v(0, 4, 3.5, 1));
  CHECK(f.friction_velocity_m_s[sfc] == Approx(0.4 * std::hypot(u1, v1) / std::log(10.0 / 0.12)).epsilon(1e-5));
  CHECK(f.sensible_heat_flux_W_m2[sfc] == 0.0);  // no TSK
  CHECK(f.cloud_water_kg_kg[f.cell(2, 3, 4)] == 0.0);
  // 01:00 UTC 1 July at 120°E is 09:00 solar time: the clear-sky value is positive and below 960.
  CHECK(f.shortwave_down_W_m2[sfc] > 300.0);
  CHECK(f.shortwave_down_W_m2[sfc] < 960.0);
  // PBLH: between the lowest level and the top, where the bulk Richardson number of the
  // column crosses 0.25 (checked against the formula in test_wrf_diagnostics).
  CHECK(f.pbl_height_m[sfc] > 10.0);
  CHECK(f.pbl_height_m[sfc] <= 1200.0);
}

TEST_CASE("WRF reader diagnoses HFX from TSK and T2 when only TSK is there", "[met][wrf]") {
  SyntheticWrf s;
  s.omit = {"HFX"};
  const io::WrfMetReader r({write_one("wrf_hfx", s)});
  const auto f = r.read(0, 0, 0, s.nx, s.ny);
  // TSK − T2 = 2 K: upward flux.
  CHECK(f.sensible_heat_flux_W_m2[f.surface(3, 4)] > 0.0);
}

TEST_CASE("WRF reader rejects bad input with one line naming file and variable", "[met][wrf][input]") {
  SyntheticWrf s;
  SECTION("missing file") {
    const auto p = test::scratch_dir("wrf_nofile") / "wrfout_missing";
    require_input_error([&] { io::WrfMetReader r({p}); }, p.string(), "");
  }
  SECTION("missing essential variable") {
    for (const char* v : {"PH", "QVAPOR", "XLAT", "U"}) {
      SyntheticWrf m = s;
      m.omit = {v};
      const auto p = write_one("wrf_missing", m);
      require_input_error([&] { io::WrfMetReader r({p}); }, p.string(), v);
    }
  }
  SECTION("no land use at all") {
    SyntheticWrf m = s;
    m.omit = {"LU_INDEX", "XLAND"};
    const auto p = write_one("wrf_nolu", m);
    require_input_error([&] { io::WrfMetReader r({p}); }, p.string(), "LU_INDEX");
  }
  SECTION("wrong dimension order") {
    SyntheticWrf m = s;
    m.transpose = "T";
    const auto p = write_one("wrf_order", m);
    require_input_error([&] { io::WrfMetReader r({p}); }, p.string(), "T");
  }
  SECTION("files of different sizes") {
    const auto dir = test::scratch_dir("wrf_size");
    test::write_wrfout(dir / "a.nc", s, 0, 2);
    SyntheticWrf m = s;
    m.nx = 9;
    test::write_wrfout(dir / "b.nc", m, 2, 2);
    require_input_error([&] { io::WrfMetReader r({dir / "a.nc", dir / "b.nc"}); }, (dir / "b.nc").string(), "west_east");
  }
  SECTION("NaN and Inf in a field") {
    for (double bad : {std::nan(""), double(INFINITY)}) {
      SyntheticWrf m = s;
      m.bad_value = "T";
      m.bad = bad;
      const auto p = write_one("wrf_nan", m);
      const io::WrfMetReader r({p});
      require_input_error([&] { (void)r.read(0, 0, 0, s.nx, s.ny); }, p.string(), "T at 2025-07-01T00:00:00Z");
      CHECK_NOTHROW(r.read(1, 0, 0, s.nx, s.ny));
    }
  }
  SECTION("gap and duplicate in the times across files") {
    const auto dir = test::scratch_dir("wrf_times");
    test::write_wrfout(dir / "a.nc", s, 0, 2);
    test::write_wrfout(dir / "gap.nc", s, 3, 2);
    test::write_wrfout(dir / "dup.nc", s, 1, 2);
    require_input_error([&] { io::WrfMetReader r({dir / "a.nc", dir / "gap.nc"}); }, (dir / "gap.nc").string(), "Times");
    require_input_error([&] { io::WrfMetReader r({dir / "a.nc", dir / "dup.nc"}); }, (dir / "dup.nc").string(), "Times");
  }
  SECTION("window outside the WRF grid") {
    const auto p = write_one("wrf_window", s);
    const io::WrfMetReader r({p});
    require_input_error([&] { (void)r.read(0, 4, 0, 6, 3); }, p.string(), "west_east");
    require_input_error([&] { (void)r.grid().window(0, 4, 3, 3); }, "grid", "window");
  }
  SECTION("truncated file") {
    const auto p = write_one("wrf_trunc", s);
    std::filesystem::resize_file(p, std::filesystem::file_size(p) / 2);
    require_input_error(
        [&] {
          io::WrfMetReader r({p});
          for (std::size_t n = 0; n < r.times().size(); ++n) (void)r.read(n, 0, 0, s.nx, s.ny);
        },
        p.string(), "");
  }
  SECTION("not NetCDF at all") {
    const auto p = test::scratch_dir("wrf_text") / "wrfout_d01";
    std::ofstream(p) << "this is not a NetCDF file\n";
    require_input_error([&] { io::WrfMetReader r({p}); }, p.string(), "");
  }
  SECTION("positions that do not fit the projection attributes") {
    SyntheticWrf m = s;
    m.xlat_shift_deg = 0.5;  // ~5 cells
    m.omit = {"MAPFAC_M"};
    const auto p = write_one("wrf_xlat", m);
    // A uniform shift moves the whole grid consistently; a shift of part of it does not.
    CHECK_NOTHROW(io::WrfMetReader({p}));
    SyntheticWrf bad = s;
    bad.stand_lon = 100.0;  // XLAT/XLONG written for this projection ...
    const auto q = write_one("wrf_xlat2", bad);
    // ... then claimed to be another: rewrite the attribute.
    {
      netCDF::NcFile nc(q.string(), netCDF::NcFile::write);
      nc.putAtt("STAND_LON", netCDF::ncFloat, 150.0f);
    }
    require_input_error([&] { io::WrfMetReader r({q}); }, q.string(), "XLAT");
  }
  SECTION("unsupported projection") {
    SyntheticWrf m = s;
    const auto p = write_one("wrf_proj4", m);
    {
      netCDF::NcFile nc(p.string(), netCDF::NcFile::write);
      nc.putAtt("MAP_PROJ", netCDF::ncInt, 203);
    }
    require_input_error([&] { io::WrfMetReader r({p}); }, p.string(), "MAP_PROJ");
  }
}
