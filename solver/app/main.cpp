// qiantang: regional chemistry-transport model and air-quality forecast system.
#include <cstdio>
#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <string>

#include "solver/app/commands.hpp"
#include "solver/common/errors.hpp"
#include "solver/parallel/environment.hpp"

namespace qiantang::io {
const char* netcdf_library_version();
}

namespace {

struct Command {
  std::function<int(const qiantang::app::Args&)> run;
  const char* synopsis;
};

const std::map<std::string, Command>& commands() {
  using namespace qiantang::app;
  static const std::map<std::string, Command> table{
      {"run", {command_run, "run      CONFIG.ini [--set section.key=value ...]   simulation"}},
      {"forecast", {command_forecast, "forecast CONFIG.ini [--start ISO] [--days N]        run + AQI + alerts + report"}},
      {"case", {command_case, "case     NAME --out DIR                             write a built-in case"}},
      {"box", {command_box, "box      MECHANISM --scenario FILE                  chemistry box model"}},
      {"aqi", {command_aqi, "aqi      CSV [--standard 2012|2026]                 AQI / alerts from concentrations"}},
      {"check", {command_check, "check    CONFIG.ini                                 validate config and inputs"}},
      {"evaluate", {command_evaluate, "evaluate --model RUN_DIR --obs CSV                 scores against observations"}},
  };
  return table;
}

void usage(std::FILE* to) {
  std::fprintf(to, "usage: qiantang COMMAND [ARGS]\n\ncommands:\n");
  for (const auto& [name, c] : commands()) std::fprintf(to, "  %s\n", c.synopsis);
  std::fprintf(to, "\n`qiantang COMMAND --help` for a command's options.\n"
                   "exit codes: 0 ok, 1 usage, 2 bad input, 3 numerical failure\n");
}

}  // namespace

int main(int argc, char** argv) {
  qiantang::parallel::Environment mpi(argc, argv);
  const bool root = qiantang::parallel::Environment::world_rank() == 0;
  if (argc < 2) {
    if (root) usage(stderr);
    return qiantang::kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    if (root) usage(stdout);
    return qiantang::kExitOk;
  }
  if (name == "--version") {
    if (root) std::printf("qiantang 0.1.0 (netcdf %s)\n", qiantang::io::netcdf_library_version());
    return qiantang::kExitOk;
  }
  const auto it = commands().find(name);
  if (it == commands().end()) {
    if (root) {
      std::fprintf(stderr, "qiantang: unknown command '%s'\n", name.c_str());
      usage(stderr);
    }
    return qiantang::kExitUsage;
  }
  const qiantang::app::Args args(argv + 2, argv + argc);
  try {
    return it->second.run(args);
  } catch (const qiantang::UsageError& e) {
    if (root) std::fprintf(stderr, "qiantang %s: %s\n", name.c_str(), e.what());
    return qiantang::kExitUsage;
  } catch (const qiantang::InputError& e) {
    if (root) std::fprintf(stderr, "qiantang: error: %s\n", e.what());
    return qiantang::kExitInput;
  } catch (const qiantang::NumericalError& e) {
    if (root) std::fprintf(stderr, "qiantang: numerical failure: %s\n", e.what());
    return qiantang::kExitNumerical;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "qiantang: internal error: %s\n", e.what());
    return 4;
  }
}
