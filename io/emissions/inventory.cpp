#include "io/emissions/inventory.hpp"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

constexpr double kRad = constants::pi / 180.0;
constexpr double kR = constants::earth_radius_m;
constexpr double kSecondsPerYear = 365.0 * 86400.0;

void check(int status, const std::filesystem::path& file, const std::string& var, const std::string& expected) {
  if (status != NC_NOERR) throw InputError(file.string(), var, expected + " (" + nc_strerror(status) + ")");
}

std::string text_att(int nc, int var, const char* name) {
  std::size_t len = 0;
  nc_type type = NC_NAT;
  if (nc_inq_att(nc, var, name, &type, &len) != NC_NOERR) return {};
  if (type == NC_STRING) {
    std::vector<char*> v(len, nullptr);
    if (nc_get_att_string(nc, var, name, v.data()) != NC_NOERR || len == 0) return {};
    std::string s = v[0] ? v[0] : "";
    nc_free_string(len, v.data());
    return s;
  }
  if (type != NC_CHAR) return {};
  std::string s(len, '\0');
  if (nc_get_att_text(nc, var, name, s.data()) != NC_NOERR) return {};
  while (!s.empty() && s.back() == '\0') s.pop_back();
  return s;
}

bool has_att(int nc, int var, const char* name) {
  int id = 0;
  return nc_inq_attid(nc, var, name, &id) == NC_NOERR;
}

