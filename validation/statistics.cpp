#include "validation/statistics.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace qiantang::validation {

PairedStatistics paired_statistics(std::span<const double> obs, std::span<const double> model) {
  if (obs.size() != model.size())
    throw std::invalid_argument("paired_statistics: observation and model series differ in length");
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  PairedStatistics s;
  double sum_o = 0.0, sum_m = 0.0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    if (!is_pair(obs[i], model[i])) continue;
    ++s.n;
    sum_o += obs[i];
    sum_m += model[i];
  }
  if (s.n == 0) {
    s.mean_obs = s.mean_model = s.nmb = s.nme = s.mfb = s.mfe = s.rmse = s.r = s.ioa = nan;
    return s;
  }
  const double n = double(s.n);
  s.mean_obs = sum_o / n;
  s.mean_model = sum_m / n;

  // Second pass: deviations from the means (two-pass sums keep R and IOA accurate).
  double sum_d = 0.0, sum_abs_d = 0.0, sum_d2 = 0.0, sum_fb = 0.0, sum_fe = 0.0;
  double s_mo = 0.0, s_mm = 0.0, s_oo = 0.0, sum_pot = 0.0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    if (!is_pair(obs[i], model[i])) continue;
    const double o = obs[i], m = model[i], d = m - o;
    sum_d += d;
    sum_abs_d += std::abs(d);
    sum_d2 += d * d;
    if (m + o != 0.0) {
      sum_fb += d / (m + o);
      sum_fe += std::abs(d) / (m + o);
    }
    const double dm = m - s.mean_model, dob = o - s.mean_obs;
    s_mo += dm * dob;
    s_mm += dm * dm;
    s_oo += dob * dob;
    const double pot = std::abs(m - s.mean_obs) + std::abs(dob);  // potential error, Willmott 1981
    sum_pot += pot * pot;
  }
  s.nmb = sum_o != 0.0 ? sum_d / sum_o : nan;
  s.nme = sum_o != 0.0 ? sum_abs_d / sum_o : nan;
  s.mfb = 2.0 * sum_fb / n;
  s.mfe = 2.0 * sum_fe / n;
  s.rmse = std::sqrt(sum_d2 / n);
  s.r = (s.n >= 2 && s_mm > 0.0 && s_oo > 0.0) ? s_mo / std::sqrt(s_mm * s_oo) : nan;
  s.ioa = sum_pot > 0.0 ? 1.0 - sum_d2 / sum_pot : nan;
  return s;
}

}  // namespace qiantang::validation
