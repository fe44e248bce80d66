// qiantang aqi CSV... [--standard 2012|2026] [--out DIR] [--config FILE] [--scenario CSV] [--set
// k=v] Daily AQI, alerts and the report from hourly station concentrations (long or CNEMC wide
// CSV).
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "forecast/products.hpp"
#include "io/csv/station_csv.hpp"
#include "solver/app/commands.hpp"
#include "solver/common/errors.hpp"
#include "solver/parallel/environment.hpp"

namespace po = boost::program_options;

namespace qiantang::app {

int command_aqi(const Args& args) {
  po::options_description opts(
      "qiantang aqi CSV [CSV...] [--standard 2012|2026] [--out DIR] [--config FILE]\n"
      "CSV: hourly concentrations, long (time,station,pollutant,value) or CNEMC wide "
      "(date,hour,type,<ids>)");
  opts.add_options()("help,h", "this help")("csv", po::value<std::vector<std::string>>(),
                                            "input CSV file(s)")(
      "standard", po::value<std::string>(),
      "force HJ 633-2012 or -2026 (default: by date, 2026 from 2026-03-01)")(
      "out", po::value<std::string>()->default_value("."), "output directory")(
      "config", po::value<std::string>(),
      "forecast products INI (e.g. configs/forecast/hangzhou.ini)")(
      "scenario", po::value<std::vector<std::string>>(),
      "scenario-run station CSV(s) to compare with")("set", po::value<std::vector<std::string>>(),
                                                     "section.key=value override of the INI")(
      "no-png", "do not write PNG files");
  po::positional_options_description pos;
  pos.add("csv", -1);
  const po::variables_map vm = parse_command_line(args, opts, pos);
  if (vm.count("help")) {
    std::cout << opts
              << "\nwrites daily_aqi.csv, alerts.json, emergency_scaling.csv, report.html, png/ "
                 "into --out\n";
    return 0;
  }
  if (!vm.count("csv"))
    throw UsageError("usage: qiantang aqi CSV [--standard 2012|2026] [--out DIR] [--config FILE]");
  const auto overrides =
      vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  forecast::ProductInputs in;
  if (vm.count("config")) {
    in.config = forecast::load_product_config(vm["config"].as<std::string>(), overrides);
  } else if (!overrides.empty()) {
    throw UsageError("--set needs --config");
  }
  if (vm.count("standard")) {
    const auto s = forecast::parse_aqi_standard(vm["standard"].as<std::string>());
    if (!s)
      throw UsageError("--standard must be 2012 or 2026, got '" + vm["standard"].as<std::string>() +
                       "'");
    in.config.daily.aqi.forced = s;
  }
  if (vm.count("no-png")) in.config.write_png = false;
  std::vector<std::filesystem::path> files;
  for (const auto& f : vm["csv"].as<std::vector<std::string>>()) files.emplace_back(f);
  in.base = io::read_station_csvs(files);
  if (in.base.empty())
    throw InputError(files.front().string(), "values", "at least one hourly concentration");
  if (vm.count("scenario")) {
    std::vector<std::filesystem::path> sf;
    for (const auto& f : vm["scenario"].as<std::vector<std::string>>()) sf.emplace_back(f);
    in.scenario = io::read_station_csvs(sf);
  }
  in.out_dir = vm["out"].as<std::string>();
  if (parallel::Environment::world_rank() != 0) return 0;
  const auto p = forecast::make_products(in);
  for (const auto& w : p.warnings) std::fprintf(stderr, "qiantang aqi: warning: %s\n", w.c_str());
  std::fputs(p.alert_summary.c_str(), stdout);
  std::printf("wrote %zu files to %s (report: %s)\n", p.files.size(), in.out_dir.c_str(),
              (in.out_dir / "report.html").c_str());
  return 0;
}

}  // namespace qiantang::app
