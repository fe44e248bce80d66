#include "forecast/aqi/aqi.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace qiantang::forecast {
namespace {

constexpr std::array<double, 8> kIaqiSteps{0, 50, 100, 150, 200, 300, 400, 500};

// HJ 633—2012 Table 1 and HJ 633—2026 Table 1 (only the PM rows changed), in the order of
// AqiMetric. µg/m^3 except CO (mg/m^3). IAQI 0, 50, 100, 150, 200, 300, 400, 500.
const std::array<Breakpoints, kAqiMetricCount>& table_2012() {
  static const std::array<Breakpoints, kAqiMetricCount> t{{
      {kIaqiSteps, {0, 50, 150, 475, 800, 1600, 2100, 2620}},    // SO2 24h
      {kIaqiSteps, {0, 150, 500, 650, 800}},                     // SO2 1h (ends at IAQI 200)
      {kIaqiSteps, {0, 40, 80, 180, 280, 565, 750, 940}},        // NO2 24h
      {kIaqiSteps, {0, 100, 200, 700, 1200, 2340, 3090, 3840}},  // NO2 1h
      {kIaqiSteps, {0, 50, 150, 250, 350, 420, 500, 600}},       // PM10 24h (2012)
      {kIaqiSteps, {0, 2, 4, 14, 24, 36, 48, 60}},               // CO 24h
      {kIaqiSteps, {0, 5, 10, 35, 60, 90, 120, 150}},            // CO 1h
      {kIaqiSteps, {0, 160, 200, 300, 400, 800, 1000, 1200}},    // O3 1h
      {kIaqiSteps, {0, 100, 160, 215, 265, 800}},                // O3 8h (ends at IAQI 300)
      {kIaqiSteps, {0, 35, 75, 115, 150, 250, 350, 500}},        // PM2.5 24h (2012)
  }};
  return t;
}

const std::array<Breakpoints, kAqiMetricCount>& table_2026() {
  static const std::array<Breakpoints, kAqiMetricCount> t = [] {
    auto x = table_2012();
    x[int(AqiMetric::pm10_24h)].conc = {0, 50, 120, 250, 350, 420, 500, 600};
    x[int(AqiMetric::pm25_24h)].conc = {0, 35, 60, 115, 150, 250, 350, 500};
    return x;
  }();
  return t;
}

bool open_ended(AqiMetric m) { return m == AqiMetric::so2_1h || m == AqiMetric::o3_8h; }

}  // namespace

std::optional<AqiStandard> parse_aqi_standard(const std::string& s) {
  std::string k;
  for (char c : s)
    if (c != ' ' && c != '-' && c != '_') k += char(std::tolower(static_cast<unsigned char>(c)));
  if (k == "2012" || k == "hj6332012") return AqiStandard::hj633_2012;
  if (k == "2026" || k == "hj6332026") return AqiStandard::hj633_2026;
  return std::nullopt;
}

std::string to_string(AqiStandard s) {
  return s == AqiStandard::hj633_2012 ? "HJ 633-2012" : "HJ 633-2026";
}

AqiStandard standard_for_day(std::chrono::sys_days beijing_day) {
  return beijing_day >= kHj633_2026_start ? AqiStandard::hj633_2026 : AqiStandard::hj633_2012;
}

std::string to_string(AqiMetric m) {
  static const char* names[kAqiMetricCount] = {"SO2_24h",  "SO2_1h",   "NO2_24h", "NO2_1h",
                                               "PM10_24h", "CO_24h",   "CO_1h",   "O3_1h",
                                               "O3_8h",    "PM2.5_24h"};
  return names[int(m)];
}

const Breakpoints& breakpoints(AqiStandard s, AqiMetric m) {
  return (s == AqiStandard::hj633_2012 ? table_2012() : table_2026())[std::size_t(m)];
}

double round_half_even(double x, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double y = x * scale;
  const double f = std::floor(y);
  const double frac = y - f;
  double r;
  if (std::abs(frac - 0.5) < 1e-9 * std::max(1.0, std::abs(y)))
    r = (std::fmod(f, 2.0) == 0.0) ? f : f + 1.0;  // a tie: to the even neighbour
  else
    r = std::nearbyint(y);
  return r / scale;
}

int ceil_index(double x) { return int(std::ceil(x - 1e-9)); }

std::optional<double> iaqi_linear(AqiStandard s, AqiMetric m, double c) {
  if (!(c >= 0.0)) return std::nullopt;  // NaN or negative
  const Breakpoints& b = breakpoints(s, m);
  const std::size_t n = b.conc.size();
  if (c > b.conc[n - 1]) {
    if (open_ended(m)) return std::nullopt;
    return 500.0;  // beyond the table the IAQI is no longer computed; reported as 500
  }
  std::size_t k = 1;
  while (k < n - 1 && c > b.conc[k]) ++k;
  const double lo = b.conc[k - 1], hi = b.conc[k];
  return (b.iaqi[k] - b.iaqi[k - 1]) / (hi - lo) * (c - lo) + b.iaqi[k - 1];
}

double input_concentration(AqiStandard s, AqiMetric m, double conc, const AqiOptions& options) {
  if (!options.round_inputs_for(s) || std::isnan(conc)) return conc;
  const bool co = m == AqiMetric::co_24h || m == AqiMetric::co_1h;
  return round_half_even(conc, co ? 1 : 0);
}

std::optional<int> iaqi(AqiStandard s, AqiMetric m, double conc, const AqiOptions& options) {
  const double c = input_concentration(s, m, conc, options);
  if (!(c >= 0.0)) return std::nullopt;
  if (open_ended(m) && c > breakpoints(s, m).conc.back()) {
    if (options.over800_for(s) == Over800Rule::fixed_iaqi)
      return m == AqiMetric::so2_1h ? 200 : 300;
    return std::nullopt;  // 2012: the caller substitutes the 24-h SO2 / 1-h O3 IAQI
  }
  const auto v = iaqi_linear(s, m, c);
  if (!v) return std::nullopt;
  return ceil_index(*v);
}

const std::array<AqiCategory, 6>& aqi_categories() {
  // HJ 633 Table 2: ranges 0-50, 51-100, 101-150, 151-200, 201-300, >300.
  static const std::array<AqiCategory, 6> c{{
      {1, "优", "Excellent", "#00E400"},
      {2, "良", "Good", "#FFFF00"},
      {3, "轻度污染", "Lightly polluted", "#FF7E00"},
      {4, "中度污染", "Moderately polluted", "#FF0000"},
      {5, "重度污染", "Heavily polluted", "#99004C"},
      {6, "严重污染", "Severely polluted", "#7E0023"},
  }};
  return c;
}

const AqiCategory& aqi_category(int aqi) {
  const auto& c = aqi_categories();
  if (aqi <= 50) return c[0];
  if (aqi <= 100) return c[1];
  if (aqi <= 150) return c[2];
  if (aqi <= 200) return c[3];
  if (aqi <= 300) return c[4];
  return c[5];
}

}  // namespace qiantang::forecast
