#pragma once
#include "solver/driver/process.hpp"

namespace qiantang::solver {
// Registers emission, vertical_diffusion, horizontal_diffusion, horizontal_advection and
// vertical_advection with the factory.
void register_transport_processes(ProcessFactory& f);
}  // namespace qiantang::solver
