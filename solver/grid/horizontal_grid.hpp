#pragma once
// Horizontal grids and map projections as WRF defines them (WPS/WRF share/module_llxy.F, on a
// sphere of radius 6370 km): MAP_PROJ 1 Lambert conformal, 2 polar stereographic, 3 Mercator,
// 6 cylindrical equidistant (regular latitude–longitude, or rotated with POLE_LAT/POLE_LON).
// A HorizontalGrid knows the projection coordinates, latitude/longitude and the metric terms
// of every cell and face, which is all transport needs: cell area, the length of each face,
// and the distance between the centres a face separates.
// Conformal projections with map factor m: area = Δx Δy / m², face length = Δy / m_u (x faces)
// or Δx / m_v (y faces), centre distance = Δx / m_u or Δy / m_v.
// Latitude–longitude grids (regular or rotated) have coordinates in degrees of the
// computational sphere and metrics computed on that sphere directly; their WRF map factors
// are m_x = 1 / cos φc, m_y = 1 (φc the computational latitude).
#include <string>
#include <utility>
#include <vector>

namespace qiantang::grid {

enum class ProjectionKind {
  cartesian,
  lambert_conformal,
  polar_stereographic,
  mercator,
  latitude_longitude,
  rotated_latitude_longitude
};

struct Projection {
  ProjectionKind kind = ProjectionKind::cartesian;
  // Lambert conformal (both), polar stereographic and Mercator (truelat1: latitude of true
  // scale; its sign picks the hemisphere of the polar stereographic projection).
  double truelat1_deg = 30.0, truelat2_deg = 60.0;
  // Central meridian (Lambert, polar stereographic, Mercator); for rotated lat–lon grids
  // WRF's STAND_LON, the rotation about the pole axis.
  double stand_lon_deg = 0.0;
  // Rotated lat–lon (WRF POLE_LAT, POLE_LON): where the geographic North Pole lies in the
  // computational latitude–longitude grid. POLE_LAT = 90 means no rotation.
  double pole_lat_deg = 90.0, pole_lon_deg = 0.0;
  // Cartesian (idealised) grids sit at a nominal location used for solar geometry.
  double nominal_lat_deg = 30.0, nominal_lon_deg = 120.0;

  // From WRF's global attributes. MAP_PROJ 6 with POLE_LAT = 90 is a regular lat–lon grid,
  // otherwise rotated. Throws InputError(where, "MAP_PROJ", ...) for other projection codes.
  static Projection from_wrf(int map_proj, double truelat1, double truelat2, double stand_lon,
                             double pole_lat, double pole_lon, const std::string& where = "WRF");
  // WRF's MAP_PROJ code (0 for Cartesian).
  int wrf_map_proj() const;
  // Coordinates in degrees of a (possibly rotated) latitude–longitude sphere.
  bool is_latlon() const {
    return kind == ProjectionKind::latitude_longitude ||
           kind == ProjectionKind::rotated_latitude_longitude;
  }
  bool is_conformal() const {
    return kind == ProjectionKind::lambert_conformal ||
           kind == ProjectionKind::polar_stereographic || kind == ProjectionKind::mercator;
  }

  // Lambert conformal cone constant n (WRF: from the two true latitudes, or sin|φ1| if equal).
  double cone() const;
  // Projection coordinates (m) of a point; for lat–lon grids x = λc, y = φc in degrees of the
  // computational sphere (λc in [−180, 180], as WRF returns it).
  void forward(double lat_deg, double lon_deg, double& x, double& y) const;
  void inverse(double x, double y, double& lat_deg, double& lon_deg) const;
  // Map-scale factor of a conformal projection at a geographic latitude (1 for Cartesian and
  // lat–lon grids: their metrics come from the sphere directly, see map_factors()).
  double map_factor(double lat_deg) const;
  // WRF's map factors (m_x, m_y) at projection coordinates (x, y): equal for conformal
  // projections, (1/cos φc, 1) for lat–lon grids, (1, 1) for Cartesian ones.
  std::pair<double, double> map_factors(double x, double y) const;
  // Rotated lat–lon: geographic ↔ computational coordinates (WRF rotate_coords, after
  // W. Skamarock); identity for a regular lat–lon grid.
  void geographic_to_computational(double lat, double lon, double& lat_c, double& lon_c) const;
  void computational_to_geographic(double lat_c, double lon_c, double& lat, double& lon) const;
  // CF-1.8 grid_mapping_name (Appendix F).
  std::string name() const;
  // CF grid-mapping attributes (name, values) other than grid_mapping_name, for writers.
  std::vector<std::pair<std::string, std::vector<double>>> cf_attributes() const;
};

class HorizontalGrid {
 public:
  HorizontalGrid() = default;
  // A grid of nx × ny cells whose cell (0, 0) centre has projection coordinates (x0, y0):
  // metres for Cartesian and conformal grids, degrees (λc, φc) for lat–lon grids.
  HorizontalGrid(Projection p, int nx, int ny, double dx, double dy, double x0, double y0);
  // WRF's convention: the reference point (ref_lat, ref_lon) is the domain centre.
  static HorizontalGrid centred(Projection p, int nx, int ny, double dx, double dy,
                                double ref_lat_deg, double ref_lon_deg);

  int nx() const { return nx_; }
  int ny() const { return ny_; }
  double dx() const { return dx_; }
  double dy() const { return dy_; }
  const Projection& projection() const { return proj_; }
  double x0() const { return x0_; }
  double y0() const { return y0_; }
  // Projection coordinates of a cell centre; fractional indices address faces (i − 0.5).
  double x(double i) const { return x0_ + i * dx_; }
  double y(double j) const { return y0_ + j * dy_; }
  void latlon(double i, double j, double& lat_deg, double& lon_deg) const;
  // Fractional cell indices of a geographic point (inverse of latlon; for lat–lon grids the
  // computational longitude is taken within ±180° of the grid's centre).
  void index_of(double lat_deg, double lon_deg, double& i, double& j) const;

  // Metric terms (m, m²); i, j may be fractional (faces at i − 0.5 / j − 0.5).
  double cell_area_m2(int i, int j) const;
  double x_face_length_m(int i_face, int j) const;       // face between cells i_face−1 and i_face
  double y_face_length_m(int i, int j_face) const;
  double x_centre_distance_m(int i_face, int j) const;
  double y_centre_distance_m(int i, int j_face) const;
  // Map factor of a conformal grid (1 otherwise); map_factors gives WRF's (m_x, m_y).
  double map_factor(double i, double j) const;
  std::pair<double, double> map_factors(double i, double j) const;

  // The sub-grid [i0, i0 + ni) × [j0, j0 + nj) (a model domain inside a met grid).
  HorizontalGrid window(int i0, int j0, int ni, int nj) const;

 private:
  Projection proj_{};
  int nx_ = 0, ny_ = 0;
  double dx_ = 0, dy_ = 0, x0_ = 0, y0_ = 0;
};

}  // namespace qiantang::grid
