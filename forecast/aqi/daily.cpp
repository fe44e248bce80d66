#include "forecast/aqi/daily.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qiantang::forecast {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The Beijing day an hour ENDING at t belongs to (24:00 belongs to the day that ends).
std::chrono::sys_days day_of_hour_end(TimePoint t) { return beijing_day(t - Seconds{1}); }

// The 24 hourly values of day D (hour-ending 01..24 Beijing time), NaN off the axis.
std::array<double, 24> day_hours(const std::vector<TimePoint>& hours, const std::vector<double>* v,
                                 std::chrono::sys_days day) {
  std::array<double, 24> out;
  out.fill(kNaN);
  if (!v || hours.empty()) return out;
  const TimePoint first = TimePoint{day} + std::chrono::hours{1} - kBeijingOffset;
  for (int h = 0; h < 24; ++h) {
    const auto d = (first + std::chrono::hours{h}) - hours.front();
    const long i = long(d / std::chrono::hours{1});
    if (d < Seconds{0} || i >= long(hours.size()) || std::size_t(i) >= v->size()) continue;
    out[std::size_t(h)] = (*v)[std::size_t(i)];
  }
  return out;
}

const std::vector<double>* lookup(const std::map<std::string, std::vector<double>>& m,
                                  Pollutant p) {
  const auto it = m.find(to_string(p));
  return it == m.end() ? nullptr : &it->second;
}

AqiMetric daily_metric(Pollutant p) {
  switch (p) {
    case Pollutant::so2:
      return AqiMetric::so2_24h;
    case Pollutant::no2:
      return AqiMetric::no2_24h;
    case Pollutant::pm10:
      return AqiMetric::pm10_24h;
    case Pollutant::co:
      return AqiMetric::co_24h;
    case Pollutant::o3:
      return AqiMetric::o3_8h;
    case Pollutant::pm25:
      return AqiMetric::pm25_24h;
  }
  return AqiMetric::pm25_24h;
}

AqiMetric hourly_metric(Pollutant p) {
  switch (p) {
    case Pollutant::so2:
      return AqiMetric::so2_1h;
    case Pollutant::no2:
      return AqiMetric::no2_1h;
    case Pollutant::pm10:
      return AqiMetric::pm10_24h;
    case Pollutant::co:
      return AqiMetric::co_1h;
    case Pollutant::o3:
      return AqiMetric::o3_1h;
    case Pollutant::pm25:
      return AqiMetric::pm25_24h;
  }
  return AqiMetric::pm25_24h;
}

std::optional<int> max_opt(std::optional<int> a, std::optional<int> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

}  // namespace

std::string to_string(Pollutant p) {
  static const char* n[kPollutantCount] = {"SO2", "NO2", "PM10", "CO", "O3", "PM2.5"};
  return n[int(p)];
}

double DailyConcentrations::value(Pollutant p) const {
  switch (p) {
    case Pollutant::so2:
      return so2_24h;
    case Pollutant::no2:
      return no2_24h;
    case Pollutant::pm10:
      return pm10_24h;
    case Pollutant::co:
      return co_24h;
    case Pollutant::o3:
      return o3_mda8;
    case Pollutant::pm25:
      return pm25_24h;
  }
  return kNaN;
}

std::string DailyAqi::primary_text() const {
  std::string s;
  for (Pollutant p : primary) {
    if (!s.empty()) s += ';';
    s += to_string(p);
  }
  return s;
}

std::vector<std::chrono::sys_days> beijing_days(const std::vector<TimePoint>& hours) {
  std::vector<std::chrono::sys_days> out;
  if (hours.empty()) return out;
  for (auto d = day_of_hour_end(hours.front()); d <= day_of_hour_end(hours.back());
       d += std::chrono::days{1})
    out.push_back(d);
  return out;
}

std::vector<std::chrono::sys_days> complete_beijing_days(const std::vector<TimePoint>& hours) {
  std::vector<std::chrono::sys_days> out;
  for (auto d : beijing_days(hours)) {
    const TimePoint first = TimePoint{d} + std::chrono::hours{1} - kBeijingOffset;
    if (first >= hours.front() && first + std::chrono::hours{23} <= hours.back()) out.push_back(d);
  }
  return out;
}

double valid_mean(const double* v, std::size_t n, int min_valid, int* count) {
  double sum = 0.0;
  int k = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(v[i])) {
      sum += v[i];
      ++k;
    }
  if (count) *count = k;
  return (k >= min_valid && k > 0) ? sum / k : kNaN;
}

DailyConcentrations daily_concentrations(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant, std::chrono::sys_days day,
    const ValidityRules& rules) {
  DailyConcentrations c;
  c.day = day;
  for (Pollutant p : kPollutants) {
    const auto h = day_hours(hours, lookup(by_pollutant, p), day);
    int n = 0;
    const double mean = valid_mean(h.data(), h.size(), rules.daily_min_hours, &n);
    c.valid_hours[std::size_t(p)] = n;
    switch (p) {
      case Pollutant::so2:
        c.so2_24h = mean;
        break;
      case Pollutant::no2:
        c.no2_24h = mean;
        break;
      case Pollutant::pm10:
        c.pm10_24h = mean;
        break;
      case Pollutant::co:
        c.co_24h = mean;
        break;
      case Pollutant::pm25:
        c.pm25_24h = mean;
        break;
      case Pollutant::o3: {
        // 8-h windows ending at hour-ending e = first..24 cover hours e-7..e (index e-8..e-1).
        double best = kNaN;
        int windows = 0;
        for (int e = rules.mda8_first_window_end; e <= 24; ++e) {
          const double w = valid_mean(h.data() + (e - 8), 8, rules.window_min_hours);
          if (std::isnan(w)) continue;
          ++windows;
          if (std::isnan(best) || w > best) best = w;
        }
        c.o3_valid_windows = windows;
        const bool ok = windows >= rules.mda8_min_windows ||
                        (windows > 0 && best > rules.mda8_exceedance_limit);
        c.o3_mda8 = ok ? best : kNaN;
        double mx = kNaN;
        for (double x : h)
          if (!std::isnan(x) && (std::isnan(mx) || x > mx)) mx = x;
        c.o3_1h_max = mx;
        break;
      }
    }
  }
  return c;
}

