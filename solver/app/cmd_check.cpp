#include <cstdio>

#include "io/config/config.hpp"
#include "solver/app/commands.hpp"
#include "solver/driver/model.hpp"

namespace qiantang::app {

io::Config parse_config_args(const Args& args, const char* usage, bool& help);

// Builds the whole model from the config — every input file is opened, read for the run's
// window and checked — and writes nothing. Exit 0 when everything is usable.
int command_check(const Args& args) {
  bool help = false;
  const auto config = parse_config_args(args, "qiantang check CONFIG.ini [--set section.key=value ...]", help);
  if (help) return 0;
  solver::Model model(config);
  if (model.comm().is_root())
    std::printf("check passed: %s (%d tracers, %d x %d x %d cells)\n", config.file().c_str(),
                model.state().tracers.size(), model.grid().nx(), model.grid().ny(),
                model.state().tracers.extents().nz);
  return 0;
}

}  // namespace qiantang::app
