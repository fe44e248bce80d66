#include "chemistry/mechanism/mechanism.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::chemistry {
namespace {

struct Statement {
  std::string text;
  int line = 0;
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_name(const std::string& s) {
  return !s.empty() && is_name_start(s[0]) && std::all_of(s.begin(), s.end(), is_name_char);
}

// Fixed species allowed in #DEFFIX and the environment variable that gives their concentration.
std::optional<RateVariable> fixed_species(const std::string& name) {
  if (name == "M") return RateVariable::M;
  if (name == "O2") return RateVariable::O2;
  if (name == "N2") return RateVariable::N2;
  if (name == "H2O") return RateVariable::H2O;
  if (name == "H2") return RateVariable::H2;
  if (name == "CH4") return RateVariable::CH4;
  return std::nullopt;
}

// Volume mixing ratios of the fixed species derived from M (docs/mechanism-format.md):
// O2 0.2095, N2 0.7808 (dry air); H2 0.56 ppm and CH4 1.85 ppm as CMAQ's CB6 constant species.
constexpr double kO2Fraction = 0.2095, kN2Fraction = 0.7808, kH2Fraction = 5.6e-7,
                 kCH4Fraction = 1.85e-6;

class Parser {
 public:
  Parser(const std::string& text, std::string name) : text_(text), name_(std::move(name)) {}

  std::string where(int line) const { return name_ + ":" + std::to_string(line); }

  // Splits into (section, statement) pairs with comments removed.
  std::vector<std::pair<std::string, Statement>> statements() const {
    std::string clean = text_;
    int line = 1;
    for (std::size_t i = 0; i < clean.size(); ++i) {
      if (clean[i] == '\n') {
        ++line;
      } else if (clean[i] == '/' && i + 1 < clean.size() && clean[i + 1] == '/') {
        while (i < clean.size() && clean[i] != '\n') clean[i++] = ' ';
        --i;
      } else if (clean[i] == '{') {
        const int open_line = line;
        while (i < clean.size() && clean[i] != '}') {
          if (clean[i] == '\n')
            ++line;
          else
            clean[i] = ' ';
          ++i;
        }
        if (i >= clean.size())
          throw InputError(where(open_line), "comment", "a '}' closing this '{'");
        clean[i] = ' ';
      } else if (clean[i] == '}') {
        throw InputError(where(line), "comment", "'}' only after an opening '{'");
      }
    }
    std::vector<std::pair<std::string, Statement>> out;
    std::string section, buf;
    int start = 0;
    line = 1;
    for (std::size_t i = 0; i < clean.size(); ++i) {
      const char c = clean[i];
      if (c == '#') {
        if (!trim(buf).empty())
          throw InputError(where(start), trim(buf), "';' at the end of the statement");
        std::size_t e = i + 1;
        while (e < clean.size() && is_name_char(clean[e])) ++e;
        section = clean.substr(i + 1, e - i - 1);
        static const std::set<std::string> known{"DEFVAR", "DEFFIX", "MOLWT", "CHECK", "EQUATIONS"};
        if (!known.count(section))
          throw InputError(where(line), "#" + section,
                           "one of the sections #DEFVAR, #DEFFIX, #MOLWT, #CHECK, #EQUATIONS");
        buf.clear();
        i = e - 1;
        continue;
      }
      if (c == '\n') ++line;
      if (c == ';') {
        if (trim(buf).empty()) throw InputError(where(line), "';'", "a statement before ';'");
        if (section.empty())
          throw InputError(where(start), trim(buf), "a section (#DEFVAR, #EQUATIONS, ...) first");
        out.push_back({section, {trim(buf), start}});
        buf.clear();
        continue;
      }
      if (trim(buf).empty() && !std::isspace(static_cast<unsigned char>(c))) start = line;
      buf += c;
    }
    if (!trim(buf).empty())
      throw InputError(where(start), trim(buf), "';' at the end of the statement");
    return out;
  }

