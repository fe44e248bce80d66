#include "io/met/cf_met.hpp"

#include <netcdf.h>

#include <cmath>
#include <cstring>

#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

enum class Shape { cell, interface, xface, yface, surface, static_surface };

struct VarSpec {
  const char* name;
  Shape shape;
  const char* units;
  const char* standard_name;
  std::vector<double> MetFields::*member;
  bool optional;
};

const std::vector<VarSpec>& variables() {
  static const std::vector<VarSpec> v{
      {"air_density", Shape::cell, "kg m-3", "air_density", &MetFields::air_density_kg_m3, false},
      {"air_temperature", Shape::cell, "K", "air_temperature", &MetFields::temperature_K, false},
      {"air_pressure", Shape::cell, "Pa", "air_pressure", &MetFields::pressure_Pa, false},
      {"water_vapour", Shape::cell, "kg kg-1", "humidity_mixing_ratio", &MetFields::water_vapour_kg_kg, false},
      {"cloud_water", Shape::cell, "kg kg-1", "cloud_liquid_water_mixing_ratio", &MetFields::cloud_water_kg_kg, false},
      {"rain_water", Shape::cell, "kg kg-1", "", &MetFields::rain_water_kg_kg, false},
      {"z_interface", Shape::interface, "m", "height", &MetFields::z_interface_m, false},
      {"kz", Shape::interface, "m2 s-1", "atmosphere_heat_diffusivity", &MetFields::kz_m2_s, true},
      {"u", Shape::xface, "m s-1", "grid_eastward_wind", &MetFields::u_m_s, false},
      {"v", Shape::yface, "m s-1", "grid_northward_wind", &MetFields::v_m_s, false},
      {"surface_pressure", Shape::surface, "Pa", "surface_air_pressure", &MetFields::surface_pressure_Pa, false},
      {"t2", Shape::surface, "K", "air_temperature", &MetFields::t2_K, false},
      {"pbl_height", Shape::surface, "m", "atmosphere_boundary_layer_thickness", &MetFields::pbl_height_m, false},
      {"friction_velocity", Shape::surface, "m s-1", "", &MetFields::friction_velocity_m_s, false},
      {"sensible_heat_flux", Shape::surface, "W m-2", "surface_upward_sensible_heat_flux", &MetFields::sensible_heat_flux_W_m2, false},
      {"shortwave_down", Shape::surface, "W m-2", "surface_downwelling_shortwave_flux_in_air", &MetFields::shortwave_down_W_m2, false},
      {"precipitation_rate", Shape::surface, "mm h-1", "", &MetFields::precipitation_rate_mm_h, false},
      {"land_use", Shape::static_surface, "1", "", &MetFields::land_use_category, false},
      {"terrain_height", Shape::static_surface, "m", "surface_altitude", &MetFields::terrain_height_m, false},
  };
  return v;
}

void check(int status, const std::filesystem::path& file, const std::string& var, const std::string& expected) {
  if (status != NC_NOERR)
    throw InputError(file.string(), var, expected + " (" + nc_strerror(status) + ")");
}

void put_text(int nc, int var, const char* name, const std::string& value, const std::filesystem::path& f) {
  check(nc_put_att_text(nc, var, name, value.size(), value.c_str()), f, name, "attribute written");
}

std::string get_text(int nc, int var, const char* name) {
  std::size_t len = 0;
  if (nc_inq_attlen(nc, var, name, &len) != NC_NOERR) return {};
  std::string s(len, '\0');
  if (nc_get_att_text(nc, var, name, s.data()) != NC_NOERR) return {};
  while (!s.empty() && s.back() == '\0') s.pop_back();
  return s;
}

double get_double_att(int nc, int var, const char* name, const std::filesystem::path& f) {
  double v = 0;
  check(nc_get_att_double(nc, var, name, &v), f, name, "a numeric attribute");
  return v;
}

}  // namespace

// ---------------------------------------------------------------- writer

