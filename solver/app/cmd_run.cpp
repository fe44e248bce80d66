#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "io/config/config.hpp"
#include "solver/app/commands.hpp"
#include "solver/cases/ideal_cases.hpp"
#include "solver/common/errors.hpp"
#include "solver/driver/model.hpp"

namespace po = boost::program_options;

namespace qiantang::app {

// Parses CONFIG.ini [--set section.key=value ...] (shared by run and check).
io::Config parse_config_args(const Args& args, const char* usage, bool& help) {
  po::options_description opts(usage);
  opts.add_options()("help,h", "this help")("set", po::value<std::vector<std::string>>()->composing(),
                                            "override a config key: --set section.key=value")(
      "config", po::value<std::string>(), "configuration file");
  po::positional_options_description pos;
  pos.add("config", 1);
  const po::variables_map vm = parse_command_line(args, opts, pos);
  help = vm.count("help") > 0;
  if (help) {
    std::cout << opts;
    return io::Config::from_string("");
  }
  if (!vm.count("config")) throw UsageError(std::string("usage: ") + usage);
  std::vector<std::string> sets;
  if (vm.count("set")) sets = vm["set"].as<std::vector<std::string>>();
  return io::Config::load(vm["config"].as<std::string>(), sets);
}

int command_run(const Args& args) {
  bool help = false;
  const auto config = parse_config_args(args, "qiantang run CONFIG.ini [--set section.key=value ...]", help);
  if (help) return 0;
  const std::string verification = config.get_string("verification", "case", "");
  solver::Model model(config);
  const auto summary = model.run();
  const bool root = model.comm().is_root();
  if (root)
    std::printf("run finished: %s, %ld steps, %.1f s wall; %zu output file(s)\n", format_iso8601(summary.end).c_str(),
                summary.steps, summary.wall_s, summary.outputs.size());
  if (verification.empty()) return 0;
  // Verification cases end with the comparison against the exact answer.
  const auto c = cases::ideal_case(verification);
  const auto field = model.gather_tracer(0);
  int status = 0;
  if (root) {
    const auto check = cases::check_ideal_case(c, field);
    std::ofstream out(config.base_dir() / "output" / "verification.txt");
    std::printf("verification '%s':\n", c.name.c_str());
    for (const auto& line : check.lines) {
      std::printf("  %s\n", line.c_str());
      out << line << "\n";
    }
    std::printf("verification %s\n", check.passed ? "PASSED" : "FAILED");
    out << (check.passed ? "PASSED" : "FAILED") << "\n";
    status = check.passed ? 0 : kExitNumerical;
  }
  return model.comm().max(long(status)) > 0 ? kExitNumerical : 0;
}

}  // namespace qiantang::app
