#include "chemistry/mechanism/rate_expression.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace qiantang::chemistry {
namespace {

constexpr const char* kVariableNames[kRateVariableCount] = {"T",  "P",   "M",  "O2",
                                                            "N2", "H2O", "H2", "CH4"};

using Op = RateProgram::Op;

// ARR(A, C, B) = A exp(-C/T) (T/300)^B (CMAQ Arrhenius form; C in K).
inline double arrhenius(double a, double c, double b, double t) {
  return a * std::exp(-c / t) * std::pow(t / 300.0, b);
}

// IUPAC/CMAQ fall-off: k0 = ARR(A0,C0,B0) M, kinf = ARR(Ainf,Cinf,Binf),
// k = k0/(1 + k0/kinf) * Fc^(1/(1 + (log10(k0/kinf)/N)^2)).
inline double troe(const double* a, double t, double m) {
  const double k0 = arrhenius(a[0], a[1], a[2], t) * m;
  const double kinf = arrhenius(a[3], a[4], a[5], t);
  const double r = k0 / kinf;
  const double x = std::log10(r) / a[7];
  return k0 / (1.0 + r) * std::pow(a[6], 1.0 / (1.0 + x * x));
}

int arity(Op op) {
  switch (op) {
    case Op::constant:
    case Op::variable:
    case Op::photolysis:
    case Op::rate:
      return 0;
    case Op::neg:
    case Op::exp:
    case Op::log:
    case Op::log10:
    case Op::sqrt:
      return 1;
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::pow:
    case Op::min:
    case Op::max:
      return 2;
    case Op::arr:
    case Op::equil:
      return 3;
    case Op::troe:
      return 8;
  }
  return 0;
}

// Pure arithmetic that can be folded when all operands are constants.
bool foldable(Op op) { return op != Op::arr && op != Op::troe && op != Op::equil && arity(op) > 0; }

double apply(Op op, const double* a) {
  switch (op) {
    case Op::add:
      return a[0] + a[1];
    case Op::sub:
      return a[0] - a[1];
    case Op::mul:
      return a[0] * a[1];
    case Op::div:
      return a[0] / a[1];
    case Op::pow:
      return std::pow(a[0], a[1]);
    case Op::min:
      return std::min(a[0], a[1]);
    case Op::max:
      return std::max(a[0], a[1]);
    case Op::neg:
      return -a[0];
    case Op::exp:
      return std::exp(a[0]);
    case Op::log:
      return std::log(a[0]);
    case Op::log10:
      return std::log10(a[0]);
    case Op::sqrt:
      return std::sqrt(a[0]);
    default:
      return 0.0;
  }
}

// Recursive-descent compiler: expr := term {(+|-) term}; term := unary {(*|/) unary};
// unary := (-|+) unary | power; power := primary [(^|**) unary]; primary := number | name |
// name(args) | (expr).
class Compiler {
 public:
  Compiler(const std::string& text, const std::function<int(const std::string&)>& phot,
           const std::function<int(const std::string&)>& rate)
      : s_(text), phot_(phot), rate_(rate) {}

  std::vector<RateProgram::Instruction> run() {
    skip();
    if (pos_ >= s_.size()) fail("an expression (it is empty)");
    expr();
    skip();
    if (pos_ < s_.size()) fail(std::string("an operator or the end, found '") + s_[pos_] + "'");
    return std::move(code_);
  }