std::vector<double> double_att(int nc, int var, const char* name) {
  std::size_t len = 0;
  if (nc_inq_attlen(nc, var, name, &len) != NC_NOERR || len == 0) return {};
  std::vector<double> v(len);
  if (nc_get_att_double(nc, var, name, v.data()) != NC_NOERR) return {};
  return v;
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::vector<std::string> dim_names(int nc, int var) {
  int nd = 0;
  nc_inq_varndims(nc, var, &nd);
  std::vector<int> ids(std::size_t(std::max(nd, 0)));
  if (nd > 0) nc_inq_vardimid(nc, var, ids.data());
  std::vector<std::string> out;
  for (int id : ids) {
    char name[NC_MAX_NAME + 1] = {};
    nc_inq_dimname(nc, id, name);
    out.push_back(name);
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// A 1-D coordinate variable `name(name)`: values, checked finite and strictly monotonic.
std::vector<double> coordinate(int nc, const std::filesystem::path& f, const std::string& name) {
  int id = 0;
  check(nc_inq_varid(nc, name.c_str(), &id), f, name, "a coordinate variable " + name + "(" + name + ")");
  const auto dims = dim_names(nc, id);
  if (dims.size() != 1 || dims[0] != name)
    throw InputError(f.string(), name, "dimensions (" + name + "), got (" + join(dims) + ")");
  int did = 0;
  std::size_t n = 0;
  check(nc_inq_dimid(nc, name.c_str(), &did), f, name, "a dimension");
  check(nc_inq_dimlen(nc, did, &n), f, name, "a dimension length");
  if (n < 2) throw InputError(f.string(), name, "at least two cells, got " + std::to_string(n));
  std::vector<double> v(n);
  check(nc_get_var_double(nc, id, v.data()), f, name, "readable values");
  const bool up = v[1] > v[0];
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(v[i])) throw InputError(f.string(), name, "finite coordinates, got a non-finite value at index " + std::to_string(i));
    if (i > 0 && (up ? !(v[i] > v[i - 1]) : !(v[i] < v[i - 1])))
      throw InputError(f.string(), name, "strictly monotonic coordinates, not at index " + std::to_string(i));
  }
  return v;
}

// Cell edges (increasing, n + 1) from centres (any direction) and optional bounds.
std::vector<double> edges_of(int nc, const std::filesystem::path& f, const std::string& name,
                             std::vector<double> c, bool allow_bounds) {
  const std::size_t n = c.size();
  const bool down = c[1] < c[0];
  if (down) std::reverse(c.begin(), c.end());
  std::vector<double> e(n + 1);
  int cid = 0;
  nc_inq_varid(nc, name.c_str(), &cid);
  std::string bname = text_att(nc, cid, "bounds");
  int bid = -1;
  if (allow_bounds) {
    if (bname.empty()) bname = name + "_bnds";
    if (nc_inq_varid(nc, bname.c_str(), &bid) != NC_NOERR) bid = -1;
  }
  if (bid >= 0) {
    const auto dims = dim_names(nc, bid);
    if (dims.size() != 2 || dims[0] != name)
      throw InputError(f.string(), bname, "dimensions (" + name + ", nv) with nv = 2, got (" + join(dims) + ")");
    int did = 0;
    std::size_t nv = 0;
    nc_inq_dimid(nc, dims[1].c_str(), &did);
    nc_inq_dimlen(nc, did, &nv);
    if (nv != 2) throw InputError(f.string(), bname, "two bounds per cell, got " + std::to_string(nv));
    std::vector<double> b(2 * n);
    check(nc_get_var_double(nc, bid, b.data()), f, bname, "readable values");
    std::vector<double> lo(n), hi(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t src = down ? n - 1 - i : i;
      lo[i] = std::min(b[2 * src], b[2 * src + 1]);
      hi[i] = std::max(b[2 * src], b[2 * src + 1]);
      if (!std::isfinite(lo[i]) || !std::isfinite(hi[i]) || !(lo[i] < c[i] || lo[i] == c[i]) || c[i] > hi[i])
        throw InputError(f.string(), bname, "finite bounds enclosing each cell centre, not at index " + std::to_string(src));
    }
    for (std::size_t i = 0; i + 1 < n; ++i)
      if (std::abs(hi[i] - lo[i + 1]) > 1e-6 * std::max(1.0, std::abs(hi[i])))
        throw InputError(f.string(), bname, "contiguous cells (upper bound of one = lower bound of the next)");
    e[0] = lo[0];
    for (std::size_t i = 0; i < n; ++i) e[i + 1] = i + 1 < n ? lo[i + 1] : hi[i];
    return e;
  }
  for (std::size_t i = 1; i < n; ++i) e[i] = 0.5 * (c[i - 1] + c[i]);
  e[0] = c[0] - 0.5 * (c[1] - c[0]);
  e[n] = c[n - 1] + 0.5 * (c[n - 1] - c[n - 2]);
  return e;
}

void expect_units(int nc, const std::filesystem::path& f, const std::string& name, const std::set<std::string>& ok,
                  double* scale = nullptr, const std::string& alt_units = "", double alt_scale = 1.0) {
  int id = 0;
  nc_inq_varid(nc, name.c_str(), &id);
  const std::string u = trim(text_att(nc, id, "units"));
  if (ok.count(u)) return;
  if (scale && !alt_units.empty() && u == alt_units) {
    *scale = alt_scale;
    return;
  }
  std::string list;
  for (const auto& s : ok) list += (list.empty() ? "" : ", ") + s;
  if (!alt_units.empty()) list += ", " + alt_units;
  throw InputError(f.string(), name + ":units", "one of {" + list + "}, got '" + u + "'");
}

}  // namespace

const std::vector<std::string>& inventory_species() {
  static const std::vector<std::string> s{"SO2", "NOX", "CO", "VOC", "NH3", "PM25", "PM10", "BC", "OC"};
  return s;
}

// Molar masses (g/mol) from the IUPAC standard atomic weights: SO2 64.066, NO2 46.0055 (NOx
// is reported as NO2 mass), CO 28.010, NH3 17.031.
double inventory_molar_mass_g_mol(const std::string& s) {
  if (s == "SO2") return 64.066;
  if (s == "NOX") return 46.0055;
  if (s == "CO") return 28.010;
  if (s == "NH3") return 17.031;
  return 0.0;
}

