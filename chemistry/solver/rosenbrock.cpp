#include "chemistry/solver/rosenbrock.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace qiantang::chemistry {
namespace {

// Step-size controller constants (Hairer & Wanner 1996, IV.8; values as in KPP's Rosenbrock
// integrator, Sandu et al. 1997): new h = h * clamp(safety * err^(-1/ELO), fac_min, fac_max);
// after two rejections in a row the step is cut by fac_rej.
constexpr double kSafety = 0.9, kFacMin = 0.2, kFacMax = 6.0, kFacRej = 0.1;

}  // namespace

RosenbrockSolver::Tableau RosenbrockSolver::tableau(RosenbrockMethod method) {
  Tableau t;
  switch (method) {
    case RosenbrockMethod::ros3: {
      // ROS3: 3 stages, order 3, embedded order 2, L-stable (Sandu et al. 1997, Atmos.
      // Environ. 31, 3459, "Benchmarking stiff ODE solvers for atmospheric chemistry problems
      // II: Rosenbrock solvers", table of ROS3 coefficients).
      t.name = "ROS3";
      t.stages = 3;
      t.a[1][0] = 1.0;
      t.a[2][0] = 1.0;
      t.a[2][1] = 0.0;
      t.c[1][0] = -1.0156171083877702091975600115545;
      t.c[2][0] = 4.0759956452537699824805835358067;
      t.c[2][1] = 9.2076794298330791242156818474003;
      t.new_f[0] = t.new_f[1] = true;
      t.new_f[2] = false;
      t.m[0] = 1.0;
      t.m[1] = 6.1697947043828245592553615689730;
      t.m[2] = -0.4277225654321857332623837380651;
      t.e[0] = 0.5;
      t.e[1] = -2.9079558716805469821718236208017;
      t.e[2] = 0.2235406989781156962736090927619;
      t.gamma1 = 0.43586652150845899941601945119356;
      t.error_order = 3.0;
      break;
    }
    case RosenbrockMethod::rodas3: {
      // RODAS3: 4 stages, order 3, embedded order 2, stiffly accurate (Sandu et al. 1997,
      // Atmos. Environ. 31, 3459).
      t.name = "RODAS3";
      t.stages = 4;
      t.a[1][0] = 0.0;
      t.a[2][0] = 2.0;
      t.a[2][1] = 0.0;
      t.a[3][0] = 2.0;
      t.a[3][1] = 0.0;
      t.a[3][2] = 1.0;
      t.c[1][0] = 4.0;
      t.c[2][0] = 1.0;
      t.c[2][1] = -1.0;
      t.c[3][0] = 1.0;
      t.c[3][1] = -1.0;
      t.c[3][2] = -8.0 / 3.0;
      t.new_f[0] = true;
      t.new_f[1] = false;
      t.new_f[2] = t.new_f[3] = true;
      t.m[0] = 2.0;
      t.m[1] = 0.0;
      t.m[2] = 1.0;
      t.m[3] = 1.0;
      t.e[3] = 1.0;
      t.gamma1 = 0.5;
      t.error_order = 3.0;
      break;
    }
    case RosenbrockMethod::rodas4: {
      // RODAS4: 6 stages, order 4, embedded order 3, stiffly accurate (Hairer & Wanner 1996,
      // Solving ODEs II, 2nd ed., section VI.4, coefficients of the RODAS code), in the
      // A/C form used by KPP (Sandu et al. 1997).
      t.name = "RODAS4";
      t.stages = 6;
      const double a[15] = {1.544,
                            0.9466785280815826,
                            0.2557011698983284,
                            3.314825187068521,
                            2.896124015972201,
                            0.9986419139977817,
                            1.221224509226641,
                            6.019134481288629,
                            12.53708332932087,
                            -0.6878860361058950,
                            1.221224509226641,
                            6.019134481288629,
                            12.53708332932087,
                            -0.6878860361058950,
                            1.0};
      const double c[15] = {-5.6688,
                            -2.430093356833875,
                            -0.2063599157091915,
                            -0.1073529058151375,
                            -9.594562251023355,
                            -20.47028614809616,
                            7.496443313967647,
                            -10.24680431464352,
                            -33.99990352819905,
                            11.70890893206160,
                            8.083246795921522,
                            -7.981132988064893,
                            -31.52159432874371,
                            16.31930543123136,
                            -6.058818238834054};
      int idx = 0;
      for (int i = 1; i < 6; ++i)
        for (int j = 0; j < i; ++j, ++idx) {
          t.a[i][j] = a[idx];
          t.c[i][j] = c[idx];
        }
      for (int i = 0; i < 6; ++i) t.new_f[i] = true;
      t.m[0] = a[6];
      t.m[1] = a[7];
      t.m[2] = a[8];
      t.m[3] = a[9];
      t.m[4] = 1.0;
      t.m[5] = 1.0;
      t.e[5] = 1.0;
      t.gamma1 = 0.25;
      t.error_order = 4.0;
      break;
    }
  }
  return t;
}

