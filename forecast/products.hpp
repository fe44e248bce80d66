#pragma once
// Forecast products from hourly station series (docs/forecast.md): daily AQI per station and for
// the city, alerts, emergency scaling for a scenario run, base/scenario comparison, report.html
// and PNGs. `qiantang forecast` calls make_products() after the runs; `qiantang aqi` calls it on
// observation files.
//
// Typical use by the forecast driver:
//   auto cfg = forecast::load_product_config(ini);                    // [aqi] [validity] [alerts]
//   ... forecast::ProductInputs in{.base = io::read_station_csv(run_dir / "stations.csv"), .config
//   = cfg,
//                              .out_dir = run_dir / "products"};
//   auto p = forecast::make_products(in);          // writes daily_aqi.csv, alerts.json,
//   report.html ... if (p.city.alerts.max_level() != forecast::AlertLevel::none)
//     run the scenario with  p.out_dir / "emergency_scaling.csv"  as [emissions] scaling, then
//   in.scenario = io::read_station_csv(scenario_dir / "stations.csv"); make_products(in);
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "forecast/alerts/alerts.hpp"
#include "forecast/aqi/daily.hpp"
#include "forecast/scenario/emergency.hpp"
#include "io/config/config.hpp"
#include "io/csv/station_csv.hpp"

namespace qiantang::forecast {

// One day of a 2-D field over the domain (µg/m^3): lat/lon either 2-D (nx*ny, row-major, x
// fastest, j = 0 southmost row or any order) or 1-D (lat: ny, lon: nx); value nx*ny.
struct DailyMap {
  std::string day;  // "YYYY-MM-DD" (Beijing day)
  std::vector<double> lat, lon, value;
  int nx = 0, ny = 0;
};

struct StationInfo {
  std::string id, name;
  double lon = 0, lat = 0;
  bool background = false;  // excluded from the city mean (e.g. 1225A Qiandao Lake)
};
// `id,name,lon,lat,background` (background 0/1 or true/false).
std::vector<StationInfo> read_station_list(const std::filesystem::path& file);

struct MapOverlay {  // a polyline drawn on the maps (coastline, district boundary)
  std::string name;
  std::vector<double> lon, lat;
};
// The emissions region file layout `region,part,lon,lat` (docs/formats.md), closed polygons.
std::vector<MapOverlay> read_overlays(const std::filesystem::path& file);

struct ProductConfig {
  DailyOptions daily;
  AlertRules alerts = default_alert_rules();
  std::vector<StationInfo> stations;       // coordinates and background flags
  std::vector<std::string> city_stations;  // empty: every non-background station in the series
  std::string city_name = "city";
  EmergencyCutTable emergency_cuts = default_emergency_cuts();
  std::vector<MapOverlay> overlays;
  std::string title = "Qiantang air-quality forecast";
  bool write_png = true;
  bool station_alerts = true;  // alerts per station as well as for the city
};
// Sections [aqi] (standard auto|2012|2026, over800 auto|hj633_2012|fixed_iaqi, round_inputs
// auto|true|false, o3_1h_in_daily), [validity] (daily_min_hours, window_min_hours,
// mda8_min_windows, mda8_exceedance_limit, running_min_hours), [alerts] (see alerts.hpp),
// [emergency] cuts = FILE, [city] name, stations = FILE, background = ids (overrides the list),
// [report] title, png, overlays = FILES. Every key is optional. Paths relative to the INI.
ProductConfig load_product_config(const io::Config& config);
ProductConfig load_product_config(const std::filesystem::path& ini,
                                  const std::vector<std::string>& overrides = {});

struct ProductInputs {
  io::HourlySeries base;
  std::optional<io::HourlySeries> scenario;  // emergency-control run, same stations
  std::string scenario_name = "emergency control";
  std::vector<DailyMap> pm25_maps, o3_mda8_maps;  // optional, one per day
  // attribution.csv of the innermost run (source attribution, docs/attribution.md); adds the
  // report section `attribution` when it exists.
  std::optional<std::filesystem::path> attribution_csv;
  ProductConfig config;
  std::filesystem::path out_dir;
  std::vector<std::chrono::sys_days>
      days;  // empty: every Beijing day of `base` with >= daily_min_hours hours
};

struct EntityProducts {
  std::string id;  // "city" or the station id
  std::string name;
  std::map<std::string, std::vector<double>>
      hourly;  // pollutant -> hourly values (city mean for the city)
  std::vector<DailyAqi> daily;
  std::vector<std::optional<int>> hourly_aqi;
  AlertResult alerts;
};

struct ForecastProducts {
  std::vector<std::chrono::sys_days> days;
  std::vector<TimePoint> hours;
  EntityProducts city;
  std::vector<EntityProducts> stations;  // by id
  std::optional<EntityProducts> scenario_city;
  std::vector<ScenarioDay> scenario;          // empty without a scenario
  std::vector<ScalingRow> emergency_scaling;  // cuts for the base city alert episodes
  std::filesystem::path out_dir;
  std::vector<std::filesystem::path> files;  // everything written
  std::vector<std::string> warnings;
  std::string alert_summary;  // printable, several lines

  AlertLevel city_level(std::chrono::sys_days day) const;
};

// Computes everything without writing.
ForecastProducts compute_products(const ProductInputs& in);
// Computes and writes into in.out_dir: daily_aqi.csv, alerts.json, emergency_scaling.csv,
// scenario_comparison.csv (with a scenario), report.html, png/*.png (config.write_png).
ForecastProducts make_products(const ProductInputs& in);

// Individual writers.
void write_daily_aqi_csv(const std::filesystem::path& file, const ForecastProducts& p);
void write_alerts_json(const std::filesystem::path& file, const ForecastProducts& p);
std::string alert_summary_text(const ForecastProducts& p);
// The self-contained HTML report (inline SVG, PNG as base64; no external resources).
std::string report_html(const ForecastProducts& p, const ProductInputs& in);
// PNGs without text: map_pm25_DAY.png, map_o3_DAY.png, series_ID.png; returns the paths.
std::vector<std::filesystem::path> write_pngs(const std::filesystem::path& dir,
                                              const ForecastProducts& p, const ProductInputs& in);

}  // namespace qiantang::forecast
