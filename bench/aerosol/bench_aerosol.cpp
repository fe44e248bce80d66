// Time per cell of the aerosol step (VBS SOA + inorganic equilibrium + N2O5 uptake) and of the
// cloud-chemistry step on a realistic batch: a winter-haze and a summer column mix of
// temperatures 260-305 K, RH 20-98 %, ammonium-rich and ammonium-poor cells.
// Usage: bench_aerosol [cells] [repeats]. Prints µs per cell; the lead compares it with the
// gas-phase chemistry benchmark (bench/chemistry) for the ratio.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "chemistry/aerosol/aerosol_step.hpp"
#include "chemistry/aerosol/aqueous.hpp"

using namespace qiantang::chemistry::aerosol;

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  AerosolBatch b(n, 6);
  const SoaCounter counters[] = {{SoaPrecursor::benzene},     {SoaPrecursor::toluene},
                                 {SoaPrecursor::xylene},      {SoaPrecursor::isoprene},
                                 {SoaPrecursor::monoterpene}, {SoaPrecursor::sesquiterpene}};
  auto fill = [&] {
    for (int c = 0; c < n; ++c) {
      const auto i = std::size_t(c);
      const double f = double(c % 997) / 997.0, g = double(c % 389) / 389.0;
      b.temperature_K[i] = 260.0 + 45.0 * f;
      b.pressure_Pa[i] = 1e5 - 4e4 * g;
      b.air_density_kg_m3[i] = b.pressure_Pa[i] / (287.0 * b.temperature_K[i]);
      b.rh[i] = 0.2 + 0.78 * g;
      b.sulf[i] = 0.2;
      b.hno3[i] = 5.0 * f;
      b.nh3[i] = 8.0 * g;
      b.n2o5[i] = 0.5 * f;
      b.aso4[i] = 12.0;
      b.ano3[i] = 20.0 * g;
      b.anh4[i] = 8.0;
      b.apoa[i] = 10.0;
      b.aec[i] = 3.0;
      b.aothr[i] = 5.0;
      for (int k = 0; k < kVbsBins; ++k) b.svoc_gas[std::size_t(k)][i] = 1.0 + k;
      for (auto& cnt : b.counters) cnt[i] = 2e-11;
    }
  };
  double best = 1e30;
  for (int r = 0; r < repeats; ++r) {
    fill();
    const auto t0 = std::chrono::steady_clock::now();
    aerosol_step(b, AerosolOptions{}, counters, 600.0);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
  }
  std::printf("aerosol step: %d cells, best of %d: %.3f s, %.3f us/cell\n", n, repeats, best,
              1e6 * best / n);
  // Cloud chemistry in cloudy cells (LWC 0.05-1 g/m^3).
  const int nc = std::max(1, n / 10);
  std::vector<CloudCell> cells(static_cast<std::size_t>(nc));
  double best_cloud = 1e30;
  for (int r = 0; r < repeats; ++r) {
    for (int c = 0; c < nc; ++c) {
      auto& x = cells[std::size_t(c)];
      const double f = double(c % 101) / 101.0;
      x = CloudCell{};
      x.temperature_K = 270.0 + 20.0 * f;
      x.lwc_g_m3 = 0.05 + 0.95 * f;
      const double air = 1e5 / (8.314 * x.temperature_K);
      x.so2 = 10e-9 * air;
      x.h2o2 = 1e-9 * air * (1.0 - f);
      x.o3 = 40e-9 * air;
      x.sulfate = 1e-7;
      x.ammonia = 5e-9 * air;
      x.nitrate = 2e-9 * air;
    }
    const auto t0 = std::chrono::steady_clock::now();
    int sub = 0;
    for (auto& x : cells) sub += cloud_sulfate_step(x, 600.0).substeps;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best_cloud = std::min(best_cloud, s);
    if (r == 0) std::printf("cloud chemistry: mean sub-steps %.1f\n", double(sub) / nc);
  }
  std::printf("cloud chemistry: %d cloudy cells, best of %d: %.3f s, %.2f us/cloudy cell\n", nc,
              repeats, best_cloud, 1e6 * best_cloud / nc);
  return 0;
}
