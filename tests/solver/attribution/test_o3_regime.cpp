// O3 regime per cell and Beijing day (solver/attribution/o3_regime.hpp, docs/attribution.md):
//  * the classification thresholds: H2O2/HNO3 > 0.35 NOx-limited (Sillman 1995), HCHO/NO2 < 1
//    VOC-limited, > 2 NOx-limited, transitional between (Duncan et al. 2010);
//  * the daily means over the output times 11:00–17:00 Beijing time (ratio of the means), one
//    day closed when its window has passed, and the file o3_regime_<domain>.nc with dims
//    day × y × x, flag_values and the grid mapping;
//  * a short run with attribution on the coarse Hangzhou case writes the file (1 and 2 ranks).
#include <catch2/catch.hpp>
#include <netcdf.h>

#include <cmath>
#include <fstream>

#include "io/config/config.hpp"
#include "solver/attribution/o3_regime.hpp"
#include "solver/cases/hangzhou_case.hpp"
#include "solver/driver/model.hpp"
#include "solver/parallel/environment.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;

namespace {

struct NcFile {
  int id = -1;
  explicit NcFile(const std::filesystem::path& p) { REQUIRE(nc_open(p.c_str(), NC_NOWRITE, &id) == NC_NOERR); }
  ~NcFile() { nc_close(id); }
  std::size_t dim(const char* name) const {
    int d;
    std::size_t n = 0;
    REQUIRE(nc_inq_dimid(id, name, &d) == NC_NOERR);
    REQUIRE(nc_inq_dimlen(id, d, &n) == NC_NOERR);
    return n;
  }
  int var(const char* name) const {
    int v = -1;
    REQUIRE(nc_inq_varid(id, name, &v) == NC_NOERR);
    return v;
  }
  std::string text(const char* var_name, const char* att) const {
    std::size_t n = 0;
    const int v = var(var_name);
    if (nc_inq_attlen(id, v, att, &n) != NC_NOERR) return "";
    std::string s(n, '\0');
    nc_get_att_text(id, v, att, s.data());
    return s;
  }
};

}  // namespace

TEST_CASE("O3 regime classes follow the literature thresholds", "[unit]") {
  using attribution::classify_h2o2_hno3, attribution::classify_hcho_no2;
  CHECK(classify_h2o2_hno3(0.36) == io::kRegimeNoxLimited);
  CHECK(classify_h2o2_hno3(0.35) == io::kRegimeVocLimited);  // NOx-limited only above 0.35
  CHECK(classify_h2o2_hno3(0.1) == io::kRegimeVocLimited);
  CHECK(classify_h2o2_hno3(0.5, 0.6) == io::kRegimeVocLimited);  // [attribution] regime_threshold
  CHECK(classify_h2o2_hno3(NAN) == 0);
  CHECK(classify_hcho_no2(0.99) == io::kRegimeVocLimited);
  CHECK(classify_hcho_no2(1.0) == io::kRegimeTransitional);
  CHECK(classify_hcho_no2(2.0) == io::kRegimeTransitional);
  CHECK(classify_hcho_no2(2.01) == io::kRegimeNoxLimited);
  CHECK(classify_hcho_no2(INFINITY) == 0);
  CHECK(std::string(attribution::regime_name(io::kRegimeTransitional)) == "transitional");
}

