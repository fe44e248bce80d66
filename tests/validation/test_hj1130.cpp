// HJ 1130—2020 daily AQI scores and lead-day bookkeeping, against hand counts.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "validation/hj1130.hpp"
#include "validation/lead_day.hpp"

namespace v = qiantang::validation;

TEST_CASE("AQI range hit is 0.75 F <= O <= 1.25 F, inclusive", "[hj1130]") {
  CHECK(v::aqi_range_hit(75, 100));
  CHECK_FALSE(v::aqi_range_hit(74, 100));
  CHECK(v::aqi_range_hit(125, 100));
  CHECK_FALSE(v::aqi_range_hit(126, 100));
  CHECK(v::aqi_range_hit(0, 0));
}

TEST_CASE("HJ 1130 scores of five days", "[hj1130]") {
  // day  O    F    range [0.75F,1.25F]  levels O/F  hit   primary O / F        hit
  //  1   80   100  [75,125]     hit     2/2         yes   PM2.5 / PM2.5        yes
  //  2   130  100  [75,125]     miss    3/2         no    O3 / PM2.5           no
  //  3   40   45   [33.75,56.25] hit    1/1         yes   - (AQI<=50, not counted)
  //  4   250  210  [157.5,262.5] hit    5/5         yes   PM2.5 / PM2.5,PM10   yes (tie shares)
  //  5   220  180  [135,225]    hit     5/4         no    PM2.5 / PM2.5        yes
  // range 4/5; level 3/5; by level: L1 1/1, L2 1/1, L3 0/1, L5 1/2, L4 L6 none;
  // heavy (O>200: days 4,5) 1/2; primary (days 1,2,4,5) 3/4.
  const std::vector<v::AqiDayPair> days{
      {80, 100, 2, 2, {"PM2.5"}, {"PM2.5"}},
      {130, 100, 3, 2, {"O3"}, {"PM2.5"}},
      {40, 45, 1, 1, {}, {}},
      {250, 210, 5, 5, {"PM2.5"}, {"PM2.5", "PM10"}},
      {220, 180, 5, 4, {"PM2.5"}, {"PM2.5"}},
  };
  const auto s = v::hj1130_scores(days);
  CHECK(s.n_days == 5);
  CHECK(s.range_hit_rate == Approx(0.8));
  CHECK(s.level_accuracy == Approx(0.6));
  CHECK(s.days_by_level[0] == 1);
  CHECK(s.days_by_level[1] == 1);
  CHECK(s.days_by_level[2] == 1);
  CHECK(s.days_by_level[3] == 0);
  CHECK(s.days_by_level[4] == 2);
  CHECK(s.level_accuracy_by_level[0] == Approx(1.0));
  CHECK(s.level_accuracy_by_level[1] == Approx(1.0));
  CHECK(s.level_accuracy_by_level[2] == Approx(0.0));
  CHECK(std::isnan(s.level_accuracy_by_level[3]));
  CHECK(s.level_accuracy_by_level[4] == Approx(0.5));
  CHECK(std::isnan(s.level_accuracy_by_level[5]));
  CHECK(s.heavy_days == 2);
  CHECK(s.heavy_day_accuracy == Approx(0.5));
  CHECK(s.primary_days == 4);
  CHECK(s.primary_accuracy == Approx(0.75));
}

TEST_CASE("HJ 1130 scores of no days are NaN", "[hj1130]") {
  const auto s = v::hj1130_scores(std::vector<v::AqiDayPair>{});
  CHECK(s.n_days == 0);
  CHECK(std::isnan(s.range_hit_rate));
  CHECK(std::isnan(s.heavy_day_accuracy));
}

namespace {
qiantang::TimePoint t(const char* iso) { return *qiantang::parse_iso8601(iso); }
std::chrono::sys_days day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}
}  // namespace

TEST_CASE("air-quality day: hours ending in (D 00:00, D+1 00:00] Beijing time", "[lead_day]") {
  CHECK(v::air_quality_day(t("2026-01-10T01:00:00+08:00")) == day(2026, 1, 10));
  CHECK(v::air_quality_day(t("2026-01-11T00:00:00+08:00")) == day(2026, 1, 10));
  CHECK(v::air_quality_day(t("2026-01-10T17:00:00Z")) == day(2026, 1, 11));  // 01:00 BJT 11th
  CHECK(v::air_quality_day(t("2026-01-10T16:00:00Z")) == day(2026, 1, 10));  // 00:00 BJT 11th
}

TEST_CASE("lead days across month and year ends", "[lead_day]") {
  // January -> February: a run whose first forecast hour ends 2026-01-30 01:00 BJT.
  const auto d0 = v::air_quality_day(t("2026-01-30T01:00:00+08:00"));
  CHECK(v::lead_day(d0, day(2026, 1, 30)) == 1);
  CHECK(v::lead_day(d0, day(2026, 1, 31)) == 2);
  CHECK(v::lead_day(d0, day(2026, 2, 1)) == 3);
  CHECK(v::lead_day(d0, v::air_quality_day(t("2026-02-01T00:00:00+08:00"))) == 2);
  // February (28 days in 2026, 29 in 2024) -> March.
  CHECK(v::lead_day(day(2026, 2, 27), day(2026, 3, 1)) == 3);
  CHECK(v::lead_day(day(2024, 2, 27), day(2024, 3, 1)) == 4);
  // Year end.
  CHECK(v::lead_day(day(2025, 12, 30), day(2026, 1, 2)) == 4);
  CHECK(v::lead_day(day(2025, 12, 30), day(2025, 12, 29)) == 0);
}
