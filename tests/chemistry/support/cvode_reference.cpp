#include "tests/chemistry/support/cvode_reference.hpp"

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_config.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunmatrix/sunmatrix_sparse.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace qiantang::chemistry::test {

struct CvodeReference::Impl {
  SUNContext ctx = nullptr;
  N_Vector y = nullptr;
  SUNMatrix a = nullptr;
  SUNLinearSolver ls = nullptr;
  void* mem = nullptr;
};

namespace {

int rhs_callback(sunrealtype, N_Vector y, N_Vector ydot, void* user) {
  static_cast<CvodeReference*>(user)->rhs(N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
  return 0;
}

int jac_callback(sunrealtype, N_Vector y, N_Vector, SUNMatrix a, void* user, N_Vector, N_Vector,
                 N_Vector) {
  auto* self = static_cast<CvodeReference*>(user);
  self->jacobian_entries(N_VGetArrayPointer(y));
  const auto& jac = self->jac();
  if (self->linear_solver() == CvodeReference::LinearSolver::dense) {
    SUNMatZero(a);
    for (const auto& e : self->entries()) SM_ELEMENT_D(a, e.row, e.col) = jac[e.lu_entry];
  } else {
    sunindextype* ptr = SUNSparseMatrix_IndexPointers(a);
    sunindextype* idx = SUNSparseMatrix_IndexValues(a);
    sunrealtype* data = SUNSparseMatrix_Data(a);
    const auto& rs = self->row_start();
    for (int r = 0; r <= self->n(); ++r) ptr[r] = rs[r];
    const auto& es = self->entries();
    for (std::size_t i = 0; i < es.size(); ++i) {
      idx[i] = es[i].col;
      data[i] = jac[es[i].lu_entry];
    }
  }
  return 0;
}

void check(int flag, const char* what) {
  if (flag < 0)
    throw std::runtime_error(std::string("CVODE: ") + what + " failed, flag " +
                             std::to_string(flag));
}

}  // namespace

const char* CvodeReference::version() { return SUNDIALS_VERSION; }

CvodeReference::CvodeReference(const Mechanism& m, double rtol, double atol, LinearSolver ls,
                               long max_steps)
    : m_(&m), kin_(m), n_(m.n_species()), ls_(ls), impl_(new Impl) {
  k_.resize(std::max(m.n_reactions(), 1));
  rates_.resize(k_.size());
  ypos_.resize(n_);
  fpos_.resize(n_);
  src_pos_.resize(n_);
  work_.resize(1);
  jac_.resize(kin_.lu_nonzeros());
  // Pattern in species order, sorted by row then column.
  const auto& order = kin_.order();
  for (int i = 0; i < n_; ++i)
    for (int e = kin_.row_start()[i]; e < kin_.row_start()[i + 1]; ++e)
      entries_.push_back({order[i], order[kin_.columns()[e]], e});
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  row_start_.assign(n_ + 1, 0);
  for (const auto& e : entries_) ++row_start_[e.row + 1];
  for (int r = 0; r < n_; ++r) row_start_[r + 1] += row_start_[r];

  check(SUNContext_Create(nullptr, &impl_->ctx), "SUNContext_Create");
  impl_->y = N_VNew_Serial(n_, impl_->ctx);
  N_VConst(0.0, impl_->y);
  impl_->mem = CVodeCreate(CV_BDF, impl_->ctx);
  check(CVodeInit(impl_->mem, rhs_callback, 0.0, impl_->y), "CVodeInit");
  check(CVodeSetUserData(impl_->mem, this), "CVodeSetUserData");
  check(CVodeSStolerances(impl_->mem, rtol, atol), "CVodeSStolerances");
  check(CVodeSetMaxNumSteps(impl_->mem, max_steps), "CVodeSetMaxNumSteps");
  if (ls == LinearSolver::dense) {
    impl_->a = SUNDenseMatrix(n_, n_, impl_->ctx);
    impl_->ls = SUNLinSol_Dense(impl_->y, impl_->a, impl_->ctx);
  } else {
    impl_->a =
        SUNSparseMatrix(n_, n_, static_cast<sunindextype>(entries_.size()), CSR_MAT, impl_->ctx);
    impl_->ls = SUNLinSol_KLU(impl_->y, impl_->a, impl_->ctx);
  }
  check(CVodeSetLinearSolver(impl_->mem, impl_->ls, impl_->a), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(impl_->mem, jac_callback), "CVodeSetJacFn");
}

CvodeReference::~CvodeReference() {
  CVodeFree(&impl_->mem);
  SUNLinSolFree(impl_->ls);
  SUNMatDestroy(impl_->a);
  N_VDestroy(impl_->y);
  SUNContext_Free(&impl_->ctx);
  delete impl_;
}

void CvodeReference::rhs(const double* y, double* f) {
  const auto& order = kin_.order();
  for (int p = 0; p < n_; ++p) ypos_[p] = y[order[p]];
  kin_.derivative(1, k_.data(), ypos_.data(), has_source_ ? src_pos_.data() : nullptr, fpos_.data(),
                  rates_.data());
  for (int p = 0; p < n_; ++p) f[order[p]] = fpos_[p];
}

void CvodeReference::jacobian_entries(const double* y) {
  const auto& order = kin_.order();
  for (int p = 0; p < n_; ++p) ypos_[p] = y[order[p]];
  kin_.jacobian(1, k_.data(), ypos_.data(), jac_.data(), work_.data());
}

void CvodeReference::advance(std::vector<double>& conc, const std::vector<double>& j,
                             double temperature_K, double pressure_Pa, double h2o,
                             const std::vector<double>& source, double dt_s) {
  std::vector<double> scratch;
  const std::vector<double> jv = j.empty() ? std::vector<double>(1, 0.0) : j;
  m_->rate_constants({1, &temperature_K, &pressure_Pa, &h2o, jv.data(), 1}, k_.data(), scratch);
  has_source_ = !source.empty();
  const auto& order = kin_.order();
  if (has_source_)
    for (int p = 0; p < n_; ++p) src_pos_[p] = source[order[p]];
  double* y = N_VGetArrayPointer(impl_->y);
  std::copy(conc.begin(), conc.end(), y);
  check(CVodeReInit(impl_->mem, 0.0, impl_->y), "CVodeReInit");
  double t = 0.0;
  check(CVodeSetStopTime(impl_->mem, dt_s), "CVodeSetStopTime");
  check(CVode(impl_->mem, dt_s, impl_->y, &t, CV_NORMAL), "CVode");
  long nst = 0;
  CVodeGetNumSteps(impl_->mem, &nst);
  steps_ += nst;
  std::copy(y, y + n_, conc.begin());
}

}  // namespace qiantang::chemistry::test
