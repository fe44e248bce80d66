#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "solver/app/commands.hpp"
#include "solver/cases/hangzhou_case.hpp"
#include "solver/cases/write_ideal_case.hpp"
#include "solver/common/errors.hpp"
#include "solver/parallel/environment.hpp"

namespace po = boost::program_options;

namespace qiantang::app {

int command_case(const Args& args) {
  po::options_description opts("qiantang case NAME --out DIR");
  opts.add_options()("help,h", "this help")("out", po::value<std::string>(), "directory to write the case into")(
      "name", po::value<std::string>(), "case name")("coarse", "Hangzhou cases: the reduced (54 km, 24 h) version")(
      "days", po::value<int>(),
      "Hangzhou cases: N Beijing days after the 16-h spin-up (run 16 + 24 N h, met N + 1 days); default: "
      "the case's own length (8 days of met; coarse 24 h)");
  po::positional_options_description pos;
  pos.add("name", 1);
  const po::variables_map vm = parse_command_line(args, opts, pos);
  if (vm.count("help")) {
    std::cout << opts << "\ncases: ";
    for (const auto& n : cases::ideal_case_names()) std::cout << n << " ";
    for (const auto& n : cases::hangzhou_case_names()) std::cout << n << " ";
    std::cout << "\n";
    return 0;
  }
  if (!vm.count("name") || !vm.count("out")) throw UsageError("usage: qiantang case NAME --out DIR");
  if (cases::is_hangzhou_case(vm["name"].as<std::string>())) {
    const cases::HangzhouOptions o{vm.count("coarse") > 0, vm.count("days") ? vm["days"].as<int>() : 0};
    if (vm.count("days") && o.days < 1) throw UsageError("--days must be at least 1");
    const auto hc = cases::hangzhou_case(vm["name"].as<std::string>(), o);
    if (parallel::Environment::world_rank() == 0) {
      const std::filesystem::path dir = vm["out"].as<std::string>();
      cases::write_hangzhou_case(hc.name, dir, o);
      std::printf("wrote case '%s' to %s (run: qiantang forecast %s)\n", hc.name.c_str(), dir.c_str(),
                  (dir / "forecast.ini").c_str());
    }
    return 0;
  }
  const auto c = cases::ideal_case(vm["name"].as<std::string>());
  if (parallel::Environment::world_rank() == 0) {
    const std::filesystem::path dir = vm["out"].as<std::string>();
    cases::write_ideal_case(c, dir);
    std::printf("wrote case '%s' to %s (run: qiantang run %s)\n", c.name.c_str(), dir.c_str(),
                (dir / "config.ini").c_str());
  }
  return 0;
}

}  // namespace qiantang::app
