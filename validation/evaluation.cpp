#include "validation/evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "solver/common/errors.hpp"
#include "validation/daily_values.hpp"
#include "validation/lead_day.hpp"

namespace qiantang::validation {
namespace {

TimePoint day_time(std::chrono::sys_days d) { return TimePoint{d}; }

// Stations evaluated for one run: in the observations and the run (and the list, if given).
struct StationSelection {
  std::vector<std::string> all;
  std::set<std::string> city;
};

StationSelection select_stations(const io::HourlySeries& obs, const io::HourlySeries& model,
                                 const PairingOptions& options) {
  StationSelection s;
  auto in_both = [&](const std::string& id) {
    return obs.values.count(id) != 0 && model.values.count(id) != 0;
  };
  if (options.stations.empty()) {
    for (const auto& id : model.stations())
      if (in_both(id)) {
        s.all.push_back(id);
        s.city.insert(id);
      }
  } else {
    for (const auto& st : options.stations)
      if (in_both(st.id)) {
        s.all.push_back(st.id);
        if (!st.background) s.city.insert(st.id);
      }
  }
  return s;
}

// Enough city stations report: k of n, k >= fraction·n and k >= 1.
bool city_quorum(std::size_t k, std::size_t n, double fraction) {
  return k >= 1 && double(k) >= fraction * double(n) - 1e-9;
}

void pair_hourly(const io::HourlySeries& obs, const ModelRun& run, int run_index,
                 const StationSelection& sel, double city_fraction, PairedData& out) {
  const auto& model = run.series;
  for (const auto& pollutant : io::station_pollutants()) {
    // City-mean accumulators over the run's hours.
    std::vector<double> sum_o(model.size(), 0.0), sum_m(model.size(), 0.0);
    std::vector<std::size_t> count(model.size(), 0);
    std::size_t n_city = 0;
    for (const auto& station : sel.all) {
      const auto* o = obs.find(station, pollutant);
      const auto* m = model.find(station, pollutant);
      if (!o || !m) continue;
      const bool city = sel.city.count(station) != 0;
      if (city) ++n_city;
      auto& pairs = out.values[{"hourly", pollutant, station}];
      for (std::size_t i = 0; i < model.size(); ++i) {
        const TimePoint t = model.hours[i];
        const long j = obs.index_of(t);
        if (j < 0) continue;
        const double ov = (*o)[std::size_t(j)], mv = (*m)[i];
        if (!is_pair(ov, mv)) continue;
        pairs.push_back({t, lead_day(run.first_day, air_quality_day(t)), run_index, ov, mv});
        if (city) {
          sum_o[i] += ov;
          sum_m[i] += mv;
          ++count[i];
        }
      }
    }
    if (n_city == 0) continue;
    auto& pairs = out.values[{"hourly", pollutant, kCityMean}];
    for (std::size_t i = 0; i < model.size(); ++i) {
      if (!city_quorum(count[i], n_city, city_fraction)) continue;
      const TimePoint t = model.hours[i];
      const double k = double(count[i]);
      pairs.push_back(
          {t, lead_day(run.first_day, air_quality_day(t)), run_index, sum_o[i] / k, sum_m[i] / k});
    }
  }
}

// Copies of the observations and the model on the model's hour axis, restricted to the selected
// stations, with NaN wherever either side is missing.
void mask_to_pairs(const io::HourlySeries& obs, const io::HourlySeries& model,
                   const StationSelection& sel, io::HourlySeries& obs_out,
                   io::HourlySeries& model_out) {
  if (model.empty()) return;
  obs_out.cover(model.hours.front(), model.hours.back());
  model_out.cover(model.hours.front(), model.hours.back());
  for (const auto& station : sel.all)
    for (const auto& pollutant : io::station_pollutants()) {
      const auto* o = obs.find(station, pollutant);
      const auto* m = model.find(station, pollutant);
      if (!o || !m) continue;
      auto& oo = obs_out.series(station, pollutant);
      auto& mm = model_out.series(station, pollutant);
      for (std::size_t i = 0; i < model.size(); ++i) {
        const long j = obs.index_of(model.hours[i]);
        if (j < 0 || !is_pair((*o)[std::size_t(j)], (*m)[i])) continue;
        oo[i] = (*o)[std::size_t(j)];
        mm[i] = (*m)[i];
      }
    }
}

void pair_daily(const io::HourlySeries& obs, const DailyTable& obs_daily, const ModelRun& run,
                int run_index, const StationSelection& sel, double city_fraction, PairedData& out) {
  const DailyTable model_daily = daily_table(run.series);
  // Per station (and the city) and day: the daily values present on both sides, from which the
  // observed and the forecast AQI are formed (so both rest on the same pollutants).
  struct DayPair {
    forecast::DailyConcentrations obs, model;
  };
  std::map<std::string, std::map<std::chrono::sys_days, DayPair>> both;
  auto day_pair = [&](const std::string& station, std::chrono::sys_days day) -> DayPair& {
    auto& days = both[station];
    auto it = days.find(day);
    if (it == days.end()) it = days.emplace(day, DayPair{empty_daily(day), empty_daily(day)}).first;
    return it->second;
  };
  for (const auto& pollutant : io::station_pollutants()) {
    const std::string series = daily_series_name(pollutant);
    const bool o3 = pollutant == "O3";
    struct CitySum {
      double obs = 0, model = 0, obs_1h = 0, model_1h = 0;
      std::size_t k = 0;
    };
    std::map<std::chrono::sys_days, CitySum> city;
    std::size_t n_city = 0;
    for (const auto& station : sel.all) {
      const auto os = obs_daily.find(station);
      const auto ms = model_daily.find(station);
      if (os == obs_daily.end() || ms == model_daily.end()) continue;
      if (!obs.find(station, pollutant) || !run.series.find(station, pollutant)) continue;
      const bool in_city = sel.city.count(station) != 0;
      if (in_city) ++n_city;
      auto& pairs = out.values[{series, pollutant, station}];
      for (const auto& [day, mdc] : ms->second) {
        const auto oi = os->second.find(day);
        if (oi == os->second.end()) continue;
        const double ov = daily_value(oi->second, pollutant), mv = daily_value(mdc, pollutant);
        if (!is_pair(ov, mv)) continue;
        pairs.push_back({day_time(day), lead_day(run.first_day, day), run_index, ov, mv});
        auto& dp = day_pair(station, day);
        set_daily_value(dp.obs, pollutant, ov, oi->second.o3_1h_max);
        set_daily_value(dp.model, pollutant, mv, mdc.o3_1h_max);
        if (in_city) {
          auto& c = city[day];
          c.obs += ov;
          c.model += mv;
          if (o3) {
            c.obs_1h += oi->second.o3_1h_max;
            c.model_1h += mdc.o3_1h_max;
          }
          ++c.k;
        }
      }
    }
    if (n_city == 0) continue;
    auto& pairs = out.values[{series, pollutant, kCityMean}];
    for (const auto& [day, c] : city) {
      if (!city_quorum(c.k, n_city, city_fraction)) continue;
      const double k = double(c.k);
      pairs.push_back(
          {day_time(day), lead_day(run.first_day, day), run_index, c.obs / k, c.model / k});
      auto& dp = day_pair(kCityMean, day);
      set_daily_value(dp.obs, pollutant, c.obs / k, c.obs_1h / k);
      set_daily_value(dp.model, pollutant, c.model / k, c.model_1h / k);
    }
  }
  for (const auto& [station, days] : both) {
    auto& aqi_days = out.aqi_days[station];
    for (const auto& [day, dp] : days) {
      const DailyAqi oa = daily_aqi(dp.obs), ma = daily_aqi(dp.model);
      if (!oa.valid || !ma.valid) continue;
      aqi_days.push_back({day,
                          lead_day(run.first_day, day),
                          run_index,
                          {oa.aqi, ma.aqi, oa.level, ma.level, oa.primary, ma.primary}});
    }
  }
}

}  // namespace

std::string daily_series_name(const std::string& pollutant) {
  return pollutant == "O3" ? "MDA8" : "daily_mean";
}

std::string pollutant_unit(const std::string& pollutant) {
  return pollutant == "CO" ? "mg/m3" : "ug/m3";
}

ModelRun make_model_run(std::string name, io::HourlySeries series) {
  std::optional<TimePoint> first;
  for (const auto& [station, by_pollutant] : series.values)
    for (const auto& [pollutant, v] : by_pollutant)
      for (std::size_t i = 0; i < v.size(); ++i)
        if (std::isfinite(v[i])) {
          if (!first || series.hours[i] < *first) first = series.hours[i];
          break;
        }
  if (!first) throw InputError(name, "stations.csv", "at least one model value");
  ModelRun run;
  run.name = std::move(name);
  run.first_day = air_quality_day(*first);
  run.series = std::move(series);
  return run;
}

ModelRun load_model_run(const std::filesystem::path& run_dir) {
  const auto file = run_dir / "stations.csv";
  if (!std::filesystem::exists(file))
    throw InputError(run_dir.string(), "stations.csv", "a run directory holding stations.csv");
  return make_model_run(run_dir.string(), io::read_station_csv(file));
}

PairedData pair_observations(const io::HourlySeries& obs, const std::vector<ModelRun>& runs,
                             const PairingOptions& options) {
  PairedData out;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const auto sel = select_stations(obs, runs[r].series, options);
    pair_hourly(obs, runs[r], int(r), sel, options.city_min_fraction, out);
    // Daily values of both sides from the same hours: every hour missing on one side is removed
    // from the other before the daily means and MDA8 are formed.
    ModelRun masked_run{runs[r].name, {}, runs[r].first_day};
    io::HourlySeries masked_obs;
    mask_to_pairs(obs, runs[r].series, sel, masked_obs, masked_run.series);
    pair_daily(masked_obs, daily_table(masked_obs), masked_run, int(r), sel,
               options.city_min_fraction, out);
  }
  // Drop series that found no pairs at all.
  for (auto it = out.values.begin(); it != out.values.end();)
    it = it->second.empty() ? out.values.erase(it) : std::next(it);
  return out;
}

