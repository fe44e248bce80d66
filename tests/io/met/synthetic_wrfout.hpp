#pragma once
// Writes small synthetic WRF-ARW output files (wrfout layout: dimensions, variables and global
// attributes as WRF's netCDF I/O writes them, 64-bit-offset classic format, float fields) for
// the WRF reader tests and the end-to-end run with `[met] format = wrf`. Fields are smooth
// analytic functions given below, so that tests can compare against the formulas.
#include <cmath>
#include <filesystem>
#include <functional>
#include <netcdf>
#include <set>
#include <string>
#include <vector>

#include "solver/common/constants.hpp"
#include "solver/common/time.hpp"
#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::test {

struct SyntheticWrf {
  int nx = 8, ny = 6, nz = 5;
  int map_proj = 1;
  double truelat1 = 30.0, truelat2 = 60.0, stand_lon = 120.0, pole_lat = 90.0, pole_lon = 0.0;
  double cen_lat = 30.0, cen_lon = 120.0;
  double dx_m = 12000.0, dy_m = 12000.0;  // metres, also for lat-lon grids (WRF convention)
  TimePoint start = *parse_iso8601("2025-07-01T00:00:00Z");
  int interval_s = 3600;
  std::vector<double> z_interface_m{0.0, 80.0, 200.0, 400.0, 800.0, 1500.0};  // above ground
  std::set<std::string> omit;        // variables not written
  std::string transpose;             // a variable written with its last two dimensions swapped
  std::string bad_value;             // a variable with one non-finite value ("T" → NaN at record 0)
  double bad = std::nan("");
  bool with_alt = false;
  double xlat_shift_deg = 0.0;       // added to XLAT (an inconsistent file)

  // The analytic fields (i, j: mass-point indices; faces at half indices; n: record).
  double terrain(double i, double j) const { return 50.0 + 10.0 * i + 5.0 * j; }
  double zc(int k) const { return 0.5 * (z_interface_m[std::size_t(k)] + z_interface_m[std::size_t(k) + 1]); }
  double pressure(int k, double i, double j) const { return 101325.0 * std::exp(-(terrain(i, j) + zc(k)) / 8000.0); }
  double theta(int k, double i, double j, int n) const { return 295.0 + 0.004 * zc(k) + 0.3 * std::sin(i + j) + 0.2 * n; }
  double qvapor(int k) const { return 0.01 * std::exp(-zc(k) / 2500.0); }
  double u(int k, double i_face, double j, int n) const { return 4.0 + 0.5 * k + 0.3 * i_face - 0.2 * j + 0.5 * n; }
  double v(int k, double i, double j_face, int n) const { return -2.0 + 0.2 * k + 0.1 * i + 0.25 * j_face - 0.3 * n; }
  double rain_accum_mm(int n) const { return 0.5 * n * n; }   // RAINNC
  double conv_accum_mm(int n) const { return 1.0 * n; }       // RAINC
  double xland(double i, double j) const { return (i + j) < 2.5 ? 2.0 : 1.0; }

  grid::HorizontalGrid grid() const {
    const auto p = grid::Projection::from_wrf(map_proj, truelat1, truelat2, stand_lon, pole_lat, pole_lon);
    double dx = dx_m, dy = dy_m;
    if (p.is_latlon()) {
      dx /= constants::earth_radius_m * constants::pi / 180.0;
      dy /= constants::earth_radius_m * constants::pi / 180.0;
    }
    return grid::HorizontalGrid::centred(p, nx, ny, dx, dy, cen_lat, cen_lon);
  }
};

