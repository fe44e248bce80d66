#include "solver/app/commands.hpp"

namespace qiantang::app {

int command_box(const Args& /*args*/) { return not_built_yet("box"); }

}  // namespace qiantang::app