Evaluation evaluate(const io::HourlySeries& obs, const std::vector<ModelRun>& runs,
                    const PairingOptions& options) {
  Evaluation ev;
  for (const auto& run : runs) {
    RunSummary rs{run.name, run.first_day, 0};
    if (!run.series.empty())
      rs.n_lead_days = lead_day(run.first_day, air_quality_day(run.series.hours.back()));
    ev.runs.push_back(rs);
  }
  ev.pairs = pair_observations(obs, runs, options);
  for (const auto& [key, pairs] : ev.pairs.values)
    for (const auto& p : pairs) ev.max_lead_day = std::max(ev.max_lead_day, p.lead_day);

  for (const auto& [key, pairs] : ev.pairs.values) {
    for (int lead = 0; lead <= ev.max_lead_day; ++lead) {
      std::vector<double> o, m;
      for (const auto& p : pairs)
        if (lead == 0 || p.lead_day == lead) {
          o.push_back(p.obs);
          m.push_back(p.model);
        }
      if (o.empty()) continue;
      StatisticsRow row{key, lead, paired_statistics(o, m), {}};
      for (const auto& rule : benchmark_rules()) {
        if (rule.pollutant != key.pollutant || rule.series != key.series) continue;
        double value = 0.0;
        switch (rule.statistic) {
          case Statistic::kNmb:
            value = row.stats.nmb;
            break;
          case Statistic::kNme:
            value = row.stats.nme;
            break;
          case Statistic::kMfb:
            value = row.stats.mfb;
            break;
          case Statistic::kMfe:
            value = row.stats.mfe;
            break;
        }
        row.benchmarks.push_back({rule, value, judge(rule, value)});
      }
      ev.statistics.push_back(std::move(row));
    }
  }
  for (const auto& [station, days] : ev.pairs.aqi_days) {
    for (int lead = 0; lead <= ev.max_lead_day; ++lead) {
      std::vector<AqiDayPair> sel;
      for (const auto& d : days)
        if (lead == 0 || d.lead_day == lead) sel.push_back(d.aqi);
      if (sel.empty()) continue;
      ev.aqi_scores.push_back({station, lead, hj1130_scores(sel)});
    }
  }
  return ev;
}

}  // namespace qiantang::validation
