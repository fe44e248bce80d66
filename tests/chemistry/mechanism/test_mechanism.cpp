// Mechanism parser and rate expressions: species, stoichiometry, rate-constant forms against
// their formulas (docs/mechanism-format.md), the shipped small and Robertson mechanisms.
#include <catch2/catch.hpp>
#include <cmath>

#include "chemistry/mechanism/mechanism.hpp"
#include "chemistry/solver/sparse_kinetics.hpp"
#include "tests/test_support.hpp"

using qiantang::chemistry::Mechanism;
using qiantang::chemistry::RateConditions;

namespace {

// Rate constants of every reaction at one (T, P, H2O) with all J-values = j.
std::vector<double> rates_at(const Mechanism& m, double t, double p, double h2o, double j = 0.0) {
  std::vector<double> jv(std::max<std::size_t>(m.photolysis_names().size(), 1), j);
  std::vector<double> k(m.n_reactions()), scratch;
  m.rate_constants({1, &t, &p, &h2o, jv.data(), 1}, k.data(), scratch);
  return k;
}

double arr(double a, double c, double b, double t) {
  return a * std::exp(-c / t) * std::pow(t / 300.0, b);
}

}  // namespace

TEST_CASE("species, composition, molar masses and stoichiometry are read",
          "[chemistry][mechanism]") {
  const auto m = Mechanism::from_string(R"(
    // comment
    #DEFVAR
      NO = N + O ; NO2 = N + 2O ; { block
      comment } O3 = 3O ; XO2 = IGNORE ;
    #DEFFIX
      M = IGNORE ; O2 = 2O ;
    #MOLWT
      NO2 46.0055 ; O3 47.9982 ;
    #EQUATIONS
      <R1> NO2 + hv = NO + O3 : PHOT(NO2_X, 1.0) ;
      <R2> NO + O3 = NO2 + O2 : ARR(1.4e-12, 1310.0, 0.0) ;
      <R3> 2 NO2 = 0.5*NO + 0.5 NO + NO2 -1.0 XO2 + 0.25 XO2 : 1.0e-20 ;
      NO + O2 + M = NO2 : 3.0e-40 ;
  )",
                                        "inline.eqn");
  REQUIRE(m.n_species() == 4);
  CHECK(m.species_name(0) == "NO");
  CHECK(m.species_index("O3") == 2);
  CHECK_FALSE(m.species_index("M").has_value());
  CHECK(m.atoms(1, "O") == 2.0);
  CHECK(m.atoms(1, "N") == 1.0);
  CHECK_FALSE(m.has_composition(3));
  CHECK(m.molar_mass_g_mol(1) == 46.0055);
  CHECK(m.molar_mass_g_mol(0) == 0.0);
  REQUIRE(m.photolysis_names() == std::vector<std::string>{"NO2_X"});
  REQUIRE(m.n_reactions() == 4);
  const auto& r3 = m.reactions()[2];
  CHECK(r3.label == "R3");
  CHECK(r3.line == 13);
  CHECK(r3.reactants == std::vector<int>{1, 1});
  // NO yield 0.5 + 0.5; NO2 1; XO2 -1.0 + 0.25
  REQUIRE(r3.products.size() == 3);
  CHECK(r3.products[0] == std::pair<int, double>{0, 1.0});
  CHECK(r3.products[1] == std::pair<int, double>{1, 1.0});
  CHECK(r3.products[2].first == 3);
  CHECK(r3.products[2].second == Approx(-0.75));
  CHECK(m.reactions()[3].label == "R4");  // unlabelled: R<position>
  CHECK(m.reactions()[3].fixed_reactants.size() == 2);

  const double t = 285.0, p = 90000.0;
  const double air = Mechanism::air_number_density(t, p);
  CHECK(air == Approx(p / (1.380649e-23 * t) * 1e-6).epsilon(1e-14));
  const auto k = rates_at(m, t, p, 0.0, 7.0e-3);
  CHECK(k[0] == Approx(7.0e-3).epsilon(1e-15));
  CHECK(k[1] == Approx(1.4e-12 * std::exp(-1310.0 / t)).epsilon(1e-14));
  CHECK(k[2] == Approx(1.0e-20).epsilon(1e-15));
  // Fixed reactants multiply: k * [O2] * [M], O2 = 0.2095 M.
  CHECK(k[3] == Approx(3.0e-40 * 0.2095 * air * air).epsilon(1e-13));
}

