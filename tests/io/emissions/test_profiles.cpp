// Profile CSV readers: valid files parse, and each malformed file (a profile not summing to 1,
// incomplete sets, bad numbers, unknown basis, mixed bases) is an InputError naming file:line.
#include <catch2/catch.hpp>
#include <fstream>

#include "io/emissions/profiles.hpp"
#include "solver/common/errors.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;
using Catch::Matchers::Contains;

namespace {
std::filesystem::path write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
  return p;
}
std::string hours(const std::string& sector, double first) {
  std::string s;
  for (int h = 0; h < 24; ++h) s += sector + ",hour," + std::to_string(h) + "," + std::to_string(h == 0 ? first : (1.0 - first) / 23.0) + "\n";
  return s;
}
}  // namespace

TEST_CASE("temporal profiles: complete sets summing to 1", "[emissions][profiles]") {
  const auto dir = test::scratch_dir("emis_profiles_t");
  std::string text = "# comment\nsector,kind,index,fraction\n" + hours("power", 0.08);
  for (int w = 1; w <= 7; ++w) text += "power,weekday," + std::to_string(w) + "," + (w <= 5 ? "0.16" : "0.1") + "\n";
  const auto p = io::read_temporal_profiles(write(dir / "t.csv", text));
  const auto& pw = p.at("power");
  REQUIRE(pw.hour);
  REQUIRE(pw.weekday);
  CHECK_FALSE(pw.month);
  CHECK((*pw.hour)[0] == Approx(0.08));
  CHECK((*pw.weekday)[6] == Approx(0.1));

  CHECK_THROWS_WITH(io::read_temporal_profiles(write(dir / "sum.csv", "sector,kind,index,fraction\n" + hours("power", 0.5) +
                                                                          "power,hour,0,0.1\n")),
                    Contains("each hour index once"));
  std::string bad = "sector,kind,index,fraction\n";
  for (int m = 1; m <= 12; ++m) bad += "industry,month," + std::to_string(m) + ",0.09\n";
  CHECK_THROWS_WITH(io::read_temporal_profiles(write(dir / "bad.csv", bad)),
                    Contains("bad.csv") && Contains("industry month") && Contains("summing to 1"));
  std::string incomplete = "sector,kind,index,fraction\nindustry,month,1,0.5\nindustry,month,2,0.5\n";
  CHECK_THROWS_WITH(io::read_temporal_profiles(write(dir / "inc.csv", incomplete)), Contains("index 3 is missing"));
  CHECK_THROWS_WITH(io::read_temporal_profiles(write(dir / "kind.csv", "sector,kind,index,fraction\npower,season,1,1\n")),
                    Contains("kind.csv:2") && Contains("month, weekday or hour"));
  CHECK_THROWS_WITH(io::read_temporal_profiles(write(dir / "num.csv", "sector,kind,index,fraction\npower,hour,1,abc\n")),
                    Contains("num.csv:2") && Contains("fraction"));
  CHECK_THROWS_WITH(io::read_temporal_profiles(write(dir / "hdr.csv", "sector,index,fraction\n")), Contains("header"));
  CHECK_THROWS_AS(io::read_temporal_profiles(dir / "absent.csv"), InputError);
}

TEST_CASE("vertical profiles", "[emissions][profiles]") {
  const auto dir = test::scratch_dir("emis_profiles_v");
  const auto v = io::read_vertical_profiles(
      write(dir / "v.csv", "sector,layer_top_m,fraction\npower,100,0.2\npower,300,0.5\npower,600,0.3\n"));
  REQUIRE(v.at("power").size() == 3);
  CHECK(v.at("power")[1].top_m == 300.0);
  CHECK_THROWS_WITH(io::read_vertical_profiles(write(dir / "s.csv", "sector,layer_top_m,fraction\npower,100,0.2\npower,300,0.5\n")),
                    Contains("summing to 1"));
  CHECK_THROWS_WITH(io::read_vertical_profiles(write(dir / "o.csv", "sector,layer_top_m,fraction\npower,300,0.5\npower,100,0.5\n")),
                    Contains("o.csv:3") && Contains("increasing"));
}

