// Daily statistics with GB 3095 validity, MDA8 windows, daily AQI and primary pollutants,
// city mean, hourly and rolling 24-h PM AQI.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "forecast/aqi/daily.hpp"

using namespace qiantang;
using namespace qiantang::forecast;
using namespace std::chrono;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Hour axis of `days` Beijing days starting at `first` (hour-ending 01:00 of day one).
std::vector<TimePoint> axis(sys_days first, int days) {
  std::vector<TimePoint> h;
  for (int i = 1; i <= 24 * days; ++i) h.push_back(TimePoint{first} + hours{i} - kBeijingOffset);
  return h;
}

DailyConcentrations conc(double pm25, double pm10, double o3_mda8, double o3_1h = kNaN) {
  DailyConcentrations c;
  c.day = sys_days{year{2025} / 1 / 10};
  c.so2_24h = 5;
  c.no2_24h = 20;
  c.co_24h = 0.5;
  c.pm25_24h = pm25;
  c.pm10_24h = pm10;
  c.o3_mda8 = o3_mda8;
  c.o3_1h_max = o3_1h;
  return c;
}

}  // namespace

TEST_CASE("daily AQI: max IAQI, primary pollutants with ties, none when AQI <= 50", "[daily]") {
  DailyOptions o;
  // PM2.5 75 (IAQI 100) and PM10 150 (IAQI 100), 2012: a tie, both are primary.
  auto d = daily_aqi(conc(75, 150, 50), o);
  REQUIRE(d.aqi == 100);
  CHECK(d.standard == AqiStandard::hj633_2012);
  REQUIRE(d.primary.size() == 2);
  CHECK(d.primary_text() == "PM10;PM2.5");
  CHECK(d.iaqi[size_t(Pollutant::o3)] == 25);
  CHECK(d.complete);
  // O3 alone at MDA8 160 (IAQI 100) is primary over PM2.5 50 (IAQI 69).
  d = daily_aqi(conc(50, 40, 160), o);
  CHECK(d.aqi == 100);
  CHECK(d.primary_text() == "O3");
  // AQI 50 exactly: no primary pollutant.
  d = daily_aqi(conc(35, 50, 100), o);
  CHECK(d.aqi == 50);
  CHECK(d.primary.empty());
  // A missing pollutant: AQI of the rest, not complete.
  d = daily_aqi(conc(kNaN, 150, 50), o);
  CHECK(d.aqi == 100);
  CHECK_FALSE(d.complete);
  CHECK_FALSE(d.iaqi[size_t(Pollutant::pm25)].has_value());
}

TEST_CASE("daily AQI: 2012 MDA8 above 800 reported by the 1-h O3 IAQI", "[daily]") {
  DailyOptions o;
  auto d = daily_aqi(conc(20, 30, 850, 900), o);
  // 1-h O3 900 in [800, 1000]: 300 + 100*(100/200) = 350.
  CHECK(d.iaqi[size_t(Pollutant::o3)] == 350);
  CHECK(d.aqi == 350);
  // The 2026 rule (as implemented by third parties): O3-8h above 800 gives 300.
  o.aqi.forced = AqiStandard::hj633_2026;
  d = daily_aqi(conc(20, 30, 850, 900), o);
  CHECK(d.iaqi[size_t(Pollutant::o3)] == 300);
}

TEST_CASE("24-h means need 20 valid hours; hours ending 01..24 Beijing time form the day",
          "[daily]") {
  const sys_days day{year{2025} / 1 / 10};
  const auto h = axis(day - days{1}, 3);  // Jan 9, 10, 11
  std::map<std::string, std::vector<double>> v;
  auto& pm = v["PM2.5"];
  pm.assign(h.size(), 500.0);  // other days: high
  // Jan 10: hours ending 01..24 are indices 24..47; give them 1..24.
  for (int i = 0; i < 24; ++i) pm[std::size_t(24 + i)] = i + 1.0;
  ValidityRules r;
  auto c = daily_concentrations(h, v, day, r);
  CHECK(c.pm25_24h == Approx(12.5));
  CHECK(c.valid_hours[size_t(Pollutant::pm25)] == 24);
  // 4 missing hours leave 20: valid; 5 missing: invalid.
  for (int i = 0; i < 4; ++i) pm[std::size_t(24 + i)] = kNaN;
  c = daily_concentrations(h, v, day, r);
  CHECK(c.valid_hours[size_t(Pollutant::pm25)] == 20);
  CHECK(c.pm25_24h == Approx((5.0 + 24.0) / 2.0));
  pm[30] = kNaN;
  c = daily_concentrations(h, v, day, r);
  CHECK(c.valid_hours[size_t(Pollutant::pm25)] == 19);
  CHECK(std::isnan(c.pm25_24h));
  CHECK_FALSE(daily_aqi(c, DailyOptions{}).iaqi[size_t(Pollutant::pm25)].has_value());
  // A day half off the axis is invalid.
  CHECK(std::isnan(daily_concentrations(h, v, day + days{2}, r).pm25_24h));
  CHECK(complete_beijing_days(h).size() == 3);
  CHECK(beijing_days(h).front() == day - days{1});
}

