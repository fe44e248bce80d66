// Chemistry benchmark: CB6r3 on a batch of cells spanning urban to rural conditions, advanced
// by one simulated hour in six 10-minute chemistry calls (J updated per call, as a CTM does),
// with the Rosenbrock solver and with SUNDIALS CVODE (BDF + KLU) on the same problem, same run,
// at the production tolerance. Prints the time per cell per simulated hour of both, their
// ratio, and the accuracy of both against a tight-tolerance CVODE reference on sample cells.
//
// usage: bench_chemistry [N_CELLS=100000] [CVODE_CELLS=N_CELLS] [RTOL=1e-3]
// (run from the repository root, or set QIANTANG_SOURCE_DIR)
#include <omp.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "chemistry/photolysis/photolysis.hpp"
#include "chemistry/solver/box_model.hpp"
#include "chemistry/solver/rosenbrock.hpp"
#include "tests/chemistry/support/cvode_reference.hpp"

using namespace qiantang::chemistry;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kCallSeconds = 600.0;  // chemistry call length
constexpr int kCalls = 6;               // one simulated hour

struct Problem {
  int n = 0;
  std::vector<double> t, p, h2o, lat, lon;
  std::vector<double> conc, source;  // [species][cell]
};

// Cell c of n: conditions interpolated from the urban high-NOx scenario (c = 0) to the
// NOx-limited rural one (c = n - 1), geometrically for concentrations and emissions,
// linearly for temperature, pressure and humidity; latitudes 20-45 N so that J varies.
Problem make_problem(const Mechanism& m, const fs::path& root, int n) {
  auto read = [&](const char* name) {
    auto cfg = qiantang::io::Config::load(root / "configs/box" / name);
    return read_box_scenario(cfg, m);
  };
  const BoxScenario urban = read("urban_high_nox.ini"), rural = read("nox_limited_o3.ini");
  Problem pr;
  pr.n = n;
  const int ns = m.n_species();
  pr.conc.resize(static_cast<std::size_t>(ns) * n);
  pr.source.resize(pr.conc.size());
  for (int c = 0; c < n; ++c) {
    const double f = n > 1 ? static_cast<double>(c) / (n - 1) : 0.0;
    pr.t.push_back((1 - f) * urban.temperature_K + f * rural.temperature_K);
    pr.p.push_back((1 - f) * urban.pressure_Pa + f * rural.pressure_Pa);
    pr.h2o.push_back((1 - f) * urban.h2o_molec_cm3 + f * rural.h2o_molec_cm3);
    pr.lat.push_back(20.0 + 25.0 * std::fmod(c * 0.618033988749895, 1.0));
    pr.lon.push_back(120.17);
    for (int s = 0; s < ns; ++s) {
      auto geo = [&](double a, double b, double floor) {
        return std::exp((1 - f) * std::log(a + floor) + f * std::log(b + floor)) - floor;
      };
      pr.conc[static_cast<std::size_t>(s) * n + c] =
          std::max(geo(urban.initial_molec_cm3[s], rural.initial_molec_cm3[s], 2.5e7), 0.0);
      pr.source[static_cast<std::size_t>(s) * n + c] =
          std::max(geo(urban.source_molec_cm3_s[s], rural.source_molec_cm3_s[s], 7e3), 0.0);
    }
  }
  return pr;
}

std::vector<double> photolysis_for(const Photolysis& phot, const Problem& pr,
                                   qiantang::TimePoint t) {
  const std::size_t np = static_cast<std::size_t>(phot.size());
  std::vector<double> j(np * pr.n), one(np);
  for (int c = 0; c < pr.n; ++c) {
    phot.clear_sky(solar_zenith_angle_deg(pr.lat[c], pr.lon[c], t), 0.0, one.data());
    for (std::size_t q = 0; q < np; ++q) j[q * pr.n + c] = one[q];
  }
  return j;
}

