#include "validation/daily_values.hpp"

#include <limits>

namespace qiantang::validation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<forecast::Pollutant> pollutant_of(const std::string& name) {
  for (const auto p : forecast::kPollutants)
    if (forecast::to_string(p) == name) return p;
  return std::nullopt;
}

}  // namespace

DailyTable daily_table(const io::HourlySeries& series) {
  DailyTable out;
  const forecast::ValidityRules rules;
  const auto days = forecast::beijing_days(series.hours);
  for (const auto& [station, by_pollutant] : series.values) {
    auto& d = out[station];
    for (const auto day : days)
      d[day] = forecast::daily_concentrations(series.hours, by_pollutant, day, rules);
  }
  return out;
}

double daily_value(const forecast::DailyConcentrations& c, const std::string& pollutant) {
  const auto p = pollutant_of(pollutant);
  return p ? c.value(*p) : kNaN;
}

void set_daily_value(forecast::DailyConcentrations& c, const std::string& pollutant, double value,
                     double o3_1h_max) {
  const auto p = pollutant_of(pollutant);
  if (!p) return;
  switch (*p) {
    case forecast::Pollutant::so2:
      c.so2_24h = value;
      break;
    case forecast::Pollutant::no2:
      c.no2_24h = value;
      break;
    case forecast::Pollutant::pm10:
      c.pm10_24h = value;
      break;
    case forecast::Pollutant::co:
      c.co_24h = value;
      break;
    case forecast::Pollutant::pm25:
      c.pm25_24h = value;
      break;
    case forecast::Pollutant::o3:
      c.o3_mda8 = value;
      c.o3_1h_max = o3_1h_max;
      break;
  }
}

forecast::DailyConcentrations empty_daily(std::chrono::sys_days day) {
  forecast::DailyConcentrations c;
  c.day = day;
  c.so2_24h = c.no2_24h = c.pm10_24h = c.co_24h = c.pm25_24h = c.o3_mda8 = c.o3_1h_max = kNaN;
  return c;
}

DailyAqi daily_aqi(const forecast::DailyConcentrations& c) {
  const auto d = forecast::daily_aqi(c, forecast::DailyOptions{});
  DailyAqi out;
  if (!d.aqi) return out;
  out.valid = true;
  out.aqi = *d.aqi;
  out.level = forecast::aqi_category(out.aqi).level;
  for (const auto p : d.primary) out.primary.push_back(forecast::to_string(p));
  return out;
}

}  // namespace qiantang::validation