CfMetWriter::CfMetWriter(const std::filesystem::path& path, const grid::HorizontalGrid& g, int nz,
                         bool with_kz, const std::string& title)
    : path_(path), part_(path.string() + ".part"), nx_(g.nx()), ny_(g.ny()), nz_(nz), with_kz_(with_kz) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  check(nc_create(part_.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc_), part_, "", "a writable file");
  int dt, dz, dzi, dy, dys, dx, dxs;
  check(nc_def_dim(nc_, "time", NC_UNLIMITED, &dt), part_, "time", "dimension");
  check(nc_def_dim(nc_, "z", std::size_t(nz), &dz), part_, "z", "dimension");
  check(nc_def_dim(nc_, "z_interface", std::size_t(nz + 1), &dzi), part_, "z_interface", "dimension");
  check(nc_def_dim(nc_, "y", std::size_t(ny_), &dy), part_, "y", "dimension");
  check(nc_def_dim(nc_, "y_stag", std::size_t(ny_ + 1), &dys), part_, "y_stag", "dimension");
  check(nc_def_dim(nc_, "x", std::size_t(nx_), &dx), part_, "x", "dimension");
  check(nc_def_dim(nc_, "x_stag", std::size_t(nx_ + 1), &dxs), part_, "x_stag", "dimension");
  int vt, vx, vy, vlat, vlon, vproj;
  check(nc_def_var(nc_, "time", NC_DOUBLE, 1, &dt, &vt), part_, "time", "variable");
  put_text(nc_, vt, "units", "seconds since 1970-01-01 00:00:00", part_);
  put_text(nc_, vt, "calendar", "standard", part_);
  put_text(nc_, vt, "standard_name", "time", part_);
  check(nc_def_var(nc_, "x", NC_DOUBLE, 1, &dx, &vx), part_, "x", "variable");
  check(nc_def_var(nc_, "y", NC_DOUBLE, 1, &dy, &vy), part_, "y", "variable");
  const bool ll = g.projection().kind == grid::ProjectionKind::latitude_longitude;
  put_text(nc_, vx, "units", ll ? "degrees_east" : "m", part_);
  put_text(nc_, vy, "units", ll ? "degrees_north" : "m", part_);
  put_text(nc_, vx, "standard_name", ll ? "longitude" : "projection_x_coordinate", part_);
  put_text(nc_, vy, "standard_name", ll ? "latitude" : "projection_y_coordinate", part_);
  const int dyx[2] = {dy, dx};
  check(nc_def_var(nc_, "lat", NC_DOUBLE, 2, dyx, &vlat), part_, "lat", "variable");
  check(nc_def_var(nc_, "lon", NC_DOUBLE, 2, dyx, &vlon), part_, "lon", "variable");
  put_text(nc_, vlat, "units", "degrees_north", part_);
  put_text(nc_, vlon, "units", "degrees_east", part_);
  put_text(nc_, vlat, "standard_name", "latitude", part_);
  put_text(nc_, vlon, "standard_name", "longitude", part_);
  check(nc_def_var(nc_, "projection", NC_INT, 0, nullptr, &vproj), part_, "projection", "variable");
  const auto& p = g.projection();
  put_text(nc_, vproj, "grid_mapping_name", p.name(), part_);
  if (p.kind == grid::ProjectionKind::lambert_conformal) {
    const double sp[2] = {p.truelat1_deg, p.truelat2_deg};
    check(nc_put_att_double(nc_, vproj, "standard_parallel", NC_DOUBLE, 2, sp), part_, "standard_parallel", "attribute");
    check(nc_put_att_double(nc_, vproj, "longitude_of_central_meridian", NC_DOUBLE, 1, &p.stand_lon_deg), part_, "projection", "attribute");
    const double r = 6370000.0;
    check(nc_put_att_double(nc_, vproj, "earth_radius", NC_DOUBLE, 1, &r), part_, "projection", "attribute");
  }
  check(nc_put_att_double(nc_, vproj, "nominal_latitude", NC_DOUBLE, 1, &p.nominal_lat_deg), part_, "projection", "attribute");
  check(nc_put_att_double(nc_, vproj, "nominal_longitude", NC_DOUBLE, 1, &p.nominal_lon_deg), part_, "projection", "attribute");
  const double dxy[2] = {g.dx(), g.dy()};
  check(nc_put_att_double(nc_, NC_GLOBAL, "DX", NC_DOUBLE, 1, &dxy[0]), part_, "DX", "attribute");
  check(nc_put_att_double(nc_, NC_GLOBAL, "DY", NC_DOUBLE, 1, &dxy[1]), part_, "DY", "attribute");
  put_text(nc_, NC_GLOBAL, "Conventions", "CF-1.8", part_);
  put_text(nc_, NC_GLOBAL, "title", title, part_);
  put_text(nc_, NC_GLOBAL, "source", "Qiantang CF meteorology", part_);
  for (const auto& s : variables()) {
    if (s.optional && !with_kz) continue;
    int dims[4];
    int nd = 0;
    if (s.shape != Shape::static_surface) dims[nd++] = dt;
    switch (s.shape) {
      case Shape::cell: dims[nd++] = dz; dims[nd++] = dy; dims[nd++] = dx; break;
      case Shape::interface: dims[nd++] = dzi; dims[nd++] = dy; dims[nd++] = dx; break;
      case Shape::xface: dims[nd++] = dz; dims[nd++] = dy; dims[nd++] = dxs; break;
      case Shape::yface: dims[nd++] = dz; dims[nd++] = dys; dims[nd++] = dx; break;
      case Shape::surface:
      case Shape::static_surface: dims[nd++] = dy; dims[nd++] = dx; break;
    }
    int id;
    check(nc_def_var(nc_, s.name, NC_DOUBLE, nd, dims, &id), part_, s.name, "variable");
    check(nc_def_var_deflate(nc_, id, 1, 1, 2), part_, s.name, "deflate");
    put_text(nc_, id, "units", s.units, part_);
    if (std::strlen(s.standard_name)) put_text(nc_, id, "standard_name", s.standard_name, part_);
    if (s.shape == Shape::cell || s.shape == Shape::surface || s.shape == Shape::static_surface) {
      put_text(nc_, id, "coordinates", "lat lon", part_);
      put_text(nc_, id, "grid_mapping", "projection", part_);
    }
  }
  check(nc_enddef(nc_), part_, "", "end of definitions");
  std::vector<double> xs(static_cast<std::size_t>(nx_)), ys(static_cast<std::size_t>(ny_)), lat(static_cast<std::size_t>(nx_ * ny_)), lon(lat.size());
  for (int i = 0; i < nx_; ++i) xs[std::size_t(i)] = g.x(i);
  for (int j = 0; j < ny_; ++j) ys[std::size_t(j)] = g.y(j);
  for (int j = 0; j < ny_; ++j)
    for (int i = 0; i < nx_; ++i) g.latlon(i, j, lat[std::size_t(j * nx_ + i)], lon[std::size_t(j * nx_ + i)]);
  check(nc_put_var_double(nc_, vx, xs.data()), part_, "x", "data");
  check(nc_put_var_double(nc_, vy, ys.data()), part_, "y", "data");
  check(nc_put_var_double(nc_, vlat, lat.data()), part_, "lat", "data");
  check(nc_put_var_double(nc_, vlon, lon.data()), part_, "lon", "data");
}

