#include "validation/report.hpp"

#include "forecast/report/html.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "solver/common/errors.hpp"

namespace qiantang::validation {
namespace {

// Shortest text that round-trips; empty for NaN.
std::string num(double x) {
  if (!std::isfinite(x)) return {};
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

// Fixed decimals for tables; "–" for NaN.
std::string fixed(double x, int decimals) {
  if (!std::isfinite(x)) return "&ndash;";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::string pct(double fraction) { return num(100.0 * fraction); }

std::string lead_text(int lead) { return lead == 0 ? "all" : std::to_string(lead); }

using forecast::html_escape;

std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
      o += buf;
    } else {
      o += c;
    }
  }
  return o + "\"";
}

std::string json_num(double x) { return std::isfinite(x) ? num(x) : "null"; }
std::string json_lead(int lead) { return lead == 0 ? "\"all\"" : std::to_string(lead); }

// HJ 633 category names by level 1..6 (English, as used in tables).
const char* level_name(int level) {
  static const char* names[] = {"excellent", "good", "light", "moderate", "heavy", "severe"};
  return level >= 1 && level <= 6 ? names[level - 1] : "?";
}

struct StatItem {
  const char* name;
  double value;
  bool percent;
  bool in_unit;
};

std::vector<StatItem> stat_items(const PairedStatistics& s) {
  return {{"mean_obs", s.mean_obs, false, true}, {"mean_model", s.mean_model, false, true},
          {"NMB", s.nmb, true, false},           {"NME", s.nme, true, false},
          {"MFB", s.mfb, true, false},           {"MFE", s.mfe, true, false},
          {"RMSE", s.rmse, false, true},         {"R", s.r, false, false},
          {"IOA", s.ioa, false, false}};
}

struct RateItem {
  std::string name;
  double value;
  std::size_t n;
};

std::vector<RateItem> rate_items(const Hj1130Scores& s) {
  std::vector<RateItem> r{{"range_hit_rate", s.range_hit_rate, s.n_days},
                          {"level_accuracy", s.level_accuracy, s.n_days}};
  for (int l = 1; l <= 6; ++l)
    r.push_back({"level_accuracy_L" + std::to_string(l),
                 s.level_accuracy_by_level[std::size_t(l - 1)],
                 s.days_by_level[std::size_t(l - 1)]});
  r.push_back({"heavy_day_accuracy", s.heavy_day_accuracy, s.heavy_days});
  r.push_back({"primary_pollutant_accuracy", s.primary_accuracy, s.primary_days});
  return r;
}

// ---------------------------------------------------------------- SVG plots
struct Point {
  double x, y;
};

// "Nice" axis step for a range (1, 2, 5 × 10^k) giving about `ticks` ticks.
double nice_step(double range, int ticks) {
  if (!(range > 0.0)) return 1.0;
  const double raw = range / ticks;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / p;
  return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

constexpr double kW = 640, kH = 260, kL = 56, kR = 12, kT = 24, kB = 36;

std::string svg_text(double x, double y, const std::string& s, const char* anchor = "middle") {
  char buf[128];
  std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
  return buf + html_escape(s) + "</text>";
}

const char* kLeadColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                              "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
const char* lead_colour(int lead) { return kLeadColours[std::size_t(std::max(lead - 1, 0)) % 10]; }

std::string day_label(TimePoint t) {
  const auto d = beijing_day(t);
  const std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u-%02u", unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

// Time series: observations (black) and the model at the shortest lead day of each time
// (coloured by that lead day). Lines break across gaps longer than `step`.
std::string svg_time_series(const std::vector<Pair>& pairs, const std::string& title,
                            const std::string& unit, Seconds step) {
  std::map<TimePoint, const Pair*> best;  // shortest lead at each time
  for (const auto& p : pairs) {
    auto& b = best[p.time];
    if (!b || p.lead_day < b->lead_day) b = &p;
  }
  if (best.empty()) return {};
  const double t0 = double(best.begin()->first.time_since_epoch().count());
  const double t1 = double(best.rbegin()->first.time_since_epoch().count());
  double ymax = 0.0;
  for (const auto& [t, p] : best) ymax = std::max({ymax, p->obs, p->model});
  const double ystep = nice_step(ymax > 0 ? ymax : 1.0, 5);
  ymax = std::ceil((ymax > 0 ? ymax : 1.0) / ystep) * ystep;
  const double span = t1 > t0 ? t1 - t0 : 1.0;
  auto X = [&](TimePoint t) {
    return kL + (double(t.time_since_epoch().count()) - t0) / span * (kW - kL - kR);
  };
  auto Y = [&](double v) { return kT + (1.0 - v / ymax) * (kH - kT - kB); };
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kW << "\" height=\"" << kH
    << "\" viewBox=\"0 0 " << kW << " " << kH << "\" font-size=\"11\">";
  s << svg_text(kW / 2, 14, title);
  for (double v = 0; v <= ymax + 1e-9 * ymax; v += ystep) {
    s << "<line x1=\"" << kL << "\" x2=\"" << kW - kR << "\" y1=\"" << Y(v) << "\" y2=\"" << Y(v)
      << "\" stroke=\"#ddd\"/>" << svg_text(kL - 4, Y(v) + 4, num(v), "end");
  }
  // Day ticks at 00:00 Beijing time.
  const auto first_day = beijing_day(best.begin()->first);
  for (auto d = first_day;; d += std::chrono::days{1}) {
    const TimePoint tick = TimePoint{d} - kBeijingOffset + std::chrono::days{1};
    if (tick > best.rbegin()->first) break;
    if (tick < best.begin()->first) continue;
    s << "<line x1=\"" << X(tick) << "\" x2=\"" << X(tick) << "\" y1=\"" << kT << "\" y2=\""
      << kH - kB << "\" stroke=\"#eee\"/>" << svg_text(X(tick), kH - kB + 14, day_label(tick));
  }
  s << "<line x1=\"" << kL << "\" x2=\"" << kL << "\" y1=\"" << kT << "\" y2=\"" << kH - kB
    << "\" stroke=\"#000\"/><line x1=\"" << kL << "\" x2=\"" << kW - kR << "\" y1=\"" << kH - kB
    << "\" y2=\"" << kH - kB << "\" stroke=\"#000\"/>";
  s << "<text x=\"12\" y=\"" << (kT + kH - kB) / 2 << "\" transform=\"rotate(-90 12 "
    << (kT + kH - kB) / 2 << ")\" text-anchor=\"middle\">" << html_escape(unit) << "</text>";
  // Observed line.
  auto polyline = [&](auto value_of, const char* colour, double width) {
    std::string pts;
    std::string out;
    TimePoint prev{};
    bool open = false;
    for (const auto& [t, p] : best) {
      if (open && t - prev > step) {
        out += "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"" +
               num(width) + "\" points=\"" + pts + "\"/>";
        pts.clear();
      }
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f,%.1f ", X(t), Y(value_of(*p)));
      pts += buf;
      prev = t;
      open = true;
    }
    if (!pts.empty())
      out += "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"" +
             num(width) + "\" points=\"" + pts + "\"/>";
    return out;
  };
  s << polyline([](const Pair& p) { return p.obs; }, "#000", 1.5);
  s << polyline([](const Pair& p) { return p.model; }, "#1f77b4", 1.2);
  // Model points coloured by lead day.
  for (const auto& [t, p] : best) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\" fill=\"%s\"/>", X(t),
                  Y(p->model), lead_colour(p->lead_day));
    s << buf;
  }
  s << "</svg>";
  return s.str();
}

// Scatter of model against observation with the 1:1, 1:2 and 2:1 lines, points coloured by lead.
std::string svg_scatter(const std::vector<Pair>& pairs, const std::string& title,
                        const std::string& unit) {
  if (pairs.empty()) return {};
  constexpr double size = 260, m = 44;
  double vmax = 0.0;
  for (const auto& p : pairs) vmax = std::max({vmax, p.obs, p.model});
  const double step = nice_step(vmax > 0 ? vmax : 1.0, 4);
  vmax = std::ceil((vmax > 0 ? vmax : 1.0) / step) * step;
  auto P = [&](double v) { return m + v / vmax * (size - m - 10); };
  auto Q = [&](double v) { return size - m - v / vmax * (size - m - 24) + 0.0; };
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << size << "\" height=\"" << size
    << "\" viewBox=\"0 0 " << size << " " << size << "\" font-size=\"10\">";
  s << svg_text(size / 2, 13, title);
  for (double v = 0; v <= vmax + 1e-9 * vmax; v += step)
    s << svg_text(P(v), size - m + 13, num(v)) << svg_text(m - 4, Q(v) + 3, num(v), "end");
  s << "<rect x=\"" << P(0) << "\" y=\"" << Q(vmax) << "\" width=\"" << P(vmax) - P(0)
    << "\" height=\"" << Q(0) - Q(vmax) << "\" fill=\"none\" stroke=\"#000\"/>";
  s << "<line x1=\"" << P(0) << "\" y1=\"" << Q(0) << "\" x2=\"" << P(vmax) << "\" y2=\"" << Q(vmax)
    << "\" stroke=\"#888\"/>";
  s << "<line x1=\"" << P(0) << "\" y1=\"" << Q(0) << "\" x2=\"" << P(vmax / 2) << "\" y2=\""
    << Q(vmax) << "\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>";
  s << "<line x1=\"" << P(0) << "\" y1=\"" << Q(0) << "\" x2=\"" << P(vmax) << "\" y2=\""
    << Q(vmax / 2) << "\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>";
  for (const auto& p : pairs) {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\" fill-opacity=\"0.7\"/>",
                  P(p.obs), Q(p.model), lead_colour(p.lead_day));
    s << buf;
  }
  s << svg_text(size / 2, size - 8, "observed (" + unit + ")");
  s << "<text x=\"10\" y=\"" << size / 2 << "\" transform=\"rotate(-90 10 " << size / 2
    << ")\" text-anchor=\"middle\">model (" << html_escape(unit) << ")</text>";
  s << "</svg>";
  return s.str();
}

