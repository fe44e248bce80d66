#include "io/output/boundary_file.hpp"

#include <netcdf.h>

#include <cmath>

#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

void check(int status, const std::filesystem::path& file, const std::string& what, const std::string& expected) {
  if (status != NC_NOERR) throw InputError(file.string(), what, expected + " (" + nc_strerror(status) + ")");
}

}  // namespace

std::vector<std::pair<int, int>> ring_cells(int nx, int ny, int h) {
  std::vector<std::pair<int, int>> out;
  for (int j = 0; j < ny; ++j) {
    for (int i = -h; i < 0; ++i) out.emplace_back(i, j);
    for (int i = nx; i < nx + h; ++i) out.emplace_back(i, j);
  }
  for (int i = -h; i < nx + h; ++i) {
    for (int j = -h; j < 0; ++j) out.emplace_back(i, j);
    for (int j = ny; j < ny + h; ++j) out.emplace_back(i, j);
  }
  return out;
}

BoundaryFileWriter::BoundaryFileWriter(std::filesystem::path file, std::string outer_domain, int inner_nx,
                                       int inner_ny, int halo, int nz, std::vector<std::string> species)
    : file_(std::move(file)), part_(file_.string() + ".part"), nz_(std::size_t(nz)),
      ncell_(ring_cells(inner_nx, inner_ny, halo).size()) {
  const std::string expected = "a writable NetCDF-4 boundary file";
  check(nc_create(part_.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc_), part_, "create", expected);
  int dt = 0, dl = 0, dc = 0;
  check(nc_def_dim(nc_, "time", NC_UNLIMITED, &dt), part_, "time", expected);
  check(nc_def_dim(nc_, "level", nz_, &dl), part_, "level", expected);
  check(nc_def_dim(nc_, "cell", ncell_, &dc), part_, "cell", expected);
  check(nc_def_var(nc_, "time", NC_DOUBLE, 1, &dt, &time_id_), part_, "time", expected);
  const std::string tu = "seconds since 1970-01-01 00:00:00";
  check(nc_put_att_text(nc_, time_id_, "units", tu.size(), tu.c_str()), part_, "time", expected);
  const int ints[3] = {inner_nx, inner_ny, halo};
  const char* names[3] = {"inner_nx", "inner_ny", "halo"};
  for (int a = 0; a < 3; ++a) check(nc_put_att_int(nc_, NC_GLOBAL, names[a], NC_INT, 1, &ints[a]), part_, names[a], expected);
  check(nc_put_att_text(nc_, NC_GLOBAL, "outer_domain", outer_domain.size(), outer_domain.c_str()), part_,
        "outer_domain", expected);
  const int dims[3] = {dt, dl, dc};
  for (const auto& s : species) {
    int v = -1;
    check(nc_def_var(nc_, s.c_str(), NC_DOUBLE, 3, dims, &v), part_, s, expected);
    check(nc_def_var_deflate(nc_, v, 1, 1, 2), part_, s, expected);
    var_ids_.push_back(v);
  }
  check(nc_enddef(nc_), part_, "enddef", expected);
}

BoundaryFileWriter::~BoundaryFileWriter() {
  if (nc_ >= 0) nc_close(nc_);  // an unfinished file keeps its .part name
}

void BoundaryFileWriter::write(TimePoint t, const std::vector<std::vector<double>>& values) {
  const std::string expected = "a successful write";
  const double ts = double(t.time_since_epoch().count());
  const std::size_t start1[1] = {record_};
  check(nc_put_var1_double(nc_, time_id_, start1, &ts), part_, "time", expected);
  const std::size_t start[3] = {record_, 0, 0}, count[3] = {1, nz_, ncell_};
  for (std::size_t s = 0; s < var_ids_.size(); ++s)
    check(nc_put_vara_double(nc_, var_ids_[s], start, count, values[s].data()), part_, "values", expected);
  ++record_;
  check(nc_sync(nc_), part_, "sync", expected);
}

void BoundaryFileWriter::close() {
  if (nc_ < 0) return;
  check(nc_close(nc_), part_, "close", "a successful close");
  nc_ = -1;
  std::filesystem::rename(part_, file_);
}

BoundaryFileReader::BoundaryFileReader(std::filesystem::path file, int inner_nx, int inner_ny, int halo, int nz)
    : file_(std::move(file)), nz_(std::size_t(nz)), ncell_(ring_cells(inner_nx, inner_ny, halo).size()) {
  if (!std::filesystem::exists(file_))
    throw InputError(file_.string(), "", "a nest boundary file written by the outer domain's run");
  check(nc_open(file_.c_str(), NC_NOWRITE, &nc_), file_, "open", "a readable NetCDF boundary file");
  int ints[3] = {0, 0, 0};
  const char* names[3] = {"inner_nx", "inner_ny", "halo"};
  const int want[3] = {inner_nx, inner_ny, halo};
  for (int a = 0; a < 3; ++a) {
    check(nc_get_att_int(nc_, NC_GLOBAL, names[a], &ints[a]), file_, names[a], "the global attribute");
    if (ints[a] != want[a])
      throw InputError(file_.string(), names[a],
                       std::to_string(want[a]) + " (this inner domain), got " + std::to_string(ints[a]));
  }
  int dl = -1, dc = -1, dt = -1;
  std::size_t nl = 0, ncl = 0, ntime = 0;
  check(nc_inq_dimid(nc_, "level", &dl), file_, "level", "the dimension");
  check(nc_inq_dimid(nc_, "cell", &dc), file_, "cell", "the dimension");
  check(nc_inq_dimid(nc_, "time", &dt), file_, "time", "the dimension");
  check(nc_inq_dimlen(nc_, dl, &nl), file_, "level", "its length");
  check(nc_inq_dimlen(nc_, dc, &ncl), file_, "cell", "its length");
  check(nc_inq_dimlen(nc_, dt, &ntime), file_, "time", "its length");
  if (nl != nz_) throw InputError(file_.string(), "level", std::to_string(nz) + " levels (the inner domain's), got " + std::to_string(nl));
  if (ncl != ncell_) throw InputError(file_.string(), "cell", std::to_string(ncell_) + " ring cells, got " + std::to_string(ncl));
  int tv = -1;
  check(nc_inq_varid(nc_, "time", &tv), file_, "time", "the variable");
  std::vector<double> t(ntime);
  if (ntime) check(nc_get_var_double(nc_, tv, t.data()), file_, "time", "readable values");
  for (double s : t) times_.push_back(TimePoint(Seconds(std::llround(s))));
  int nvars = 0;
  check(nc_inq_nvars(nc_, &nvars), file_, "variables", "a variable list");
  for (int v = 0; v < nvars; ++v) {
    char name[NC_MAX_NAME + 1];
    check(nc_inq_varname(nc_, v, name), file_, "variables", "a variable name");
    if (std::string(name) != "time") vars_[name] = v;
  }
}

BoundaryFileReader::~BoundaryFileReader() {
  if (nc_ >= 0) nc_close(nc_);
}

bool BoundaryFileReader::has(const std::string& species) const { return vars_.count(species) > 0; }

std::vector<double> BoundaryFileReader::read(const std::string& species, std::size_t record) const {
  std::vector<double> out(nz_ * ncell_);
  const std::size_t start[3] = {record, 0, 0}, count[3] = {1, nz_, ncell_};
  check(nc_get_vara_double(nc_, vars_.at(species), start, count, out.data()), file_, species, "readable values");
  for (double v : out)
    if (!std::isfinite(v) || v < 0)
      throw InputError(file_.string(), species, "finite, non-negative boundary values");
  return out;
}

}  // namespace qiantang::io
