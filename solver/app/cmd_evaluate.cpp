#include "solver/app/commands.hpp"

namespace qiantang::app {

int command_evaluate(const Args& /*args*/) { return not_built_yet("evaluate"); }

}  // namespace qiantang::app