CfMetWriter::~CfMetWriter() {
  if (nc_ >= 0) nc_close(nc_);  // left as .part: incomplete
}

void CfMetWriter::append(const MetFields& f) {
  if (f.nx != nx_ || f.ny != ny_ || f.nz != nz_) throw std::logic_error("CfMetWriter: record of the wrong size");
  const std::size_t r = records_;
  int vt;
  check(nc_inq_varid(nc_, "time", &vt), part_, "time", "variable");
  const double t = double(f.time.time_since_epoch().count());
  check(nc_put_var1_double(nc_, vt, &r, &t), part_, "time", "data");
  for (const auto& s : variables()) {
    if (s.optional && !with_kz_) continue;
    if (s.shape == Shape::static_surface && r > 0) continue;
    int id;
    check(nc_inq_varid(nc_, s.name, &id), part_, s.name, "variable");
    const auto& data = f.*(s.member);
    std::size_t start[4] = {r, 0, 0, 0}, count[4] = {1, 0, 0, 0};
    std::size_t* st = start;
    std::size_t* ct = count;
    switch (s.shape) {
      case Shape::cell: count[1] = std::size_t(nz_); count[2] = std::size_t(ny_); count[3] = std::size_t(nx_); break;
      case Shape::interface: count[1] = std::size_t(nz_ + 1); count[2] = std::size_t(ny_); count[3] = std::size_t(nx_); break;
      case Shape::xface: count[1] = std::size_t(nz_); count[2] = std::size_t(ny_); count[3] = std::size_t(nx_ + 1); break;
      case Shape::yface: count[1] = std::size_t(nz_); count[2] = std::size_t(ny_ + 1); count[3] = std::size_t(nx_); break;
      case Shape::surface: count[1] = std::size_t(ny_); count[2] = std::size_t(nx_); break;
      case Shape::static_surface: st = start + 1; ct = count + 1; count[1] = std::size_t(ny_); count[2] = std::size_t(nx_); break;
    }
    std::size_t n = 1;
    for (int d = (s.shape == Shape::static_surface ? 1 : 0); d < 4; ++d)
      if (count[d]) n *= count[d];
    if (data.size() != n) throw std::logic_error(std::string("CfMetWriter: field ") + s.name + " has the wrong size");
    check(nc_put_vara_double(nc_, id, st, ct, data.data()), part_, s.name, "data");
  }
  ++records_;
}

