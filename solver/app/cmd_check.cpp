#include "solver/app/commands.hpp"

namespace qiantang::app {

int command_check(const Args& /*args*/) { return not_built_yet("check"); }

}  // namespace qiantang::app
