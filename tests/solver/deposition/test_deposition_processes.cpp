// The aerosol, cloud-chemistry, dry- and wet-deposition processes in a model run on the built-in
// Hangzhou winter case (coarse): per-species budgets close, and sulfur, nitrogen and ammonia are
// conserved through the aerosol and cloud steps.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "io/config/config.hpp"
#include "solver/aerosol/aerosol_processes.hpp"
#include "solver/cases/hangzhou_case.hpp"
#include "solver/common/time.hpp"
#include "solver/driver/model.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;

namespace {

std::map<std::string, std::map<std::string, double>> last_budget(const std::filesystem::path& csv) {
  std::ifstream in(csv);
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  {
    std::stringstream ss(line);
    std::string h;
    while (std::getline(ss, h, ',')) header.push_back(h);
  }
  std::map<std::string, std::map<std::string, double>> out;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string v;
    std::vector<std::string> f;
    while (std::getline(ss, v, ',')) f.push_back(v);
    for (std::size_t n = 2; n < f.size() && n < header.size(); ++n)
      out[f[1]][header[n]] = std::stod(f[n]);
  }
  return out;
}

}  // namespace

TEST_CASE("Aerosol and deposition processes in a model run close their budgets",
          "[deposition][aerosol][verification]") {
  solver::register_aerosol_processes(solver::ProcessFactory::instance());
  const auto dir = test::scratch_dir("aerosol_processes");
  cases::write_hangzhou_case("hangzhou-winter-coarse", dir);
  const auto c = cases::hangzhou_case("hangzhou-winter-coarse");
  const auto files = cases::hangzhou_met_files(c, c.domains.front());
  // Gases as passive mol/mol tracers (no molar mass: their budget "kg" is kg of air × mol/mol),
  // aerosols as kg/kg.
  const std::map<std::string, double> gases{{"SO2", 5e-9},   {"SULF", 1e-11}, {"H2O2", 1e-9},
                                            {"O3", 40e-9},   {"NH3", 10e-9},  {"HNO3", 3e-9},
                                            {"N2O5", 0.2e-9}};
  const std::map<std::string, double> aerosols{
      {"ASO4", 8e-9},   {"ANO3", 6e-9},    {"ANH4", 4e-9},    {"APOA", 5e-9},  {"AEC", 2e-9},
      {"ACORS", 10e-9}, {"SVOC1", 0.2e-9}, {"SVOC2", 0.5e-9}, {"SVOC3", 1e-9}, {"SVOC4", 2e-9},
      {"ASOA1", 0},     {"ASOA2", 0},      {"ASOA3", 0},      {"ASOA4", 0}};
  std::ostringstream o;
  o << "[run]\nstart = " << format_iso8601(c.start)
    << "\nhours = 3\ntime_step_s = 1200\nrestart_interval_h = 0\n"
    << "progress = false\n\n[domain]\nname = d01\n\n[met]\nformat = cf\nfiles = ";
  for (std::size_t n = 0; n < files.size(); ++n) o << (n ? ", " : "") << files[n];
  auto list = [&](const std::map<std::string, double>& m) {
    std::string s;
    for (const auto& [k, v] : m) s += (s.empty() ? "" : ", ") + k;
    return s;
  };
  o << "\n\n[species]\ntracers = " << list(gases) << "\naerosols = " << list(aerosols)
    << "\n\n[initial_conditions]\n";
  for (const auto& m : {gases, aerosols})
    for (const auto& [k, v] : m) o << k << " = " << v << "\n";
  o << "\n[boundary_conditions]\n";
  for (const auto& m : {gases, aerosols})
    for (const auto& [k, v] : m) o << k << " = " << v << "\n";
  o << "\n[processes]\norder = vertical_diffusion, horizontal_advection, vertical_advection, "
       "cloud_chemistry, aerosol, wet_deposition, dry_deposition\n\n"
    << "[output]\ndir = output\ninterval_s = 3600\nthree_d = false\n";
  std::ofstream(dir / "config_aerosol.ini") << o.str();

  const auto cfg = io::Config::load(dir / "config_aerosol.ini");
  solver::Model m(cfg);
  (void)m.run();
  const auto b = last_budget(dir / "output" / "budget.csv");
  for (const auto& [species, v] : b) {
    INFO(species);
    const double scale = std::max(v.at("mass_start_kg"), v.at("mass_now_kg"));
    CHECK(std::abs(v.at("residual_kg")) <= 1e-10 * scale);
  }
  // Atom budgets of the chemistry terms (moles: gas "kg" / M_air, aerosol kg / M).
  constexpr double kAir = 28.9644e-3, kSO4 = 96.06e-3, kNO3 = 62.005e-3, kNH4 = 18.038e-3;
  auto chem = [&](const char* s) { return b.at(s).at("chemistry_change_kg"); };
  const double ds_gas = (chem("SO2") + chem("SULF")) / kAir, ds_aer = chem("ASO4") / kSO4;
  CHECK(ds_aer > 0.0);  // cloud sulfate and condensed H2SO4
  CHECK(std::abs(ds_gas + ds_aer) <= 1e-10 * ds_aer);
  const double dn_gas = (chem("HNO3") + 2 * chem("N2O5")) / kAir, dn_aer = chem("ANO3") / kNO3;
  CHECK(std::abs(dn_gas + dn_aer) <= 1e-10 * (std::abs(dn_gas) + std::abs(dn_aer)));
  const double da_gas = chem("NH3") / kAir, da_aer = chem("ANH4") / kNH4;
  CHECK(std::abs(da_gas + da_aer) <= 1e-10 * (std::abs(da_gas) + std::abs(da_aer)));
  // Deposition happened and went to the budget.
  CHECK(b.at("SO2").at("dry_deposited_kg") > 0.0);
  CHECK(b.at("ACORS").at("dry_deposited_kg") > 0.0);
  CHECK(b.at("HNO3").at("dry_deposited_kg") > 0.0);
}
