#pragma once
// Model-evaluation statistics of paired (observation, model) series.
//
// A pair counts only when both values are finite: missing values are NaN on input, and one missing
// side removes the pair from every statistic, so N, the means and every score use the same pairs.
// With O_i the observations, M_i the model values, i = 1..N:
//   mean_obs = ΣO/N, mean_model = ΣM/N
//   NMB  = Σ(M−O) / ΣO                       normalised mean bias   (fraction; ×100 for %)
//   NME  = Σ|M−O| / ΣO                       normalised mean error
//   MFB  = (2/N) Σ (M−O)/(M+O)               mean fractional bias  (Boylan & Russell 2006, Eq. 1)
//   MFE  = (2/N) Σ |M−O|/(M+O)               mean fractional error (Boylan & Russell 2006, Eq. 2)
//   RMSE = sqrt( Σ(M−O)² / N )               same unit as the values
//   R    = Σ(M−M̄)(O−Ō) / sqrt(Σ(M−M̄)² Σ(O−Ō)²)   Pearson correlation
//   IOA  = 1 − Σ(M−O)² / Σ(|M−Ō| + |O−Ō|)²   index of agreement d (Willmott 1981, Eq. 4)
// A pair with M+O = 0 adds 0 to MFB and MFE (model and observation agree exactly).
// A statistic that is undefined (N = 0, ΣO = 0, N < 2 or zero variance for R, zero denominator
// for IOA) is NaN.
#include <cmath>
#include <cstddef>
#include <span>

namespace qiantang::validation {

struct PairedStatistics {
  std::size_t n = 0;        // number of pairs with both values present
  double mean_obs = 0.0;    // value units
  double mean_model = 0.0;  // value units
  double nmb = 0.0;         // fraction
  double nme = 0.0;         // fraction
  double mfb = 0.0;         // fraction, in [-2, 2]
  double mfe = 0.0;         // fraction, in [0, 2]
  double rmse = 0.0;        // value units
  double r = 0.0;           // 1
  double ioa = 0.0;         // 1, in [0, 1]
};

// obs and model have the same length (throws std::invalid_argument otherwise).
PairedStatistics paired_statistics(std::span<const double> obs, std::span<const double> model);

// true when both values are present (finite).
inline bool is_pair(double obs, double model) { return std::isfinite(obs) && std::isfinite(model); }

}  // namespace qiantang::validation
