#pragma once
// WRF-ARW output (wrfout_d0N_YYYY-MM-DD_HH:MM:SS: one or many files, one or many times per
// file) read directly onto the model's C grid (docs/met.md, docs/formats.md "Meteorology"):
//   U, V (grid-relative, already on x / y faces), PH + PHB → interface heights above ground
//   z = (PH + PHB)/g − HGT, P + PB → pressure, T + 300 K → θ → T = θ (p / p0)^κ, QVAPOR,
//   QCLOUD, QRAIN, density 1/ALT·(1 + qv) or p / (R_d T_v), PSFC, T2, PBLH, UST, HFX, SWDOWN,
//   RAINC + RAINNC (accumulated mm → mm/h), LU_INDEX, HGT, XLAND, MAPFAC_*, XLAT, XLONG, Times
// and the projection attributes (MAP_PROJ 1, 2, 3, 6; TRUELAT1/2, STAND_LON, CEN_LAT/LON,
// POLE_LAT/LON, DX, DY). Optional fields that are absent are diagnosed (wrf_diagnostics.hpp);
// essential ones, wrong dimensions, non-finite values and broken time axes are InputErrors
// naming the file and variable.
#include <filesystem>
#include <string>
#include <vector>

#include "io/met/met_fields.hpp"
#include "io/met/wrf_diagnostics.hpp"
#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::io {

class WrfMetReader {
 public:
  // Opens every file (in the given order); their times together must form one axis with a
  // constant interval, no gaps and no duplicates.
  explicit WrfMetReader(const std::vector<std::filesystem::path>& files);
  ~WrfMetReader();
  WrfMetReader(const WrfMetReader&) = delete;
  WrfMetReader& operator=(const WrfMetReader&) = delete;

  // The WRF mass grid (nx = west_east, ny = south_north cells; nz = bottom_top layers).
  const grid::HorizontalGrid& grid() const { return grid_; }
  int nz() const { return nz_; }
  const std::vector<TimePoint>& times() const { return times_; }
  LandUseScheme land_use_scheme() const { return scheme_; }
  // Optional variables absent from at least one file, each with the rule that replaces it.
  const std::vector<std::string>& diagnosed() const { return diagnosed_; }
  // Record `n` over cells [i0, i0 + ni) × [j0, j0 + nj) (faces i0 .. i0 + ni likewise).
  MetFields read(std::size_t n, int i0, int j0, int ni, int nj) const;

 private:
  struct File {
    std::filesystem::path path;
    int nc = -1;
    std::vector<std::string> present;  // optional variables in this file
    bool has(const std::string& v) const;
  };
  struct Record {
    int file;
    std::size_t index;
  };
  void open(std::size_t f);
  void check_grid(const File& file);
  // Accumulated precipitation RAINC + RAINNC (+ buckets) of record n, mm; empty if absent.
  std::vector<double> accumulated_precipitation_mm(std::size_t n, int i0, int j0, int ni, int nj) const;

  std::vector<File> files_;
  std::vector<TimePoint> times_;
  std::vector<Record> records_;
  grid::HorizontalGrid grid_;
  int nx_ = 0, ny_ = 0, nz_ = 0;
  LandUseScheme scheme_ = LandUseScheme::modis;
  int iswater_ = 17;
  double bucket_mm_ = 0.0;
  std::vector<std::string> diagnosed_;
};

// The grid and layer count of WRF files, for sizing a decomposition.
grid::HorizontalGrid wrf_met_grid(const std::vector<std::filesystem::path>& files, int& nz);

}  // namespace qiantang::io