TEST_CASE("daily O3 regime: afternoon means per cell, one record per Beijing day", "[unit]") {
  if (parallel::Environment::world_rank() != 0) return;
  const auto dir = test::scratch_dir("o3_regime_unit");
  grid::Projection p;
  p.kind = grid::ProjectionKind::lambert_conformal;
  p.truelat1_deg = 25.0;
  p.truelat2_deg = 40.0;
  p.stand_lon_deg = 120.0;
  const auto g = grid::HorizontalGrid::centred(p, 3, 2, 27000.0, 27000.0, 30.3, 120.2);
  attribution::DailyO3Regime r(dir / "o3_regime_d01.nc", "d01", g, {});
  // Hourly output from 2026-01-05 00 UTC (08 BJT) for 40 h: Beijing days 01-05 (11..17 h) and
  // 01-06 (11..17 h). Cell 0: H2O2 0.5, HNO3 1 (0.5, NOx-limited); cell 1: H2O2 alternating 0.2
  // and 0.3 (mean 0.25, VOC-limited when the ratio of the means is taken); HCHO/NO2 = 1.5 except
  // cell 2 (HNO3 0: no value) and cell 3 (HCHO/NO2 3).
  const TimePoint t0 = *parse_iso8601("2026-01-05T00:00:00Z");
  int in_window = 0;
  for (int h = 0; h <= 40; ++h) {
    const TimePoint t = t0 + std::chrono::hours(h);
    std::vector<double> h2o2(6, 0.5), hno3(6, 1.0), hcho(6, 1.5), no2(6, 1.0);
    h2o2[1] = h % 2 ? 0.2 : 0.3;
    hno3[2] = 0.0;
    hcho[3] = 3.0;
    r.passed(t);
    if (attribution::DailyO3Regime::in_window(t)) {
      ++in_window;
      r.sample(t, h2o2, hno3, hcho, no2);
    }
  }
  CHECK(in_window == 14);
  REQUIRE(r.days().size() == 2);  // the second day closed at 18:00 BJT of 01-06 (h = 34)
  r.finish();
  REQUIRE(r.days().size() == 2);
  const auto& d0 = r.days()[0];
  CHECK(format_date(d0.day) == "2026-01-05");
  CHECK(d0.samples == 7);
  CHECK(d0.h2o2_hno3[0] == Approx(0.5));
  CHECK(d0.class_h2o2_hno3[0] == io::kRegimeNoxLimited);
  CHECK(d0.h2o2_hno3[1] == Approx((4 * 0.2 + 3 * 0.3) / 7.0));  // 11..17 h BJT = h 3..9: 4 odd
  CHECK(d0.class_h2o2_hno3[1] == io::kRegimeVocLimited);
  CHECK(std::isnan(d0.h2o2_hno3[2]));
  CHECK(d0.class_h2o2_hno3[2] == 0);
  CHECK(d0.class_hcho_no2[0] == io::kRegimeTransitional);
  CHECK(d0.class_hcho_no2[3] == io::kRegimeNoxLimited);
  CHECK(format_date(r.days()[1].day) == "2026-01-06");

  NcFile f(dir / "o3_regime_d01.nc");
  CHECK(f.dim("day") == 2);
  CHECK(f.dim("y") == 2);
  CHECK(f.dim("x") == 3);
  for (const char* v : {"H2O2_HNO3", "HCHO_NO2", "regime_H2O2_HNO3", "regime_HCHO_NO2", "lat", "lon", "samples"})
    (void)f.var(v);
  CHECK(f.text("regime_HCHO_NO2", "flag_meanings") == "VOC_limited transitional NOx_limited");
  CHECK(f.text("regime_H2O2_HNO3", "grid_mapping") == "projection");
  CHECK(f.text("projection", "grid_mapping_name") == "lambert_conformal_conic");
  CHECK(f.text("day", "units") == "days since 1970-01-01 00:00:00 +08:00");
  signed char flags[3] = {0, 0, 0};
  REQUIRE(nc_get_att_schar(f.id, f.var("regime_HCHO_NO2"), "flag_values", flags) == NC_NOERR);
  CHECK(flags[0] == 1);
  CHECK(flags[2] == 3);
  signed char cls[6];
  const std::size_t start[3] = {1, 0, 0}, count[3] = {1, 2, 3};
  REQUIRE(nc_get_vara_schar(f.id, f.var("regime_H2O2_HNO3"), start, count, cls) == NC_NOERR);
  CHECK(cls[0] == io::kRegimeNoxLimited);
  CHECK(cls[2] == 0);
  double day = 0;
  const std::size_t first = 0;
  REQUIRE(nc_get_var1_double(f.id, f.var("day"), &first, &day) == NC_NOERR);
  CHECK(day == double(std::chrono::sys_days{std::chrono::year{2026} / 1 / 5}.time_since_epoch().count()));
}

TEST_CASE("a run with attribution writes o3_regime_<domain>.nc", "[verification]") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("qiantang_test_o3_regime_np" + std::to_string(parallel::Environment::world_size()));
  if (parallel::Environment::world_rank() == 0) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    cases::write_hangzhou_case("hangzhou-winter", dir, cases::HangzhouOptions{true});
  }
  parallel::Environment::barrier();
  // 08:00 to 19:00 Beijing time; no aerosol or wet deposition (the file, not the chemistry, is tested).
  solver::Model m(io::Config::load(
      dir / "d01.ini",
      {"run.progress=false", "run.hours=11", "emissions.report=false", "output.dir=" + (dir / "out").string(),
       "processes.order=emissions, vertical_diffusion, dry_deposition, horizontal_advection, vertical_advection, "
       "gas_chemistry",
       "attribution.enabled=true", "attribution.families=primary_pm, o3"}));
  (void)m.run();
  parallel::Environment::barrier();
  if (parallel::Environment::world_rank() != 0) return;
  const auto file = dir / "out" / "o3_regime_d01.nc";
  REQUIRE(std::filesystem::exists(file));
  NcFile f(file);
  CHECK(f.dim("day") == 1);
  CHECK(f.dim("x") == 20);
  CHECK(f.dim("y") == 17);
  int samples = 0;
  const std::size_t first = 0;
  REQUIRE(nc_get_var1_int(f.id, f.var("samples"), &first, &samples) == NC_NOERR);
  CHECK(samples == 7);
  std::vector<signed char> cls(20 * 17);
  REQUIRE(nc_get_var_schar(f.id, f.var("regime_H2O2_HNO3"), cls.data()) == NC_NOERR);
  int classified = 0;
  for (auto c : cls) classified += c == io::kRegimeVocLimited || c == io::kRegimeNoxLimited;
  CHECK(classified == 20 * 17);
}
