#pragma once
// o3_regime_<domain>.nc (docs/outputs.md, docs/attribution.md): per Beijing day and cell the
// afternoon-mean O3 regime indicators H2O2/HNO3 and HCHO/NO2 and their classes, CF-1.8 with the
// grid mapping and 2-D lat/lon of the concentration files. The whole file is rewritten (as
// "<name>.part", then renamed) each time a day is complete, so it always holds every finished day.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::io {

// Class values of the regime variables (flag_values; 0 = no value, the _FillValue).
inline constexpr signed char kRegimeVocLimited = 1, kRegimeTransitional = 2, kRegimeNoxLimited = 3;

struct O3RegimeDay {
  std::chrono::sys_days day{};            // the Beijing-time calendar day
  int samples = 0;                        // output times averaged (11:00–17:00 Beijing time)
  std::vector<double> h2o2_hno3, hcho_no2;  // ny × nx, i fastest; NaN where undefined
  std::vector<signed char> class_h2o2_hno3, class_hcho_no2;  // ny × nx, 0 where undefined
};

struct O3RegimeThresholds {
  double h2o2_hno3 = 0.35;                   // NOx-limited above (Sillman 1995)
  double hcho_no2_voc = 1.0, hcho_no2_nox = 2.0;  // VOC-limited below, NOx-limited above (Duncan et al. 2010)
};

void write_o3_regime_file(const std::filesystem::path& file, const std::string& domain, const grid::HorizontalGrid& grid,
                          const std::vector<O3RegimeDay>& days, const O3RegimeThresholds& thresholds);

}  // namespace qiantang::io
