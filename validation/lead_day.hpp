#pragma once
// Forecast lead days. A Beijing-time air-quality day D holds the hours ending in
// (D 00:00, D+1 00:00] Beijing time (COMMON station-series convention). A run's first forecast
// day D0 is the day of its first forecast hour; day D then has lead day (D − D0) + 1, so D0 is
// lead day 1. Days are std::chrono::sys_days labels, so month and year ends need no special case.
#include <chrono>

#include "solver/common/time.hpp"

namespace qiantang::validation {

// The Beijing-time day whose hours (D 00:00, D+1 00:00] contain the hour ending at `hour_end`.
inline std::chrono::sys_days air_quality_day(TimePoint hour_end) {
  return beijing_day(hour_end - Seconds{1});
}

// 1-based lead day of `day` for a run whose first forecast day is `first_day` (<= 0 for days
// before the run).
inline int lead_day(std::chrono::sys_days first_day, std::chrono::sys_days day) {
  return int((day - first_day).count()) + 1;
}

}  // namespace qiantang::validation
