#pragma once
// Daily statistics (GB 3095 validity), daily AQI per station and for the city, hourly AQI.
//
// Beijing day D holds the hours ENDING in (D 00:00, D+1 00:00] Beijing time (COMMON.md), i.e.
// the hour-ending labels 01:00 ... 24:00 of D. The O3 8-h moving mean ending at hour e covers
// the hours ending e−7 ... e; the MDA8 of D is the largest of the 17 windows ending at
// 08:00 ... 24:00 of D, so it uses only hours of D.
#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "forecast/aqi/aqi.hpp"
#include "io/csv/station_csv.hpp"

namespace qiantang::forecast {

// The six pollutants, as named in station CSVs, daily_aqi.csv and alerts.json.
enum class Pollutant { so2, no2, pm10, co, o3, pm25 };
inline constexpr int kPollutantCount = 6;
inline constexpr std::array<Pollutant, kPollutantCount> kPollutants{
    Pollutant::so2, Pollutant::no2, Pollutant::pm10, Pollutant::co, Pollutant::o3, Pollutant::pm25};
std::string to_string(Pollutant p);  // "SO2", "NO2", "PM10", "CO", "O3", "PM2.5"

// GB 3095—2012 Table 4 data-validity counts (and HJ 663 for the number of 8-h windows).
struct ValidityRules {
  int daily_min_hours = 20;       // a 24-h mean needs >= 20 valid hourly values
  int window_min_hours = 6;       // an 8-h mean needs >= 6 valid hourly values
  int mda8_first_window_end = 8;  // windows end at 08:00 ... 24:00 Beijing time (17 windows)
  // Valid 8-h windows needed for the MDA8 (HJ 663 practice: 14 of 17, and a day whose valid
  // windows already exceed `mda8_exceedance_limit` counts anyway). Set 1 to accept any window.
  int mda8_min_windows = 14;
  double mda8_exceedance_limit = 160.0;  // µg/m^3, GB 3095 grade-2 O3 8-h limit
  int running_min_hours = 20;            // a 24-h running mean (alerts, hourly AQI SO2 substitute)
};

struct DailyConcentrations {
  std::chrono::sys_days day{};  // Beijing day
  // 24-h means (µg/m^3, CO mg/m^3); NaN when invalid.
  double so2_24h = 0, no2_24h = 0, pm10_24h = 0, co_24h = 0, pm25_24h = 0;
  double o3_mda8 = 0;    // daily max 8-h moving mean, NaN when invalid
  double o3_1h_max = 0;  // daily max hourly O3 (NaN without data); used for the 2012 >800 rule
  std::array<int, kPollutantCount> valid_hours{};  // per Pollutant
  int o3_valid_windows = 0;
  double value(Pollutant p) const;  // the value that enters the daily AQI (MDA8 for O3)
};

struct DailyAqi {
  std::chrono::sys_days day{};
  AqiStandard standard = AqiStandard::hj633_2012;
  DailyConcentrations conc;
  std::array<std::optional<int>, kPollutantCount> iaqi{};  // per Pollutant; nullopt = invalid
  std::optional<int> aqi;            // max IAQI; nullopt when no pollutant is valid
  std::vector<Pollutant> primary;    // largest IAQI (all ties) when AQI > 50, else empty
  bool complete = false;             // all six IAQIs valid
  std::string primary_text() const;  // "PM2.5;O3" or "" (CSV) — "-" never
};

struct DailyOptions {
  AqiOptions aqi;
  ValidityRules validity;
  // HJ 633's daily report also lists the daily max 1-h O3; by default the daily AQI is the max
  // over the 24-h means and the MDA8 only (shared reference). true adds the 1-h O3 IAQI.
  bool o3_1h_in_daily = false;
};

// The Beijing days touched by the hour axis (first to last, inclusive).
std::vector<std::chrono::sys_days> beijing_days(const std::vector<TimePoint>& hours);
// The Beijing days whose 24 hours all lie on the axis.
std::vector<std::chrono::sys_days> complete_beijing_days(const std::vector<TimePoint>& hours);

// Mean of the valid values if at least `min_valid` are valid, else NaN.
double valid_mean(const double* v, std::size_t n, int min_valid, int* count = nullptr);

// Daily statistics of one station (by_pollutant: "PM2.5" -> hourly values on `hours`).
DailyConcentrations daily_concentrations(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant, std::chrono::sys_days day,
    const ValidityRules& rules);

// IAQIs, AQI, primary pollutant(s) of one day; the standard is chosen by the day unless forced.
// 2012 >800 rule: an MDA8 above 800 is reported by the 1-h O3 IAQI (o3_1h_max).
DailyAqi daily_aqi(const DailyConcentrations& c, const DailyOptions& options);

std::vector<DailyAqi> daily_aqi_series(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant,
    const std::vector<std::chrono::sys_days>& days, const DailyOptions& options);

// City hourly series: for each hour and pollutant the mean over the listed stations that have a
// value (NaN when none has), as CNEMC forms city values from its stations. Stations absent
// from `series` are ignored.
std::map<std::string, std::vector<double>> city_mean(const io::HourlySeries& series,
                                                     const std::vector<std::string>& city_stations);

// Running mean over the `window` hours ending at each hour (NaN with fewer than min_valid).
std::vector<double> running_mean(const std::vector<double>& v, int window, int min_valid);

// Hourly (real-time) AQI: 1-h IAQIs of SO2, NO2, CO, O3 and the PM 24-h rows applied to the
// hourly PM values (HJ 633 real-time report). 2012 >800 rule: SO2-1h above 800 is reported by
// the IAQI of the 24-h running SO2 mean ending at that hour. nullopt where nothing is valid.
std::vector<std::optional<int>> hourly_aqi(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant, const DailyOptions& options);

// Rolling 24-h PM AQI for alerts (may cross midnight): at each hour the max of the PM2.5 and
// PM10 24-h IAQIs of the 24-h running means ending at that hour; nullopt when neither is valid.
std::vector<std::optional<int>> rolling_pm_aqi(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant, const DailyOptions& options);

}  // namespace qiantang::forecast