 private:
  const std::string& text_;
  std::string name_;
};

// "N + 2O" or "IGNORE" -> element counts.
std::map<std::string, double> parse_composition(const std::string& s, const std::string& where,
                                                const std::string& species, bool& ignore) {
  std::map<std::string, double> comp;
  ignore = trim(s) == "IGNORE";
  if (ignore) return comp;
  std::stringstream in(s);
  std::string term;
  while (std::getline(in, term, '+')) {
    term = trim(term);
    std::size_t p = 0;
    while (p < term.size() && std::isdigit(static_cast<unsigned char>(term[p]))) ++p;
    const double count = p == 0 ? 1.0 : std::atof(term.substr(0, p).c_str());
    const std::string el = trim(term.substr(p));
    const bool ok = (el.size() == 1 && std::isupper(static_cast<unsigned char>(el[0]))) ||
                    (el.size() == 2 && std::isupper(static_cast<unsigned char>(el[0])) &&
                     std::islower(static_cast<unsigned char>(el[1])));
    if (!ok)
      throw InputError(where, species,
                       "composition 'IGNORE' or terms like 'N + 2O' (got '" + trim(s) + "')");
    comp[el] += count;
  }
  return comp;
}

struct Term {
  double coefficient = 1.0;
  std::string name;
};

// Terms "[number][*] NAME" joined by + (or - when `allow_minus`).
std::vector<Term> parse_side(const std::string& s, bool allow_minus, const std::string& where,
                             const std::string& label, const char* side) {
  std::vector<Term> terms;
  std::size_t i = 0;
  auto skip = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  auto bad = [&](const std::string& what) -> InputError {
    return InputError(where, "reaction " + label,
                      std::string(side) + " as '[number] NAME + ...' (" + what + ")");
  };
  skip();
  if (i >= s.size()) return terms;
  bool first = true;
  while (i < s.size()) {
    double sign = 1.0;
    skip();
    if (!first) {
      if (i < s.size() && s[i] == '+') {
        ++i;
      } else if (i < s.size() && s[i] == '-' && allow_minus) {
        sign = -1.0;
        ++i;
      } else {
        throw bad("expected '+' between terms at '" + s.substr(i) + "'");
      }
      skip();
    } else if (i < s.size() && s[i] == '-' && allow_minus) {
      sign = -1.0;
      ++i;
      skip();
    }
    first = false;
    Term t;
    if (i < s.size() && (s[i] == '+' || s[i] == '-') && allow_minus) {
      if (s[i] == '-') sign = -sign;
      ++i;
      skip();
    }
    if (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
      const char* b = s.c_str() + i;
      char* e = nullptr;
      t.coefficient = std::strtod(b, &e);
      if (e == b) throw bad("bad number");
      i += static_cast<std::size_t>(e - b);
      skip();
      if (i < s.size() && s[i] == '*') ++i;
      skip();
    }
    t.coefficient *= sign;
    const std::size_t b = i;
    while (i < s.size() && is_name_char(s[i])) ++i;
    t.name = s.substr(b, i - b);
    if (!is_name(t.name)) throw bad("expected a species name at '" + s.substr(b) + "'");
    if (!std::isfinite(t.coefficient)) throw bad("coefficient not finite");
    terms.push_back(t);
    skip();
  }
  return terms;
}

}  // namespace

double Mechanism::air_number_density(double temperature_K, double pressure_Pa) {
  // n = P / (k_B T) in m^-3, times 1e-6 for cm^-3.
  return pressure_Pa / (constants::boltzmann_J_K * temperature_K) * 1e-6;
}

Mechanism Mechanism::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "mechanism", "a readable mechanism file");
  std::stringstream ss;
  ss << in.rdbuf();
  return from_string(ss.str(), file.string());
}

