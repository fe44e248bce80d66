#pragma once
// SUNDIALS CVODE (BDF, Newton iteration) on one cell of a mechanism: the independent reference
// solver of the chemistry tests and benchmark (Hindmarsh et al. 2005, ACM TOMS 31, 363).
// Uses the same rate constants and analytic Jacobian as the Rosenbrock solver; dense or KLU
// sparse direct linear solver.
#include <vector>

#include "chemistry/mechanism/mechanism.hpp"
#include "chemistry/solver/sparse_kinetics.hpp"

namespace qiantang::chemistry::test {

class CvodeReference {
 public:
  enum class LinearSolver { dense, klu };
  CvodeReference(const Mechanism& m, double rtol, double atol_molec_cm3,
                 LinearSolver ls = LinearSolver::dense, long max_steps = 5000000);
  ~CvodeReference();
  CvodeReference(const CvodeReference&) = delete;
  CvodeReference& operator=(const CvodeReference&) = delete;

  // Advances conc (per species, molecules cm^-3) by dt_s with constant J (per
  // photolysis_names()), T, P, H2O and sources (per species; empty = none).
  void advance(std::vector<double>& conc, const std::vector<double>& j, double temperature_K,
               double pressure_Pa, double h2o_molec_cm3, const std::vector<double>& source,
               double dt_s);
  long steps() const { return steps_; }
  static const char* version();

  // Right-hand side and Jacobian in species order (used by the CVODE callbacks).
  void rhs(const double* y, double* f);
  void jacobian_entries(const double* y);  // fills jac_ (LU-pattern entries)
  const std::vector<double>& jac() const { return jac_; }
  struct Entry {
    int row, col, lu_entry;
  };
  const std::vector<Entry>& entries() const { return entries_; }  // sorted by (row, col)
  const std::vector<int>& row_start() const { return row_start_; }
  LinearSolver linear_solver() const { return ls_; }
  int n() const { return n_; }

 private:
  const Mechanism* m_;
  SparseKinetics kin_;
  int n_;
  LinearSolver ls_;
  std::vector<double> k_, ypos_, fpos_, rates_, jac_, src_pos_, work_;
  std::vector<Entry> entries_;
  std::vector<int> row_start_;
  bool has_source_ = false;
  long steps_ = 0;
  struct Impl;
  Impl* impl_;
};

}  // namespace qiantang::chemistry::test
