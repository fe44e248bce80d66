// `qiantang evaluate` end to end on a tiny synthetic run directory and a national-network wide
// observation file: files written, numbers as constructed, errors typed.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "io/csv/station_csv.hpp"
#include "solver/app/commands.hpp"
#include "solver/common/errors.hpp"
#include "tests/test_support.hpp"

namespace io = qiantang::io;
using qiantang::TimePoint;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> f;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      f.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  f.push_back(cur);
  return f;
}

// Observed PM2.5 and O3 of station k at hour index i (smooth, positive, hand-checkable).
double obs_pm25(int k, int i) { return 40.0 + 10.0 * k + double(i % 24); }
double obs_o3(int k, int i) {
  return 60.0 + 5.0 * k + 40.0 * std::sin(double(i % 24) / 24.0 * 3.14159);
}

}  // namespace

TEST_CASE("evaluate: run dir + wide observations -> evaluation.csv/json/html", "[evaluate]") {
  const auto dir = qiantang::test::scratch_dir("validation_evaluate");
  const auto run = dir / "run";
  std::filesystem::create_directories(run);
  const std::vector<std::string> stations{"1223A", "1224A", "1225A"};
  // 48 model hours ending 2026-01-10 01:00 ... 2026-01-12 00:00 BJT = Beijing days 10 and 11.
  const TimePoint first = *qiantang::parse_iso8601("2026-01-10T01:00:00+08:00");
  io::HourlySeries model;
  model.cover(first, first + std::chrono::hours{47});
  for (int k = 0; k < 3; ++k) {
    auto& pm = model.series(stations[std::size_t(k)], "PM2.5");
    auto& o3 = model.series(stations[std::size_t(k)], "O3");
    for (int i = 0; i < 48; ++i) {
      pm[std::size_t(i)] = 1.2 * obs_pm25(k, i);  // +20 % everywhere -> NMB = +20 %
      o3[std::size_t(i)] = obs_o3(k, i);          // perfect O3
    }
  }
  io::write_long_csv(run / "stations.csv", model);

  // Observations in the published wide layout: row (date D, hour h) is the hour ending D h:00.
  // Model hour i ends at 2026-01-10 (i+1):00, i.e. file 20260110 hours 1..23, 20260111 hours
  // 0..23, 20260112 hour 0. One missing PM2.5 value (1224A, 20260110 hour 5).
  std::ostringstream wide;
  wide.precision(17);
  wide << "date,hour,type,1223A,1224A,1225A\n";
  for (int i = 0; i < 48; ++i) {
    const int h = (i + 1) % 24;
    const int date = 20260110 + (i + 1) / 24;
    wide << date << "," << h << ",AQI,50,50,50\n";
    wide << date << "," << h << ",PM2.5";
    for (int k = 0; k < 3; ++k) {
      wide << ",";
      if (!(k == 1 && i == 4)) wide << obs_pm25(k, i);
    }
    wide << "\n" << date << "," << h << ",O3";
    for (int k = 0; k < 3; ++k) wide << "," << obs_o3(k, i);
    wide << "\n";
  }
  {
    std::ofstream(dir / "china_sites.csv") << wide.str();
    std::ofstream(dir / "stations_list.csv")
        << "id,name,lon,lat,background\n1223A,Binjiang,120.2072,30.2111,0\n"
           "1224A,Xixi,120.0633,30.2747,0\n1225A,Qiandaohu,119.026,29.635,1\n";
  }
  const auto out = dir / "eval";
  const int rc = qiantang::app::command_evaluate(
      {"--model", run.string(), "--obs", (dir / "china_sites.csv").string(), "--stations",
       (dir / "stations_list.csv").string(), "--out", out.string()});
  CHECK(rc == 0);
  REQUIRE(std::filesystem::exists(out / "evaluation.csv"));
  REQUIRE(std::filesystem::exists(out / "evaluation.json"));
  REQUIRE(std::filesystem::exists(out / "evaluation.html"));

  // CSV: find rows by (table, series, pollutant, station, lead_day, statistic).
  std::istringstream csv(slurp(out / "evaluation.csv"));
  std::string line;
  std::getline(csv, line);
  CHECK(line ==
        "table,series,pollutant,station,lead_day,n,statistic,value,unit,benchmark,goal,"
        "criterion,result");
  std::map<std::string, std::vector<std::string>> rows;
  while (std::getline(csv, line)) {
    const auto f = split(line);
    REQUIRE(f.size() == 13);
    rows[f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3] + "|" + f[4] + "|" + f[6] + "|" + f[9]] = f;
  }
  auto value = [&](const std::string& key) {
    const auto it = rows.find(key);
    REQUIRE(it != rows.end());
    return it->second;
  };
  // Hourly PM2.5 at 1223A: 48 pairs, NMB = +20 %; 1224A lost the missing hour: 47 pairs.
  CHECK(value("statistics|hourly|PM2.5|1223A|all|NMB|")[5] == "48");
  CHECK(std::stod(value("statistics|hourly|PM2.5|1223A|all|NMB|")[7]) == Approx(20.0));
  CHECK(value("statistics|hourly|PM2.5|1224A|all|NMB|")[5] == "47");
  CHECK(value("statistics|hourly|PM2.5|1224A|all|NMB|")[8] == "%");
  // The city mean (1223A, 1224A; 1225A is background): model = 1.2 obs at every station, so the
  // city NMB is +20 % too; 47 hours have both city stations (quorum 0.75 of 2 = 2).
  CHECK(value("statistics|hourly|PM2.5|city_mean|all|NMB|")[5] == "47");
  CHECK(std::stod(value("statistics|hourly|PM2.5|city_mean|all|NMB|")[7]) == Approx(20.0));
  // Daily means: days 10 and 11 are complete -> lead days 1 and 2, one pair each per station.
  CHECK(value("statistics|daily_mean|PM2.5|1223A|1|NMB|")[5] == "1");
  CHECK(std::stod(value("statistics|daily_mean|PM2.5|1223A|2|NMB|")[7]) == Approx(20.0));
  // 1224A misses one hour of day 1: its model daily mean leaves that hour out too.
  CHECK(value("statistics|daily_mean|PM2.5|1224A|1|mean_obs|")[5] == "1");
  CHECK(std::stod(value("statistics|daily_mean|PM2.5|1224A|1|NMB|")[7]) == Approx(20.0));
  // MFB of a uniform +20 % bias: 2·0.2/2.2 = 18.18 %: Boylan & Russell goal met.
  const auto mfb = value("benchmark|daily_mean|PM2.5|city_mean|all|MFB|BoylanRussell2006");
  CHECK(std::stod(mfb[7]) == Approx(100.0 * 0.4 / 2.2));
  CHECK(mfb[12] == "goal met");
  // Perfect O3: MDA8 NMB 0, Emery and China benchmarks met at goal level; R, IOA = 1.
  const auto o3 = value("benchmark|MDA8|O3|city_mean|all|NMB|Emery2017");
  CHECK(std::abs(std::stod(o3[7])) < 1e-9);
  CHECK(o3[12] == "goal met");
  CHECK(value("benchmark|MDA8|O3|city_mean|all|NMB|China_O3_MDA8")[12] == "goal met");
  CHECK(std::stod(value("statistics|hourly|O3|1225A|all|IOA|")[7]) == Approx(1.0));
  // HJ 1130 rows exist for the city and lead days 1 and 2.
  CHECK(value("hj1130|daily_aqi|AQI|city_mean|1|range_hit_rate|")[5] == "1");
  CHECK(value("hj1130|daily_aqi|AQI|city_mean|all|level_accuracy|")[5] == "2");

  const auto json = slurp(out / "evaluation.json");
  CHECK(json.find("\"first_day\": \"2026-01-10\"") != std::string::npos);
  CHECK(json.find("\"hj1130\"") != std::string::npos);
  CHECK(std::count(json.begin(), json.end(), '{') == std::count(json.begin(), json.end(), '}'));
  CHECK(std::count(json.begin(), json.end(), '[') == std::count(json.begin(), json.end(), ']'));
  CHECK(json.find("nan") == std::string::npos);

  const auto html = slurp(out / "evaluation.html");
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("Lead-day scores") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);  // self-contained: no scripts,
  CHECK(html.find("src=") == std::string::npos);     // no external images
  CHECK(html.find("<link") == std::string::npos);    // no external style sheets
}

