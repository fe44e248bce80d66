#pragma once
// Daily AQI forecast scores of HJ 1130—2020 (as implemented publicly; shared/reference/
// air-quality-rules.md). Over the days where both an observed and a forecast daily AQI exist:
//  - AQI range hit rate: fraction of days with 0.75·F <= O <= 1.25·F (F forecast, O observed AQI);
//  - AQI level accuracy: fraction of days whose forecast AQI level (1..6, HJ 633 categories)
//    equals the observed level; also per observed level (days observed at level L forecast at L);
//  - heavy-day accuracy: days with observed AQI > 200 forecast at the observed level;
//  - primary-pollutant accuracy: over the days with an observed primary pollutant (AQI > 50), the
//    fraction whose forecast primary pollutants share at least one pollutant with the observed
//    ones (ties name several; a forecast with AQI <= 50 names none and misses).
// A rate with no days to count is NaN.
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace qiantang::validation {

struct AqiDayPair {
  int obs_aqi = 0;
  int model_aqi = 0;
  int obs_level = 0;                       // 1..6 (HJ 633 Table 2 categories)
  int model_level = 0;                     // 1..6
  std::vector<std::string> obs_primary;    // empty when AQI <= 50
  std::vector<std::string> model_primary;  // empty when AQI <= 50
};

struct Hj1130Scores {
  std::size_t n_days = 0;
  double range_hit_rate = 0.0;                      // fraction
  double level_accuracy = 0.0;                      // fraction
  std::array<std::size_t, 6> days_by_level{};       // observed days per level 1..6
  std::array<double, 6> level_accuracy_by_level{};  // fraction, NaN where no days
  std::size_t heavy_days = 0;                       // observed AQI > 200
  double heavy_day_accuracy = 0.0;                  // fraction
  std::size_t primary_days = 0;                     // observed AQI > 50
  double primary_accuracy = 0.0;                    // fraction
};

// 0.75·F <= O <= 1.25·F.
bool aqi_range_hit(int obs_aqi, int model_aqi);

Hj1130Scores hj1130_scores(std::span<const AqiDayPair> days);

}  // namespace qiantang::validation
