#pragma once
// A gas-phase mechanism read at run time from a KPP-subset equation file
// (docs/mechanism-format.md): variable species with composition and molar mass, reactions with
// (fractional) stoichiometry and compiled rate expressions, and the J-values they use.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chemistry/mechanism/rate_expression.hpp"

namespace qiantang::chemistry {

struct Reaction {
  std::string label;
  int line = 0;                // line in the mechanism file where it starts
  std::vector<int> reactants;  // variable species, repeated for multiplicity (sorted)
  std::vector<RateVariable> fixed_reactants;     // fixed species on the left (multiply the rate)
  std::vector<std::pair<int, double>> products;  // variable species and net yield (merged)
  RateProgram rate;                              // rate constant, molecules cm^-3 and s units
};

// Per-cell environment for rate constants (n cells, contiguous arrays).
struct RateConditions {
  int n = 0;
  const double* temperature_K = nullptr;
  const double* pressure_Pa = nullptr;
  const double* h2o_molec_cm3 = nullptr;
  const double* photolysis_s = nullptr;  // [n_photolysis][stride]
  int stride = 0;                        // of photolysis_s and of the output
};

class Mechanism {
 public:
  // Reads and checks a mechanism file; throws InputError("file:line", ...) on bad input.
  static Mechanism load(const std::filesystem::path& file);
  // The same from text (`name` is used in error messages as the file name).
  static Mechanism from_string(const std::string& text, const std::string& name);

  int n_species() const { return static_cast<int>(species_.size()); }
  const std::string& species_name(int s) const { return species_[s].name; }
  std::optional<int> species_index(const std::string& name) const;
  double molar_mass_g_mol(int s) const { return species_[s].molar_mass_g_mol; }
  // Atoms of `element` (e.g. "N") in species s; 0 for IGNORE species.
  double atoms(int s, const std::string& element) const;
  bool has_composition(int s) const { return !species_[s].ignore; }
  const std::vector<std::string>& photolysis_names() const { return photolysis_names_; }
  int n_reactions() const { return static_cast<int>(reactions_.size()); }
  const std::vector<Reaction>& reactions() const { return reactions_; }
  const std::string& source_name() const { return source_; }

  // Effective first-order-in-each-variable-reactant rate constants k_eff (rate constant times
  // the concentrations of the fixed reactants) for `c.n` cells: k[r * c.stride + cell].
  // `scratch` is reused between calls.
  void rate_constants(const RateConditions& c, double* k, std::vector<double>& scratch) const;

  // Air number density M = P / (k_B T), molecules cm^-3.
  static double air_number_density(double temperature_K, double pressure_Pa);

 private:
  struct Species {
    std::string name;
    std::map<std::string, double> composition;
    bool ignore = true;
    double molar_mass_g_mol = 0.0;
  };
  std::string source_;
  std::vector<Species> species_;
  std::map<std::string, int> index_;
  std::vector<std::string> photolysis_names_;
  std::vector<Reaction> reactions_;
  std::vector<int> evaluation_order_;  // reactions without EQUIL first
};

}  // namespace qiantang::chemistry
