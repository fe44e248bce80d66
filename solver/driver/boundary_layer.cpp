#include "solver/driver/boundary_layer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "solver/common/constants.hpp"

namespace qiantang::solver {

double obukhov_length_m(double ust, double hfx, double t, double rho) {
  using namespace constants;
  if (std::abs(hfx) < 1e-6) return std::numeric_limits<double>::infinity();  // neutral
  const double u = std::max(ust, 0.01);
  return -u * u * u * t * rho * cp_dry_air_J_kg_K / (von_karman * gravity_m_s2 * hfx);
}

double similarity_kz_m2_s(double z, double h, double ust, double L, const KzSettings& s) {
  using constants::von_karman;
  h = std::max(h, 50.0);
  if (z >= h) return s.kz_min_free_m2_s;
  const double u = std::max(ust, 0.01);
  double ws;
  if (std::isinf(L) || L > 0) {
    const double zeta = std::isinf(L) ? 0.0 : z / L;
    ws = u / (1.0 + 5.0 * zeta);
  } else {
    const double zeta = std::min(z, 0.1 * h) / L;  // negative
    ws = u * std::cbrt(1.0 - 15.0 * zeta);
  }
  const double k = von_karman * ws * z * (1.0 - z / h) * (1.0 - z / h);
  return std::clamp(k, s.kz_min_pbl_m2_s, s.kz_max_m2_s);
}

}  // namespace qiantang::solver
