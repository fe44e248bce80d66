// Pairing of observations with model station series, lead-day bookkeeping over several runs
// across a month end, daily values and HJ 1130 scores from them: hand-worked expectations.
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "io/csv/station_csv.hpp"
#include "io/output/station_list.hpp"
#include "validation/evaluation.hpp"

namespace v = qiantang::validation;
namespace io = qiantang::io;
using qiantang::TimePoint;

namespace {

TimePoint at(const char* iso) { return *qiantang::parse_iso8601(iso); }
std::chrono::sys_days day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

const v::StatisticsRow* row(const v::Evaluation& ev, const std::string& series,
                            const std::string& pollutant, const std::string& station, int lead) {
  for (const auto& r : ev.statistics)
    if (r.key.series == series && r.key.pollutant == pollutant && r.key.station == station &&
        r.lead_day == lead)
      return &r;
  return nullptr;
}

const v::AqiScoreRow* aqi_row(const v::Evaluation& ev, const std::string& station, int lead) {
  for (const auto& r : ev.aqi_scores)
    if (r.station == station && r.lead_day == lead) return &r;
  return nullptr;
}

// A series with `hours` hours ending from `first_end`, every station/pollutant set to `value`.
io::HourlySeries constant_series(TimePoint first_end, int hours,
                                 const std::vector<std::string>& stations,
                                 const std::string& pollutant, double value) {
  io::HourlySeries s;
  s.cover(first_end, first_end + std::chrono::hours{hours - 1});
  for (const auto& st : stations) {
    auto& x = s.series(st, pollutant);
    std::fill(x.begin(), x.end(), value);
  }
  return s;
}

}  // namespace

TEST_CASE("hourly pairing: pairs only where both exist; city mean with a station quorum",
          "[evaluation]") {
  // Hours ending 01:00, 02:00, 03:00 BJT on 2026-01-10. PM2.5:
  //   A obs 10 20 --   model 12 18 30   -> pairs (10,12) (20,18)
  //   B obs 30 40 50   model 33 -- 45   -> pairs (30,33) (50,45)
  //   C obs 100 x3     model 90 x3      -> 3 pairs; background station, not in the city mean
  const auto obs = io::parse_station_csv(
      "time,station,pollutant,value\n"
      "2026-01-10T01:00:00+08:00,A,PM2.5,10\n2026-01-10T02:00:00+08:00,A,PM2.5,20\n"
      "2026-01-10T01:00:00+08:00,B,PM2.5,30\n2026-01-10T02:00:00+08:00,B,PM2.5,40\n"
      "2026-01-10T03:00:00+08:00,B,PM2.5,50\n"
      "2026-01-10T01:00:00+08:00,C,PM2.5,100\n2026-01-10T02:00:00+08:00,C,PM2.5,100\n"
      "2026-01-10T03:00:00+08:00,C,PM2.5,100\n",
      "obs.csv");
  const auto model = io::parse_station_csv(
      "time,station,pollutant,value\n"
      "2026-01-10T01:00:00+08:00,A,PM2.5,12\n2026-01-10T02:00:00+08:00,A,PM2.5,18\n"
      "2026-01-10T03:00:00+08:00,A,PM2.5,30\n"
      "2026-01-10T01:00:00+08:00,B,PM2.5,33\n2026-01-10T03:00:00+08:00,B,PM2.5,45\n"
      "2026-01-10T01:00:00+08:00,C,PM2.5,90\n2026-01-10T02:00:00+08:00,C,PM2.5,90\n"
      "2026-01-10T03:00:00+08:00,C,PM2.5,90\n",
      "stations.csv");
  std::vector<v::ModelRun> runs{v::make_model_run("run", model)};
  CHECK(runs[0].first_day == day(2026, 1, 10));
  v::PairingOptions opt;
  opt.stations = {{"A", "a", 120.1, 30.2, false},
                  {"B", "b", 120.2, 30.3, false},
                  {"C", "c", 119.0, 29.6, true}};
  SECTION("city quorum 0.75: both city stations needed") {
    const auto ev = v::evaluate(obs, runs, opt);
    const auto* a = row(ev, "hourly", "PM2.5", "A", 0);
    REQUIRE(a);
    CHECK(a->stats.n == 2);
    CHECK(a->stats.mean_obs == Approx(15.0));
    CHECK(a->stats.mean_model == Approx(15.0));
    CHECK(a->stats.nmb == Approx(0.0).margin(1e-15));
    CHECK(a->stats.nme == Approx(4.0 / 30.0));  // (2 + 2) / 30
    const auto* b = row(ev, "hourly", "PM2.5", "B", 1);
    REQUIRE(b);
    CHECK(b->stats.n == 2);
    CHECK(b->stats.nmb == Approx(-2.0 / 80.0));  // (3 − 5) / 80
    REQUIRE(row(ev, "hourly", "PM2.5", "C", 0));
    CHECK(row(ev, "hourly", "PM2.5", "C", 0)->stats.n == 3);
    // City: only hour 1 has both A and B -> obs (10+30)/2 = 20, model (12+33)/2 = 22.5.
    const auto* city = row(ev, "hourly", "PM2.5", v::kCityMean, 0);
    REQUIRE(city);
    CHECK(city->stats.n == 1);
    CHECK(city->stats.mean_obs == Approx(20.0));
    CHECK(city->stats.mean_model == Approx(22.5));
    // Three hours cannot make a valid daily mean (>= 20 h): no daily rows, no AQI days.
    CHECK(row(ev, "daily_mean", "PM2.5", "A", 0) == nullptr);
    CHECK(ev.aqi_scores.empty());
  }
  SECTION("city quorum 0.5: one of two city stations suffices") {
    opt.city_min_fraction = 0.5;
    const auto ev = v::evaluate(obs, runs, opt);
    // City pairs: (20, 22.5), (20, 18) from A alone, (50, 45) from B alone.
    const auto* city = row(ev, "hourly", "PM2.5", v::kCityMean, 0);
    REQUIRE(city);
    CHECK(city->stats.n == 3);
    CHECK(city->stats.mean_obs == Approx(30.0));
    CHECK(city->stats.mean_model == Approx(85.5 / 3.0));
  }
  SECTION("without a station list every common station enters the city mean") {
    const auto ev = v::evaluate(obs, runs, v::PairingOptions{});
    // Hour 1: A, B, C all paired -> obs (10+30+100)/3, model (12+33+90)/3; hours 2, 3 have 2 of 3
    // (< 0.75) -> 1 pair.
    const auto* city = row(ev, "hourly", "PM2.5", v::kCityMean, 0);
    REQUIRE(city);
    CHECK(city->stats.n == 1);
    CHECK(city->stats.mean_obs == Approx(140.0 / 3.0));
    CHECK(city->stats.mean_model == Approx(45.0));
  }
}

