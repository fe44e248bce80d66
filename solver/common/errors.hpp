#pragma once
// The two error channels of Qiantang (STYLE.md habit 8):
//  - InputError: bad input (file, config, mechanism). Thrown with full context;
//    `main` prints what() on one line and exits 2.
//  - NumericalError: the model failed numerically (CFL, non-convergence, NaN,
//    negative mass). `main` exits 3 after the driver has written a restart.
// Usage errors on the command line exit 1.
#include <stdexcept>
#include <string>

namespace qiantang {

enum ExitCode : int { kExitOk = 0, kExitUsage = 1, kExitInput = 2, kExitNumerical = 3 };

class InputError : public std::runtime_error {
 public:
  // where: file (and line/index if known); what_var: variable or key; expected: what was expected.
  InputError(std::string where, std::string what_var, std::string expected)
      : std::runtime_error(compose(where, what_var, expected)),
        where_(std::move(where)), variable_(std::move(what_var)), expected_(std::move(expected)) {}

  const std::string& where() const noexcept { return where_; }
  const std::string& variable() const noexcept { return variable_; }
  const std::string& expected() const noexcept { return expected_; }

 private:
  static std::string compose(const std::string& w, const std::string& v, const std::string& e) {
    std::string s = w;
    if (!v.empty()) s += ": " + v;
    if (!e.empty()) s += ": " + e;
    return s;
  }
  std::string where_, variable_, expected_;
};

class NumericalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace qiantang
