#include "chemistry/solver/sparse_kinetics.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace qiantang::chemistry {
namespace {

// Markowitz ordering with diagonal pivots (Markowitz 1957, Management Science 3, 255; as used
// for chemical Jacobians by KPP, Damian et al. 2002, and Sandu et al. 1996, Atmos. Environ. 30,
// 2327): at each step eliminate the remaining species with the smallest (r - 1)(c - 1), r and c
// its row and column counts in the remaining submatrix, ties to the lowest index. `pattern` is
// filled in place with the fill-in of the elimination. Returns order[step] = species.
std::vector<int> markowitz(std::vector<std::vector<char>>& a) {
  const int n = static_cast<int>(a.size());
  std::vector<char> remaining(n, 1);
  std::vector<int> order;
  order.reserve(n);
  for (int step = 0; step < n; ++step) {
    long best_cost = std::numeric_limits<long>::max();
    int best = -1;
    for (int p = 0; p < n; ++p) {
      if (!remaining[p]) continue;
      long r = 0, c = 0;
      for (int j = 0; j < n; ++j) {
        if (!remaining[j]) continue;
        r += a[p][j];
        c += a[j][p];
      }
      const long cost = (r - 1) * (c - 1);
      if (cost < best_cost) {
        best_cost = cost;
        best = p;
      }
    }
    const int p = best;
    for (int i = 0; i < n; ++i) {
      if (!remaining[i] || i == p || !a[i][p]) continue;
      for (int j = 0; j < n; ++j)
        if (remaining[j] && j != p && a[p][j]) a[i][j] = 1;
    }
    remaining[p] = 0;
    order.push_back(p);
  }
  return order;
}

}  // namespace

SparseKinetics::SparseKinetics(const Mechanism& m) : n_(m.n_species()) {
  const auto& rx = m.reactions();
  // Net stoichiometry per reaction (original species indices).
  std::vector<std::map<int, double>> net(rx.size());
  for (std::size_t r = 0; r < rx.size(); ++r) {
    for (int s : rx[r].reactants) net[r][s] -= 1.0;
    for (const auto& [s, y] : rx[r].products) net[r][s] += y;
  }
  // Jacobian pattern: (s, q) when q is a reactant of r and s changes in r; plus the diagonal.
  std::vector<std::vector<char>> a(n_, std::vector<char>(n_, 0));
  for (int s = 0; s < n_; ++s) a[s][s] = 1;
  for (std::size_t r = 0; r < rx.size(); ++r)
    for (int q : rx[r].reactants)
      for (const auto& [s, nu] : net[r])
        if (nu != 0.0) a[s][q] = 1;
  for (const auto& row : a)
    jacobian_nonzeros_ += static_cast<int>(std::count(row.begin(), row.end(), 1));

  order_ = markowitz(a);
  position_.assign(n_, 0);
  for (int p = 0; p < n_; ++p) position_[order_[p]] = p;

  // LU pattern in solver positions.
  row_start_.assign(1, 0);
  diag_.assign(n_, -1);
  for (int i = 0; i < n_; ++i) {
    for (int j = 0; j < n_; ++j) {
      if (!a[order_[i]][order_[j]]) continue;
      if (i == j) diag_[i] = static_cast<int>(col_.size());
      col_.push_back(j);
    }
    row_start_.push_back(static_cast<int>(col_.size()));
  }

  // Reactions in solver positions.
  reaction_start_.assign(1, 0);
  net_start_.assign(1, 0);
  for (std::size_t r = 0; r < rx.size(); ++r) {
    std::vector<int> reac;
    for (int s : rx[r].reactants) reac.push_back(position_[s]);
    std::sort(reac.begin(), reac.end());
    reactant_.insert(reactant_.end(), reac.begin(), reac.end());
    reaction_start_.push_back(static_cast<int>(reactant_.size()));
    for (const auto& [s, nu] : net[r]) {
      if (nu == 0.0) continue;
      net_position_.push_back(position_[s]);
      net_coef_.push_back(nu);
    }
    net_start_.push_back(static_cast<int>(net_position_.size()));
    // One Jacobian term per distinct reactant.
    for (std::size_t i = 0; i < reac.size();) {
      std::size_t e = i;
      while (e < reac.size() && reac[e] == reac[i]) ++e;
      JacobianTerm t{static_cast<int>(r), reac[i], static_cast<int>(e - i),
                     static_cast<int>(scatter_entry_.size()), 0};
      for (const auto& [s, nu] : net[r]) {
        if (nu == 0.0) continue;
        scatter_entry_.push_back(entry(position_[s], reac[i]));
        scatter_coef_.push_back(nu);
      }
      t.scatter_end = static_cast<int>(scatter_entry_.size());
      jac_terms_.push_back(t);
      i = e;
    }
  }

  // Factorisation program (row-wise Doolittle, as KPP's KppDecomp).
  elimination_start_.assign(1, 0);
  for (int i = 0; i < n_; ++i) {
    for (int e = row_start_[i]; e < row_start_[i + 1] && col_[e] < i; ++e) {
      const int k = col_[e];
      Elimination el{e, k, static_cast<int>(update_ij_.size()), 0};
      for (int kj = diag_[k] + 1; kj < row_start_[k + 1]; ++kj) {
        update_ij_.push_back(entry(i, col_[kj]));  // exists: the pattern is closed under fill
        update_kj_.push_back(kj);
      }
      el.update_end = static_cast<int>(update_ij_.size());
      eliminations_.push_back(el);
    }
    elimination_start_.push_back(static_cast<int>(eliminations_.size()));
  }
}

