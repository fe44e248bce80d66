#pragma once
// Qiantang's CF meteorology format (docs/formats.md): NetCDF-4, one or more files of hourly (or
// any constant-interval) records on the model grid with its projection, every field with CF
// units. The built-in cases write it; CfMetReader reads any window of it and checks
// dimensions, units, values and the time axis, throwing InputError (file, variable, expected).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/met/met_fields.hpp"
#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::io {

class CfMetWriter {
 public:
  // Creates "<path>.part"; close() renames it to path.
  CfMetWriter(const std::filesystem::path& path, const grid::HorizontalGrid& grid, int nz,
              bool with_kz, const std::string& title);
  ~CfMetWriter();
  CfMetWriter(const CfMetWriter&) = delete;
  CfMetWriter& operator=(const CfMetWriter&) = delete;
  void append(const MetFields& global);
  void close();

 private:
  std::filesystem::path path_, part_;
  int nc_ = -1;
  int nx_, ny_, nz_;
  bool with_kz_;
  std::size_t records_ = 0;
};

class CfMetReader {
 public:
  // Opens every file (in the given order); their records together must form one time axis
  // with a constant interval, no gaps and no duplicates.
  explicit CfMetReader(const std::vector<std::filesystem::path>& files);
  ~CfMetReader();
  CfMetReader(const CfMetReader&) = delete;
  CfMetReader& operator=(const CfMetReader&) = delete;

  const grid::HorizontalGrid& grid() const { return grid_; }
  int nz() const { return nz_; }
  const std::vector<TimePoint>& times() const { return times_; }
  bool has_kz() const { return has_kz_; }
  // Record `n` over cells [i0, i0 + ni) × [j0, j0 + nj) (faces i0 .. i0 + ni likewise).
  MetFields read(std::size_t n, int i0, int j0, int ni, int nj) const;

 private:
  struct Record {
    int file;
    std::size_t index;
  };
  std::vector<std::filesystem::path> files_;
  std::vector<int> ncids_;
  std::vector<TimePoint> times_;
  std::vector<Record> records_;
  grid::HorizontalGrid grid_;
  int nz_ = 0;
  bool has_kz_ = false;
};

}  // namespace qiantang::io
