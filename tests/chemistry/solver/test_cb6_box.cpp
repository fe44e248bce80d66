// CB6r3 box scenarios (configs/box/*.ini) with the Rosenbrock solver against SUNDIALS CVODE at
// rtol 1e-8 over 5 days, nitrogen-atom conservation in a closed box, and the O3 sensitivity
// regime of the VOC- and NOx-limited scenarios.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "chemistry/solver/box_model.hpp"
#include "chemistry/solver/rosenbrock.hpp"
#include "tests/chemistry/support/cvode_reference.hpp"
#include "tests/test_support.hpp"

using namespace qiantang::chemistry;
namespace fs = std::filesystem;

namespace {

fs::path repo(const char* rel) { return qiantang::test::source_dir() / rel; }

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

BoxScenario scenario(const Mechanism& m, const char* name, double hours) {
  auto cfg = qiantang::io::Config::load(repo("configs/box") / name);
  cfg.set("time", "duration_hours", std::to_string(hours));
  return read_box_scenario(cfg, m);
}

double peak(const BoxResult& r, int s) {
  double v = 0.0;
  for (std::size_t k = 0; k < r.time.size(); ++k) v = std::max(v, r.at(k, s));
  return v;
}

}  // namespace

TEST_CASE("CB6r3 box scenarios agree with CVODE within 1 % over 5 days",
          "[chemistry][cb6][verification]") {
  const auto m = Mechanism::load(repo("chemistry/mechanisms/cb6r3.eqn"));
  const Photolysis phot(m, repo("chemistry/photolysis/jtable.csv"));
  const char* compared[] = {"O3", "NO2", "HNO3", "FORM", "H2O2"};
  for (const char* name : {"urban_high_nox.ini", "voc_limited_o3.ini", "nox_limited_o3.ini"}) {
    auto s = scenario(m, name, 120.0);
    s.solver.rtol = 1e-8;
    s.solver.atol_molec_cm3 = 1e-2;
    s.solver.method = RosenbrockMethod::rodas4;
    s.solver.h_min_s = 0.0;
    s.solver.max_steps = 10000000;
    const BoxModel box(m, phot, s);
    const BoxResult ours = box.run();
    test::CvodeReference cvode(m, 1e-8, 1e-2, test::CvodeReference::LinearSolver::klu);
    const BoxResult ref =
        box.run([&](std::vector<double>& c, const std::vector<double>& j, double dt) {
          cvode.advance(c, j, s.temperature_K, s.pressure_Pa, s.h2o_molec_cm3, s.source_molec_cm3_s,
                        dt);
        });
    REQUIRE(ours.time.size() == 121);
    const double floor = 1e-6 * 1e-9 * s.air_molec_cm3();  // 1e-6 ppb
    for (const char* sp : compared) {
      const int i = *m.species_index(sp);
      double worst = 0.0;
      for (std::size_t k = 0; k < ours.time.size(); ++k) {
        const double a = ours.at(k, i), b = ref.at(k, i);
        worst = std::max(worst, std::abs(a - b) / (std::abs(b) + floor));
      }
      INFO(name << " " << sp << ": worst relative difference " << worst << " (CVODE "
                << test::CvodeReference::version() << ", " << cvode.steps() << " steps)");
      CHECK(worst <= 0.01);
    }
  }
}

TEST_CASE("a closed CB6r3 box conserves nitrogen atoms to 1e-8", "[chemistry][cb6][verification]") {
  // The published CB6r3 yields of R160 (products carry 1.001 N per NO3 reacted) and R170 (0.999 N
  // per INTR) are not N-balanced by themselves; a non-reacting bookkeeping species NBAL = N
  // takes the 0.001 difference so that every reaction conserves N, which #CHECK N verifies.
  std::string text = read_text(repo("chemistry/mechanisms/cb6r3.eqn"));
  auto add_term = [&](const std::string& label, const std::string& term) {
    const auto at = text.find("<" + label + ">");
    REQUIRE(at != std::string::npos);
    const auto colon = text.find(" : ", at);
    text.insert(colon, term);
  };
  add_term("R160", " - 0.001 NBAL");
  add_term("R170", " + 0.001 NBAL");
  text += "\n#DEFVAR NBAL = N ;\n#CHECK N ;\n";
  const auto m = Mechanism::from_string(text, "cb6r3+NBAL");
  const Photolysis phot(m, repo("chemistry/photolysis/jtable.csv"));
  auto s = scenario(m, "urban_high_nox.ini", 120.0);
  std::fill(s.source_molec_cm3_s.begin(), s.source_molec_cm3_s.end(), 0.0);  // closed box
  s.initial_molec_cm3[*m.species_index("NBAL")] = 1e-9 * s.air_molec_cm3();  // 1 ppb
  auto total_n = [&](const BoxResult& r, std::size_t k) {
    double n = 0.0;
    for (int i = 0; i < m.n_species(); ++i) n += m.atoms(i, "N") * r.at(k, i);
    return n;
  };
  for (double rtol : {1e-3, 1e-6}) {
    s.solver.rtol = rtol;
    const auto r = BoxModel(m, phot, s).run();
    const double n0 = total_n(r, 0);
    double worst = 0.0;
    for (std::size_t k = 0; k < r.time.size(); ++k)
      worst = std::max(worst, std::abs(total_n(r, k) / n0 - 1.0));
    INFO("rtol " << rtol << ": largest relative change of total N " << worst);
    CHECK(worst <= 1e-8);
  }
}

TEST_CASE("O3 sensitivity: VOC-limited and NOx-limited scenarios respond as their regime",
          "[chemistry][cb6][unit]") {
  const auto m = Mechanism::load(repo("chemistry/mechanisms/cb6r3.eqn"));
  const Photolysis phot(m, repo("chemistry/photolysis/jtable.csv"));
  const int o3 = *m.species_index("O3");
  const std::vector<std::string> nox{"NO", "NO2", "HONO"};
  auto is_nox = [&](int i) {
    return std::find(nox.begin(), nox.end(), m.species_name(i)) != nox.end();
  };
  auto is_voc = [&](int i) {
    return m.atoms(i, "C") > 0.0 && m.species_name(i) != "CO" && m.atoms(i, "N") == 0.0;
  };
  // Peak O3 of the day with NOx or VOC (initial and emitted) scaled by 0.7.
  auto peak_o3 = [&](const char* name, double f_nox, double f_voc) {
    auto s = scenario(m, name, 24.0);
    for (int i = 0; i < m.n_species(); ++i) {
      const double f = is_nox(i) ? f_nox : is_voc(i) ? f_voc : 1.0;
      s.initial_molec_cm3[i] *= f;
      s.source_molec_cm3_s[i] *= f;
    }
    return peak(BoxModel(m, phot, s).run(), o3);
  };
  {
    const double base = peak_o3("voc_limited_o3.ini", 1.0, 1.0);
    CHECK(peak_o3("voc_limited_o3.ini", 0.7, 1.0) > base);  // NOx cut raises O3
    CHECK(peak_o3("voc_limited_o3.ini", 1.0, 0.7) < base);  // VOC cut lowers it
  }
  {
    const double base = peak_o3("nox_limited_o3.ini", 1.0, 1.0);
    const double nox_cut = peak_o3("nox_limited_o3.ini", 0.7, 1.0);
    const double voc_cut = peak_o3("nox_limited_o3.ini", 1.0, 0.7);
    CHECK(nox_cut < base);
    CHECK(base - nox_cut > base - voc_cut);  // NOx is the limiting precursor
  }
}
