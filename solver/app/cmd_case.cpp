#include "solver/app/commands.hpp"

namespace qiantang::app {

int command_case(const Args& /*args*/) { return not_built_yet("case"); }

}  // namespace qiantang::app
