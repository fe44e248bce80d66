#include <catch2/catch.hpp>

#include <fstream>

#include "io/restart/restart.hpp"
#include "solver/common/errors.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;

TEST_CASE("Restart files round-trip bit for bit", "[unit][restart]") {
  const auto dir = test::scratch_dir("restart_roundtrip");
  io::RestartData d;
  d.time = *parse_iso8601("2025-01-02T03:00:00Z");
  d.step = 12345;
  d.nx = 3;
  d.ny = 2;
  d.nz = 2;
  d.species = {"O3", "NO2"};
  d.fields = {std::vector<double>(12), std::vector<double>(12)};
  for (std::size_t m = 0; m < 12; ++m) {
    d.fields[0][m] = 1e-9 * double(m) / 3.0;
    d.fields[1][m] = -0.0 + 1.0 / (1.0 + double(m));
  }
  d.budget = {1.5, 2.5, 1e-300};
  const auto path = io::restart_path(dir, d.time);
  CHECK(path.filename() == "restart_20250102T030000Z.bin");
  io::write_restart(path, d);
  CHECK_FALSE(std::filesystem::exists(path.string() + ".part"));
  const auto e = io::read_restart(path);
  CHECK(e.time == d.time);
  CHECK(e.step == d.step);
  CHECK(e.species == d.species);
  CHECK(e.fields == d.fields);
  CHECK(e.budget == d.budget);
}

TEST_CASE("A truncated or foreign restart file is a clear input error", "[unit][restart]") {
  const auto dir = test::scratch_dir("restart_bad");
  io::RestartData d;
  d.nx = d.ny = d.nz = 1;
  d.species = {"X"};
  d.fields = {{1.0}};
  const auto path = dir / "r.bin";
  io::write_restart(path, d);
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size - 5);
  CHECK_THROWS_WITH(io::read_restart(path), Catch::Contains("r.bin") && Catch::Contains("truncated"));
  std::ofstream(dir / "junk.bin") << "not a restart";
  CHECK_THROWS_WITH(io::read_restart(dir / "junk.bin"), Catch::Contains("QTRST001"));
  CHECK_THROWS_AS(io::read_restart(dir / "missing.bin"), InputError);
}
