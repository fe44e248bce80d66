#include "solver/app/commands.hpp"

namespace qiantang::app {

int command_run(const Args& /*args*/) { return not_built_yet("run"); }

}  // namespace qiantang::app
