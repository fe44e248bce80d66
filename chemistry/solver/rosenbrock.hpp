#pragma once
// Rosenbrock solver for the gas-phase chemistry of a batch of cells.
//
// The batch is processed in blocks of up to kBlockCells cells with the cells as the innermost
// (vector) dimension of every loop: rate constants, f(y), the Jacobian, the sparse LU and the
// triangular solves. Every cell has its own step size, error control and accept/reject
// decision, so a cell's result does not depend on which other cells share its block (results
// are the same for any chunking of the batch over threads). With ChemistryBatch::step_s a
// cell's step size carries over from one call to the next.
//
// Re-entrancy: a solver owns its workspace, so integrate() is not const; use one solver object
// per thread (they may share one Mechanism, which is read-only). The Mechanism must outlive
// the solver.
#include "chemistry/mechanism/mechanism.hpp"
#include "chemistry/solver/batch.hpp"
#include "chemistry/solver/sparse_kinetics.hpp"

namespace qiantang::chemistry {

class RosenbrockSolver {
 public:
  static constexpr int kBlockCells = 32;

  explicit RosenbrockSolver(const Mechanism& m, SolverOptions o = {});

  // Advances every cell of `b` by dt_s seconds with the rate constants evaluated once from the
  // batch's T, P, H2O and J (constant over dt_s) and the constant sources. Concentrations stay
  // non-negative (negative values of an accepted step are set to zero). On failure the status
  // names the first failing cell and why; cells that failed keep their last accepted state.
  [[nodiscard]] SolverStatus integrate(ChemistryBatch& b, double dt_s);

  const SparseKinetics& kinetics() const { return kinetics_; }
  const SolverOptions& options() const { return options_; }
  const Mechanism& mechanism() const { return *mechanism_; }

  // Coefficients of a Rosenbrock method in the notation of Hairer & Wanner (1996) as used by
  // KPP (Sandu et al. 1997): G = 1/(h gamma_1) I - J;
  // G K_i = f(y + sum_j A_ij K_j) + sum_j (C_ij / h) K_j;
  // y_new = y + sum_i M_i K_i; error = sum_i E_i K_i.
  struct Tableau {
    int stages = 0;
    double a[6][6] = {}, c[6][6] = {};
    double m[6] = {}, e[6] = {};
    bool new_f[6] = {};
    double gamma1 = 0.0;
    double error_order = 0.0;  // ELO: exponent of the step-size controller
    const char* name = "";
  };
  static Tableau tableau(RosenbrockMethod method);

 private:
  struct BlockResult {
    int failed_lane = -1;
    std::string message;
    long steps = 0, rejected = 0;
  };
  BlockResult integrate_block(int nl, double dt_s, double* carried);

  const Mechanism* mechanism_;
  SparseKinetics kinetics_;
  SolverOptions options_;
  Tableau tableau_;
  // Block workspace, [index][nl].
  std::vector<double> k_, y_, y_final_, ynew_, f_, rates_, jac_, lu_, inv_diag_, stage_, source_;
  std::vector<double> temperature_, pressure_, h2o_, photolysis_, scratch_, work_;
  bool has_source_ = false;
};

}  // namespace qiantang::chemistry
