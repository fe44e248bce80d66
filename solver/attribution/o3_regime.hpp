#pragma once
// O3 regime indicators per cell and Beijing day (docs/attribution.md, "O3 regime indicator"):
// the afternoon means (output times 11:00–17:00 Beijing time) of H2O2/HNO3 (Sillman 1995) and
// HCHO/NO2 (Duncan et al. 2010) at the surface, classified, written to o3_regime_<domain>.nc.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/output/o3_regime_file.hpp"
#include "solver/common/time.hpp"
#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::attribution {

// H2O2/HNO3 (mol/mol): NOx-limited above `threshold`, VOC-limited at or below; 0 (no class)
// when the ratio is not finite.
signed char classify_h2o2_hno3(double ratio, double threshold = 0.35);
// HCHO/NO2 (mol/mol): VOC-limited below `voc_below`, NOx-limited above `nox_above`,
// transitional between; 0 when the ratio is not finite.
signed char classify_hcho_no2(double ratio, double voc_below = 1.0, double nox_above = 2.0);
// "VOC-limited", "transitional", "NOx-limited" or "" (o3_regime.csv).
const char* regime_name(signed char regime_class);

class DailyO3Regime {
 public:
  DailyO3Regime(std::filesystem::path file, std::string domain, grid::HorizontalGrid grid,
                io::O3RegimeThresholds thresholds);
  // Whether an output time falls in the afternoon window 11:00–17:00 Beijing time (inclusive).
  static bool in_window(TimePoint t);
  // Adds the surface mole fractions (global ny × nx, i fastest) at output time t in the window.
  void sample(TimePoint t, const std::vector<double>& h2o2, const std::vector<double>& hno3,
              const std::vector<double>& hcho, const std::vector<double>& no2);
  // Closes the open day once t is past its window (then rewrites the file).
  void passed(TimePoint t);
  // Closes the open day (end of the run).
  void finish();
  const std::vector<io::O3RegimeDay>& days() const { return days_; }
  const std::filesystem::path& file() const { return file_; }

 private:
  void close_day();

  std::filesystem::path file_;
  std::string domain_;
  grid::HorizontalGrid grid_;
  io::O3RegimeThresholds thresholds_;
  std::optional<std::chrono::sys_days> open_;
  int samples_ = 0;
  std::vector<double> sum_[4];  // H2O2, HNO3, HCHO, NO2
  std::vector<io::O3RegimeDay> days_;
};

}  // namespace qiantang::attribution
