#include "io/met/wrf_met.hpp"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

enum class Shape { cell, z_stag, x_stag, y_stag, surface, u_surface, v_surface };

struct Var {
  const char* name;
  Shape shape;
  bool essential;
};

// Every variable Qiantang looks at, with WRF's dimension order (Registry, io_form 2).
const std::vector<Var>& variables() {
  static const std::vector<Var> v{
      {"U", Shape::x_stag, true},         {"V", Shape::y_stag, true},         {"W", Shape::z_stag, false},
      {"PH", Shape::z_stag, true},        {"PHB", Shape::z_stag, true},       {"P", Shape::cell, true},
      {"PB", Shape::cell, true},          {"T", Shape::cell, true},           {"QVAPOR", Shape::cell, true},
      {"QCLOUD", Shape::cell, false},     {"QRAIN", Shape::cell, false},      {"ALT", Shape::cell, false},
      {"PSFC", Shape::surface, true},     {"T2", Shape::surface, false},      {"Q2", Shape::surface, false},
      {"U10", Shape::surface, false},     {"V10", Shape::surface, false},     {"PBLH", Shape::surface, false},
      {"UST", Shape::surface, false},     {"HFX", Shape::surface, false},     {"SWDOWN", Shape::surface, false},
      {"TSK", Shape::surface, false},     {"RAINC", Shape::surface, false},   {"RAINNC", Shape::surface, false},
      {"I_RAINC", Shape::surface, false}, {"I_RAINNC", Shape::surface, false}, {"LU_INDEX", Shape::surface, false},
      {"HGT", Shape::surface, true},      {"XLAND", Shape::surface, false},   {"MAPFAC_M", Shape::surface, false},
      {"MAPFAC_MX", Shape::surface, false}, {"MAPFAC_MY", Shape::surface, false},
      {"MAPFAC_U", Shape::u_surface, false}, {"MAPFAC_V", Shape::v_surface, false},
      {"XLAT", Shape::surface, true},     {"XLONG", Shape::surface, true},
  };
  return v;
}

std::vector<std::string> dims_of(Shape s) {
  switch (s) {
    case Shape::cell: return {"Time", "bottom_top", "south_north", "west_east"};
    case Shape::z_stag: return {"Time", "bottom_top_stag", "south_north", "west_east"};
    case Shape::x_stag: return {"Time", "bottom_top", "south_north", "west_east_stag"};
    case Shape::y_stag: return {"Time", "bottom_top", "south_north_stag", "west_east"};
    case Shape::surface: return {"Time", "south_north", "west_east"};
    case Shape::u_surface: return {"Time", "south_north", "west_east_stag"};
    case Shape::v_surface: return {"Time", "south_north_stag", "west_east"};
  }
  return {};
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return "(" + s + ")";
}

void check(int status, const std::filesystem::path& file, const std::string& var, const std::string& expected) {
  if (status != NC_NOERR) throw InputError(file.string(), var, expected + " (" + nc_strerror(status) + ")");
}

bool has_att(int nc, const char* name) {
  int id;
  return nc_inq_attid(nc, NC_GLOBAL, name, &id) == NC_NOERR;
}

double att(int nc, const char* name, const std::filesystem::path& f) {
  double v = 0;
  check(nc_get_att_double(nc, NC_GLOBAL, name, &v), f, name, "the WRF global attribute " + std::string(name));
  return v;
}

double att_or(int nc, const char* name, double fallback) {
  double v = fallback;
  if (nc_get_att_double(nc, NC_GLOBAL, name, &v) != NC_NOERR) return fallback;
  return v;
}

std::string text_att(int nc, const char* name) {
  std::size_t len = 0;
  if (nc_inq_attlen(nc, NC_GLOBAL, name, &len) != NC_NOERR) return {};
  std::string s(len, '\0');
  if (nc_get_att_text(nc, NC_GLOBAL, name, s.data()) != NC_NOERR) return {};
  while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.pop_back();
  return s;
}

