// IAQI / AQI of HJ 633—2012 and HJ 633—2026: every breakpoint, interpolation, rounding, the
// >800 rules and the categories, against the tables of the standards
// (/shared/reference/air-quality-rules.md).
#include <catch2/catch.hpp>
#include <vector>

#include "forecast/aqi/aqi.hpp"

using namespace qiantang::forecast;
using S = AqiStandard;
using M = AqiMetric;

namespace {

struct Row {
  M metric;
  std::vector<double> c2012, c2026;
};

// The published tables (HJ 633—2012 Table 1; HJ 633—2026 Table 1), IAQI 0,50,...,500.
const std::vector<Row>& published() {
  static const std::vector<Row> rows{
      {M::so2_24h,
       {0, 50, 150, 475, 800, 1600, 2100, 2620},
       {0, 50, 150, 475, 800, 1600, 2100, 2620}},
      {M::so2_1h, {0, 150, 500, 650, 800}, {0, 150, 500, 650, 800}},
      {M::no2_24h, {0, 40, 80, 180, 280, 565, 750, 940}, {0, 40, 80, 180, 280, 565, 750, 940}},
      {M::no2_1h,
       {0, 100, 200, 700, 1200, 2340, 3090, 3840},
       {0, 100, 200, 700, 1200, 2340, 3090, 3840}},
      {M::pm10_24h, {0, 50, 150, 250, 350, 420, 500, 600}, {0, 50, 120, 250, 350, 420, 500, 600}},
      {M::co_24h, {0, 2, 4, 14, 24, 36, 48, 60}, {0, 2, 4, 14, 24, 36, 48, 60}},
      {M::co_1h, {0, 5, 10, 35, 60, 90, 120, 150}, {0, 5, 10, 35, 60, 90, 120, 150}},
      {M::o3_1h,
       {0, 160, 200, 300, 400, 800, 1000, 1200},
       {0, 160, 200, 300, 400, 800, 1000, 1200}},
      {M::o3_8h, {0, 100, 160, 215, 265, 800}, {0, 100, 160, 215, 265, 800}},
      {M::pm25_24h, {0, 35, 75, 115, 150, 250, 350, 500}, {0, 35, 60, 115, 150, 250, 350, 500}},
  };
  return rows;
}

const int kIaqi[8] = {0, 50, 100, 150, 200, 300, 400, 500};

}  // namespace

TEST_CASE("every breakpoint of every pollutant gives its IAQI, both versions", "[aqi]") {
  for (const Row& r : published()) {
    for (S s : {S::hj633_2012, S::hj633_2026}) {
      const auto& c = s == S::hj633_2012 ? r.c2012 : r.c2026;
      INFO(to_string(r.metric) << " " << to_string(s));
      REQUIRE(breakpoints(s, r.metric).conc == c);
      for (std::size_t k = 0; k < c.size(); ++k) {
        INFO("breakpoint " << c[k]);
        CHECK(iaqi(s, r.metric, c[k]) == kIaqi[k]);
        if (k > 0) {
          // Midpoint of each segment: exactly halfway in IAQI (eq. 1).
          const double mid = 0.5 * (c[k - 1] + c[k]);
          const double expected = 0.5 * (kIaqi[k - 1] + kIaqi[k]);
          CHECK(iaqi_linear(s, r.metric, mid).value() == Approx(expected).epsilon(1e-12));
        }
      }
    }
  }
}

