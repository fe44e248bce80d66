// Alert rules on hand-made daily AQI sequences: each level, highest wins, episode merging,
// O3 advisory, rule parsing and the rolling 24-h PM AQI across midnight.
#include <catch2/catch.hpp>

#include "forecast/alerts/alerts.hpp"
#include "solver/common/errors.hpp"

using namespace qiantang;
using namespace qiantang::forecast;
using namespace std::chrono;

namespace {

const sys_days kDay0{year{2024} / 12 / 29};

// PM-driven days with the given alert AQIs (-1 = missing).
std::vector<AlertInputDay> pm_days(const std::vector<int>& aqi) {
  std::vector<AlertInputDay> d;
  for (std::size_t i = 0; i < aqi.size(); ++i) {
    AlertInputDay a;
    a.day = kDay0 + days{long(i)};
    if (aqi[i] >= 0) a.alert_aqi = aqi[i];
    a.aqi = a.alert_aqi;
    a.driver = "PM2.5";
    d.push_back(a);
  }
  return d;
}

std::vector<AlertLevel> levels(const AlertResult& r) {
  std::vector<AlertLevel> l;
  for (const auto& d : r.days) l.push_back(d.level);
  return l;
}

using L = AlertLevel;

}  // namespace

TEST_CASE("national graded rule: each level", "[alerts]") {
  const AlertRules rules = default_alert_rules();
  // Yellow: one day > 200.
  auto r = evaluate_alerts(pm_days({100, 201, 120}), rules);
  CHECK(levels(r) == std::vector<L>{L::none, L::yellow, L::none});
  // AQI 200 is not > 200; one day > 150 is not enough.
  r = evaluate_alerts(pm_days({100, 200, 120}), rules);
  CHECK(r.max_level() == L::none);
  // Yellow: > 150 for 48 h.
  r = evaluate_alerts(pm_days({151, 160, 90}), rules);
  CHECK(levels(r) == std::vector<L>{L::yellow, L::yellow, L::none});
  // Orange: > 200 for 48 h, or > 150 for 72 h.
  r = evaluate_alerts(pm_days({90, 210, 220, 90}), rules);
  CHECK(levels(r) == std::vector<L>{L::none, L::orange, L::orange, L::none});
  r = evaluate_alerts(pm_days({160, 170, 180, 90}), rules);
  CHECK(levels(r) == std::vector<L>{L::orange, L::orange, L::orange, L::none});
  CHECK(r.days[0].rule == "orange: aqi > 150 for 72h");
  // Red needs > 200 for 72 h AND > 300 for 24 h within the same window.
  r = evaluate_alerts(pm_days({210, 220, 230}), rules);
  CHECK(r.max_level() == L::orange);
  r = evaluate_alerts(pm_days({210, 320, 230, 120}), rules);
  CHECK(levels(r) == std::vector<L>{L::red, L::red, L::red, L::none});
  // > 300 outside the 72-h run does not make it red: highest level that holds (orange) wins.
  r = evaluate_alerts(pm_days({310, 150, 210, 220, 230}), rules);
  CHECK(levels(r) == std::vector<L>{L::yellow, L::none, L::orange, L::orange, L::orange});
  // A missing day breaks a run.
  r = evaluate_alerts(pm_days({160, -1, 170}), rules);
  CHECK(r.max_level() == L::none);
}

TEST_CASE("episodes: highest level, merging of close episodes", "[alerts]") {
  AlertRules rules = default_alert_rules();
  rules.merge_gap_days = 1;
  // yellow day, one clean day, two orange days -> one episode (gap 1), level orange.
  auto r = evaluate_alerts(pm_days({205, 100, 210, 215, 90, 90, 205}), rules);
  REQUIRE(r.episodes.size() == 2);
  CHECK(r.episodes[0].start == kDay0);
  CHECK(r.episodes[0].end == kDay0 + days{3});
  CHECK(r.episodes[0].level == L::orange);
  CHECK(r.episodes[0].days.size() == 4);
  CHECK(r.episodes[0].days[1].level == L::none);
  CHECK(r.episodes[0].driver == "PM2.5");
  CHECK(r.episodes[0].rule == "orange: aqi > 200 for 48h");
  CHECK(r.episodes[1].start == kDay0 + days{6});
  CHECK(r.episodes[1].level == L::yellow);
  // With no merging the first becomes two episodes.
  rules.merge_gap_days = 0;
  r = evaluate_alerts(pm_days({205, 100, 210, 215, 90, 90, 205}), rules);
  CHECK(r.episodes.size() == 3);
  // A two-day gap with merge_gap_days = 2 merges too.
  rules.merge_gap_days = 2;
  r = evaluate_alerts(pm_days({205, 90, 90, 205}), rules);
  REQUIRE(r.episodes.size() == 1);
  CHECK(r.episodes[0].end == kDay0 + days{3});
}

