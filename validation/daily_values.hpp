#pragma once
// Daily values for validation, on top of forecast/aqi/daily.hpp (GB 3095 validity rules, MDA8,
// HJ 633 daily AQI); nothing here recomputes what that module provides.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "forecast/aqi/daily.hpp"
#include "io/csv/station_csv.hpp"

namespace qiantang::validation {

// daily[station][day]: daily concentrations of every Beijing day the hour axis touches.
using DailyTable =
    std::map<std::string, std::map<std::chrono::sys_days, forecast::DailyConcentrations>>;
DailyTable daily_table(const io::HourlySeries& series);

// The daily value of a pollutant named as in the station CSVs (O3 -> MDA8); NaN when invalid.
double daily_value(const forecast::DailyConcentrations& c, const std::string& pollutant);
// Sets that value (O3 sets the MDA8, and the daily 1-h maximum to `o3_1h_max`).
void set_daily_value(forecast::DailyConcentrations& c, const std::string& pollutant, double value,
                     double o3_1h_max = 0.0);
// Daily concentrations with every pollutant NaN.
forecast::DailyConcentrations empty_daily(std::chrono::sys_days day);

struct DailyAqi {
  bool valid = false;  // at least one pollutant had an IAQI
  int aqi = 0;
  int level = 0;                     // 1..6
  std::vector<std::string> primary;  // empty when AQI <= 50
};
// HJ 633 daily AQI (forecast::daily_aqi, version by the day).
DailyAqi daily_aqi(const forecast::DailyConcentrations& c);

}  // namespace qiantang::validation
