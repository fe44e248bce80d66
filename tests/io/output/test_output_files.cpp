// Files the runs exchange: background profiles, station lists, nest boundary files.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "io/initial/background_profile.hpp"
#include "io/output/boundary_file.hpp"
#include "io/output/station_list.hpp"
#include "solver/common/errors.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;

namespace {
std::filesystem::path write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
  return p;
}
}  // namespace

TEST_CASE("background profile: c(z) = free + (surface - free) exp(-z/H)", "[profile]") {
  const auto dir = test::scratch_dir("profile");
  const auto f = write(dir / "p.csv",
                       "species,units,surface,free_troposphere,scale_height_m,note\n# comment\n"
                       "O3,ppb,30,60,2000,\nASO4,ug/m3,5,0.5,1000,x\n");
  const auto p = io::BackgroundProfiles::load(f);
  const auto o3 = p.find("O3");
  REQUIRE(o3);
  CHECK(o3->at(0.0) == Approx(30.0));
  CHECK(o3->at(2000.0) == Approx(60.0 - 30.0 * std::exp(-1.0)));
  CHECK(o3->at(1e6) == Approx(60.0));
  CHECK(p.find("ASO4")->units == "ug/m3");
  CHECK_FALSE(p.find("NO2"));
  // The shipped default loads and lists the CB6 and aerosol species the cases use.
  const auto def = io::BackgroundProfiles::load(test::source_dir() / "configs/profiles/background.csv");
  for (const char* s : {"O3", "NO2", "CO", "SO2", "ASO4", "ACORS", "ECH4"}) CHECK(def.find(s));
}

TEST_CASE("background profile: bad rows are input errors naming file and line", "[profile]") {
  const auto dir = test::scratch_dir("profile_bad");
  const std::string head = "species,units,surface,free_troposphere,scale_height_m,note\n";
  CHECK_THROWS_WITH(io::BackgroundProfiles::load(write(dir / "a.csv", head + "O3,ppm,1,1,1000,\n")),
                    Catch::Contains("a.csv:2") && Catch::Contains("ppb or ug/m3"));
  CHECK_THROWS_WITH(io::BackgroundProfiles::load(write(dir / "b.csv", head + "O3,ppb,-1,1,1000,\n")),
                    Catch::Contains("non-negative"));
  CHECK_THROWS_WITH(io::BackgroundProfiles::load(write(dir / "c.csv", head + "O3,ppb,1,1,0,\n")),
                    Catch::Contains("scale height"));
  CHECK_THROWS_WITH(io::BackgroundProfiles::load(write(dir / "d.csv", head + "O3,ppb,1,1,10,\nO3,ppb,1,1,10,\n")),
                    Catch::Contains("each species once"));
  CHECK_THROWS_AS(io::BackgroundProfiles::load(dir / "missing.csv"), InputError);
}

TEST_CASE("station list: columns, background flag and errors", "[stations]") {
  const auto dir = test::scratch_dir("stations");
  const auto s = io::read_station_list(write(dir / "s.csv", "id,name,lon,lat,background\n1223A,Binjiang,120.2072,30.2111,0\n"
                                                            "1225A,Qiandao Lake,119.026,29.635,1\n"));
  REQUIRE(s.size() == 2);
  CHECK(s[0].id == "1223A");
  CHECK(s[0].lon_deg == Approx(120.2072));
  CHECK_FALSE(s[0].background);
  CHECK(s[1].background);
  CHECK_THROWS_WITH(io::read_station_list(write(dir / "b.csv", "station,lon,lat\nA,1,2\n")), Catch::Contains("header"));
  CHECK_THROWS_WITH(io::read_station_list(write(dir / "c.csv", "id,name,lon,lat\nA,a,1,2\nA,b,1,2\n")),
                    Catch::Contains("c.csv:3") && Catch::Contains("repeats"));
  CHECK_THROWS_WITH(io::read_station_list(write(dir / "d.csv", "id,name,lon,lat\nA,a,1,95\n")), Catch::Contains("latitude"));
}

TEST_CASE("nest boundary file: ring order and exact round trip", "[nesting]") {
  const int nx = 4, ny = 3, h = 2, nz = 2;
  const auto ring = io::ring_cells(nx, ny, h);
  CHECK(ring.size() == std::size_t(2 * h * ny + 2 * h * (nx + 2 * h)));
  CHECK(ring.front() == std::make_pair(-2, 0));
  CHECK(ring[std::size_t(2 * h * ny)] == std::make_pair(-2, -2));
  const auto dir = test::scratch_dir("bcfile");
  const auto file = dir / "bc_d02.nc";
  const std::size_t n = std::size_t(nz) * ring.size();
  std::vector<double> a(n), b(n);
  for (std::size_t m = 0; m < n; ++m) {
    a[m] = 1e-9 * double(m + 1);
    b[m] = 2e-9 * double(m + 1);
  }
  const TimePoint t0 = *parse_iso8601("2026-01-05T00:00:00Z");
  {
    io::BoundaryFileWriter w(file, "d01", nx, ny, h, nz, {"O3", "ASO4"});
    w.write(t0, {a, b});
    w.write(t0 + std::chrono::hours(1), {b, a});
    CHECK_FALSE(std::filesystem::exists(file));  // only the .part until closed
    w.close();
  }
  REQUIRE(std::filesystem::exists(file));
  io::BoundaryFileReader r(file, nx, ny, h, nz);
  REQUIRE(r.times().size() == 2);
  CHECK(r.times()[1] == t0 + std::chrono::hours(1));
  CHECK(r.has("O3"));
  CHECK_FALSE(r.has("NO2"));
  CHECK(r.read("O3", 0) == a);
  CHECK(r.read("ASO4", 0) == b);
  CHECK(r.read("O3", 1) == b);
  // A file for another inner domain is refused with the attribute that differs.
  CHECK_THROWS_WITH(io::BoundaryFileReader(file, nx + 1, ny, h, nz), Catch::Contains("inner_nx"));
  CHECK_THROWS_WITH(io::BoundaryFileReader(file, nx, ny, h, nz + 1), Catch::Contains("level"));
}
