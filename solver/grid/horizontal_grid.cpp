#include "solver/grid/horizontal_grid.hpp"

#include <cmath>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::grid {
namespace {

constexpr double kRad = constants::pi / 180.0;
constexpr double kR = constants::earth_radius_m;

double wrap_lon(double dlon) {
  while (dlon > 180.0) dlon -= 360.0;
  while (dlon < -180.0) dlon += 360.0;
  return dlon;
}

}  // namespace

std::string Projection::name() const {
  switch (kind) {
    case ProjectionKind::cartesian: return "cartesian";
    case ProjectionKind::lambert_conformal: return "lambert_conformal_conic";
    case ProjectionKind::latitude_longitude: return "latitude_longitude";
  }
  return "?";
}

// Cone constant (WRF module_llxy, lc_cone): n = ln(cos φ1 / cos φ2) / ln(tan(45° − |φ1|/2) /
// tan(45° − |φ2|/2)) for a secant cone, n = sin|φ1| for a tangent one (Snyder 1987, eq. 15-3).
double Projection::cone() const {
  if (std::abs(truelat1_deg - truelat2_deg) > 0.1)
    return (std::log(std::cos(truelat1_deg * kRad)) - std::log(std::cos(truelat2_deg * kRad))) /
           (std::log(std::tan((45.0 - std::abs(truelat1_deg) / 2.0) * kRad)) -
            std::log(std::tan((45.0 - std::abs(truelat2_deg) / 2.0) * kRad)));
  return std::sin(std::abs(truelat1_deg) * kRad);
}

// Lambert conformal forward map on the sphere (Snyder 1987, eqs. 15-1, 15-2, 14-4), written as
// WRF does with the pole as origin: r = R cos φ1 / n · [tan((90h − φ)/2) / tan((90h − φ1)/2)]^n,
// x = h r sin(n Δλ), y = −r cos(n Δλ), h = ±1 the hemisphere of φ1.
void Projection::forward(double lat, double lon, double& x, double& y) const {
  switch (kind) {
    case ProjectionKind::cartesian:
      throw std::logic_error("Projection::forward: a Cartesian grid has no latitude/longitude map");
    case ProjectionKind::latitude_longitude:
      x = lon;
      y = lat;
      return;
    case ProjectionKind::lambert_conformal: {
      const double h = truelat1_deg < 0 ? -1.0 : 1.0;
      const double n = cone();
      const double r = kR * std::cos(truelat1_deg * kRad) / n *
                       std::pow(std::tan((90.0 * h - lat) * kRad / 2.0) /
                                    std::tan((90.0 * h - truelat1_deg) * kRad / 2.0),
                                n);
      const double arg = n * wrap_lon(lon - stand_lon_deg) * kRad;
      x = h * r * std::sin(arg);
      y = -r * std::cos(arg);
      return;
    }
  }
}

void Projection::inverse(double x, double y, double& lat, double& lon) const {
  switch (kind) {
    case ProjectionKind::cartesian:
      lat = nominal_lat_deg;
      lon = nominal_lon_deg;
      return;
    case ProjectionKind::latitude_longitude:
      lon = x;
      lat = y;
      return;
    case ProjectionKind::lambert_conformal: {
      const double h = truelat1_deg < 0 ? -1.0 : 1.0;
      const double n = cone();
      const double r = std::hypot(x, y);
      const double ratio = std::pow(r * n / (kR * std::cos(truelat1_deg * kRad)), 1.0 / n);
      lat = h * (90.0 - 2.0 * std::atan(ratio * std::tan((90.0 * h - truelat1_deg) * kRad / 2.0)) / kRad);
      lon = wrap_lon(stand_lon_deg + std::atan2(h * x, -y) / kRad / n);
      return;
    }
  }
}

// m(φ) = (cos φ1 / cos φ) · [tan((90h − φ)/2) / tan((90h − φ1)/2)]^n (Snyder 1987, eq. 15-4);
// equal to 1 on both true latitudes.
double Projection::map_factor(double lat) const {
  if (kind != ProjectionKind::lambert_conformal) return 1.0;
  const double h = truelat1_deg < 0 ? -1.0 : 1.0;
  const double n = cone();
  return std::cos(truelat1_deg * kRad) / std::cos(lat * kRad) *
         std::pow(std::tan((90.0 * h - lat) * kRad / 2.0) / std::tan((90.0 * h - truelat1_deg) * kRad / 2.0), n);
}

