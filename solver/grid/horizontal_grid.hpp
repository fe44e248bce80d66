#pragma once
// Horizontal grids and map projections as WRF defines them (WPS/WRF module_llxy: a sphere of
// radius 6370 km). A HorizontalGrid knows the projection coordinates, latitude/longitude and
// the metric terms of every cell and face, which is all transport needs:
//   cell area, the length of each face, and the distance between the centres a face separates.
// For conformal projections with map factor m: area = Δx Δy / m², face length = Δy / m_u
// (x faces) or Δx / m_v (y faces), centre distance = Δx / m_u or Δy / m_v.
#include <string>

namespace qiantang::grid {

enum class ProjectionKind { cartesian, lambert_conformal, latitude_longitude };

struct Projection {
  ProjectionKind kind = ProjectionKind::cartesian;
  double truelat1_deg = 30.0, truelat2_deg = 60.0;  // Lambert conformal
  double stand_lon_deg = 0.0;                        // Lambert conformal central meridian
  // Cartesian (idealised) grids sit at a nominal location used for solar geometry.
  double nominal_lat_deg = 30.0, nominal_lon_deg = 120.0;

  // Lambert conformal cone constant n (WRF: from the two true latitudes, or sin|φ1| if equal).
  double cone() const;
  // Projection coordinates (m) of a point; for lat–lon grids x = lon, y = lat (degrees).
  void forward(double lat_deg, double lon_deg, double& x, double& y) const;
  void inverse(double x, double y, double& lat_deg, double& lon_deg) const;
  // Map-scale factor at a latitude (1 for Cartesian; 1/cos φ is not used for lat–lon grids,
  // whose metrics are computed on the sphere directly).
  double map_factor(double lat_deg) const;
  std::string name() const;
};

class HorizontalGrid {
 public:
  HorizontalGrid() = default;
  // A grid of nx × ny cells whose cell (0, 0) centre has projection coordinates (x0, y0):
  // metres for Cartesian and Lambert grids, degrees (lon, lat) for lat–lon grids.
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

  // Metric terms (m, m²); i, j may be fractional (faces at i − 0.5 / j − 0.5).
  double cell_area_m2(int i, int j) const;
  double x_face_length_m(int i_face, int j) const;       // face between cells i_face−1 and i_face
  double y_face_length_m(int i, int j_face) const;
  double x_centre_distance_m(int i_face, int j) const;
  double y_centre_distance_m(int i, int j_face) const;
  double map_factor(double i, double j) const;

  // The sub-grid [i0, i0 + ni) × [j0, j0 + nj) (a model domain inside a met grid).
  HorizontalGrid window(int i0, int j0, int ni, int nj) const;

 private:
  Projection proj_{};
  int nx_ = 0, ny_ = 0;
  double dx_ = 0, dy_ = 0, x0_ = 0, y0_ = 0;
};

}  // namespace qiantang::grid
