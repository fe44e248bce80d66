#include "io/output/cf_grid.hpp"

#include <netcdf.h>

#include <string>
#include <vector>

#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

void check(int status, const std::filesystem::path& file, const std::string& what) {
  if (status != NC_NOERR) throw InputError(file.string(), what, std::string("a successful write (") + nc_strerror(status) + ")");
}

void text(int nc, int var, const char* name, const std::string& v, const std::filesystem::path& f) {
  check(nc_put_att_text(nc, var, name, v.size(), v.c_str()), f, name);
}

}  // namespace

CfGridIds define_cf_grid(int nc, const grid::HorizontalGrid& g, int dim_y, int dim_x, const std::filesystem::path& f) {
  CfGridIds v;
  const auto& p = g.projection();
  const bool ll = p.kind == grid::ProjectionKind::latitude_longitude;
  check(nc_def_var(nc, "x", NC_DOUBLE, 1, &dim_x, &v.x), f, "x");
  check(nc_def_var(nc, "y", NC_DOUBLE, 1, &dim_y, &v.y), f, "y");
  text(nc, v.x, "units", ll ? "degrees_east" : "m", f);
  text(nc, v.y, "units", ll ? "degrees_north" : "m", f);
  text(nc, v.x, "standard_name", ll ? "longitude" : "projection_x_coordinate", f);
  text(nc, v.y, "standard_name", ll ? "latitude" : "projection_y_coordinate", f);
  text(nc, v.x, "axis", "X", f);
  text(nc, v.y, "axis", "Y", f);
  const int dyx[2] = {dim_y, dim_x};
  check(nc_def_var(nc, "lat", NC_DOUBLE, 2, dyx, &v.lat), f, "lat");
  check(nc_def_var(nc, "lon", NC_DOUBLE, 2, dyx, &v.lon), f, "lon");
  text(nc, v.lat, "units", "degrees_north", f);
  text(nc, v.lat, "standard_name", "latitude", f);
  text(nc, v.lon, "units", "degrees_east", f);
  text(nc, v.lon, "standard_name", "longitude", f);
  // CF grid mapping of every projection WRF writes (parameters from Projection::cf_attributes).
  check(nc_def_var(nc, "projection", NC_INT, 0, nullptr, &v.projection), f, "projection");
  text(nc, v.projection, "grid_mapping_name", p.name(), f);
  for (const auto& [name, values] : p.cf_attributes())
    check(nc_put_att_double(nc, v.projection, name.c_str(), NC_DOUBLE, values.size(), values.data()), f, name);
  if (p.kind == grid::ProjectionKind::cartesian)
    text(nc, v.projection, "comment", "idealised Cartesian grid; lat/lon hold the nominal location", f);
  return v;
}

void put_cf_grid(int nc, const grid::HorizontalGrid& g, const CfGridIds& v, const std::filesystem::path& f) {
  const int nx = g.nx(), ny = g.ny();
  std::vector<double> xs(static_cast<std::size_t>(nx)), ys(static_cast<std::size_t>(ny)),
      lat(static_cast<std::size_t>(nx * ny)), lon(lat.size());
  for (int i = 0; i < nx; ++i) xs[std::size_t(i)] = g.x(i);
  for (int j = 0; j < ny; ++j) ys[std::size_t(j)] = g.y(j);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) g.latlon(i, j, lat[std::size_t(j * nx + i)], lon[std::size_t(j * nx + i)]);
  check(nc_put_var_double(nc, v.x, xs.data()), f, "x");
  check(nc_put_var_double(nc, v.y, ys.data()), f, "y");
  check(nc_put_var_double(nc, v.lat, lat.data()), f, "lat");
  check(nc_put_var_double(nc, v.lon, lon.data()), f, "lon");
}

}  // namespace qiantang::io
