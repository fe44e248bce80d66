#include "io/output/concentration_writer.hpp"

#include <netcdf.h>

#include "io/output/cf_grid.hpp"
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

ConcentrationWriter::ConcentrationWriter(std::filesystem::path dir, std::string domain, grid::HorizontalGrid grid,
                                         std::vector<double> layer_height_m, std::vector<OutputVariable> variables)
    : dir_(std::move(dir)), domain_(std::move(domain)), grid_(std::move(grid)), z_(std::move(layer_height_m)),
      vars_(std::move(variables)) {
  std::filesystem::create_directories(dir_);
}

ConcentrationWriter::~ConcentrationWriter() {
  if (nc_ >= 0) nc_close(nc_);  // an unfinished day stays as .part
}

void ConcentrationWriter::open(std::chrono::sys_days day) {
  day_ = day;
  path_ = dir_ / ("conc_" + domain_ + "_" + format_yyyymmdd(day) + ".nc");
  part_ = path_.string() + ".part";
  record_ = 0;
  const auto& f = part_;
  check(nc_create(f.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc_), f, "create");
  const int nx = grid_.nx(), ny = grid_.ny(), nz = int(z_.size());
  int dt, dz, dy, dx;
  check(nc_def_dim(nc_, "time", NC_UNLIMITED, &dt), f, "time");
  check(nc_def_dim(nc_, "z", std::size_t(nz), &dz), f, "z");
  check(nc_def_dim(nc_, "y", std::size_t(ny), &dy), f, "y");
  check(nc_def_dim(nc_, "x", std::size_t(nx), &dx), f, "x");
  check(nc_def_var(nc_, "time", NC_DOUBLE, 1, &dt, &time_id_), f, "time");
  text(nc_, time_id_, "units", "seconds since 1970-01-01 00:00:00", f);
  text(nc_, time_id_, "calendar", "standard", f);
  text(nc_, time_id_, "standard_name", "time", f);
  text(nc_, time_id_, "axis", "T", f);
  int vz;
  check(nc_def_var(nc_, "z", NC_DOUBLE, 1, &dz, &vz), f, "z");
  text(nc_, vz, "units", "m", f);
  text(nc_, vz, "long_name", "height of the layer centre above ground (first column)", f);
  text(nc_, vz, "positive", "up", f);
  text(nc_, vz, "axis", "Z", f);
  const CfGridIds grid_ids = define_cf_grid(nc_, grid_, dy, dx, f);
  text(nc_, NC_GLOBAL, "Conventions", "CF-1.8", f);
  text(nc_, NC_GLOBAL, "title", "Qiantang concentrations, domain " + domain_, f);
  text(nc_, NC_GLOBAL, "source", "Qiantang regional chemistry-transport model 0.1.0", f);
  text(nc_, NC_GLOBAL, "history", "created " + format_iso8601(std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now())), f);
  text(nc_, NC_GLOBAL, "time_coverage_start", format_iso8601(TimePoint(day)), f);
  var_ids_.clear();
  for (const auto& v : vars_) {
    int id;
    const int d3[4] = {dt, dz, dy, dx}, d2[3] = {dt, dy, dx};
    check(nc_def_var(nc_, v.name.c_str(), NC_FLOAT, v.three_d ? 4 : 3, v.three_d ? d3 : d2, &id), f, v.name);
    check(nc_def_var_deflate(nc_, id, 1, 1, 4), f, v.name);
    text(nc_, id, "units", v.units, f);
    text(nc_, id, "long_name", v.long_name.empty() ? v.name : v.long_name, f);
    if (!v.standard_name.empty()) text(nc_, id, "standard_name", v.standard_name, f);
    text(nc_, id, "coordinates", "lat lon", f);
    text(nc_, id, "grid_mapping", "projection", f);
    var_ids_.push_back(id);
  }
  check(nc_enddef(nc_), f, "enddef");
  put_cf_grid(nc_, grid_, grid_ids, f);
  check(nc_put_var_double(nc_, vz, z_.data()), f, "z");
}

void ConcentrationWriter::write(TimePoint t, const std::vector<std::vector<double>>& values) {
  // An hour ending at 00:00 belongs to the day it ends (the file then holds 01..24 UTC);
  // the initial state at 00:00 of the first day opens that day.
  const auto day = std::chrono::floor<std::chrono::days>(t - Seconds(1));
  const auto file_day = record_ == 0 && nc_ < 0 ? std::chrono::floor<std::chrono::days>(t) : day;
  if (nc_ >= 0 && file_day != day_) close();
  if (nc_ < 0) open(file_day);
  const double secs = double(t.time_since_epoch().count());
  check(nc_put_var1_double(nc_, time_id_, &record_, &secs), part_, "time");
  const std::size_t nx = std::size_t(grid_.nx()), ny = std::size_t(grid_.ny()), nz = z_.size();
  for (std::size_t v = 0; v < vars_.size(); ++v) {
    const std::size_t start[4] = {record_, 0, 0, 0};
    const std::size_t c3[4] = {1, nz, ny, nx}, c2[3] = {1, ny, nx};
    const std::size_t n = vars_[v].three_d ? nz * ny * nx : ny * nx;
    if (values[v].size() < n) throw std::logic_error("ConcentrationWriter: too few values for " + vars_[v].name);
    std::vector<float> buf(values[v].begin(), values[v].begin() + std::ptrdiff_t(n));
    check(nc_put_vara_float(nc_, var_ids_[v], start, vars_[v].three_d ? c3 : c2, buf.data()), part_, vars_[v].name);
  }
  ++record_;
  check(nc_sync(nc_), part_, "sync");
}

void ConcentrationWriter::close() {
  if (nc_ < 0) return;
  check(nc_close(nc_), part_, "close");
  nc_ = -1;
  std::filesystem::rename(part_, path_);
  written_.push_back(path_);
}

}  // namespace qiantang::io