TEST_CASE("evaluate: usage and input errors are typed", "[evaluate]") {
  using qiantang::app::command_evaluate;
  const auto dir = qiantang::test::scratch_dir("validation_evaluate_errors");
  CHECK_THROWS_AS(command_evaluate({"--obs", "x.csv"}), qiantang::UsageError);
  CHECK_THROWS_AS(command_evaluate({"--model", "r", "--obs", "x", "--city-min-fraction", "2"}),
                  qiantang::UsageError);
  // A run directory without stations.csv.
  std::ofstream(dir / "obs.csv") << "time,station,pollutant,value\n"
                                    "2026-01-10T01:00:00+08:00,A,PM2.5,10\n";
  CHECK_THROWS_AS(command_evaluate({"--model", dir.string(), "--obs", (dir / "obs.csv").string()}),
                  qiantang::InputError);
  // Observations that do not overlap the run.
  std::filesystem::create_directories(dir / "run");
  std::ofstream(dir / "run" / "stations.csv") << "time,station,pollutant,value\n"
                                                 "2026-02-10T01:00:00+08:00,A,PM2.5,10\n";
  CHECK_THROWS_WITH(
      command_evaluate({"--model", (dir / "run").string(), "--obs", (dir / "obs.csv").string()}),
      Catch::Contains("overlapping"));
}
