#include "chemistry/aerosol/soa.hpp"

#include <algorithm>
#include <cmath>

namespace qiantang::chemistry::aerosol {

const SoaYields& soa_yields(SoaPrecursor p) {
  // Lane et al. (2008) Table 2 / Tsimpidi et al. (2010) Table 2: α at C* = 1, 10, 100, 1000.
  // Benzene is given the ARO1 (toluene-like) yields. Molar masses of the lumped precursors in
  // g/mol.
  static const SoaYields benzene{{0.003, 0.165, 0.300, 0.435}, {0.075, 0.225, 0.375, 0.525}, 78.11};
  static const SoaYields toluene{{0.003, 0.165, 0.300, 0.435}, {0.075, 0.225, 0.375, 0.525}, 92.14};
  static const SoaYields xylene{{0.002, 0.195, 0.300, 0.435}, {0.075, 0.300, 0.375, 0.525}, 106.17};
  static const SoaYields isoprene{
      {0.001, 0.023, 0.015, 0.000}, {0.009, 0.030, 0.015, 0.000}, 68.12};
  static const SoaYields terpene{
      {0.012, 0.122, 0.201, 0.500}, {0.107, 0.092, 0.359, 0.600}, 136.23};
  static const SoaYields sesqui{{0.075, 0.150, 0.750, 0.900}, {0.075, 0.150, 0.750, 0.900}, 204.35};
  switch (p) {
    case SoaPrecursor::benzene:
      return benzene;
    case SoaPrecursor::toluene:
      return toluene;
    case SoaPrecursor::xylene:
      return xylene;
    case SoaPrecursor::isoprene:
      return isoprene;
    case SoaPrecursor::monoterpene:
      return terpene;
    case SoaPrecursor::sesquiterpene:
      return sesqui;
  }
  return toluene;
}

double vbs_cstar(int bin, double T) {
  constexpr double R = 8.314462618;
  return kVbsCstar298[std::size_t(bin)] * (298.0 / T) *
         std::exp(kVbsDeltaHvap_J_mol / R * (1.0 / 298.0 - 1.0 / T));
}

double partition_vbs(std::span<const double, kVbsBins> total, double poa, double T,
                     std::span<double, kVbsBins> particle) {
  std::array<double, kVbsBins> cs{};
  double sum_total = 0.0, sum_ratio = 0.0;
  for (int i = 0; i < kVbsBins; ++i) {
    cs[std::size_t(i)] = vbs_cstar(i, T);
    sum_total += std::max(0.0, total[std::size_t(i)]);
    sum_ratio += std::max(0.0, total[std::size_t(i)]) / cs[std::size_t(i)];
  }
  poa = std::max(0.0, poa);
  // Without POA a particle phase exists only when Σ C_i / C*_i > 1 (Donahue et al. 2006).
  if (sum_total <= 0.0 || (poa <= 0.0 && sum_ratio <= 1.0)) {
    for (auto& p : particle) p = 0.0;
    return poa;
  }
  // f(M) = M − POA − Σ C_i M/(M + C*_i): f(POA) ≤ 0 ≤ f(POA + ΣC); f is increasing where it
  // crosses zero. Newton steps, kept inside the bracket (bisection when they leave it).
  double lo = poa, hi = poa + sum_total;
  if (poa <= 0.0) lo = 0.0;
  double m = std::max(hi * 0.5, 1e-12);
  for (int it = 0; it < 100; ++it) {
    double f = m - poa, df = 1.0;
    for (int i = 0; i < kVbsBins; ++i) {
      const double c = std::max(0.0, total[std::size_t(i)]), k = cs[std::size_t(i)];
      f -= c * m / (m + k);
      df -= c * k / ((m + k) * (m + k));
    }
    (f > 0 ? hi : lo) = m;
    double next = (df > 0) ? m - f / df : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::abs(next - m) <= 1e-13 * std::max(1.0, m) || hi - lo <= 1e-14 * std::max(1.0, hi)) {
      m = next;
      break;
    }
    m = next;
  }
  double soa = 0.0;
  for (int i = 0; i < kVbsBins; ++i) {
    const double c = std::max(0.0, total[std::size_t(i)]);
    particle[std::size_t(i)] = c * m / (m + cs[std::size_t(i)]);
    soa += particle[std::size_t(i)];
  }
  return poa + soa;
}

}  // namespace qiantang::chemistry::aerosol