const StatisticsRow* find_row(const Evaluation& ev, const SeriesKey& key, int lead) {
  for (const auto& r : ev.statistics)
    if (r.key == key && r.lead_day == lead) return &r;
  return nullptr;
}

const AqiScoreRow* find_aqi(const Evaluation& ev, const std::string& station, int lead) {
  for (const auto& r : ev.aqi_scores)
    if (r.station == station && r.lead_day == lead) return &r;
  return nullptr;
}

std::string result_class(BenchmarkResult r) {
  switch (r) {
    case BenchmarkResult::kGoalMet:
      return "goal";
    case BenchmarkResult::kCriterionMet:
      return "crit";
    case BenchmarkResult::kNotMet:
      return "fail";
    case BenchmarkResult::kNoData:
      return "none";
  }
  return "none";
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  const auto tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw InputError(file.string(), "", "a writable output file");
    out << text;
    if (!out) throw InputError(file.string(), "", "a writable output file");
  }
  std::filesystem::rename(tmp, file);
}

}  // namespace

std::string format_evaluation_csv(const Evaluation& ev) {
  std::ostringstream o;
  o << "table,series,pollutant,station,lead_day,n,statistic,value,unit,benchmark,goal,criterion,"
       "result\n";
  for (const auto& row : ev.statistics) {
    const auto& k = row.key;
    const std::string head = k.series + "," + k.pollutant + "," + k.station + "," +
                             lead_text(row.lead_day) + "," + std::to_string(row.stats.n) + ",";
    for (const auto& it : stat_items(row.stats))
      o << "statistics," << head << it.name << "," << (it.percent ? pct(it.value) : num(it.value))
        << ","
        << (it.percent   ? "%"
            : it.in_unit ? pollutant_unit(k.pollutant)
                         : "1")
        << ",,,,\n";
    for (const auto& b : row.benchmarks)
      o << "benchmark," << head << statistic_name(b.rule.statistic) << "," << pct(b.value) << ",%,"
        << b.rule.name << "," << pct(b.rule.goal) << "," << pct(b.rule.criterion) << ","
        << result_name(b.result) << "\n";
  }
  for (const auto& row : ev.aqi_scores)
    for (const auto& it : rate_items(row.scores))
      o << "hj1130,daily_aqi,AQI," << row.station << "," << lead_text(row.lead_day) << "," << it.n
        << "," << it.name << "," << pct(it.value) << ",%,,,,\n";
  return o.str();
}