// Writes records [first, first + count) of the synthetic run to `path`.
inline void write_wrfout(const std::filesystem::path& path, const SyntheticWrf& s, int first, int count) {
  using namespace netCDF;
  NcFile nc(path.string(), NcFile::replace, NcFile::classic64);
  const NcDim t = nc.addDim("Time");  // unlimited
  const NcDim ds = nc.addDim("DateStrLen", 19);
  const NcDim we = nc.addDim("west_east", std::size_t(s.nx)), wes = nc.addDim("west_east_stag", std::size_t(s.nx + 1));
  const NcDim sn = nc.addDim("south_north", std::size_t(s.ny)), sns = nc.addDim("south_north_stag", std::size_t(s.ny + 1));
  const NcDim bt = nc.addDim("bottom_top", std::size_t(s.nz)), bts = nc.addDim("bottom_top_stag", std::size_t(s.nz + 1));
  const auto g = s.grid();
  nc.putAtt("TITLE", " OUTPUT FROM WRF V4.4 MODEL (synthetic)");
  nc.putAtt("MAP_PROJ", ncInt, s.map_proj);
  for (const auto& [name, value] : std::vector<std::pair<const char*, double>>{
           {"TRUELAT1", s.truelat1}, {"TRUELAT2", s.truelat2}, {"STAND_LON", s.stand_lon}, {"CEN_LAT", s.cen_lat},
           {"CEN_LON", s.cen_lon}, {"MOAD_CEN_LAT", s.cen_lat}, {"POLE_LAT", s.pole_lat}, {"POLE_LON", s.pole_lon},
           {"DX", s.dx_m}, {"DY", s.dy_m}})
    nc.putAtt(name, ncFloat, float(value));
  nc.putAtt("MMINLU", "MODIFIED_IGBP_MODIS_NOAH");
  nc.putAtt("ISWATER", ncInt, 17);
  const NcVar times = nc.addVar("Times", ncChar, std::vector<NcDim>{t, ds});

  struct Field {
    std::string name;
    std::vector<NcDim> dims;
    std::function<double(int n, int k, int j, int i)> f;
  };
  const double gr = constants::gravity_m_s2;
  auto pb = [&](int k, int j, int i) { return 0.95 * s.pressure(k, i, j); };
  std::vector<Field> fields{
      {"U", {t, bt, sn, wes}, [&](int n, int k, int j, int i) { return s.u(k, i - 0.5, j, n); }},
      {"V", {t, bt, sns, we}, [&](int n, int k, int j, int i) { return s.v(k, i, j - 0.5, n); }},
      {"W", {t, bts, sn, we}, [&](int, int, int, int) { return 0.01; }},
      {"PH", {t, bts, sn, we}, [&](int, int k, int, int) { return 0.1 * gr * s.z_interface_m[std::size_t(k)]; }},
      {"PHB", {t, bts, sn, we},
       [&](int, int k, int j, int i) { return gr * (s.terrain(i, j) + 0.9 * s.z_interface_m[std::size_t(k)]); }},
      {"P", {t, bt, sn, we}, [&](int, int k, int j, int i) { return s.pressure(k, i, j) - pb(k, j, i); }},
      {"PB", {t, bt, sn, we}, [&](int, int k, int j, int i) { return pb(k, j, i); }},
      {"T", {t, bt, sn, we}, [&](int n, int k, int j, int i) { return s.theta(k, i, j, n) - 300.0; }},
      {"QVAPOR", {t, bt, sn, we}, [&](int, int k, int, int) { return s.qvapor(k); }},
      {"QCLOUD", {t, bt, sn, we}, [&](int, int k, int, int) { return k == 2 ? 1e-4 : 0.0; }},
      {"QRAIN", {t, bt, sn, we}, [&](int, int k, int, int) { return k == 1 ? 2e-5 : 0.0; }},
      {"PSFC", {t, sn, we}, [&](int, int, int j, int i) { return 101325.0 * std::exp(-s.terrain(i, j) / 8000.0); }},
      {"T2", {t, sn, we}, [&](int n, int, int j, int i) { return s.theta(0, i, j, n) - 1.0; }},
      {"Q2", {t, sn, we}, [&](int, int, int, int) { return 0.009; }},
      {"U10", {t, sn, we}, [&](int, int, int, int) { return 3.0; }},
      {"V10", {t, sn, we}, [&](int, int, int, int) { return -1.0; }},
      {"PBLH", {t, sn, we}, [&](int n, int, int, int i) { return 600.0 + 10.0 * i + 100.0 * n; }},
      {"UST", {t, sn, we}, [&](int, int, int j, int) { return 0.3 + 0.01 * j; }},
      {"HFX", {t, sn, we}, [&](int n, int, int, int) { return 40.0 + 5.0 * n; }},
      {"SWDOWN", {t, sn, we}, [&](int n, int, int, int) { return 100.0 * n; }},
      {"TSK", {t, sn, we}, [&](int n, int, int j, int i) { return s.theta(0, i, j, n) + 1.0; }},
      {"RAINC", {t, sn, we}, [&](int n, int, int, int) { return s.conv_accum_mm(n); }},
      {"RAINNC", {t, sn, we}, [&](int n, int, int, int) { return s.rain_accum_mm(n); }},
      {"LU_INDEX", {t, sn, we}, [&](int, int, int j, int i) { return s.xland(i, j) > 1.5 ? 17.0 : 12.0; }},
      {"HGT", {t, sn, we}, [&](int, int, int j, int i) { return s.terrain(i, j); }},
      {"XLAND", {t, sn, we}, [&](int, int, int j, int i) { return s.xland(i, j); }},
      {"XLAT", {t, sn, we},
       [&](int, int, int j, int i) {
         double la, lo;
         g.latlon(i, j, la, lo);
         return la + s.xlat_shift_deg;
       }},
      {"XLONG", {t, sn, we},
       [&](int, int, int j, int i) {
         double la, lo;
         g.latlon(i, j, la, lo);
         return lo;
       }},
  };
  if (g.projection().is_latlon()) {
    fields.push_back({"MAPFAC_MX", {t, sn, we}, [&](int, int, int j, int i) { return g.map_factors(i, j).first; }});
    fields.push_back({"MAPFAC_MY", {t, sn, we}, [&](int, int, int j, int i) { return g.map_factors(i, j).second; }});
  } else {
    fields.push_back({"MAPFAC_M", {t, sn, we}, [&](int, int, int j, int i) { return g.map_factor(i, j); }});
    fields.push_back({"MAPFAC_U", {t, sn, wes}, [&](int, int, int j, int i) { return g.map_factor(i - 0.5, j); }});
    fields.push_back({"MAPFAC_V", {t, sns, we}, [&](int, int, int j, int i) { return g.map_factor(i, j - 0.5); }});
  }
  if (s.with_alt)
    fields.push_back({"ALT", {t, bt, sn, we}, [&](int n, int k, int j, int i) {
                        // α_d = R_d T (1 + qv/ε) / p (WRF's dry inverse density).
                        const double p = s.pressure(k, i, j);
                        const double T = s.theta(k, i, j, n) * std::pow(p / 1e5, 2.0 / 7.0);
                        const double eps = constants::r_dry_air_J_kg_K / constants::r_water_vapour_J_kg_K;
                        return constants::r_dry_air_J_kg_K * T * (1.0 + s.qvapor(k) / eps) / p;
                      }});
  std::vector<NcVar> vars;
  std::vector<const Field*> written;
  for (const auto& f : fields) {
    if (s.omit.count(f.name)) continue;
    auto dims = f.dims;
    if (f.name == s.transpose) std::swap(dims[dims.size() - 1], dims[dims.size() - 2]);
    vars.push_back(nc.addVar(f.name, ncFloat, dims));
    written.push_back(&f);
  }
  for (int r = 0; r < count; ++r) {
    const int n = first + r;
    const std::string iso = format_iso8601(s.start + Seconds(std::int64_t(n) * s.interval_s));
    std::string wrf = iso.substr(0, 10) + "_" + iso.substr(11, 8);
    times.putVar({std::size_t(r), 0}, {1, 19}, wrf.c_str());
    for (std::size_t v = 0; v < vars.size(); ++v) {
      const Field& f = *written[v];
      std::vector<std::size_t> cnt{1};
      for (std::size_t d = 1; d < f.dims.size(); ++d) cnt.push_back(f.dims[d].getSize());
      const bool three = cnt.size() == 4;
      const int nk = three ? int(cnt[1]) : 1, nj = int(cnt[cnt.size() - 2]), ni = int(cnt[cnt.size() - 1]);
      std::vector<float> data;
      data.reserve(std::size_t(nk * nj * ni));
      const bool transposed = f.name == s.transpose;
      for (int k = 0; k < nk; ++k)
        if (transposed) {
          for (int i = 0; i < ni; ++i)
            for (int j = 0; j < nj; ++j) data.push_back(float(f.f(n, k, j, i)));
        } else {
          for (int j = 0; j < nj; ++j)
            for (int i = 0; i < ni; ++i) data.push_back(float(f.f(n, k, j, i)));
        }
      if (f.name == s.bad_value && n == 0) data[data.size() / 2] = float(s.bad);
      std::vector<std::size_t> start(cnt.size(), 0);
      start[0] = std::size_t(r);
      if (transposed) std::swap(cnt[cnt.size() - 1], cnt[cnt.size() - 2]);
      vars[v].putVar(start, cnt, data.data());
    }
  }
}

}  // namespace qiantang::test