double wrap180(double d) {
  while (d > 180.0) d -= 360.0;
  while (d < -180.0) d += 360.0;
  return d;
}

}  // namespace

bool WrfMetReader::File::has(const std::string& v) const {
  return std::find(present.begin(), present.end(), v) != present.end();
}

grid::HorizontalGrid wrf_met_grid(const std::vector<std::filesystem::path>& files, int& nz) {
  const WrfMetReader r(files);
  nz = r.nz();
  return r.grid();
}

WrfMetReader::WrfMetReader(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) throw InputError("met", "met.files", "at least one WRF output file");
  for (const auto& p : files) files_.push_back(File{p, -1, {}});
  for (std::size_t f = 0; f < files_.size(); ++f) open(f);
  // One time axis over all files: strictly increasing, constant interval.
  for (std::size_t n = 1; n < times_.size(); ++n) {
    const auto d = times_[n] - times_[n - 1];
    const auto& where = files_[std::size_t(records_[n].file)].path;
    if (d <= Seconds(0))
      throw InputError(where.string(), "Times",
                       "increasing times, got " + format_iso8601(times_[n]) + " after " + format_iso8601(times_[n - 1]) +
                           " (duplicate or out of order)");
    if (n >= 2 && d != times_[1] - times_[0])
      throw InputError(where.string(), "Times",
                       "a constant interval of " + std::to_string((times_[1] - times_[0]).count()) +
                           " s, found a gap before " + format_iso8601(times_[n]));
  }
  // Diagnosed fields, named once with their rules.
  auto absent = [&](const char* v) {
    for (const auto& file : files_)
      if (!file.has(v)) return true;
    return false;
  };
  const std::pair<const char*, const char*> rules[] = {
      {"QCLOUD", "0"},
      {"QRAIN", "0"},
      {"T2", "lowest-level temperature"},
      {"PBLH", "bulk Richardson number, Ri_c = 0.25"},
      {"UST", "log wind profile at the lowest level, z0 from land use"},
      {"HFX", "bulk formula from TSK and T2"},
      {"SWDOWN", "clear-sky, Holtslag & van Ulden 1983"},
      {"LU_INDEX", "from XLAND"},
  };
  for (const auto& [v, rule] : rules) {
    if (!absent(v)) continue;
    std::string r = rule;
    if (std::strcmp(v, "HFX") == 0 && absent("TSK")) r = "0: no TSK either";
    diagnosed_.push_back(std::string(v) + " (" + r + ")");
  }
  if (absent("RAINC") && absent("RAINNC")) diagnosed_.push_back("RAINC/RAINNC (precipitation 0)");
}

WrfMetReader::~WrfMetReader() {
  for (auto& f : files_)
    if (f.nc >= 0) nc_close(f.nc);
}

