#include "solver/grid/horizontal_grid.hpp"

#include <algorithm>
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

// Coordinates on a sphere whose north pole sits at latitude φp and longitude δ of the input
// sphere (spherical trigonometry of the rotated pole):
//   sin φ' = cos φp cos φ cos(λ − δ) + sin φp sin φ,
//   cos φ' cos λ' = sin φp cos φ cos(λ − δ) − cos φp sin φ,   cos φ' sin λ' = cos φ sin(λ − δ).
// Returns φ' (degrees) and λ' (radians, before WRF's longitude offsets).
void rotate(double lat_deg, double lon_deg, double phi_p, double delta, double& lat_out,
            double& lam_out) {
  const double phi = lat_deg * kRad, lam = lon_deg * kRad - delta;
  const double s = std::clamp(std::cos(phi_p) * std::cos(phi) * std::cos(lam) + std::sin(phi_p) * std::sin(phi),
                              -1.0, 1.0);
  lat_out = std::asin(s) / kRad;
  lam_out = std::atan2(std::cos(phi) * std::sin(lam),
                       std::sin(phi_p) * std::cos(phi) * std::cos(lam) - std::cos(phi_p) * std::sin(phi));
}

double hemisphere(double truelat1) { return truelat1 < 0 ? -1.0 : 1.0; }

}  // namespace

Projection Projection::from_wrf(int map_proj, double truelat1, double truelat2, double stand_lon,
                                double pole_lat, double pole_lon, const std::string& where) {
  Projection p;
  p.truelat1_deg = truelat1;
  p.truelat2_deg = truelat2;
  p.stand_lon_deg = stand_lon;
  p.pole_lat_deg = pole_lat;
  p.pole_lon_deg = pole_lon;
  switch (map_proj) {
    case 0: p.kind = ProjectionKind::cartesian; break;  // WRF idealised cases
    case 1: p.kind = ProjectionKind::lambert_conformal; break;
    case 2: p.kind = ProjectionKind::polar_stereographic; break;
    case 3: p.kind = ProjectionKind::mercator; break;
    case 6:
      // WRF set_cassini: the grid is rotated unless |POLE_LAT| = 90.
      p.kind = std::abs(pole_lat) == 90.0 ? ProjectionKind::latitude_longitude
                                          : ProjectionKind::rotated_latitude_longitude;
      break;
    default:
      throw InputError(where, "MAP_PROJ",
                       "a WRF-ARW map projection: 1 Lambert conformal, 2 polar stereographic, 3 Mercator, "
                       "6 lat-lon (regular or rotated), got " + std::to_string(map_proj));
  }
  return p;
}

int Projection::wrf_map_proj() const {
  switch (kind) {
    case ProjectionKind::cartesian: return 0;
    case ProjectionKind::lambert_conformal: return 1;
    case ProjectionKind::polar_stereographic: return 2;
    case ProjectionKind::mercator: return 3;
    case ProjectionKind::latitude_longitude:
    case ProjectionKind::rotated_latitude_longitude: return 6;
  }
  return -1;
}

std::string Projection::name() const {
  switch (kind) {
    case ProjectionKind::cartesian: return "cartesian";
    case ProjectionKind::lambert_conformal: return "lambert_conformal_conic";
    case ProjectionKind::polar_stereographic: return "polar_stereographic";
    case ProjectionKind::mercator: return "mercator";
    case ProjectionKind::latitude_longitude: return "latitude_longitude";
    case ProjectionKind::rotated_latitude_longitude: return "rotated_latitude_longitude";
  }
  return "?";
}

