// Wet scavenging: loss fractions from the stated coefficients.
#include <catch2/catch.hpp>
#include <cmath>

#include "solver/deposition/wet_deposition.hpp"

using namespace qiantang::solver::deposition;

TEST_CASE("In-cloud and below-cloud scavenging", "[deposition][unit]") {
  const int nz = 4;
  const double T[nz] = {285, 282, 279, 276}, rho[nz] = {1.2, 1.15, 1.1, 1.05};
  const double qc[nz] = {0, 0, 4e-4, 4e-4}, qr[nz] = {0, 0, 1e-4, 0}, dz[nz] = {100, 400, 500, 500};
  const std::vector<std::string> names{"ASO4", "ACORS", "HNO3", "O3", "SO2"};
  const WetScavenging w(names, {true, true, false, false, false});
  std::vector<double> loss;
  WetColumn c{nz, T, rho, qc, qr, dz, 2.0};
  const double dt = 600.0;
  w.column(c, dt, loss);
  auto at = [&](int s, int k) { return loss[std::size_t(s * nz + k)]; };
  // In cloud: Λ = P_flux / Σ W Δz for activated particles.
  const double water = (5e-4 * 1.1 * 500 + 4e-4 * 1.05 * 500);
  const double lambda_in = (2.0 / 3600.0) / water;
  CHECK(at(0, 3) == Approx(-std::expm1(-lambda_in * dt)).epsilon(1e-12));
  // Below cloud: Λ = a P^0.8 (1e-5 fine, 1e-4 coarse).
  CHECK(at(0, 0) == Approx(-std::expm1(-1e-5 * std::pow(2.0, 0.8) * dt)).epsilon(1e-12));
  CHECK(at(1, 0) == Approx(-std::expm1(-1e-4 * std::pow(2.0, 0.8) * dt)).epsilon(1e-12));
  // Gases: HNO3 is fully dissolved in cloud, O3 hardly at all, SO2 in between.
  CHECK(at(2, 3) == Approx(at(0, 3)).epsilon(1e-6));
  CHECK(at(3, 3) < 1e-4 * at(2, 3));
  CHECK(at(4, 3) > at(3, 3));
  CHECK(at(4, 3) < at(2, 3));
  // No precipitation, no scavenging.
  WetColumn dry = c;
  dry.precipitation_mm_h = 0.0;
  w.column(dry, dt, loss);
  for (double f : loss) CHECK(f == 0.0);
}
