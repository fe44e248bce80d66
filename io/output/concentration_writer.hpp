#pragma once
// CF-1.8 NetCDF-4 output of the model fields: one file per UTC day,
// conc_<domain>_<YYYYMMDD>.nc, with time (unlimited), the projection as a grid-mapping
// variable, 2-D lat/lon coordinates, and one variable per output field (surface or 3-D) with
// units, long_name and standard_name where one exists. Written on rank 0 from gathered global
// arrays (simple and deterministic; the domains here are small enough that a gather costs less
// than a parallel-HDF5 collective open). Files are written as "<name>.part" and renamed when the
// day is complete or the run ends, so no partial file looks complete.
#include <filesystem>
#include <string>
#include <vector>

#include "solver/common/time.hpp"
#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::io {

struct OutputVariable {
  std::string name, units, long_name, standard_name;
  bool three_d = false;  // false: the lowest layer only, dims (time, y, x)
};

class ConcentrationWriter {
 public:
  ConcentrationWriter(std::filesystem::path dir, std::string domain, grid::HorizontalGrid grid,
                      std::vector<double> layer_height_m, std::vector<OutputVariable> variables);
  ~ConcentrationWriter();
  ConcentrationWriter(const ConcentrationWriter&) = delete;
  ConcentrationWriter& operator=(const ConcentrationWriter&) = delete;

  // values[v]: nz × ny × nx for 3-D variables, ny × nx for surface ones, i fastest.
  void write(TimePoint t, const std::vector<std::vector<double>>& values);
  // Closes and renames the current file.
  void close();
  const std::vector<std::filesystem::path>& files_written() const { return written_; }

 private:
  void open(std::chrono::sys_days day);

  std::filesystem::path dir_;
  std::string domain_;
  grid::HorizontalGrid grid_;
  std::vector<double> z_;
  std::vector<OutputVariable> vars_;
  int nc_ = -1;
  std::chrono::sys_days day_{};
  std::filesystem::path path_, part_;
  std::size_t record_ = 0;
  std::vector<int> var_ids_;
  int time_id_ = -1;
  std::vector<std::filesystem::path> written_;
};

}  // namespace qiantang::io
