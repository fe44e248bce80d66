// WRF map projections: forward maps and map factors against Snyder (1987) "Map Projections — A
// Working Manual", USGS Professional Paper 1395, numerical examples for the sphere (unit
// radius, so coordinates are compared as x / R); forward/inverse round trips; map factors
// against the ratio of projected to great-circle distance; WRF's rotated lat–lon convention.
#include <catch2/catch.hpp>
#include <cmath>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "solver/grid/horizontal_grid.hpp"

using namespace qiantang;
using grid::Projection;
using grid::ProjectionKind;

namespace {
constexpr double kR = constants::earth_radius_m;
constexpr double kRad = constants::pi / 180.0;

Projection make(ProjectionKind k, double t1, double t2, double lon0) {
  Projection p;
  p.kind = k;
  p.truelat1_deg = t1;
  p.truelat2_deg = t2;
  p.stand_lon_deg = lon0;
  return p;
}

double great_circle(double lat1, double lon1, double lat2, double lon2) {
  const double a = std::sin(0.5 * (lat2 - lat1) * kRad), b = std::sin(0.5 * (lon2 - lon1) * kRad);
  return 2.0 * std::asin(std::sqrt(a * a + std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * b * b));
}

// m = |Δ(x, y)| / (R Δs) for a small step Δs along a meridian: the local scale of a conformal map.
double numerical_map_factor(const Projection& p, double lat, double lon) {
  const double d = 1e-4;
  double x1, y1, x2, y2;
  p.forward(lat - d, lon, x1, y1);
  p.forward(lat + d, lon, x2, y2);
  return std::hypot(x2 - x1, y2 - y1) / (kR * 2.0 * d * kRad);
}
}  // namespace

TEST_CASE("Lambert conformal matches Snyder's worked example (p. 295-296)", "[grid]") {
  // φ1 = 33°N, φ2 = 45°N, λ0 = 96°W; origin φ0 = 23°N; point 35°N 75°W.
  const Projection p = make(ProjectionKind::lambert_conformal, 33.0, 45.0, -96.0);
  CHECK(p.cone() == Approx(0.6304777).epsilon(1e-7));
  double x, y, x0, y0;
  p.forward(35.0, -75.0, x, y);
  p.forward(23.0, -96.0, x0, y0);
  CHECK((x - x0) / kR == Approx(0.2966785).margin(1e-7));
  CHECK((y - y0) / kR == Approx(0.2462112).margin(1e-7));
  CHECK(p.map_factor(35.0) == Approx(0.9970040).epsilon(1e-7));
  CHECK(p.map_factor(33.0) == Approx(1.0).epsilon(1e-12));
  CHECK(p.map_factor(45.0) == Approx(1.0).epsilon(1e-12));
  CHECK(p.wrf_map_proj() == 1);
}

