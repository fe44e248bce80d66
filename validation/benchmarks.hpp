#pragma once
// Community model-performance benchmarks, each a goal (what the best models reach) and a
// criterion (what a model should reach to be used), applied to |statistic|:
//  - Emery et al. (2017, J. Air Waste Manage. Assoc. 67(5):582-598), O3 MDA8:
//    NMB goal ±5 %, criterion ±15 %; NME goal 15 %, criterion 25 %.
//  - Boylan & Russell (2006, Atmos. Environ. 40:4946), PM (24-h) mass: MFB goal ±30 %,
//    criterion ±60 %; MFE goal 50 %, criterion 75 % (applied to PM2.5 and PM10 daily means).
//  - China O3 MDA8 benchmark (shared/reference/air-quality-rules.md): NMB goal ±10 %,
//    criterion ±20 %.
#include <string>
#include <vector>

namespace qiantang::validation {

enum class Statistic { kNmb, kNme, kMfb, kMfe };
const char* statistic_name(Statistic s);  // "NMB", "NME", "MFB", "MFE"

// A benchmark row: applies to one pollutant's series ("MDA8", "daily_mean", "hourly").
struct BenchmarkRule {
  std::string name;       // e.g. "Emery2017"
  std::string reference;  // citation
  std::string pollutant;  // "O3", "PM2.5", ...
  std::string series;     // "MDA8", "daily_mean"
  Statistic statistic;
  double goal;       // fraction; met when |value| <= goal
  double criterion;  // fraction; met when |value| <= criterion
};

// All rules above, in the order listed.
const std::vector<BenchmarkRule>& benchmark_rules();

enum class BenchmarkResult { kGoalMet, kCriterionMet, kNotMet, kNoData };
const char* result_name(BenchmarkResult r);  // "goal met", "criterion met", "not met", "no data"

// Judges a statistic value (fraction; NaN -> kNoData). The goal is stricter than the criterion, so
// kGoalMet implies the criterion is met too.
BenchmarkResult judge(const BenchmarkRule& rule, double value);

}  // namespace qiantang::validation
