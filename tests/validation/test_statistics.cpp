// Statistics and benchmarks against values worked out by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "validation/benchmarks.hpp"
#include "validation/statistics.hpp"

using qiantang::validation::paired_statistics;
namespace v = qiantang::validation;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("paired statistics of a 4-value series match hand computation", "[statistics]") {
  // O = {1,2,3,4}, M = {2,2,4,3}; M−O = {1,0,1,−1}.
  // ΣO = 10, Σ(M−O) = 1 -> NMB = 0.1; Σ|M−O| = 3 -> NME = 0.3.
  // (M−O)/(M+O) = {1/3, 0, 1/7, −1/7} -> MFB = (2/4)(1/3) = 1/6;
  // |M−O|/(M+O) = {1/3, 0, 1/7, 1/7}  -> MFE = (2/4)(13/21) = 13/42.
  // RMSE = sqrt(3/4).
  // Ō = 2.5, M̄ = 2.75; O−Ō = {−1.5,−0.5,0.5,1.5}, M−M̄ = {−0.75,−0.75,1.25,0.25}:
  // Σ(M−M̄)(O−Ō) = 1.125+0.375+0.625+0.375 = 2.5, Σ(O−Ō)² = 5, Σ(M−M̄)² = 2.75
  // -> R = 2.5 / sqrt(13.75).
  // |M−Ō| + |O−Ō| = {0.5+1.5, 0.5+0.5, 1.5+0.5, 0.5+1.5} = {2,1,2,2}; Σ squares = 13,
  // Σ(M−O)² = 3 -> IOA = 1 − 3/13 = 10/13.
  const std::vector<double> obs{1, 2, 3, 4}, model{2, 2, 4, 3};
  const auto s = paired_statistics(obs, model);
  CHECK(s.n == 4);
  CHECK(s.mean_obs == Approx(2.5));
  CHECK(s.mean_model == Approx(2.75));
  CHECK(s.nmb == Approx(0.1));
  CHECK(s.nme == Approx(0.3));
  CHECK(s.mfb == Approx(1.0 / 6.0));
  CHECK(s.mfe == Approx(13.0 / 42.0));
  CHECK(s.rmse == Approx(std::sqrt(0.75)));
  CHECK(s.r == Approx(2.5 / std::sqrt(13.75)));
  CHECK(s.ioa == Approx(10.0 / 13.0));
}

TEST_CASE("a missing value on either side removes the pair from every statistic", "[statistics]") {
  // Same pairs as above plus a pair with the observation missing (model 1000) and one with the
  // model missing (observation 1000): every statistic must equal the 4-pair result.
  const std::vector<double> obs{1, kNaN, 2, 3, 1000, 4};
  const std::vector<double> model{2, 1000, 2, 4, kNaN, 3};
  const auto s = paired_statistics(obs, model);
  const auto ref =
      paired_statistics(std::vector<double>{1, 2, 3, 4}, std::vector<double>{2, 2, 4, 3});
  CHECK(s.n == 4);
  CHECK(s.mean_obs == Approx(ref.mean_obs));
  CHECK(s.mean_model == Approx(ref.mean_model));
  CHECK(s.nmb == Approx(ref.nmb));
  CHECK(s.nme == Approx(ref.nme));
  CHECK(s.mfb == Approx(ref.mfb));
  CHECK(s.mfe == Approx(ref.mfe));
  CHECK(s.rmse == Approx(ref.rmse));
  CHECK(s.r == Approx(ref.r));
  CHECK(s.ioa == Approx(ref.ioa));
}

