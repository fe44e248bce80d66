#pragma once
// Pairing of station observations with model station series and the statistics built on the
// pairs, grouped by series ("hourly", "daily_mean", "MDA8"), pollutant, station (and the city
// mean) and forecast lead day.
//
// Pairing rules:
//  - hourly: the model value of the hour ending at t pairs with the observation of the hour ending
//    at t; a pair exists only when both are present. Lead day = day of t (lead_day.hpp) relative
//    to the run's first forecast day.
//  - daily: per Beijing-time day, 24-h means (PM2.5, PM10, SO2, NO2, CO) and the O3 MDA8 are
//    computed (forecast/, GB 3095 validity rules) from the paired hours only: an hour missing on
//    one side is removed from the other first, so both daily values rest on the same hours; the
//    day pairs when both are valid.
//  - city mean: the mean over the city-mean stations that have both values at that hour (day);
//    it exists when at least `city_min_fraction` of the city stations carrying that pollutant in
//    both data sets do. Daily city means average the stations' daily values (HJ 663 practice).
//  - daily AQI (HJ 633 via forecast/): from the pollutants whose daily values exist on both sides
//    on that day, so observed and forecast AQI always rest on the same pollutants.
// Several runs (daily forecasts) may be given; each contributes its pairs under its own lead days.
// Lead day 0 in a statistics row means "all lead days pooled".
#include <chrono>
#include <compare>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "io/csv/station_csv.hpp"
#include "io/output/station_list.hpp"
#include "validation/benchmarks.hpp"
#include "validation/hj1130.hpp"
#include "validation/statistics.hpp"

namespace qiantang::validation {

// Station id used for the city mean in every table and output file.
inline constexpr const char* kCityMean = "city_mean";

struct ModelRun {
  std::string name;                   // e.g. the run directory
  io::HourlySeries series;            // the run's stations.csv
  std::chrono::sys_days first_day{};  // lead day 1
};

// A run from its hourly series: first_day = air-quality day of the first hour holding a value.
// Throws InputError(name, ...) when the series holds no value.
ModelRun make_model_run(std::string name, io::HourlySeries series);
// Reads RUN_DIR/stations.csv.
ModelRun load_model_run(const std::filesystem::path& run_dir);

struct Pair {
  TimePoint time;    // hourly: end of the hour; daily: 00:00 UTC of the day label (sys_days)
  int lead_day = 0;  // 1-based
  int run = 0;       // index into the runs
  double obs = 0.0;
  double model = 0.0;
};

struct SeriesKey {
  std::string series;     // "hourly", "daily_mean", "MDA8"
  std::string pollutant;  // PM2.5, PM10, O3, NO2, SO2, CO
  std::string station;    // station id or kCityMean
  auto operator<=>(const SeriesKey&) const = default;
};

struct AqiDay {
  std::chrono::sys_days day{};
  int lead_day = 0;
  int run = 0;
  AqiDayPair aqi;
};

struct PairingOptions {
  // Stations to evaluate (io/output/station_list.hpp; background stations stay out of the city
  // mean); empty = every station present in both the observations and a run, all entering the
  // city mean.
  std::vector<io::Station> stations;
  double city_min_fraction = 0.75;
};

struct PairedData {
  std::map<SeriesKey, std::vector<Pair>> values;        // sorted by run, then time
  std::map<std::string, std::vector<AqiDay>> aqi_days;  // by station (and kCityMean)
};

PairedData pair_observations(const io::HourlySeries& obs, const std::vector<ModelRun>& runs,
                             const PairingOptions& options);

// Series name of a pollutant's daily value: "MDA8" for O3, "daily_mean" otherwise.
std::string daily_series_name(const std::string& pollutant);
// "mg/m3" for CO, "ug/m3" otherwise.
std::string pollutant_unit(const std::string& pollutant);

struct BenchmarkOutcome {
  BenchmarkRule rule;
  double value = 0.0;  // the statistic, fraction
  BenchmarkResult result = BenchmarkResult::kNoData;
};

struct StatisticsRow {
  SeriesKey key;
  int lead_day = 0;  // 0 = all lead days
  PairedStatistics stats;
  std::vector<BenchmarkOutcome> benchmarks;  // rules that apply to this series and pollutant
};

struct AqiScoreRow {
  std::string station;
  int lead_day = 0;  // 0 = all lead days
  Hj1130Scores scores;
};

struct RunSummary {
  std::string name;
  std::chrono::sys_days first_day{};
  int n_lead_days = 0;  // air-quality days the run's hours touch
};

struct Evaluation {
  std::vector<RunSummary> runs;
  PairedData pairs;
  std::vector<StatisticsRow> statistics;  // by key, then lead day (0 first)
  std::vector<AqiScoreRow> aqi_scores;    // by station, then lead day (0 first)
  int max_lead_day = 0;
};

Evaluation evaluate(const io::HourlySeries& obs, const std::vector<ModelRun>& runs,
                    const PairingOptions& options);

}  // namespace qiantang::validation
