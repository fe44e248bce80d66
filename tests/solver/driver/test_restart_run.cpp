// A run stopped and restarted from its restart file gives the same fields as the uninterrupted
// run, bit for bit: the point-source case (emission, vertical and horizontal diffusion, advection)
// over 1 h, against 30 min + restart + 30 min.
#include <catch2/catch.hpp>

#include "io/config/config.hpp"
#include "io/restart/restart.hpp"
#include "solver/cases/hangzhou_case.hpp"
#include "solver/cases/ideal_cases.hpp"
#include "solver/cases/write_ideal_case.hpp"
#include "solver/driver/model.hpp"
#include "solver/parallel/environment.hpp"

using namespace qiantang;

TEST_CASE("restarted run equals the uninterrupted run bitwise", "[restart]") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("qiantang_test_restart_np" + std::to_string(parallel::Environment::world_size()));
  if (parallel::Environment::world_rank() == 0) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    cases::write_ideal_case(cases::ideal_case("point-source"), dir);
  }
  parallel::Environment::barrier();
  const auto config = dir / "config.ini";
  const std::vector<std::string> common{"run.progress=false", "run.restart_interval_h=0.5", "verification.case="};
  auto straight = common;
  straight.push_back("output.dir=" + (dir / "straight").string());
  solver::Model a(io::Config::load(config, straight));
  const auto sa = a.run();
  const auto full = a.gather_tracer(0);

  const TimePoint start = io::Config::load(config).get_time("run", "start");
  const TimePoint middle = start + std::chrono::minutes(30);
  const auto restart_file = io::restart_path(dir / "straight" / "restart", middle);
  auto second = common;
  second.push_back("output.dir=" + (dir / "restarted").string());
  second.push_back("run.start=" + format_iso8601(middle));
  second.push_back("run.restart_from=" + restart_file.string());
  second.push_back("run.hours=0.5");
  solver::Model b(io::Config::load(config, second));
  const auto sb = b.run();
  const auto resumed = b.gather_tracer(0);
  CHECK(sb.end == sa.end);
  if (a.comm().is_root()) {
    REQUIRE(std::filesystem::exists(restart_file));
    REQUIRE(full.size() == resumed.size());
    std::size_t differing = 0;
    double total = 0;
    for (std::size_t n = 0; n < full.size(); ++n) {
      differing += full[n] != resumed[n];
      total += full[n];
    }
    CHECK(total > 0);  // the source has emitted something
    CHECK(differing == 0);
  }
}

// The same with the full process chain of the coarse Hangzhou case (CB6r3 chemistry, aerosol,
// cloud chemistry, emissions, deposition) over 2 h against 1 h + restart + 1 h: the restart also
// carries the chemistry solver's per-cell step sizes (ModelState::process_state).
TEST_CASE("restarted chemistry run equals the uninterrupted run bitwise", "[restart]") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("qiantang_test_restart_chem_np" + std::to_string(parallel::Environment::world_size()));
  if (parallel::Environment::world_rank() == 0) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    cases::write_hangzhou_case("hangzhou-winter-coarse", dir);
  }
  parallel::Environment::barrier();
  const auto config = dir / "d01.ini";
  const TimePoint start = io::Config::load(config).get_time("run", "start");
  const std::vector<std::string> common{"run.progress=false", "run.restart_interval_h=1"};
  auto straight = common;
  straight.push_back("output.dir=" + (dir / "straight").string());
  straight.push_back("run.hours=2");
  solver::Model a(io::Config::load(config, straight));
  a.run();
  const TimePoint middle = start + std::chrono::hours(1);
  auto second = common;
  second.push_back("output.dir=" + (dir / "restarted").string());
  second.push_back("run.start=" + format_iso8601(middle));
  second.push_back("run.restart_from=" + io::restart_path(dir / "straight" / "restart", middle).string());
  second.push_back("run.hours=1");
  solver::Model b(io::Config::load(config, second));
  b.run();
  for (const char* name : {"O3", "NO2", "OH", "ASO4", "ANO3"}) {
    const int n = a.state().tracers.require(name);
    const auto full = a.gather_tracer(n), resumed = b.gather_tracer(n);
    if (a.comm().is_root()) {
      REQUIRE(full.size() == resumed.size());
      std::size_t differing = 0;
      for (std::size_t m = 0; m < full.size(); ++m) differing += full[m] != resumed[m];
      INFO(name);
      CHECK(differing == 0);
    }
  }
}
