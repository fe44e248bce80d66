#include "forecast/products.hpp"

#include "io/output/station_list.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "forecast/report/json.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::forecast {
namespace {

void write_text(const std::filesystem::path& file, const std::string& text) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  const auto tmp = std::filesystem::path(file.string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw InputError(file.string(), "", "a writable path");
    out << text;
    if (!out) throw InputError(file.string(), "", "a writable path (write failed)");
  }
  std::filesystem::rename(tmp, file);
}

std::string fmt(double v, const char* f = "%.1f") {
  if (!std::isfinite(v)) return "";
  char b[32];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string opt(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

EntityProducts entity(const std::string& id, const std::string& name,
                      const std::vector<TimePoint>& hours,
                      std::map<std::string, std::vector<double>> hourly,
                      const std::vector<std::chrono::sys_days>& days, const ProductConfig& cfg,
                      bool with_alerts) {
  EntityProducts e;
  e.id = id;
  e.name = name;
  e.hourly = std::move(hourly);
  e.daily = daily_aqi_series(hours, e.hourly, days, cfg.daily);
  e.hourly_aqi = hourly_aqi(hours, e.hourly, cfg.daily);
  if (with_alerts)
    e.alerts = evaluate_alerts(alert_inputs(hours, e.hourly, e.daily, cfg.daily, cfg.alerts.pm_aqi),
                               cfg.alerts);
  return e;
}

std::vector<std::string> city_station_ids(const io::HourlySeries& s, const ProductConfig& cfg) {
  std::set<std::string> background;
  for (const auto& st : cfg.stations)
    if (st.background) background.insert(st.id);
  std::vector<std::string> ids;
  if (!cfg.city_stations.empty()) {
    for (const auto& id : cfg.city_stations)
      if (!background.count(id)) ids.push_back(id);
    return ids;
  }
  for (const auto& id : s.stations())
    if (!background.count(id)) ids.push_back(id);
  return ids;
}

// Beijing days with at least `min_hours` of their 24 hours on the axis (a single CNEMC daily
// file covers 23 hours of its day: hour 24 is in the next file).
std::vector<std::chrono::sys_days> covered_days(const std::vector<TimePoint>& hours,
                                                int min_hours) {
  std::vector<std::chrono::sys_days> out;
  for (auto d : beijing_days(hours)) {
    const TimePoint first = TimePoint{d} + std::chrono::hours{1} - kBeijingOffset;
    const TimePoint last = first + std::chrono::hours{23};
    const TimePoint a = std::max(first, hours.front()), b = std::min(last, hours.back());
    if (b >= a && (b - a) / std::chrono::hours{1} + 1 >= min_hours) out.push_back(d);
  }
  return out;
}

}  // namespace

std::vector<StationInfo> read_station_list(const std::filesystem::path& file) {
  std::vector<StationInfo> out;
  for (const auto& s : io::read_station_list(file)) out.push_back({s.id, s.name, s.lon_deg, s.lat_deg, s.background});
  return out;
}

std::vector<MapOverlay> read_overlays(const std::filesystem::path& file) {
  std::vector<MapOverlay> out;
  for (const auto& [name, parts] : io::read_regions(file))
    for (const auto& p : parts) {
      MapOverlay o;
      o.name = name;
      o.lon = p.lon;
      o.lat = p.lat;
      o.lon.push_back(p.lon.front());
      o.lat.push_back(p.lat.front());
      out.push_back(o);
    }
  return out;
}

ProductConfig load_product_config(const io::Config& c) {
  ProductConfig p;
  auto& a = p.daily.aqi;
  const std::string std_ = c.get_string("aqi", "standard", "auto");
  if (std_ != "auto") {
    a.forced = parse_aqi_standard(std_);
    if (!a.forced)
      throw InputError(c.where("aqi", "standard"), "standard",
                       "auto, 2012 or 2026, got '" + std_ + "'");
  }
  const std::string o8 = c.get_string("aqi", "over800", "auto");
  if (o8 == "hj633_2012")
    a.over800 = Over800Rule::hj633_2012;
  else if (o8 == "fixed_iaqi")
    a.over800 = Over800Rule::fixed_iaqi;
  else if (o8 != "auto")
    throw InputError(c.where("aqi", "over800"), "over800",
                     "auto, hj633_2012 or fixed_iaqi, got '" + o8 + "'");
  const std::string ri = c.get_string("aqi", "round_inputs", "auto");
  if (ri == "true")
    a.round_inputs = true;
  else if (ri == "false")
    a.round_inputs = false;
  else if (ri != "auto")
    throw InputError(c.where("aqi", "round_inputs"), "round_inputs",
                     "auto, true or false, got '" + ri + "'");
  p.daily.o3_1h_in_daily = c.get_bool("aqi", "o3_1h_in_daily", false);
  auto& v = p.daily.validity;
  auto count = [&](const char* key, int& out, int lo, int hi) {
    const long x = c.get_int("validity", key, out);
    if (x < lo || x > hi)
      throw InputError(c.where("validity", key), key,
                       "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    out = int(x);
  };
  count("daily_min_hours", v.daily_min_hours, 1, 24);
  count("window_min_hours", v.window_min_hours, 1, 8);
  count("mda8_first_window_end", v.mda8_first_window_end, 8, 24);
  count("mda8_min_windows", v.mda8_min_windows, 1, 17);
  count("running_min_hours", v.running_min_hours, 1, 24);
  v.mda8_exceedance_limit =
      c.get_double("validity", "mda8_exceedance_limit", v.mda8_exceedance_limit);
  p.alerts = load_alert_rules(c, "alerts");
  if (c.has("emergency", "cuts"))
    p.emergency_cuts = read_emergency_cuts(c.get_path("emergency", "cuts"));
  p.city_name = c.get_string("city", "name", p.city_name);
  if (c.has("city", "stations")) p.stations = read_station_list(c.get_path("city", "stations"));
  if (c.has("city", "background")) {
    const auto bg = c.get_list("city", "background");
    for (auto& s : p.stations) s.background = std::find(bg.begin(), bg.end(), s.id) != bg.end();
    for (const auto& id : bg)
      if (std::none_of(p.stations.begin(), p.stations.end(),
                       [&](const StationInfo& s) { return s.id == id; }))
        p.stations.push_back({id, id, 0, 0, true});
  }
  p.city_stations = c.get_list("city", "city_stations", {});
  p.title = c.get_string("report", "title", p.title);
  p.write_png = c.get_bool("report", "png", true);
  p.station_alerts = c.get_bool("alerts", "per_station", true);
  if (c.has("report", "overlays"))
    for (const auto& f : c.get_list("report", "overlays")) {
      const std::filesystem::path path =
          std::filesystem::path(f).is_absolute() ? std::filesystem::path(f) : c.base_dir() / f;
      for (auto& o : read_overlays(path)) p.overlays.push_back(o);
    }
  return p;
}

ProductConfig load_product_config(const std::filesystem::path& ini,
                                  const std::vector<std::string>& overrides) {
  return load_product_config(io::Config::load(ini, overrides));
}

AlertLevel ForecastProducts::city_level(std::chrono::sys_days day) const {
  for (const auto& d : city.alerts.days)
    if (d.input.day == day) return d.level;
  return AlertLevel::none;
}

ForecastProducts compute_products(const ProductInputs& in) {
  ForecastProducts p;
  const ProductConfig& cfg = in.config;
  p.out_dir = in.out_dir;
  p.hours = in.base.hours;
  p.days =
      in.days.empty() ? covered_days(in.base.hours, cfg.daily.validity.daily_min_hours) : in.days;
  if (p.days.empty())
    throw InputError(
        "station series", "hours",
        "at least one Beijing day with enough hours for a 24-h mean (hours ending 01:00..24:00)");
  std::map<std::string, std::string> names;
  for (const auto& s : cfg.stations) names[s.id] = s.name;
  const auto ids = city_station_ids(in.base, cfg);
  if (ids.empty()) p.warnings.push_back("no city stations in the series: the city mean is empty");
  p.city = entity("city", cfg.city_name, p.hours, city_mean(in.base, ids), p.days, cfg, true);
  for (const auto& id : in.base.stations())
    p.stations.push_back(entity(id, names.count(id) ? names[id] : id, p.hours,
                                in.base.values.at(id), p.days, cfg, cfg.station_alerts));
  p.emergency_scaling = emergency_scaling(p.city.alerts, cfg.emergency_cuts);
  if (in.scenario) {
    const auto sids = city_station_ids(*in.scenario, cfg);
    p.scenario_city = entity("city", cfg.city_name + " (" + in.scenario_name + ")",
                             in.scenario->hours, city_mean(*in.scenario, sids), p.days, cfg, true);
    p.scenario = compare_scenario(p.city.daily, p.city.alerts, p.scenario_city->daily,
                                  p.scenario_city->alerts);
  }
  p.alert_summary = alert_summary_text(p);
  return p;
}

void write_daily_aqi_csv(const std::filesystem::path& file, const ForecastProducts& p) {
  std::ostringstream o;
  o << "station,day,standard,aqi,category_level,category,category_zh,colour,primary,"
       "pm25_24h,pm10_24h,so2_24h,no2_24h,co_24h,o3_mda8,o3_1h_max,"
       "iaqi_pm25,iaqi_pm10,iaqi_so2,iaqi_no2,iaqi_co,iaqi_o3,complete,alert_aqi,alert_level\n";
  auto rows = [&](const EntityProducts& e) {
    for (std::size_t i = 0; i < e.daily.size(); ++i) {
      const DailyAqi& d = e.daily[i];
      const AqiCategory* cat = d.aqi ? &aqi_category(*d.aqi) : nullptr;
      const AlertDay* a = i < e.alerts.days.size() ? &e.alerts.days[i] : nullptr;
      o << e.id << "," << format_date(d.day) << ","
        << (d.standard == AqiStandard::hj633_2012 ? "2012" : "2026") << "," << opt(d.aqi) << ","
        << (cat ? std::to_string(cat->level) : "") << "," << (cat ? cat->name_en : "") << ","
        << (cat ? cat->name_zh : "") << "," << (cat ? cat->colour : "") << "," << d.primary_text()
        << "," << fmt(d.conc.pm25_24h) << "," << fmt(d.conc.pm10_24h) << "," << fmt(d.conc.so2_24h)
        << "," << fmt(d.conc.no2_24h) << "," << fmt(d.conc.co_24h, "%.2f") << ","
        << fmt(d.conc.o3_mda8) << "," << fmt(d.conc.o3_1h_max) << ","
        << opt(d.iaqi[std::size_t(Pollutant::pm25)]) << ","
        << opt(d.iaqi[std::size_t(Pollutant::pm10)]) << ","
        << opt(d.iaqi[std::size_t(Pollutant::so2)]) << ","
        << opt(d.iaqi[std::size_t(Pollutant::no2)]) << ","
        << opt(d.iaqi[std::size_t(Pollutant::co)]) << "," << opt(d.iaqi[std::size_t(Pollutant::o3)])
        << "," << (d.complete ? 1 : 0) << "," << (a ? opt(a->input.alert_aqi) : "") << ","
        << (a ? to_string(a->level) : "") << "\n";
    }
  };
  rows(p.city);
  for (const auto& s : p.stations) rows(s);
  write_text(file, o.str());
}

void write_alerts_json(const std::filesystem::path& file, const ForecastProducts& p) {
  std::ostringstream o;
  o << "{\n  \"days\": [";
  for (std::size_t i = 0; i < p.days.size(); ++i)
    o << (i ? ", " : "") << json_string(format_date(p.days[i]));
  o << "],\n  \"city\": " << json_string(p.city.name)
    << ",\n  \"city_alerts\": " << alert_result_json(p.city.alerts, 2);
  o << ",\n  \"stations\": {";
  bool first = true;
  for (const auto& s : p.stations) {
    if (s.alerts.days.empty()) continue;
    o << (first ? "" : ",") << "\n    " << json_string(s.id) << ": "
      << alert_result_json(s.alerts, 4);
    first = false;
  }
  o << (first ? "" : "\n  ") << "}";
  if (p.scenario_city)
    o << ",\n  \"scenario_city_alerts\": " << alert_result_json(p.scenario_city->alerts, 2);
  o << "\n}\n";
  write_text(file, o.str());
}

std::string alert_summary_text(const ForecastProducts& p) {
  std::ostringstream o;
  o << p.city.name << " " << format_date(p.days.front()) << " .. " << format_date(p.days.back())
    << ": ";
  const auto& eps = p.city.alerts.episodes;
  const bool any_alert =
      std::any_of(eps.begin(), eps.end(), [](const AlertEpisode& e) { return !e.o3_advisory; });
  o << (any_alert ? "ALERT" : "no heavy-pollution alert") << "\n";
  for (const auto& e : eps) {
    if (e.o3_advisory)
      o << "  O3 health advisory " << format_date(e.start) << " .. " << format_date(e.end) << " ("
        << e.rule << ")\n";
    else
      o << "  " << to_string(e.level) << " alert (" << to_string_zh(e.level) << "预警) "
        << format_date(e.start) << " .. " << format_date(e.end) << ", driven by " << e.driver
        << " (" << e.rule << ")\n";
  }
  o << "  day         AQI  category             primary     alert\n";
  for (std::size_t i = 0; i < p.city.daily.size(); ++i) {
    const auto& d = p.city.daily[i];
    char line[160];
    std::snprintf(
        line, sizeof line, "  %s  %4s  %-19s  %-10s  %s\n", format_date(d.day).c_str(),
        d.aqi ? std::to_string(*d.aqi).c_str() : "-",
        d.aqi ? aqi_category(*d.aqi).name_en : "no data",
        d.primary.empty() ? "-" : d.primary_text().c_str(),
        i < p.city.alerts.days.size() ? to_string(p.city.alerts.days[i].level).c_str() : "-");
    o << line;
  }
  for (const auto& s : p.stations) {
    const auto l = s.alerts.max_level();
    if (l != AlertLevel::none)
      o << "  station " << s.id << " " << s.name << ": up to " << to_string(l) << "\n";
  }
  return o.str();
}

ForecastProducts make_products(const ProductInputs& in) {
  ForecastProducts p = compute_products(in);
  std::filesystem::create_directories(in.out_dir);
  write_daily_aqi_csv(in.out_dir / "daily_aqi.csv", p);
  p.files.push_back(in.out_dir / "daily_aqi.csv");
  write_alerts_json(in.out_dir / "alerts.json", p);
  p.files.push_back(in.out_dir / "alerts.json");
  write_scaling_csv(in.out_dir / "emergency_scaling.csv", p.emergency_scaling);
  p.files.push_back(in.out_dir / "emergency_scaling.csv");
  if (p.scenario_city) {
    write_scenario_csv(in.out_dir / "scenario_comparison.csv", p.scenario);
    p.files.push_back(in.out_dir / "scenario_comparison.csv");
  }
  if (in.config.write_png)
    for (auto& f : write_pngs(in.out_dir / "png", p, in)) p.files.push_back(f);
  write_text(in.out_dir / "report.html", report_html(p, in));
  p.files.push_back(in.out_dir / "report.html");
  return p;
}

}  // namespace qiantang::forecast
