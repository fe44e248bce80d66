#pragma once
// Heavy-pollution alert engine (重污染天气预警) over forecast days.
//
// The AQI the rules see per Beijing day D (the "alert AQI") is
//   alert_aqi(D) = max( PM AQI(D), IAQI_SO2(D), IAQI_NO2(D), IAQI_CO(D) )
// where, with the default `pm_aqi = rolling_24h_max`, PM AQI(D) is the largest 24-h PM IAQI of
// the 24-h running means of PM2.5 and PM10 ending at any hour of D (hour-ending 01..24), so a
// 24-h episode that straddles midnight counts; `calendar_day` uses D's own 24-h means instead.
// O3 never raises a coloured alert: the O3 health advisory rule is evaluated on the MDA8 IAQI of
// the days whose primary pollutant is O3.
//
// A rule is a list of alternatives (`|`), each a conjunction (`&`) of clauses
// `aqi > T for N h` (N a multiple of 24; `d` for days also accepted). An alternative holds on a
// window of L = max N/24 consecutive days when each clause finds N/24 consecutive days with AQI > T
// inside it; every day of such a window is at that level. Highest level wins per day. Default
// rules (national graded rule, 2018 guidance; configurable):
//   yellow = aqi > 200 for 24h | aqi > 150 for 48h
//   orange = aqi > 200 for 48h | aqi > 150 for 72h
//   red    = aqi > 200 for 72h & aqi > 300 for 24h
// Days at a level form episodes; episodes separated by at most `merge_gap_days` days without a
// level are merged into one (the gap days keep level none inside the episode).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "forecast/aqi/daily.hpp"
#include "io/config/config.hpp"

namespace qiantang::forecast {

enum class AlertLevel { none = 0, yellow = 1, orange = 2, red = 3 };
std::string to_string(AlertLevel l);     // "none", "yellow", "orange", "red"
std::string to_string_zh(AlertLevel l);  // "无", "黄色", "橙色", "红色"
const char* alert_colour(AlertLevel l);  // "#FFD700", "#FF8C00", "#E00000"; "" for none
std::optional<AlertLevel> parse_alert_level(const std::string& s);

struct AlertClause {
  double threshold = 0;  // AQI strictly above (or at, when inclusive)
  bool inclusive = false;
  int days = 1;
};
struct AlertCondition {
  std::vector<AlertClause> all_of;
  std::string text;  // as written, e.g. "aqi > 200 for 72h & aqi > 300 for 24h"
  int window_days() const;
};
struct AlertRule {
  std::vector<AlertCondition> any_of;
  std::string text;
};
// Parses "aqi > 200 for 24h | aqi > 150 for 48h"; throws InputError(where, "rule", expected).
AlertRule parse_alert_rule(const std::string& text, const std::string& where);

enum class PmAlertAqi { rolling_24h_max, calendar_day };

struct AlertRules {
  AlertRule yellow, orange, red;
  AlertRule o3_advisory;
  int merge_gap_days = 1;
  PmAlertAqi pm_aqi = PmAlertAqi::rolling_24h_max;
  const AlertRule& rule(AlertLevel l) const {
    return l == AlertLevel::red ? red : l == AlertLevel::orange ? orange : yellow;
  }
};
AlertRules default_alert_rules();
// Section [alerts] (keys yellow, orange, red, o3_advisory, merge_gap_days, pm_aqi); absent keys
// keep the defaults.
AlertRules load_alert_rules(const io::Config& config, const std::string& section = "alerts");

// What the engine needs per day.
struct AlertInputDay {
  std::chrono::sys_days day{};
  std::optional<int> alert_aqi;  // see the header comment
  std::string driver;            // pollutant giving alert_aqi ("PM2.5", "PM10", ...)
  std::optional<int> aqi;        // the day's ordinary daily AQI (for the report)
  std::optional<int> o3_iaqi;    // MDA8 IAQI
  bool o3_primary = false;       // O3 among the day's primary pollutants
};

// Alert inputs from hourly series and the daily AQI of the same entity (one per daily entry).
std::vector<AlertInputDay> alert_inputs(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant,
    const std::vector<DailyAqi>& daily, const DailyOptions& options, PmAlertAqi method);

struct AlertDay {
  AlertInputDay input;
  AlertLevel level = AlertLevel::none;
  std::string rule;  // the alternative that set the level
  bool o3_advisory = false;
  std::string o3_rule;
};

struct AlertEpisode {
  bool o3_advisory = false;              // false: coloured alert
  AlertLevel level = AlertLevel::none;   // highest level in the episode (none for advisories)
  std::chrono::sys_days start{}, end{};  // inclusive Beijing days
  std::string rule;                      // rule of the first day at the episode's level
  std::string driver;                    // driving pollutant of the day with the largest alert AQI
  std::vector<AlertDay> days;            // start..end
};

struct AlertResult {
  std::vector<AlertDay> days;
  std::vector<AlertEpisode> episodes;  // coloured alerts, then O3 advisories, each by start
  AlertLevel max_level() const;
};

// Days must be consecutive (one per Beijing day, increasing).
AlertResult evaluate_alerts(const std::vector<AlertInputDay>& days, const AlertRules& rules);

// {"level":..., "start":..., ...} objects of alerts.json (docs/forecast.md).
std::string alert_result_json(const AlertResult& r, int indent);

}  // namespace qiantang::forecast
