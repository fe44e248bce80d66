#include <catch2/catch.hpp>
#include <omp.h>

#include "tests/solver/transport/advection_harness.hpp"

using namespace qiantang;
using namespace qiantang::transport;

namespace {
Array3 run(int threads) {
  omp_set_num_threads(threads);
  const int n = 60;
  const Extents e{n, n, 3, 3};
  Array3 q(e), mass(e, 1.0), fx(Extents{n + 1, n, 3, 3}), fy(Extents{n, n + 1, 3, 3}), m1(e, 1.0);
  for (int k = 0; k < 3; ++k) {
    for (int j = -3; j < n + 3; ++j)
      for (int i = -3; i < n + 4; ++i) fx(k, j, i) = 0.3 * std::sin(0.1 * j + k);
    for (int j = -3; j < n + 4; ++j)
      for (int i = -3; i < n + 3; ++i) fy(k, j, i) = 0.2 * std::cos(0.13 * i);
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) q(k, j, i) = std::exp(-0.01 * ((i - 30) * (i - 30) + (j - 20) * (j - 20)));
  }
  Advection adv(e);
  Array3* f[] = {&q};
  std::vector<BoundaryTransport> b(1);
  for (int s = 0; s < 40; ++s) {
    auto st = adv.horizontal(f, mass, fx, fy, 1.0, s, [&] { test::fill_periodic(q); }, nullptr, &b, true, true, true, true);
    REQUIRE(st.ok);
    auto sv = adv.vertical(f, adv.mass_after(), &b);
    REQUIRE(sv.ok);
  }
  return q;
}
}  // namespace

TEST_CASE("Advection gives bitwise identical results on 1 and 2 OpenMP threads", "[unit][advection]") {
  const Array3 a = run(1), b = run(2);
  CHECK(a.raw() == b.raw());
}
