#pragma once
// The batch of cells the gas-phase solver advances in one call, and its options and status.
// Arrays are [species][cell] with the cell index fastest (cells are the vector dimension).
#include <string>
#include <vector>

namespace qiantang::chemistry {

struct ChemistryBatch {
  int n_cells = 0;
  std::vector<double> conc;  // [n_species][n_cells], molecules cm^-3
  std::vector<double> temperature_K, pressure_Pa, h2o_molec_cm3;  // [n_cells]
  std::vector<double> photolysis_s;  // [n_photolysis][n_cells], s^-1 (order of photolysis_names())
  // Optional [n_species][n_cells] constant production (emissions), molecules cm^-3 s^-1;
  // empty = none.
  std::vector<double> source_molec_cm3_s;
  // Optional [n_cells] step sizes (s) carried between calls: on entry a positive value is the
  // cell's first trial step (instead of the estimate from y and f), on return it holds the step
  // the controller proposed after the cell's last unclipped accepted step; empty = not carried.
  std::vector<double> step_s;
};

// The Rosenbrock method; coefficients and references in rosenbrock.cpp.
enum class RosenbrockMethod { ros3, rodas3, rodas4 };

struct SolverOptions {
  double rtol = 1e-3, atol_molec_cm3 = 1e2;
  double h_min_s = 1e-6;
  int max_steps = 100000;  // per cell and integrate() call (accepted + rejected)
  RosenbrockMethod method = RosenbrockMethod::rodas3;
};

struct SolverStatus {
  bool ok = true;
  int cell = -1;                 // first failing cell (index in the batch)
  std::string message;           // what went wrong
  long steps = 0, rejected = 0;  // summed over cells
};

}  // namespace qiantang::chemistry