HorizontalGrid::HorizontalGrid(Projection p, int nx, int ny, double dx, double dy, double x0, double y0)
    : proj_(p), nx_(nx), ny_(ny), dx_(dx), dy_(dy), x0_(x0), y0_(y0) {
  if (nx <= 0 || ny <= 0)
    throw InputError("grid", "nx, ny", "positive cell counts, got " + std::to_string(nx) + " x " + std::to_string(ny));
  if (!(dx > 0) || !(dy > 0))
    throw InputError("grid", "dx, dy", "positive grid spacings, got " + std::to_string(dx) + ", " + std::to_string(dy));
  if (p.kind == ProjectionKind::lambert_conformal &&
      (std::abs(p.truelat1_deg) >= 90 || std::abs(p.truelat2_deg) >= 90 ||
       p.truelat1_deg * p.truelat2_deg <= 0))
    throw InputError("grid", "truelat1, truelat2",
                     "true latitudes in the same hemisphere, strictly between -90 and 90 and non-zero");
}

HorizontalGrid HorizontalGrid::centred(Projection p, int nx, int ny, double dx, double dy,
                                       double ref_lat, double ref_lon) {
  if (p.kind == ProjectionKind::cartesian) return HorizontalGrid(p, nx, ny, dx, dy, 0.0, 0.0);
  double xc = 0, yc = 0;
  p.forward(ref_lat, ref_lon, xc, yc);
  return HorizontalGrid(p, nx, ny, dx, dy, xc - 0.5 * (nx - 1) * dx, yc - 0.5 * (ny - 1) * dy);
}

void HorizontalGrid::latlon(double i, double j, double& lat, double& lon) const {
  proj_.inverse(x(i), y(j), lat, lon);
}

double HorizontalGrid::map_factor(double i, double j) const {
  if (proj_.kind != ProjectionKind::lambert_conformal) return 1.0;
  double lat = 0, lon = 0;
  latlon(i, j, lat, lon);
  return proj_.map_factor(lat);
}

// Lat–lon metrics on the sphere: area R² Δλ (sin φn − sin φs); x-face length R Δφ; y-face
// length R cos φ Δλ; centre distances R cos φ Δλ (across x faces) and R Δφ (across y faces).
double HorizontalGrid::cell_area_m2(int i, int j) const {
  if (proj_.kind == ProjectionKind::latitude_longitude) {
    const double lat = y(j);
    return kR * kR * dx_ * kRad * (std::sin((lat + 0.5 * dy_) * kRad) - std::sin((lat - 0.5 * dy_) * kRad));
  }
  const double m = map_factor(i, j);
  return dx_ * dy_ / (m * m);
}

double HorizontalGrid::x_face_length_m(int i_face, int j) const {
  if (proj_.kind == ProjectionKind::latitude_longitude) return kR * dy_ * kRad;
  return dy_ / map_factor(i_face - 0.5, j);
}

double HorizontalGrid::y_face_length_m(int i, int j_face) const {
  if (proj_.kind == ProjectionKind::latitude_longitude)
    return kR * std::cos(y(j_face - 0.5) * kRad) * dx_ * kRad;
  return dx_ / map_factor(i, j_face - 0.5);
}

double HorizontalGrid::x_centre_distance_m(int i_face, int j) const {
  if (proj_.kind == ProjectionKind::latitude_longitude) return kR * std::cos(y(j) * kRad) * dx_ * kRad;
  return dx_ / map_factor(i_face - 0.5, j);
}

double HorizontalGrid::y_centre_distance_m(int i, int j_face) const {
  if (proj_.kind == ProjectionKind::latitude_longitude) return kR * dy_ * kRad;
  return dy_ / map_factor(i, j_face - 0.5);
}

HorizontalGrid HorizontalGrid::window(int i0, int j0, int ni, int nj) const {
  if (i0 < 0 || j0 < 0 || ni <= 0 || nj <= 0 || i0 + ni > nx_ || j0 + nj > ny_)
    throw InputError("grid", "window",
                     "a window inside the " + std::to_string(nx_) + " x " + std::to_string(ny_) +
                         " grid, got start (" + std::to_string(i0) + ", " + std::to_string(j0) +
                         ") size " + std::to_string(ni) + " x " + std::to_string(nj));
  return HorizontalGrid(proj_, ni, nj, dx_, dy_, x(i0), y(j0));
}

}  // namespace qiantang::grid
