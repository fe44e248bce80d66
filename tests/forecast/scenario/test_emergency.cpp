// Emergency-cut table, scaling rows for scenario runs (read back by the emissions reader),
// and the base/scenario comparison.
#include <catch2/catch.hpp>
#include <fstream>

#include "forecast/scenario/emergency.hpp"
#include "solver/common/errors.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;
using namespace qiantang::forecast;
using namespace std::chrono;

TEST_CASE("default cuts are 10/20/30 % of SO2, NOX, PM and VOC", "[emergency]") {
  const auto t = default_emergency_cuts();
  for (auto [level, factor] :
       {std::pair{AlertLevel::yellow, 0.9}, {AlertLevel::orange, 0.8}, {AlertLevel::red, 0.7}}) {
    const auto rows = emergency_scaling(level, t);
    REQUIRE(rows.size() == 7);
    for (const auto& r : rows) {
      CHECK(r.factor == Approx(factor));
      CHECK(r.sector == "all");
      CHECK(r.region == "all");
    }
  }
  CHECK(emergency_scaling(AlertLevel::none, t).empty());
}

TEST_CASE("cut table file round trip, scaling CSV read by the emissions reader", "[emergency]") {
  const auto dir = test::scratch_dir("emergency");
  EmergencyCutTable t = default_emergency_cuts();
  t.push_back({AlertLevel::red, "industry", "VOC", "hangzhou", 0.5});
  write_emergency_cuts(dir / "cuts.csv", t);
  const auto back = read_emergency_cuts(dir / "cuts.csv");
  REQUIRE(back.size() == t.size());
  CHECK(back.back().sector == "industry");
  CHECK(back.back().region == "hangzhou");
  CHECK(back.back().cut_fraction == 0.5);

  // An orange episode on 2025-01-01..02 -> rows active 2025-01-01T00:00+08:00 to 01-03T00:00+08:00.
  AlertResult alerts;
  AlertEpisode e;
  e.level = AlertLevel::orange;
  e.start = sys_days{year{2025} / 1 / 1};
  e.end = sys_days{year{2025} / 1 / 2};
  alerts.episodes.push_back(e);
  const auto rows = emergency_scaling(alerts, back);
  REQUIRE(rows.size() == 7);
  write_scaling_csv(dir / "scaling.csv", rows);
  const auto parsed = io::read_scaling(dir / "scaling.csv");
  REQUIRE(parsed.size() == 7);
  CHECK(parsed[0].factor == Approx(0.8));
  CHECK(parsed[0].start == parse_iso8601("2025-01-01T00:00:00+08:00"));
  CHECK(parsed[0].end == parse_iso8601("2025-01-03T00:00:00+08:00"));
  CHECK(parsed[0].active(*parse_iso8601("2025-01-02T23:00:00+08:00")));
  CHECK_FALSE(parsed[0].active(*parse_iso8601("2025-01-03T00:00:00+08:00")));
}

TEST_CASE("malformed cut tables name file and line", "[emergency]") {
  const auto dir = test::scratch_dir("emergency_bad");
  auto write = [&](const std::string& text) {
    std::ofstream(dir / "c.csv") << text;
    return dir / "c.csv";
  };
  CHECK_THROWS_WITH(read_emergency_cuts(write("level,sector,species\n")),
                    Catch::Contains("c.csv:1"));
  CHECK_THROWS_WITH(
      read_emergency_cuts(write("level,sector,species,cut_fraction\npurple,all,SO2,0.1\n")),
      Catch::Contains("c.csv:2") && Catch::Contains("level"));
  CHECK_THROWS_WITH(
      read_emergency_cuts(write("level,sector,species,cut_fraction\nred,all,SO2,1.5\n")),
      Catch::Contains("c.csv:2") && Catch::Contains("cut_fraction"));
}

TEST_CASE("scenario comparison per day", "[emergency]") {
  const sys_days d0{year{2025} / 1 / 1};
  std::vector<DailyAqi> base(2), scen(2);
  for (int i = 0; i < 2; ++i) {
    base[std::size_t(i)].day = scen[std::size_t(i)].day = d0 + days{i};
  }
  base[0].conc.pm25_24h = 160;
  base[0].aqi = 210;
  scen[0].conc.pm25_24h = 140;
  scen[0].aqi = 185;
  base[1].conc.pm25_24h = 80;
  base[1].aqi = 106;
  scen[1].conc.pm25_24h = 70;
  scen[1].aqi = 94;
  std::vector<AlertInputDay> bi(2), si(2);
  for (int i = 0; i < 2; ++i) {
    bi[std::size_t(i)].day = si[std::size_t(i)].day = d0 + days{i};
    bi[std::size_t(i)].alert_aqi = base[std::size_t(i)].aqi;
    si[std::size_t(i)].alert_aqi = scen[std::size_t(i)].aqi;
  }
  const auto c = compare_scenario(base, evaluate_alerts(bi, default_alert_rules()), scen,
                                  evaluate_alerts(si, default_alert_rules()));
  REQUIRE(c.size() == 2);
  CHECK(c[0].delta_pm25() == Approx(-20));
  CHECK(c[0].delta_aqi() == -25);
  CHECK(c[0].base_level == AlertLevel::yellow);
  CHECK(c[0].scenario_level == AlertLevel::none);
  const auto dir = test::scratch_dir("scenario_cmp");
  write_scenario_csv(dir / "s.csv", c);
  std::ifstream in(dir / "s.csv");
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  CHECK(row == "2025-01-01,160.0,140.0,-20.0,210,185,-25,yellow,none");
}