TEST_CASE("Mercator matches Snyder's worked example (p. 266)", "[grid]") {
  // Sphere, λ0 = 180°, point 35°S 75°W: x = 1.8325957, y = −0.6528366, k = 1.2207746.
  const Projection p = make(ProjectionKind::mercator, 0.0, 0.0, 180.0);
  double x, y;
  p.forward(-35.0, -75.0, x, y);
  CHECK(x / kR == Approx(1.8325957).margin(1e-7));
  CHECK(y / kR == Approx(-0.6528366).margin(1e-7));
  CHECK(p.map_factor(-35.0) == Approx(1.2207746).epsilon(1e-7));
  // WRF's true latitude scales the cylinder by cos φ1 (set_merc: dlon = dx / (R cos φ1)).
  const Projection q = make(ProjectionKind::mercator, 30.0, 0.0, 180.0);
  double xq, yq;
  q.forward(-35.0, -75.0, xq, yq);
  CHECK(xq == Approx(x * std::cos(30.0 * kRad)).epsilon(1e-12));
  CHECK(q.map_factor(30.0) == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("Polar stereographic matches Snyder's equations 21-5 to 21-7 (p. 315)", "[grid]") {
  // Snyder's polar aspect with central scale k0 = 0.9999, λ0 = 100°W, point 30°N 150°E, on the
  // unit sphere: ρ = 2 k0 tan(45° − φ/2), x = ρ sin(λ − λ0) = −1.0849551, y = −ρ cos(λ − λ0)
  // = 0.3948914, k = 2 k0 / (1 + sin φ) = 1.3332. WRF's true latitude φ1 has k0 = (1 + sin φ1)/2.
  const double phi1 = std::asin(2.0 * 0.9999 - 1.0) / kRad;
  const Projection p = make(ProjectionKind::polar_stereographic, phi1, 0.0, -100.0);
  double x, y;
  p.forward(30.0, 150.0, x, y);
  CHECK(x / kR == Approx(-1.0849551).margin(1e-7));
  CHECK(y / kR == Approx(0.3948914).margin(1e-7));
  CHECK(p.map_factor(30.0) == Approx(1.3332).epsilon(1e-9));
  CHECK(p.map_factor(phi1) == Approx(1.0).epsilon(1e-12));
  // The southern projection is the mirror image (x kept, y negated).
  const Projection s = make(ProjectionKind::polar_stereographic, -phi1, 0.0, -100.0);
  double xs, ys;
  s.forward(-30.0, 150.0, xs, ys);
  CHECK(xs == Approx(x).epsilon(1e-12));
  CHECK(ys == Approx(-y).epsilon(1e-12));
  CHECK(s.map_factor(-30.0) == Approx(1.3332).epsilon(1e-9));
  // WRF's classic 60°N grid: scale (1 + sin 60°)/2 at the pole.
  CHECK(make(ProjectionKind::polar_stereographic, 60.0, 0.0, 0.0).map_factor(90.0) ==
        Approx((1.0 + std::sqrt(3.0) / 2.0) / 2.0).epsilon(1e-12));
}

TEST_CASE("Conformal projections: round trips and map factors from distances", "[grid]") {
  const std::vector<Projection> ps{make(ProjectionKind::lambert_conformal, 25.0, 47.0, 110.0),
                                   make(ProjectionKind::lambert_conformal, 30.0, 30.0, 120.0),
                                   make(ProjectionKind::lambert_conformal, -20.0, -40.0, 140.0),
                                   make(ProjectionKind::polar_stereographic, 60.0, 0.0, -45.0),
                                   make(ProjectionKind::polar_stereographic, -71.0, 0.0, 0.0),
                                   make(ProjectionKind::mercator, 10.0, 0.0, 120.0)};
  for (const auto& p : ps) {
    for (double lat : {-50.0, -12.5, 5.0, 30.2, 47.0, 66.0}) {
      if (p.kind == ProjectionKind::lambert_conformal && lat * p.truelat1_deg < 0) continue;
      if (p.kind == ProjectionKind::polar_stereographic && lat * p.truelat1_deg < 0) continue;
      for (double lon : {-170.0, -60.0, 95.0, 121.3, 179.0}) {
        if (p.kind == ProjectionKind::lambert_conformal && std::abs(lon - p.stand_lon_deg) > 100) continue;
        double x, y, la, lo;
        p.forward(lat, lon, x, y);
        p.inverse(x, y, la, lo);
        INFO(p.name() << " lat " << lat << " lon " << lon);
        CHECK(la == Approx(lat).margin(1e-9));
        CHECK(lo == Approx(lon).margin(1e-9));
        CHECK(p.map_factor(lat) == Approx(numerical_map_factor(p, lat, lon)).epsilon(1e-7));
        const auto [mx, my] = p.map_factors(x, y);
        CHECK(mx == Approx(p.map_factor(lat)).epsilon(1e-12));
        CHECK(my == mx);
      }
    }
  }
}

TEST_CASE("Every projection has x growing eastward and y northward (WRF: i east, j north)", "[grid]") {
  const std::vector<std::pair<Projection, std::pair<double, double>>> ps{
      {make(ProjectionKind::lambert_conformal, 30.0, 60.0, 120.0), {35.0, 125.0}},
      {make(ProjectionKind::lambert_conformal, -20.0, -40.0, 140.0), {-30.0, 145.0}},
      {make(ProjectionKind::polar_stereographic, 60.0, 0.0, -100.0), {70.0, -80.0}},
      {make(ProjectionKind::polar_stereographic, -71.0, 0.0, 0.0), {-75.0, 20.0}},
      {make(ProjectionKind::mercator, 10.0, 0.0, 120.0), {-5.0, 121.0}},
      {Projection::from_wrf(6, 0.0, 0.0, -120.0, 60.0, 180.0), {30.0, 120.0}}};
  for (const auto& [p, pt] : ps) {
    INFO(p.name() << " truelat1 " << p.truelat1_deg);
    double x, y, xe, ye, xn, yn;
    p.forward(pt.first, pt.second, x, y);
    p.forward(pt.first, pt.second + 0.01, xe, ye);
    p.forward(pt.first + 0.01, pt.second, xn, yn);
    // Local east and north map to +x and +y (up to the grid's convergence angle).
    CHECK(xe - x > 0.9 * std::hypot(xe - x, ye - y));
    CHECK(yn - y > 0.9 * std::hypot(xn - x, yn - y));
  }
}

TEST_CASE("Rotated lat-lon follows WRF's POLE_LAT/POLE_LON convention", "[grid]") {
  // WPS: POLE_LAT/POLE_LON locate the geographic North Pole on the computational grid; for a
  // regional grid centred at (φr, λr): POLE_LAT = 90 − φr, POLE_LON = 180, STAND_LON = −λr
  // puts the centre on the computational equator at computational longitude 180°.
  Projection p = Projection::from_wrf(6, 0.0, 0.0, -120.0, 60.0, 180.0);
  REQUIRE(p.kind == ProjectionKind::rotated_latitude_longitude);
  double lc, pc;
  p.geographic_to_computational(30.0, 120.0, pc, lc);
  CHECK(pc == Approx(0.0).margin(1e-9));
  CHECK(std::abs(std::abs(lc) - 180.0) < 1e-9);
  p.geographic_to_computational(90.0, 0.0, pc, lc);
  CHECK(pc == Approx(60.0).margin(1e-9));
  CHECK(std::abs(std::abs(lc) - 180.0) < 1e-9);
  // Rotation is an isometry and inverts exactly.
  for (const auto& q : {p, Projection::from_wrf(6, 0.0, 0.0, 15.0, 37.5, -20.0)}) {
    const double pts[4][2] = {{30.0, 120.0}, {31.5, 121.2}, {-10.0, 45.0}, {70.0, -100.0}};
    for (const auto& a : pts)
      for (const auto& b : pts) {
        double ca[2], cb[2];
        q.geographic_to_computational(a[0], a[1], ca[0], ca[1]);
        q.geographic_to_computational(b[0], b[1], cb[0], cb[1]);
        CHECK(great_circle(ca[0], ca[1], cb[0], cb[1]) == Approx(great_circle(a[0], a[1], b[0], b[1])).margin(1e-12));
        double la, lo;
        q.computational_to_geographic(ca[0], ca[1], la, lo);
        CHECK(la == Approx(a[0]).margin(1e-9));
        CHECK(lo == Approx(a[1]).margin(1e-9));
      }
  }
  // Regular lat-lon (POLE_LAT = 90): computational = geographic.
  const Projection r = Projection::from_wrf(6, 0.0, 0.0, 0.0, 90.0, 0.0);
  CHECK(r.kind == ProjectionKind::latitude_longitude);
  double x, y;
  r.forward(30.0, 120.0, x, y);
  CHECK(x == 120.0);
  CHECK(y == 30.0);
  // WRF lat-lon map factors: m_x = 1 / cos φc, m_y = 1.
  const auto [mx, my] = p.map_factors(175.0, 40.0);
  CHECK(mx == Approx(1.0 / std::cos(40.0 * kRad)).epsilon(1e-12));
  CHECK(my == 1.0);
}

TEST_CASE("Rotated grid: indices round-trip across the computational date line", "[grid]") {
  const Projection p = Projection::from_wrf(6, 0.0, 0.0, -120.0, 60.0, 180.0);
  const auto g = grid::HorizontalGrid::centred(p, 41, 31, 0.25, 0.25, 30.0, 120.0);
  for (double i : {0.0, 7.5, 20.0, 40.0})
    for (double j : {0.0, 15.0, 30.0}) {
      double lat, lon, fi, fj;
      g.latlon(i, j, lat, lon);
      g.index_of(lat, lon, fi, fj);
      CHECK(fi == Approx(i).margin(1e-8));
      CHECK(fj == Approx(j).margin(1e-8));
    }
  // Cell areas sum to the area of the computational zone: R² Δλ (sin φn − sin φs).
  double total = 0;
  for (int j = 0; j < g.ny(); ++j)
    for (int i = 0; i < g.nx(); ++i) total += g.cell_area_m2(i, j);
  const double south = g.y(-0.5), north = g.y(g.ny() - 0.5);
  CHECK(total == Approx(kR * kR * g.nx() * 0.25 * kRad * (std::sin(north * kRad) - std::sin(south * kRad))).epsilon(1e-12));
}

TEST_CASE("Grids: centred WRF domains, windows and index round trips", "[grid]") {
  for (int code : {1, 2, 3}) {
    const Projection p = Projection::from_wrf(code, 30.0, 60.0, 120.0, 90.0, 0.0);
    const auto g = grid::HorizontalGrid::centred(p, 60, 50, 12000.0, 12000.0, 30.25, 120.2);
    double lat, lon;
    g.latlon(29.5, 24.5, lat, lon);  // the centre of 60 x 50 cells
    CHECK(lat == Approx(30.25).margin(1e-9));
    CHECK(lon == Approx(120.2).margin(1e-9));
    const auto w = g.window(10, 5, 20, 30);
    double lw, ow, fi, fj;
    w.latlon(3, 4, lw, ow);
    g.latlon(13, 9, lat, lon);
    CHECK(lw == lat);
    CHECK(ow == lon);
    g.index_of(lat, lon, fi, fj);
    CHECK(fi == Approx(13).margin(1e-7));
    CHECK(fj == Approx(9).margin(1e-7));
    CHECK(w.cell_area_m2(3, 4) == Approx(g.cell_area_m2(13, 9)).epsilon(1e-12));
    const double m = g.map_factor(13, 9);
    CHECK(g.cell_area_m2(13, 9) == Approx(12000.0 * 12000.0 / (m * m)).epsilon(1e-12));
    CHECK_THROWS_AS(g.window(50, 0, 20, 10), InputError);
  }
  CHECK_THROWS_AS(Projection::from_wrf(4, 30.0, 60.0, 120.0, 90.0, 0.0), InputError);
  CHECK(Projection::from_wrf(0, 0.0, 0.0, 0.0, 90.0, 0.0).kind == ProjectionKind::cartesian);
  CHECK_THROWS_AS(grid::HorizontalGrid(make(ProjectionKind::polar_stereographic, 0.0, 0.0, 0.0), 4, 4, 1e3, 1e3, 0, 0),
                  InputError);
}

TEST_CASE("CF grid-mapping attributes name each projection's parameters", "[grid]") {
  const auto lc = make(ProjectionKind::lambert_conformal, 25.0, 47.0, 110.0).cf_attributes();
  REQUIRE(lc.size() >= 2);
  CHECK(lc[0].first == "standard_parallel");
  CHECK(lc[0].second == std::vector<double>{25.0, 47.0});
  const auto rot = Projection::from_wrf(6, 0.0, 0.0, -120.0, 60.0, 180.0).cf_attributes();
  // The computational north pole seen from the geographic sphere: 30° from the equator's
  // opposite side of the centre (30°N, 120°E), i.e. at 60°N, 120 − 180 = −60°E.
  CHECK(rot[0].first == "grid_north_pole_latitude");
  CHECK(rot[0].second[0] == Approx(60.0).margin(1e-9));
  CHECK(rot[1].second[0] == Approx(-60.0).margin(1e-9));
}