EmissionUnits parse_emission_units(const std::string& raw, double molar_mass_g_mol, const std::string& where,
                                   const std::string& variable) {
  const std::string u = trim(raw);
  EmissionUnits e;
  if (u == "t/yr" || u == "t yr-1" || u == "Mg/yr" || u == "Mg yr-1" || u == "ton/yr" || u == "t/a") {
    e.factor = 1000.0 / kSecondsPerYear;
  } else if (u == "kg/yr" || u == "kg yr-1") {
    e.factor = 1.0 / kSecondsPerYear;
  } else if (u == "t/month" || u == "Mg/month") {
    e.factor = 12.0 * 1000.0 / kSecondsPerYear;
  } else if (u == "g/s" || u == "g s-1") {
    e.factor = 1e-3;
  } else if (u == "kg/s" || u == "kg s-1") {
    e.factor = 1.0;
  } else if (u == "mol/s" || u == "mol s-1") {
    e.molar = true;
  } else if (u == "kg m-2 s-1" || u == "kg/m2/s") {
    e.per_area = true;
  } else if (u == "g m-2 s-1" || u == "g/m2/s") {
    e.factor = 1e-3;
    e.per_area = true;
  } else if (u == "mol m-2 s-1" || u == "mol/m2/s") {
    e.molar = e.per_area = true;
  } else if (u == "mol km-2 hr-1" || u == "mol/km2/h" || u == "mol km-2 h-1") {
    e.factor = 1e-6 / 3600.0;
    e.molar = e.per_area = true;
  } else {
    throw InputError(where, variable + ":units",
                     "one of {t/yr, kg/yr, t/month, g/s, kg/s, mol/s, kg m-2 s-1, g m-2 s-1, mol m-2 s-1, "
                     "mol km-2 hr-1} (docs/formats.md), got '" + u + "'");
  }
  if (e.molar) {
    if (!(molar_mass_g_mol > 0))
      throw InputError(where, variable + ":units",
                       "a mass unit (a molar unit '" + u + "' needs a molar mass: only gases SO2, NOX, CO, NH3, or VOC "
                       "with a molar_mass_g_mol attribute)");
    e.factor *= molar_mass_g_mol * 1e-3;  // mol -> kg
  }
  return e;
}

void InventoryGrid::to_latlon(double x, double y, double& lat, double& lon) const {
  if (!projected) {
    lat = y;
    lon = x;
    return;
  }
  double X0 = 0, Y0 = 0;
  projection.forward(origin_lat_deg, origin_lon_deg, X0, Y0);
  projection.inverse(x - false_easting_m + X0, y - false_northing_m + Y0, lat, lon);
}

void InventoryGrid::from_latlon(double lat, double lon, double& x, double& y) const {
  if (!projected) {
    const double west = x_edges.front();
    while (lon < west) lon += 360.0;
    while (lon >= west + 360.0) lon -= 360.0;
    x = lon;
    y = lat;
    return;
  }
  double X0 = 0, Y0 = 0, X = 0, Y = 0;
  projection.forward(origin_lat_deg, origin_lon_deg, X0, Y0);
  projection.forward(lat, lon, X, Y);
  x = X - X0 + false_easting_m;
  y = Y - Y0 + false_northing_m;
}

double InventoryGrid::cell_area_m2(int i, int j) const {
  const double dx = x_edges[std::size_t(i) + 1] - x_edges[std::size_t(i)];
  const double dy = y_edges[std::size_t(j) + 1] - y_edges[std::size_t(j)];
  if (!projected)
    return kR * kR * dx * kRad *
           (std::sin(y_edges[std::size_t(j) + 1] * kRad) - std::sin(y_edges[std::size_t(j)] * kRad));
  double lat = 0, lon = 0;
  to_latlon(0.5 * (x_edges[std::size_t(i)] + x_edges[std::size_t(i) + 1]),
            0.5 * (y_edges[std::size_t(j)] + y_edges[std::size_t(j) + 1]), lat, lon);
  const double m = projection.map_factor(lat);
  return dx * dy / (m * m);
}

std::vector<std::string> Inventory::species() const {
  std::vector<std::string> out;
  for (const auto& s : inventory_species())
    for (const auto& [key, v] : kg_s)
      if (key.second == s) {
        out.push_back(s);
        break;
      }
  return out;
}