void WrfMetReader::open(std::size_t fi) {
  File& file = files_[fi];
  const auto& path = file.path;
  if (!std::filesystem::exists(path)) throw InputError(path.string(), "", "an existing WRF output file");
  check(nc_open(path.c_str(), NC_NOWRITE, &file.nc), path, "", "a readable NetCDF file (truncated or not NetCDF?)");
  const int nc = file.nc;
  auto dim = [&](const char* name) {
    int id;
    std::size_t len;
    check(nc_inq_dimid(nc, name, &id), path, name, "the WRF dimension " + std::string(name));
    check(nc_inq_dimlen(nc, id, &len), path, name, "dimension length");
    return int(len);
  };
  const int nx = dim("west_east"), ny = dim("south_north"), nz = dim("bottom_top"), nt = dim("Time");
  if (dim("west_east_stag") != nx + 1 || dim("south_north_stag") != ny + 1 || dim("bottom_top_stag") != nz + 1)
    throw InputError(path.string(), "west_east_stag, south_north_stag, bottom_top_stag",
                     "staggered dimensions one longer than west_east, south_north, bottom_top");
  if (fi == 0) {
    nx_ = nx;
    ny_ = ny;
    nz_ = nz;
  } else if (nx != nx_ || ny != ny_ || nz != nz_) {
    throw InputError(path.string(), "west_east, south_north, bottom_top",
                     std::to_string(nx_) + " x " + std::to_string(ny_) + " x " + std::to_string(nz_) + " as in " +
                         files_[0].path.string() + ", got " + std::to_string(nx) + " x " + std::to_string(ny) +
                         " x " + std::to_string(nz));
  }
  // Every variable: present (or optional) and with WRF's dimensions in WRF's order.
  for (const auto& v : variables()) {
    int id;
    if (nc_inq_varid(nc, v.name, &id) != NC_NOERR) {
      if (v.essential)
        throw InputError(path.string(), v.name, "a variable of WRF-ARW output that Qiantang cannot do without");
      continue;
    }
    int nd = 0;
    check(nc_inq_varndims(nc, id, &nd), path, v.name, "dimensions");
    std::vector<int> ids(static_cast<std::size_t>(std::max(nd, 0)));
    if (nd > 0) check(nc_inq_vardimid(nc, id, ids.data()), path, v.name, "dimensions");
    std::vector<std::string> got;
    for (int d : ids) {
      char name[NC_MAX_NAME + 1];
      check(nc_inq_dimname(nc, d, name), path, v.name, "dimension names");
      got.emplace_back(name);
    }
    const auto want = dims_of(v.shape);
    if (got != want) throw InputError(path.string(), v.name, "dimensions " + join(want) + ", got " + join(got));
    if (!v.essential) file.present.emplace_back(v.name);
  }
  if (!file.has("LU_INDEX") && !file.has("XLAND"))
    throw InputError(path.string(), "LU_INDEX", "LU_INDEX or XLAND (land use for deposition)");
  // Times.
  {
    int id;
    check(nc_inq_varid(nc, "Times", &id), path, "Times", "the WRF variable Times");
    int nd = 0;
    check(nc_inq_varndims(nc, id, &nd), path, "Times", "dimensions");
    const int len = dim("DateStrLen");
    if (nd != 2 || len < 19) throw InputError(path.string(), "Times", "dimensions (Time, DateStrLen) with DateStrLen >= 19");
    std::vector<char> buf(std::size_t(nt) * std::size_t(len));
    if (nt > 0) check(nc_get_var_text(nc, id, buf.data()), path, "Times", "readable data");
    for (int n = 0; n < nt; ++n) {
      const std::string s(buf.data() + std::size_t(n) * std::size_t(len), 19);
      const auto t = parse_iso8601(s);
      if (!t) throw InputError(path.string(), "Times", "times YYYY-MM-DD_HH:MM:SS, got '" + s + "' at record " + std::to_string(n));
      times_.push_back(*t);
      records_.push_back({int(fi), std::size_t(n)});
    }
    if (nt == 0) throw InputError(path.string(), "Time", "at least one time record");
  }
  check_grid(file);
}

