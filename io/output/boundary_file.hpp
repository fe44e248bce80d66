#pragma once
// Lateral boundary values for a nested (inner) domain, written by the outer domain's run and
// read by the inner one (one-way nesting). The file holds, for every output time of the outer
// run, every tracer on the inner domain's halo ring (the cells just outside its interior,
// `halo` deep, corners included), on every model level, in the model's internal units
// (mol/mol, kg/kg). NetCDF-4: dims time (unlimited), level, cell; variables time (seconds
// since 1970-01-01) and one (time, level, cell) variable per tracer; global attributes
// `inner_nx`, `inner_ny`, `halo`, `outer_domain`. Ring order: ring_cells().
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "solver/common/time.hpp"

namespace qiantang::io {

// (i, j) of the ring cells of an nx × ny domain with halo h, in file order: west and east
// columns (i = −h..−1 and nx..nx+h−1) for j = 0..ny−1, then south and north rows
// (j = −h..−1 and ny..ny+h−1) for i = −h..nx+h−1.
std::vector<std::pair<int, int>> ring_cells(int nx, int ny, int h);

class BoundaryFileWriter {
 public:
  BoundaryFileWriter(std::filesystem::path file, std::string outer_domain, int inner_nx, int inner_ny, int halo,
                     int nz, std::vector<std::string> species);
  ~BoundaryFileWriter();
  BoundaryFileWriter(const BoundaryFileWriter&) = delete;
  BoundaryFileWriter& operator=(const BoundaryFileWriter&) = delete;
  // values[s]: nz × n_cells (cell fastest).
  void write(TimePoint t, const std::vector<std::vector<double>>& values);
  // Closes and renames the file from its ".part" name.
  void close();
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_, part_;
  int nc_ = -1, time_id_ = -1;
  std::vector<int> var_ids_;
  std::size_t nz_ = 0, ncell_ = 0, record_ = 0;
};

class BoundaryFileReader {
 public:
  // Checks the ring matches (inner_nx, inner_ny, halo, nz); InputError naming the file otherwise.
  BoundaryFileReader(std::filesystem::path file, int inner_nx, int inner_ny, int halo, int nz);
  ~BoundaryFileReader();
  BoundaryFileReader(const BoundaryFileReader&) = delete;
  BoundaryFileReader& operator=(const BoundaryFileReader&) = delete;
  const std::vector<TimePoint>& times() const { return times_; }
  bool has(const std::string& species) const;
  // nz × n_cells values of `species` at record n.
  std::vector<double> read(const std::string& species, std::size_t record) const;
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  int nc_ = -1;
  std::size_t nz_ = 0, ncell_ = 0;
  std::vector<TimePoint> times_;
  std::map<std::string, int> vars_;
};

}  // namespace qiantang::io