DailyAqi daily_aqi(const DailyConcentrations& c, const DailyOptions& options) {
  DailyAqi d;
  d.day = c.day;
  d.conc = c;
  d.standard = options.aqi.standard_for(c.day);
  for (Pollutant p : kPollutants) {
    const double v = c.value(p);
    std::optional<int> i = iaqi(d.standard, daily_metric(p), v, options.aqi);
    if (p == Pollutant::o3) {
      // HJ 633—2012 Table 1 note: above 800 µg/m^3 the 8-h O3 IAQI is not computed and the
      // 1-h O3 IAQI is used instead.
      if (!i && !std::isnan(v)) i = iaqi(d.standard, AqiMetric::o3_1h, c.o3_1h_max, options.aqi);
      if (options.o3_1h_in_daily)
        i = max_opt(i, iaqi(d.standard, AqiMetric::o3_1h, c.o3_1h_max, options.aqi));
    }
    d.iaqi[std::size_t(p)] = i;
    d.aqi = max_opt(d.aqi, i);
  }
  d.complete =
      std::all_of(d.iaqi.begin(), d.iaqi.end(), [](const auto& x) { return x.has_value(); });
  if (d.aqi && *d.aqi > 50)
    for (Pollutant p : kPollutants)
      if (d.iaqi[std::size_t(p)] == d.aqi) d.primary.push_back(p);
  return d;
}

std::vector<DailyAqi> daily_aqi_series(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant,
    const std::vector<std::chrono::sys_days>& days, const DailyOptions& options) {
  std::vector<DailyAqi> out;
  out.reserve(days.size());
  for (auto day : days)
    out.push_back(
        daily_aqi(daily_concentrations(hours, by_pollutant, day, options.validity), options));
  return out;
}

std::map<std::string, std::vector<double>> city_mean(
    const io::HourlySeries& series, const std::vector<std::string>& city_stations) {
  std::map<std::string, std::vector<double>> out;
  for (Pollutant p : kPollutants) {
    const std::string name = to_string(p);
    std::vector<double> sum(series.size(), 0.0);
    std::vector<int> n(series.size(), 0);
    bool any = false;
    for (const auto& st : city_stations) {
      const auto* v = series.find(st, name);
      if (!v) continue;
      any = true;
      for (std::size_t i = 0; i < series.size() && i < v->size(); ++i)
        if (!std::isnan((*v)[i])) {
          sum[i] += (*v)[i];
          ++n[i];
        }
    }
    if (!any) continue;
    auto& o = out[name];
    o.resize(series.size());
    for (std::size_t i = 0; i < series.size(); ++i) o[i] = n[i] > 0 ? sum[i] / n[i] : kNaN;
  }
  return out;
}

std::vector<double> running_mean(const std::vector<double>& v, int window, int min_valid) {
  std::vector<double> out(v.size(), kNaN);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::size_t first = i + 1 >= std::size_t(window) ? i + 1 - std::size_t(window) : 0;
    if (i + 1 < std::size_t(window)) {
      // Fewer than `window` hours on the axis: count the missing ones as invalid.
      out[i] = valid_mean(v.data(), i + 1, min_valid);
    } else {
      out[i] = valid_mean(v.data() + first, std::size_t(window), min_valid);
    }
  }
  return out;
}

std::vector<std::optional<int>> hourly_aqi(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant, const DailyOptions& options) {
  std::vector<std::optional<int>> out(hours.size());
  std::vector<double> so2_24;
  if (const auto* so2 = lookup(by_pollutant, Pollutant::so2))
    so2_24 = running_mean(*so2, 24, options.validity.running_min_hours);
  for (Pollutant p : kPollutants) {
    const auto* v = lookup(by_pollutant, p);
    if (!v) continue;
    for (std::size_t i = 0; i < hours.size() && i < v->size(); ++i) {
      const AqiStandard s = options.aqi.standard_for(day_of_hour_end(hours[i]));
      std::optional<int> x = iaqi(s, hourly_metric(p), (*v)[i], options.aqi);
      // HJ 633—2012 Table 1 note: SO2 1-h above 800 µg/m^3 is reported by its 24-h IAQI.
      if (p == Pollutant::so2 && !x && !std::isnan((*v)[i]) && i < so2_24.size())
        x = iaqi(s, AqiMetric::so2_24h, so2_24[i], options.aqi);
      out[i] = max_opt(out[i], x);
    }
  }
  return out;
}

std::vector<std::optional<int>> rolling_pm_aqi(
    const std::vector<TimePoint>& hours,
    const std::map<std::string, std::vector<double>>& by_pollutant, const DailyOptions& options) {
  std::vector<std::optional<int>> out(hours.size());
  for (Pollutant p : {Pollutant::pm25, Pollutant::pm10}) {
    const auto* v = lookup(by_pollutant, p);
    if (!v) continue;
    const auto r = running_mean(*v, 24, options.validity.running_min_hours);
    for (std::size_t i = 0; i < hours.size() && i < r.size(); ++i) {
      const AqiStandard s = options.aqi.standard_for(day_of_hour_end(hours[i]));
      out[i] = max_opt(out[i], iaqi(s, daily_metric(p), r[i], options.aqi));
    }
  }
  return out;
}

}  // namespace qiantang::forecast
