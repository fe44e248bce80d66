#pragma once
// The mechanism compiled for the solver: species reordered for minimal LU fill (Markowitz
// ordering at load time), the sparsity of the Jacobian and of its LU factors, and kernels that
// evaluate reaction rates, the time derivative, the Jacobian, the LU factorisation and the
// triangular solves for a block of `nl` cells. Every array is [index][nl] with the cell fastest
// and every innermost loop runs over cells. Species are in the *solver order*: position p holds
// species order()[p].
#include <vector>

#include "chemistry/mechanism/mechanism.hpp"

namespace qiantang::chemistry {

class SparseKinetics {
 public:
  explicit SparseKinetics(const Mechanism& m);

  int n_species() const { return n_; }
  int n_reactions() const { return static_cast<int>(reaction_start_.size()) - 1; }
  const std::vector<int>& order() const { return order_; }           // position -> species
  const std::vector<int>& position() const { return position_; }     // species -> position
  int jacobian_nonzeros() const { return jacobian_nonzeros_; }       // incl. diagonal
  int lu_nonzeros() const { return static_cast<int>(col_.size()); }  // incl. fill-in

  // f = sum_r nu_r k_r prod(y) + source. k: [reaction][nl]; y, f, source: [position][nl]
  // (source may be null); rates: workspace [reaction][nl].
  void derivative(int nl, const double* k, const double* y, const double* source, double* f,
                  double* rates) const;
  // jac (lu_nonzeros x nl) = d f / d y in the LU pattern (fill entries zero); work: [nl].
  void jacobian(int nl, const double* k, const double* y, double* jac, double* work) const;
  // lu = shift[c] I - jac, factorised in place (Doolittle, no pivoting: unit lower L below the
  // diagonal, U on and above it); inv_diag[position][nl] = 1 / U_ii.
  void factor(int nl, const double* jac, const double* shift, double* lu, double* inv_diag) const;
  // b := (LU)^-1 b, b: [position][nl].
  void solve(int nl, const double* lu, const double* inv_diag, double* b) const;

  // Entry of the LU pattern at (row, col) in solver positions, or -1.
  int entry(int row, int col) const;
  // The LU pattern: compressed rows (row_start has n+1 entries), sorted columns per row.
  const std::vector<int>& row_start() const { return row_start_; }
  const std::vector<int>& columns() const { return col_; }

 private:
  int n_ = 0;
  std::vector<int> order_, position_;
  int jacobian_nonzeros_ = 0;
  // LU pattern, compressed rows with sorted columns.
  std::vector<int> row_start_, col_, diag_;
  // Reactions: reactant positions (with repetition) and net stoichiometry.
  std::vector<int> reaction_start_, reactant_;
  std::vector<int> net_start_, net_position_;
  std::vector<double> net_coef_;
  // Jacobian terms: d rate_r / d y_q = mult * k_r * prod(other reactants).
  struct JacobianTerm {
    int reaction, species, multiplicity, scatter_begin, scatter_end;
  };
  std::vector<JacobianTerm> jac_terms_;
  std::vector<int> scatter_entry_;
  std::vector<double> scatter_coef_;
  // Factorisation program: per row, its L entries (entry, pivot row) and the updates they make.
  struct Elimination {
    int entry_ik, k, update_begin, update_end;
  };
  std::vector<int> elimination_start_;  // per row into eliminations_
  std::vector<Elimination> eliminations_;
  std::vector<int> update_ij_, update_kj_;
};

}  // namespace qiantang::chemistry