TEST_CASE("undefined statistics are NaN", "[statistics]") {
  SECTION("no pairs") {
    const auto s =
        paired_statistics(std::vector<double>{kNaN, 1.0}, std::vector<double>{2.0, kNaN});
    CHECK(s.n == 0);
    CHECK(std::isnan(s.mean_obs));
    CHECK(std::isnan(s.nmb));
    CHECK(std::isnan(s.r));
    CHECK(std::isnan(s.ioa));
  }
  SECTION("constant observations: R undefined, the rest defined") {
    // O = {2,2}, M = {1,3}: NMB = 0/4 = 0, NME = 2/4 = 0.5, RMSE = 1.
    // IOA: Ō = 2, |M−Ō|+|O−Ō| = {1,1} -> 1 − 2/2 = 0.
    const auto s = paired_statistics(std::vector<double>{2, 2}, std::vector<double>{1, 3});
    CHECK(s.n == 2);
    CHECK(std::isnan(s.r));
    CHECK(s.nmb == Approx(0.0).margin(1e-15));
    CHECK(s.nme == Approx(0.5));
    CHECK(s.rmse == Approx(1.0));
    CHECK(s.ioa == Approx(0.0).margin(1e-15));
  }
  SECTION("zero observations: NMB and NME undefined; M+O = 0 adds nothing to MFB") {
    // O = {0,0}, M = {0,2}: ΣO = 0. MFB = (2/2)(0 + 2/2) = 1, MFE = 1.
    const auto s = paired_statistics(std::vector<double>{0, 0}, std::vector<double>{0, 2});
    CHECK(std::isnan(s.nmb));
    CHECK(std::isnan(s.nme));
    CHECK(s.mfb == Approx(1.0));
    CHECK(s.mfe == Approx(1.0));
  }
  SECTION("lengths differ") {
    CHECK_THROWS(paired_statistics(std::vector<double>{1, 2}, std::vector<double>{1}));
  }
}

TEST_CASE("perfect model: no bias or error, R = IOA = 1", "[statistics]") {
  const std::vector<double> x{10, 35, 80, 20};
  const auto s = paired_statistics(x, x);
  CHECK(s.nmb == 0.0);
  CHECK(s.nme == 0.0);
  CHECK(s.mfb == 0.0);
  CHECK(s.rmse == 0.0);
  CHECK(s.r == Approx(1.0));
  CHECK(s.ioa == Approx(1.0));
}

TEST_CASE("benchmarks: goal, criterion, not met, boundaries inclusive", "[benchmarks]") {
  const auto& rules = v::benchmark_rules();
  auto find = [&](const char* name, const char* pol, v::Statistic st) {
    for (const auto& r : rules)
      if (r.name == name && r.pollutant == pol && r.statistic == st) return r;
    FAIL("rule not found");
    return rules.front();
  };
  const auto emery_nmb = find("Emery2017", "O3", v::Statistic::kNmb);
  CHECK(emery_nmb.series == "MDA8");
  CHECK(v::judge(emery_nmb, -0.04) == v::BenchmarkResult::kGoalMet);
  CHECK(v::judge(emery_nmb, 0.05) == v::BenchmarkResult::kGoalMet);
  CHECK(v::judge(emery_nmb, 0.12) == v::BenchmarkResult::kCriterionMet);
  CHECK(v::judge(emery_nmb, -0.15) == v::BenchmarkResult::kCriterionMet);
  CHECK(v::judge(emery_nmb, -0.2) == v::BenchmarkResult::kNotMet);
  CHECK(v::judge(emery_nmb, kNaN) == v::BenchmarkResult::kNoData);
  const auto emery_nme = find("Emery2017", "O3", v::Statistic::kNme);
  CHECK(v::judge(emery_nme, 0.20) == v::BenchmarkResult::kCriterionMet);
  const auto china = find("China_O3_MDA8", "O3", v::Statistic::kNmb);
  CHECK(v::judge(china, -0.12) == v::BenchmarkResult::kCriterionMet);
  CHECK(v::judge(china, 0.08) == v::BenchmarkResult::kGoalMet);
  const auto br_mfb = find("BoylanRussell2006", "PM2.5", v::Statistic::kMfb);
  CHECK(br_mfb.series == "daily_mean");
  CHECK(v::judge(br_mfb, -0.45) == v::BenchmarkResult::kCriterionMet);
  CHECK(v::judge(br_mfb, 0.61) == v::BenchmarkResult::kNotMet);
  const auto br_mfe = find("BoylanRussell2006", "PM10", v::Statistic::kMfe);
  CHECK(v::judge(br_mfe, 0.5) == v::BenchmarkResult::kGoalMet);
  CHECK(v::judge(br_mfe, 0.74) == v::BenchmarkResult::kCriterionMet);
}
