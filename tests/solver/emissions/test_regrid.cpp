// Conservative regridding: polygon clipping against exact areas, domain totals conserved to
// round-off (< 1e-6 relative required) for inventory cells inside the model domain, a uniform
// area flux mapped to flux × model cell area, tiles that reproduce the global result bitwise,
// and a domain outside the inventory as an input error.
#include <catch2/catch.hpp>
#include <cmath>

#include "solver/common/errors.hpp"
#include "solver/emissions/regrid.hpp"

using namespace qiantang;
using namespace qiantang::emissions;

namespace {

grid::HorizontalGrid hangzhou_lambert(int nx, int ny, double d) {
  grid::Projection p;
  p.kind = grid::ProjectionKind::lambert_conformal;
  p.truelat1_deg = 25.0;
  p.truelat2_deg = 40.0;
  p.stand_lon_deg = 120.0;
  return grid::HorizontalGrid::centred(p, nx, ny, d, d, 30.25, 120.17);
}

io::InventoryGrid latlon_grid(double lon0, double lat0, double step, int nx, int ny) {
  io::InventoryGrid g;
  for (int i = 0; i <= nx; ++i) g.x_edges.push_back(lon0 + step * i);
  for (int j = 0; j <= ny; ++j) g.y_edges.push_back(lat0 + step * j);
  return g;
}

// Whether an inventory cell lies wholly inside the model domain (its edges sampled densely).
bool fully_inside(const io::InventoryGrid& inv, const grid::HorizontalGrid& m, int i, int j) {
  const double xa = m.x(-0.5), xb = m.x(m.nx() - 0.5), ya = m.y(-0.5), yb = m.y(m.ny() - 0.5);
  for (int a = 0; a <= 16; ++a)
    for (int b = 0; b <= 16; ++b) {
      if (a != 0 && a != 16 && b != 0 && b != 16) continue;
      const double lon = inv.x_edges[std::size_t(i)] + (inv.x_edges[std::size_t(i) + 1] - inv.x_edges[std::size_t(i)]) * a / 16.0;
      const double lat = inv.y_edges[std::size_t(j)] + (inv.y_edges[std::size_t(j) + 1] - inv.y_edges[std::size_t(j)]) * b / 16.0;
      double x = 0, y = 0;
      model_plane(m, lat, lon, x, y);
      if (x <= xa || x >= xb || y <= ya || y >= yb) return false;
    }
  return true;
}

double pseudo_random(std::size_t n) {  // deterministic values in (0, 1]
  return double((n * 2654435761u) % 1000003u + 1) / 1000003.0;
}

}  // namespace

TEST_CASE("polygon clipping gives exact overlap areas", "[emissions][regrid]") {
  const std::vector<Point> square{{0, 0}, {2, 0}, {2, 2}, {0, 2}};
  CHECK(polygon_area(square) == 4.0);
  CHECK(polygon_area(clip_to_rectangle(square, 1, 3, 1, 3)) == Approx(1.0).epsilon(1e-15));
  CHECK(clip_to_rectangle(square, 3, 4, 0, 1).size() == 0);
  // A triangle half inside: area of the part with x >= 1 of (0,0)-(2,0)-(0,2) is 1/2 · 1 · 1.
  const std::vector<Point> tri{{0, 0}, {2, 0}, {0, 2}};
  CHECK(std::abs(polygon_area(clip_to_rectangle(tri, 1, 5, -1, 5))) == Approx(0.5).epsilon(1e-15));
  // A concave (L-shaped) subject polygon against a convex window.
  const std::vector<Point> ell{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 3}, {0, 3}};
  CHECK(std::abs(polygon_area(clip_to_rectangle(ell, 0.5, 2.0, 0.5, 2.0))) == Approx(0.5 * 1.5 + 0.5 * 1.0).epsilon(1e-15));
}

TEST_CASE("regridding conserves the domain total of inventory cells inside the domain", "[emissions][regrid][verification]") {
  struct Case {
    double step_deg, dx_m;
    int nx, ny;
  };
  for (const Case c : {Case{0.1, 9000.0, 40, 30}, Case{0.25, 3000.0, 60, 50}, Case{0.05, 27000.0, 12, 10}}) {
    const auto model = hangzhou_lambert(c.nx, c.ny, c.dx_m);
    const int inx = int(std::lround(10.0 / c.step_deg)), iny = int(std::lround(8.0 / c.step_deg));
    const auto inv = latlon_grid(115.0, 26.0, c.step_deg, inx, iny);
    check_coverage(inv, model, "inventory.nc");
    std::vector<double> e(std::size_t(inx) * std::size_t(iny), 0.0);
    double before = 0.0;
    int inside = 0;
    for (int j = 0; j < iny; ++j)
      for (int i = 0; i < inx; ++i)
        if (fully_inside(inv, model, i, j)) {
          const std::size_t n = std::size_t(j) * std::size_t(inx) + std::size_t(i);
          e[n] = pseudo_random(n);
          before += e[n];
          ++inside;
        }
    REQUIRE(inside > 0);
    const auto w = conservative_weights(inv, model, 0, 0, model.nx(), model.ny());
    const auto out = regrid(w, e);
    double after = 0.0;
    for (double v : out) after += v;
    INFO("inventory step " << c.step_deg << " deg, model " << c.dx_m << " m, " << inside << " cells inside");
    CHECK(std::abs(after - before) / before < 1e-6);
    CHECK(std::abs(after - before) / before < 1e-12);  // exact clipping: round-off only

    // With every inventory cell emitting, the total lies between the inside-only and the full total.
    std::vector<double> all(e.size());
    double full = 0.0;
    for (std::size_t n = 0; n < all.size(); ++n) full += all[n] = pseudo_random(n);
    double got = 0.0;
    for (double v : regrid(w, all)) got += v;
    CHECK(got > before);
    CHECK(got < full);
  }
}