void CfMetWriter::close() {
  if (nc_ < 0) return;
  check(nc_close(nc_), part_, "", "file closed");
  nc_ = -1;
  std::filesystem::rename(part_, path_);
}

// ---------------------------------------------------------------- reader

CfMetReader::CfMetReader(const std::vector<std::filesystem::path>& files) : files_(files) {
  if (files.empty()) throw InputError("met", "met.files", "at least one meteorology file");
  for (std::size_t f = 0; f < files.size(); ++f) {
    const auto& path = files[f];
    if (!std::filesystem::exists(path)) throw InputError(path.string(), "", "an existing meteorology file");
    int nc;
    check(nc_open(path.c_str(), NC_NOWRITE, &nc), path, "", "a readable NetCDF file (truncated or not NetCDF?)");
    ncids_.push_back(nc);
    auto dim = [&](const char* name) {
      int id;
      std::size_t len;
      check(nc_inq_dimid(nc, name, &id), path, name, "a dimension named " + std::string(name));
      check(nc_inq_dimlen(nc, id, &len), path, name, "dimension length");
      return int(len);
    };
    const int nx = dim("x"), ny = dim("y"), nz = dim("z"), nt = dim("time");
    if (dim("x_stag") != nx + 1 || dim("y_stag") != ny + 1 || dim("z_interface") != nz + 1)
      throw InputError(path.string(), "x_stag, y_stag, z_interface", "staggered dimensions one longer than x, y, z");
    // Grid from the first file; the others must match it.
    int vproj, vx, vy;
    check(nc_inq_varid(nc, "projection", &vproj), path, "projection", "a grid-mapping variable");
    check(nc_inq_varid(nc, "x", &vx), path, "x", "a coordinate variable");
    check(nc_inq_varid(nc, "y", &vy), path, "y", "a coordinate variable");
    const std::string mapping = get_text(nc, vproj, "grid_mapping_name");
    grid::Projection p;
    if (mapping == "lambert_conformal_conic") {
      p.kind = grid::ProjectionKind::lambert_conformal;
      double sp[2];
      check(nc_get_att_double(nc, vproj, "standard_parallel", sp), path, "projection:standard_parallel", "two true latitudes");
      p.truelat1_deg = sp[0];
      p.truelat2_deg = sp[1];
      p.stand_lon_deg = get_double_att(nc, vproj, "longitude_of_central_meridian", path);
    } else if (mapping == "latitude_longitude") {
      p.kind = grid::ProjectionKind::latitude_longitude;
    } else if (mapping == "cartesian") {
      p.kind = grid::ProjectionKind::cartesian;
    } else {
      throw InputError(path.string(), "projection:grid_mapping_name",
                       "lambert_conformal_conic, latitude_longitude or cartesian, got '" + mapping + "'");
    }
    p.nominal_lat_deg = get_double_att(nc, vproj, "nominal_latitude", path);
    p.nominal_lon_deg = get_double_att(nc, vproj, "nominal_longitude", path);
    double x0, y0;
    const std::size_t zero = 0;
    check(nc_get_var1_double(nc, vx, &zero, &x0), path, "x", "data");
    check(nc_get_var1_double(nc, vy, &zero, &y0), path, "y", "data");
    const grid::HorizontalGrid g(p, nx, ny, get_double_att(nc, NC_GLOBAL, "DX", path),
                                 get_double_att(nc, NC_GLOBAL, "DY", path), x0, y0);
    if (f == 0) {
      grid_ = g;
      nz_ = nz;
      int kid;
      has_kz_ = nc_inq_varid(nc, "kz", &kid) == NC_NOERR;
    } else if (g.nx() != grid_.nx() || g.ny() != grid_.ny() || nz != nz_ || g.dx() != grid_.dx() ||
               g.x0() != grid_.x0() || g.y0() != grid_.y0()) {
      throw InputError(path.string(), "x, y, z", "the same grid as " + files[0].string());
    }
    // Units and presence of every variable.
    for (const auto& s : variables()) {
      int id;
      if (nc_inq_varid(nc, s.name, &id) != NC_NOERR) {
        if (s.optional) continue;
        throw InputError(path.string(), s.name, "a variable of the CF meteorology format (docs/formats.md)");
      }
      const std::string u = get_text(nc, id, "units");
      if (u != s.units)
        throw InputError(path.string(), s.name, std::string("units '") + s.units + "', got '" + u + "'");
      int nd;
      check(nc_inq_varndims(nc, id, &nd), path, s.name, "dimensions");
      const int want = s.shape == Shape::static_surface ? 2 : (s.shape == Shape::surface ? 3 : 4);
      if (nd != want)
        throw InputError(path.string(), s.name, std::to_string(want) + " dimensions, got " + std::to_string(nd));
    }
    int vt;
    check(nc_inq_varid(nc, "time", &vt), path, "time", "a time variable");
    if (get_text(nc, vt, "units") != "seconds since 1970-01-01 00:00:00")
      throw InputError(path.string(), "time", "units 'seconds since 1970-01-01 00:00:00'");
    std::vector<double> t(static_cast<std::size_t>(nt));
    if (nt > 0) check(nc_get_var_double(nc, vt, t.data()), path, "time", "data");
    for (std::size_t n = 0; n < t.size(); ++n) {
      times_.push_back(TimePoint(Seconds(std::llround(t[n]))));
      records_.push_back({int(f), n});
    }
  }
  if (times_.empty()) throw InputError(files[0].string(), "time", "at least one record");
  for (std::size_t n = 1; n < times_.size(); ++n) {
    const auto d = times_[n] - times_[n - 1];
    const auto& where = files_[std::size_t(records_[n].file)];
    if (d <= Seconds(0))
      throw InputError(where.string(), "time", "increasing times, got " + format_iso8601(times_[n]) +
                                                   " after " + format_iso8601(times_[n - 1]) + " (duplicate or out of order)");
    if (n >= 2 && d != times_[1] - times_[0])
      throw InputError(where.string(), "time", "a constant interval, found a gap before " + format_iso8601(times_[n]));
  }
}