Mechanism Mechanism::from_string(const std::string& text, const std::string& name) {
  Mechanism m;
  m.source_ = name;
  const Parser parser(text, name);
  const auto statements = parser.statements();
  auto where = [&](int line) { return parser.where(line); };

  struct Fixed {
    std::map<std::string, double> composition;
    bool ignore = true;
  };
  std::map<std::string, Fixed> fixed;
  std::vector<std::string> check_elements;
  std::vector<Statement> equations;

  for (const auto& [section, st] : statements) {
    if (section == "DEFVAR" || section == "DEFFIX") {
      const auto eq = st.text.find('=');
      if (eq == std::string::npos)
        throw InputError(where(st.line), st.text, "'NAME = composition' (or '= IGNORE')");
      const std::string sp = trim(st.text.substr(0, eq));
      if (!is_name(sp)) throw InputError(where(st.line), sp, "a species name");
      if (m.index_.count(sp) || fixed.count(sp))
        throw InputError(where(st.line), sp, "each species declared once");
      bool ignore = true;
      auto comp = parse_composition(st.text.substr(eq + 1), where(st.line), sp, ignore);
      if (section == "DEFVAR") {
        if (sp == "hv") throw InputError(where(st.line), sp, "a name other than 'hv'");
        m.index_[sp] = static_cast<int>(m.species_.size());
        m.species_.push_back({sp, std::move(comp), ignore, 0.0});
      } else {
        if (!fixed_species(sp))
          throw InputError(where(st.line), sp, "a fixed species among M, O2, N2, H2O, H2, CH4");
        fixed[sp] = {std::move(comp), ignore};
      }
    } else if (section == "MOLWT") {
      std::istringstream in(st.text);
      std::string sp, value, extra;
      in >> sp >> value >> extra;
      char* end = nullptr;
      const double v = std::strtod(value.c_str(), &end);
      if (sp.empty() || value.empty() || !extra.empty() || end != value.c_str() + value.size() ||
          !(v > 0.0))
        throw InputError(where(st.line), st.text,
                         "'NAME molar_mass_g_mol ;' with a positive number");
      if (!m.index_.count(sp))
        throw InputError(where(st.line), sp, "a species declared in #DEFVAR before #MOLWT");
      m.species_[m.index_.at(sp)].molar_mass_g_mol = v;
    } else if (section == "CHECK") {
      std::string t = st.text;
      std::replace(t.begin(), t.end(), ',', ' ');
      std::istringstream in(t);
      std::string el;
      while (in >> el) check_elements.push_back(el);
    } else {
      equations.push_back(st);
    }
  }
  if (m.species_.empty()) throw InputError(name, "#DEFVAR", "at least one variable species");
  if (equations.empty()) throw InputError(name, "#EQUATIONS", "at least one reaction");

  // Labels first, so that EQUIL may refer to any reaction.
  std::map<std::string, int> labels;
  std::vector<std::string> label_of(equations.size());
  for (std::size_t r = 0; r < equations.size(); ++r) {
    const auto& st = equations[r];
    std::string label(1, 'R');
    label += std::to_string(r + 1);
    if (!st.text.empty() && st.text[0] == '<') {
      const auto close = st.text.find('>');
      if (close == std::string::npos)
        throw InputError(where(st.line), st.text.substr(0, 20), "a label '<LABEL>' closed by '>'");
      label = trim(st.text.substr(1, close - 1));
      if (label.empty() || label.find_first_of(" \t\n") != std::string::npos)
        throw InputError(where(st.line), "<" + label + ">", "a label without spaces");
    }
    if (labels.count(label))
      throw InputError(where(st.line), "reaction " + label, "a label used only once");
    labels[label] = static_cast<int>(r);
    label_of[r] = label;
  }

  std::map<std::string, int> phot_index;
  auto lookup_phot = [&](const std::string& j) {
    auto it = phot_index.find(j);
    if (it != phot_index.end()) return it->second;
    const int idx = static_cast<int>(m.photolysis_names_.size());
    phot_index[j] = idx;
    m.photolysis_names_.push_back(j);
    return idx;
  };
  auto lookup_rate = [&](const std::string& l) {
    auto it = labels.find(l);
    return it == labels.end() ? -1 : it->second;
  };

  for (std::size_t r = 0; r < equations.size(); ++r) {
    const auto& st = equations[r];
    const std::string& label = label_of[r];
    const std::string w = where(st.line);
    std::string body = st.text;
    if (!body.empty() && body[0] == '<') body = body.substr(body.find('>') + 1);
    const auto eq = body.find('=');
    const auto colon = body.find(':');
    if (eq == std::string::npos || (colon != std::string::npos && colon < eq))
      throw InputError(w, "reaction " + label, "'reactants = products : rate ;' (no '=')");
    if (colon == std::string::npos)
      throw InputError(w, "reaction " + label, "'reactants = products : rate ;' (no ':')");
    const auto lhs = parse_side(body.substr(0, eq), false, w, label, "reactants");
    const auto rhs = parse_side(body.substr(eq + 1, colon - eq - 1), true, w, label, "products");
    const std::string expr = trim(body.substr(colon + 1));

    Reaction rx;
    rx.label = label;
    rx.line = st.line;
    std::map<std::string, double> balance;  // atoms: reactants minus products
    auto add_atoms = [&](const std::map<std::string, double>& comp, double coef) {
      for (const auto& [el, n] : comp) balance[el] += coef * n;
    };
    for (const auto& t : lhs) {
      if (t.name == "hv") continue;
      const double mult = std::round(t.coefficient);
      if (!(t.coefficient > 0.0) || std::abs(t.coefficient - mult) > 1e-12)
        throw InputError(w, "reaction " + label,
                         "positive whole-number reactant multiplicities (got " +
                             std::to_string(t.coefficient) + " " + t.name + ")");
      if (auto it = m.index_.find(t.name); it != m.index_.end()) {
        for (int i = 0; i < static_cast<int>(mult); ++i) rx.reactants.push_back(it->second);
        add_atoms(m.species_[it->second].composition, mult);
      } else if (auto f = fixed.find(t.name); f != fixed.end()) {
        for (int i = 0; i < static_cast<int>(mult); ++i)
          rx.fixed_reactants.push_back(*fixed_species(t.name));
        add_atoms(f->second.composition, mult);
      } else {
        throw InputError(w, "reaction " + label,
                         "known species, '" + t.name + "' is not in #DEFVAR or #DEFFIX");
      }
    }
    if (rx.reactants.empty())
      throw InputError(w, "reaction " + label, "at least one #DEFVAR species among the reactants");
    std::sort(rx.reactants.begin(), rx.reactants.end());
    std::map<int, double> yields;
    for (const auto& t : rhs) {
      if (t.name == "hv") continue;
      if (auto it = m.index_.find(t.name); it != m.index_.end()) {
        yields[it->second] += t.coefficient;
        add_atoms(m.species_[it->second].composition, -t.coefficient);
      } else if (auto f = fixed.find(t.name); f != fixed.end()) {
        add_atoms(f->second.composition, -t.coefficient);
      } else {
        throw InputError(w, "reaction " + label,
                         "known species, '" + t.name + "' is not in #DEFVAR or #DEFFIX");
      }
    }
    for (const auto& [s, y] : yields)
      if (y != 0.0) rx.products.push_back({s, y});
    for (const auto& el : check_elements) {
      const double b = balance.count(el) ? balance[el] : 0.0;
      if (std::abs(b) > 1e-6)
        throw InputError(
            w, "reaction " + label,
            "balanced " + el + " atoms (#CHECK); reactants minus products = " + std::to_string(b));
    }
    try {
      rx.rate = RateProgram::compile(expr, lookup_phot, lookup_rate);
    } catch (const std::invalid_argument& e) {
      throw InputError(w, "reaction " + label, e.what());
    }
    m.reactions_.push_back(std::move(rx));
  }

  // EQUIL may refer only to reactions whose own rate does not use EQUIL.
  for (const auto& rx : m.reactions_)
    for (int ref : rx.rate.referenced_reactions())
      if (m.reactions_[ref].rate.uses_rate())
        throw InputError(where(rx.line), "reaction " + rx.label,
                         "EQUIL referring to a reaction whose rate does not itself use EQUIL ('" +
                             m.reactions_[ref].label + "' does)");
  for (int pass = 0; pass < 2; ++pass)
    for (int r = 0; r < m.n_reactions(); ++r)
      if (m.reactions_[r].rate.uses_rate() == (pass == 1)) m.evaluation_order_.push_back(r);

  // Rate constants must be finite and non-negative over 200-330 K, 0.5-1 atm, dry to humid.
  const double temps[] = {200.0, 230.0, 260.0, 298.15, 330.0};
  const double press[] = {0.5 * 101325.0, 101325.0};
  std::vector<double> t, p, h2o;
  for (double tk : temps)
    for (double pa : press)
      for (double wet : {0.0, 0.03}) {
        t.push_back(tk);
        p.push_back(pa);
        h2o.push_back(wet * air_number_density(tk, pa));
      }
  const int n = static_cast<int>(t.size());
  std::vector<double> j(std::max<std::size_t>(m.photolysis_names_.size(), 1) * n, 1e-2);
  std::vector<double> k(static_cast<std::size_t>(m.n_reactions()) * n), scratch;
  m.rate_constants({n, t.data(), p.data(), h2o.data(), j.data(), n}, k.data(), scratch);
  for (int r = 0; r < m.n_reactions(); ++r)
    for (int c = 0; c < n; ++c) {
      const double v = k[static_cast<std::size_t>(r) * n + c];
      if (!std::isfinite(v) || v < 0.0) {
        std::ostringstream msg;
        msg << "a finite, non-negative rate for 200-330 K and 0.5-1 atm; got " << v
            << " at T = " << t[c] << " K, P = " << p[c] << " Pa, H2O = " << h2o[c] << " cm^-3";
        throw InputError(where(m.reactions_[r].line), "reaction " + m.reactions_[r].label,
                         msg.str());
      }
    }
  return m;
}