TEST_CASE("rounding: IAQI rounded up; 2026 inputs half-to-even first", "[aqi]") {
  // 2026: PM2.5 75 -> (115-60... ) IAQI = 100 + 50*(75-60)/(115-60) = 113.64 -> 114.
  CHECK(iaqi(S::hj633_2026, M::pm25_24h, 75.0) == 114);
  CHECK(iaqi(S::hj633_2012, M::pm25_24h, 75.0) == 100);
  // 2012 has no input rounding: 75.1 -> 100.125 -> 101.
  CHECK(iaqi(S::hj633_2012, M::pm25_24h, 75.1) == 101);
  // 2026: 75.4 -> 75 -> 114; 75.5 -> 76 (tie to even) -> 114.55 -> 115; 74.5 -> 74 -> 112.7 -> 113.
  CHECK(iaqi(S::hj633_2026, M::pm25_24h, 75.4) == 114);
  CHECK(iaqi(S::hj633_2026, M::pm25_24h, 75.5) == 115);
  CHECK(iaqi(S::hj633_2026, M::pm25_24h, 74.5) == 113);
  // 2026 input 60.4 -> 60 -> exactly 100 (no spurious 101 from 100.0000001).
  CHECK(iaqi(S::hj633_2026, M::pm25_24h, 60.4) == 100);
  // PM10 2026 120 -> 100; 2012 120 -> 50 + 50*70/100 = 85.
  CHECK(iaqi(S::hj633_2026, M::pm10_24h, 120.0) == 100);
  CHECK(iaqi(S::hj633_2012, M::pm10_24h, 120.0) == 85);
  // CO one decimal: 2026 2.25 -> 2.2 -> 55; 2012 2.25 -> 56.25 -> 57.
  CHECK(iaqi(S::hj633_2026, M::co_24h, 2.25) == 55);
  CHECK(iaqi(S::hj633_2012, M::co_24h, 2.25) == 57);
  // Any positive fraction rounds up (2012): PM2.5 35.01 -> 50.0125 -> 51.
  CHECK(iaqi(S::hj633_2012, M::pm25_24h, 35.01) == 51);
  CHECK(round_half_even(2.5, 0) == 2.0);
  CHECK(round_half_even(3.5, 0) == 4.0);
  CHECK(round_half_even(0.25, 1) == Approx(0.2));
  CHECK(round_half_even(1.15, 1) == Approx(1.2));
  CHECK(round_half_even(1.149, 1) == Approx(1.1));
  AqiOptions no_round;
  no_round.round_inputs = false;
  CHECK(iaqi(S::hj633_2026, M::pm25_24h, 60.4, no_round) == 101);
}

TEST_CASE("above the tables: >800 rules and the IAQI-500 cap", "[aqi]") {
  // SO2-1h and O3-8h end at 800: 2012 does not compute them (caller substitutes) ...
  CHECK_FALSE(iaqi(S::hj633_2012, M::so2_1h, 801.0).has_value());
  CHECK_FALSE(iaqi(S::hj633_2012, M::o3_8h, 801.0).has_value());
  CHECK(iaqi(S::hj633_2012, M::so2_1h, 800.0) == 200);
  CHECK(iaqi(S::hj633_2012, M::o3_8h, 800.0) == 300);
  // ... 2026 (as implemented by third parties) gives SO2-1h 200 and O3-8h 300.
  CHECK(iaqi(S::hj633_2026, M::so2_1h, 1500.0) == 200);
  CHECK(iaqi(S::hj633_2026, M::o3_8h, 900.0) == 300);
  AqiOptions o;
  o.over800 = Over800Rule::hj633_2012;
  CHECK_FALSE(iaqi(S::hj633_2026, M::o3_8h, 900.0, o).has_value());
  // Other rows beyond their last breakpoint report 500.
  CHECK(iaqi(S::hj633_2012, M::pm25_24h, 650.0) == 500);
  CHECK(iaqi(S::hj633_2026, M::co_24h, 70.0) == 500);
  CHECK_FALSE(iaqi(S::hj633_2012, M::pm25_24h, -1.0).has_value());
  CHECK_FALSE(iaqi(S::hj633_2012, M::pm25_24h, std::nan("")).has_value());
}

TEST_CASE("version by date and categories", "[aqi]") {
  using namespace std::chrono;
  CHECK(standard_for_day(sys_days{year{2026} / 2 / 28}) == S::hj633_2012);
  CHECK(standard_for_day(sys_days{year{2026} / 3 / 1}) == S::hj633_2026);
  CHECK(parse_aqi_standard("2012") == S::hj633_2012);
  CHECK(parse_aqi_standard("HJ 633-2026") == S::hj633_2026);
  CHECK_FALSE(parse_aqi_standard("2019").has_value());
  const std::vector<std::pair<int, int>> bounds{{0, 1},   {50, 1},  {51, 2},  {100, 2},
                                                {101, 3}, {150, 3}, {151, 4}, {200, 4},
                                                {201, 5}, {300, 5}, {301, 6}, {500, 6}};
  for (auto [a, level] : bounds) CHECK(aqi_category(a).level == level);
  CHECK(std::string(aqi_category(40).colour) == "#00E400");
  CHECK(std::string(aqi_category(80).colour) == "#FFFF00");
  CHECK(std::string(aqi_category(120).colour) == "#FF7E00");
  CHECK(std::string(aqi_category(180).colour) == "#FF0000");
  CHECK(std::string(aqi_category(250).colour) == "#99004C");
  CHECK(std::string(aqi_category(350).colour) == "#7E0023");
  CHECK(std::string(aqi_category(250).name_zh) == "重度污染");
}