// One chemistry call on all cells with the Rosenbrock solver, OpenMP over chunks of cells.
void rosenbrock_call(const Mechanism& m, const SolverOptions& o, Problem& pr,
                     const std::vector<double>& j, long& steps) {
  const int ns = m.n_species(), np = static_cast<int>(m.photolysis_names().size());
  constexpr int kChunk = 256;
  const int n_chunks = (pr.n + kChunk - 1) / kChunk;
  long total = 0;
#pragma omp parallel reduction(+ : total)
  {
    RosenbrockSolver solver(m, o);
    ChemistryBatch b;
#pragma omp for schedule(dynamic)
    for (int ch = 0; ch < n_chunks; ++ch) {
      const int c0 = ch * kChunk, nc = std::min(kChunk, pr.n - c0);
      b.n_cells = nc;
      b.conc.resize(static_cast<std::size_t>(ns) * nc);
      b.source_molec_cm3_s.resize(b.conc.size());
      b.photolysis_s.resize(static_cast<std::size_t>(np) * nc);
      b.temperature_K.assign(pr.t.begin() + c0, pr.t.begin() + c0 + nc);
      b.pressure_Pa.assign(pr.p.begin() + c0, pr.p.begin() + c0 + nc);
      b.h2o_molec_cm3.assign(pr.h2o.begin() + c0, pr.h2o.begin() + c0 + nc);
      for (int s = 0; s < ns; ++s)
        for (int c = 0; c < nc; ++c) {
          b.conc[static_cast<std::size_t>(s) * nc + c] =
              pr.conc[static_cast<std::size_t>(s) * pr.n + c0 + c];
          b.source_molec_cm3_s[static_cast<std::size_t>(s) * nc + c] =
              pr.source[static_cast<std::size_t>(s) * pr.n + c0 + c];
        }
      for (int q = 0; q < np; ++q)
        for (int c = 0; c < nc; ++c)
          b.photolysis_s[static_cast<std::size_t>(q) * nc + c] =
              j[static_cast<std::size_t>(q) * pr.n + c0 + c];
      const SolverStatus st = solver.integrate(b, kCallSeconds);
      if (!st.ok)
        std::fprintf(stderr, "rosenbrock: cell %d: %s\n", c0 + st.cell, st.message.c_str());
      total += st.steps;
      for (int s = 0; s < ns; ++s)
        for (int c = 0; c < nc; ++c)
          pr.conc[static_cast<std::size_t>(s) * pr.n + c0 + c] =
              b.conc[static_cast<std::size_t>(s) * nc + c];
    }
  }
  steps += total;
}