TEST_CASE("a uniform area flux becomes flux x model cell area", "[emissions][regrid][verification]") {
  const auto model = hangzhou_lambert(30, 24, 12000.0);
  const auto inv = latlon_grid(116.0, 27.0, 0.1, 80, 70);
  const double F = 1e-9;  // kg m-2 s-1
  std::vector<double> e(80 * 70);
  for (int j = 0; j < 70; ++j)
    for (int i = 0; i < 80; ++i) e[std::size_t(j * 80 + i)] = F * inv.cell_area_m2(i, j);
  const auto out = regrid(conservative_weights(inv, model, 0, 0, 30, 24), e);
  double worst = 0.0;
  for (int j = 0; j < 24; ++j)
    for (int i = 0; i < 30; ++i)
      worst = std::max(worst, std::abs(out[std::size_t(j * 30 + i)] / (F * model.cell_area_m2(i, j)) - 1.0));
  // The flux is spread uniformly in the projection plane within each 0.1° cell, so the error is
  // the variation of m² across one inventory cell, below 1e-3 here.
  CHECK(worst < 1e-3);
}

TEST_CASE("tile weights reproduce the global regridding bitwise", "[emissions][regrid]") {
  const auto model = hangzhou_lambert(21, 17, 9000.0);
  const auto inv = latlon_grid(117.0, 28.0, 0.1, 60, 50);
  std::vector<double> e(60 * 50);
  for (std::size_t n = 0; n < e.size(); ++n) e[n] = pseudo_random(n);
  const auto global = regrid(conservative_weights(inv, model, 0, 0, 21, 17), e);
  for (const auto& [i0, j0, ni, nj] : {std::array<int, 4>{0, 0, 11, 9}, {11, 0, 10, 9}, {0, 9, 11, 8}, {11, 9, 10, 8}}) {
    const auto t = regrid(conservative_weights(inv, model, i0, j0, ni, nj), e);
    for (int j = 0; j < nj; ++j)
      for (int i = 0; i < ni; ++i)
        REQUIRE(t[std::size_t(j * ni + i)] == global[std::size_t((j0 + j) * 21 + i0 + i)]);
  }
}

TEST_CASE("a model domain outside the inventory grid is an input error", "[emissions][regrid][bad-input]") {
  const auto model = hangzhou_lambert(40, 30, 9000.0);
  const auto inv = latlon_grid(100.0, 35.0, 0.25, 40, 40);  // 100–110E, 35–45N: far from Hangzhou
  CHECK_THROWS_WITH(check_coverage(inv, model, "meic.nc"),
                    Catch::Matchers::Contains("meic.nc") && Catch::Matchers::Contains("lon, lat") &&
                        Catch::Matchers::Contains("covering the model domain"));
  // Partly outside: the domain's eastern edge beyond the inventory.
  const auto part = latlon_grid(115.0, 26.0, 0.25, 21, 32);  // 115–120.25E
  CHECK_THROWS_AS(check_coverage(part, model, "meic.nc"), InputError);
}

TEST_CASE("model plane of lat-lon and Cartesian grids", "[emissions][regrid]") {
  grid::Projection ll;
  ll.kind = grid::ProjectionKind::latitude_longitude;
  const grid::HorizontalGrid g(ll, 10, 10, 0.1, 0.1, 119.5, 29.5);
  double x = 0, y = 0;
  model_plane(g, 30.0, 120.0 - 360.0, x, y);  // longitude wrapped next to the domain
  CHECK(x == Approx(120.0));
  grid::Projection cart;
  cart.nominal_lat_deg = 30.0;
  cart.nominal_lon_deg = 120.0;
  const grid::HorizontalGrid c(cart, 11, 11, 1000.0, 1000.0, 0.0, 0.0);
  model_plane(c, 30.0, 120.0, x, y);
  CHECK(x == Approx(5000.0));
  CHECK(y == Approx(5000.0));
  double lat = 0, lon = 0;
  model_plane_inverse(c, 7000.0, 2000.0, lat, lon);
  model_plane(c, lat, lon, x, y);
  CHECK(x == Approx(7000.0));
  CHECK(y == Approx(2000.0));
}
