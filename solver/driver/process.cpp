#include "solver/driver/process.hpp"

#include "solver/common/errors.hpp"

namespace qiantang::solver {

void Process::run(ModelState& state, const StepContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  run_impl(state, ctx);
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

ProcessFactory& ProcessFactory::instance() {
  static ProcessFactory f;
  return f;
}

bool ProcessFactory::add(const std::string& name, ProcessMaker make) {
  makers_[name] = std::move(make);
  return true;
}

std::unique_ptr<Process> ProcessFactory::create(const std::string& name, const io::Config& config,
                                                Model& model, const std::string& where) const {
  const auto it = makers_.find(name);
  if (it == makers_.end()) {
    std::string valid;
    for (const auto& [n, m] : makers_) valid += (valid.empty() ? "" : ", ") + n;
    throw InputError(where, "processes.order", "a process name out of {" + valid + "}, got '" + name + "'");
  }
  return it->second(config, model);
}

std::vector<std::string> ProcessFactory::names() const {
  std::vector<std::string> n;
  for (const auto& [k, v] : makers_) n.push_back(k);
  return n;
}

}  // namespace qiantang::solver
