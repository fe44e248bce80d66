#pragma once
// Rate expressions of the mechanism file (docs/mechanism-format.md), compiled once at load time
// into a small postfix (stack) program with constant folding, then evaluated for a block of
// cells at a time: every instruction is a loop over the cells (the vector dimension).
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qiantang::chemistry {

// Environment variables a rate expression may use; all per cell.
enum class RateVariable : int { T = 0, P, M, O2, N2, H2O, H2, CH4, count };
inline constexpr int kRateVariableCount = static_cast<int>(RateVariable::count);
const char* rate_variable_name(RateVariable v);
std::optional<RateVariable> rate_variable_from_name(const std::string& name);

// The inputs for evaluating rate expressions on `n` cells. Each pointer addresses `n`
// contiguous values; `j` and `k` are [index][stride] arrays (cell fastest).
struct RateInputs {
  int n = 0;
  const double* variable[kRateVariableCount] = {};
  const double* j = nullptr;  // photolysis rates, s^-1: j[p * stride + cell]
  const double* k = nullptr;  // rate constants already evaluated: k[r * stride + cell]
  int stride = 0;
};

class RateProgram {
 public:
  enum class Op : unsigned char {
    constant,
    variable,
    photolysis,
    rate,
    add,
    sub,
    mul,
    div,
    pow,
    neg,
    exp,
    log,
    log10,
    sqrt,
    min,
    max,
    arr,
    troe,
    equil
  };
  struct Instruction {
    Op op;
    int index = 0;     // variable, photolysis or reaction index
    double value = 0;  // constant
  };

  // Parses `text`. `lookup_photolysis` maps a JNAME to its index (adding it if new);
  // `lookup_reaction` maps a reaction label to its index or returns -1. Throws
  // std::invalid_argument with a message saying what is wrong; the caller adds file:line.
  static RateProgram compile(const std::string& text,
                             const std::function<int(const std::string&)>& lookup_photolysis,
                             const std::function<int(const std::string&)>& lookup_reaction);

  // out[c] for c in [0, in.n). `scratch` is resized as needed (reuse it across calls).
  void evaluate(const RateInputs& in, double* out, std::vector<double>& scratch) const;
  // Single cell convenience.
  double evaluate_one(const double variable[kRateVariableCount], const double* j,
                      const double* k) const;

  bool uses_rate() const;  // refers to another reaction's rate constant (EQUIL)
  std::vector<int> referenced_reactions() const;
  std::optional<double> constant_value() const;  // when the whole program folded to a number
  const std::vector<Instruction>& code() const { return code_; }

 private:
  std::vector<Instruction> code_;
  int max_depth_ = 0;
};

}  // namespace qiantang::chemistry
