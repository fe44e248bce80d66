#pragma once
// One interface for everything the driver steps (STYLE.md habit 2). The public run() is
// non-virtual: it times the process and checks its result; run_impl() does the science.
// Processes are created by name from a self-registering factory (habit 3); the splitting order
// comes from the config key [processes] order.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "solver/common/time.hpp"

namespace qiantang::io {
class Config;
}

namespace qiantang::solver {

struct ModelState;
struct StepContext;
class Model;

class Process {
 public:
  explicit Process(std::string name) : name_(std::move(name)) {}
  virtual ~Process() = default;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  const std::string& name() const { return name_; }
  // Advances `state` over ctx.dt_s. Throws NumericalError (with process name, location and time)
  // when the process reports a failure.
  void run(ModelState& state, const StepContext& ctx);
  double seconds_spent() const { return seconds_; }

 protected:
  virtual void run_impl(ModelState& state, const StepContext& ctx) = 0;

 private:
  std::string name_;
  double seconds_ = 0.0;
};

// Everything a process may need at construction: the config, the model (grid, species, met).
using ProcessMaker = std::function<std::unique_ptr<Process>(const io::Config&, Model&)>;

class ProcessFactory {
 public:
  static ProcessFactory& instance();
  // Returns true so that registration can initialise a static in the process's .cpp file.
  bool add(const std::string& name, ProcessMaker make);
  // Throws InputError listing the valid names when `name` is unknown.
  std::unique_ptr<Process> create(const std::string& name, const io::Config& config, Model& model,
                                  const std::string& where) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, ProcessMaker> makers_;
};

}  // namespace qiantang::solver
