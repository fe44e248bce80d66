#include "solver/emissions/biogenic.hpp"

#include <algorithm>
#include <cmath>

namespace qiantang::emissions {
namespace {
// Guenther et al. (1993), eqs. 2 and 9, with the constants given there.
constexpr double kAlpha = 0.0027, kCL1 = 1.066;
constexpr double kCT1 = 95000.0, kCT2 = 230000.0, kTM = 314.0;
constexpr double kR = 8.314;  // J mol-1 K-1, the value of the paper
constexpr double kBeta = 0.09;  // K-1, Guenther et al. (1993) monoterpene temperature coefficient
}  // namespace

double guenther_light_factor(double L) {
  L = std::max(L, 0.0);
  return kAlpha * kCL1 * L / std::sqrt(1.0 + kAlpha * kAlpha * L * L);
}

double guenther_temperature_factor(double T) {
  const double Ts = kGuentherTs_K;
  return std::exp(kCT1 * (T - Ts) / (kR * Ts * T)) / (1.0 + std::exp(kCT2 * (T - kTM) / (kR * Ts * T)));
}

double isoprene_activity(double t_K, double par) {
  static const double norm = guenther_light_factor(kGuentherStandardPar) * guenther_temperature_factor(kGuentherTs_K);
  return guenther_light_factor(par) * guenther_temperature_factor(t_K) / norm;
}

double monoterpene_activity(double t_K) { return std::exp(kBeta * (t_K - kGuentherTs_K)); }

}  // namespace qiantang::emissions
