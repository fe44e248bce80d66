#pragma once
// MetProvider over Qiantang CF meteorology files: reads the tile's window (plus halo, clamped
// to the model domain, i.e. zero-gradient met outside it), derives layer thicknesses, air
// mass ρ Δz A, face air-mass fluxes ρ_f u Δz_f L_f and, when the files carry none, Kz from
// boundary-layer similarity; interpolates linearly in time between records.
#include <filesystem>
#include <map>
#include <vector>

#include "io/met/cf_met.hpp"
#include "solver/driver/boundary_layer.hpp"
#include "solver/driver/met_provider.hpp"
#include "solver/parallel/decomposition.hpp"

namespace qiantang::solver {

class CfMetProvider : public MetProvider {
 public:
  // The model domain is the met grid's window starting at (window_i0, window_j0) with the
  // decomposition's global size.
  CfMetProvider(const std::vector<std::filesystem::path>& files, const parallel::Decomposition& d,
                int halo, int window_i0, int window_j0, KzSettings kz = {});

  void tile_at(TimePoint t, MetTile& out) override;
  TimePoint first_time() const override { return reader_.times().front(); }
  TimePoint last_time() const override { return reader_.times().back(); }
  const io::CfMetReader& reader() const { return reader_; }
  // The model domain's grid.
  const grid::HorizontalGrid& grid() const { return grid_; }

 private:
  const MetTile& record(std::size_t n);
  void derive(const io::MetFields& f, int gi0, int gj0, MetTile& out) const;

  io::CfMetReader reader_;
  parallel::Decomposition d_;
  int halo_, wi0_, wj0_;
  KzSettings kz_;
  grid::HorizontalGrid grid_;
  std::map<std::size_t, MetTile> cache_;
};

// The met grid of CF files, for sizing a decomposition before the provider exists.
grid::HorizontalGrid cf_met_grid(const std::vector<std::filesystem::path>& files, int& nz);

}  // namespace qiantang::solver