Inventory read_inventory(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) throw InputError(file.string(), "", "an existing emission inventory file");
  int nc = -1;
  check(nc_open(file.c_str(), NC_NOWRITE, &nc), file, "", "a readable NetCDF file (truncated or not NetCDF?)");
  struct Closer {
    int id;
    ~Closer() { nc_close(id); }
  } closer{nc};

  Inventory inv;
  inv.file = file;
  int dummy = 0;
  const bool latlon = nc_inq_varid(nc, "lon", &dummy) == NC_NOERR && nc_inq_varid(nc, "lat", &dummy) == NC_NOERR;
  const bool proj = nc_inq_varid(nc, "x", &dummy) == NC_NOERR && nc_inq_varid(nc, "y", &dummy) == NC_NOERR;
  if (!latlon && !proj)
    throw InputError(file.string(), "lon, lat", "coordinate variables lon(lon) and lat(lat), or x(x) and y(y) with a grid_mapping");
  const std::string xn = latlon ? "lon" : "x", yn = latlon ? "lat" : "y";
  std::vector<double> xc = coordinate(nc, file, xn), yc = coordinate(nc, file, yn);
  const bool flip_x = xc[1] < xc[0], flip_y = yc[1] < yc[0];
  double xy_scale = 1.0;
  if (latlon) {
    expect_units(nc, file, "lon", {"degrees_east", "degree_east", "degrees_E", "degreesE", "degree_E"});
    expect_units(nc, file, "lat", {"degrees_north", "degree_north", "degrees_N", "degreesN", "degree_N"});
  } else {
    expect_units(nc, file, "x", {"m"}, &xy_scale, "km", 1000.0);
    double ys = 1.0;
    expect_units(nc, file, "y", {"m"}, &ys, "km", 1000.0);
    if (ys != xy_scale) throw InputError(file.string(), "y:units", "the units of x");
  }
  inv.grid.projected = !latlon;
  inv.grid.x_edges = edges_of(nc, file, xn, xc, latlon);
  inv.grid.y_edges = edges_of(nc, file, yn, yc, latlon);
  for (auto& v : inv.grid.x_edges) v *= xy_scale;
  for (auto& v : inv.grid.y_edges) v *= xy_scale;
  if (latlon) {
    if (inv.grid.y_edges.front() < -90.0 - 1e-9 || inv.grid.y_edges.back() > 90.0 + 1e-9)
      throw InputError(file.string(), "lat", "latitudes (with cell edges) within [-90, 90]");
    if (inv.grid.x_edges.back() - inv.grid.x_edges.front() > 360.0 + 1e-9)
      throw InputError(file.string(), "lon", "longitudes spanning at most 360 degrees");
  }
  const int nx = int(xc.size()), ny = int(yc.size());

  // Sectors.
  std::size_t nsector = 0;
  int sector_dim = -1;
  if (nc_inq_dimid(nc, "sector", &sector_dim) == NC_NOERR) {
    check(nc_inq_dimlen(nc, sector_dim, &nsector), file, "sector", "a dimension length");
    int sv = 0;
    check(nc_inq_varid(nc, "sector", &sv), file, "sector", "a variable sector(sector) naming the sectors");
    nc_type type = NC_NAT;
    nc_inq_vartype(nc, sv, &type);
    const auto dims = dim_names(nc, sv);
    if (type == NC_STRING && dims.size() == 1 && dims[0] == "sector") {
      std::vector<char*> names(nsector, nullptr);
      check(nc_get_var_string(nc, sv, names.data()), file, "sector", "readable sector names");
      for (auto* p : names) inv.sectors.push_back(trim(p ? p : ""));
      nc_free_string(nsector, names.data());
    } else if (type == NC_CHAR && dims.size() == 2 && dims[0] == "sector") {
      int sid = 0;
      std::size_t len = 0;
      nc_inq_dimid(nc, dims[1].c_str(), &sid);
      nc_inq_dimlen(nc, sid, &len);
      std::vector<char> buf(nsector * len);
      check(nc_get_var_text(nc, sv, buf.data()), file, "sector", "readable sector names");
      for (std::size_t s = 0; s < nsector; ++s) inv.sectors.push_back(trim(std::string(buf.data() + s * len, strnlen(buf.data() + s * len, len))));
    } else {
      throw InputError(file.string(), "sector", "string sector(sector) or char sector(sector, strlen)");
    }
    std::set<std::string> seen;
    for (const auto& s : inv.sectors) {
      if (s.empty()) throw InputError(file.string(), "sector", "non-empty sector names");
      if (!seen.insert(s).second) throw InputError(file.string(), "sector", "each sector once, '" + s + "' repeats");
    }
  }
  if (has_att(nc, NC_GLOBAL, "year")) {
    const auto y = double_att(nc, NC_GLOBAL, "year");
    if (!y.empty()) inv.year = int(y[0]);
  }

  // Species variables.
  std::string mapping_var;
  for (const auto& sp : inventory_species()) {
    int id = 0;
    if (nc_inq_varid(nc, sp.c_str(), &id) != NC_NOERR) continue;
    const auto dims = dim_names(nc, id);
    const std::string sector_att = trim(text_att(nc, id, "sector"));
    const bool by_sector = dims.size() == 3;
    const std::vector<std::string> want =
        by_sector ? std::vector<std::string>{"sector", yn, xn} : std::vector<std::string>{yn, xn};
    if (dims != want || (by_sector && sector_dim < 0))
      throw InputError(file.string(), sp,
                       "dimensions (sector, " + yn + ", " + xn + ") or (" + yn + ", " + xn + "), got (" + join(dims) + ")");
    if (!by_sector && sector_att.empty())
      throw InputError(file.string(), sp, "a 'sector' attribute naming the sector of this 2-D field (or a sector dimension)");
    if (!latlon) {
      const std::string gm = trim(text_att(nc, id, "grid_mapping"));
      if (gm.empty()) throw InputError(file.string(), sp + ":grid_mapping", "the name of the grid-mapping variable of x, y");
      if (!mapping_var.empty() && gm != mapping_var)
        throw InputError(file.string(), sp + ":grid_mapping", "the same grid mapping as the other species ('" + mapping_var + "')");
      mapping_var = gm;
    }
    const double mw_att = [&] {
      const auto v = double_att(nc, id, "molar_mass_g_mol");
      return v.empty() ? 0.0 : v[0];
    }();
    const double mw = inventory_molar_mass_g_mol(sp) > 0 ? inventory_molar_mass_g_mol(sp) : (sp == "VOC" ? mw_att : 0.0);
    if (!has_att(nc, id, "units")) throw InputError(file.string(), sp + ":units", "a units attribute (docs/formats.md)");
    (void)parse_emission_units(text_att(nc, id, "units"), mw, file.string(), sp);  // fail early on bad units
    const std::size_t ns = by_sector ? nsector : 1;
    std::vector<double> raw(ns * std::size_t(nx) * std::size_t(ny));
    check(nc_get_var_double(nc, id, raw.data()), file, sp, "readable values");
    std::vector<double> fill;
    for (const char* a : {"_FillValue", "missing_value"}) {
      const auto v = double_att(nc, id, a);
      fill.insert(fill.end(), v.begin(), v.end());
    }
    for (std::size_t s = 0; s < ns; ++s) {
      const std::string sector = by_sector ? inv.sectors[s] : sector_att;
      if (!by_sector && inv.sectors.end() == std::find(inv.sectors.begin(), inv.sectors.end(), sector))
        inv.sectors.push_back(sector);
      std::vector<double> out(std::size_t(nx) * std::size_t(ny));
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
          const std::size_t n = (s * std::size_t(ny) + std::size_t(j)) * std::size_t(nx) + std::size_t(i);
          double v = raw[n];
          if (std::find(fill.begin(), fill.end(), v) != fill.end()) v = 0.0;
          if (!std::isfinite(v) || v < 0)
            throw InputError(file.string(), sp,
                             std::string(std::isfinite(v) ? "non-negative" : "finite") + " emissions, got " +
                                 std::to_string(v) + " at sector '" + sector + "', " + yn + " index " + std::to_string(j) +
                                 ", " + xn + " index " + std::to_string(i));
          const int io = flip_x ? nx - 1 - i : i, jo = flip_y ? ny - 1 - j : j;
          out[std::size_t(jo) * std::size_t(nx) + std::size_t(io)] = v;
        }
      inv.kg_s[{sector, sp}] = std::move(out);
    }
  }
  if (inv.kg_s.empty())
    throw InputError(file.string(), join(inventory_species()), "at least one inventory species variable (docs/formats.md)");

  if (!latlon) {
    int mv = 0;
    check(nc_inq_varid(nc, mapping_var.c_str(), &mv), file, mapping_var, "the grid-mapping variable named by grid_mapping");
    const std::string name = trim(text_att(nc, mv, "grid_mapping_name"));
    if (name != "lambert_conformal_conic")
      throw InputError(file.string(), mapping_var + ":grid_mapping_name", "lambert_conformal_conic, got '" + name + "'");
    const auto sp = double_att(nc, mv, "standard_parallel");
    const auto lon0 = double_att(nc, mv, "longitude_of_central_meridian");
    const auto lat0 = double_att(nc, mv, "latitude_of_projection_origin");
    if (sp.empty() || sp.size() > 2 || lon0.empty() || lat0.empty())
      throw InputError(file.string(), mapping_var,
                       "attributes standard_parallel (1 or 2 values), longitude_of_central_meridian and "
                       "latitude_of_projection_origin");
    auto& p = inv.grid.projection;
    p.kind = grid::ProjectionKind::lambert_conformal;
    p.truelat1_deg = sp[0];
    p.truelat2_deg = sp.size() == 2 ? sp[1] : sp[0];
    p.stand_lon_deg = lon0[0];
    if (std::abs(p.truelat1_deg) >= 90 || p.truelat1_deg * p.truelat2_deg <= 0)
      throw InputError(file.string(), mapping_var + ":standard_parallel", "true latitudes in one hemisphere, not 0 or ±90");
    inv.grid.origin_lat_deg = lat0[0];
    inv.grid.origin_lon_deg = lon0[0];
    const auto fe = double_att(nc, mv, "false_easting"), fn = double_att(nc, mv, "false_northing");
    inv.grid.false_easting_m = fe.empty() ? 0.0 : fe[0];
    inv.grid.false_northing_m = fn.empty() ? 0.0 : fn[0];
  }

  // Units to kg/s per cell (after the grid is known, for area fluxes).
  for (auto& [key, v] : inv.kg_s) {
    int id = 0;
    nc_inq_varid(nc, key.second.c_str(), &id);
    const double mw_att = [&] {
      const auto a = double_att(nc, id, "molar_mass_g_mol");
      return a.empty() ? 0.0 : a[0];
    }();
    const double mw = inventory_molar_mass_g_mol(key.second) > 0 ? inventory_molar_mass_g_mol(key.second)
                                                                  : (key.second == "VOC" ? mw_att : 0.0);
    const EmissionUnits u = parse_emission_units(text_att(nc, id, "units"), mw, file.string(), key.second);
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        auto& x = v[std::size_t(j) * std::size_t(nx) + std::size_t(i)];
        x *= u.factor * (u.per_area ? inv.grid.cell_area_m2(i, j) : 1.0);
      }
  }
  for (const auto& s : inv.sectors) {
    const auto p10 = inv.kg_s.find({s, "PM10"}), p25 = inv.kg_s.find({s, "PM25"});
    if (p10 == inv.kg_s.end() || p25 == inv.kg_s.end()) continue;
    for (std::size_t n = 0; n < p10->second.size(); ++n)
      if (p10->second[n] < p25->second[n] * (1.0 - 1e-6))
        throw InputError(file.string(), "PM10", "PM10 >= PM25 (PM10 includes PM2.5), not in sector '" + s + "' at cell " +
                                                    std::to_string(n % std::size_t(nx)) + ", " +
                                                    std::to_string(n / std::size_t(nx)));
  }
  return inv;
}

