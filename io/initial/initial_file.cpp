#include "io/initial/initial_file.hpp"

#include <netcdf.h>

#include <cmath>

#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

void check(int status, const std::filesystem::path& path, const std::string& var, const std::string& what) {
  if (status != NC_NOERR) throw InputError(path.string(), var, what + " (" + nc_strerror(status) + ")");
}

}  // namespace

void write_initial_file(const std::filesystem::path& path, const InitialFields& f) {
  const auto part = std::filesystem::path(path.string() + ".part");
  int nc = 0;
  check(nc_create(part.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc), part, "", "a writable file");
  int dz = 0, dy = 0, dx = 0;
  check(nc_def_dim(nc, "z", std::size_t(f.nz), &dz), part, "z", "dimension definition");
  check(nc_def_dim(nc, "y", std::size_t(f.ny), &dy), part, "y", "dimension definition");
  check(nc_def_dim(nc, "x", std::size_t(f.nx), &dx), part, "x", "dimension definition");
  const int dims[3] = {dz, dy, dx};
  std::map<std::string, int> ids;
  for (const auto& [name, v] : f.fields) {
    int id = 0;
    check(nc_def_var(nc, name.c_str(), NC_DOUBLE, 3, dims, &id), part, name, "variable definition");
    check(nc_def_var_deflate(nc, id, 1, 1, 4), part, name, "deflate");
    const auto u = f.units.count(name) ? f.units.at(name) : std::string("mol/mol");
    check(nc_put_att_text(nc, id, "units", u.size(), u.c_str()), part, name, "units attribute");
    ids[name] = id;
  }
  const std::string conv = "CF-1.8";
  check(nc_put_att_text(nc, NC_GLOBAL, "Conventions", conv.size(), conv.c_str()), part, "", "attribute");
  check(nc_enddef(nc), part, "", "end of definitions");
  for (const auto& [name, v] : f.fields) {
    if (v.size() != std::size_t(f.nx) * std::size_t(f.ny) * std::size_t(f.nz))
      throw std::logic_error("write_initial_file: field " + name + " has the wrong size");
    check(nc_put_var_double(nc, ids[name], v.data()), part, name, "data written");
  }
  check(nc_close(nc), part, "", "file closed");
  std::filesystem::rename(part, path);
}

std::map<std::string, std::vector<double>> read_initial_window(
    const std::filesystem::path& path, const std::vector<std::string>& species, int expected_nx,
    int expected_ny, int expected_nz, int i0, int j0, int ni, int nj) {
  int nc = 0;
  if (!std::filesystem::exists(path)) throw InputError(path.string(), "", "an existing initial-condition file");
  check(nc_open(path.c_str(), NC_NOWRITE, &nc), path, "", "a readable NetCDF file");
  std::map<std::string, std::vector<double>> out;
  try {
    for (const auto& name : species) {
      int id = 0;
      if (nc_inq_varid(nc, name.c_str(), &id) != NC_NOERR)
        throw InputError(path.string(), name, "a variable for this species");
      int ndims = 0;
      check(nc_inq_varndims(nc, id, &ndims), path, name, "dimensions");
      if (ndims != 3) throw InputError(path.string(), name, "dimensions (z, y, x), got " + std::to_string(ndims) + " dimensions");
      int dimids[3];
      check(nc_inq_vardimid(nc, id, dimids), path, name, "dimensions");
      std::size_t len[3];
      const int want[3] = {expected_nz, expected_ny, expected_nx};
      for (int d = 0; d < 3; ++d) check(nc_inq_dimlen(nc, dimids[d], &len[d]), path, name, "dimension length");
      if (int(len[0]) != want[0] || int(len[1]) != want[1] || int(len[2]) != want[2])
        throw InputError(path.string(), name,
                         "(z, y, x) = (" + std::to_string(want[0]) + ", " + std::to_string(want[1]) + ", " +
                             std::to_string(want[2]) + ") matching the model grid, got (" + std::to_string(len[0]) +
                             ", " + std::to_string(len[1]) + ", " + std::to_string(len[2]) + ")");
      std::size_t ulen = 0;
      std::string units;
      if (nc_inq_attlen(nc, id, "units", &ulen) == NC_NOERR) {
        units.resize(ulen);
        check(nc_get_att_text(nc, id, "units", units.data()), path, name, "units");
      }
      if (units != "mol/mol" && units != "kg/kg" && units != "1")
        throw InputError(path.string(), name, "units of a mixing ratio (mol/mol or kg/kg), got '" + units + "'");
      const std::size_t start[3] = {0, std::size_t(j0), std::size_t(i0)};
      const std::size_t count[3] = {std::size_t(expected_nz), std::size_t(nj), std::size_t(ni)};
      std::vector<double> v(count[0] * count[1] * count[2]);
      check(nc_get_vara_double(nc, id, start, count, v.data()), path, name, "readable data");
      for (std::size_t m = 0; m < v.size(); ++m)
        if (!std::isfinite(v[m]) || v[m] < 0)
          throw InputError(path.string(), name + "[" + std::to_string(m) + "]",
                           "finite, non-negative mixing ratios, got " + std::to_string(v[m]));
      out[name] = std::move(v);
    }
  } catch (...) {
    nc_close(nc);
    throw;
  }
  nc_close(nc);
  return out;
}

}  // namespace qiantang::io
