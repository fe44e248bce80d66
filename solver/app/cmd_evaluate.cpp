// qiantang evaluate --model RUN_DIR [--model RUN_DIR ...] --obs CSV [--obs CSV ...]
//                   [--stations FILE] [--out DIR] [--city-min-fraction F]
// Scores model station series against observations (docs/validation.md).
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <set>

#include "io/csv/station_csv.hpp"
#include "io/output/station_list.hpp"
#include "solver/app/commands.hpp"
#include "solver/common/errors.hpp"
#include "solver/parallel/environment.hpp"
#include "validation/evaluation.hpp"
#include "validation/report.hpp"

namespace po = boost::program_options;

namespace qiantang::app {

int command_evaluate(const Args& args) {
  po::options_description opts(
      "qiantang evaluate --model RUN_DIR [--model RUN_DIR ...] --obs CSV [--obs CSV ...]");
  opts.add_options()("help,h", "this help")(
      "model", po::value<std::vector<std::string>>(),
      "run directory holding stations.csv; repeat for several daily forecasts")(
      "obs", po::value<std::vector<std::string>>(),
      "observations: long CSV (time,station,pollutant,value) or national wide CSV "
      "(date,hour,type,<stations>); repeat for several files")(
      "stations", po::value<std::string>(),
      "station list CSV (id,name,lon,lat,background); background stations stay out of the "
      "city mean; default: all common stations, all in the city mean")(
      "out", po::value<std::string>(), "output directory (default: the first RUN_DIR)")(
      "city-min-fraction", po::value<double>()->default_value(0.75),
      "fraction of city stations needed for a city-mean value");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << opts << "\nwrites evaluation.csv, evaluation.json, evaluation.html\n";
    return 0;
  }
  if (!vm.count("model") || !vm.count("obs"))
    throw UsageError(
        "usage: qiantang evaluate --model RUN_DIR --obs CSV [--stations FILE] [--out DIR]");
  const double fraction = vm["city-min-fraction"].as<double>();
  if (!(fraction >= 0.0 && fraction <= 1.0))
    throw UsageError("--city-min-fraction must be in [0, 1]");
  if (parallel::Environment::world_rank() != 0) return 0;

  const auto model_dirs = vm["model"].as<std::vector<std::string>>();
  std::vector<std::filesystem::path> obs_files;
  for (const auto& f : vm["obs"].as<std::vector<std::string>>()) obs_files.emplace_back(f);

  validation::PairingOptions options;
  options.city_min_fraction = fraction;
  if (vm.count("stations"))
    options.stations = io::read_station_list(vm["stations"].as<std::string>());
  const io::HourlySeries obs = io::read_station_csvs(obs_files);
  std::vector<validation::ModelRun> runs;
  for (const auto& d : model_dirs) runs.push_back(validation::load_model_run(d));

  const auto ev = validation::evaluate(obs, runs, options);
  if (ev.statistics.empty())
    throw InputError(obs_files.front().string(), "time,station,pollutant",
                     "observations overlapping the model series in time, station and pollutant");
  const std::filesystem::path out = vm.count("out")
                                        ? std::filesystem::path(vm["out"].as<std::string>())
                                        : std::filesystem::path(model_dirs.front());
  validation::write_evaluation(out, ev, "Qiantang evaluation against station observations");
  std::set<std::string> stations;
  for (const auto& [key, pairs] : ev.pairs.values)
    if (key.station != validation::kCityMean) stations.insert(key.station);
  std::printf(
      "evaluated %zu run(s), %d lead day(s), %zu station(s): %zu statistics rows, %zu "
      "HJ 1130 score rows; wrote %s/evaluation.{csv,json,html}\n",
      runs.size(), ev.max_lead_day, stations.size(), ev.statistics.size(), ev.aqi_scores.size(),
      out.c_str());
  return 0;
}

}  // namespace qiantang::app
