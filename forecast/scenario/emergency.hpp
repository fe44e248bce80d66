#pragma once
// Emergency-control scenarios: the per-level emission cuts of a heavy-pollution alert as an
// editable table, turned into the emission scaling rows a scenario run reads
// (docs/formats.md "Scaling": sector,species,region,factor[,start,end]), and the comparison of
// base and scenario daily results.
//
// Cut table (configs/forecast/emergency_cuts.csv): `level,sector,species,cut_fraction[,region]`,
// level yellow|orange|red, sector a sector name or `all`, species an inventory species
// (SO2, NOX, VOC, PM25, PM10, BC, OC, NH3, CO) or `all`, 0 <= cut_fraction <= 1, region a region
// name or `all` (default). factor = 1 − cut_fraction. Defaults: 10 / 20 / 30 % of SO2, NOX,
// PM (PM25, PM10, BC, OC) and VOC for yellow / orange / red in all sectors (widely cited
// minimum cuts of the national guidance; not confirmed from the text).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "forecast/alerts/alerts.hpp"
#include "io/emissions/profiles.hpp"

namespace qiantang::forecast {

struct EmergencyCut {
  AlertLevel level = AlertLevel::yellow;
  std::string sector = "all", species, region = "all";
  double cut_fraction = 0.0;
};
using EmergencyCutTable = std::vector<EmergencyCut>;

EmergencyCutTable default_emergency_cuts();
// Throws InputError("file:line", column, expected).
EmergencyCutTable read_emergency_cuts(const std::filesystem::path& file);
void write_emergency_cuts(const std::filesystem::path& file, const EmergencyCutTable& table);

using ScalingRow = io::ScalingRow;
// The rows of `level` as scaling rows (factor = 1 − cut), active in [start, end) when given.
// Level none gives no rows (a base run).
std::vector<ScalingRow> emergency_scaling(AlertLevel level, const EmergencyCutTable& table,
                                          std::optional<TimePoint> start = std::nullopt,
                                          std::optional<TimePoint> end = std::nullopt);
// One set of rows per coloured episode of `alerts`, active from 00:00 Beijing time of its first
// day to 24:00 of its last day, at the episode's level.
std::vector<ScalingRow> emergency_scaling(const AlertResult& alerts,
                                          const EmergencyCutTable& table);
// `sector,species,region,factor,start,end` (times ISO-8601 +08:00, empty = unbounded).
void write_scaling_csv(const std::filesystem::path& file, const std::vector<ScalingRow>& rows);
std::string format_scaling_csv(const std::vector<ScalingRow>& rows);

struct ScenarioDay {
  std::chrono::sys_days day{};
  double base_pm25 = 0, scenario_pm25 = 0;  // city-mean 24-h PM2.5, µg/m^3 (NaN invalid)
  std::optional<int> base_aqi, scenario_aqi;
  AlertLevel base_level = AlertLevel::none, scenario_level = AlertLevel::none;
  double delta_pm25() const { return scenario_pm25 - base_pm25; }
  std::optional<int> delta_aqi() const {
    if (!base_aqi || !scenario_aqi) return std::nullopt;
    return *scenario_aqi - *base_aqi;
  }
};
// Per day present in both: city-mean PM2.5, AQI and alert level of base and scenario.
std::vector<ScenarioDay> compare_scenario(const std::vector<DailyAqi>& base,
                                          const AlertResult& base_alerts,
                                          const std::vector<DailyAqi>& scenario,
                                          const AlertResult& scenario_alerts);
// day,base_pm25,scenario_pm25,delta_pm25,base_aqi,scenario_aqi,delta_aqi,base_level,scenario_level
void write_scenario_csv(const std::filesystem::path& file, const std::vector<ScenarioDay>& days);

}  // namespace qiantang::forecast