std::optional<int> Mechanism::species_index(const std::string& name) const {
  auto it = index_.find(name);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

double Mechanism::atoms(int s, const std::string& element) const {
  const auto& c = species_[s].composition;
  auto it = c.find(element);
  return it == c.end() ? 0.0 : it->second;
}

void Mechanism::rate_constants(const RateConditions& c, double* k,
                               std::vector<double>& scratch) const {
  const int n = c.n;
  // Environment variables for the n cells, then the programs in dependency order.
  std::vector<double> env(static_cast<std::size_t>(kRateVariableCount) * n);
  auto var = [&](RateVariable v) { return env.data() + static_cast<std::size_t>(v) * n; };
  for (int i = 0; i < n; ++i) {
    const double air = air_number_density(c.temperature_K[i], c.pressure_Pa[i]);
    var(RateVariable::T)[i] = c.temperature_K[i];
    var(RateVariable::P)[i] = c.pressure_Pa[i];
    var(RateVariable::M)[i] = air;
    var(RateVariable::O2)[i] = kO2Fraction * air;
    var(RateVariable::N2)[i] = kN2Fraction * air;
    var(RateVariable::H2O)[i] = c.h2o_molec_cm3[i];
    var(RateVariable::H2)[i] = kH2Fraction * air;
    var(RateVariable::CH4)[i] = kCH4Fraction * air;
  }
  RateInputs in;
  in.n = n;
  for (int v = 0; v < kRateVariableCount; ++v) in.variable[v] = var(static_cast<RateVariable>(v));
  in.j = c.photolysis_s;
  in.k = k;
  in.stride = c.stride;
  for (int r : evaluation_order_)
    reactions_[r].rate.evaluate(in, k + static_cast<std::size_t>(r) * c.stride, scratch);
  // Fixed reactants multiply the rate constant after every EQUIL has seen the raw constants.
  for (int r = 0; r < n_reactions(); ++r) {
    double* kr = k + static_cast<std::size_t>(r) * c.stride;
    for (RateVariable f : reactions_[r].fixed_reactants) {
      const double* fv = var(f);
      for (int i = 0; i < n; ++i) kr[i] *= fv[i];
    }
  }
}

}  // namespace qiantang::chemistry
