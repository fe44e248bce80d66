#pragma once
// The gas-phase chemistry process: couples the chemistry library (a batch of cells in, a batch
// out) to the model state. Registers "gas_chemistry" with the process factory.
#include "solver/driver/process.hpp"

namespace qiantang::solver {
void register_chemistry_processes(ProcessFactory& f);
}  // namespace qiantang::solver
