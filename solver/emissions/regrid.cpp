#include "solver/emissions/regrid.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::emissions {
namespace {

constexpr double kRad = constants::pi / 180.0;
constexpr double kR = constants::earth_radius_m;

double centre_x(const grid::HorizontalGrid& g) { return g.x(0.5 * (g.nx() - 1)); }
double centre_y(const grid::HorizontalGrid& g) { return g.y(0.5 * (g.ny() - 1)); }

// Clips against one half-plane  s · (coordinate − bound) >= 0  of axis `ax` (0 = x, 1 = y).
std::vector<Point> clip_half(const std::vector<Point>& p, int ax, double bound, double s) {
  std::vector<Point> out;
  if (p.empty()) return out;
  out.reserve(p.size() + 4);
  auto inside = [&](const Point& q) { return s * ((ax == 0 ? q.x : q.y) - bound) >= 0; };
  auto cross = [&](const Point& a, const Point& b) {
    const double ca = ax == 0 ? a.x : a.y, cb = ax == 0 ? b.x : b.y;
    const double t = (bound - ca) / (cb - ca);
    return ax == 0 ? Point{bound, a.y + t * (b.y - a.y)} : Point{a.x + t * (b.x - a.x), bound};
  };
  for (std::size_t n = 0; n < p.size(); ++n) {
    const Point& a = p[n];
    const Point& b = p[(n + 1) % p.size()];
    const bool ia = inside(a), ib = inside(b);
    if (ia) out.push_back(a);
    if (ia != ib) out.push_back(cross(a, b));
  }
  return out;
}

// The edge of inventory cell (i, j) as a polygon in the model plane.
std::vector<Point> cell_polygon(const io::InventoryGrid& inv, const grid::HorizontalGrid& model, int i, int j, int nsub) {
  const double xw = inv.x_edges[std::size_t(i)], xe = inv.x_edges[std::size_t(i) + 1];
  const double ys = inv.y_edges[std::size_t(j)], yn = inv.y_edges[std::size_t(j) + 1];
  const double cx[5] = {xw, xe, xe, xw, xw}, cy[5] = {ys, ys, yn, yn, ys};
  std::vector<Point> p;
  p.reserve(std::size_t(4 * nsub));
  for (int e = 0; e < 4; ++e)
    for (int k = 0; k < nsub; ++k) {
      const double t = double(k) / nsub;
      double lat = 0, lon = 0, x = 0, y = 0;
      inv.to_latlon(cx[e] + t * (cx[e + 1] - cx[e]), cy[e] + t * (cy[e + 1] - cy[e]), lat, lon);
      model_plane(model, lat, lon, x, y);
      p.push_back({x, y});
    }
  return p;
}

// Points along the boundary of the model cells [i0, i0 + ni) × [j0, j0 + nj): every face
// corner and face midpoint, in lat/lon.
template <class F>
void for_boundary(const grid::HorizontalGrid& g, int i0, int j0, int ni, int nj, F f) {
  const double xa = g.x(i0 - 0.5), xb = g.x(i0 + ni - 0.5), ya = g.y(j0 - 0.5), yb = g.y(j0 + nj - 0.5);
  const int mx = 2 * ni, my = 2 * nj;
  auto visit = [&](double x, double y) {
    double lat = 0, lon = 0;
    model_plane_inverse(g, x, y, lat, lon);
    f(lat, lon);
  };
  for (int k = 0; k <= mx; ++k) {
    const double x = xa + (xb - xa) * k / mx;
    visit(x, ya);
    visit(x, yb);
  }
  for (int k = 0; k <= my; ++k) {
    const double y = ya + (yb - ya) * k / my;
    visit(xa, y);
    visit(xb, y);
  }
}

}  // namespace

double polygon_area(const std::vector<Point>& p) {
  double a = 0;
  for (std::size_t n = 0; n < p.size(); ++n) {
    const Point& u = p[n];
    const Point& v = p[(n + 1) % p.size()];
    a += u.x * v.y - v.x * u.y;
  }
  return 0.5 * a;
}

std::vector<Point> clip_to_rectangle(const std::vector<Point>& p, double x0, double x1, double y0, double y1) {
  return clip_half(clip_half(clip_half(clip_half(p, 0, x0, 1.0), 0, x1, -1.0), 1, y0, 1.0), 1, y1, -1.0);
}

void model_plane(const grid::HorizontalGrid& g, double lat, double lon, double& x, double& y) {
  const auto& p = g.projection();
  if (p.kind == grid::ProjectionKind::cartesian) {
    double dlon = lon - p.nominal_lon_deg;
    while (dlon < -180.0) dlon += 360.0;
    while (dlon >= 180.0) dlon -= 360.0;
    x = centre_x(g) + kR * std::cos(p.nominal_lat_deg * kRad) * dlon * kRad;
    y = centre_y(g) + kR * (lat - p.nominal_lat_deg) * kRad;
    return;
  }
  p.forward(lat, lon, x, y);
  if (p.is_latlon()) {  // keep (computational) longitudes next to the domain's
    const double c = centre_x(g);
    while (x < c - 180.0) x += 360.0;
    while (x >= c + 180.0) x -= 360.0;
  }
}

