#pragma once
// Initial-condition files: NetCDF-4 with dimensions (z, y, x) and one double variable per
// species in mixing-ratio units ("mol/mol" or "kg/kg"), on the model grid (docs/formats.md).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace qiantang::io {

struct InitialFields {
  int nx = 0, ny = 0, nz = 0;
  std::map<std::string, std::vector<double>> fields;  // nz × ny × nx, i fastest
  std::map<std::string, std::string> units;
};

void write_initial_file(const std::filesystem::path& path, const InitialFields& f);

// Reads the named species over the window [i0, i0+ni) × [j0, j0+nj) × all z. Throws InputError
// naming the file and variable when a species is missing, the grid does not match
// (expected nx, ny, nz), the units are not a mixing ratio, or a value is NaN, Inf or negative.
std::map<std::string, std::vector<double>> read_initial_window(
    const std::filesystem::path& path, const std::vector<std::string>& species, int expected_nx,
    int expected_ny, int expected_nz, int i0, int j0, int ni, int nj);

}  // namespace qiantang::io