std::string format_evaluation_json(const Evaluation& ev) {
  std::ostringstream o;
  o << "{\n  \"city_mean_station\": " << json_string(kCityMean) << ",\n  \"runs\": [";
  for (std::size_t i = 0; i < ev.runs.size(); ++i) {
    const auto& r = ev.runs[i];
    o << (i ? "," : "") << "\n    {\"name\": " << json_string(r.name)
      << ", \"first_day\": " << json_string(format_date(r.first_day))
      << ", \"lead_days\": " << r.n_lead_days << "}";
  }
  o << "\n  ],\n  \"max_lead_day\": " << ev.max_lead_day << ",\n  \"statistics\": [";
  for (std::size_t i = 0; i < ev.statistics.size(); ++i) {
    const auto& row = ev.statistics[i];
    const auto& s = row.stats;
    o << (i ? "," : "") << "\n    {\"series\": " << json_string(row.key.series)
      << ", \"pollutant\": " << json_string(row.key.pollutant)
      << ", \"station\": " << json_string(row.key.station)
      << ", \"lead_day\": " << json_lead(row.lead_day)
      << ", \"unit\": " << json_string(pollutant_unit(row.key.pollutant)) << ", \"n\": " << s.n
      << ", \"mean_obs\": " << json_num(s.mean_obs)
      << ", \"mean_model\": " << json_num(s.mean_model)
      << ", \"nmb_pct\": " << json_num(100 * s.nmb) << ", \"nme_pct\": " << json_num(100 * s.nme)
      << ", \"mfb_pct\": " << json_num(100 * s.mfb) << ", \"mfe_pct\": " << json_num(100 * s.mfe)
      << ", \"rmse\": " << json_num(s.rmse) << ", \"r\": " << json_num(s.r)
      << ", \"ioa\": " << json_num(s.ioa) << ", \"benchmarks\": [";
    for (std::size_t j = 0; j < row.benchmarks.size(); ++j) {
      const auto& b = row.benchmarks[j];
      o << (j ? ", " : "") << "{\"name\": " << json_string(b.rule.name)
        << ", \"reference\": " << json_string(b.rule.reference)
        << ", \"statistic\": " << json_string(statistic_name(b.rule.statistic))
        << ", \"value_pct\": " << json_num(100 * b.value)
        << ", \"goal_pct\": " << json_num(100 * b.rule.goal)
        << ", \"criterion_pct\": " << json_num(100 * b.rule.criterion)
        << ", \"goal_met\": " << (b.result == BenchmarkResult::kGoalMet ? "true" : "false")
        << ", \"criterion_met\": "
        << (b.result == BenchmarkResult::kGoalMet || b.result == BenchmarkResult::kCriterionMet
                ? "true"
                : "false")
        << ", \"result\": " << json_string(result_name(b.result)) << "}";
    }
    o << "]}";
  }
  o << "\n  ],\n  \"hj1130\": [";
  for (std::size_t i = 0; i < ev.aqi_scores.size(); ++i) {
    const auto& row = ev.aqi_scores[i];
    const auto& s = row.scores;
    o << (i ? "," : "") << "\n    {\"station\": " << json_string(row.station)
      << ", \"lead_day\": " << json_lead(row.lead_day) << ", \"n_days\": " << s.n_days
      << ", \"range_hit_rate_pct\": " << json_num(100 * s.range_hit_rate)
      << ", \"level_accuracy_pct\": " << json_num(100 * s.level_accuracy) << ", \"by_level\": [";
    for (std::size_t l = 0; l < 6; ++l)
      o << (l ? ", " : "") << "{\"level\": " << l + 1 << ", \"days\": " << s.days_by_level[l]
        << ", \"accuracy_pct\": " << json_num(100 * s.level_accuracy_by_level[l]) << "}";
    o << "], \"heavy_days\": " << s.heavy_days
      << ", \"heavy_day_accuracy_pct\": " << json_num(100 * s.heavy_day_accuracy)
      << ", \"primary_days\": " << s.primary_days
      << ", \"primary_pollutant_accuracy_pct\": " << json_num(100 * s.primary_accuracy) << "}";
  }
  o << "\n  ]\n}\n";
  return o.str();
}

