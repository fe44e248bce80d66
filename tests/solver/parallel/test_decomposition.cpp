#include <catch2/catch.hpp>

#include "solver/common/errors.hpp"
#include "solver/parallel/decomposition.hpp"

using qiantang::parallel::Decomposition;
using qiantang::parallel::Side;

TEST_CASE("Decomposition covers the domain exactly, uneven splits included", "[unit][parallel]") {
  for (int size : {1, 2, 3, 4, 5, 6, 7, 12}) {
    std::vector<int> owner(37 * 23, -1);
    for (int r = 0; r < size; ++r) {
      const auto d = Decomposition::create(37, 23, size, r, 3);
      CHECK(d.px * d.py == size);
      for (int j = 0; j < d.ny; ++j)
        for (int i = 0; i < d.nx; ++i) {
          auto& o = owner[std::size_t((d.j0 + j) * 37 + d.i0 + i)];
          CHECK(o == -1);
          o = r;
        }
    }
    for (int o : owner) CHECK(o >= 0);
  }
}

TEST_CASE("Decomposition neighbours are symmetric", "[unit][parallel]") {
  const int size = 6;
  for (int r = 0; r < size; ++r) {
    const auto d = Decomposition::create(40, 30, size, r, 3);
    const int e = d.neighbour[int(Side::east)];
    if (e >= 0) {
      const auto de = Decomposition::create(40, 30, size, e, 3);
      CHECK(de.neighbour[int(Side::west)] == r);
      CHECK(de.j0 == d.j0);
      CHECK(de.i0 == d.i0 + d.nx);
    }
    const int n = d.neighbour[int(Side::north)];
    if (n >= 0) CHECK(Decomposition::create(40, 30, size, n, 3).neighbour[int(Side::south)] == r);
  }
}

TEST_CASE("A domain that does not fit the decomposition is an input error", "[unit][parallel]") {
  CHECK_THROWS_AS(Decomposition::create(5, 5, 4, 0, 3, "cfg.ini"), qiantang::InputError);
  CHECK_THROWS_WITH(Decomposition::create(5, 5, 4, 0, 3, "cfg.ini"), Catch::Contains("cfg.ini"));
  CHECK_THROWS_AS(Decomposition::create(0, 5, 1, 0, 3), qiantang::InputError);
  CHECK_NOTHROW(Decomposition::create(6, 6, 4, 3, 3));
}