// The same call with CVODE, one cell at a time, on `cells` cells evenly spread over the batch
// (cell i * stride), so that the subset spans urban to rural as the whole batch does.
void cvode_call(const Mechanism& m, double rtol, double atol, Problem& pr, int cells, int stride,
                const std::vector<double>& j, long& steps) {
  const int ns = m.n_species(), np = static_cast<int>(m.photolysis_names().size());
  long total = 0;
#pragma omp parallel reduction(+ : total)
  {
    test::CvodeReference cv(m, rtol, atol, test::CvodeReference::LinearSolver::klu);
    std::vector<double> y(ns), src(ns), jc(np);
#pragma omp for schedule(dynamic, 16)
    for (int i = 0; i < cells; ++i) {
      const int c = i * stride;
      for (int s = 0; s < ns; ++s) {
        y[s] = pr.conc[static_cast<std::size_t>(s) * pr.n + c];
        src[s] = pr.source[static_cast<std::size_t>(s) * pr.n + c];
      }
      for (int q = 0; q < np; ++q) jc[q] = j[static_cast<std::size_t>(q) * pr.n + c];
      cv.advance(y, jc, pr.t[c], pr.p[c], pr.h2o[c], src, kCallSeconds);
      for (int s = 0; s < ns; ++s) pr.conc[static_cast<std::size_t>(s) * pr.n + c] = y[s];
    }
    total += cv.steps();
  }
  steps += total;
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// CPU time of the process (all threads), s: robust against other load on a shared machine.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int n_cvode = std::min(n, argc > 2 ? std::atoi(argv[2]) : n);
  const double rtol = argc > 3 ? std::atof(argv[3]) : 1e-3;
  const double atol = 1e2;  // molecules cm^-3 (production default)
  if (n <= 0 || n_cvode <= 0 || !(rtol > 0)) {
    std::fprintf(stderr,
                 "usage: bench_chemistry [N_CELLS=100000] [CVODE_CELLS=N_CELLS] [RTOL=1e-3]\n");
    return 1;
  }
  const char* env = std::getenv("QIANTANG_SOURCE_DIR");
  const fs::path root = env ? fs::path(env) : fs::current_path();
  try {
    const auto m = Mechanism::load(root / "chemistry/mechanisms/cb6r3.eqn");
    const Photolysis phot(m, root / "chemistry/photolysis/jtable.csv");
    const SparseKinetics kin(m);
    std::printf("CB6r3: %d species, %d reactions, Jacobian %d non-zeros, LU %d (Markowitz order)\n",
                m.n_species(), m.n_reactions(), kin.jacobian_nonzeros(), kin.lu_nonzeros());
    std::printf(
        "%d cells (CVODE on %d of them, evenly spread), rtol %.1e, atol %.0e molec/cm3, %d OpenMP "
        "threads\n",
        n, n_cvode, rtol, atol, omp_get_max_threads());
    const auto t_start = *qiantang::parse_iso8601("2026-07-15T09:00:00+08:00");
    SolverOptions o;
    o.rtol = rtol;
    o.atol_molec_cm3 = atol;
    o.method = RosenbrockMethod::rodas3;

    // Spin-up: one hour before the timed hour so that radicals are near their steady state.
    Problem pr = make_problem(m, root, n);
    long spin_steps = 0;
    for (int k = 0; k < kCalls; ++k)
      rosenbrock_call(m, o, pr,
                      photolysis_for(phot, pr, t_start - std::chrono::seconds{3600 - 600 * k}),
                      spin_steps);
    std::vector<std::vector<double>> jv;
    for (int k = 0; k < kCalls; ++k)
      jv.push_back(photolysis_for(phot, pr, t_start + std::chrono::seconds{600 * k + 300}));
    const Problem initial = pr;

    Problem ros = initial;
    long ros_steps = 0;
    auto t0 = Clock::now();
    double c0 = cpu_seconds();
    for (int k = 0; k < kCalls; ++k) rosenbrock_call(m, o, ros, jv[k], ros_steps);
    const double ros_s = seconds_since(t0), ros_cpu = cpu_seconds() - c0;

    const int cv_stride = n / n_cvode;
    Problem cvo = initial;
    long cv_steps = 0;
    t0 = Clock::now();
    c0 = cpu_seconds();
    for (int k = 0; k < kCalls; ++k)
      cvode_call(m, rtol, atol, cvo, n_cvode, cv_stride, jv[k], cv_steps);
    const double cv_s = seconds_since(t0), cv_cpu = cpu_seconds() - c0;

    // Accuracy on sample cells against CVODE at rtol 1e-9.
    const int n_sample = std::min(n_cvode, 64);
    Problem ref = initial;
    long ref_steps = 0;
    Problem sample = initial;
    sample.n = initial.n;
    std::vector<int> cells;
    for (int i = 0; i < n_sample; ++i)
      cells.push_back(
          static_cast<int>(static_cast<long>(i) * (n_cvode - 1) / std::max(n_sample - 1, 1)) *
          cv_stride);
    {
      // Reference only on the sampled cells: move them to the front of a copy.
      Problem front = initial;
      for (int i = 0; i < n_sample; ++i)
        for (int s = 0; s < m.n_species(); ++s)
          front.conc[static_cast<std::size_t>(s) * n + i] =
              initial.conc[static_cast<std::size_t>(s) * n + cells[i]];
      for (int i = 0; i < n_sample; ++i) {
        for (int s = 0; s < m.n_species(); ++s)
          front.source[static_cast<std::size_t>(s) * n + i] =
              initial.source[static_cast<std::size_t>(s) * n + cells[i]];
        front.t[i] = initial.t[cells[i]];
        front.p[i] = initial.p[cells[i]];
        front.h2o[i] = initial.h2o[cells[i]];
      }
      for (int k = 0; k < kCalls; ++k) {
        std::vector<double> jf = jv[k];
        for (std::size_t q = 0; q < static_cast<std::size_t>(phot.size()); ++q)
          for (int i = 0; i < n_sample; ++i) jf[q * n + i] = jv[k][q * n + cells[i]];
        cvode_call(m, 1e-9, 1e-3, front, n_sample, 1, jf, ref_steps);
      }
      ref = front;
    }
    const char* names[] = {"O3", "NO2", "HNO3", "FORM", "H2O2", "OH"};
    std::printf(
        "\naccuracy after 1 h vs CVODE rtol 1e-9 on %d sample cells (max relative error):\n",
        n_sample);
    std::printf("  %-6s %12s %12s\n", "", "Rosenbrock", "CVODE");
    for (const char* nm : names) {
      const int s = *m.species_index(nm);
      double e_ros = 0.0, e_cv = 0.0;
      for (int i = 0; i < n_sample; ++i) {
        const double r = ref.conc[static_cast<std::size_t>(s) * n + i];
        const double a = ros.conc[static_cast<std::size_t>(s) * n + cells[i]];
        const double b = cvo.conc[static_cast<std::size_t>(s) * n + cells[i]];
        const double scale = std::abs(r) + 1e-6 * 2.5e10;  // floor 1e-6 ppb
        e_ros = std::max(e_ros, std::abs(a - r) / scale);
        e_cv = std::max(e_cv, std::abs(b - r) / scale);
      }
      std::printf("  %-6s %12.2e %12.2e\n", nm, e_ros, e_cv);
    }
    // Time per cell per simulated hour (us), wall clock and CPU.
    const double ros_per = ros_s / n * 1e6, ros_cpu_per = ros_cpu / n * 1e6;
    const double cv_per = cv_s / n_cvode * 1e6, cv_cpu_per = cv_cpu / n_cvode * 1e6;
    std::printf("\nper cell per simulated hour:        wall (us)    CPU (us)   steps\n");
    std::printf("  Rosenbrock %-8s            %10.2f  %10.2f  %6.1f\n",
                RosenbrockSolver::tableau(o.method).name, ros_per, ros_cpu_per,
                static_cast<double>(ros_steps) / n);
    std::printf("  CVODE %-6s (BDF, KLU)        %10.2f  %10.2f  %6.1f\n",
                test::CvodeReference::version(), cv_per, cv_cpu_per,
                static_cast<double>(cv_steps) / n_cvode);
    std::printf("speed-up CVODE / Rosenbrock: %.2f (wall), %.2f (CPU)\n", cv_per / ros_per,
                cv_cpu_per / ros_cpu_per);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_chemistry: %s\n", e.what());
    return 2;
  }
  return 0;
}
