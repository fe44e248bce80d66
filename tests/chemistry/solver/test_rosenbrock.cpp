// Rosenbrock solver against exact and published answers: Robertson's problem (Hairer & Wanner
// test set values in /work/shared/reference/verification-cases.md), the A -> B -> C chain in
// closed form, and the NO-NO2-O3 photostationary state (Leighton relationship).
#include <catch2/catch.hpp>
#include <cmath>

#include "chemistry/mechanism/mechanism.hpp"
#include "chemistry/solver/rosenbrock.hpp"
#include "tests/test_support.hpp"

using namespace qiantang::chemistry;

namespace {

ChemistryBatch batch_for(const Mechanism& m, int n_cells, double t = 298.15, double p = 101325.0) {
  ChemistryBatch b;
  b.n_cells = n_cells;
  b.conc.assign(static_cast<std::size_t>(m.n_species()) * n_cells, 0.0);
  b.temperature_K.assign(n_cells, t);
  b.pressure_Pa.assign(n_cells, p);
  b.h2o_molec_cm3.assign(n_cells, 0.0);
  b.photolysis_s.assign(m.photolysis_names().size() * n_cells, 0.0);
  return b;
}

double& at(ChemistryBatch& b, int s, int c) {
  return b.conc[static_cast<std::size_t>(s) * b.n_cells + c];
}

}  // namespace

TEST_CASE("Robertson's problem matches the reference solution to 1e-6",
          "[chemistry][solver][verification]") {
  const auto m =
      Mechanism::load(qiantang::test::source_dir() / "chemistry/mechanisms/robertson.eqn");
  // Reference values at t = 100 and 1e11 (Hairer & Wanner test set, as tabulated in
  // verification-cases.md).
  struct Ref {
    double t, a, b, c;
  };
  const Ref refs[] = {{1e2, 0.6172348823960878, 6.153591274639123e-6, 0.3827589640126376},
                      {1e11, 2.083340149701284e-8, 8.333360770334744e-14, 0.9999999791665152}};
  for (auto method : {RosenbrockMethod::rodas4, RosenbrockMethod::rodas3}) {
    SolverOptions o;
    o.method = method;
    o.rtol = method == RosenbrockMethod::rodas4 ? 1e-10 : 1e-11;
    o.atol_molec_cm3 = 1e-24;
    o.h_min_s = 0.0;
    o.max_steps = 2000000;
    RosenbrockSolver solver(m, o);
    auto b = batch_for(m, 1);
    at(b, 0, 0) = 1.0;
    double t = 0.0;
    for (const auto& r : refs) {
      const auto st = solver.integrate(b, r.t - t);
      REQUIRE(st.ok);
      t = r.t;
      INFO(RosenbrockSolver::tableau(method).name << " t = " << r.t << " steps " << st.steps);
      CHECK(std::abs(at(b, 0, 0) / r.a - 1.0) <= 1e-6);
      CHECK(std::abs(at(b, 1, 0) / r.b - 1.0) <= 1e-6);
      CHECK(std::abs(at(b, 2, 0) / r.c - 1.0) <= 1e-6);
    }
  }
}

TEST_CASE("A -> B -> C follows the closed-form solution; error tracks rtol for every method",
          "[chemistry][solver][verification]") {
  const auto m = Mechanism::from_string(
      "#DEFVAR A = IGNORE ; B = IGNORE ; C = IGNORE ;\n"
      "#EQUATIONS <K1> A = B : 0.01 ; <K2> B = C : 5.0 ;\n",
      "abc.eqn");
  const double k1 = 0.01, k2 = 5.0, a0 = 1e12;
  auto exact = [&](double t) {
    const double a = a0 * std::exp(-k1 * t);
    const double b = a0 * k1 / (k2 - k1) * (std::exp(-k1 * t) - std::exp(-k2 * t));
    return std::array<double, 3>{a, b, a0 - a - b};
  };
  for (auto method : {RosenbrockMethod::ros3, RosenbrockMethod::rodas3, RosenbrockMethod::rodas4}) {
    for (double rtol : {1e-4, 1e-6, 1e-8}) {
      SolverOptions o;
      o.method = method;
      o.rtol = rtol;
      o.atol_molec_cm3 = 1e-3;
      o.h_min_s = 0.0;
      RosenbrockSolver solver(m, o);
      auto b = batch_for(m, 3);
      for (int c = 0; c < 3; ++c) at(b, 0, c) = a0;
      double t = 0.0, worst = 0.0;
      for (double t_out : {0.1, 1.0, 10.0, 100.0, 300.0}) {
        REQUIRE(solver.integrate(b, t_out - t).ok);
        t = t_out;
        const auto e = exact(t);
        for (int s = 0; s < 3; ++s) worst = std::max(worst, std::abs(at(b, s, 1) - e[s]) / a0);
        for (int s = 0; s < 3; ++s) CHECK(at(b, s, 0) == at(b, s, 2));  // cells independent
        // Mass is conserved by every Rosenbrock stage (linear invariant).
        CHECK((at(b, 0, 0) + at(b, 1, 0) + at(b, 2, 0)) / a0 == Approx(1.0).epsilon(1e-12));
      }
      INFO(RosenbrockSolver::tableau(method).name << " rtol " << rtol << " error " << worst);
      CHECK(worst <= 20.0 * rtol);
    }
  }
}

