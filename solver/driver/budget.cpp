#include "solver/driver/budget.hpp"

namespace qiantang::solver {

void Budget::write_csv_header(std::FILE* f) {
  std::fprintf(f, "time,species,mass_start_kg,mass_now_kg,emitted_kg,dry_deposited_kg,"
                  "wet_deposited_kg,boundary_in_kg,boundary_out_kg,chemistry_change_kg,"
                  "residual_kg,relative_residual\n");
}

void Budget::write_csv(std::FILE* f, TimePoint t, const std::vector<SpeciesBudget>& totals) const {
  const std::string ts = format_iso8601(t);
  for (std::size_t n = 0; n < names_.size(); ++n) {
    const auto& b = totals[n];
    const double scale = std::max({std::abs(b.mass_start_kg), std::abs(b.mass_now_kg),
                                   std::abs(b.emitted_kg), std::abs(b.boundary_in_kg), 1e-300});
    std::fprintf(f, "%s,%s,%.10e,%.10e,%.10e,%.10e,%.10e,%.10e,%.10e,%.10e,%.6e,%.3e\n", ts.c_str(),
                 names_[n].c_str(), b.mass_start_kg, b.mass_now_kg, b.emitted_kg,
                 b.dry_deposited_kg, b.wet_deposited_kg, b.boundary_in_kg, b.boundary_out_kg,
                 b.chemistry_change_kg, b.residual_kg(), b.residual_kg() / scale);
  }
  std::fflush(f);
}

}  // namespace qiantang::solver