RosenbrockSolver::RosenbrockSolver(const Mechanism& m, SolverOptions o)
    : mechanism_(&m), kinetics_(m), options_(o), tableau_(tableau(o.method)) {
  if (!(options_.rtol > 0.0) || !(options_.atol_molec_cm3 > 0.0) || !(options_.h_min_s >= 0.0) ||
      options_.max_steps <= 0)
    throw std::invalid_argument(
        "RosenbrockSolver: rtol, atol must be > 0, h_min >= 0, max_steps > 0");
  const std::size_t ns = static_cast<std::size_t>(kinetics_.n_species()) * kBlockCells;
  const std::size_t nr =
      static_cast<std::size_t>(std::max(kinetics_.n_reactions(), 1)) * kBlockCells;
  k_.resize(nr);
  rates_.resize(nr);
  y_.resize(ns);
  y_final_.resize(ns);
  ynew_.resize(ns);
  f_.resize(ns);
  source_.resize(ns);
  stage_.resize(ns * static_cast<std::size_t>(tableau_.stages));
  jac_.resize(static_cast<std::size_t>(kinetics_.lu_nonzeros()) * kBlockCells);
  lu_.resize(jac_.size());
  inv_diag_.resize(ns);
  temperature_.resize(kBlockCells);
  pressure_.resize(kBlockCells);
  h2o_.resize(kBlockCells);
  photolysis_.resize(std::max<std::size_t>(m.photolysis_names().size(), 1) * kBlockCells);
  work_.resize(kBlockCells);
}

