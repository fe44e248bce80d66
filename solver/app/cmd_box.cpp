// qiantang box MECHANISM --scenario FILE [--out CSV] [--jtable CSV] [--set section.key=value ...]
// Chemistry box model: runs the scenario (docs/chemistry.md) and writes the CSV time series in
// ppb to --out (or stdout).
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "chemistry/mechanism/mechanism.hpp"
#include "chemistry/photolysis/photolysis.hpp"
#include "chemistry/solver/box_model.hpp"
#include "io/config/config.hpp"
#include "solver/app/commands.hpp"
#include "solver/common/errors.hpp"

namespace po = boost::program_options;

namespace qiantang::app {

int command_box(const Args& args) {
  const char* usage =
      "qiantang box MECHANISM --scenario FILE [--out CSV] [--jtable CSV] [--set section.key=value "
      "...]";
  po::options_description opts(usage);
  opts.add_options()("help,h", "this help")("scenario", po::value<std::string>(),
                                            "scenario INI file")(
      "out", po::value<std::string>(), "CSV file to write (default: standard output)")(
      "jtable", po::value<std::string>(),
      "J-value table (default: ../photolysis/jtable.csv next to the mechanism's folder)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a scenario key: --set section.key=value")("mechanism", po::value<std::string>(),
                                                          "mechanism file (.eqn)");
  po::positional_options_description pos;
  pos.add("mechanism", 1);
  const po::variables_map vm = parse_command_line(args, opts, pos);
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (!vm.count("mechanism") || !vm.count("scenario"))
    throw UsageError(std::string("usage: ") + usage);

  const std::filesystem::path mech_path = vm["mechanism"].as<std::string>();
  const std::filesystem::path jtable =
      vm.count("jtable") ? std::filesystem::path(vm["jtable"].as<std::string>())
                         : mech_path.parent_path().parent_path() / "photolysis" / "jtable.csv";
  std::vector<std::string> sets;
  if (vm.count("set")) sets = vm["set"].as<std::vector<std::string>>();

  const auto mechanism = chemistry::Mechanism::load(mech_path);
  const chemistry::Photolysis photolysis(mechanism, jtable);
  const auto config = io::Config::load(vm["scenario"].as<std::string>(), sets);
  const auto scenario = chemistry::read_box_scenario(config, mechanism);
  const chemistry::BoxModel box(mechanism, photolysis, scenario);

  const auto wall0 = std::chrono::steady_clock::now();
  const auto result = box.run();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

  if (!vm.count("out")) {
    chemistry::write_box_csv(result, mechanism, scenario, std::cout);
    return 0;
  }
  const std::filesystem::path out = vm["out"].as<std::string>();
  const std::filesystem::path part = out.string() + ".part";
  {
    std::ofstream f(part);
    if (!f) throw InputError(out.string(), "--out", "a writable file");
    chemistry::write_box_csv(result, mechanism, scenario, f);
    if (!f) throw InputError(out.string(), "--out", "a writable file (write failed)");
  }
  std::filesystem::rename(part, out);
  std::printf("box: %s, %zu outputs over %.1f h, %.2f s wall; wrote %s\n",
              mech_path.filename().c_str(), result.time.size(), scenario.duration_s / 3600.0, wall,
              out.c_str());
  return 0;
}

}  // namespace qiantang::app