 private:
  [[noreturn]] void fail(const std::string& expected) const {
    throw std::invalid_argument("rate expression '" + s_ + "' at column " +
                                std::to_string(pos_ + 1) + ": expected " + expected);
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool accept(char c) {
    skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!accept(c)) fail(std::string("'") + c + "'");
  }
  void emit(Op op, int index = 0, double value = 0.0) {
    const int n = arity(op);
    if (foldable(op) && static_cast<int>(code_.size()) >= n) {
      bool all_const = true;
      for (int i = 0; i < n; ++i)
        all_const = all_const && code_[code_.size() - 1 - i].op == Op::constant;
      if (all_const) {
        double a[2];
        for (int i = 0; i < n; ++i) a[i] = code_[code_.size() - n + i].value;
        code_.resize(code_.size() - n);
        code_.push_back({Op::constant, 0, apply(op, a)});
        return;
      }
    }
    code_.push_back({op, index, value});
  }
  std::string name() {
    skip();
    const std::size_t b = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    return s_.substr(b, pos_ - b);
  }
  void expr() {
    term();
    for (;;) {
      if (accept('+')) {
        term();
        emit(Op::add);
      } else if (accept('-')) {
        term();
        emit(Op::sub);
      } else {
        return;
      }
    }
  }
  void term() {
    unary();
    for (;;) {
      skip();
      if (pos_ + 1 < s_.size() && s_[pos_] == '*' && s_[pos_ + 1] == '*') return;  // power
      if (accept('*')) {
        unary();
        emit(Op::mul);
      } else if (accept('/')) {
        unary();
        emit(Op::div);
      } else {
        return;
      }
    }
  }
  void unary() {
    if (accept('-')) {
      unary();
      emit(Op::neg);
    } else if (accept('+')) {
      unary();
    } else {
      power();
    }
  }
  void power() {
    primary();
    skip();
    if (accept('^')) {
      unary();
      emit(Op::pow);
    } else if (pos_ + 1 < s_.size() && s_[pos_] == '*' && s_[pos_ + 1] == '*') {
      pos_ += 2;
      unary();
      emit(Op::pow);
    }
  }
  void number() {
    // Digits, optional fraction, optional exponent with e/E or Fortran d/D.
    std::string t;
    while (pos_ < s_.size() &&
           (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.'))
      t += s_[pos_++];
    if (pos_ < s_.size() && std::strchr("eEdD", s_[pos_]) != nullptr) {
      std::size_t q = pos_ + 1;
      if (q < s_.size() && (s_[q] == '+' || s_[q] == '-')) ++q;
      if (q < s_.size() && std::isdigit(static_cast<unsigned char>(s_[q]))) {
        t += 'e';
        t += s_.substr(pos_ + 1, q - pos_ - 1);
        pos_ = q;
        while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_])))
          t += s_[pos_++];
      }
    }
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size() || std::count(t.begin(), t.end(), '.') > 1)
      fail("a number, found '" + t + "'");
    emit(Op::constant, 0, v);
  }
  void arguments(int n, const std::string& f) {
    expect('(');
    for (int i = 0; i < n; ++i) {
      if (i > 0 && !accept(',')) fail(f + " to have " + std::to_string(n) + " arguments");
      expr();
    }
    if (!accept(')')) fail(f + " to have " + std::to_string(n) + " arguments, then ')'");
  }
  void primary() {
    skip();
    if (pos_ >= s_.size()) fail("a number, variable, function or '('");
    const char c = s_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (accept('(')) {
      expr();
      expect(')');
      return;
    }
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_')
      fail(std::string("a number, variable, function or '(', found '") + c + "'");
    const std::string id = name();
    skip();
    const bool call = pos_ < s_.size() && s_[pos_] == '(';
    if (!call) {
      const auto v = rate_variable_from_name(id);
      if (!v) fail("a variable (T, P, M, O2, N2, H2O, H2, CH4), found '" + id + "'");
      emit(Op::variable, static_cast<int>(*v));
      return;
    }
    if (id == "ARR") {
      arguments(3, "ARR");
      emit(Op::arr);
    } else if (id == "TROE") {
      arguments(8, "TROE");
      emit(Op::troe);
    } else if (id == "EQUIL") {
      expect('(');
      const std::string label = name();
      const int r = label.empty() ? -1 : rate_(label);
      if (r < 0)
        fail("EQUIL(LABEL, A, C) with the label of an existing reaction, found '" + label + "'");
      emit(Op::rate, r);
      for (int i = 0; i < 2; ++i) {
        if (!accept(',')) fail("EQUIL to have 3 arguments");
        expr();
      }
      if (!accept(')')) fail("EQUIL to have 3 arguments, then ')'");
      emit(Op::equil);
    } else if (id == "PHOT") {
      expect('(');
      const std::string jname = name();
      if (jname.empty()) fail("PHOT(JNAME, SCALE) with a J-value name");
      emit(Op::photolysis, phot_(jname));
      if (!accept(',')) fail("PHOT to have 2 arguments");
      expr();
      if (!accept(')')) fail("PHOT to have 2 arguments, then ')'");
      emit(Op::mul);
    } else if (id == "exp" || id == "log" || id == "log10" || id == "sqrt") {
      arguments(1, id);
      emit(id == "exp" ? Op::exp : id == "log" ? Op::log : id == "log10" ? Op::log10 : Op::sqrt);
    } else if (id == "pow" || id == "min" || id == "max") {
      arguments(2, id);
      emit(id == "pow" ? Op::pow : id == "min" ? Op::min : Op::max);
    } else {
      fail(
          "a known function (ARR, TROE, EQUIL, PHOT, exp, log, log10, sqrt, pow, min, max), found "
          "'" +
          id + "'");
    }
  }

  const std::string& s_;
  const std::function<int(const std::string&)>& phot_;
  const std::function<int(const std::string&)>& rate_;
  std::size_t pos_ = 0;
  std::vector<RateProgram::Instruction> code_;
};

}  // namespace

const char* rate_variable_name(RateVariable v) { return kVariableNames[static_cast<int>(v)]; }

std::optional<RateVariable> rate_variable_from_name(const std::string& name) {
  for (int i = 0; i < kRateVariableCount; ++i)
    if (name == kVariableNames[i]) return static_cast<RateVariable>(i);
  return std::nullopt;
}