int SparseKinetics::entry(int row, int col) const {
  const auto b = col_.begin() + row_start_[row], e = col_.begin() + row_start_[row + 1];
  const auto it = std::lower_bound(b, e, col);
  return (it != e && *it == col) ? static_cast<int>(it - col_.begin()) : -1;
}

void SparseKinetics::derivative(int nl, const double* k, const double* y, const double* source,
                                double* f, double* rates) const {
  const std::size_t w = static_cast<std::size_t>(nl);
  const int nr = n_reactions();
  for (int r = 0; r < nr; ++r) {
    double* rr = rates + r * w;
    const double* kr = k + r * w;
    for (int c = 0; c < nl; ++c) rr[c] = kr[c];
    for (int i = reaction_start_[r]; i < reaction_start_[r + 1]; ++i) {
      const double* ys = y + reactant_[i] * w;
      for (int c = 0; c < nl; ++c) rr[c] *= ys[c];
    }
  }
  if (source != nullptr) {
    std::copy(source, source + n_ * w, f);
  } else {
    std::fill(f, f + n_ * w, 0.0);
  }
  for (int r = 0; r < nr; ++r) {
    const double* rr = rates + r * w;
    for (int i = net_start_[r]; i < net_start_[r + 1]; ++i) {
      double* fs = f + net_position_[i] * w;
      const double nu = net_coef_[i];
      for (int c = 0; c < nl; ++c) fs[c] += nu * rr[c];
    }
  }
}

void SparseKinetics::jacobian(int nl, const double* k, const double* y, double* jac,
                              double* work) const {
  const std::size_t w = static_cast<std::size_t>(nl);
  std::fill(jac, jac + col_.size() * w, 0.0);
  for (const auto& t : jac_terms_) {
    // d rate / d y_q = multiplicity * k * product of the reactants with one y_q removed.
    const double* kr = k + t.reaction * w;
    const double mult = t.multiplicity;
    for (int c = 0; c < nl; ++c) work[c] = mult * kr[c];
    bool skipped = false;
    for (int i = reaction_start_[t.reaction]; i < reaction_start_[t.reaction + 1]; ++i) {
      if (!skipped && reactant_[i] == t.species) {
        skipped = true;
        continue;
      }
      const double* ys = y + reactant_[i] * w;
      for (int c = 0; c < nl; ++c) work[c] *= ys[c];
    }
    for (int s = t.scatter_begin; s < t.scatter_end; ++s) {
      double* js = jac + scatter_entry_[s] * w;
      const double nu = scatter_coef_[s];
      for (int c = 0; c < nl; ++c) js[c] += nu * work[c];
    }
  }
}

void SparseKinetics::factor(int nl, const double* jac, const double* shift, double* lu,
                            double* inv_diag) const {
  const std::size_t w = static_cast<std::size_t>(nl);
  const std::size_t total = col_.size() * w;
  for (std::size_t i = 0; i < total; ++i) lu[i] = -jac[i];
  for (int i = 0; i < n_; ++i) {
    double* d = lu + diag_[i] * w;
    for (int c = 0; c < nl; ++c) d[c] += shift[c];
  }
  for (int i = 0; i < n_; ++i) {
    for (int e = elimination_start_[i]; e < elimination_start_[i + 1]; ++e) {
      const Elimination& el = eliminations_[e];
      double* aik = lu + el.entry_ik * w;
      const double* dk = inv_diag + el.k * w;
      for (int c = 0; c < nl; ++c) aik[c] *= dk[c];
      for (int u = el.update_begin; u < el.update_end; ++u) {
        double* aij = lu + update_ij_[u] * w;
        const double* akj = lu + update_kj_[u] * w;
        for (int c = 0; c < nl; ++c) aij[c] -= aik[c] * akj[c];
      }
    }
    const double* d = lu + diag_[i] * w;
    double* di = inv_diag + i * w;
    for (int c = 0; c < nl; ++c) di[c] = 1.0 / d[c];
  }
}

void SparseKinetics::solve(int nl, const double* lu, const double* inv_diag, double* b) const {
  const std::size_t w = static_cast<std::size_t>(nl);
  for (int i = 0; i < n_; ++i) {  // L y = b, unit lower
    double* bi = b + i * w;
    for (int e = row_start_[i]; e < diag_[i]; ++e) {
      const double* a = lu + e * w;
      const double* bk = b + col_[e] * w;
      for (int c = 0; c < nl; ++c) bi[c] -= a[c] * bk[c];
    }
  }
  for (int i = n_ - 1; i >= 0; --i) {  // U x = y
    double* bi = b + i * w;
    for (int e = diag_[i] + 1; e < row_start_[i + 1]; ++e) {
      const double* a = lu + e * w;
      const double* bj = b + col_[e] * w;
      for (int c = 0; c < nl; ++c) bi[c] -= a[c] * bj[c];
    }
    const double* di = inv_diag + i * w;
    for (int c = 0; c < nl; ++c) bi[c] *= di[c];
  }
}

}  // namespace qiantang::chemistry
