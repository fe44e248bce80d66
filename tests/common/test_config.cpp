#include <catch2/catch.hpp>

#include "io/config/config.hpp"
#include "solver/common/errors.hpp"

using qiantang::InputError;
using qiantang::io::Config;

TEST_CASE("Config reads typed values and lists", "[unit][config]") {
  const auto c = Config::from_string(
      "# comment\n[run]\nstart = 2025-01-01T00:00:00Z\nhours = 24\ndt = 300.5 ; trailing\n"
      "mpi = yes\nspecies = O3, NO2 NO\n[grid]\nlevels = 1 2.5 3\n",
      "test.ini");
  CHECK(c.get_int("run", "hours") == 24);
  CHECK(c.get_double("run", "dt") == Approx(300.5));
  CHECK(c.get_bool("run", "mpi"));
  CHECK(c.get_list("run", "species") == std::vector<std::string>{"O3", "NO2", "NO"});
  CHECK(c.get_doubles("grid", "levels") == std::vector<double>{1, 2.5, 3});
  CHECK(qiantang::format_iso8601(c.get_time("run", "start")) == "2025-01-01T00:00:00Z");
  CHECK(c.get_double("run", "missing", 7.0) == 7.0);
  CHECK_NOTHROW(c.check_all_used());
}

TEST_CASE("Config errors name file, line and key", "[unit][config]") {
  const auto c = Config::from_string("[run]\nhours = ten\nextra = 1\n", "bad.ini");
  try {
    (void)c.get_int("run", "hours");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "bad.ini:2: run.hours: an integer, got 'ten'");
  }
  CHECK_THROWS_WITH(c.check_all_used(), Catch::Contains("bad.ini:2") || Catch::Contains("bad.ini:3"));
  CHECK_THROWS_AS(Config::from_string("key = 1\n"), InputError);
  CHECK_THROWS_AS(Config::from_string("[a]\nk = 1\nk = 2\n"), InputError);
  CHECK_THROWS_AS(Config::from_string("[a\n"), InputError);
  CHECK_THROWS_WITH(c.get_string("run", "nope"), Catch::Contains("run.nope"));
}

TEST_CASE("Config overrides from --set win over the file", "[unit][config]") {
  auto c = Config::from_string("[run]\nhours = 24\n", "x.ini");
  c.set("run", "hours", "48");
  CHECK(c.get_int("run", "hours") == 48);
  CHECK(c.where("run", "hours") == "--set");
}