RateProgram RateProgram::compile(const std::string& text,
                                 const std::function<int(const std::string&)>& lookup_photolysis,
                                 const std::function<int(const std::string&)>& lookup_reaction) {
  RateProgram p;
  p.code_ = Compiler(text, lookup_photolysis, lookup_reaction).run();
  int depth = 0;
  for (const auto& ins : p.code_) {
    depth += 1 - arity(ins.op);
    p.max_depth_ = std::max(p.max_depth_, depth);
  }
  return p;
}

void RateProgram::evaluate(const RateInputs& in, double* out, std::vector<double>& scratch) const {
  const int n = in.n;
  const std::size_t need = static_cast<std::size_t>(std::max(max_depth_, 1)) * n;
  if (scratch.size() < need) scratch.resize(need);
  double* st = scratch.data();
  const double* temp = in.variable[static_cast<int>(RateVariable::T)];
  const double* air = in.variable[static_cast<int>(RateVariable::M)];
  int d = 0;  // stack depth; level i occupies st[i*n .. i*n+n)
  for (const auto& ins : code_) {
    double* top = st + static_cast<std::size_t>(d) * n;  // next free level
    double* a = top - n;                                 // last operand
    double* b = top - 2 * n;                             // second last
    switch (ins.op) {
      case Op::constant:
        for (int c = 0; c < n; ++c) top[c] = ins.value;
        break;
      case Op::variable: {
        const double* v = in.variable[ins.index];
        for (int c = 0; c < n; ++c) top[c] = v[c];
        break;
      }
      case Op::photolysis: {
        const double* v = in.j + static_cast<std::size_t>(ins.index) * in.stride;
        for (int c = 0; c < n; ++c) top[c] = v[c];
        break;
      }
      case Op::rate: {
        const double* v = in.k + static_cast<std::size_t>(ins.index) * in.stride;
        for (int c = 0; c < n; ++c) top[c] = v[c];
        break;
      }
      case Op::add:
        for (int c = 0; c < n; ++c) b[c] += a[c];
        break;
      case Op::sub:
        for (int c = 0; c < n; ++c) b[c] -= a[c];
        break;
      case Op::mul:
        for (int c = 0; c < n; ++c) b[c] *= a[c];
        break;
      case Op::div:
        for (int c = 0; c < n; ++c) b[c] /= a[c];
        break;
      case Op::pow:
        for (int c = 0; c < n; ++c) b[c] = std::pow(b[c], a[c]);
        break;
      case Op::min:
        for (int c = 0; c < n; ++c) b[c] = std::min(b[c], a[c]);
        break;
      case Op::max:
        for (int c = 0; c < n; ++c) b[c] = std::max(b[c], a[c]);
        break;
      case Op::neg:
        for (int c = 0; c < n; ++c) a[c] = -a[c];
        break;
      case Op::exp:
        for (int c = 0; c < n; ++c) a[c] = std::exp(a[c]);
        break;
      case Op::log:
        for (int c = 0; c < n; ++c) a[c] = std::log(a[c]);
        break;
      case Op::log10:
        for (int c = 0; c < n; ++c) a[c] = std::log10(a[c]);
        break;
      case Op::sqrt:
        for (int c = 0; c < n; ++c) a[c] = std::sqrt(a[c]);
        break;
      case Op::arr: {
        double* x = top - 3 * n;
        for (int c = 0; c < n; ++c) x[c] = arrhenius(x[c], b[c], a[c], temp[c]);
        break;
      }
      case Op::equil: {
        // EQUIL(LABEL, A, C) = k(LABEL) / (A exp(C/T)).
        double* x = top - 3 * n;
        for (int c = 0; c < n; ++c) x[c] = x[c] / (b[c] * std::exp(a[c] / temp[c]));
        break;
      }
      case Op::troe: {
        double* x = top - 8 * n;
        for (int c = 0; c < n; ++c) {
          double args[8];
          for (int i = 0; i < 8; ++i) args[i] = x[static_cast<std::size_t>(i) * n + c];
          x[c] = troe(args, temp[c], air[c]);
        }
        break;
      }
    }
    d += 1 - arity(ins.op);
  }
  for (int c = 0; c < n; ++c) out[c] = st[c];
}

double RateProgram::evaluate_one(const double variable[kRateVariableCount], const double* j,
                                 const double* k) const {
  RateInputs in;
  in.n = 1;
  for (int i = 0; i < kRateVariableCount; ++i) in.variable[i] = &variable[i];
  in.j = j;
  in.k = k;
  in.stride = 1;
  std::vector<double> scratch;
  double out = 0.0;
  evaluate(in, &out, scratch);
  return out;
}

bool RateProgram::uses_rate() const {
  return std::any_of(code_.begin(), code_.end(),
                     [](const Instruction& i) { return i.op == Op::rate; });
}

std::vector<int> RateProgram::referenced_reactions() const {
  std::vector<int> r;
  for (const auto& i : code_)
    if (i.op == Op::rate) r.push_back(i.index);
  return r;
}

std::optional<double> RateProgram::constant_value() const {
  if (code_.size() == 1 && code_[0].op == Op::constant) return code_[0].value;
  return std::nullopt;
}

}  // namespace qiantang::chemistry
