#include "forecast/scenario/emergency.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "io/csv/station_csv.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::forecast {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> f;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      f.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  f.push_back(trim(cur));
  return f;
}

std::string fmt(double v, const char* f = "%.6g") {
  if (!std::isfinite(v)) return "";
  char b[32];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string opt_int(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

void write_text(const std::filesystem::path& file, const std::string& text) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  if (!out) throw InputError(file.string(), "", "a writable path");
  out << text;
  if (!out) throw InputError(file.string(), "", "a writable path (write failed)");
}

}  // namespace

EmergencyCutTable default_emergency_cuts() {
  EmergencyCutTable t;
  const std::pair<AlertLevel, double> levels[] = {
      {AlertLevel::yellow, 0.10}, {AlertLevel::orange, 0.20}, {AlertLevel::red, 0.30}};
  for (auto [l, cut] : levels)
    for (const char* sp : {"SO2", "NOX", "PM25", "PM10", "BC", "OC", "VOC"})
      t.push_back({l, "all", sp, "all", cut});
  return t;
}

EmergencyCutTable read_emergency_cuts(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw InputError(file.string(), "",
                     "a readable emergency-cut table (level,sector,species,cut_fraction[,region])");
  EmergencyCutTable t;
  std::string line;
  int n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    const std::string where = file.string() + ":" + std::to_string(n);
    const std::string l = trim(line);
    if (l.empty() || l[0] == '#') continue;
    const auto f = split(l);
    if (!header) {
      if (f.size() < 4 || f[0] != "level" || f[1] != "sector" || f[2] != "species" ||
          f[3] != "cut_fraction" || (f.size() == 5 && f[4] != "region") || f.size() > 5)
        throw InputError(where, "header", "level,sector,species,cut_fraction[,region]");
      header = true;
      continue;
    }
    if (f.size() < 4 || f.size() > 5)
      throw InputError(where, "record", "4 or 5 fields level,sector,species,cut_fraction[,region]");
    EmergencyCut c;
    const auto lv = parse_alert_level(f[0]);
    if (!lv || *lv == AlertLevel::none)
      throw InputError(where, "level", "yellow, orange or red, got '" + f[0] + "'");
    c.level = *lv;
    if (f[1].empty()) throw InputError(where, "sector", "a sector name or 'all'");
    if (f[2].empty()) throw InputError(where, "species", "an inventory species or 'all'");
    c.sector = f[1];
    c.species = f[2];
    const auto r = std::from_chars(f[3].data(), f[3].data() + f[3].size(), c.cut_fraction);
    if (f[3].empty() || r.ec != std::errc{} || r.ptr != f[3].data() + f[3].size() ||
        !(c.cut_fraction >= 0.0) || c.cut_fraction > 1.0)
      throw InputError(where, "cut_fraction", "a fraction in [0, 1], got '" + f[3] + "'");
    if (f.size() == 5 && !f[4].empty()) c.region = f[4];
    t.push_back(c);
  }
  if (!header)
    throw InputError(file.string(), "header", "level,sector,species,cut_fraction[,region]");
  return t;
}

void write_emergency_cuts(const std::filesystem::path& file, const EmergencyCutTable& table) {
  std::string s = "level,sector,species,cut_fraction,region\n";
  for (const auto& c : table)
    s += to_string(c.level) + "," + c.sector + "," + c.species + "," + fmt(c.cut_fraction) + "," +
         c.region + "\n";
  write_text(file, s);
}

std::vector<ScalingRow> emergency_scaling(AlertLevel level, const EmergencyCutTable& table,
                                          std::optional<TimePoint> start,
                                          std::optional<TimePoint> end) {
  std::vector<ScalingRow> rows;
  if (level == AlertLevel::none) return rows;
  for (const auto& c : table) {
    if (c.level != level) continue;
    ScalingRow r;
    r.sector = c.sector;
    r.species = c.species;
    r.region = c.region;
    r.factor = 1.0 - c.cut_fraction;
    r.start = start;
    r.end = end;
    rows.push_back(r);
  }
  return rows;
}

std::vector<ScalingRow> emergency_scaling(const AlertResult& alerts,
                                          const EmergencyCutTable& table) {
  std::vector<ScalingRow> rows;
  for (const auto& e : alerts.episodes) {
    if (e.o3_advisory || e.level == AlertLevel::none) continue;
    const TimePoint start = TimePoint{e.start} - kBeijingOffset;
    const TimePoint end = TimePoint{e.end + std::chrono::days{1}} - kBeijingOffset;
    for (auto& r : emergency_scaling(e.level, table, start, end)) rows.push_back(r);
  }
  return rows;
}

std::string format_scaling_csv(const std::vector<ScalingRow>& rows) {
  std::string s = "sector,species,region,factor,start,end\n";
  for (const auto& r : rows)
    s += r.sector + "," + r.species + "," + r.region + "," + fmt(r.factor, "%.10g") + "," +
         (r.start ? io::format_beijing_iso8601(*r.start) : "") + "," +
         (r.end ? io::format_beijing_iso8601(*r.end) : "") + "\n";
  return s;
}

void write_scaling_csv(const std::filesystem::path& file, const std::vector<ScalingRow>& rows) {
  write_text(file, format_scaling_csv(rows));
}

std::vector<ScenarioDay> compare_scenario(const std::vector<DailyAqi>& base,
                                          const AlertResult& base_alerts,
                                          const std::vector<DailyAqi>& scenario,
                                          const AlertResult& scenario_alerts) {
  std::map<std::chrono::sys_days, AlertLevel> bl, sl;
  for (const auto& d : base_alerts.days) bl[d.input.day] = d.level;
  for (const auto& d : scenario_alerts.days) sl[d.input.day] = d.level;
  std::map<std::chrono::sys_days, const DailyAqi*> sc;
  for (const auto& d : scenario) sc[d.day] = &d;
  std::vector<ScenarioDay> out;
  for (const auto& b : base) {
    const auto it = sc.find(b.day);
    if (it == sc.end()) continue;
    ScenarioDay d;
    d.day = b.day;
    d.base_pm25 = b.conc.pm25_24h;
    d.scenario_pm25 = it->second->conc.pm25_24h;
    d.base_aqi = b.aqi;
    d.scenario_aqi = it->second->aqi;
    d.base_level = bl.count(b.day) ? bl[b.day] : AlertLevel::none;
    d.scenario_level = sl.count(b.day) ? sl[b.day] : AlertLevel::none;
    out.push_back(d);
  }
  return out;
}

void write_scenario_csv(const std::filesystem::path& file, const std::vector<ScenarioDay>& days) {
  std::string s =
      "day,base_pm25,scenario_pm25,delta_pm25,base_aqi,scenario_aqi,delta_aqi,base_level,scenario_"
      "level\n";
  for (const auto& d : days)
    s += format_date(d.day) + "," + fmt(d.base_pm25, "%.1f") + "," + fmt(d.scenario_pm25, "%.1f") +
         "," + fmt(d.delta_pm25(), "%.1f") + "," + opt_int(d.base_aqi) + "," +
         opt_int(d.scenario_aqi) + "," + opt_int(d.delta_aqi()) + "," + to_string(d.base_level) +
         "," + to_string(d.scenario_level) + "\n";
  write_text(file, s);
}

}  // namespace qiantang::forecast
