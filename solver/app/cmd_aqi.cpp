#include "solver/app/commands.hpp"

namespace qiantang::app {

int command_aqi(const Args& /*args*/) { return not_built_yet("aqi"); }

}  // namespace qiantang::app