std::vector<std::pair<std::string, std::vector<double>>> Projection::cf_attributes() const {
  const double h = hemisphere(truelat1_deg);
  switch (kind) {
    case ProjectionKind::cartesian: return {};
    case ProjectionKind::lambert_conformal:
      // Coordinates are measured from the pole: origin latitude ±90°, no false easting/northing.
      return {{"standard_parallel", {truelat1_deg, truelat2_deg}},
              {"longitude_of_central_meridian", {stand_lon_deg}},
              {"latitude_of_projection_origin", {90.0 * h}},
              {"false_easting", {0.0}},
              {"false_northing", {0.0}},
              {"earth_radius", {kR}}};
    case ProjectionKind::polar_stereographic:
      return {{"straight_vertical_longitude_from_pole", {stand_lon_deg}},
              {"latitude_of_projection_origin", {90.0 * h}},
              {"standard_parallel", {truelat1_deg}},
              {"false_easting", {0.0}},
              {"false_northing", {0.0}},
              {"earth_radius", {kR}}};
    case ProjectionKind::mercator:
      return {{"longitude_of_projection_origin", {stand_lon_deg}},
              {"standard_parallel", {truelat1_deg}},
              {"false_easting", {0.0}},
              {"false_northing", {0.0}},
              {"earth_radius", {kR}}};
    case ProjectionKind::latitude_longitude: return {{"earth_radius", {kR}}};
    case ProjectionKind::rotated_latitude_longitude: {
      // CF names the geographic position of the computational grid's north pole and the
      // computational longitude of the geographic North Pole.
      double plat = 0, plon = 0;
      computational_to_geographic(90.0, 0.0, plat, plon);
      return {{"grid_north_pole_latitude", {plat}},
              {"grid_north_pole_longitude", {plon}},
              {"north_pole_grid_longitude", {pole_lon_deg}},
              {"earth_radius", {kR}}};
    }
  }
  return {};
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

void Projection::geographic_to_computational(double lat, double lon, double& lat_c, double& lon_c) const {
  if (kind != ProjectionKind::rotated_latitude_longitude) {
    lat_c = lat;
    lon_c = lon;
    return;
  }
  // WRF rotate_coords, direction < 0: δ = π − λ0 and λc = λ' − δ − λ0 + λp.
  const double delta = constants::pi - stand_lon_deg * kRad;
  double lam = 0;
  rotate(lat, lon, pole_lat_deg * kRad, delta, lat_c, lam);
  lon_c = wrap_lon((lam - delta) / kRad - stand_lon_deg + pole_lon_deg);
}

void Projection::computational_to_geographic(double lat_c, double lon_c, double& lat, double& lon) const {
  if (kind != ProjectionKind::rotated_latitude_longitude) {
    lat = lat_c;
    lon = lon_c;
    return;
  }
  // WRF rotate_coords, direction ≥ 0: δ = λp and λ = λ' − δ − λ0 + λp = λ' − λ0.
  const double delta = pole_lon_deg * kRad;
  double lam = 0;
  rotate(lat_c, lon_c, pole_lat_deg * kRad, delta, lat, lam);
  lon = wrap_lon(lam / kRad - stand_lon_deg);
}

// Lambert conformal (Snyder 1987, eqs. 15-1, 15-2, 14-4), as WRF with the pole as origin:
//   r = R cos φ1 / n · [tan((90h − φ)/2) / tan((90h − φ1)/2)]^n, x = r sin(n Δλ), y = −h r cos(n Δλ)
// (WRF llij_lc with its southern-hemisphere flip, so that x grows eastward and y northward).
// Polar stereographic (WRF set_ps/llij_ps; Snyder eqs. 21-5–21-7 with k0 = (1 + h sin φ1)/2):
//   r = R cos φ (1 + h sin φ1) / (1 + h sin φ), x = r sin Δλ, y = −h r cos Δλ.
// Mercator (WRF set_merc/llij_merc; Snyder eqs. 7-1, 7-2 with R cos φ1 for R):
//   x = R cos φ1 Δλ, y = R cos φ1 ln tan(45° + φ/2).
// h = ±1 is the hemisphere of φ1 and Δλ = λ − STAND_LON.
void Projection::forward(double lat, double lon, double& x, double& y) const {
  const double h = hemisphere(truelat1_deg);
  const double dlam = wrap_lon(lon - stand_lon_deg) * kRad;
  switch (kind) {
    case ProjectionKind::cartesian:
      throw std::logic_error("Projection::forward: a Cartesian grid has no latitude/longitude map");
    case ProjectionKind::latitude_longitude:
      x = wrap_lon(lon);
      y = lat;
      return;
    case ProjectionKind::rotated_latitude_longitude:
      geographic_to_computational(lat, lon, y, x);
      return;
    case ProjectionKind::lambert_conformal: {
      const double n = cone();
      const double r = kR * std::cos(truelat1_deg * kRad) / n *
                       std::pow(std::tan((90.0 * h - lat) * kRad / 2.0) /
                                    std::tan((90.0 * h - truelat1_deg) * kRad / 2.0),
                                n);
      x = r * std::sin(n * dlam);
      y = -h * r * std::cos(n * dlam);
      return;
    }
    case ProjectionKind::polar_stereographic: {
      const double r = kR * std::cos(lat * kRad) * (1.0 + h * std::sin(truelat1_deg * kRad)) /
                       (1.0 + h * std::sin(lat * kRad));
      x = r * std::sin(dlam);
      y = -h * r * std::cos(dlam);
      return;
    }
    case ProjectionKind::mercator: {
      const double a = kR * std::cos(truelat1_deg * kRad);
      x = a * dlam;
      y = a * std::log(std::tan((45.0 + 0.5 * lat) * kRad));
      return;
    }
  }
}

void Projection::inverse(double x, double y, double& lat, double& lon) const {
  const double h = hemisphere(truelat1_deg);
  switch (kind) {
    case ProjectionKind::cartesian:
      lat = nominal_lat_deg;
      lon = nominal_lon_deg;
      return;
    case ProjectionKind::latitude_longitude:
      lon = wrap_lon(x);
      lat = y;
      return;
    case ProjectionKind::rotated_latitude_longitude:
      computational_to_geographic(y, x, lat, lon);
      return;
    case ProjectionKind::lambert_conformal: {
      const double n = cone();
      const double r = std::hypot(x, y);
      const double ratio = std::pow(r * n / (kR * std::cos(truelat1_deg * kRad)), 1.0 / n);
      // (90h − φ)/2 = atan(ratio · tan((90h − φ1)/2)).
      lat = 90.0 * h - 2.0 * std::atan(ratio * std::tan((90.0 * h - truelat1_deg) * kRad / 2.0)) / kRad;
      lon = wrap_lon(stand_lon_deg + std::atan2(x, -h * y) / kRad / n);
      return;
    }
    case ProjectionKind::polar_stereographic: {
      // sin φ = h (G² − r²) / (G² + r²), G = R (1 + h sin φ1) (WRF ijll_ps).
      const double r2 = x * x + y * y;
      const double g = kR * (1.0 + h * std::sin(truelat1_deg * kRad));
      lat = h * std::asin((g * g - r2) / (g * g + r2)) / kRad;
      lon = r2 == 0.0 ? stand_lon_deg : wrap_lon(stand_lon_deg + std::atan2(x, -h * y) / kRad);
      return;
    }
    case ProjectionKind::mercator: {
      const double a = kR * std::cos(truelat1_deg * kRad);
      lat = 2.0 * std::atan(std::exp(y / a)) / kRad - 90.0;
      lon = wrap_lon(stand_lon_deg + x / a / kRad);
      return;
    }
  }
}

// Lambert: m = (cos φ1 / cos φ) [tan((90h − φ)/2) / tan((90h − φ1)/2)]^n (Snyder eq. 15-4);
// polar stereographic: m = (1 + h sin φ1) / (1 + h sin φ) (Snyder eq. 21-4); Mercator:
// m = cos φ1 / cos φ (Snyder eq. 7-3). Each equals 1 on the true latitude(s).
double Projection::map_factor(double lat) const {
  const double h = hemisphere(truelat1_deg);
  switch (kind) {
    case ProjectionKind::lambert_conformal: {
      const double n = cone();
      return std::cos(truelat1_deg * kRad) / std::cos(lat * kRad) *
             std::pow(std::tan((90.0 * h - lat) * kRad / 2.0) / std::tan((90.0 * h - truelat1_deg) * kRad / 2.0), n);
    }
    case ProjectionKind::polar_stereographic:
      return (1.0 + h * std::sin(truelat1_deg * kRad)) / (1.0 + h * std::sin(lat * kRad));
    case ProjectionKind::mercator: return std::cos(truelat1_deg * kRad) / std::cos(lat * kRad);
    default: return 1.0;
  }
}

std::pair<double, double> Projection::map_factors(double x, double y) const {
  if (is_latlon()) return {1.0 / std::cos(y * kRad), 1.0};
  if (!is_conformal()) return {1.0, 1.0};
  double lat = 0, lon = 0;
  inverse(x, y, lat, lon);
  const double m = map_factor(lat);
  return {m, m};
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
  if (p.kind == ProjectionKind::mercator && !(std::abs(p.truelat1_deg) < 90.0))
    throw InputError("grid", "truelat1", "a true latitude strictly between -90 and 90");
  if (p.kind == ProjectionKind::polar_stereographic && !(std::abs(p.truelat1_deg) <= 90.0 && p.truelat1_deg != 0.0))
    throw InputError("grid", "truelat1", "a non-zero true latitude between -90 and 90 (its sign picks the hemisphere)");
  if (p.kind == ProjectionKind::rotated_latitude_longitude && !(std::abs(p.pole_lat_deg) < 90.0))
    throw InputError("grid", "pole_lat", "a pole latitude strictly between -90 and 90 for a rotated grid");
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

void HorizontalGrid::index_of(double lat, double lon, double& i, double& j) const {
  if (proj_.kind == ProjectionKind::cartesian)
    throw std::logic_error("HorizontalGrid::index_of: a Cartesian grid has no latitude/longitude map");
  double px = 0, py = 0;
  proj_.forward(lat, lon, px, py);
  if (proj_.is_latlon()) {
    const double xc = x(0.5 * (nx_ - 1));
    px = xc + wrap_lon(px - xc);
  }
  i = (px - x0_) / dx_;
  j = (py - y0_) / dy_;
}

double HorizontalGrid::map_factor(double i, double j) const {
  if (!proj_.is_conformal()) return 1.0;
  double lat = 0, lon = 0;
  latlon(i, j, lat, lon);
  return proj_.map_factor(lat);
}

std::pair<double, double> HorizontalGrid::map_factors(double i, double j) const {
  return proj_.map_factors(x(i), y(j));
}

// Lat–lon metrics on the (computational) sphere: area R² Δλ (sin φn − sin φs); x-face length
// R Δφ; y-face length R cos φ Δλ; centre distances R cos φ Δλ (across x faces) and R Δφ
// (across y faces).
double HorizontalGrid::cell_area_m2(int i, int j) const {
  if (proj_.is_latlon()) {
    const double lat = y(j);
    return kR * kR * dx_ * kRad * (std::sin((lat + 0.5 * dy_) * kRad) - std::sin((lat - 0.5 * dy_) * kRad));
  }
  const double m = map_factor(i, j);
  return dx_ * dy_ / (m * m);
}

double HorizontalGrid::x_face_length_m(int i_face, int j) const {
  if (proj_.is_latlon()) return kR * dy_ * kRad;
  return dy_ / map_factor(i_face - 0.5, j);
}

double HorizontalGrid::y_face_length_m(int i, int j_face) const {
  if (proj_.is_latlon()) return kR * std::cos(y(j_face - 0.5) * kRad) * dx_ * kRad;
  return dx_ / map_factor(i, j_face - 0.5);
}

double HorizontalGrid::x_centre_distance_m(int i_face, int j) const {
  if (proj_.is_latlon()) return kR * std::cos(y(j) * kRad) * dx_ * kRad;
  return dx_ / map_factor(i_face - 0.5, j);
}

double HorizontalGrid::y_centre_distance_m(int i, int j_face) const {
  if (proj_.is_latlon()) return kR * dy_ * kRad;
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
