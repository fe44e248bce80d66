// One-way nesting end to end: the outer run writes the inner domain's boundary file, the inner
// run reads it. On the divergent, time-varying flow of the uniform-divergent case a uniform
// mixing ratio must stay uniform in the inner domain too — which it does only if the inflow
// values it receives are the outer domain's (a zero or profile inflow would dent it).
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "io/config/config.hpp"
#include "io/output/boundary_file.hpp"
#include "solver/cases/ideal_cases.hpp"
#include "solver/cases/write_ideal_case.hpp"
#include "solver/driver/model.hpp"
#include "solver/parallel/environment.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;

namespace {
std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto p = s.find(from);
  REQUIRE(p != std::string::npos);
  return s.replace(p, from.size(), to);
}
}  // namespace

TEST_CASE("one-way nesting: a uniform field stays uniform in the inner domain", "[nesting]") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("qiantang_test_nesting_np" + std::to_string(parallel::Environment::world_size()));
  if (parallel::Environment::world_rank() == 0) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    cases::write_ideal_case(cases::ideal_case("uniform-divergent"), dir);
    std::ifstream in(dir / "config.ini");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string inner = ss.str();
    inner = replace(inner, "name = uniform-divergent", "name = inner\nwindow = 5 4 12 10");
    inner = replace(inner, "file = initial.nc", "TRACER = 1");
    inner = replace(inner, "TRACER = 1\n\n[processes]", "nest_file = outer/bc_inner.nc\n\n[processes]");
    inner = replace(inner, "case = uniform-divergent", "case =");
    std::ofstream(dir / "inner.ini") << inner;
  }
  // Every rank must see the files before reading them.
  parallel::Environment::barrier();
  const std::vector<std::string> common{"run.hours=6", "run.progress=false"};
  auto outer_sets = common;
  outer_sets.push_back("output.dir=" + (dir / "outer").string());
  outer_sets.push_back("nest.inner=" + (dir / "inner.ini").string());
  outer_sets.push_back("verification.case=");
  solver::Model outer(io::Config::load(dir / "config.ini", outer_sets));
  (void)outer.run();
  const auto bc = dir / "outer" / "bc_inner.nc";
  if (outer.comm().is_root()) REQUIRE(std::filesystem::exists(bc));
  outer.comm().barrier();

  auto inner_sets = common;
  inner_sets.push_back("output.dir=" + (dir / "inner_out").string());
  solver::Model inner(io::Config::load(dir / "inner.ini", inner_sets));
  (void)inner.run();
  const auto field = inner.gather_tracer(0);
  if (inner.comm().is_root()) {
    REQUIRE(field.size() == std::size_t(12 * 10) * std::size_t(inner.state().tracers.extents().nz));
    double worst = 0;
    for (double q : field) worst = std::max(worst, std::abs(q - 1.0));
    INFO("max |q - 1| in the inner domain after 6 h: " << worst);
    CHECK(worst < 1e-10);
    io::BoundaryFileReader r(bc, 12, 10, 3, inner.state().tracers.extents().nz);
    CHECK(r.times().size() == 7);  // the start and every output hour
  }
}
