#include "solver/app/commands.hpp"

namespace qiantang::app {

int command_forecast(const Args& /*args*/) { return not_built_yet("forecast"); }

}  // namespace qiantang::app