TEST_CASE("NO-NO2-O3 reaches the photostationary state of the quadratic solution",
          "[chemistry][solver][verification]") {
  const auto m = Mechanism::from_string(
      "#DEFVAR NO = N + O ; NO2 = N + 2O ; O3 = 3O ;\n"
      "#CHECK N ;\n"
      "#EQUATIONS\n"
      "<R1> NO2 + hv = NO + O3 : PHOT(NO2_J, 1.0) ;\n"
      "<R3> NO + O3 = NO2 : ARR(1.4e-12, 1310.0, 0.0) ;\n",
      "pss.eqn");
  const double t = 298.15, j = 8.0e-3;
  const double air = Mechanism::air_number_density(t, 101325.0);
  const double ppb = 1e-9 * air;
  SolverOptions o;
  o.rtol = 1e-9;
  o.atol_molec_cm3 = 1e-2;
  o.method = RosenbrockMethod::rodas4;
  RosenbrockSolver solver(m, o);
  // Two cells with different initial states.
  auto b = batch_for(m, 2, t);
  const double init[2][3] = {{5.0, 20.0, 30.0}, {40.0, 10.0, 60.0}};  // NO, NO2, O3 ppb
  for (int c = 0; c < 2; ++c) {
    for (int s = 0; s < 3; ++s) at(b, s, c) = init[c][s] * ppb;
    b.photolysis_s[c] = j;
  }
  REQUIRE(solver.integrate(b, 3600.0).ok);
  const double k = 1.4e-12 * std::exp(-1310.0 / t);
  for (int c = 0; c < 2; ++c) {
    // NOx = NO + NO2 and Ox = NO2 + O3 are conserved; at steady state (NOx - x)(Ox - x) = (J/k) x
    // for x = [NO2]: x = (beta - sqrt(beta^2 - 4 NOx Ox)) / 2, beta = NOx + Ox + J/k.
    const double nox = (init[c][0] + init[c][1]) * ppb, ox = (init[c][1] + init[c][2]) * ppb;
    const double beta = nox + ox + j / k;
    const double x = 0.5 * (beta - std::sqrt(beta * beta - 4.0 * nox * ox));
    CHECK(at(b, 1, c) / x == Approx(1.0).epsilon(1e-6));
    CHECK(at(b, 0, c) / (nox - x) == Approx(1.0).epsilon(1e-6));
    CHECK(at(b, 2, c) / (ox - x) == Approx(1.0).epsilon(1e-6));
    CHECK(at(b, 0, c) * at(b, 2, c) / at(b, 1, c) == Approx(j / k).epsilon(1e-6));
  }
}

TEST_CASE("a failing cell is named in the status", "[chemistry][solver][unit]") {
  const auto m = Mechanism::from_string(
      "#DEFVAR A = IGNORE ; B = IGNORE ;\n#EQUATIONS <R1> A + A = B : 1.0e-3 ;\n", "fail.eqn");
  SolverOptions o;
  o.max_steps = 3;
  RosenbrockSolver solver(m, o);
  auto b = batch_for(m, 40);
  for (int c = 0; c < 40; ++c) at(b, 0, c) = c == 37 ? 1e15 : 0.0;
  const auto st = solver.integrate(b, 3600.0);
  CHECK_FALSE(st.ok);
  CHECK(st.cell == 37);
  CHECK_THAT(st.message, Catch::Contains("steps"));
  // Concentrations stay non-negative even for the failed cell.
  for (double v : b.conc) CHECK(v >= 0.0);
}

TEST_CASE("constant sources add linearly", "[chemistry][solver][unit]") {
  // dA/dt = S - k A: A(t) = S/k + (A0 - S/k) exp(-k t).
  const auto m =
      Mechanism::from_string("#DEFVAR A = IGNORE ;\n#EQUATIONS <R1> A = : 1.0e-3 ;\n", "src.eqn");
  SolverOptions o;
  o.rtol = 1e-8;
  o.atol_molec_cm3 = 1e-3;
  RosenbrockSolver solver(m, o);
  auto b = batch_for(m, 1);
  at(b, 0, 0) = 1e9;
  b.source_molec_cm3_s.assign(1, 1e5);
  REQUIRE(solver.integrate(b, 2000.0).ok);
  const double s_k = 1e5 / 1e-3;
  CHECK(at(b, 0, 0) == Approx(s_k + (1e9 - s_k) * std::exp(-2.0)).epsilon(1e-7));
}