void WrfMetReader::check_grid(const File& file) {
  const int nc = file.nc;
  const auto& path = file.path;
  int map_proj = 0;
  check(nc_get_att_int(nc, NC_GLOBAL, "MAP_PROJ", &map_proj), path, "MAP_PROJ", "the WRF global attribute MAP_PROJ");
  grid::Projection p = grid::Projection::from_wrf(map_proj, att_or(nc, "TRUELAT1", 0.0), att_or(nc, "TRUELAT2", 0.0),
                                                  att_or(nc, "STAND_LON", 0.0), att_or(nc, "POLE_LAT", 90.0),
                                                  att_or(nc, "POLE_LON", 0.0), path.string());
  for (const char* a : {"TRUELAT1", "TRUELAT2", "STAND_LON"})
    if ((p.kind == grid::ProjectionKind::lambert_conformal || (p.is_conformal() && std::strcmp(a, "TRUELAT2") != 0)) &&
        !has_att(nc, a))
      throw InputError(path.string(), a, "the WRF global attribute " + std::string(a) + " for MAP_PROJ " + std::to_string(map_proj));
  const double cen_lat = att(nc, "CEN_LAT", path), cen_lon = att(nc, "CEN_LON", path);
  (void)att_or(nc, "MOAD_CEN_LAT", cen_lat);  // the parent domain's centre: not needed for the geometry
  double dx = att(nc, "DX", path), dy = att(nc, "DY", path);
  // Mercator: WRF measures x from the reference longitude (set_merc); any central meridian
  // gives the same grid, the domain's own centre keeps it away from the longitude wrap.
  if (p.kind == grid::ProjectionKind::mercator) p.stand_lon_deg = cen_lon;
  if (p.is_latlon()) {
    // WRF's DX, DY of lat–lon grids are metres along the computational equator:
    // Δ(deg) = DX / (2π R / 360).
    dx /= constants::earth_radius_m * constants::pi / 180.0;
    dy /= constants::earth_radius_m * constants::pi / 180.0;
  }
  grid::HorizontalGrid g;
  if (p.kind == grid::ProjectionKind::cartesian) {
    p.nominal_lat_deg = cen_lat;
    p.nominal_lon_deg = cen_lon;
    g = grid::HorizontalGrid(p, nx_, ny_, dx, dy, 0.0, 0.0);
  } else {
    // Place the grid by the positions WRF wrote: the mean offset of every mass point's
    // projected XLAT/XLONG, then require all of them to fit within 5% of a cell.
    const std::size_t np = std::size_t(nx_) * std::size_t(ny_);
    std::vector<double> lat(np), lon(np);
    const std::size_t start[3] = {0, 0, 0}, count[3] = {1, std::size_t(ny_), std::size_t(nx_)};
    int id;
    check(nc_inq_varid(nc, "XLAT", &id), path, "XLAT", "variable");
    check(nc_get_vara_double(nc, id, start, count, lat.data()), path, "XLAT", "readable data");
    check(nc_inq_varid(nc, "XLONG", &id), path, "XLONG", "variable");
    check(nc_get_vara_double(nc, id, start, count, lon.data()), path, "XLONG", "readable data");
    std::vector<double> ox(np), oy(np);
    double sx = 0, sy = 0;
    for (int j = 0; j < ny_; ++j)
      for (int i = 0; i < nx_; ++i) {
        const std::size_t m = std::size_t(j) * std::size_t(nx_) + std::size_t(i);
        if (!std::isfinite(lat[m]) || !std::isfinite(lon[m]) || std::abs(lat[m]) > 90.0)
          throw InputError(path.string(), "XLAT, XLONG", "finite latitudes within ±90° at (j=" + std::to_string(j) + ", i=" + std::to_string(i) + ")");
        double px = 0, py = 0;
        p.forward(lat[m], lon[m], px, py);
        ox[m] = px - i * dx;
        oy[m] = py - j * dy;
        if (p.is_latlon() && m > 0) ox[m] = ox[0] + wrap180(ox[m] - ox[0]);
        sx += ox[m];
        sy += oy[m];
      }
    const double x0 = sx / double(np), y0 = sy / double(np);
    double worst = 0;
    std::size_t at = 0;
    for (std::size_t m = 0; m < np; ++m) {
      const double e = std::max(std::abs(ox[m] - x0) / dx, std::abs(oy[m] - y0) / dy);
      if (e > worst) worst = e, at = m;
    }
    if (!(worst < 0.05))
      throw InputError(path.string(), "XLAT, XLONG",
                       "positions on the MAP_PROJ " + std::to_string(map_proj) + " grid of the global attributes, misfit " +
                           std::to_string(worst) + " cells at (j=" + std::to_string(at / std::size_t(nx_)) +
                           ", i=" + std::to_string(at % std::size_t(nx_)) + ")");
    g = grid::HorizontalGrid(p, nx_, ny_, dx, dy, x0, y0);
  }
  const bool first = &file == &files_.front();
  if (first) {
    grid_ = g;
    iswater_ = int(att_or(nc, "ISWATER", 0.0));
    const std::string mminlu = text_att(nc, "MMINLU");
    scheme_ = io::land_use_scheme(mminlu.c_str(), iswater_);
    if (iswater_ <= 0) iswater_ = water_category(scheme_);
    bucket_mm_ = att_or(nc, "BUCKET_MM", 0.0);
  } else if (g.projection().kind != grid_.projection().kind || std::abs(g.dx() - grid_.dx()) > 1e-9 * grid_.dx() ||
             std::abs(g.x0() - grid_.x0()) > 0.01 * grid_.dx() || std::abs(g.y0() - grid_.y0()) > 0.01 * grid_.dy()) {
    throw InputError(path.string(), "MAP_PROJ, DX, XLAT, XLONG", "the same grid as " + files_.front().path.string());
  }
  // The map factors WRF wrote must be those of the projection (they define its metrics).
  auto check_factor = [&](const char* name, bool x_factor) {
    if (!file.has(name)) return;
    const std::size_t np = std::size_t(nx_) * std::size_t(ny_);
    std::vector<double> m(np);
    const std::size_t start[3] = {0, 0, 0}, count[3] = {1, std::size_t(ny_), std::size_t(nx_)};
    int id;
    check(nc_inq_varid(nc, name, &id), path, name, "variable");
    check(nc_get_vara_double(nc, id, start, count, m.data()), path, name, "readable data");
    for (int j = 0; j < ny_; ++j)
      for (int i = 0; i < nx_; ++i) {
        const auto [mx, my] = g.map_factors(i, j);
        const double want = x_factor ? mx : my;
        const double got = m[std::size_t(j) * std::size_t(nx_) + std::size_t(i)];
        if (!(std::abs(got - want) <= 1e-3 * want))
          throw InputError(path.string(), name,
                           "map factors of the MAP_PROJ " + std::to_string(map_proj) + " projection, got " +
                               std::to_string(got) + " instead of " + std::to_string(want) + " at (j=" +
                               std::to_string(j) + ", i=" + std::to_string(i) + ")");
      }
  };
  if (p.is_conformal()) check_factor("MAPFAC_M", true);
  if (p.is_latlon()) {
    check_factor("MAPFAC_MX", true);
    check_factor("MAPFAC_MY", false);
  }
}

