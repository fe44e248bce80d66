#include "validation/hj1130.hpp"

#include <algorithm>
#include <limits>

namespace qiantang::validation {

bool aqi_range_hit(int obs_aqi, int model_aqi) {
  // Integer form of 0.75 F <= O <= 1.25 F (exact: 4 O >= 3 F and 4 O <= 5 F).
  return 4 * obs_aqi >= 3 * model_aqi && 4 * obs_aqi <= 5 * model_aqi;
}

Hj1130Scores hj1130_scores(std::span<const AqiDayPair> days) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  auto rate = [&](std::size_t hits, std::size_t n) { return n ? double(hits) / double(n) : nan; };
  Hj1130Scores s;
  s.n_days = days.size();
  std::size_t range_hits = 0, level_hits = 0, heavy_hits = 0, primary_hits = 0;
  std::array<std::size_t, 6> level_hits_by{};
  for (const auto& d : days) {
    if (aqi_range_hit(d.obs_aqi, d.model_aqi)) ++range_hits;
    const bool level_hit = d.obs_level == d.model_level;
    if (level_hit) ++level_hits;
    if (d.obs_level >= 1 && d.obs_level <= 6) {
      ++s.days_by_level[std::size_t(d.obs_level - 1)];
      if (level_hit) ++level_hits_by[std::size_t(d.obs_level - 1)];
    }
    if (d.obs_aqi > 200) {
      ++s.heavy_days;
      if (level_hit) ++heavy_hits;
    }
    if (!d.obs_primary.empty()) {
      ++s.primary_days;
      const bool shared = std::any_of(d.obs_primary.begin(), d.obs_primary.end(), [&](auto& p) {
        return std::find(d.model_primary.begin(), d.model_primary.end(), p) !=
               d.model_primary.end();
      });
      if (shared) ++primary_hits;
    }
  }
  s.range_hit_rate = rate(range_hits, s.n_days);
  s.level_accuracy = rate(level_hits, s.n_days);
  for (std::size_t l = 0; l < 6; ++l)
    s.level_accuracy_by_level[l] = rate(level_hits_by[l], s.days_by_level[l]);
  s.heavy_day_accuracy = rate(heavy_hits, s.heavy_days);
  s.primary_accuracy = rate(primary_hits, s.primary_days);
  return s;
}

}  // namespace qiantang::validation
