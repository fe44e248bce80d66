#pragma once
// Conservative area-weighted regridding of inventory cells onto model cells.
//
// Model cells are rectangles in the model's projection plane (x, y); an inventory cell is a
// lat–lon (or Lambert) rectangle whose edges are mapped into that plane, each edge subdivided
// into `edge_subdivisions` straight segments (parallels become arcs under Lambert). The overlap
// of the resulting polygon with each model cell is computed exactly by Sutherland–Hodgman
// clipping against the cell rectangle (Sutherland & Hodgman 1974; exact for a convex clip
// window and any simple subject polygon), and each inventory cell's emission is shared in
// proportion to  overlap area / polygon area. The fractions of an inventory cell that lies
// wholly inside the model domain therefore sum to 1 to round-off, which is what conserves
// the domain total; the only approximation is the distribution *within* a cell (uniform in
// the projection plane; the arc-to-chord error with n segments is about (nΔλ)²/(12 n²) of the
// cell width, below 1e-8 for 0.25° cells and n = 8).
#include <cstddef>
#include <string>
#include <vector>

#include "io/emissions/inventory.hpp"
#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::emissions {

struct Point {
  double x, y;
};

// Signed area (shoelace; positive counter-clockwise).
double polygon_area(const std::vector<Point>& p);
// The part of polygon `p` inside the rectangle [x0, x1] × [y0, y1].
std::vector<Point> clip_to_rectangle(const std::vector<Point>& p, double x0, double x1, double y0, double y1);

// Projection-plane coordinates of a point in the model grid's plane. Cartesian (idealised)
// grids use a local equirectangular map centred on the domain centre at the projection's
// nominal latitude/longitude: x = xc + R cos φ0 (λ − λ0), y = yc + R (φ − φ0).
void model_plane(const grid::HorizontalGrid& g, double lat_deg, double lon_deg, double& x, double& y);
void model_plane_inverse(const grid::HorizontalGrid& g, double x, double y, double& lat_deg, double& lon_deg);

// Sparse weights from inventory cells to the cells of one tile [i0, i0 + ni) × [j0, j0 + nj)
// of the model grid: model[dst] += fraction · inventory[src].
struct OverlapWeights {
  int ni = 0, nj = 0;
  std::vector<std::size_t> src;  // inventory cell j * nx + i
  std::vector<std::size_t> dst;  // tile cell j * ni + i
  std::vector<double> fraction;
};

OverlapWeights conservative_weights(const io::InventoryGrid& inv, const grid::HorizontalGrid& model, int i0, int j0,
                                    int ni, int nj, int edge_subdivisions = 8);

// kg/s per tile cell (ni × nj) from kg/s per inventory cell.
std::vector<double> regrid(const OverlapWeights& w, const std::vector<double>& inventory_values);

// Throws InputError(file, "lon, lat", ...) unless every model cell lies inside the inventory
// grid's outer edges (the model domain boundary, sampled at every cell face and its midpoint).
void check_coverage(const io::InventoryGrid& inv, const grid::HorizontalGrid& model, const std::string& file);

}  // namespace qiantang::emissions
