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
#include "solver/driver/wrf_met_provider.hpp"
#include "solver/parallel/environment.hpp"
#include "tests/io/met/synthetic_wrfout.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;

namespace {

std::filesystem::path write_case(const std::string& name, const std::string& window) {
  // One copy of the inputs per rank (identical), so that ranks never race on the files.
  const auto dir = test::scratch_dir(name + "_rank" + std::to_string(parallel::Environment::world_rank()));
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

TEST_CASE("WRF met tiles of any decomposition equal the one-tile met, halos included", "[met][wrf]") {
  // Every rank's tile, including the outermost halo faces, must carry exactly the values the
  // single-tile domain has there, so that results do not depend on the rank count.
  const auto dir = test::scratch_dir("wrf_tiles_rank" + std::to_string(parallel::Environment::world_rank()));
  test::SyntheticWrf s;
  s.nx = 12;
  s.ny = 10;
  test::write_wrfout(dir / "a.nc", s, 0, 2);
  const int halo = 3, wi0 = 2, wj0 = 1, nx = 9, ny = 7;
  const auto one = parallel::Decomposition::create(nx, ny, 1, 0, halo);
  solver::WrfMetProvider ref({dir / "a.nc"}, one, halo, wi0, wj0);
  solver::MetTile r;
  ref.tile_at(s.start + Seconds(1800), r);
  for (int size : {2, 3, 4, 6}) {
    for (int rank = 0; rank < size; ++rank) {
      const auto d = parallel::Decomposition::create(nx, ny, size, rank, halo);
      solver::WrfMetProvider p({dir / "a.nc"}, d, halo, wi0, wj0);
      solver::MetTile t;
      p.tile_at(s.start + Seconds(1800), t);
      INFO(size << " ranks, rank " << rank);
      long differ = 0;
      for (int k = 0; k < s.nz; ++k) {
        for (int j = -halo; j < d.ny + halo; ++j)
          for (int i = -halo; i <= d.nx + halo; ++i) {
            differ += t.x_face_mass_flux_kg_s(k, j, i) != r.x_face_mass_flux_kg_s(k, d.j0 + j, d.i0 + i);
            if (i < d.nx + halo) {
              differ += t.air_mass_kg(k, j, i) != r.air_mass_kg(k, d.j0 + j, d.i0 + i);
              differ += t.kz_m2_s(k, j, i) != r.kz_m2_s(k, d.j0 + j, d.i0 + i);
            }
          }
        for (int j = -halo; j <= d.ny + halo; ++j)
          for (int i = -halo; i < d.nx + halo; ++i)
            differ += t.y_face_mass_flux_kg_s(k, j, i) != r.y_face_mass_flux_kg_s(k, d.j0 + j, d.i0 + i);
      }
      CHECK(differ == 0);
    }
  }
}
