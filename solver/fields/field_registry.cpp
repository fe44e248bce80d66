#include "solver/fields/field_registry.hpp"

#include <stdexcept>

namespace qiantang {

int FieldRegistry::add(FieldInfo info, double initial) {
  if (index(info.name)) throw std::logic_error("FieldRegistry: field '" + info.name + "' added twice");
  infos_.push_back(std::move(info));
  fields_.emplace_back(extents_, initial);
  return int(fields_.size()) - 1;
}

std::optional<int> FieldRegistry::index(const std::string& name) const {
  for (std::size_t n = 0; n < infos_.size(); ++n)
    if (infos_[n].name == name) return int(n);
  return std::nullopt;
}

int FieldRegistry::require(const std::string& name) const {
  if (auto n = index(name)) return *n;
  std::string known;
  for (const auto& i : infos_) known += (known.empty() ? "" : ", ") + i.name;
  throw std::out_of_range("no field '" + name + "' (fields: " + known + ")");
}

std::vector<Array3*> FieldRegistry::pointers() {
  std::vector<Array3*> p;
  p.reserve(fields_.size());
  for (auto& f : fields_) p.push_back(&f);
  return p;
}

}  // namespace qiantang
