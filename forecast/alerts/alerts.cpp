#include "forecast/alerts/alerts.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>

#include "forecast/report/json.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::forecast {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(trim(cur));
  return out;
}

const char* kClauseForm =
    "clauses 'aqi > T for N h' (N a multiple of 24, or 'N d') joined by '&', alternatives by '|'";

AlertClause parse_clause(const std::string& text, const std::string& where) {
  // aqi > 200 for 24h   |  aqi>=150 for 2d
  std::string s;
  for (char c : text) s += char(std::tolower(static_cast<unsigned char>(c)));
  std::size_t p = 0;
  auto skip = [&] {
    while (p < s.size() && s[p] == ' ') ++p;
  };
  auto number = [&](double& out) {
    skip();
    const auto r = std::from_chars(s.data() + p, s.data() + s.size(), out);
    if (r.ec != std::errc{})
      throw InputError(where, "rule", std::string(kClauseForm) + ", got '" + text + "'");
    p = std::size_t(r.ptr - s.data());
  };
  AlertClause c;
  skip();
  if (s.compare(p, 3, "aqi") != 0)
    throw InputError(where, "rule", std::string(kClauseForm) + ", got '" + text + "'");
  p += 3;
  skip();
  if (p >= s.size() || s[p] != '>')
    throw InputError(where, "rule", std::string(kClauseForm) + ", got '" + text + "'");
  ++p;
  if (p < s.size() && s[p] == '=') {
    c.inclusive = true;
    ++p;
  }
  number(c.threshold);
  skip();
  if (s.compare(p, 3, "for") != 0)
    throw InputError(where, "rule", std::string(kClauseForm) + ", got '" + text + "'");
  p += 3;
  double n = 0;
  number(n);
  skip();
  const std::string unit = trim(s.substr(p));
  double days = 0;
  if (unit == "h")
    days = n / 24.0;
  else if (unit == "d")
    days = n;
  else
    throw InputError(where, "rule", std::string(kClauseForm) + ", got '" + text + "'");
  if (days < 1 || days != std::floor(days))
    throw InputError(where, "rule", "a duration of whole days (24h, 48h, ...), got '" + text + "'");
  c.days = int(days);
  return c;
}