SolverStatus RosenbrockSolver::integrate(ChemistryBatch& b, double dt_s) {
  const int n = b.n_cells;
  const int ns = kinetics_.n_species();
  const std::size_t np = mechanism_->photolysis_names().size();
  const std::size_t cells = static_cast<std::size_t>(std::max(n, 0));
  if (n < 0 || b.conc.size() != ns * cells || b.temperature_K.size() != cells ||
      b.pressure_Pa.size() != cells || b.h2o_molec_cm3.size() != cells ||
      b.photolysis_s.size() != np * cells ||
      (!b.source_molec_cm3_s.empty() && b.source_molec_cm3_s.size() != ns * cells) ||
      (!b.step_s.empty() && b.step_s.size() != cells))
    throw std::invalid_argument("RosenbrockSolver::integrate: batch arrays do not match n_cells");
  if (!(dt_s >= 0.0)) throw std::invalid_argument("RosenbrockSolver::integrate: dt_s < 0");
  SolverStatus status;
  if (n == 0 || dt_s == 0.0) return status;
  has_source_ = !b.source_molec_cm3_s.empty();
  const auto& order = kinetics_.order();
  for (int start = 0; start < n; start += kBlockCells) {
    const int nl = std::min(kBlockCells, n - start);
    const std::size_t w = static_cast<std::size_t>(nl);
    for (int c = 0; c < nl; ++c) {
      temperature_[c] = b.temperature_K[start + c];
      pressure_[c] = b.pressure_Pa[start + c];
      h2o_[c] = b.h2o_molec_cm3[start + c];
    }
    for (std::size_t p = 0; p < np; ++p)
      for (int c = 0; c < nl; ++c) photolysis_[p * w + c] = b.photolysis_s[p * cells + start + c];
    for (int pos = 0; pos < ns; ++pos) {
      const std::size_t s = static_cast<std::size_t>(order[pos]);
      for (int c = 0; c < nl; ++c) {
        y_[pos * w + c] = std::max(b.conc[s * cells + start + c], 0.0);
        source_[pos * w + c] = has_source_ ? b.source_molec_cm3_s[s * cells + start + c] : 0.0;
      }
    }
    mechanism_->rate_constants(
        {nl, temperature_.data(), pressure_.data(), h2o_.data(), photolysis_.data(), nl}, k_.data(),
        scratch_);
    double* carried = b.step_s.empty() ? nullptr : b.step_s.data() + start;
    const BlockResult r = integrate_block(nl, dt_s, carried);
    status.steps += r.steps;
    status.rejected += r.rejected;
    if (r.failed_lane >= 0 && status.ok) {
      status.ok = false;
      status.cell = start + r.failed_lane;
      status.message = r.message;
    }
    for (int pos = 0; pos < ns; ++pos) {
      const std::size_t s = static_cast<std::size_t>(order[pos]);
      for (int c = 0; c < nl; ++c) b.conc[s * cells + start + c] = y_[pos * w + c];
    }
  }
  return status;
}