std::string format_evaluation_html(const Evaluation& ev, const std::string& title) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
    << html_escape(title) << "</title><style>"
    << "body{font-family:sans-serif;margin:1.5em;max-width:1100px}"
    << "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
    << "th,td{border:1px solid #bbb;padding:2px 6px;text-align:right}"
    << "th{background:#eee}td.l{text-align:left}"
    << ".goal{background:#b7e4b0}.crit{background:#fbe7a1}.fail{background:#f4b2a8}"
    << ".none{color:#888}figure{display:inline-block;margin:0.3em}"
    << "</style></head><body>\n<h1>" << html_escape(title) << "</h1>\n";
  h << "<p>Runs: ";
  for (std::size_t i = 0; i < ev.runs.size(); ++i)
    h << (i ? "; " : "") << html_escape(ev.runs[i].name)
      << " (lead day 1 = " << format_date(ev.runs[i].first_day) << ", " << ev.runs[i].n_lead_days
      << " days)";
  h << ". Station <code>" << kCityMean
    << "</code> is the city mean. Days are Beijing-time days; NMB, NME, MFB, MFE and rates in "
       "%.</p>\n";

  // Lead-day score table (city mean).
  h << "<h2>Lead-day scores (city mean)</h2>\n<table><tr><th>lead day</th><th>AQI days</th>"
    << "<th>AQI range hit</th><th>AQI level accuracy</th><th>heavy days</th>"
    << "<th>heavy-day accuracy</th><th>primary pollutant accuracy</th>"
    << "<th>PM2.5 NMB</th><th>PM2.5 R</th><th>O3 MDA8 NMB</th><th>O3 MDA8 R</th></tr>\n";
  for (int lead = 0; lead <= ev.max_lead_day; ++lead) {
    const auto* a = find_aqi(ev, kCityMean, lead);
    const auto* pm = find_row(ev, {"daily_mean", "PM2.5", kCityMean}, lead);
    const auto* o3 = find_row(ev, {"MDA8", "O3", kCityMean}, lead);
    if (!a && !pm && !o3) continue;
    const double nan = std::nan("");
    h << "<tr><td>" << lead_text(lead) << "</td><td>" << (a ? a->scores.n_days : 0) << "</td><td>"
      << fixed(a ? 100 * a->scores.range_hit_rate : nan, 1) << "</td><td>"
      << fixed(a ? 100 * a->scores.level_accuracy : nan, 1) << "</td><td>"
      << (a ? a->scores.heavy_days : 0) << "</td><td>"
      << fixed(a ? 100 * a->scores.heavy_day_accuracy : nan, 1) << "</td><td>"
      << fixed(a ? 100 * a->scores.primary_accuracy : nan, 1) << "</td><td>"
      << fixed(pm ? 100 * pm->stats.nmb : nan, 1) << "</td><td>" << fixed(pm ? pm->stats.r : nan, 2)
      << "</td><td>" << fixed(o3 ? 100 * o3->stats.nmb : nan, 1) << "</td><td>"
      << fixed(o3 ? o3->stats.r : nan, 2) << "</td></tr>\n";
  }
  h << "</table>\n";

  // AQI level accuracy per observed level (city mean, all lead days).
  if (const auto* a = find_aqi(ev, kCityMean, 0)) {
    h << "<h3>AQI level accuracy by observed level (city mean, all lead days)</h3>\n<table><tr>";
    for (int l = 1; l <= 6; ++l) h << "<th>" << l << " " << level_name(l) << "</th>";
    h << "</tr><tr>";
    for (std::size_t l = 0; l < 6; ++l)
      h << "<td>" << fixed(100 * a->scores.level_accuracy_by_level[l], 1) << " ("
        << a->scores.days_by_level[l] << " d)</td>";
    h << "</tr></table>\n";
  }

  // Benchmarks (city mean).
  h << "<h2>Benchmarks (city mean)</h2>\n<table><tr><th>lead day</th><th>pollutant</th>"
    << "<th>series</th><th>benchmark</th><th>statistic</th><th>value</th><th>goal</th>"
    << "<th>criterion</th><th>result</th></tr>\n";
  for (const auto& row : ev.statistics) {
    if (row.key.station != kCityMean) continue;
    for (const auto& b : row.benchmarks)
      h << "<tr><td>" << lead_text(row.lead_day) << "</td><td class=\"l\">" << row.key.pollutant
        << "</td><td class=\"l\">" << row.key.series << "</td><td class=\"l\">" << b.rule.name
        << "</td><td class=\"l\">" << statistic_name(b.rule.statistic) << "</td><td>"
        << fixed(100 * b.value, 1) << "</td><td>&plusmn;" << fixed(100 * b.rule.goal, 0)
        << "</td><td>&plusmn;" << fixed(100 * b.rule.criterion, 0) << "</td><td class=\""
        << result_class(b.result) << "\">" << result_name(b.result) << "</td></tr>\n";
  }
  h << "</table>\n";

  // Statistics tables: all lead days pooled, every station.
  std::set<std::string> stations;
  for (const auto& row : ev.statistics) stations.insert(row.key.station);
  std::vector<std::string> order;
  if (stations.count(kCityMean)) order.push_back(kCityMean);
  for (const auto& s : stations)
    if (s != kCityMean) order.push_back(s);
  h << "<h2>Statistics (all lead days)</h2>\n<table><tr><th>station</th><th>series</th>"
    << "<th>pollutant</th><th>N</th><th>mean obs</th><th>mean model</th><th>NMB</th><th>NME</th>"
    << "<th>MFB</th><th>MFE</th><th>RMSE</th><th>R</th><th>IOA</th><th>unit</th></tr>\n";
  for (const auto& st : order)
    for (const auto& row : ev.statistics) {
      if (row.key.station != st || row.lead_day != 0) continue;
      const auto& s = row.stats;
      h << "<tr><td class=\"l\">" << html_escape(st) << "</td><td class=\"l\">" << row.key.series
        << "</td><td class=\"l\">" << row.key.pollutant << "</td><td>" << s.n << "</td><td>"
        << fixed(s.mean_obs, 1) << "</td><td>" << fixed(s.mean_model, 1) << "</td><td>"
        << fixed(100 * s.nmb, 1) << "</td><td>" << fixed(100 * s.nme, 1) << "</td><td>"
        << fixed(100 * s.mfb, 1) << "</td><td>" << fixed(100 * s.mfe, 1) << "</td><td>"
        << fixed(s.rmse, 2) << "</td><td>" << fixed(s.r, 2) << "</td><td>" << fixed(s.ioa, 2)
        << "</td><td class=\"l\">" << pollutant_unit(row.key.pollutant) << "</td></tr>\n";
    }
  h << "</table>\n";

  // Plots of the city mean (or the single station when no city mean exists).
  const std::string plot_station = order.empty() ? std::string() : order.front();
  h << "<h2>Time series and scatter plots (" << html_escape(plot_station) << ")</h2>\n"
    << "<p>Black: observed; blue line: model at the shortest lead day available for each time; "
       "points coloured by lead day (";
  for (int lead = 1; lead <= std::min(ev.max_lead_day, 10); ++lead)
    h << (lead > 1 ? ", " : "") << "<span style=\"color:" << lead_colour(lead) << "\">&#9679; "
      << lead << "</span>";
  h << "). Scatter: 1:1 line solid, 1:2 and 2:1 dashed.</p>\n";
  for (const auto& pollutant : io::station_pollutants()) {
    const auto hourly = ev.pairs.values.find({"hourly", pollutant, plot_station});
    const auto daily =
        ev.pairs.values.find({daily_series_name(pollutant), pollutant, plot_station});
    if (hourly == ev.pairs.values.end() && daily == ev.pairs.values.end()) continue;
    h << "<h3>" << pollutant << "</h3>\n<div>";
    const auto unit = pollutant_unit(pollutant);
    if (hourly != ev.pairs.values.end())
      h << "<figure>"
        << svg_time_series(hourly->second, pollutant + " hourly", unit, std::chrono::hours{1})
        << "</figure><figure>" << svg_scatter(hourly->second, pollutant + " hourly", unit)
        << "</figure>";
    if (daily != ev.pairs.values.end())
      h << "<figure>"
        << svg_time_series(daily->second, pollutant + " " + daily_series_name(pollutant), unit,
                           std::chrono::hours{24})
        << "</figure><figure>"
        << svg_scatter(daily->second, pollutant + " " + daily_series_name(pollutant), unit)
        << "</figure>";
    h << "</div>\n";
  }
  h << "</body></html>\n";
  return h.str();
}

void write_evaluation(const std::filesystem::path& dir, const Evaluation& ev,
                      const std::string& title) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(dir.string(), "--out", "a directory that can be created");
  write_file(dir / "evaluation.csv", format_evaluation_csv(ev));
  write_file(dir / "evaluation.json", format_evaluation_json(ev));
  write_file(dir / "evaluation.html", format_evaluation_html(ev, title));
}

}  // namespace qiantang::validation