TEST_CASE("wide CSV observations pair by the hour-ending convention and Beijing day",
          "[evaluation]") {
  // Published layout: hour 0 of 20260110 is the hour ending 2026-01-10 00:00 BJT (the last hour
  // of Beijing day 2026-01-09); hour 0 of 20260111 is the last hour of 2026-01-10.
  const auto obs = io::parse_station_csv(
      "date,hour,type,1223A,1224A\n"
      "20260110,0,AQI,60,70\n"
      "20260110,0,PM2.5,40,50\n"
      "20260110,0,PM2.5_24h,41,51\n"
      "20260110,1,PM2.5,42,\n"
      "20260111,0,PM2.5,44,54\n",
      "china_sites_20260110.csv");
  const auto model = io::parse_station_csv(
      "time,station,pollutant,value\n"
      "2026-01-10T00:00:00+08:00,1223A,PM2.5,30\n"
      "2026-01-10T01:00:00+08:00,1223A,PM2.5,31\n"
      "2026-01-11T00:00:00+08:00,1223A,PM2.5,32\n"
      "2026-01-10T00:00:00+08:00,1224A,PM2.5,35\n"
      "2026-01-10T01:00:00+08:00,1224A,PM2.5,36\n",
      "stations.csv");
  const std::vector<v::ModelRun> runs{v::make_model_run("run", model)};
  // The first model hour ends at 00:00 BJT of the 10th: it belongs to the 9th = lead day 1.
  CHECK(runs[0].first_day == day(2026, 1, 9));
  const auto pairs = v::pair_observations(obs, runs, {});
  const auto& a = pairs.values.at({"hourly", "PM2.5", "1223A"});
  REQUIRE(a.size() == 3);
  CHECK(a[0].time == at("2026-01-09T16:00:00Z"));
  CHECK(a[0].obs == 40.0);
  CHECK(a[0].model == 30.0);
  CHECK(a[0].lead_day == 1);
  CHECK(a[1].obs == 42.0);
  CHECK(a[1].lead_day == 2);
  CHECK(a[2].obs == 44.0);
  CHECK(a[2].model == 32.0);
  CHECK(a[2].lead_day == 2);  // hour ending 2026-01-11 00:00 is still Beijing day 2026-01-10
  // 1224A: hour 1 missing in the observations -> 1 pair; the AQI and PM2.5_24h types are not
  // paired with anything.
  const auto& b = pairs.values.at({"hourly", "PM2.5", "1224A"});
  REQUIRE(b.size() == 1);
  CHECK(b[0].obs == 50.0);
  CHECK(b[0].model == 35.0);
  CHECK(pairs.values.count({"hourly", "AQI", "1223A"}) == 0);
}