void model_plane_inverse(const grid::HorizontalGrid& g, double x, double y, double& lat, double& lon) {
  const auto& p = g.projection();
  if (p.kind == grid::ProjectionKind::cartesian) {
    lat = p.nominal_lat_deg + (y - centre_y(g)) / kR / kRad;
    lon = p.nominal_lon_deg + (x - centre_x(g)) / (kR * std::cos(p.nominal_lat_deg * kRad)) / kRad;
    return;
  }
  p.inverse(x, y, lat, lon);
}

OverlapWeights conservative_weights(const io::InventoryGrid& inv, const grid::HorizontalGrid& model, int i0, int j0,
                                    int ni, int nj, int nsub) {
  OverlapWeights w;
  w.ni = ni;
  w.nj = nj;
  // Inventory cells that may touch the tile: the tile boundary's extent in inventory
  // coordinates, widened by one cell.
  double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
  for_boundary(model, i0, j0, ni, nj, [&](double lat, double lon) {
    double x = 0, y = 0;
    inv.from_latlon(lat, lon, x, y);
    xmin = std::min(xmin, x);
    xmax = std::max(xmax, x);
    ymin = std::min(ymin, y);
    ymax = std::max(ymax, y);
  });
  auto index_range = [](const std::vector<double>& e, double lo, double hi, int& a, int& b) {
    a = int(std::upper_bound(e.begin(), e.end(), lo) - e.begin()) - 2;
    b = int(std::upper_bound(e.begin(), e.end(), hi) - e.begin()) + 1;
    a = std::max(a, 0);
    b = std::min(b, int(e.size()) - 1);
  };
  int ia = 0, ib = 0, ja = 0, jb = 0;
  index_range(inv.x_edges, xmin, xmax, ia, ib);
  index_range(inv.y_edges, ymin, ymax, ja, jb);
  // A lat–lon inventory may wrap around the tile's longitudes; then take every column.
  if (!inv.projected && xmax - xmin > 180.0) {
    ia = 0;
    ib = inv.nx();
  }
  const double tx0 = model.x(i0 - 0.5), ty0 = model.y(j0 - 0.5);
  const double dx = model.dx(), dy = model.dy();
  for (int j = ja; j < jb; ++j)
    for (int i = ia; i < ib; ++i) {
      const auto poly = cell_polygon(inv, model, i, j, nsub);
      const double area = std::abs(polygon_area(poly));
      if (!(area > 0)) continue;
      double px0 = 1e300, px1 = -1e300, py0 = 1e300, py1 = -1e300;
      for (const auto& q : poly) {
        px0 = std::min(px0, q.x);
        px1 = std::max(px1, q.x);
        py0 = std::min(py0, q.y);
        py1 = std::max(py1, q.y);
      }
      const int ci0 = std::max(0, int(std::floor((px0 - tx0) / dx)));
      const int ci1 = std::min(ni - 1, int(std::floor((px1 - tx0) / dx)));
      const int cj0 = std::max(0, int(std::floor((py0 - ty0) / dy)));
      const int cj1 = std::min(nj - 1, int(std::floor((py1 - ty0) / dy)));
      for (int cj = cj0; cj <= cj1; ++cj)
        for (int ci = ci0; ci <= ci1; ++ci) {
          const int gi = i0 + ci, gj = j0 + cj;
          const auto part =
              clip_to_rectangle(poly, model.x(gi - 0.5), model.x(gi + 0.5), model.y(gj - 0.5), model.y(gj + 0.5));
          if (part.size() < 3) continue;
          const double f = std::abs(polygon_area(part)) / area;
          if (!(f > 0)) continue;
          w.src.push_back(std::size_t(j) * std::size_t(inv.nx()) + std::size_t(i));
          w.dst.push_back(std::size_t(cj) * std::size_t(ni) + std::size_t(ci));
          w.fraction.push_back(std::min(f, 1.0));
        }
    }
  return w;
}

std::vector<double> regrid(const OverlapWeights& w, const std::vector<double>& v) {
  std::vector<double> out(std::size_t(w.ni) * std::size_t(w.nj), 0.0);
  for (std::size_t n = 0; n < w.src.size(); ++n) out[w.dst[n]] += w.fraction[n] * v[w.src[n]];
  return out;
}

void check_coverage(const io::InventoryGrid& inv, const grid::HorizontalGrid& model, const std::string& file) {
  const double x0 = inv.x_edges.front(), x1 = inv.x_edges.back(), y0 = inv.y_edges.front(), y1 = inv.y_edges.back();
  const double tx = 1e-9 * std::max(1.0, x1 - x0), ty = 1e-9 * std::max(1.0, y1 - y0);
  for_boundary(model, 0, 0, model.nx(), model.ny(), [&](double lat, double lon) {
    double x = 0, y = 0;
    inv.from_latlon(lat, lon, x, y);
    if (x < x0 - tx || x > x1 + tx || y < y0 - ty || y > y1 + ty) {
      char buf[256];
      std::snprintf(buf, sizeof buf,
                    "an inventory grid covering the model domain; the domain edge point (lat %.4f, lon %.4f) lies "
                    "outside the inventory's %s [%.4f, %.4f] x [%.4f, %.4f]",
                    lat, lon, inv.projected ? "x, y" : "lon, lat", x0, x1, y0, y1);
      throw InputError(file, inv.projected ? "x, y" : "lon, lat", buf);
    }
  });
}

}  // namespace qiantang::emissions
