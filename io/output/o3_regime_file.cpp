#include "io/output/o3_regime_file.hpp"

#include <netcdf.h>

#include <cmath>
#include <cstdio>

#include "io/output/cf_grid.hpp"
#include "solver/common/errors.hpp"
#include "solver/common/time.hpp"

namespace qiantang::io {
namespace {

void check(int status, const std::filesystem::path& file, const std::string& what) {
  if (status != NC_NOERR)
    throw InputError(file.string(), what, std::string("a successful write (") + nc_strerror(status) + ")");
}

void text(int nc, int var, const char* name, const std::string& v, const std::filesystem::path& f) {
  check(nc_put_att_text(nc, var, name, v.size(), v.c_str()), f, name);
}

std::string number(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", x);
  return b;
}

}  // namespace

void write_o3_regime_file(const std::filesystem::path& file, const std::string& domain, const grid::HorizontalGrid& g,
                          const std::vector<O3RegimeDay>& days, const O3RegimeThresholds& th) {
  const auto part = std::filesystem::path(file.string() + ".part");
  const auto& f = part;
  int nc = -1;
  check(nc_create(f.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc), f, "create");
  const int nx = g.nx(), ny = g.ny();
  int dd, dy, dx;
  check(nc_def_dim(nc, "day", days.size(), &dd), f, "day");
  check(nc_def_dim(nc, "y", std::size_t(ny), &dy), f, "y");
  check(nc_def_dim(nc, "x", std::size_t(nx), &dx), f, "x");
  int vday, vsamples;
  check(nc_def_var(nc, "day", NC_DOUBLE, 1, &dd, &vday), f, "day");
  // 00:00 Beijing time of the day (udunits reference time with a zone offset, CF 4.4).
  text(nc, vday, "units", "days since 1970-01-01 00:00:00 +08:00", f);
  text(nc, vday, "calendar", "standard", f);
  text(nc, vday, "standard_name", "time", f);
  text(nc, vday, "long_name", "Beijing-time (UTC+8) calendar day", f);
  text(nc, vday, "axis", "T", f);
  check(nc_def_var(nc, "samples", NC_INT, 1, &dd, &vsamples), f, "samples");
  text(nc, vsamples, "units", "1", f);
  text(nc, vsamples, "long_name", "number of output times between 11:00 and 17:00 Beijing time in the mean", f);
  const CfGridIds grid_ids = define_cf_grid(nc, g, dy, dx, f);
  text(nc, NC_GLOBAL, "Conventions", "CF-1.8", f);
  text(nc, NC_GLOBAL, "title", "Qiantang O3 regime indicators per Beijing day, domain " + domain, f);
  text(nc, NC_GLOBAL, "source", "Qiantang regional chemistry-transport model 0.1.0", f);
  text(nc, NC_GLOBAL, "comment",
       "Surface layer; each indicator is the ratio of the mean mole fractions over the output times from 11:00 to "
       "17:00 Beijing time (docs/attribution.md)",
       f);
  const int d3[3] = {dd, dy, dx};
  auto ratio_var = [&](const char* name, const std::string& long_name) {
    int id;
    check(nc_def_var(nc, name, NC_FLOAT, 3, d3, &id), f, name);
    check(nc_def_var_deflate(nc, id, 1, 1, 4), f, name);
    const float fill = NC_FILL_FLOAT;
    check(nc_put_att_float(nc, id, "_FillValue", NC_FLOAT, 1, &fill), f, name);
    text(nc, id, "units", "1", f);
    text(nc, id, "long_name", long_name, f);
    text(nc, id, "cell_methods", "day: mean (11:00-17:00 Beijing time, ratio of the means)", f);
    text(nc, id, "coordinates", "lat lon", f);
    text(nc, id, "grid_mapping", "projection", f);
    return id;
  };
  auto class_var = [&](const char* name, const std::string& long_name, const std::vector<signed char>& values,
                       const std::string& meanings, const std::string& rule) {
    int id;
    check(nc_def_var(nc, name, NC_BYTE, 3, d3, &id), f, name);
    check(nc_def_var_deflate(nc, id, 1, 1, 4), f, name);
    const signed char fill = 0;
    check(nc_put_att_schar(nc, id, "_FillValue", NC_BYTE, 1, &fill), f, name);
    check(nc_put_att_schar(nc, id, "flag_values", NC_BYTE, values.size(), values.data()), f, name);
    text(nc, id, "flag_meanings", meanings, f);
    text(nc, id, "long_name", long_name, f);
    text(nc, id, "comment", rule, f);
    text(nc, id, "coordinates", "lat lon", f);
    text(nc, id, "grid_mapping", "projection", f);
    return id;
  };
  const int v1 = ratio_var("H2O2_HNO3", "O3 regime indicator H2O2/HNO3, afternoon mean (mol/mol)");
  const int v2 = ratio_var("HCHO_NO2", "O3 regime indicator HCHO/NO2, afternoon mean (mol/mol)");
  const int c1 = class_var("regime_H2O2_HNO3", "O3 regime by H2O2/HNO3", {kRegimeVocLimited, kRegimeNoxLimited},
                           "VOC_limited NOx_limited",
                           "NOx-limited above " + number(th.h2o2_hno3) +
                               ", VOC-limited at or below (Sillman 1995, J. Geophys. Res. 100, 14175)");
  const int c2 = class_var("regime_HCHO_NO2", "O3 regime by HCHO/NO2",
                           {kRegimeVocLimited, kRegimeTransitional, kRegimeNoxLimited},
                           "VOC_limited transitional NOx_limited",
                           "VOC-limited below " + number(th.hcho_no2_voc) + ", NOx-limited above " +
                               number(th.hcho_no2_nox) +
                               ", transitional between (Duncan et al. 2010, Atmos. Environ. 44, 2213)");
  check(nc_enddef(nc), f, "enddef");
  put_cf_grid(nc, g, grid_ids, f);
  const std::size_t n = std::size_t(nx) * std::size_t(ny);
  for (std::size_t d = 0; d < days.size(); ++d) {
    const auto& D = days[d];
    const double label = double(D.day.time_since_epoch().count());
    check(nc_put_var1_double(nc, vday, &d, &label), f, "day");
    check(nc_put_var1_int(nc, vsamples, &d, &D.samples), f, "samples");
    const std::size_t start[3] = {d, 0, 0}, count[3] = {1, std::size_t(ny), std::size_t(nx)};
    for (const auto& [id, v] : {std::pair{v1, &D.h2o2_hno3}, std::pair{v2, &D.hcho_no2}}) {
      if (v->size() != n) throw std::logic_error("write_o3_regime_file: wrong field size");
      std::vector<float> buf(n);
      for (std::size_t c = 0; c < n; ++c) buf[c] = std::isfinite((*v)[c]) ? float((*v)[c]) : NC_FILL_FLOAT;
      check(nc_put_vara_float(nc, id, start, count, buf.data()), f, "indicator");
    }
    for (const auto& [id, v] : {std::pair{c1, &D.class_h2o2_hno3}, std::pair{c2, &D.class_hcho_no2}}) {
      if (v->size() != n) throw std::logic_error("write_o3_regime_file: wrong field size");
      check(nc_put_vara_schar(nc, id, start, count, v->data()), f, "class");
    }
  }
  check(nc_close(nc), f, "close");
  std::filesystem::rename(part, file);
}

}  // namespace qiantang::io