TEST_CASE("O3-primary days give an O3 health advisory, not a coloured alert", "[alerts]") {
  const AlertRules rules = default_alert_rules();
  auto d = pm_days({60, 70, 80});
  // Day 2: O3 MDA8 IAQI 220, primary; PM alert AQI stays 70.
  d[1].o3_iaqi = 220;
  d[1].o3_primary = true;
  d[1].aqi = 220;
  auto r = evaluate_alerts(d, rules);
  CHECK(r.max_level() == L::none);
  REQUIRE(r.episodes.size() == 1);
  CHECK(r.episodes[0].o3_advisory);
  CHECK(r.episodes[0].driver == "O3");
  CHECK(r.episodes[0].start == kDay0 + days{1});
  CHECK(r.episodes[0].end == kDay0 + days{1});
  CHECK(r.days[1].o3_advisory);
  // The same O3 IAQI when O3 is not primary raises nothing.
  d[1].o3_primary = false;
  r = evaluate_alerts(d, rules);
  CHECK(r.episodes.empty());
  const std::string json = alert_result_json(evaluate_alerts(pm_days({205}), rules), 0);
  CHECK(json.find("\"level\": \"yellow\"") != std::string::npos);
  CHECK(json.find("\"start\": \"2024-12-29\"") != std::string::npos);
}

TEST_CASE("rule text: parsing, configured rules, errors", "[alerts]") {
  const auto r =
      parse_alert_rule("AQI>=150 for 2d & aqi > 300 for 24h | aqi > 400 for 24 h", "t.ini:3");
  REQUIRE(r.any_of.size() == 2);
  REQUIRE(r.any_of[0].all_of.size() == 2);
  CHECK(r.any_of[0].all_of[0].inclusive);
  CHECK(r.any_of[0].all_of[0].threshold == 150);
  CHECK(r.any_of[0].all_of[0].days == 2);
  CHECK(r.any_of[0].window_days() == 2);
  CHECK(r.any_of[1].all_of[0].threshold == 400);
  CHECK_THROWS_AS(parse_alert_rule("aqi > 200 for 12h", "t.ini:3"), InputError);
  CHECK_THROWS_WITH(parse_alert_rule("pm > 200 for 24h", "t.ini:3"), Catch::Contains("t.ini:3"));
  const auto cfg = io::Config::from_string(
      "[alerts]\nyellow = aqi > 180 for 24h\nmerge_gap_days = 0\n", "a.ini");
  const AlertRules rules = load_alert_rules(cfg);
  CHECK(rules.merge_gap_days == 0);
  CHECK(evaluate_alerts(pm_days({190}), rules).max_level() == L::yellow);
  CHECK(evaluate_alerts(pm_days({190}), default_alert_rules()).max_level() == L::none);
  CHECK_THROWS_WITH(load_alert_rules(io::Config::from_string("[alerts]\npm_aqi = max\n", "b.ini")),
                    Catch::Contains("b.ini:2"));
}

TEST_CASE("rolling 24-h PM AQI finds an episode straddling midnight", "[alerts]") {
  // PM2.5 160 from 12:00 of day 1 to 12:00 of day 2 (24 h), 20 elsewhere (2012): neither
  // calendar day has a 24-h mean above 150, the rolling 24-h mean reaches 160 at 12:00 of day 2.
  std::vector<TimePoint> hours;
  for (int i = 1; i <= 72; ++i)
    hours.push_back(TimePoint{kDay0} + std::chrono::hours{i} - kBeijingOffset);
  std::map<std::string, std::vector<double>> v;
  auto& pm = v["PM2.5"];
  for (int i = 1; i <= 72; ++i) pm.push_back((i > 36 && i <= 60) ? 160.0 : 20.0);
  DailyOptions o;
  const auto daily = daily_aqi_series(hours, v, complete_beijing_days(hours), o);
  REQUIRE(daily.size() == 3);
  CHECK(daily[1].conc.pm25_24h == Approx(90.0));
  CHECK(daily[2].conc.pm25_24h == Approx(90.0));
  const auto rolling = alert_inputs(hours, v, daily, o, PmAlertAqi::rolling_24h_max);
  const auto calendar = alert_inputs(hours, v, daily, o, PmAlertAqi::calendar_day);
  const int iaqi160 = *iaqi(AqiStandard::hj633_2012, AqiMetric::pm25_24h, 160.0);
  CHECK(rolling[2].alert_aqi == iaqi160);  // window ending 12:00 of day 2
  CHECK(rolling[2].driver == "PM2.5");
  CHECK(calendar[2].alert_aqi == *iaqi(AqiStandard::hj633_2012, AqiMetric::pm25_24h, 90.0));
  // IAQI(160) = 200 + 100*(160-150)/(250-150) = 210 > 200: yellow from the rolling AQI only.
  CHECK(iaqi160 == 210);
  const auto by_rolling = evaluate_alerts(rolling, default_alert_rules());
  CHECK(levels(by_rolling) == std::vector<L>{L::none, L::none, L::yellow});
  CHECK(evaluate_alerts(calendar, default_alert_rules()).max_level() == L::none);
}
