#include "solver/attribution/o3_regime.hpp"

#include <cmath>

namespace qiantang::attribution {

signed char classify_h2o2_hno3(double ratio, double threshold) {
  if (!std::isfinite(ratio)) return 0;
  return ratio > threshold ? io::kRegimeNoxLimited : io::kRegimeVocLimited;
}

signed char classify_hcho_no2(double ratio, double voc_below, double nox_above) {
  if (!std::isfinite(ratio)) return 0;
  if (ratio < voc_below) return io::kRegimeVocLimited;
  return ratio > nox_above ? io::kRegimeNoxLimited : io::kRegimeTransitional;
}

const char* regime_name(signed char c) {
  switch (c) {
    case io::kRegimeVocLimited: return "VOC-limited";
    case io::kRegimeTransitional: return "transitional";
    case io::kRegimeNoxLimited: return "NOx-limited";
    default: return "";
  }
}

DailyO3Regime::DailyO3Regime(std::filesystem::path file, std::string domain, grid::HorizontalGrid grid,
                             io::O3RegimeThresholds thresholds)
    : file_(std::move(file)), domain_(std::move(domain)), grid_(std::move(grid)), thresholds_(thresholds) {}

bool DailyO3Regime::in_window(TimePoint t) {
  const auto local = t + kBeijingOffset;
  const auto since_midnight = local - std::chrono::floor<std::chrono::days>(local);
  return since_midnight >= std::chrono::hours(11) && since_midnight <= std::chrono::hours(17);
}

void DailyO3Regime::sample(TimePoint t, const std::vector<double>& h2o2, const std::vector<double>& hno3,
                           const std::vector<double>& hcho, const std::vector<double>& no2) {
  if (!in_window(t)) return;
  const auto day = beijing_day(t);
  if (open_ && *open_ != day) close_day();
  const std::size_t n = std::size_t(grid_.nx()) * std::size_t(grid_.ny());
  if (!open_) {
    open_ = day;
    samples_ = 0;
    for (auto& s : sum_) s.assign(n, 0.0);
  }
  const std::vector<double>* in[4] = {&h2o2, &hno3, &hcho, &no2};
  for (int v = 0; v < 4; ++v)
    for (std::size_t c = 0; c < n; ++c) sum_[v][c] += (*in[v])[c];
  ++samples_;
}

void DailyO3Regime::passed(TimePoint t) {
  if (open_ && (beijing_day(t) != *open_ || !in_window(t))) close_day();
}

void DailyO3Regime::finish() {
  if (open_) close_day();
}

void DailyO3Regime::close_day() {
  io::O3RegimeDay d;
  d.day = *open_;
  d.samples = samples_;
  const std::size_t n = sum_[0].size();
  d.h2o2_hno3.resize(n);
  d.hcho_no2.resize(n);
  d.class_h2o2_hno3.resize(n);
  d.class_hcho_no2.resize(n);
  // Ratio of the means (= ratio of the sums), as o3_regime.csv does for the city.
  for (std::size_t c = 0; c < n; ++c) {
    d.h2o2_hno3[c] = sum_[1][c] > 0 ? sum_[0][c] / sum_[1][c] : NAN;
    d.hcho_no2[c] = sum_[3][c] > 0 ? sum_[2][c] / sum_[3][c] : NAN;
    d.class_h2o2_hno3[c] = classify_h2o2_hno3(d.h2o2_hno3[c], thresholds_.h2o2_hno3);
    d.class_hcho_no2[c] = classify_hcho_no2(d.hcho_no2[c], thresholds_.hcho_no2_voc, thresholds_.hcho_no2_nox);
  }
  days_.push_back(std::move(d));
  open_.reset();
  io::write_o3_regime_file(file_, domain_, grid_, days_, thresholds_);
}

}  // namespace qiantang::attribution
