#pragma once
// Reads back the surface layer of a variable from a run's CF concentration files
// (conc_<domain>_<YYYYMMDD>.nc, concentration_writer.hpp), for the forecast products (daily
// maps) and for evaluation against gridded values.
#include <filesystem>
#include <string>
#include <vector>

#include "solver/common/time.hpp"

namespace qiantang::io {

struct SurfaceSeries {
  int nx = 0, ny = 0;
  std::vector<double> lat, lon;          // ny × nx, i fastest
  std::vector<TimePoint> times;          // increasing, duplicates across files removed
  std::vector<std::vector<double>> values;  // per time, ny × nx (the lowest layer of 3-D variables)
  std::string units;
};

// `files` in any order; throws InputError naming file and variable when a file is unreadable,
// lacks the variable, or disagrees in grid size with the others.
SurfaceSeries read_surface_series(const std::vector<std::filesystem::path>& files, const std::string& variable);
// The completed concentration files of `domain` in `dir` (conc_<domain>_*.nc), sorted.
std::vector<std::filesystem::path> concentration_files(const std::filesystem::path& dir, const std::string& domain);

}  // namespace qiantang::io
