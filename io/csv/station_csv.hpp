#pragma once
// Hourly station series: the "long" CSV (`time,station,pollutant,value`, the layout of a run's
// stations.csv and of observation files, COMMON interface) and the national network's (CNEMC)
// published "wide" CSV (`date,hour,type,<station ids...>`), read into one structure.
//
// Time convention (both layouts): every value is the mean of the hour ENDING at its time stamp.
//  - long:  `time` is ISO-8601 with an explicit offset (`2026-01-10T08:00:00+08:00` or `...Z`);
//  - wide:  row `date=D, hour=h` is the hour ending at D h:00 Beijing time (UTC+8), i.e. the
//           interval (h-1:00, h:00]. This is how CNEMC publishes hourly data ("the data for 4pm
//           represent the average value from 3pm to 4pm"). Consequently hour 0 of the file dated D
//           is the last hour of Beijing day D-1, and Beijing day D (hours ending in
//           (D 00:00, D+1 00:00]) uses hours 1..23 of file D plus hour 0 of file D+1. Hour 24 is
//           accepted as a synonym of hour 0 of the next date.
// Missing values are NaN in memory; in files they are blank, `NA`, `NaN` or `-` (wide) or an
// absent row (long; the writer never writes NaN rows).
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "solver/common/time.hpp"

namespace qiantang::io {

// The six pollutants of HJ 633, as spelled in the station CSVs. Units µg/m^3, CO mg/m^3.
const std::vector<std::string>& station_pollutants();

struct HourlySeries {
  // End of each hour (UTC instants), contiguous, strictly increasing by one hour.
  std::vector<TimePoint> hours;
  // values[station][pollutant][i] belongs to hours[i]; NaN = missing.
  std::map<std::string, std::map<std::string, std::vector<double>>> values;

  std::size_t size() const { return hours.size(); }
  bool empty() const { return hours.empty(); }
  std::vector<std::string> stations() const;
  // nullptr when that station or pollutant is absent.
  const std::vector<double>* find(const std::string& station, const std::string& pollutant) const;
  // Index of the hour ending at `t`, or -1.
  long index_of(TimePoint t) const;
  // The series of (station, pollutant), created NaN-filled if absent.
  std::vector<double>& series(const std::string& station, const std::string& pollutant);
  // Extends the hour axis to cover [first, last] (hour ends), NaN-padding every series.
  void cover(TimePoint first, TimePoint last);
};

struct StationCsvOptions {
  // Wide files also carry derived types (`PM2.5_24h`, `O3_8h`, `AQI`, ...). By default only the
  // six hourly pollutants are kept; with true every type is kept under its own name. For long
  // files, true accepts pollutant names outside station_pollutants().
  bool keep_other_types = false;
};

enum class StationCsvLayout { long_format, wide_format };

// Reads either layout, chosen by the header line (`time,station,pollutant,value` vs
// `date,hour,type,...`). Throws InputError("file:line", column, expected) on malformed input:
// unknown header, wrong number of fields, unparsable or negative value, time without an offset
// or not on the hour, hour outside 0..24, duplicate (time, station, pollutant).
HourlySeries read_station_csv(const std::filesystem::path& file, StationCsvOptions options = {});
// Several files (e.g. one wide file per day) merged; a value given twice is an InputError.
HourlySeries read_station_csvs(const std::vector<std::filesystem::path>& files,
                               StationCsvOptions options = {});
StationCsvLayout detect_station_csv_layout(const std::filesystem::path& file);

// Same parsers on text already in memory; `name` is used in error messages.
HourlySeries parse_station_csv(const std::string& text, const std::string& name,
                               StationCsvOptions options = {});

// Adds `from` into `into` (union of hours, stations, pollutants). Throws InputError naming
// `from_name` when both hold a non-missing value for the same (hour, station, pollutant).
void merge_series(HourlySeries& into, const HourlySeries& from, const std::string& from_name);

// Writes the long layout: header `time,station,pollutant,value`, rows sorted by time, station,
// pollutant, times in Beijing time with `+08:00`, values in shortest round-trip form, NaN skipped.
void write_long_csv(const std::filesystem::path& file, const HourlySeries& series);
std::string format_long_csv(const HourlySeries& series);

// "2026-01-10T08:00:00+08:00"
std::string format_beijing_iso8601(TimePoint t);

}  // namespace qiantang::io
