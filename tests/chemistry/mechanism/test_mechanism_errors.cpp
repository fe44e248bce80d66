// Bad mechanism files: every error is an InputError naming file:line (exit 2 from main).
#include <catch2/catch.hpp>
#include <string>

#include "chemistry/mechanism/mechanism.hpp"
#include "solver/common/errors.hpp"

using qiantang::InputError;
using qiantang::chemistry::Mechanism;

namespace {

const char* kHeader =
    "#DEFVAR\n"                         // line 1
    "  NO = N + O ; NO2 = N + 2O ;\n"   // line 2
    "  O3 = 3O ;\n"                     // line 3
    "#DEFFIX M = IGNORE ; O2 = 2O ;\n"  // line 4
    "#EQUATIONS\n";                     // line 5

// The message of the InputError thrown for `header + body` ("" if none).
std::string error_of(const std::string& body, const std::string& header = kHeader) {
  try {
    (void)Mechanism::from_string(header + body, "bad.eqn");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("mechanism errors name the file and line", "[chemistry][mechanism][errors]") {
  const std::string ok = "  <R1> NO2 + hv = NO + O3 : PHOT(J1, 1.0) ;\n";  // line 6
  REQUIRE(error_of(ok).empty());

  SECTION("unknown species") {
    const auto e = error_of(ok + "  <R2> NO + HO2 = NO2 : 1e-12 ;\n");
    CHECK_THAT(e, Catch::Contains("bad.eqn:7") && Catch::Contains("HO2"));
  }
  SECTION("missing '='") {
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 NO2 : 1e-12 ;\n"), Catch::Contains("bad.eqn:7"));
  }
  SECTION("missing ':'") {
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 1e-12 ;\n"), Catch::Contains("bad.eqn:7"));
  }
  SECTION("missing ';' at the end") {
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 : 1e-12\n"), Catch::Contains("bad.eqn:7"));
  }
  SECTION("unbalanced parentheses") {
    CHECK_THAT(error_of(ok + "\n  <R2> NO + O3 = NO2 : ARR(1e-12, 1310.0, 0.0 ;\n"),
               Catch::Contains("bad.eqn:8"));
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 : (1e-12)) ;\n"), Catch::Contains("bad.eqn:7"));
  }
  SECTION("unclosed comment") {
    CHECK_THAT(error_of(ok + "  { never closed\n  <R2> NO + O3 = NO2 : 1e-12 ;\n"),
               Catch::Contains("bad.eqn:7") && Catch::Contains("}"));
  }
  SECTION("malformed terms") {
    CHECK_THAT(error_of(ok + "  <R2> NO + + O3 = NO2 : 1e-12 ;\n"), Catch::Contains("bad.eqn:7"));
    CHECK_THAT(error_of(ok + "  <R2> 0.5 NO + O3 = NO2 : 1e-12 ;\n"), Catch::Contains("bad.eqn:7"));
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 NO : 1e-12 ;\n"), Catch::Contains("bad.eqn:7"));
  }
  SECTION("negative rate constant") {
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 : -1.4e-12 ;\n"),
               Catch::Contains("bad.eqn:7") && Catch::Contains("non-negative"));
  }
  SECTION("rate negative only at some temperatures") {
    // 1e-12 (T - 250)/50 < 0 below 250 K.
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 : 1e-12*(T - 250)/50 ;\n"),
               Catch::Contains("bad.eqn:7"));
  }
  SECTION("rate not finite in 200-330 K") {
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 : 1e-12/(T - 260) ;\n"),
               Catch::Contains("bad.eqn:7"));
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 : 1e-12*log10(T - 250) ;\n"),
               Catch::Contains("bad.eqn:7"));
  }
  SECTION("negative photolysis scale") {
    CHECK_THAT(error_of(ok + "  <R2> O3 + hv = NO2 : PHOT(J2, -1.0) ;\n"),
               Catch::Contains("bad.eqn:7"));
  }
  SECTION("unknown function, variable, wrong arguments") {
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 : ARRH(1e-12, 1310.0, 0.0) ;\n"),
               Catch::Contains("bad.eqn:7") && Catch::Contains("ARRH"));
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 : 1e-12*TEMP ;\n"),
               Catch::Contains("bad.eqn:7"));
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = NO2 : ARR(1e-12, 1310.0) ;\n"),
               Catch::Contains("bad.eqn:7"));
  }
  SECTION("EQUIL with an unknown label") {
    CHECK_THAT(error_of(ok + "  <R2> NO2 = NO + O3 : EQUIL(R9, 9e-29, 14000.0) ;\n"),
               Catch::Contains("bad.eqn:7") && Catch::Contains("R9"));
  }
  SECTION("duplicate label and species") {
    CHECK_THAT(error_of(ok + "  <R1> NO + O3 = NO2 : 1e-12 ;\n"), Catch::Contains("bad.eqn:7"));
    CHECK_THAT(error_of(ok, "#DEFVAR NO = N + O ;\n NO = N + O ;\n#EQUATIONS\n"),
               Catch::Contains("bad.eqn:2"));
  }
  SECTION("unknown section and fixed species") {
    CHECK_THAT(error_of(ok + "#INLINE F90_RCONST\n"), Catch::Contains("bad.eqn:7"));
    CHECK_THAT(
        error_of(
            ok,
            "#DEFVAR NO = N + O ; NO2 = N + 2O ; O3 = 3O ;\n#DEFFIX AR = IGNORE ;\n#EQUATIONS\n"),
        Catch::Contains("bad.eqn:2") && Catch::Contains("AR"));
  }
  SECTION("#CHECK finds an unbalanced reaction") {
    CHECK_THAT(error_of(ok + "  <R2> NO + O3 = O2 : 1e-12 ;\n#CHECK N ;\n"),
               Catch::Contains("bad.eqn:7") && Catch::Contains("N atoms"));
    CHECK(error_of(ok + "  <R2> NO + O3 = NO2 + O2 : 1e-12 ;\n#CHECK N ;\n").empty());
  }
}