void write_latlon_inventory(const std::filesystem::path& file, const InventoryWriteSpec& spec) {
  const auto part = std::filesystem::path(file.string() + ".part");
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  int nc = -1;
  check(nc_create(part.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc), part, "", "a writable file");
  const std::size_t nx = spec.lon.size(), ny = spec.lat.size(), ns = spec.sectors.size();
  std::size_t len = 1;
  for (const auto& s : spec.sectors) len = std::max(len, s.size());
  int ds = 0, dy = 0, dx = 0, dl = 0, vs = 0, vy = 0, vx = 0;
  check(nc_def_dim(nc, "sector", ns, &ds), part, "sector", "dimension");
  check(nc_def_dim(nc, "lat", ny, &dy), part, "lat", "dimension");
  check(nc_def_dim(nc, "lon", nx, &dx), part, "lon", "dimension");
  check(nc_def_dim(nc, "strlen", len, &dl), part, "strlen", "dimension");
  const int sd[2] = {ds, dl};
  check(nc_def_var(nc, "sector", NC_CHAR, 2, sd, &vs), part, "sector", "variable");
  check(nc_def_var(nc, "lat", NC_DOUBLE, 1, &dy, &vy), part, "lat", "variable");
  check(nc_def_var(nc, "lon", NC_DOUBLE, 1, &dx, &vx), part, "lon", "variable");
  auto put = [&](int var, const char* name, const std::string& v) {
    check(nc_put_att_text(nc, var, name, v.size(), v.c_str()), part, name, "attribute");
  };
  put(vy, "units", "degrees_north");
  put(vy, "standard_name", "latitude");
  put(vx, "units", "degrees_east");
  put(vx, "standard_name", "longitude");
  put(NC_GLOBAL, "Conventions", "CF-1.8");
  put(NC_GLOBAL, "title", "Qiantang emission inventory");
  check(nc_put_att_int(nc, NC_GLOBAL, "year", NC_INT, 1, &spec.year), part, "year", "attribute");
  std::map<std::string, int> ids;
  const int dims[3] = {ds, dy, dx};
  for (const auto& [name, v] : spec.fields) {
    int id = 0;
    check(nc_def_var(nc, name.c_str(), NC_DOUBLE, 3, dims, &id), part, name, "variable");
    check(nc_def_var_deflate(nc, id, 1, 1, 2), part, name, "deflate");
    const auto u = spec.units.find(name);
    put(id, "units", u == spec.units.end() ? "t/yr" : u->second);
    ids[name] = id;
  }
  check(nc_enddef(nc), part, "", "end of definitions");
  std::vector<char> names(ns * len, '\0');
  for (std::size_t s = 0; s < ns; ++s) std::memcpy(names.data() + s * len, spec.sectors[s].data(), spec.sectors[s].size());
  check(nc_put_var_text(nc, vs, names.data()), part, "sector", "data");
  check(nc_put_var_double(nc, vy, spec.lat.data()), part, "lat", "data");
  check(nc_put_var_double(nc, vx, spec.lon.data()), part, "lon", "data");
  for (const auto& [name, v] : spec.fields) {
    if (v.size() != ns) throw std::logic_error("write_latlon_inventory: one field per sector needed for " + name);
    std::vector<double> all;
    for (const auto& f : v) {
      if (f.size() != nx * ny) throw std::logic_error("write_latlon_inventory: field of the wrong size for " + name);
      all.insert(all.end(), f.begin(), f.end());
    }
    check(nc_put_var_double(nc, ids[name], all.data()), part, name, "data");
  }
  check(nc_close(nc), part, "", "file closed");
  std::filesystem::rename(part, file);
}

}  // namespace qiantang::io