TEST_CASE("several daily runs: lead days across a month end, daily means and HJ 1130 scores",
          "[evaluation][lead_day]") {
  // Run 0 starts with the hour ending 2026-01-30 01:00 BJT, 72 h: days Jan 30, 31, Feb 1 are
  // lead days 1, 2, 3; PM2.5 50 everywhere. Run 1 starts a day later (Jan 31, Feb 1, Feb 2),
  // PM2.5 130. Observations: 60 at every hour from Jan 29 to Feb 3.
  const std::vector<std::string> st{"S1", "S2"};
  std::vector<v::ModelRun> runs;
  runs.push_back(v::make_model_run(
      "r0", constant_series(at("2026-01-30T01:00:00+08:00"), 72, st, "PM2.5", 50.0)));
  runs.push_back(v::make_model_run(
      "r1", constant_series(at("2026-01-31T01:00:00+08:00"), 72, st, "PM2.5", 130.0)));
  const auto obs = constant_series(at("2026-01-29T01:00:00+08:00"), 6 * 24, st, "PM2.5", 60.0);
  CHECK(runs[0].first_day == day(2026, 1, 30));
  CHECK(runs[1].first_day == day(2026, 1, 31));
  const auto ev = v::evaluate(obs, runs, {});
  CHECK(ev.max_lead_day == 3);
  REQUIRE(ev.runs.size() == 2);
  CHECK(ev.runs[1].n_lead_days == 3);

  // Daily pairs, lead by lead: which day from which run.
  const auto& daily = ev.pairs.values.at({"daily_mean", "PM2.5", "S1"});
  REQUIRE(daily.size() == 6);
  std::map<int, std::vector<std::pair<std::chrono::sys_days, int>>> by_lead;
  for (const auto& p : daily)
    by_lead[p.lead_day].push_back({std::chrono::floor<std::chrono::days>(p.time), p.run});
  CHECK(by_lead[1] == std::vector<std::pair<std::chrono::sys_days, int>>{{day(2026, 1, 30), 0},
                                                                         {day(2026, 1, 31), 1}});
  CHECK(by_lead[2] == std::vector<std::pair<std::chrono::sys_days, int>>{{day(2026, 1, 31), 0},
                                                                         {day(2026, 2, 1), 1}});
  CHECK(by_lead[3] == std::vector<std::pair<std::chrono::sys_days, int>>{{day(2026, 2, 1), 0},
                                                                         {day(2026, 2, 2), 1}});

  // Hourly: 24 pairs per run and lead day.
  for (int lead = 1; lead <= 3; ++lead) {
    const auto* h = row(ev, "hourly", "PM2.5", "S1", lead);
    REQUIRE(h);
    CHECK(h->stats.n == 48);
  }
  CHECK(row(ev, "hourly", "PM2.5", "S1", 0)->stats.n == 144);

  // Lead day 1 daily: obs {60, 60}, model {50, 130}.
  //   NMB = (−10 + 70)/120 = 0.5; NME = 80/120 = 2/3;
  //   MFB = (2/2)(−10/110 + 70/190); MFE = (2/2)(10/110 + 70/190).
  const auto* d1 = row(ev, "daily_mean", "PM2.5", v::kCityMean, 1);
  REQUIRE(d1);
  CHECK(d1->stats.n == 2);
  CHECK(d1->stats.mean_model == Approx(90.0));
  CHECK(d1->stats.nmb == Approx(0.5));
  CHECK(d1->stats.nme == Approx(2.0 / 3.0));
  CHECK(d1->stats.mfb == Approx(-10.0 / 110.0 + 70.0 / 190.0));
  CHECK(d1->stats.mfe == Approx(10.0 / 110.0 + 70.0 / 190.0));
  // Boylan & Russell benchmarks attached to the PM2.5 daily row: MFB 0.277 (goal <= 0.30),
  // MFE 0.459 (goal <= 0.50).
  REQUIRE(d1->benchmarks.size() == 2);
  CHECK(d1->benchmarks[0].result == v::BenchmarkResult::kGoalMet);
  CHECK(d1->benchmarks[1].result == v::BenchmarkResult::kGoalMet);

  // Daily AQI (HJ 633-2012 in January/February 2026; only PM2.5 on both sides):
  //   obs 60   -> 50 + (60−35)·50/40  = 81.25  -> 82, level 2
  //   run 0 50 -> 50 + (50−35)·50/40  = 68.75  -> 69, level 2: range [51.75, 86.25] hit, level hit
  //   run 1 130-> 150 + (130−115)·50/35 = 171.4 -> 172, level 4: range [129, 215] miss, level miss
  // Each lead day has one day of each run: range hit 1/2, level 1/2, primary (PM2.5) 2/2.
  for (int lead = 1; lead <= 3; ++lead) {
    const auto* a = aqi_row(ev, "S1", lead);
    REQUIRE(a);
    CHECK(a->scores.n_days == 2);
    CHECK(a->scores.range_hit_rate == Approx(0.5));
    CHECK(a->scores.level_accuracy == Approx(0.5));
    CHECK(a->scores.days_by_level[1] == 2);
    CHECK(a->scores.primary_accuracy == Approx(1.0));
    CHECK(a->scores.heavy_days == 0);
    CHECK(std::isnan(a->scores.heavy_day_accuracy));
  }
  const auto& days = ev.pairs.aqi_days.at("S1");
  for (const auto& d : days) {
    CHECK(d.aqi.obs_aqi == 82);
    CHECK(d.aqi.model_aqi == (d.run == 0 ? 69 : 172));
  }
  REQUIRE(aqi_row(ev, v::kCityMean, 0));
  CHECK(aqi_row(ev, v::kCityMean, 0)->scores.n_days == 6);
}