TEST_CASE("a cell's result does not depend on the other cells of its batch",
          "[chemistry][solver][unit]") {
  const auto dir = qiantang::test::source_dir() / "chemistry";
  const auto m = Mechanism::load(dir / "mechanisms/small.eqn");
  const int n = 70;  // three blocks of up to 32 cells, the last one partial
  auto b = batch_for(m, n);
  const double air = Mechanism::air_number_density(298.15, 101325.0);
  for (int c = 0; c < n; ++c) {
    const double f = c / double(n - 1);
    b.temperature_K[c] = 280.0 + 30.0 * f;
    b.h2o_molec_cm3[c] = 0.01 * air * f;
    at(b, *m.species_index("NO"), c) = (1.0 + 40.0 * f) * 1e-9 * air;
    at(b, *m.species_index("NO2"), c) = (2.0 + 20.0 * (1 - f)) * 1e-9 * air;
    at(b, *m.species_index("O3"), c) = 40e-9 * air;
    at(b, *m.species_index("CO"), c) = 300e-9 * air;
    at(b, *m.species_index("FORM"), c) = 3e-9 * air;
    at(b, *m.species_index("ALD2"), c) = 1e-9 * air;
    for (std::size_t p = 0; p < m.photolysis_names().size(); ++p)
      b.photolysis_s[p * n + c] = 1e-5 * (1.0 + f) * (p == 0 ? 800.0 : 1.0);
  }
  RosenbrockSolver solver(m);
  auto whole = b;
  REQUIRE(solver.integrate(whole, 600.0).ok);
  for (int c : {0, 31, 32, 45, 69}) {
    auto one = batch_for(m, 1);
    for (int s = 0; s < m.n_species(); ++s) at(one, s, 0) = at(b, s, c);
    one.temperature_K[0] = b.temperature_K[c];
    one.h2o_molec_cm3[0] = b.h2o_molec_cm3[c];
    for (std::size_t p = 0; p < m.photolysis_names().size(); ++p)
      one.photolysis_s[p] = b.photolysis_s[p * n + c];
    REQUIRE(solver.integrate(one, 600.0).ok);
    for (int s = 0; s < m.n_species(); ++s) CHECK(at(one, s, 0) == at(whole, s, c));  // bitwise
  }
}

TEST_CASE("a carried step size saves steps and keeps the answer within tolerance",
          "[chemistry][solver][unit]") {
  const auto dir = qiantang::test::source_dir() / "chemistry";
  const auto m = Mechanism::load(dir / "mechanisms/small.eqn");
  const double air = Mechanism::air_number_density(298.15, 101325.0);
  auto b = batch_for(m, 5);
  for (int c = 0; c < 5; ++c) {
    at(b, *m.species_index("NO"), c) = (2.0 + 10.0 * c) * 1e-9 * air;
    at(b, *m.species_index("NO2"), c) = 10e-9 * air;
    at(b, *m.species_index("O3"), c) = 40e-9 * air;
    at(b, *m.species_index("CO"), c) = 300e-9 * air;
    at(b, *m.species_index("FORM"), c) = 3e-9 * air;
    for (std::size_t p = 0; p < m.photolysis_names().size(); ++p)
      b.photolysis_s[p * 5 + c] = 1e-5 * (p == 0 ? 800.0 : 1.0);
  }
  SolverOptions o;
  o.rtol = 1e-4;
  o.atol_molec_cm3 = 1e3;
  RosenbrockSolver solver(m, o);
  SolverOptions tight = o;
  tight.rtol = 1e-8;
  tight.atol_molec_cm3 = 1.0;
  tight.method = RosenbrockMethod::rodas4;
  RosenbrockSolver reference(m, tight);
  auto fresh = b, carried = b, exact = b;
  carried.step_s.assign(5, 0.0);
  long fresh_steps = 0, carried_steps = 0;
  for (int call = 0; call < 6; ++call) {
    const auto sf = solver.integrate(fresh, 600.0);
    const auto sc = solver.integrate(carried, 600.0);
    REQUIRE(sf.ok);
    REQUIRE(sc.ok);
    REQUIRE(reference.integrate(exact, 600.0).ok);
    for (double h : carried.step_s) CHECK(h > 0.0);
    if (call > 0) {  // the first call starts from the same estimate in both
      fresh_steps += sf.steps + sf.rejected;
      carried_steps += sc.steps + sc.rejected;
    }
  }
  CHECK(carried_steps < fresh_steps);
  // Both stay within a few tolerances of the tight solution for the species that matter.
  for (const char* name : {"NO", "NO2", "O3", "FORM"}) {
    const int s = *m.species_index(name);
    for (int c = 0; c < 5; ++c) {
      const double ref = at(exact, s, c), scale = std::abs(ref) + o.atol_molec_cm3 / o.rtol;
      CHECK(std::abs(at(carried, s, c) - ref) / scale < 20 * o.rtol);
      CHECK(std::abs(at(fresh, s, c) - ref) / scale < 20 * o.rtol);
    }
  }
}
