#pragma once
// Individual and overall air-quality index (IAQI, AQI) of HJ 633—2012 and HJ 633—2026.
//
// IAQI_P = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo) · (C_P − BP_Lo) + IAQI_Lo      (HJ 633 eq. 1)
// with BP_Lo ≤ C_P ≤ BP_Hi the bracketing breakpoints of pollutant P (table in
// docs/forecast.md and /shared/reference/air-quality-rules.md). AQI = max_P IAQI_P (eq. 2).
// Rounding as practised for both versions: IAQI and AQI are rounded UP to an integer; under
// HJ 633—2026 the input concentration is first rounded half-to-even to an integer µg/m^3 (CO to
// one decimal mg/m^3), e.g. PM2.5 24-h 75 µg/m^3 -> IAQI 114. Above the last breakpoint the
// standard stops computing the IAQI; it is reported as 500.
// Only the PM10 and PM2.5 24-h rows differ between the versions.
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace qiantang::forecast {

enum class AqiStandard { hj633_2012, hj633_2026 };

// "2012" / "2026" (also "HJ633-2012", "hj633_2026"); nullopt when unknown.
std::optional<AqiStandard> parse_aqi_standard(const std::string& s);
std::string to_string(AqiStandard s);  // "HJ 633-2012"
// HJ 633—2026 applies to Beijing days from 2026-03-01, HJ 633—2012 before.
AqiStandard standard_for_day(std::chrono::sys_days beijing_day);
inline constexpr std::chrono::sys_days kHj633_2026_start{std::chrono::year{2026} / 3 / 1};

// The concentration kinds that have an IAQI breakpoint row.
enum class AqiMetric {
  so2_24h,
  so2_1h,
  no2_24h,
  no2_1h,
  pm10_24h,
  co_24h,
  co_1h,
  o3_1h,
  o3_8h,
  pm25_24h
};
inline constexpr int kAqiMetricCount = 10;
std::string to_string(AqiMetric m);  // "SO2_24h", ...

// How a concentration above 800 µg/m^3 of SO2-1h or O3-8h (end of those rows) is handled.
// hj633_2012: not computed; SO2 is reported by its 24-h IAQI, O3 by its 1-h IAQI.
// fixed_iaqi: SO2-1h gives IAQI 200, O3-8h gives 300 (the HJ 633—2026 reading of third-party
//             implementations; not confirmed from the text of the standard).
enum class Over800Rule { hj633_2012, fixed_iaqi };

struct AqiOptions {
  // nullopt: pick the version by the Beijing day (standard_for_day); set: forced.
  std::optional<AqiStandard> forced;
  // nullopt: per version (2012 substitutes, 2026 fixed_iaqi).
  std::optional<Over800Rule> over800;
  // nullopt: per version (2026 rounds inputs half-to-even, 2012 does not).
  std::optional<bool> round_inputs;

  AqiStandard standard_for(std::chrono::sys_days day) const {
    return forced ? *forced : standard_for_day(day);
  }
  Over800Rule over800_for(AqiStandard s) const {
    return over800
               ? *over800
               : (s == AqiStandard::hj633_2012 ? Over800Rule::hj633_2012 : Over800Rule::fixed_iaqi);
  }
  bool round_inputs_for(AqiStandard s) const {
    return round_inputs ? *round_inputs : s == AqiStandard::hj633_2026;
  }
};

struct Breakpoints {
  std::array<double, 8> iaqi{0, 50, 100, 150, 200, 300, 400, 500};
  std::vector<double>
      conc;  // breakpoints for iaqi[0..n): n = 5 for SO2-1h (to 200), 6 for O3-8h (to 300), else 8
};
// The breakpoint row of a metric in a version (µg/m^3; CO mg/m^3).
const Breakpoints& breakpoints(AqiStandard s, AqiMetric m);

// Half-to-even rounding to `decimals` decimals, robust to binary representation (2.5 -> 2,
// 0.25 at 1 decimal -> 0.2, 1.15 -> 1.2).
double round_half_even(double x, int decimals);
// ceil(x) ignoring representation noise below 1e-9 (100.0000000001 -> 100).
int ceil_index(double x);

// Linear IAQI (eq. 1) before rounding; nullopt when C is NaN, negative, or above the last
// breakpoint of a row that has no upper end (SO2-1h, O3-8h above 800). Capped at 500 above the
// last breakpoint of the other rows. Inputs are NOT rounded here.
std::optional<double> iaqi_linear(AqiStandard s, AqiMetric m, double conc);
// The reported IAQI: input rounding per options, eq. 1, rounded up. nullopt as iaqi_linear.
std::optional<int> iaqi(AqiStandard s, AqiMetric m, double conc, const AqiOptions& options = {});
// The concentration as the standard uses it (rounded for 2026 when the options say so).
double input_concentration(AqiStandard s, AqiMetric m, double conc, const AqiOptions& options);

// AQI categories (HJ 633 Table 2).
struct AqiCategory {
  int level;            // 1..6
  const char* name_zh;  // 优 ...
  const char* name_en;  // Excellent, Good, Lightly polluted, Moderately polluted, Heavily polluted,
                        // Severely polluted
  const char* colour;   // "#00E400" ...
};
const AqiCategory& aqi_category(int aqi);  // aqi >= 0
const std::array<AqiCategory, 6>& aqi_categories();

}  // namespace qiantang::forecast