namespace {

// Reads one record of a variable over a window into `out`, checking every value is finite.
void read_block(int nc, const std::filesystem::path& path, const char* name, Shape s, std::size_t rec, int i0, int j0,
                int ni, int nj, int nz, TimePoint t, std::vector<double>& out) {
  int id;
  check(nc_inq_varid(nc, name, &id), path, name, "variable");
  std::size_t start[4] = {rec, 0, std::size_t(j0), std::size_t(i0)};
  std::size_t count[4] = {1, std::size_t(nz), std::size_t(nj), std::size_t(ni)};
  switch (s) {
    case Shape::cell: break;
    case Shape::z_stag: count[1] = std::size_t(nz + 1); break;
    case Shape::x_stag: count[3] = std::size_t(ni + 1); break;
    case Shape::y_stag: count[2] = std::size_t(nj + 1); break;
    case Shape::surface:
    case Shape::u_surface:
    case Shape::v_surface:
      start[1] = std::size_t(j0);
      start[2] = std::size_t(i0);
      count[1] = std::size_t(nj) + (s == Shape::v_surface ? 1 : 0);
      count[2] = std::size_t(ni) + (s == Shape::u_surface ? 1 : 0);
      count[3] = 1;
      break;
  }
  const bool three_d = s == Shape::cell || s == Shape::z_stag || s == Shape::x_stag || s == Shape::y_stag;
  const std::size_t n = count[1] * count[2] * (three_d ? count[3] : 1);
  out.resize(n);
  if (!three_d) count[3] = 0;
  check(nc_get_vara_double(nc, id, start, count, out.data()), path, name,
        "readable data at record " + std::to_string(rec) + " (truncated file?)");
  const std::size_t row = three_d ? count[3] : count[2], plane = row * (three_d ? count[2] : count[1]);
  for (std::size_t m = 0; m < n; ++m)
    if (!std::isfinite(out[m])) {
      std::string where = three_d ? "k=" + std::to_string(m / plane) + ", " : "";
      where += "j=" + std::to_string(j0 + int((m % plane) / row)) + ", i=" + std::to_string(i0 + int(m % row));
      throw InputError(path.string(), std::string(name) + " at " + format_iso8601(t),
                       "finite values, found " + std::to_string(out[m]) + " at (" + where + ")");
    }
}

}  // namespace