TEST_CASE("MDA8: 17 windows ending 08..24, 6 of 8 hours, 14 windows per day", "[daily]") {
  const sys_days day{year{2025} / 7 / 10};
  const auto h = axis(day, 1);
  std::map<std::string, std::vector<double>> v;
  auto& o3 = v["O3"];
  // Hour-ending e (1..24) has O3 = 10*e: windows ending at e have mean 10*(e-3.5);
  // the best is the window ending at 24: 205.
  for (int e = 1; e <= 24; ++e) o3.push_back(10.0 * e);
  ValidityRules r;
  auto c = daily_concentrations(h, v, day, r);
  CHECK(c.o3_valid_windows == 17);
  CHECK(c.o3_mda8 == Approx(205.0));
  CHECK(c.o3_1h_max == 240.0);
  // Remove hours ending 23 and 24: the window ending 24 keeps 6 of 8 (mean of 170..220 = 195),
  // windows ending 23 (and 24) still valid; the best is now window ending 22: 185 vs 24: 195.
  o3[22] = kNaN;
  o3[23] = kNaN;
  c = daily_concentrations(h, v, day, r);
  CHECK(c.o3_valid_windows == 17);
  CHECK(c.o3_mda8 == Approx(195.0));
  // Hours ending 17..24 with only 5 valid: the window ending 24 is invalid.
  o3[16] = kNaN;
  c = daily_concentrations(h, v, day, r);
  CHECK(c.o3_valid_windows == 16);
  // Too few windows (hours ending 1..13 only, plus noting early windows): below 14 windows
  // and no exceedance -> invalid; an exceedance keeps it valid.
  std::vector<double> low(24, kNaN);
  for (int e = 1; e <= 12; ++e) low[std::size_t(e - 1)] = 50.0;
  v["O3"] = low;
  c = daily_concentrations(h, v, day, r);
  CHECK(c.o3_valid_windows < 14);
  CHECK(std::isnan(c.o3_mda8));
  for (int e = 1; e <= 12; ++e) low[std::size_t(e - 1)] = 200.0;
  v["O3"] = low;
  c = daily_concentrations(h, v, day, r);
  CHECK(c.o3_mda8 == Approx(200.0));
}

TEST_CASE("version switches on 2026-03-01 within one series", "[daily]") {
  const sys_days feb28{year{2026} / 2 / 28};
  const auto h = axis(feb28, 2);
  std::map<std::string, std::vector<double>> v;
  v["PM2.5"].assign(h.size(), 75.0);
  const auto d = daily_aqi_series(h, v, complete_beijing_days(h), DailyOptions{});
  REQUIRE(d.size() == 2);
  CHECK(d[0].standard == AqiStandard::hj633_2012);
  CHECK(d[0].aqi == 100);
  CHECK(d[1].standard == AqiStandard::hj633_2026);
  CHECK(d[1].aqi == 114);
  DailyOptions forced;
  forced.aqi.forced = AqiStandard::hj633_2012;
  CHECK(daily_aqi_series(h, v, complete_beijing_days(h), forced)[1].aqi == 100);
}

TEST_CASE("city mean over listed stations; hourly and rolling 24-h PM AQI", "[daily]") {
  io::HourlySeries s;
  const sys_days day{year{2025} / 1 / 10};
  s.hours = axis(day, 2);
  auto& a = s.series("A", "PM2.5");
  auto& b = s.series("B", "PM2.5");
  auto& bg = s.series("BG", "PM2.5");
  for (std::size_t i = 0; i < s.size(); ++i) {
    a[i] = 100.0;
    b[i] = (i == 3) ? kNaN : 50.0;
    bg[i] = 10.0;
  }
  const auto city = city_mean(s, {"A", "B"});
  REQUIRE(city.count("PM2.5"));
  CHECK(city.at("PM2.5")[0] == 75.0);
  CHECK(city.at("PM2.5")[3] == 100.0);  // mean of the stations that have the hour
  CHECK_FALSE(city.count("O3"));

  // Rolling 24-h PM AQI: PM2.5 0 on day 1, 150 on day 2 -> the 24-h mean ending at hour k of
  // day 2 is 150*k/24; valid with >= 20 hours on the axis.
  std::map<std::string, std::vector<double>> v;
  auto& pm = v["PM2.5"];
  pm.assign(s.size(), 0.0);
  for (std::size_t i = 24; i < 48; ++i) pm[i] = 150.0;
  const auto r = rolling_pm_aqi(s.hours, v, DailyOptions{});
  CHECK_FALSE(r[18].has_value());  // 19 hours on the axis
  CHECK(r[19] == 0);
  CHECK(r[23] == 0);
  CHECK(r[35] == iaqi(AqiStandard::hj633_2012, AqiMetric::pm25_24h, 150.0 * 12 / 24));
  CHECK(r[47] == 200);
  // Hourly AQI: 1-h rows; 2012 SO2-1h above 800 uses the 24-h SO2 IAQI.
  std::map<std::string, std::vector<double>> hv;
  hv["SO2"].assign(s.size(), 100.0);
  hv["SO2"][30] = 900.0;
  hv["NO2"].assign(s.size(), 100.0);  // 1-h NO2 100 -> 50
  const auto ha = hourly_aqi(s.hours, hv, DailyOptions{});
  CHECK(ha[5] == 50);  // SO2 1-h 100 -> 34, NO2 1-h 100 -> 50
  const double so2_24 = (23 * 100.0 + 900.0) / 24.0;
  CHECK(ha[30] == iaqi(AqiStandard::hj633_2012, AqiMetric::so2_24h, so2_24));
}