TEST_CASE("speciation: sums, bases and their checks", "[emissions][profiles]") {
  const auto dir = test::scratch_dir("emis_profiles_s");
  const auto s = io::read_speciation(write(dir / "s.csv",
                                           "sector,inventory_species,model_species,fraction,basis\n"
                                           "*,NOX,NO,0.9,mole\n*,NOX,NO2,0.1,mole\n"
                                           "power,VOC,PAR,0.04,mol_per_g\n"
                                           "*,PM25,AEC,0.2,mass\n*,PM25,AOTHR,0.8,mass\n*,OC,APOA,1.4,mass_factor\n"));
  REQUIRE(s.size() == 6);
  CHECK(s[0].basis == io::SpeciationBasis::mole);
  CHECK(s[2].basis == io::SpeciationBasis::mol_per_g);
  CHECK(s[5].fraction == 1.4);
  CHECK_THROWS_WITH(io::read_speciation(write(dir / "m.csv",
                                              "sector,inventory_species,model_species,fraction,basis\n"
                                              "*,PM25,AEC,0.2,mass\n*,PM25,AOTHR,0.7,mass\n")),
                    Contains("* PM25") && Contains("summing to 1"));
  CHECK_THROWS_WITH(io::read_speciation(write(dir / "b.csv",
                                              "sector,inventory_species,model_species,fraction,basis\n"
                                              "*,NOX,NO,0.9,mole\n*,NOX,NO2,0.1,mass\n")),
                    Contains("b.csv:3") && Contains("one basis"));
  CHECK_THROWS_WITH(io::read_speciation(write(dir / "u.csv",
                                              "sector,inventory_species,model_species,fraction,basis\n*,SO2,SO2,1,volume\n")),
                    Contains("u.csv:2") && Contains("basis"));
}

TEST_CASE("scaling table and regions", "[emissions][profiles]") {
  const auto dir = test::scratch_dir("emis_profiles_sc");
  const auto rows = io::read_scaling(write(dir / "sc.csv",
                                           "sector,species,region,factor,start,end\n"
                                           "industry,all,hangzhou,0.7,2026-01-10T00:00:00+08:00,2026-01-13T00:00:00+08:00\n"
                                           "all,SO2,all,0.5,,\n"));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].start == parse_iso8601("2026-01-09T16:00:00Z"));
  CHECK(rows[0].active(*parse_iso8601("2026-01-12T15:59:59Z")));
  CHECK_FALSE(rows[0].active(*parse_iso8601("2026-01-12T16:00:00Z")));
  CHECK(rows[1].active(*parse_iso8601("2000-01-01")));
  const auto short_rows = io::read_scaling(write(dir / "sc4.csv", "sector,species,region,factor\npower,NOX,all,0.8\n"));
  CHECK(short_rows.at(0).factor == 0.8);
  CHECK_THROWS_WITH(io::read_scaling(write(dir / "neg.csv", "sector,species,region,factor\npower,NOX,all,-1\n")),
                    Contains("neg.csv:2") && Contains("non-negative"));
  CHECK_THROWS_WITH(io::read_scaling(write(dir / "t.csv", "sector,species,region,factor,start,end\npower,NOX,all,1,yesterday,\n")),
                    Contains("start"));
  const auto reg = io::read_regions(write(dir / "r.csv", "region,part,lon,lat\nbox,1,119,29\nbox,1,121,29\nbox,1,121,31\nbox,1,119,31\n"));
  CHECK(reg.at("box").at(0).lon.size() == 4);
  CHECK_THROWS_WITH(io::read_regions(write(dir / "r2.csv", "region,part,lon,lat\nline,1,119,29\nline,1,121,29\n")),
                    Contains("three vertices"));
  const auto bf = io::read_biogenic_factors(write(dir / "bf.csv", "category,name,isoprene_ug_m2_h,monoterpene_ug_m2_h\n2,Evergreen Broadleaf,10000,990\n"));
  CHECK(bf.at(2).isoprene_ug_m2_h == 10000.0);
}

TEST_CASE("the default profile files in configs/emissions are valid", "[emissions][profiles]") {
  const auto d = test::source_dir() / "configs" / "emissions";
  const auto t = io::read_temporal_profiles(d / "temporal_profiles.csv");
  CHECK(t.at("transport").hour.has_value());
  CHECK(t.at("residential").month.has_value());
  const auto v = io::read_vertical_profiles(d / "vertical_profiles.csv");
  CHECK(v.at("power").back().top_m == 781.0);
  const auto s = io::read_speciation(d / "speciation_cb6.csv");
  for (const char* sector : {"power", "industry", "residential", "transport", "solvent", "agriculture", "biomass_burning", "shipping"}) {
    bool voc = false, pm = false;
    for (const auto& r : s) {
      voc = voc || (r.sector == sector && r.inventory_species == "VOC");
      pm = pm || (r.sector == sector && r.inventory_species == "PM25");
    }
    CHECK(voc);
    CHECK(pm);
  }
  const auto b = io::read_biogenic_factors(d / "biogenic_factors_modis.csv");
  CHECK(b.size() == 21);
  CHECK(b.at(5).isoprene_ug_m2_h == 0.5 * 600 + 0.5 * 10000);
  CHECK(io::read_scaling(d / "scaling_example.csv").size() == 3);
  CHECK(io::read_regions(d / "regions_example.csv").count("example_city") == 1);
}