RosenbrockSolver::BlockResult RosenbrockSolver::integrate_block(int nl, double dt_s, double* carried) {
  const Tableau& tb = tableau_;
  const int ns = kinetics_.n_species();
  const std::size_t w = static_cast<std::size_t>(nl);
  const std::size_t nsw = static_cast<std::size_t>(ns) * w;
  const double rtol = options_.rtol, atol = options_.atol_molec_cm3;
  const double* src = has_source_ ? source_.data() : nullptr;

  BlockResult res;
  double t[kBlockCells], h[kBlockCells], shift[kBlockCells], err[kBlockCells];
  int count[kBlockCells];
  bool active[kBlockCells], last_rejected[kBlockCells], clipped[kBlockCells];
  double proposed[kBlockCells];

  // Initial step from the scaled size of y and y' (Hairer, Norsett & Wanner 1993, II.4):
  // h0 = 0.01 |y|/|f| in the weighted RMS norm, at most dt; the whole interval when f is
  // negligible on the tolerance scale (the error test corrects a too large first step).
  kinetics_.derivative(nl, k_.data(), y_.data(), src, f_.data(), rates_.data());
  for (int c = 0; c < nl; ++c) {
    double d0 = 0.0, d1 = 0.0;
    for (int i = 0; i < ns; ++i) {
      const double sc = atol + rtol * std::abs(y_[i * w + c]);
      d0 += (y_[i * w + c] / sc) * (y_[i * w + c] / sc);
      d1 += (f_[i * w + c] / sc) * (f_[i * w + c] / sc);
    }
    d0 = std::sqrt(d0 / ns);
    d1 = std::sqrt(d1 / ns);
    double h0 = d1 < 1e-5 ? dt_s : (d0 < 1e-5 ? 1e-6 : 0.01 * d0 / d1);
    // A step carried from the previous call starts where the controller left off, instead of
    // climbing again from the conservative estimate (an error-controlled first trial either way).
    if (carried && carried[c] > 0.0) h0 = carried[c];
    proposed[c] = 0.0;
    h[c] = std::min(std::max(h0, options_.h_min_s), dt_s);
    t[c] = 0.0;
    count[c] = 0;
    active[c] = true;
    last_rejected[c] = false;
  }

  // Lanes that have finished (or failed) drop out of the packed layout: the active lanes are
  // moved to the front of every [index][lanes] array that carries state between steps (y, the
  // rate constants, the sources) and the kernels run on the active width only, so a block costs
  // the sum of its cells' steps rather than its slowest cell's steps times the block size.
  // Per-lane arithmetic does not depend on the packing, so results are unchanged.
  const int nr = std::max(kinetics_.n_reactions(), 1);
  int wl = nl;  // current packed width
  int lane_of[kBlockCells];
  for (int c = 0; c < nl; ++c) lane_of[c] = c;
  const auto retire = [&](int c) {  // keeps lane c's last accepted state as its result
    if (carried) carried[lane_of[c]] = proposed[c];
    for (int i = 0; i < ns; ++i)
      y_final_[static_cast<std::size_t>(i) * w + static_cast<std::size_t>(lane_of[c])] =
          y_[static_cast<std::size_t>(i * wl + c)];
  };
  const auto repack = [&]() {
    int keep[kBlockCells];
    int nw = 0;
    for (int c = 0; c < wl; ++c)
      if (active[c]) keep[nw++] = c;
    // In place: every destination index precedes the sources still to be read.
    const auto pack = [&](double* a, int rows) {
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < nw; ++c) a[r * nw + c] = a[r * wl + keep[c]];
    };
    pack(y_.data(), ns);
    pack(k_.data(), nr);
    if (has_source_) pack(source_.data(), ns);
    for (int c = 0; c < nw; ++c) {
      const int from = keep[c];
      t[c] = t[from];
      h[c] = h[from];
      count[c] = count[from];
      last_rejected[c] = last_rejected[from];
      proposed[c] = proposed[from];
      lane_of[c] = lane_of[from];
      active[c] = true;
    }
    wl = nw;
  };

  int n_active = nl;
  while (n_active > 0) {
    const std::size_t lw = static_cast<std::size_t>(wl);
    const std::size_t nsl = static_cast<std::size_t>(ns) * lw;
    for (int c = 0; c < wl; ++c) {
      clipped[c] = dt_s - t[c] < h[c];
      if (clipped[c]) h[c] = dt_s - t[c];
    }
    // Jacobian and f at the step start (recomputed after a rejection: same y, same values).
    kinetics_.jacobian(wl, k_.data(), y_.data(), jac_.data(), work_.data());
    kinetics_.derivative(wl, k_.data(), y_.data(), src, f_.data(), rates_.data());
    for (int c = 0; c < wl; ++c) shift[c] = 1.0 / (h[c] * tb.gamma1);
    kinetics_.factor(wl, jac_.data(), shift, lu_.data(), inv_diag_.data());

    for (int s = 0; s < tb.stages; ++s) {
      double* ks = stage_.data() + static_cast<std::size_t>(s) * nsl;
      if (s > 0 && tb.new_f[s]) {
        // ynew as the stage argument y + sum_j A_sj K_j
        std::copy(y_.begin(), y_.begin() + static_cast<std::ptrdiff_t>(nsl), ynew_.begin());
        for (int j = 0; j < s; ++j) {
          const double a = tb.a[s][j];
          if (a == 0.0) continue;
          const double* kj = stage_.data() + static_cast<std::size_t>(j) * nsl;
          for (std::size_t i = 0; i < nsl; ++i) ynew_[i] += a * kj[i];
        }
        kinetics_.derivative(wl, k_.data(), ynew_.data(), src, f_.data(), rates_.data());
      }
      std::copy(f_.begin(), f_.begin() + static_cast<std::ptrdiff_t>(nsl), ks);
      for (int j = 0; j < s; ++j) {
        const double cc = tb.c[s][j];
        if (cc == 0.0) continue;
        const double* kj = stage_.data() + static_cast<std::size_t>(j) * nsl;
        for (int i = 0; i < ns; ++i)
          for (int c = 0; c < wl; ++c) ks[i * wl + c] += (cc / h[c]) * kj[i * wl + c];
      }
      kinetics_.solve(wl, lu_.data(), inv_diag_.data(), ks);
    }

    // New solution and error estimate (error kept in f_).
    std::copy(y_.begin(), y_.begin() + static_cast<std::ptrdiff_t>(nsl), ynew_.begin());
    std::fill(f_.begin(), f_.begin() + static_cast<std::ptrdiff_t>(nsl), 0.0);
    for (int s = 0; s < tb.stages; ++s) {
      const double* ks = stage_.data() + static_cast<std::size_t>(s) * nsl;
      if (tb.m[s] != 0.0)
        for (std::size_t i = 0; i < nsl; ++i) ynew_[i] += tb.m[s] * ks[i];
      if (tb.e[s] != 0.0)
        for (std::size_t i = 0; i < nsl; ++i) f_[i] += tb.e[s] * ks[i];
    }
    // Weighted RMS error norm per cell: sqrt(mean_i (e_i / (atol + rtol max|y|,|ynew|))^2).
    for (int c = 0; c < wl; ++c) err[c] = 0.0;
    for (int i = 0; i < ns; ++i)
      for (int c = 0; c < wl; ++c) {
        const double sc = atol + rtol * std::max(std::abs(y_[i * wl + c]), std::abs(ynew_[i * wl + c]));
        const double q = f_[i * wl + c] / sc;
        err[c] += q * q;
      }

    for (int c = 0; c < wl; ++c) {
      const double e = std::sqrt(err[c] / ns);
      ++count[c];
      const bool finite = std::isfinite(e);
      if (finite && e <= 1.0) {
        for (int i = 0; i < ns; ++i) y_[i * wl + c] = std::max(ynew_[i * wl + c], 0.0);
        t[c] += h[c];
        ++res.steps;
        double fac = e > 0.0 ? kSafety * std::pow(e, -1.0 / tb.error_order) : kFacMax;
        fac = std::clamp(fac, kFacMin, kFacMax);
        double hnew = h[c] * fac;
        if (last_rejected[c]) hnew = std::min(hnew, h[c]);
        last_rejected[c] = false;
        h[c] = std::max(hnew, options_.h_min_s);
        if (!clipped[c] || proposed[c] == 0.0) proposed[c] = h[c];
        if (dt_s - t[c] <= 1e-12 * dt_s) {
          active[c] = false;
          --n_active;
          retire(c);
          continue;
        }
      } else {
        ++res.rejected;
        if (h[c] <= options_.h_min_s) {
          std::ostringstream msg;
          msg << "Rosenbrock " << tb.name << ": error test failed at the minimum step "
              << options_.h_min_s << " s (error norm " << e << ") at t = " << t[c] << " s of "
              << dt_s << " s";
          if (res.failed_lane < 0 || lane_of[c] < res.failed_lane) {
            res.failed_lane = lane_of[c];
            res.message = msg.str();
          }
          active[c] = false;
          --n_active;
          retire(c);
          continue;
        }
        double fac = finite ? kSafety * std::pow(e, -1.0 / tb.error_order) : kFacRej;
        fac = std::clamp(fac, kFacRej, 1.0);
        if (last_rejected[c]) fac = std::min(fac, kFacRej);
        h[c] = std::max(h[c] * fac, options_.h_min_s);
        last_rejected[c] = true;
      }
      if (count[c] >= options_.max_steps) {
        if (res.failed_lane < 0 || lane_of[c] < res.failed_lane) {
          res.failed_lane = lane_of[c];
          std::ostringstream msg;
          msg << "Rosenbrock " << tb.name << ": more than " << options_.max_steps
              << " steps, reached t = " << t[c] << " s of " << dt_s << " s";
          res.message = msg.str();
        }
        active[c] = false;
        --n_active;
        retire(c);
      }
    }
    if (n_active > 0 && n_active < wl) repack();
  }
  std::copy(y_final_.begin(), y_final_.begin() + static_cast<std::ptrdiff_t>(nsw), y_.begin());
  return res;
}

}  // namespace qiantang::chemistry
