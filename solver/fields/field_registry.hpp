#pragma once
// The model state's tracers: a registry of named 3-D fields with units (STYLE.md habit 4).
// Species are looked up by name once, then addressed by index.
#include <optional>
#include <string>
#include <vector>

#include "solver/fields/array3d.hpp"

namespace qiantang {

enum class Phase { gas, aerosol };

struct FieldInfo {
  std::string name;           // as in the mechanism: "O3", "NO2", "ASO4J", ...
  std::string units;          // internal units: "mol/mol" (gas) or "kg/kg" (aerosol)
  Phase phase = Phase::gas;
  double molar_mass_g_mol = 0.0;  // gases; aerosols carry their own mass
  std::string long_name;
  std::string standard_name;  // CF standard name where one exists
};

class FieldRegistry {
 public:
  explicit FieldRegistry(Extents extents) : extents_(extents) {}

  // Adds a field filled with `initial`; returns its index. A duplicate name is a logic error.
  int add(FieldInfo info, double initial = 0.0);
  std::optional<int> index(const std::string& name) const;
  int require(const std::string& name) const;  // throws std::out_of_range listing the names

  int size() const { return int(fields_.size()); }
  const FieldInfo& info(int n) const { return infos_[std::size_t(n)]; }
  Array3& operator[](int n) { return fields_[std::size_t(n)]; }
  const Array3& operator[](int n) const { return fields_[std::size_t(n)]; }
  std::vector<Array3*> pointers();
  const Extents& extents() const { return extents_; }

 private:
  Extents extents_;
  std::vector<FieldInfo> infos_;
  std::vector<Array3> fields_;
};

}  // namespace qiantang