CfMetReader::~CfMetReader() {
  for (int nc : ncids_) nc_close(nc);
}

MetFields CfMetReader::read(std::size_t n, int i0, int j0, int ni, int nj) const {
  if (i0 < 0 || j0 < 0 || i0 + ni > grid_.nx() || j0 + nj > grid_.ny())
    throw InputError(files_[0].string(), "x, y", "a window inside the meteorology grid");
  const Record r = records_.at(n);
  const int nc = ncids_[std::size_t(r.file)];
  const auto& path = files_[std::size_t(r.file)];
  MetFields f;
  f.allocate(ni, nj, nz_, has_kz_);
  f.time = times_[n];
  for (const auto& s : variables()) {
    if (s.optional && !has_kz_) continue;
    int id;
    check(nc_inq_varid(nc, s.name, &id), path, s.name, "variable");
    std::size_t start[4] = {r.index, 0, std::size_t(j0), std::size_t(i0)};
    std::size_t count[4] = {1, std::size_t(nz_), std::size_t(nj), std::size_t(ni)};
    const std::size_t* st = start;
    const std::size_t* ct = count;
    switch (s.shape) {
      case Shape::cell: break;
      case Shape::interface: count[1] = std::size_t(nz_ + 1); break;
      case Shape::xface: count[3] = std::size_t(ni + 1); break;
      case Shape::yface: count[2] = std::size_t(nj + 1); break;
      case Shape::surface:
        start[1] = std::size_t(j0); start[2] = std::size_t(i0);
        count[1] = std::size_t(nj); count[2] = std::size_t(ni);
        break;
      case Shape::static_surface:
        start[1] = std::size_t(j0); start[2] = std::size_t(i0);
        count[1] = std::size_t(nj); count[2] = std::size_t(ni);
        st = start + 1;
        ct = count + 1;
        break;
    }
    auto& data = f.*(s.member);
    check(nc_get_vara_double(nc, id, st, ct, data.data()), path, s.name, "readable data of the expected shape");
    for (std::size_t m = 0; m < data.size(); ++m)
      if (!std::isfinite(data[m]))
        throw InputError(path.string(), std::string(s.name) + " at " + format_iso8601(f.time),
                         "finite values, found " + std::to_string(data[m]) + " at element " + std::to_string(m));
  }
  return f;
}

}  // namespace qiantang::io