std::vector<double> WrfMetReader::accumulated_precipitation_mm(std::size_t n, int i0, int j0, int ni, int nj) const {
  const Record r = records_.at(n);
  const File& file = files_[std::size_t(r.file)];
  std::vector<double> total, part;
  for (const auto& [acc, bucket] : {std::pair{"RAINC", "I_RAINC"}, std::pair{"RAINNC", "I_RAINNC"}}) {
    if (!file.has(acc)) continue;
    read_block(file.nc, file.path, acc, Shape::surface, r.index, i0, j0, ni, nj, nz_, times_[n], part);
    if (total.empty()) total.assign(part.size(), 0.0);
    for (std::size_t m = 0; m < part.size(); ++m) total[m] += part[m];
    // WRF's bucket: accumulation = RAIN + I_RAIN × BUCKET_MM when bucket_mm > 0.
    if (bucket_mm_ > 0 && file.has(bucket)) {
      read_block(file.nc, file.path, bucket, Shape::surface, r.index, i0, j0, ni, nj, nz_, times_[n], part);
      for (std::size_t m = 0; m < part.size(); ++m) total[m] += part[m] * bucket_mm_;
    }
  }
  return total;
}

MetFields WrfMetReader::read(std::size_t n, int i0, int j0, int ni, int nj) const {
  if (i0 < 0 || j0 < 0 || ni <= 0 || nj <= 0 || i0 + ni > nx_ || j0 + nj > ny_)
    throw InputError(files_.front().path.string(), "west_east, south_north",
                     "a window inside the " + std::to_string(nx_) + " x " + std::to_string(ny_) + " WRF grid, got start (" +
                         std::to_string(i0) + ", " + std::to_string(j0) + ") size " + std::to_string(ni) + " x " +
                         std::to_string(nj));
  using namespace constants;
  const Record r = records_.at(n);
  const File& file = files_[std::size_t(r.file)];
  const int nc = file.nc, nz = nz_;
  const auto& path = file.path;
  const TimePoint t = times_[n];
  auto get = [&](const char* name, Shape s, std::vector<double>& out) {
    read_block(nc, path, name, s, r.index, i0, j0, ni, nj, nz, t, out);
  };
  MetFields f;
  f.allocate(ni, nj, nz, false);
  f.time = t;
  const std::size_t ns = std::size_t(ni) * std::size_t(nj), nc3 = ns * std::size_t(nz);

  std::vector<double> a, b, c;
  // Pressure p = P + PB; temperature T = θ (p / p0)^κ with θ = T_wrf + 300 K, κ = R_d / c_p.
  get("P", Shape::cell, a);
  get("PB", Shape::cell, b);
  for (std::size_t m = 0; m < nc3; ++m) f.pressure_Pa[m] = a[m] + b[m];
  get("T", Shape::cell, a);
  std::vector<double> theta(nc3);
  const double kappa = r_dry_air_J_kg_K / cp_dry_air_J_kg_K;
  for (std::size_t m = 0; m < nc3; ++m) {
    theta[m] = a[m] + t_base_theta_K;
    f.temperature_K[m] = theta[m] * std::pow(f.pressure_Pa[m] / p_reference_Pa, kappa);
    if (!(f.pressure_Pa[m] > 0) || !(f.temperature_K[m] > 0))
      throw InputError(path.string(), "P + PB, T at " + format_iso8601(t), "positive pressure and temperature");
  }
  get("QVAPOR", Shape::cell, f.water_vapour_kg_kg);
  if (file.has("QCLOUD")) get("QCLOUD", Shape::cell, f.cloud_water_kg_kg);
  if (file.has("QRAIN")) get("QRAIN", Shape::cell, f.rain_water_kg_kg);
  // Moist-air density: (1 + qv) / α_d with WRF's dry inverse density ALT, or the ideal gas law
  // ρ = p / (R_d T_v), T_v = T (1 + qv / ε) / (1 + qv), ε = R_d / R_v.
  const double eps = r_dry_air_J_kg_K / r_water_vapour_J_kg_K;
  if (file.has("ALT")) {
    get("ALT", Shape::cell, a);
    for (std::size_t m = 0; m < nc3; ++m) f.air_density_kg_m3[m] = (1.0 + f.water_vapour_kg_kg[m]) / a[m];
  } else {
    for (std::size_t m = 0; m < nc3; ++m) {
      const double q = f.water_vapour_kg_kg[m];
      const double tv = f.temperature_K[m] * (1.0 + q / eps) / (1.0 + q);
      f.air_density_kg_m3[m] = f.pressure_Pa[m] / (r_dry_air_J_kg_K * tv);
    }
  }
  // Interface heights above ground: z = (PH + PHB) / g − HGT.
  get("HGT", Shape::surface, f.terrain_height_m);
  get("PH", Shape::z_stag, a);
  get("PHB", Shape::z_stag, b);
  for (int k = 0; k <= nz; ++k)
    for (std::size_t s = 0; s < ns; ++s) {
      const std::size_t m = std::size_t(k) * ns + s;
      f.z_interface_m[m] = (a[m] + b[m]) / gravity_m_s2 - f.terrain_height_m[s];
    }
  for (std::size_t s = 0; s < ns; ++s) {
    if (std::abs(f.z_interface_m[s]) > 1.0)
      throw InputError(path.string(), "PH + PHB, HGT at " + format_iso8601(t),
                       "surface geopotential (PH + PHB)/g equal to HGT, differs by " +
                           std::to_string(f.z_interface_m[s]) + " m at (j=" + std::to_string(j0 + int(s) / ni) +
                           ", i=" + std::to_string(i0 + int(s) % ni) + ")");
    f.z_interface_m[s] = 0.0;
  }
  get("U", Shape::x_stag, f.u_m_s);
  get("V", Shape::y_stag, f.v_m_s);
  if (file.has("W")) get("W", Shape::z_stag, a);  // checked only: vertical fluxes come from continuity
  get("PSFC", Shape::surface, f.surface_pressure_Pa);
  if (file.has("T2")) {
    get("T2", Shape::surface, f.t2_K);
  } else {
    std::copy(f.temperature_K.begin(), f.temperature_K.begin() + std::ptrdiff_t(ns), f.t2_K.begin());
  }
  // Land use.
  if (file.has("LU_INDEX")) {
    get("LU_INDEX", Shape::surface, f.land_use_category);
  } else {
    get("XLAND", Shape::surface, a);
    for (std::size_t s = 0; s < ns; ++s)
      f.land_use_category[s] = a[s] > 1.5 ? double(iswater_) : double(default_land_category(scheme_));
  }
  // Lowest-level wind at cell centres and layer-centre height, for the surface diagnoses.
  auto centre_wind = [&](int k, int j, int i, double& uc, double& vc) {
    uc = 0.5 * (f.u_m_s[(std::size_t(k) * std::size_t(nj) + std::size_t(j)) * std::size_t(ni + 1) + std::size_t(i)] +
                f.u_m_s[(std::size_t(k) * std::size_t(nj) + std::size_t(j)) * std::size_t(ni + 1) + std::size_t(i) + 1]);
    vc = 0.5 * (f.v_m_s[(std::size_t(k) * std::size_t(nj + 1) + std::size_t(j)) * std::size_t(ni) + std::size_t(i)] +
                f.v_m_s[(std::size_t(k) * std::size_t(nj + 1) + std::size_t(j) + 1) * std::size_t(ni) + std::size_t(i)]);
  };
  auto z_centre = [&](int k, std::size_t s) {
    return 0.5 * (f.z_interface_m[std::size_t(k) * ns + s] + f.z_interface_m[std::size_t(k + 1) * ns + s]);
  };
  auto z0_at = [&](std::size_t s) { return roughness_length_m(int(std::lround(f.land_use_category[s])), scheme_); };
  if (file.has("UST")) {
    get("UST", Shape::surface, f.friction_velocity_m_s);
  } else {
    for (int j = 0; j < nj; ++j)
      for (int i = 0; i < ni; ++i) {
        const std::size_t s = f.surface(j, i);
        double uc, vc;
        centre_wind(0, j, i, uc, vc);
        f.friction_velocity_m_s[s] = log_law_friction_velocity_m_s(std::hypot(uc, vc), z_centre(0, s), z0_at(s));
      }
  }
  if (file.has("PBLH")) {
    get("PBLH", Shape::surface, f.pbl_height_m);
  } else {
    const std::size_t nzs = static_cast<std::size_t>(nz);
    std::vector<double> zc(nzs), thv(nzs), uc(nzs), vc(nzs);
    for (int j = 0; j < nj; ++j)
      for (int i = 0; i < ni; ++i) {
        const std::size_t s = f.surface(j, i);
        for (int k = 0; k < nz; ++k) {
          const std::size_t m = f.cell(k, j, i);
          zc[std::size_t(k)] = z_centre(k, s);
          // θv = θ (1 + qv / ε) / (1 + qv).
          thv[std::size_t(k)] = theta[m] * (1.0 + f.water_vapour_kg_kg[m] / eps) / (1.0 + f.water_vapour_kg_kg[m]);
          centre_wind(k, j, i, uc[std::size_t(k)], vc[std::size_t(k)]);
        }
        f.pbl_height_m[s] =
            bulk_richardson_pbl_height_m(nz, zc.data(), thv.data(), uc.data(), vc.data(), f.friction_velocity_m_s[s]);
      }
  }
  if (file.has("HFX")) {
    get("HFX", Shape::surface, f.sensible_heat_flux_W_m2);
  } else if (file.has("TSK")) {
    get("TSK", Shape::surface, a);
    for (int j = 0; j < nj; ++j)
      for (int i = 0; i < ni; ++i) {
        const std::size_t s = f.surface(j, i);
        double uc, vc;
        centre_wind(0, j, i, uc, vc);
        f.sensible_heat_flux_W_m2[s] = bulk_sensible_heat_flux_W_m2(f.air_density_kg_m3[s], std::hypot(uc, vc),
                                                                    z_centre(0, s), z0_at(s), a[s], f.t2_K[s]);
      }
  }
  if (file.has("SWDOWN")) {
    get("SWDOWN", Shape::surface, f.shortwave_down_W_m2);
  } else {
    get("XLAT", Shape::surface, a);
    get("XLONG", Shape::surface, b);
    for (std::size_t s = 0; s < ns; ++s) f.shortwave_down_W_m2[s] = clear_sky_shortwave_W_m2(cos_solar_zenith(a[s], b[s], t));
  }
  // Precipitation rate (mm/h) from the accumulation: the backward difference over the
  // interval ending at this time; the first time takes the first interval's difference.
  if (times_.size() > 1) {
    const std::size_t n0 = n == 0 ? 0 : n - 1, n1 = n0 + 1;
    const auto acc0 = accumulated_precipitation_mm(n0, i0, j0, ni, nj);
    const auto acc1 = accumulated_precipitation_mm(n1, i0, j0, ni, nj);
    const double hours = double((times_[n1] - times_[n0]).count()) / 3600.0;
    if (!acc0.empty() && acc0.size() == acc1.size())
      for (std::size_t s = 0; s < ns; ++s) f.precipitation_rate_mm_h[s] = std::max(0.0, (acc1[s] - acc0[s]) / hours);
  }
  return f;
}

}  // namespace qiantang::io
