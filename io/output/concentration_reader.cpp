#include "io/output/concentration_reader.hpp"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

void check(int status, const std::filesystem::path& file, const std::string& var, const std::string& expected) {
  if (status != NC_NOERR) throw InputError(file.string(), var, expected + " (" + nc_strerror(status) + ")");
}

}  // namespace

std::vector<std::filesystem::path> concentration_files(const std::filesystem::path& dir, const std::string& domain) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::is_directory(dir)) return out;
  const std::string prefix = "conc_" + domain + "_";
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && e.path().extension() == ".nc") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

SurfaceSeries read_surface_series(const std::vector<std::filesystem::path>& files, const std::string& variable) {
  SurfaceSeries s;
  std::map<long long, std::vector<double>> by_time;
  for (const auto& f : files) {
    int nc = -1;
    check(nc_open(f.c_str(), NC_NOWRITE, &nc), f, "", "a readable NetCDF concentration file");
    struct Closer {
      int id;
      ~Closer() { nc_close(id); }
    } closer{nc};
    int dx = -1, dy = -1, dt = -1, vid = -1, tid = -1;
    std::size_t nx = 0, ny = 0, nt = 0;
    check(nc_inq_dimid(nc, "x", &dx), f, "x", "the x dimension");
    check(nc_inq_dimid(nc, "y", &dy), f, "y", "the y dimension");
    check(nc_inq_dimid(nc, "time", &dt), f, "time", "the time dimension");
    check(nc_inq_dimlen(nc, dx, &nx), f, "x", "its length");
    check(nc_inq_dimlen(nc, dy, &ny), f, "y", "its length");
    check(nc_inq_dimlen(nc, dt, &nt), f, "time", "its length");
    if (s.nx == 0) {
      s.nx = int(nx);
      s.ny = int(ny);
      s.lat.resize(nx * ny);
      s.lon.resize(nx * ny);
      int vlat = -1, vlon = -1;
      check(nc_inq_varid(nc, "lat", &vlat), f, "lat", "2-D latitudes");
      check(nc_inq_varid(nc, "lon", &vlon), f, "lon", "2-D longitudes");
      check(nc_get_var_double(nc, vlat, s.lat.data()), f, "lat", "readable latitudes");
      check(nc_get_var_double(nc, vlon, s.lon.data()), f, "lon", "readable longitudes");
    } else if (std::size_t(s.nx) != nx || std::size_t(s.ny) != ny) {
      throw InputError(f.string(), "x, y", std::to_string(s.nx) + " x " + std::to_string(s.ny) + " cells as the other files");
    }
    check(nc_inq_varid(nc, variable.c_str(), &vid), f, variable, "the variable");
    check(nc_inq_varid(nc, "time", &tid), f, "time", "the time variable");
    if (s.units.empty()) {
      std::size_t len = 0;
      if (nc_inq_attlen(nc, vid, "units", &len) == NC_NOERR) {
        std::string u(len, '\0');
        nc_get_att_text(nc, vid, "units", u.data());
        s.units = u;
      }
    }
    int ndims = 0;
    check(nc_inq_varndims(nc, vid, &ndims), f, variable, "its dimensions");
    std::vector<double> t(nt);
    if (nt) check(nc_get_var_double(nc, tid, t.data()), f, "time", "readable times");
    for (std::size_t r = 0; r < nt; ++r) {
      std::vector<double> v(nx * ny);
      if (ndims == 3) {
        const std::size_t start[3] = {r, 0, 0}, count[3] = {1, ny, nx};
        check(nc_get_vara_double(nc, vid, start, count, v.data()), f, variable, "readable values");
      } else if (ndims == 4) {
        const std::size_t start[4] = {r, 0, 0, 0}, count[4] = {1, 1, ny, nx};
        check(nc_get_vara_double(nc, vid, start, count, v.data()), f, variable, "readable values");
      } else {
        throw InputError(f.string(), variable, "(time, y, x) or (time, z, y, x) dimensions");
      }
      for (double x : v)
        if (!std::isfinite(x)) throw InputError(f.string(), variable, "finite values");
      by_time[std::llround(t[r])] = std::move(v);
    }
  }
  for (auto& [t, v] : by_time) {
    s.times.push_back(TimePoint(Seconds(t)));
    s.values.push_back(std::move(v));
  }
  return s;
}

}  // namespace qiantang::io