std::optional<int> max_opt(std::optional<int> a, std::optional<int> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

bool above(const std::optional<int>& v, const AlertClause& c) {
  return v && (c.inclusive ? *v >= c.threshold : *v > c.threshold);
}

// Marks every day of every window on which `cond` holds. values[i] for consecutive days.
std::vector<bool> holds(const std::vector<std::optional<int>>& values, const AlertCondition& cond) {
  const std::size_t n = values.size();
  std::vector<bool> mark(n, false);
  const std::size_t len = std::size_t(cond.window_days());
  if (len == 0 || len > n) return mark;
  for (std::size_t s = 0; s + len <= n; ++s) {
    bool ok = true;
    for (const AlertClause& c : cond.all_of) {
      std::size_t run = 0, best = 0;
      for (std::size_t i = s; i < s + len; ++i) {
        run = above(values[i], c) ? run + 1 : 0;
        best = std::max(best, run);
      }
      if (best < std::size_t(c.days)) {
        ok = false;
        break;
      }
    }
    if (ok)
      for (std::size_t i = s; i < s + len; ++i) mark[i] = true;
  }
  return mark;
}

std::string date(std::chrono::sys_days d) { return format_date(d); }

std::vector<AlertEpisode> episodes_of(const std::vector<AlertDay>& days, bool advisory,
                                      int merge_gap) {
  std::vector<AlertEpisode> out;
  auto flagged = [&](const AlertDay& d) {
    return advisory ? d.o3_advisory : d.level != AlertLevel::none;
  };
  std::size_t i = 0;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  while (i < days.size()) {
    if (!flagged(days[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < days.size() && flagged(days[j + 1])) ++j;
    if (!spans.empty() && long(i) - long(spans.back().second) - 1 <= merge_gap)
      spans.back().second = j;
    else
      spans.emplace_back(i, j);
    i = j + 1;
  }
  for (auto [a, b] : spans) {
    AlertEpisode e;
    e.o3_advisory = advisory;
    e.start = days[a].input.day;
    e.end = days[b].input.day;
    e.days.assign(days.begin() + long(a), days.begin() + long(b) + 1);
    int best_aqi = -1;
    for (const auto& d : e.days) e.level = std::max(e.level, d.level);
    for (const auto& d : e.days) {
      if (advisory) {
        if (e.rule.empty() && d.o3_advisory) e.rule = d.o3_rule;
        if (d.o3_advisory && d.input.o3_iaqi && *d.input.o3_iaqi > best_aqi) {
          best_aqi = *d.input.o3_iaqi;
          e.driver = "O3";
        }
      } else {
        if (e.rule.empty() && d.level == e.level) e.rule = d.rule;
        if (d.level == e.level && d.input.alert_aqi && *d.input.alert_aqi > best_aqi) {
          best_aqi = *d.input.alert_aqi;
          e.driver = d.input.driver;
        }
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::string to_string(AlertLevel l) {
  switch (l) {
    case AlertLevel::none:
      return "none";
    case AlertLevel::yellow:
      return "yellow";
    case AlertLevel::orange:
      return "orange";
    case AlertLevel::red:
      return "red";
  }
  return "none";
}

std::string to_string_zh(AlertLevel l) {
  switch (l) {
    case AlertLevel::none:
      return "无";
    case AlertLevel::yellow:
      return "黄色";
    case AlertLevel::orange:
      return "橙色";
    case AlertLevel::red:
      return "红色";
  }
  return "无";
}

const char* alert_colour(AlertLevel l) {
  switch (l) {
    case AlertLevel::none:
      return "";
    case AlertLevel::yellow:
      return "#FFD700";
    case AlertLevel::orange:
      return "#FF8C00";
    case AlertLevel::red:
      return "#E00000";
  }
  return "";
}

std::optional<AlertLevel> parse_alert_level(const std::string& s) {
  for (AlertLevel l : {AlertLevel::none, AlertLevel::yellow, AlertLevel::orange, AlertLevel::red})
    if (s == to_string(l)) return l;
  if (s == "III" || s == "3") return AlertLevel::yellow;
  if (s == "II" || s == "2") return AlertLevel::orange;
  if (s == "I" || s == "1") return AlertLevel::red;
  return std::nullopt;
}

int AlertCondition::window_days() const {
  int n = 0;
  for (const auto& c : all_of) n = std::max(n, c.days);
  return n;
}

AlertRule parse_alert_rule(const std::string& text, const std::string& where) {
  AlertRule r;
  r.text = trim(text);
  if (r.text.empty()) throw InputError(where, "rule", kClauseForm);
  for (const auto& alt : split(text, '|')) {
    AlertCondition c;
    c.text = alt;
    for (const auto& clause : split(alt, '&')) c.all_of.push_back(parse_clause(clause, where));
    r.any_of.push_back(c);
  }
  return r;
}

AlertRules default_alert_rules() {
  AlertRules r;
  r.yellow = parse_alert_rule("aqi > 200 for 24h | aqi > 150 for 48h", "default yellow");
  r.orange = parse_alert_rule("aqi > 200 for 48h | aqi > 150 for 72h", "default orange");
  r.red = parse_alert_rule("aqi > 200 for 72h & aqi > 300 for 24h", "default red");
  r.o3_advisory = parse_alert_rule("aqi > 200 for 24h | aqi > 150 for 48h", "default o3_advisory");
  return r;
}

AlertRules load_alert_rules(const io::Config& config, const std::string& section) {
  AlertRules r = default_alert_rules();
  auto rule = [&](const char* key, AlertRule& out) {
    if (config.has(section, key))
      out = parse_alert_rule(config.get_string(section, key), config.where(section, key));
  };
  rule("yellow", r.yellow);
  rule("orange", r.orange);
  rule("red", r.red);
  rule("o3_advisory", r.o3_advisory);
  r.merge_gap_days = int(config.get_int(section, "merge_gap_days", r.merge_gap_days));
  if (r.merge_gap_days < 0)
    throw InputError(config.where(section, "merge_gap_days"), "merge_gap_days", "an integer >= 0");
  const std::string m = config.get_string(section, "pm_aqi", "rolling_24h_max");
  if (m == "rolling_24h_max")
    r.pm_aqi = PmAlertAqi::rolling_24h_max;
  else if (m == "calendar_day")
    r.pm_aqi = PmAlertAqi::calendar_day;
  else
    throw InputError(config.where(section, "pm_aqi"), "pm_aqi",
                     "rolling_24h_max or calendar_day, got '" + m + "'");
  return r;
}

std::vector<AlertInputDay> alert_inputs(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant,
    const std::vector<DailyAqi>& daily, const DailyOptions& options, PmAlertAqi method) {
  // Per-pollutant rolling IAQI of the 24-h running means (PM2.5, PM10).
  std::map<Pollutant, std::vector<std::optional<int>>> rolling;
  if (method == PmAlertAqi::rolling_24h_max)
    for (Pollutant p : {Pollutant::pm25, Pollutant::pm10}) {
      const auto it = by_pollutant.find(to_string(p));
      if (it == by_pollutant.end()) continue;
      std::map<std::string, std::vector<double>> one{{it->first, it->second}};
      rolling[p] = rolling_pm_aqi(hours, one, options);
    }
  std::vector<AlertInputDay> out;
  for (const DailyAqi& d : daily) {
    AlertInputDay a;
    a.day = d.day;
    a.aqi = d.aqi;
    a.o3_iaqi = d.iaqi[std::size_t(Pollutant::o3)];
    a.o3_primary = std::find(d.primary.begin(), d.primary.end(), Pollutant::o3) != d.primary.end();
    auto consider = [&](std::optional<int> v, Pollutant p) {
      if (v && (!a.alert_aqi || *v > *a.alert_aqi)) {
        a.alert_aqi = v;
        a.driver = to_string(p);
      }
    };
    for (Pollutant p : {Pollutant::pm25, Pollutant::pm10}) {
      if (method == PmAlertAqi::calendar_day) {
        consider(d.iaqi[std::size_t(p)], p);
        continue;
      }
      const auto it = rolling.find(p);
      if (it == rolling.end()) continue;
      // Hours ending 01..24 of day D.
      const TimePoint first = TimePoint{d.day} + std::chrono::hours{1} - kBeijingOffset;
      std::optional<int> best;
      for (int h = 0; h < 24; ++h) {
        const auto t = first + std::chrono::hours{h};
        if (hours.empty() || t < hours.front() || t > hours.back()) continue;
        best = max_opt(best, it->second[std::size_t((t - hours.front()) / std::chrono::hours{1})]);
      }
      consider(best, p);
    }
    for (Pollutant p : {Pollutant::so2, Pollutant::no2, Pollutant::co})
      consider(d.iaqi[std::size_t(p)], p);
    out.push_back(a);
  }
  return out;
}

AlertLevel AlertResult::max_level() const {
  AlertLevel l = AlertLevel::none;
  for (const auto& d : days) l = std::max(l, d.level);
  return l;
}

AlertResult evaluate_alerts(const std::vector<AlertInputDay>& days, const AlertRules& rules) {
  for (std::size_t i = 1; i < days.size(); ++i)
    if (days[i].day != days[i - 1].day + std::chrono::days{1})
      throw InputError("alert days", format_date(days[i].day), "consecutive Beijing days");
  AlertResult r;
  r.days.resize(days.size());
  std::vector<std::optional<int>> aqi(days.size()), o3(days.size());
  for (std::size_t i = 0; i < days.size(); ++i) {
    r.days[i].input = days[i];
    aqi[i] = days[i].alert_aqi;
    if (days[i].o3_primary) o3[i] = days[i].o3_iaqi;
  }
  for (AlertLevel l : {AlertLevel::yellow, AlertLevel::orange, AlertLevel::red}) {
    for (const AlertCondition& c : rules.rule(l).any_of) {
      const auto mark = holds(aqi, c);
      for (std::size_t i = 0; i < days.size(); ++i)
        if (mark[i] && r.days[i].level < l) {
          r.days[i].level = l;
          r.days[i].rule = to_string(l) + ": " + c.text;
        }
    }
  }
  for (const AlertCondition& c : rules.o3_advisory.any_of) {
    const auto mark = holds(o3, c);
    for (std::size_t i = 0; i < days.size(); ++i)
      if (mark[i] && !r.days[i].o3_advisory) {
        r.days[i].o3_advisory = true;
        r.days[i].o3_rule = "o3_advisory: " + c.text;
      }
  }
  r.episodes = episodes_of(r.days, false, rules.merge_gap_days);
  for (auto& e : episodes_of(r.days, true, rules.merge_gap_days))
    r.episodes.push_back(std::move(e));
  return r;
}

std::string alert_result_json(const AlertResult& r, int indent) {
  const std::string pad(std::size_t(indent), ' ');
  std::ostringstream o;
  o << "{\n" << pad << "  \"max_level\": " << json_string(to_string(r.max_level())) << ",\n";
  o << pad << "  \"episodes\": [";
  for (std::size_t k = 0; k < r.episodes.size(); ++k) {
    const AlertEpisode& e = r.episodes[k];
    o << (k ? "," : "") << "\n"
      << pad << "    {\"type\": " << json_string(e.o3_advisory ? "o3_advisory" : "alert")
      << ", \"level\": " << json_string(e.o3_advisory ? "o3_advisory" : to_string(e.level))
      << ", \"start\": " << json_string(date(e.start)) << ", \"end\": " << json_string(date(e.end))
      << ", \"rule\": " << json_string(e.rule)
      << ", \"driving_pollutant\": " << json_string(e.driver) << ",\n"
      << pad << "     \"days\": [";
    for (std::size_t i = 0; i < e.days.size(); ++i) {
      const AlertDay& d = e.days[i];
      o << (i ? ", " : "") << "{\"day\": " << json_string(date(d.input.day))
        << ", \"alert_aqi\": " << json_int(d.input.alert_aqi)
        << ", \"aqi\": " << json_int(d.input.aqi) << ", \"o3_iaqi\": " << json_int(d.input.o3_iaqi)
        << ", \"driver\": " << json_string(d.input.driver)
        << ", \"level\": " << json_string(to_string(d.level)) << "}";
    }
    o << "]}";
  }
  o << (r.episodes.empty() ? "" : "\n" + pad + "  ") << "],\n";
  o << pad << "  \"days\": [";
  for (std::size_t i = 0; i < r.days.size(); ++i) {
    const AlertDay& d = r.days[i];
    o << (i ? "," : "") << "\n"
      << pad << "    {\"day\": " << json_string(date(d.input.day))
      << ", \"alert_aqi\": " << json_int(d.input.alert_aqi)
      << ", \"aqi\": " << json_int(d.input.aqi) << ", \"driver\": " << json_string(d.input.driver)
      << ", \"level\": " << json_string(to_string(d.level)) << ", \"rule\": " << json_string(d.rule)
      << ", \"o3_advisory\": " << (d.o3_advisory ? "true" : "false") << "}";
  }
  o << (r.days.empty() ? "" : "\n" + pad + "  ") << "]\n" << pad << "}";
  return o.str();
}

}  // namespace qiantang::forecast
