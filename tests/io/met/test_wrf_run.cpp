// End to end with WRF meteorology: a tiny synthetic wrfout (two files, Lambert grid, real
// time-varying and divergent winds, varying terrain), a passive tracer run through the Model
// class on a window of the WRF grid. Mass-consistent transport keeps a uniform mixing ratio
// uniform to round-off (DESIGN.md), whatever the winds.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "io/config/config.hpp"
#include "solver/common/errors.hpp"
#include "solver/driver/model.hpp"
#include "tests/io/met/synthetic_wrfout.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;

namespace {

std::filesystem::path write_case(const std::string& name, const std::string& window) {
  const auto dir = test::scratch_dir(name);
  test::SyntheticWrf s;
  s.nx = 12;
  s.ny = 10;
  s.omit = {"PBLH", "UST"};  // diagnosed, with a warning
  test::write_wrfout(dir / "wrfout_d01_2025-07-01_00:00:00", s, 0, 2);
  test::write_wrfout(dir / "wrfout_d01_2025-07-01_02:00:00", s, 2, 2);
  std::ofstream cfg(dir / "config.ini");
  cfg << "[run]\nstart = 2025-07-01T00:00:00Z\nhours = 3\ntime_step_s = 300\nrestart_interval_h = 0\nprogress = false\n\n"
      << "[domain]\nname = d01\nwindow = " << window << "\n\n"
      << "[met]\nformat = wrf\nfiles = wrfout_d01_2025-07-01_00:00:00, wrfout_d01_2025-07-01_02:00:00\n\n"
      << "[species]\ntracers = TRACER\n\n"
      << "[initial_conditions]\nTRACER = 4e-8\n\n"
      << "[boundary_conditions]\nTRACER = 4e-8\n\n"
      << "[processes]\norder = horizontal_advection, vertical_advection, vertical_diffusion\n\n"
      << "[output]\ndir = output\ninterval_s = 3600\nthree_d = true\n";
  return dir / "config.ini";
}

}  // namespace

TEST_CASE("A uniform tracer stays uniform under WRF winds (format = wrf)", "[met][wrf][regression]") {
  const auto cfg = write_case("wrf_run", "2 1 9 7");
  solver::Model model(io::Config::load(cfg));
  CHECK(model.grid().nx() == 9);
  CHECK(model.grid().ny() == 7);
  CHECK(model.grid().projection().kind == grid::ProjectionKind::lambert_conformal);
  const auto summary = model.run();
  CHECK(summary.steps == 36);
  const auto q = model.gather_tracer(0);
  if (model.comm().is_root()) {
    REQUIRE(q.size() == std::size_t(9 * 7 * 5));
    double worst = 0;
    for (double v : q) worst = std::max(worst, std::abs(v / 4e-8 - 1.0));
    INFO("largest relative departure from uniform " << worst);
    CHECK(worst < 1e-10);
    CHECK(std::filesystem::exists(cfg.parent_path() / "output" / "budget.csv"));
  }
}

TEST_CASE("A model window outside the WRF grid is an input error", "[met][wrf][input]") {
  const auto cfg = write_case("wrf_run_window", "5 4 9 7");
  CHECK_THROWS_AS(solver::Model(io::Config::load(cfg)), InputError);
}
