#pragma once
// Mass budget per species (kg): what was in the domain, what came in and went out through the
// lateral and top boundaries, what was emitted, deposited and changed by chemistry, and the
// residual that closes it:
//   residual = mass_now − mass_start − emitted + dry_deposited + wet_deposited
//              − boundary_in + boundary_out − chemistry_change
// Processes add to the tile-local accumulators; totals are reduced over ranks in rank order.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "solver/common/time.hpp"

namespace qiantang::solver {

struct SpeciesBudget {
  double mass_start_kg = 0, mass_now_kg = 0;
  double emitted_kg = 0, dry_deposited_kg = 0, wet_deposited_kg = 0;
  double boundary_in_kg = 0, boundary_out_kg = 0, chemistry_change_kg = 0;
  double residual_kg() const {
    return mass_now_kg - mass_start_kg - emitted_kg + dry_deposited_kg + wet_deposited_kg -
           boundary_in_kg + boundary_out_kg - chemistry_change_kg;
  }
};

class Budget {
 public:
  explicit Budget(std::vector<std::string> species) : names_(std::move(species)), local_(names_.size()) {}
  const std::vector<std::string>& species() const { return names_; }
  // Tile-local accumulators for species n (kg over the run so far on this rank).
  SpeciesBudget& local(std::size_t n) { return local_[n]; }
  const std::vector<SpeciesBudget>& locals() const { return local_; }
  std::vector<SpeciesBudget>& locals() { return local_; }

  // Appends one line per species to budget.csv (header when the file is new).
  static void write_csv_header(std::FILE* f);
  void write_csv(std::FILE* f, TimePoint t, const std::vector<SpeciesBudget>& totals) const;

 private:
  std::vector<std::string> names_;
  std::vector<SpeciesBudget> local_;
};

}  // namespace qiantang::solver