TEST_CASE("rate-expression forms: ARR, TROE, EQUIL, arithmetic and H2O dependence",
          "[chemistry][mechanism]") {
  const auto m = Mechanism::from_string(R"(
    #DEFVAR A = IGNORE ; B = IGNORE ;
    #DEFFIX M = IGNORE ; H2O = 2H + O ;
    #EQUATIONS
      <F>  A = B : TROE(1.8e-30, 0.0, -3.0, 2.8e-11, 0.0, 0.0, 0.6, 1.0) ;
      <Q>  B = A : EQUIL(F, 9.0e-29, 14000.0) ;
      <H>  A + A = B : (ARR(2.3e-13, -600.0, 0.0) + ARR(1.7e-33, -1000.0, 0.0)*M)
                       * (1.0 + 1.4e-21*H2O*exp(2200.0/T)) ;
      <C>  A = B : 1.44e-13 + 3.43e-33*M ;
      <P>  A = B : 2^3 - 2*-1.5 + pow(2.0, 0.5)*sqrt(2.0) - 10/4 + log10(100) + max(1, min(3, 2)) ;
      <D>  A = B : 1.0D-3 * (T/300)**2 ;
  )",
                                        "forms.eqn");
  const double t = 250.0, p = 60000.0, h2o = 1.0e17;
  const double air = Mechanism::air_number_density(t, p);
  const auto k = rates_at(m, t, p, h2o);
  // IUPAC/CMAQ fall-off: k0 = 1.8e-30 (T/300)^-3 M, kinf = 2.8e-11, Fc = 0.6, N = 1.
  const double k0 = arr(1.8e-30, 0.0, -3.0, t) * air, kinf = 2.8e-11;
  const double x = std::log10(k0 / kinf);
  const double troe = k0 / (1.0 + k0 / kinf) * std::pow(0.6, 1.0 / (1.0 + x * x));
  CHECK(k[0] == Approx(troe).epsilon(1e-13));
  CHECK(k[1] == Approx(troe / (9.0e-29 * std::exp(14000.0 / t))).epsilon(1e-13));
  const double ho2 = (arr(2.3e-13, -600.0, 0.0, t) + arr(1.7e-33, -1000.0, 0.0, t) * air) *
                     (1.0 + 1.4e-21 * h2o * std::exp(2200.0 / t));
  CHECK(k[2] == Approx(ho2).epsilon(1e-13));
  CHECK(k[3] == Approx(1.44e-13 + 3.43e-33 * air).epsilon(1e-14));
  CHECK(k[4] == Approx(8.0 + 3.0 + 2.0 - 2.5 + 2.0 + 2.0).epsilon(1e-14));
  CHECK(k[5] == Approx(1.0e-3 * (t / 300.0) * (t / 300.0)).epsilon(1e-14));
  // The arithmetic-only expression folded to one constant at load time.
  CHECK(m.reactions()[4].rate.constant_value().has_value());
}

TEST_CASE("the shipped small and Robertson mechanisms load", "[chemistry][mechanism]") {
  const auto dir = qiantang::test::source_dir() / "chemistry" / "mechanisms";
  const auto small = Mechanism::load(dir / "small.eqn");
  CHECK(small.n_species() == 18);
  CHECK(small.species_index("PAN").has_value());
  CHECK(small.molar_mass_g_mol(*small.species_index("O3")) == Approx(47.9982));
  const auto rob = Mechanism::load(dir / "robertson.eqn");
  CHECK(rob.n_species() == 3);
  CHECK(rob.n_reactions() == 3);
  // Sparse structure: Robertson's Jacobian is full except (A,B)... all of A,B,C couple.
  const qiantang::chemistry::SparseKinetics kin(rob);
  CHECK(kin.n_species() == 3);
  CHECK(kin.lu_nonzeros() >= kin.jacobian_nonzeros());
}

TEST_CASE("Markowitz ordering avoids fill for an arrow-shaped Jacobian", "[chemistry][mechanism]") {
  // X + Yi -> nothing and Yi -> X for every i: the Jacobian is an arrow (full X row and column).
  // Eliminating X first would fill the whole matrix; the Markowitz order eliminates the Yi first:
  // no fill.
  std::string text = "#DEFVAR X = IGNORE ;";
  auto name = [](int i) {
    std::string y(1, 'Y');
    y += std::to_string(i);
    return y;
  };
  for (int i = 0; i < 8; ++i) {
    text += ' ';
    text += name(i);
    text += " = IGNORE ;";
  }
  text += " #EQUATIONS";
  for (int i = 0; i < 8; ++i) {
    const std::string y = name(i);
    text += " X + ";
    text += y;
    text += " = : 1e-12 ; ";
    text += y;
    text += " = X : 1e-3 ;";
  }
  const auto m = Mechanism::from_string(text, "arrow.eqn");
  const qiantang::chemistry::SparseKinetics kin(m);
  CHECK(kin.jacobian_nonzeros() == 9 + 2 * 8);
  CHECK(kin.lu_nonzeros() == kin.jacobian_nonzeros());
  CHECK(kin.position()[0] >= 7);  // X eliminated among the last two (a tie with the last Yi)
}