TEST_CASE("lead days across the leap day and the year end", "[evaluation][lead_day]") {
  const std::vector<std::string> st{"S"};
  SECTION("2024-02-28 .. 2024-03-01") {
    std::vector<v::ModelRun> runs{v::make_model_run(
        "r", constant_series(at("2024-02-28T01:00:00+08:00"), 72, st, "O3", 80.0))};
    const auto obs = constant_series(at("2024-02-27T01:00:00+08:00"), 5 * 24, st, "O3", 100.0);
    const auto pairs = v::pair_observations(obs, runs, {});
    const auto& mda8 = pairs.values.at({"MDA8", "O3", "S"});
    REQUIRE(mda8.size() == 3);
    CHECK(std::chrono::floor<std::chrono::days>(mda8[1].time) == day(2024, 2, 29));
    CHECK(mda8[1].lead_day == 2);
    CHECK(std::chrono::floor<std::chrono::days>(mda8[2].time) == day(2024, 3, 1));
    CHECK(mda8[2].lead_day == 3);
    CHECK(mda8[2].obs == Approx(100.0));
    CHECK(mda8[2].model == Approx(80.0));
  }
  SECTION("2025-12-31 .. 2026-01-02 with the run starting at 08:00 BJT (00 UTC)") {
    // First hour ends 2025-12-31 09:00 BJT: Dec 31 is lead day 1 but has only 16 hours, so it
    // has no valid daily mean; Jan 1 and Jan 2 are lead days 2 and 3.
    std::vector<v::ModelRun> runs{
        v::make_model_run("r", constant_series(at("2025-12-31T01:00:00Z"), 72, st, "NO2", 30.0))};
    const auto obs = constant_series(at("2025-12-30T01:00:00+08:00"), 6 * 24, st, "NO2", 40.0);
    const auto pairs = v::pair_observations(obs, runs, {});
    const auto& d = pairs.values.at({"daily_mean", "NO2", "S"});
    REQUIRE(d.size() == 2);
    CHECK(std::chrono::floor<std::chrono::days>(d[0].time) == day(2026, 1, 1));
    CHECK(d[0].lead_day == 2);
    CHECK(d[1].lead_day == 3);
    CHECK(pairs.values.at({"hourly", "NO2", "S"}).size() == 72);
  }
}
