#include "validation/benchmarks.hpp"

#include <cmath>

namespace qiantang::validation {

const char* statistic_name(Statistic s) {
  switch (s) {
    case Statistic::kNmb:
      return "NMB";
    case Statistic::kNme:
      return "NME";
    case Statistic::kMfb:
      return "MFB";
    case Statistic::kMfe:
      return "MFE";
  }
  return "?";
}

const std::vector<BenchmarkRule>& benchmark_rules() {
  static const std::vector<BenchmarkRule> rules = [] {
    const std::string emery = "Emery et al. 2017, J. Air Waste Manage. Assoc. 67(5):582-598";
    const std::string boylan = "Boylan and Russell 2006, Atmos. Environ. 40:4946";
    const std::string china = "China O3 MDA8 benchmark (air-quality-rules.md)";
    std::vector<BenchmarkRule> r;
    r.push_back({"Emery2017", emery, "O3", "MDA8", Statistic::kNmb, 0.05, 0.15});
    r.push_back({"Emery2017", emery, "O3", "MDA8", Statistic::kNme, 0.15, 0.25});
    r.push_back({"China_O3_MDA8", china, "O3", "MDA8", Statistic::kNmb, 0.10, 0.20});
    for (const char* pm : {"PM2.5", "PM10"}) {
      r.push_back({"BoylanRussell2006", boylan, pm, "daily_mean", Statistic::kMfb, 0.30, 0.60});
      r.push_back({"BoylanRussell2006", boylan, pm, "daily_mean", Statistic::kMfe, 0.50, 0.75});
    }
    return r;
  }();
  return rules;
}

const char* result_name(BenchmarkResult r) {
  switch (r) {
    case BenchmarkResult::kGoalMet:
      return "goal met";
    case BenchmarkResult::kCriterionMet:
      return "criterion met";
    case BenchmarkResult::kNotMet:
      return "not met";
    case BenchmarkResult::kNoData:
      return "no data";
  }
  return "?";
}

BenchmarkResult judge(const BenchmarkRule& rule, double value) {
  if (!std::isfinite(value)) return BenchmarkResult::kNoData;
  const double a = std::abs(value);
  if (a <= rule.goal) return BenchmarkResult::kGoalMet;
  if (a <= rule.criterion) return BenchmarkResult::kCriterionMet;
  return BenchmarkResult::kNotMet;
}

}  // namespace qiantang::validation
